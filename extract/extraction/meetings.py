"""Meetings: two or more named parties meet, hold talks, receive/host, call or video-link.

Triggers (outside quotations): met/meet(s) (with), held talks/a meeting/a call with,
talks/meeting/call between X and Y, received/hosted/welcomed/greeted X, spoke by phone
with, a phone/video call with, sat down with, "a talk hosted by ORG" (the organisation is
the counterpart of the sentence's subject).

Round 2 added: attendance ("the meeting was attended by ...", "also present were ...",
"X was joined by ...", "co-chaired by", "brought together", "opened the summit alongside",
"Russia was represented by"), "the two leaders"/"the pair"/"both leaders" resolved to the
pair of the last meeting (or of this sentence), "separate" meetings split per pair, "with
whom X discussed", "joined A and B for a meeting", "talks mediated/hosted by X between A and
B", "X arrived ... and was received at the airport by Y", and places from a "where" clause, a
participant's trip, another meeting of the same people or the dateline (a sentence place only
counts as a venue after in/at/to, not "the war in Ukraine" or "ministers of Ghana").

Participants are the named agent before the trigger (with "X and Y" coordination) and the
named persons/organisations after it in the same clause ("a delegation led by X" is X).
Mode is phone/video from the words around the trigger; track from the participants'
government/non-government kinds. One meeting per distinct participant set: repeated
reports of the same set merge (and a subset merges into its superset).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from extract.extraction.document import Agent, Document
from extract.extraction.model import Evidence, Meeting
from extract.extraction.people import Entity, Mention
from extract.extraction.places import _NOT_VENUE, Location, as_location, location_in
from extract.extraction.sentences import Sentence
from extract.extraction.statements import actor_of

_NOUNS = (r"talks|meeting|meetings|discussions|consultations|call|phone\s+call|talk|conversation|dialogue|"
          r"summit|exchange|exchanges|negotiations|video\s+call|telephone\s+call|phone\s+conversation|"
          r"telephone\s+conversation|video\s+conference|videoconference|bilateral|tête-à-tête|audience")
_TRIGGER = re.compile(
    r"(?<![\w’'\-])(?:"
    r"(?P<met>met|meets|meet|meeting)(?:\s+(?:separately\s+|briefly\s+|privately\s+|again\s+)?with)?"
    rf"|(?P<held>held|hold|holds|holding|had|has|have|conducted|conducts)\s+(?:[\w\-]+\s+){{0,3}}?(?:{_NOUNS})"
    rf"|(?P<between>(?:{_NOUNS})\s+between)"
    r"|(?P<host>received|receives|receiving|hosted|hosts|hosting|welcomed|welcomes|welcoming|greeted|greets)"
    r"|(?P<spoke>spoke|speaks|talked|chatted|conferred)"
    r"|(?P<call>(?:phone|telephone|video|virtual)\s+(?:call|conversation|talks|conference|meeting|summit|link)s?)"
    r"|(?P<courtesy>paid\s+(?:a\s+)?(?:courtesy\s+)?(?:call|visit)\s+on|pays\s+(?:a\s+)?(?:courtesy\s+)?(?:call|visit)\s+on|called\s+on)"
    r"|(?P<sat>sat\s+down|sit\s+down|sits\s+down)\s+with"
    r"|(?P<their>(?:in|during|at|after|before)\s+(?:their|the\s+two\s+\w+['’]s?)\s+(?:[\w\-]+\s+){0,3}?(?:talks|meeting|summit|call|conversation|encounter))"
    r"|(?P<phoned>phoned|telephoned|rang|called)(?=\s+[A-Z])"
    r"|(?P<talks_with>talks|meeting|meetings|discussions)\s+with"
    r"|(?P<whom>with\s+whom)"
    r"|(?P<joined>joined|joins)(?=\s+[^.;]{0,160}?\bfor\s+(?:a|an|the|their)\s+(?:[\w\-]+\s+){0,3}?(?:meeting|talks|summit|dinner|session|consultations|discussions)\b)"
    r"|(?P<spent>spent|spends)\s+(?:(?:more|less)\s+than\s+|nearly\s+|about\s+|over\s+|almost\s+)?(?:[\w\-]+\s+){0,2}?(?:hours?|minutes|days?|time)\s+(?:\w+\s+){0,2}?with"
    r")(?![\w’'\-])")
_HOST_TO_PLACE = re.compile(r"[^,.;]{0,60}?\bto\s+(?:the\s+)?[A-Z]")
_PLANNED_CLAUSE = re.compile(
    r"\b(?:will|shall|(?:is|are)\s+(?:set|expected|scheduled|due|slated)\s+to|plans?\s+to|is\s+to|are\s+to)\b")
_WITH = re.compile(r"\b(?:with|between)\s+")
_WITH_TO = re.compile(r"\b(?:with|to)\s+")
_BY = re.compile(r"\bby\s+")
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:also\s+|warmly\s+|formally\s+|later\s+|first\s+|then\s+)?$")
_HOSTED_BY = re.compile(
    r"(?<![\w])(?:talk|talks|event|dinner|lunch|luncheon|banquet|forum|dialogue|discussion|discussions|meeting|"
    r"reception|roundtable|round-table|seminar|symposium|conference|session|briefing|panel|negotiations|"
    r"summit|consultations)\s+"
    r"(?:\w+\s+){0,2}?(?P<verb>hosted|organised|organized|held|convened|mediated|brokered|facilitated|chaired|co-chaired)\s+by\s+")
_PHONE = re.compile(r"\b(?:phone|telephone|telephoned|phoned|by\s+call|phone\s+call|on\s+the\s+phone)\b", re.I)
_VIDEO = re.compile(r"\b(?:video|virtual|virtually|videoconference|video-link|online\s+meeting|via\s+video)\b", re.I)
_PLANNED = re.compile(
    r"(?:\bwill|\bwould|\bshall|\bset\s+to|\bexpected\s+to|\bplans?\s+to|\bplanning\s+to|\bscheduled\s+to|"
    r"\bdue\s+to|\bis\s+to|\bare\s+to|\bagreed\s+to|\bhopes?\s+to|\bintends?\s+to|\bgoing\s+to|\bwants?\s+to|"
    r"\bto|\bupcoming|\bnext|\bforthcoming|\bplanned|\bproposed|\binvited\s+\w+\s+to|\bready\s+to)"
    r"(?:\s+\w+){0,2}\s*$", re.I)
_NEGATED = re.compile(
    r"(?:\bnot|n't|\bnever|\bno|\bcancel(?:l)?(?:ed|ing|s)|\bpostpon(?:ed|ing|es)|\bcall(?:ed|ing)\s+off|\bscrap(?:ped|ping|s)|"
    r"\bskip(?:ped|ping|s)|\bax(?:ed|ing)|\bwould\s+have|\brefused|\bdeclined|"
    r"\bcould|\bmight|\bmay|\bwithout|\bfailed\s+to|\bunlikely|\bif|\bwhether|\brejected)(?:\s+\w+){0,3}\s*$", re.I)
_NEG_AFTER = re.compile(r"[^.;]{0,60}?\b(?:was|were|has\s+been|had\s+been)\s+(?:cancel(?:l)?ed|postponed|called\s+off|scrapped)", re.I)
_OBJ_STOP = re.compile(
    r"[;:“\"]|\.(?:\s|$)|\s(?:to\s+(?:discuss|talk|review|sign|seek|push|press|address|explore|"
    r"strengthen|boost|deepen|promote|ease|resolve|mark|attend|hear)|since|after|before|when|while|"
    r",?\s*and\s+(?:was|were|is|are|will|would|has|had|later|then|also|is\s+due|was\s+due)|"
    r"where|amid|as|because|during|following|ahead\s+of|who|which|said|says|told|and\s+(?:said|told|"
    r"discussed|agreed|signed|urged|called|pledged|vowed)|but|and\s+(?:later\s+|then\s+|also\s+)?[a-z]+ed|"
    r"(?:on|about|over|regarding|focused\s+on|focusing\s+on)\s+(?=[a-z]))\b|,\s+(?=[a-z])(?!and\b|along\s+with\b|as\s+well\s+as\b)")
_ATTRIBUTIVE = re.compile(r"\s+(?:summit|meeting|talks|forum|conference|session|leaders|ministers|member|members|"
                          r"countries|states|charter|headquarters|secretariat|framework|palace|residence|"
                          r"airport|airbase|compound|building|office)\b")


@dataclass
class _Found:
    parts: list[Entity]
    sent: Sentence
    trigger: int
    location: Location | None
    host_country: str | None
    mode: str
    planned: bool
    rule: str
    date: date | None
    precision: str
    dateline_ok: bool = False
    separate: bool = False


_ATTEND = re.compile(
    r"(?P<attended>\b(?:was|were|is|are)\s+(?:also\s+)?attended\s+by\s+)"
    r"|(?P<present_pre>(?<![\w])(?:[Aa]lso\s+)?[Pp]resent\s+(?:there\s+|at\s+the\s+\w+\s+|during\s+the\s+\w+\s+|"
    r"on\s+the\s+occasion\s+)?(?:were|was)\s+)"
    r"|(?P<present_post>\b(?:(?:were|was)\s+(?:also\s+)?(?:present|in\s+attendance)|(?:also\s+)?(?:addressed|attended|joined|sat\s+in\s+on)\s+"
    r"the\s+(?:[\w\-]+\s+)?(?:meeting|summit|session|talks|conference|forum|gathering|dialogue|roundtable|seminar))\b)"
    r"|(?P<alongside>\b(?:opened|attended|hosted|chaired|addressed|closed)\s+the\s+(?:[\w\-]+\s+){0,2}?"
    r"(?:summit|meeting|conference|forum|session|assembly)\s+(?:[\w\-]+\s+){0,3}?alongside\s+)"
    r"|(?P<represented>\b(?:was|were)\s+(?:also\s+)?represented\s+by\s+)"
    r"|(?P<joined>\s(?:was|were)\s+(?:also\s+)?joined\s+by\s+)"
    r"|(?P<chaired>\b(?:co-chaired|chaired|co-hosted)\s+by\s+)"
    r"|(?P<together>\b(?:brought|brings|bringing)\s+together\s+)")
_DESC_START = re.compile(r"\s*([Tt]he)\s+((?:[\w’'\-]+\s+){0,4}?)([a-z][\w\-]*)\s+(?=[a-z])")
_VENUE_BEFORE = re.compile(r"\b(?:in|at|to|into|near|outside|inside)\s+(?:the\s+)?(?:[\w\-’']+\s+){0,3}?$")
# Every meeting trigger contains one of these words (a cheap filter before the regexes).
_MEET_HINTS = frozenset("""
met meet meets meeting meetings talks talk discussions consultations call calls conversation dialogue
summit exchange exchanges negotiations bilateral audience received receives receiving hosted hosts
hosting welcomed welcomes welcoming greeted greets spoke speaks talked chatted conferred phone
telephone video virtual paid pays called sat sit sits phoned telephoned rang whom joined joins spent
spends conference videoconference encounter tête-à-tête organised organized convened mediated
brokered facilitated chaired co-chaired event dinner lunch luncheon banquet forum reception
roundtable round-table seminar symposium session briefing panel discussion
""".split())
_EVENT_SUBJECT = re.compile(r"\s*(?:The|This|That|Their|His|Her)\s+(?:[\w\-]+\s+){0,2}?(?:meeting|talks|session|ceremony|dinner|event|"
                            r"summit|discussions|gathering|conference|forum|roundtable|dialogue)\b")
_REL_WHO_M = re.compile(r",\s*who\s+(?:also\s+|had\s+|has\s+|have\s+)*$")
_EVENT_OF = re.compile(r"\b(?:summit|meeting|session|conference|forum|council|assembly|gathering|ministerial)\s+of\s+(?:the\s+)?$")
_LIST_STOP = re.compile(r"[.:“\"]|\s(?:who|which|where|when|to\s+(?:discuss|sign|attend|mark))\s")
_MEETING_WORDS = re.compile(r"\b(?:met|meeting|talks|roundtable|round-table|dialogue|forum|summit|session|"
                            r"consultations|conference|seminar|symposium|workshop|gathering)\b")


def _has_place(doc: Document, sent: Sentence) -> bool:
    """Whether the sentence names a place other than the dateline's country."""
    home = doc.dateline[0] if doc.dateline else None
    body = doc.body
    # only a place the words put something in or at counts: "the foreign ministers of
    # Ghana and Fiji" (origin), "Egypt was represented by" (a subject), "the war in Ukraine"
    # (a topic) say nothing about where this meeting was
    return any(m.place.kind != "demonym" and m.place.iso3 != home
               and _VENUE_BEFORE.search(body, max(sent.start, m.start - 40), m.start)
               and not _NOT_VENUE.search(body, max(sent.start, m.start - 40), m.start)
               for m in doc.places_in(sent.start, sent.end))


_AND_VP = re.compile(r"(?:,\s*|\s)and\s+(?:(?:later|then|also|subsequently|is|was|were|are|will|would|be|been|has|had|"
                     r"expected|set|due|scheduled|to|is\s+expected\s+to|is\s+set\s+to|[a-z]+ly)\s+){0,4}$")
_SEPARATE = re.compile(r"\bseparate(?:ly)?\b")
_WITH_BOTH = re.compile(r"\s*(?:separate(?:ly)?\s+)?(?:with|between)\s+(?:both|the\s+two)\s+(?:leaders|men|women|ministers|presidents|"
                        r"visitors|guests|heads\s+of\s+state|sides|delegations|counterparts)\b")
_AND_GROUP = re.compile(r"\s+and\s+(?:the|other|several|a|an|two|three|four|five|six|seven|\d+)\s+"
                        r"(?:[a-z][\w\-]*\s+|[A-Z][a-z]+\s+|of\s+){0,6}")
_THE_TWO = re.compile(r"(?:(?:[Tt]he|[Bb]oth)\s+(?:two|2)\s+(?:leaders|men|women|ministers|presidents|prime\s+ministers|"
                      r"foreign\s+ministers|officials|heads\s+of\s+state|counterparts|diplomats|envoys|sides|premiers|"
                      r"chancellors)|[Tt]he\s+(?:pair|duo))\s+(?:(?:also|later|then|had|have|first|last|previously|briefly)\s+)*$")


def _the_two(doc: Document, sent: Sentence, pos: int) -> list[Entity]:
    """ "the two leaders": the last two different persons named before ``pos``."""
    out: list[Entity] = []
    k = sent.index
    lo = doc.sentences[max(0, k - 4)].start
    for m in reversed(doc.agents_in(lo, pos)):
        if m.kind != "person" or m.entity is None or m.entity.strength <= 0 or doc.in_quote(m.start):
            continue
        if m.entity not in out:
            out.append(m.entity)
        if len(out) == 2:
            return out[::-1]
    return []


def _last_pair(found: list[_Found] | None, sent: Sentence, exclude: list[Entity]) -> list[Entity]:
    """The two parties of the latest meeting reported before ("the two leaders")."""
    for f in reversed(found or []):
        if f.sent.index < sent.index - 6:
            break
        rest = [e for e in f.parts if e not in exclude and e.kind == "person"]
        if len(rest) == 2:
            return rest
    return []


def _subject_group(doc: Document, sent: Sentence, pos: int, found: list[_Found] | None = None,
                   exclude: list[Entity] | None = None) -> list[Entity]:
    pre = doc.body[max(sent.start, pos - 80):pos]
    if _THE_TWO.search(pre):
        # two persons named earlier in this very sentence, else the last meeting's pair
        local = [m.entity for m in doc.agents_in(sent.start, pos) if m.kind == "person"
                 and m.entity is not None and m.entity.strength > 0 and not doc.in_quote(m.start)]
        if len({e.id for e in local}) >= 2:
            return _the_two(doc, sent, pos)
        return _last_pair(found, sent, exclude or []) or _the_two(doc, sent, pos)
    ab = doc.agent_before(sent, pos) if _AND_VP.search(pre) else None
    if _AND_VP.search(pre) and (ab is None or ab.entity is None):
        # "X arrived in Y on Monday and held talks with Z": the subject of the first verb
        return (_sentence_subject(doc, sent, pos) or _sentence_subject(doc, sent, pos, from_start=True))[:3]
    agent: Agent | None = doc.agent_before(sent, pos)
    if agent is None or agent.entity is None:
        # "X and the leaders of five European countries met Y": the named one
        lo, _ = doc.clause_bounds(sent, pos)
        for m in reversed(doc.agents_in(max(lo, sent.start), pos)):
            if m.kind == "person" and m.entity is not None and m.entity.strength > 0 and not doc.in_quote(m.start):
                if _AND_GROUP.fullmatch(doc.body, m.end, pos):
                    return [m.entity]
                break
        # "Liu, who heads ..., met": the first person of the clause
        lo, _ = doc.clause_bounds(sent, pos)
        cands = [m for m in doc.agents_in(lo, pos) if not doc.in_quote(m.start)]
        if agent is None and cands and cands[0].kind == "person":
            # "X and Y, chairman of ..., met separately with Z": the coordinated subject
            group = [cands[0]]
            for m in cands[1:]:
                if m.kind == "person" and re.fullmatch(r"\s*(?:,|and|,\s*and)\s*(?:[A-Za-z’'\-\.]+\s+){0,4}?",
                                                        doc.body[group[-1].end:m.start]):
                    group.append(m)
                else:
                    break
            between = doc.body[group[-1].end:pos]
            if between.startswith(",") and between.count(",") >= 2 and "“" not in between \
                    and not re.search(r"\b(?:said|says|told)\b", between):
                return [m.entity for m in group if m.entity is not None]
        return []
    ents = [agent.entity]
    # coordination: "X and Y met", "X, Y and Z held talks"
    k = agent.start
    for m in reversed(doc.agents_in(max(sent.start, k - 200), k)):
        gap = doc.body[m.end:k]
        if re.fullmatch(r"\s*(?:,|and|,\s*and|&)\s*(?:(?:the\s+)?[A-Za-z’'\-\.]+\s+){0,4}?", gap) and m.entity is not None:
            if m.kind == "person" or agent.entity.kind == "organization":
                ents.insert(0, m.entity)
                k = m.start
                continue
        break
    return ents


def _objects(doc: Document, lo: int, hi: int) -> list[Entity]:
    body = doc.body
    stop = _OBJ_STOP.search(body, lo, hi)
    end = stop.start() if stop else hi
    out: list[Entity] = []
    for m in doc.agents_in(lo, end):
        if m.entity is None or doc.in_quote(m.start):
            continue
        before = body[max(lo, m.start - 12):m.start]
        if re.search(r"\b(?:at|in|near|from|of|outside|inside|to)\s+(?:the\s+)?$", before):
            continue
        if before.endswith("("):
            continue  # "(SCO)": the short form of the name before it
        if _ATTRIBUTIVE.match(body, m.end):
            continue
        if m.kind == "org":
            # an organisation is a participant when it is the counterpart itself
            if _EVENT_OF.search(body, max(lo, m.start - 40), m.start):
                continue  # "hosted the summit of the SCO": the event, not a party
            nxt = doc.agents_in(m.end, min(end, m.end + 60))
            if nxt and nxt[0].kind == "person" and re.fullmatch(r"\s+(?:[a-z\-]+\s+){1,3}", body[m.end:nxt[0].start]):
                continue  # "Asia Society president Kevin Rudd": the person is
            if re.search(r"\b(?:of|from|at)\s+(?:the\s+)?$", before):
                continue
        elif re.search(r"['’]s\s+$", before):
            continue
        if m.possessive:
            continue
        out.append(m.entity)
    return out


class MeetingRules:
    def __init__(self, doc: Document) -> None:
        self.doc = doc

    def run(self) -> list[Meeting]:
        found: list[_Found] = []
        self.found = found
        for sent in self.doc.sentences:
            found.extend(self._sentence(sent))
            self._attendance(sent, found)
        return self._merge(found)

    # ------------------------------------------------------------------ attendance
    def _list_after(self, sent: Sentence, lo: int) -> list[Entity]:
        """Named persons of a list that runs from ``lo`` to the sentence end
        ("X, Deputy Ruler of Abu Dhabi; Y, Minister of ...; and Z")."""
        doc = self.doc
        body = doc.body
        stop = _LIST_STOP.search(body, lo, sent.end)
        hi = stop.start() if stop else sent.end
        out = []
        for m in doc.agents_in(lo, hi):
            if m.kind != "person" or m.entity is None or m.entity.strength <= 0 or doc.in_quote(m.start):
                continue
            if re.search(r"(?:\bof|['’]s)\s+(?:the\s+)?$", body[max(lo, m.start - 8):m.start]):
                continue  # "the grandson of X", "X's envoy"
            out.append(m.entity)
        return out

    def _recent(self, found: list[_Found], sent: Sentence, back: int = 2) -> _Found | None:
        for f in reversed(found):
            if f.sent.index < sent.index - back:
                break
            if f.mode == "in_person" and not f.planned:
                return f
        return None

    def _attendance(self, sent: Sentence, found: list[_Found]) -> None:
        """Others present at a meeting: "the meeting was attended by ...", "also present
        were ...", "... were also present", "X was joined by ...", "co-chaired by ..."."""
        doc = self.doc
        text = sent.text
        if not ("ttend" in text or "resent" in text or "joined" in text or "haired" in text
                or "together" in text or "hosted" in text or "addressed" in text or "sat in" in text
                or "alongside" in text or "represented" in text):
            return
        for m in _ATTEND.finditer(text):
            ts, te = sent.start + m.start(), sent.start + m.end()
            if doc.in_quote(ts):
                continue
            kind = m.lastgroup
            if kind == "present_post":
                rel = _REL_WHO_M.search(doc.body, max(sent.start, ts - 30), ts)
                if rel:
                    people = [e for e in doc.relative_group(sent, rel.start()) if e.strength > 0]
                else:
                    lo, _ = doc.clause_bounds(sent, ts)
                    people = [x.entity for x in doc.agents_in(max(lo, sent.start), ts)
                              if x.kind == "person" and x.entity is not None and x.entity.strength > 0
                              and not doc.in_quote(x.start)]
            else:
                people = self._list_after(sent, te)
            if not people:
                continue
            same = [f for f in found if f.sent.index == sent.index and f.mode == "in_person"]
            target = same[-1] if same else None
            if kind == "joined":
                # "X was joined by Y and Z": X's meeting (or X's own trip) gains them
                agent = doc.agent_before(sent, ts + len(m.group()) - len(m.group().lstrip()))
                subj = agent.entity if agent is not None else None
                if subj is None:
                    continue
                target = target or next((f for f in reversed(found) if subj in f.parts
                                         and f.sent.index >= sent.index - 2), None)
                if target is None:
                    continue
            elif kind == "alongside":
                # "X opened the summit alongside A, B and C": they all took part
                subj = _subject_group(doc, sent, ts, found)
                if not subj:
                    continue
                d, prec = doc.date_for(sent, ts, False)
                loc = location_in(doc, sent.start, sent.end)
                target = _Found(list(subj), sent, ts, loc, None, "in_person", False, "meeting.alongside", d, prec)
                target.dateline_ok = loc is None and not _has_place(doc, sent)
                found.append(target)
            elif target is None and kind in ("attended", "present_pre", "present_post", "represented"):
                # "... were also present during the meeting": the meeting reported before
                back = 6 if re.search(r"\b(?:the|that)\s+(?:meeting|talks|session|summit)\b", sent.text) else 2
                target = self._recent(found, sent, back)
                if kind == "attended" and not _EVENT_SUBJECT.match(sent.text):
                    target = None  # "... the summit's main session, which was also attended by X, Y"
                if target is None and kind == "attended":
                    # "the session, which was also attended by X, Y and Z": the
                    # sentence's subject and the attendees met
                    subj = (_sentence_subject(doc, sent, ts) or _sentence_subject(doc, sent, ts, from_start=True))[:1]
                    if subj and subj[0].kind == "person":
                        d, prec = doc.date_for(sent, ts, False)
                        loc = location_in(doc, sent.start, sent.end)
                        target = _Found(list(subj), sent, ts, loc, None, "in_person", False,
                                        "meeting.attended_by", d, prec)
                        target.dateline_ok = not _has_place(doc, sent)
                        found.append(target)
            if target is None:
                if kind in ("chaired", "together") and len(people) >= 2 and _MEETING_WORDS.search(sent.text):
                    d, prec = doc.date_for(sent, ts, False)
                    loc = location_in(doc, sent.start, sent.end)
                    f = _Found(_unique(people), sent, ts, loc, None, "in_person", False,
                               "meeting.chaired_by", d, prec)
                    f.dateline_ok = not _has_place(doc, sent)
                    found.append(f)
                continue
            target.parts = _unique(target.parts + people)

    def _sentence(self, sent: Sentence) -> list[_Found]:
        doc = self.doc
        body = doc.body
        out: list[_Found] = []
        if not doc.words(sent) & _MEET_HINTS:
            return out  # no word any meeting rule starts from
        for m in _TRIGGER.finditer(sent.text):
            ts, te = sent.start + m.start(), sent.start + m.end()
            if doc.in_quote(ts):
                continue
            kind = next(k for k in ("met", "held", "between", "host", "spoke", "call", "courtesy", "sat",
                                    "their", "phoned", "talks_with", "spent", "whom", "joined") if m.group(k))
            if kind == "spent":
                kind = "sat"  # "spent seven hours with X": subject and object, like "sat down with"
            pre = body[max(sent.start, ts - 40):ts]
            if _NEGATED.search(pre) or _NEG_AFTER.match(body, te, sent.end):
                continue
            if kind == "met" and m.group("met") == "meeting" and not re.search(r"\b(?:a|the|their|his|her|first|in)\s+$", pre) \
                    and "with" not in m.group() and not (
                        re.search(r"\b(?:before|after|while|when|since)\s+$", pre)
                        and doc.agents_in(te, min(sent.end, te + 40))):
                continue  # but "... before meeting President X": the clause's subject met X
            if kind == "met" and m.group("met") == "meeting" and re.search(r"\b(?:before|after|while|when)\s+$", pre):
                kind = "their_meeting"
            if kind == "spoke" and not (_PHONE.search(sent.text) or _VIDEO.search(sent.text)):
                continue
            if kind == "courtesy" and m.group().startswith("called") and not re.match(
                    r"\s+(?:[A-Z]|the\s+(?:[A-Z]|visiting|new))", body[te:te + 20]):
                continue  # "called on X to ..." is speech
            if kind == "courtesy" and m.group().startswith("called") and re.match(
                    r"[^.;]{0,80}?\bto\s+\w+", body[te:sent.end]):
                continue
            passive = kind in ("host", "met") and bool(_PASSIVE_BEFORE.search(pre))
            if kind == "host" and not passive and re.match(r"\s+(?:by|the\s+(?:news|decision|move|announcement|agreement|deal|proposal|idea|talks|summit|event|meeting|conference|forum|games))\b", body[te:te + 40]):
                continue
            planned = bool(_PLANNED.search(pre))
            subject_found = True
            _, chi = doc.clause_bounds(sent, te)
            parts: list[Entity] = []
            passive_host: Entity | None = None
            if _PLANNED_CLAUSE.search(body, max(doc.clause_bounds(sent, ts)[0], ts - 90), ts):
                planned = True
            if kind == "between":
                parts = _objects(doc, te, chi)
            elif passive:
                # "Vieira was received by Vice-President Tang", "was welcomed at the airport by X"
                parts = _subject_group(doc, sent, ts - len(pre) + _PASSIVE_BEFORE.search(pre).start(), self.found + out)
                bm = _BY.search(body, te, min(chi, te + 80))
                if bm:
                    hosts = _objects(doc, bm.end(), chi)
                    parts += hosts
                    if kind == "host" and hosts:
                        passive_host = hosts[0]
            elif kind == "whom":
                # "Chilean Foreign Minister X, with whom Y discussed lithium": X and Y
                if not re.match(r"\s+(?:[\w\-]+\s+){0,3}?(?:discussed|met|held|talked|spoke|signed|reviewed|exchanged)\b",
                                body[te:te + 60]):
                    continue
                comma = body.rfind(",", max(sent.start, ts - 3), ts)
                if comma < 0:
                    continue
                parts = doc.relative_group(sent, comma)[-1:]
                nxt = [x for x in doc.agents_in(te, min(sent.end, te + 50)) if x.kind == "person"][:1]
                parts += [x.entity for x in nxt if x.entity is not None]
            elif kind == "joined":
                # "X joined A, B and C for a meeting of ...": X and the people joined
                fm = re.compile(r"\bfor\s+(?:a|an|the|their)\s+").search(body, te, sent.end)
                parts = _subject_group(doc, sent, ts, self.found + out)
                if not parts or fm is None:
                    continue
                parts += [x.entity for x in doc.agents_in(te, fm.start()) if x.kind == "person"
                          and x.entity is not None and not doc.in_quote(x.start)]
            elif kind == "their":
                parts = _sentence_subject(doc, sent, ts)
            elif kind == "their_meeting":
                # "The pair held talks with X before meeting President Y"
                ps = doc.sentences[sent.index].start
                parts = _subject_group(doc, sent, ps + len(_lead_subject(doc, sent)), self.found + out) \
                    if _lead_subject(doc, sent) else []
                parts = parts or _sentence_subject(doc, sent, ts)
                parts += _objects(doc, te, chi)
            elif kind == "phoned":
                nxt = doc.agents_in(te, min(sent.end, te + 3))
                if not nxt or nxt[0].kind != "person" or re.match(r"\s+(?:a|an|the|for|on|it|him|her)\b", body[nxt[0].end:nxt[0].end + 6]):
                    continue
                parts = _subject_group(doc, sent, ts, self.found + out) + [nxt[0].entity]
            elif kind == "talks_with":
                # "X's talks with Y", "in talks with Y"
                owner = doc.agents_in(max(sent.start, ts - 40), ts)
                if owner and owner[-1].possessive:
                    parts = [owner[-1].entity]
                else:
                    parts = _subject_group(doc, sent, ts, self.found + out) or _sentence_subject(doc, sent, ts)
                parts += _objects(doc, te, chi)
            elif kind in ("held", "spoke", "call"):
                parts = _subject_group(doc, sent, ts, self.found + out)
                if kind == "call" and not parts:
                    parts = _sentence_subject(doc, sent, ts)
                wm = (_WITH_TO if kind == "spoke" else _WITH).search(body, te, min(chi, te + 90))
                if wm and not _OBJ_STOP.search(body, te, wm.start()):
                    parts += _objects(doc, wm.end(), chi)
            else:
                parts = _subject_group(doc, sent, ts, self.found + out)
                if kind == "met" and m.group("met") == "meeting":
                    owner = doc.agents_in(max(sent.start, ts - 30), ts)
                    if owner and owner[-1].possessive:
                        parts = [owner[-1].entity]
                subject_found = bool(parts) or m.group("met") == "meeting"
                objs = _objects(doc, te, chi)
                if kind == "host" and not objs:
                    continue
                if kind == "host" and re.match(r"[^,.;]{0,60}?\bto\s+(?!the\b|[A-Z])[a-z]+", body[te:chi]) and \
                        not _HOST_TO_PLACE.match(body, te, chi):
                    continue  # "welcomed X to play a greater role"
                parts += objs
            if kind in ("held", "met", "talks_with", "spoke", "call") and not passive:
                # "held separate talks with both leaders": the pair named before
                wm2 = _WITH_BOTH.match(body, te, chi) or _WITH_BOTH.search(body, te, min(chi, te + 40))
                if wm2:
                    parts = [p for p in parts if p is not None]
                    parts += _last_pair(self.found + out, sent, parts) or [
                        e for e in _the_two(doc, sent, ts) if e not in parts]
            parts = _unique(parts)
            if len(parts) < 2:
                continue
            if kind in ("met", "host", "sat", "courtesy") and not passive and not subject_found:
                continue  # "... is scheduled to meet X and Y": whose meeting is unknown
            if _SEPARATE.search(body, max(sent.start, ts - 12), min(chi, te + 12)) and kind != "between":
                # "X, Y and Z held separate meetings with W": one meeting per pair
                subj = [e for e in parts if e in _unique(_subject_group(doc, sent, ts, self.found + out))]
                objs = [e for e in parts if e not in subj]
                if subj and objs and (len(subj) > 1 or len(objs) > 1):
                    d, prec = doc.date_for(sent, ts, planned)
                    loc = location_in(doc, sent.start, chi)
                    for a in subj:
                        for b in objs:
                            f = _Found([a, b], sent, ts, loc, None, "in_person", planned,
                                       f"meeting.{kind}.separate", d, prec)
                            f.dateline_ok = loc is None and not _has_place(doc, sent)
                            f.separate = True
                            out.append(f)
                    continue
            mode = "in_person"
            window = body[max(sent.start, ts - 60):min(sent.end, te + 60)]
            if _VIDEO.search(window):
                mode = "video"
            elif _PHONE.search(window) or kind == "phoned" or kind == "call" and "phone" in m.group().lower():
                mode = "phone"
            loc_lo = doc.clause_bounds(sent, ts)[0] if kind in ("their_meeting", "whom") else sent.start
            loc = location_in(doc, loc_lo, chi) if mode == "in_person" else None
            if loc is None and mode == "in_person":
                # "he travelled to Riyadh, where he met X": the place the clause hangs on
                clo = doc.clause_bounds(sent, ts)[0]
                if clo > sent.start and re.match(r"\s*where\b", body[clo:clo + 8]):
                    prev = [p for p in doc.places_in(sent.start, clo) if p.place.kind != "demonym"
                            and not doc.in_quote(p.start)]
                    if prev and not body[prev[-1].end:clo].strip(" ,"):
                        loc = as_location(prev[-1])
            host_country = None
            host = passive_host if passive else (parts[0] if kind == "host" else None)
            # the host's country: stated, or the dateline's for a local official
            host_home = doc.country_of(host) if host is not None else None
            if host is not None and mode == "in_person" and host_home:
                host_country = host_home
            if loc is None and not _has_place(doc, sent):
                loc_ok = True
            else:
                loc_ok = False
            d, prec = doc.date_for(sent, ts, planned)
            planned = planned or doc.after_report(d, prec)
            if host is not None and mode == "in_person" and not planned:
                where = loc.iso3 if loc else host_home
                if where and host_home == where:
                    for guest in parts:
                        if guest is not host and guest.kind == "person" and guest.country != where:
                            doc.hosted_guests.append((guest, where, loc.city if loc else None, d, prec,
                                                      Evidence(sent.text, sent.start, sent.end,
                                                               "visit.hosted_guest", 0.75)))
            f = _Found(parts, sent, ts, loc, host_country, mode, planned, f"meeting.{kind}", d, prec)
            f.dateline_ok = loc_ok
            out.append(f)
        for m in _HOSTED_BY.finditer(sent.text):
            ts, te = sent.start + m.start(), sent.start + m.end()
            if doc.in_quote(ts):
                continue
            hosts = [x for x in doc.agents_in(te, min(sent.end, te + 80))
                     if x.start - te < 6 or doc._only_titles(doc.body[te:x.start])][:1]
            if not hosts or hosts[0].entity is None:
                continue
            host: Mention = hosts[0]
            guests: list[Entity] = []
            if m.group("verb") in ("mediated", "brokered", "facilitated"):
                # "A and B agreed ..., following talks mediated by C": the parties and C
                guests = [e for e in _sentence_subject(doc, sent, ts) if e.kind == "person"]
            if not guests:
                for x in doc.agents_in(sent.start, sent.end):
                    if x is host or x.entity is None or x.kind != "person" or doc.in_quote(x.start):
                        continue
                    if host.start <= x.start < host.end:
                        continue
                    guests = [x.entity]
                    break
            bm = re.compile(r"\bbetween\s+").search(body, host.end, sent.end) if "between" in sent.text else None
            if bm:
                # "talks hosted by X, ..., between Y and Z"
                guests = _objects(doc, bm.end(), sent.end) or guests
            guests = [g for g in guests if g is not host.entity]
            if not guests:
                continue
            loc = location_in(doc, sent.start, sent.end)
            d, prec = doc.date_for(sent, ts, False)
            f = _Found([*guests, host.entity], sent, ts, loc, None, "in_person", False,
                       "meeting.hosted_by", d, prec)
            f.dateline_ok = loc is None and not _has_place(doc, sent)
            out.append(f)
        return out

    def _merge(self, found: list[_Found]) -> list[Meeting]:
        groups: list[_Found] = []
        for f in found:
            ids = {e.id for e in f.parts}
            for g in groups:
                gids = {e.id for e in g.parts}
                if (f.separate or g.separate) and ids != gids:
                    continue
                if (ids <= gids or gids <= ids) and abs(len(ids) - len(gids)) <= 1:
                    if g.date and f.date and g.precision == "day" and f.precision == "day" and g.date != f.date:
                        continue
                    if g.planned != f.planned and ids != gids:
                        continue  # "held talks with X and is to meet Y": two meetings
                    if g.planned != f.planned and (self.doc.after_report(f.date, f.precision)
                                                   or self.doc.after_report(g.date, g.precision)):
                        continue  # "met last week ... will meet again next Saturday": two meetings
                    if len(ids) > len(gids):
                        g.parts = f.parts
                    if g.location is None and f.location is not None:
                        g.location = f.location
                    if g.precision not in ("day",) and f.precision == "day":
                        g.date, g.precision = f.date, f.precision
                    elif g.precision == "month" and f.precision == "month" and f.date != g.date \
                            and g.date == date(self.doc.pub.year, self.doc.pub.month, 1):
                        g.date = f.date
                    g.planned = g.planned and f.planned
                    break
            else:
                groups.append(f)
        out = []
        pub = self.doc.pub
        for g in groups:
            if g.location is None and g.mode == "in_person":
                # "on the sidelines of a summit in the Russian city of Kazan": a place
                # of the sentence outside the verb's clause
                g.location = location_in(self.doc, g.sent.start, g.trigger)
            country = g.location.iso3 if g.location else g.host_country
            dateline_placed = False
            if country is None and g.mode == "in_person" and not g.planned:
                # the place of another meeting of the same people on the same trip
                ids = {e.id for e in g.parts}
                for g2 in groups:
                    if g2 is g or g2.location is None or g2.mode != "in_person" or g2.planned \
                            or not ids & {e.id for e in g2.parts}:
                        continue
                    shared = len(ids & {e.id for e in g2.parts})
                    undated = g.date is None or (g.precision == "month" and g.date == date(pub.year, pub.month, 1))
                    close = g.date == g2.date or undated or (
                        g.date and g2.date and g.precision == g2.precision == "day" and abs((g.date - g2.date).days) <= 3)
                    if not close or (abs(g.sent.index - g2.sent.index) > 4 and shared < 2):
                        continue
                    if undated and g2.date and g2.precision == "day":
                        g.date, g.precision = g2.date, g2.precision
                    g.location = g2.location
                    country = g2.location.iso3
                    break
            if country is None and g.mode == "in_person" and not g.planned and self.doc.dateline and g.dateline_ok \
                    and (g.precision != "day" or g.date is None or 0 <= (pub - g.date).days <= 10):
                country = self.doc.dateline[0]
                dateline_placed = True
            gov = [e.is_government for e in g.parts]
            if all(x is False for x in gov):
                track = "2"
            elif any(x is False for x in gov):
                track = "1.5"
            else:
                track = "1"
            conf = 0.85 if g.rule != "meeting.hosted_by" else 0.7
            out.append(Meeting(
                participants=tuple(actor_of(e) for e in g.parts),
                country=country,
                city=g.location.city if g.location else None,
                date=g.date,
                date_precision=g.precision,
                mode=g.mode,
                track=track,
                is_planned=g.planned,
                evidence=Evidence(g.sent.text, g.sent.start, g.sent.end, g.rule, conf),
            ))
            if dateline_placed:
                self.doc.dateline_placed.add(id(out[-1]))
        return out


def _sentence_subject(doc: Document, sent: Sentence, pos: int, from_start: bool = False) -> list[Entity]:
    """The coordinated names that open the clause before ``pos``: "X and Y first discussed"
    (``from_start``: the sentence's own subject, for "X arrived ..., and held talks")."""
    lo = sent.start if from_start else doc.clause_bounds(sent, pos)[0]
    if sent.index == 0:
        lo = max(lo, doc.body_start)  # past the dateline "TASHKENT — "
    ms = [m for m in doc.agents_in(lo, pos) if not doc.in_quote(m.start) and m.entity is not None]
    dm = _DESC_START.match(doc.body, lo, pos)
    if dm and (not ms or ms[0].start > lo + dm.end() - dm.start()):
        # "The Russian delegation arrived ... and was greeted by X", "The UN chief arrived"
        ag = doc._description(sent, dm.start(1), dm.end(), dm.group(1), dm.group(2), dm.group(3))
        if ag is not None and ag.entity is not None and ag.entity.kind == "person":
            return [ag.entity]
    if not ms:
        return []
    while len(ms) > 1 and ms[0].possessive:
        ms = ms[1:]  # "attended Mr Trump's inauguration": not the subject
    gap = doc.body[lo:ms[0].start]
    pm = re.search(r"\b(he|she)\s", gap)
    if pm:
        # "On Tuesday, he toured the Carter Center and met X": the pronoun is the subject
        ent = doc.resolve_pronoun(sent, lo + pm.start(1), pm.group(1))
        return [ent] if ent is not None else []
    while len(ms) > 1 and ms[0].possessive:
        ms = ms[1:]  # "attended Mr Trump's inauguration": not the subject
    first = ms[0]
    if first.kind == "org" and len(ms) > 1 and ms[1].kind == "person" and doc._only_titles(
            doc.body[first.end:ms[1].start]):
        ms = ms[1:]  # "U.N. Secretary-General Antonio Guterres"
        first = ms[0]
    if first.kind == "org":
        # "The UN chief arrived ... and held talks": a person described by an organisation
        rm = re.match(r"\s+([a-z][\w\-]*)\b", doc.body[first.end:first.end + 30])
        if rm and rm.group(1) in doc.scanner.title_words:
            ent = doc.resolve_person_description(first.start, rm.group(1), None)
            return [ent] if ent is not None else []
    out = [ms[0].entity]
    for prev, m in zip(ms, ms[1:], strict=False):
        if re.fullmatch(r"\s*(?:,|and|,\s*and)\s*(?:[A-Za-z’'\-\.]+\s+){0,5}?", doc.body[prev.end:m.start]):
            out.append(m.entity)
        else:
            break
    return out


def _lead_subject(doc: Document, sent: Sentence) -> str:
    """The text of the sentence up to its first verb-like lowercase word ("The pair held")."""
    m = re.match(r"(?:[A-Z][\w’'\-\.]*\s+|(?:the|and|of|two|pair|duo|leaders|men|ministers)\s+){1,8}", sent.text)
    return m.group().rstrip() + " " if m else ""


def _unique(ents: list[Entity]) -> list[Entity]:
    seen: set[int] = set()
    out = []
    for e in ents:
        if e is None or (e.kind == "person" and e.strength <= 0):
            continue
        if e.id not in seen:
            seen.add(e.id)
            out.append(e)
    return out


def extract_meetings(doc: Document) -> list[Meeting]:
    return MeetingRules(doc).run()
