"""Meetings: two or more named parties meet, hold talks, receive/host, call or video-link.

Triggers (outside quotations): met/meet(s) (with), held talks/a meeting/a call with,
talks/meeting/call between X and Y, received/hosted/welcomed/greeted X, spoke by phone
with, a phone/video call with, sat down with, "a talk hosted by ORG" (the organisation is
the counterpart of the sentence's subject).

Also: attendance ("the meeting was attended by ...", "also present were ...",
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

from extract.extraction import cues
from extract.extraction.dates import DateMention
from extract.extraction.document import Agent, Document
from extract.extraction.model import Evidence, Meeting, actor_of
from extract.extraction.people import Entity, Mention
from extract.extraction.places import NOT_VENUE, Location, as_location, location_in
from extract.extraction.sentences import Sentence
from extract.extraction.vocab import VOCAB, alternation, guarded, hint_words

_T = VOCAB.meeting_triggers
_NOUNS = f"(?i:{alternation(VOCAB.meeting_nouns)})"  # "held Foreign Office Consultations with"
_CALLS = alternation(VOCAB.call_phrases)
_TRIGGER = re.compile(
    r"(?<![\w’'\-])(?:"
    rf"(?P<met>{alternation(_T['met'])})(?:\s+(?:separately\s+|briefly\s+|privately\s+|again\s+)?with"
    r"|\s+(?:briefly\s+|separately\s+)?(?:on|at|in)\s+(?:the\s+)?[\w\-]+(?:\s+[\w\-]+)?\s+with)?"
    rf"|(?P<call_from>{alternation(_T['call_from'])})\s+(?:a|an|the)\s+(?:[\w\-]+\s+){{0,2}}?{_CALLS}\s+"
    r"(?:[\w\-]+\s+){0,2}?from(?=\s)"
    rf"|(?P<held>{alternation(_T['held'])})\s+(?:[\w\-]+\s+){{0,3}}?{_NOUNS}"
    rf"|(?P<between>{_NOUNS}\s+between|(?:was|were)\s+(?:also\s+)?held\s+between|meeting\s+of(?=\s+(?:the\s+)?[A-Za-z]+\s+[a-z]+\s+(?:minister|ministers|president|leader)))"
    rf"|(?P<host>{alternation(_T['host'])})"
    rf"|(?P<spoke>{alternation(_T['spoke'])})"
    rf"|(?P<call>{_CALLS})"
    rf"|(?P<courtesy>{alternation(_T['courtesy'])})"
    rf"|(?P<sat>{alternation(_T['sat'])})"
    rf"|(?P<their>(?:[Ii]n|[Dd]uring|at|[Aa]fter|before)\s+(?:their|a|an|the\s+two\s+\w+['’]s?)\s+(?:[\w\-]+\s+){{0,3}}?{_NOUNS}"
    rf"|during\s+(?:the\s+)?{_NOUNS}(?=\s+(?:at|in|on)\b))"
    rf"|(?P<phoned>{alternation(_T['phoned'])})(?=\s+[A-Z])"
    rf"|(?P<interaction>{alternation(_T['interaction'])})(?=\s+(?:[A-Z]|the\s+[a-z]))"
    rf"|(?P<cochaired>{alternation(_T['cochaired'])})\s+(?:[^\s.;,]+\s+){{1,12}}?with(?=\s)"
    rf"|(?P<joint>{alternation(_T['joint'])})(?=\s)"
    rf"|(?P<signed>{alternation(_T['signed'])})\s+(?:[\w\-]+\s+){{0,5}}?{alternation(VOCAB.agreement_nouns)}(?:\s+with(?=\s)|(?=[\s,.;])(?!\s+with\b))"
    rf"|(?P<talks_with>{alternation(_T['talks_with'])})(?:\s+(?:in|at)\s+[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?)?\s+with"
    r"|(?P<whom>with\s+whom)"
    rf"|(?P<joined>{alternation(_T['joined'])})(?=\s+[^.;]{{0,160}}?\bfor\s+(?:a|an|the|their)\s+(?:[\w\-]+\s+){{0,3}}?{alternation(VOCAB.event_nouns)}\b)"
    rf"|(?P<spent>{alternation(_T['spent'])})\s+(?:(?:more|less)\s+than\s+|nearly\s+|about\s+|over\s+|almost\s+)?(?:[\w\-]+\s+){{0,2}}?(?:hours?|minutes|days?|time)\s+(?:\w+\s+){{0,2}}?with"
    r")(?![\w’'\-])")
# the same matches, behind a look-ahead for the words a match can begin with (speed)
_TRIGGER_SCAN = guarded(_TRIGGER, r"(?<![\w’'\-])")
_KINDS = ("met", "call_from", "held", "between", "host", "spoke", "call", "courtesy", "sat", "their",
          "phoned", "interaction", "cochaired", "signed", "joint", "talks_with", "spent", "whom", "joined")
_HOST_TO_PLACE = re.compile(r"[^,.;]{0,60}?\bto\s+(?:the\s+)?[A-Z]")
_WITH = re.compile(r"\b(?:with|between)\s+")
_WITH_TO = re.compile(r"\b(?:with|to)\s+")
_BY = re.compile(r"\bby\s+")
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:also\s+|warmly\s+|formally\s+|later\s+|first\s+|then\s+)?$")
_HOSTED_BY = re.compile(
    rf"(?<![\w]){alternation(VOCAB.event_nouns)}\s+"
    rf"(?:\w+\s+){{0,2}}?(?P<verb>{alternation(_T['hosted_by'])})\s+by\s+")
_PHONE = re.compile(r"\b(?:phone|telephone|telephoned|phoned|by\s+call|phone\s+call|on\s+the\s+phone)\b", re.I)
_VIDEO = re.compile(r"\b(?:video|virtual|virtually|videoconference|video-link|online\s+meeting|via\s+video)\b", re.I)
_OBJ_STOP = re.compile(
    r"[;:“\"]|(?<![A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bMrs)\.(?:\s|$)|\s(?:to\s+(?:discuss|talk|review|sign|seek|push|press|address|explore|"
    r"strengthen|boost|deepen|promote|ease|resolve|mark|attend|hear)|since|after|before|when|while|"
    r",?\s*and\s+(?:was|were|is|are|will|would|has|had|later|then|also|is\s+due|was\s+due)|"
    r"where|amid|as|because|during|following|ahead\s+of|who|which|said|says|told|met\s+with|and\s+(?:said|told|"
    r"discussed|agreed|signed|urged|called|pledged|vowed)|but|,?\s*and\s+(?:on|in|at|later\s+on)\s+[\w\-]+(?:\s+[\w\-]+)?\s+"
    r"(?:held|met|spoke|called|hosted|received|paid|had|visited|travelled|traveled|flew|went|attended)|and\s+(?:later\s+|then\s+|also\s+)?(?:[a-z]+ed|held|met|"
    r"made|took|paid|sat|spoke|gave|went|flew|left|laid|saw|had)|"
    r"(?:on|about|over|regarding|focused\s+on|focusing\s+on)\s+(?=[a-z]))\b|,\s+(?=[a-z])(?!and\b|along\s+with\b|as\s+well\s+as\b)")
_ATTRIBUTIVE = re.compile(r"\s+(?:summit|meeting|talks|forum|conference|session|leaders|ministers|member|members|"
                          r"counterparts|counterpart|partners|officials|delegates|envoys|"
                          r"countries|states|charter|headquarters|secretariat|framework|palace|residence|"
                          r"airport|airbase|compound|building|office)\b")


_POSS_PRONOUN = re.compile(r"\b(?:his|her|their|its)\b")
# "told B that", "thanked B for", "briefed B on", "assured B of": the interaction's object
_AFTER_INTERACTION = re.compile(r"(?:\s*,)?\s+(?:(?:on|in|at|during)\s+[\w\-]+(?:\s+[\w\-]+)?\s+)?(?:that|for|on|of|about)\b|\s*[,:]?\s*[“\"]")
_SAID_AFTER = re.compile(r"\s+(?:said|says|added|announced|reported|stated)\b")
_OTHER_PARTICIPLE = re.compile(r"\b(?:mounted|led|played|given|organised|organized|performed|presented|accompanied)\s*$")
_DELEGATIONS = re.compile(r"\b(?:[Tt]he\s+two|[Bb]oth|[Tt]he\s+[A-Z][\w\.]*\s+and\s+[A-Z][\w\.]*|[A-Z][\w\.]*\s+and\s+[A-Z][\w\.]*)\s+delegations\b")
# words between a meeting noun and its "with" that keep the object: "spoke over the phone
# with", "held his first call since taking office with"
_GAP_MODIFIERS = re.compile(r"\s(?:over|on|by|via)\s+(?:the\s+)?(?:tele)?phone\b|\ssince\s+(?:taking|assuming)\s+office\b"
                            r"|\ssince\s+(?:his|her|their)\s+(?:appointment|election|inauguration)\b")
_NEXT_VERB = re.compile(r",?\s+and\s+(?:(?:on|in|at)\s+[\w\-]+(?:\s+[\w\-]+)?\s+|later\s+|then\s+|also\s+)?"
                        r"(?:held|met|spoke|called|hosted|received|paid|had|visited|travelled|traveled|flew|went|attended)\s")
_AND_BETWEEN_NAMES = re.compile(r"[A-Z][\w\-]+\s+and\s+(?:visiting\s+)?(?:[A-Z]|[a-z]+\s+[A-Z])")
# rules that report more about a meeting rather than a new one
_IMPLIED = ("meeting.interaction", "meeting.joint")
_READOUT = re.compile(r"\breadout\b")
_THE_CALL = re.compile(r"\b(?:the|a|their)\s+call\b")
_MEAL_OR_TALKS = re.compile(r"\bto\s+(?:a\s+|an\s+)?(?:[\w\-]+\s+)?(?:breakfast|lunch|dinner|luncheon|banquet|talks|tea|meeting)\b")
_FOR_EVENT = re.compile(r"\bfor\s+(?:a|an|the|their)\s+")
_BETWEEN = re.compile(r"\bbetween\s+")
_CALL_MODE = {k.lower(): v for k, v in VOCAB.call_phrases.items()}
_CALL_RX = re.compile(rf"(?<![\w’'\-]){_CALLS}(?![\w’'\-])", re.I)


def _entry(text: str) -> str:
    """The vocabulary entry a trigger matched, for the evidence's rule name."""
    return " ".join(text.lower().split())


def _mode(window: str, kind: str, trigger: str) -> str:
    """phone / video / in_person from the call phrases and cue words around a trigger."""
    if _VIDEO.search(window):
        return "video"
    for cm in _CALL_RX.finditer(window):
        mode = _CALL_MODE.get(_entry(cm.group()))
        if mode == "video":
            return "video"
        if mode == "phone":
            return "phone"
    if _PHONE.search(window) or kind in ("phoned", "call_from") or (
            kind == "spoke" and (_THE_CALL.search(window) or _READOUT.search(window))) or (
            kind == "held" and _entry(trigger).endswith(" call")
            and not re.search(r"(?:courtesy|farewell)\s+call$", _entry(trigger))):  # a courtesy call is a visit
        return "phone"
    return "in_person"


@dataclass(frozen=True)
class HostedGuest:
    """A guest received by a host in the host's own country: a visit for the visits rules."""

    guest: Entity
    country: str
    city: str | None
    date: date | None
    precision: str
    evidence: Evidence


@dataclass
class MeetingFindings:
    """What the meetings component hands to the visits component."""

    meetings: list[Meeting]
    hosted_guests: list[HostedGuest]
    dateline_placed: set[int]  # indices of meetings placed by the dateline alone


@dataclass(frozen=True)
class _Trigger:
    sent: Sentence
    m: re.Match[str]
    kind: str
    ts: int
    te: int
    pre: str
    chi: int  # end of the trigger's clause
    passive: bool
    planned: bool
    found: list  # meetings found so far (for "the two leaders")
    entry: str  # the vocabulary words that fired


@dataclass
class _Parts:
    parts: list[Entity]
    subject_found: bool = True
    host: Entity | None = None


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
    own_clause: bool = False  # its place is read from its own clause only


_ATTEND = re.compile(
    r"(?P<attended>\b(?:was|were|is|are)\s+(?:also\s+)?attended\s+by\s+|,\s*(?:which\s+was\s+)?attended\s+by\s+"
    r"|\b(?:consultations|talks|meeting|session|dialogue|negotiations|summit|conference|forum|roundtable)\s+attended\s+by\s+)"
    r"|(?P<present_pre>(?<![\w])(?:[Aa]lso\s+)?[Pp]resent\s+(?:there\s+|at\s+the\s+\w+\s+|during\s+the\s+\w+\s+|"
    r"on\s+the\s+occasion\s+)?(?:were|was)\s+)"
    r"|(?P<present_post>\b(?:(?:were|was)\s+(?:also\s+)?(?:present|in\s+attendance|among\s+the\s+(?:attendees|participants))|(?:also\s+)?(?:addressed|attended|joined|sat\s+in\s+on)\s+"
    r"the\s+(?:[\w\-]+\s+)?(?:meeting|summit|session|talks|conference|forum|gathering|dialogue|roundtable|seminar)"
    r"|(?:also\s+)?(?:took\s+part|participated|taken\s+part)\s+in\s+(?:the|a|an|their)\s+(?:[\w\-]+\s+){0,3}?"
    r"(?:meeting|meetings|summit|session|talks|conference|forum|gathering|dialogue|roundtable|seminar|consultations|"
    r"negotiations|discussions))\b)"
    r"|(?P<attendees>(?<![\w])(?:(?:[Kk]ey|[Oo]ther|[Tt]he)\s+)?(?:attendees|participants)\s+(?:include|included|were|are)\s+"
    r"|(?<![\w])[Tt]aking\s+part\s+in\s+the\s+(?:[\w\-]+\s+){0,2}?(?:meeting|talks|summit|session|consultations|"
    r"negotiations|conference|dialogue|discussions)\s+(?:were|was)\s+"
    r"|(?<![\w])[Aa]mong\s+the\s+(?:attendees|participants)\s+(?:are|were)\s+)"
    r"|(?P<headed>\bdelegations\s+(?:of\s+the\s+(?:two\s+)?(?:parties|sides|countries)\s+)?(?:were\s+)?(?:headed|led)\s+by\s+)"
    r"|(?P<gathered>\b(?:gathered|convened|assembled)\s+(?=(?:in|at|for|on)\s))"
    r"|(?P<alongside>\b(?:opened|attended|hosted|chaired|addressed|closed)\s+the\s+(?:[\w\-]+\s+){0,2}?"
    r"(?:summit|meeting|conference|forum|session|assembly)\s+(?:[\w\-]+\s+){0,3}?alongside\s+)"
    r"|(?P<represented>\b(?:was|were)\s+(?:also\s+)?represented\s+by\s+)"
    r"|(?P<joined>\s(?:was|were)\s+(?:also\s+)?joined\s+by\s+)"
    r"|(?P<chaired>\b(?:co-chaired|chaired|co-hosted)\s+by\s+)"
    r"|(?P<together>\b(?:brought|brings|bringing)\s+together\s+)")
# the audience of a speech or a press conference did not meet the speaker
_SPEECH_BEFORE = re.compile(r"\b(?:speech|address|lecture|remarks|keynote|press\s+conference|news\s+conference|"
                            r"press\s+briefing)\b[^,;]{0,60}(?:,\s*(?:which\s+was\s+)?)?$")
# "The Institute hosted a dialogue ..., attended by X and Y": the organisation is a party
_ORG_HOSTED = re.compile(r"\b(?:hosted|organi[sz]ed|convened)\s+(?:a|an|the)\s")
_THIS_CAME = re.compile(rf"\s*(?:This|That|It)\s+(?:came|took\s+place)\s+(?:in|during|at|on)\s+(?:a|an|the)\s+(?:[\w\-]+\s+){{0,3}}?"
                        rf"(?P<noun>{_NOUNS})\b")
_PRESS_EVENT = re.compile(r"\b(?:press|news|media)\s+(?:conference|briefing|event)\b")
# who gathers for a session: "Leaders of the bloc, including X and Y, gathered in ..."
_GATHER_SUBJECT = re.compile(r"\b(?:[Ll]eaders|[Mm]inisters|[Hh]eads\s+of\s+(?:[Ss]tate|[Gg]overnment)|[Pp]residents|"
                             r"[Dd]elegates|[Dd]elegations|[Ee]nvoys|[Dd]iplomats|[Nn]egotiators)\b")
_HELD_PASSIVE = re.compile(r"\b(?:(?:was|were)\s+(?:also\s+)?held|started|began|opened|took\s+place|convened)\b")
# "Leaders of the bloc, including X and Y,": named members of a list subject
_LIST_SUBJECT = re.compile(r"\b(?:including|among\s+them|such\s+as|and)\s")
_DESC_START = re.compile(r"\s*([Tt]he)\s+((?:[\w’'\-]+\s+){0,4}?)([a-z][\w\-]*)\s+(?=[a-z])")
_VENUE_BEFORE = re.compile(r"\b(?:in|at|to|into|near|outside|inside)\s+(?:the\s+)?(?:[\w\-’']+\s+){0,3}?$")
# Every meeting trigger contains one of these words (a cheap filter before the regexes).
# "held", "received a call from" and "hosted by" only fire beside a meeting noun, call
# phrase or event noun: those nouns are their hint ("had", "has" would let every sentence in)
_MEET_HINTS = hint_words([*VOCAB.meeting_nouns, *VOCAB.call_phrases, *VOCAB.event_nouns, "whom",
                          *(p for k, ps in _T.items() if k not in ("held", "call_from", "hosted_by") for p in ps)])
_EVENT_SUBJECT = re.compile(r"\s*(?:The|This|That|Their|His|Her)\s+(?:[\w\-]+\s+){0,2}?(?:meeting|talks|session|ceremony|dinner|event|"
                            r"consultations|negotiations|"
                            r"summit|discussions|gathering|conference|forum|roundtable|dialogue)\b")
_REL_WHO_M = re.compile(r",\s*who\s+(?:also\s+|had\s+|has\s+|have\s+)*$")
_EVENT_OF = re.compile(r"\b(?:summit|meeting|session|conference|forum|council|assembly|gathering|ministerial)\s+of\s+(?:the\s+)?$")
_LIST_STOP = re.compile(r"[.:“\"]|\s(?:who|which|where|when|to\s+(?:discuss|sign|attend|mark))\s")
_MEETING_WORDS = re.compile(r"\b(?:met|meeting|talks|roundtable|round-table|dialogue|forum|summit|session|"
                            r"consultations|conference|seminar|symposium|workshop|gathering)\b")


def _has_place(doc: Document, sent: Sentence) -> bool:
    """Whether the sentence names a place other than the dateline's country."""
    home = doc.dateline.iso3 if doc.dateline else None
    body = doc.body
    # only a place the words put something in or at counts: "the foreign ministers of
    # Ghana and Fiji" (origin), "Egypt was represented by" (a subject), "the war in Ukraine"
    # (a topic) say nothing about where this meeting was
    return any(m.place.kind != "demonym" and m.place.iso3 != home
               and _VENUE_BEFORE.search(body, max(sent.start, m.start - 40), m.start)
               and not NOT_VENUE.search(body, max(sent.start, m.start - 40), m.start)
               for m in doc.mentions.places_in(sent.start, sent.end))


_AND_VP = re.compile(r"(?:,\s*|\s)and\s+(?:(?:later|then|also|subsequently|is|was|were|are|will|would|be|been|has|had|on|"
                     r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|"
                     r"expected|set|due|scheduled|to|is\s+expected\s+to|is\s+set\s+to|[a-z]+ly)\s+){0,4}$")
_THE_EVENT_WHICH = re.compile(r"\bthe\s+(?:meeting|talks|conference|video\s+conference|call|summit|session),\s*which\s+was\s+(?:also\s+)?attended\b")
_AFTER_ING = re.compile(r"\b(?:after|before|while|since)\s+$")
_COMMA_VP = re.compile(r"\b(?:on\s+\w+day|today|yesterday|[a-z]+)\s*,\s*(?:and\s+)?(?:later\s+|then\s+|also\s+)?$")
_LOCATIVE_BEFORE = re.compile(r"\b(?:at|in|to|from|near|outside|inside)\s+(?:the\s+)?$")
# envoys who live where they are received: "received the Japanese Ambassador" is no visit
_RESIDENT = re.compile(r"\b(?:ambassador|high\s+commissioner|charg[eé]\s+d'affaires|consul)", re.I)
_WHO_START = re.compile(r"[\s,]*who\b")
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
    for m in reversed(doc.mentions.agents_in(lo, pos)):
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
    if _AFTER_ING.search(pre):
        # "..., three days after holding talks with X": the sentence's subject
        subj = _sentence_subject(doc, sent, pos, from_start=True)[:1]
        if subj:
            return subj
    if _THE_TWO.search(pre):
        # two persons named earlier in this very sentence, else the last meeting's pair
        local = [m.entity for m in doc.mentions.agents_in(sent.start, pos) if m.kind == "person"
                 and m.entity is not None and m.entity.strength > 0 and not doc.in_quote(m.start)]
        if len({e.id for e in local}) >= 2:
            return _the_two(doc, sent, pos)
        return _last_pair(found, sent, exclude or []) or _the_two(doc, sent, pos)
    ab = doc.resolve.agent_before(sent, pos) if _AND_VP.search(pre) else None
    if _AND_VP.search(pre) and (ab is None or ab.entity is None):
        # "X arrived in Y on Monday and held talks with Z": the subject of the first verb;
        # "X, who travelled with Y, met A and held talks with B": X, not the relative clause's Y
        clo = doc.dates.clause_bounds(sent, pos)[0]
        if _WHO_START.match(doc.body, clo, clo + 8):
            return _sentence_subject(doc, sent, pos, from_start=True)[:1]
        return (_sentence_subject(doc, sent, pos) or _sentence_subject(doc, sent, pos, from_start=True))[:3]
    agent: Agent | None = doc.resolve.agent_before(sent, pos)
    if agent is None and _COMMA_VP.search(pre):
        # a programme: "X met A on Monday, held talks with B on Tuesday and called on C"
        subj = _sentence_subject(doc, sent, pos, from_start=True)[:1]
        if subj:
            return subj
    if agent is None or agent.entity is None:
        # "X and the leaders of five European countries met Y": the named one
        lo, _ = doc.dates.clause_bounds(sent, pos)
        for m in reversed(doc.mentions.agents_in(max(lo, sent.start), pos)):
            if m.kind == "person" and m.entity is not None and m.entity.strength > 0 and not doc.in_quote(m.start):
                if _AND_GROUP.fullmatch(doc.body, m.end, pos):
                    return [m.entity]
                break
        # "Liu, who heads ..., met": the first person of the clause
        lo, _ = doc.dates.clause_bounds(sent, pos)
        cands = [m for m in doc.mentions.agents_in(lo, pos) if not doc.in_quote(m.start)
                 and not _LOCATIVE_BEFORE.search(doc.body, max(lo, m.start - 12), m.start)
                 and not (m.kind == "person" and m.entity is not None and m.entity.strength <= 0)]
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
    for m in reversed(doc.mentions.agents_in(max(sent.start, k - 200), k)):
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
    for m in doc.mentions.agents_in(lo, end):
        if m.entity is None or doc.in_quote(m.start):
            continue
        before = body[max(lo, m.start - 12):m.start]
        if re.search(r"\b(?:at|in|near|from|of|outside|inside|to)\s+(?:the\s+)?$", before):
            continue
        if before.endswith("("):
            continue  # "(SCO)": the short form of the name before it
        if _ATTRIBUTIVE.match(body, m.end):
            continue
        if _SAID_AFTER.match(body, m.end):
            continue  # "..., Downing Street said": the source of the report, not a party
        if m.kind == "org":
            # an organisation is a participant when it is the counterpart itself
            if _EVENT_OF.search(body, max(lo, m.start - 40), m.start):
                continue  # "hosted the summit of the SCO": the event, not a party
            nxt = doc.mentions.agents_in(m.end, min(end, m.end + 60))
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
        self.hosted_guests: list[HostedGuest] = []
        self.dateline_placed: set[int] = set()

    def run(self) -> MeetingFindings:
        found: list[_Found] = []
        self.found = found
        for sent in self.doc.sentences:
            found.extend(self._sentence(sent))
            self._attendance(sent, found)
        if any(f.planned for f in found) and cues.reports_cancelled_trip(self.doc.body):
            found = [f for f in found if not f.planned]  # the talks of a trip called off
        meetings = self._merge(found)
        return MeetingFindings(meetings, self.hosted_guests, self.dateline_placed)

    # ------------------------------------------------------------------ attendance
    def _list_after(self, sent: Sentence, lo: int) -> list[Entity]:
        """Named persons of a list that runs from ``lo`` to the sentence end
        ("X, Deputy Ruler of Abu Dhabi; Y, Minister of ...; and Z")."""
        doc = self.doc
        body = doc.body
        stop = _LIST_STOP.search(body, lo, sent.end)
        hi = stop.start() if stop else sent.end
        out = []
        for m in doc.mentions.agents_in(lo, hi):
            if m.kind != "person" or m.entity is None or m.entity.strength <= 0 or doc.in_quote(m.start):
                continue
            if re.search(r"(?:\bof|['’]s)\s+(?:the\s+)?$", body[max(lo, m.start - 8):m.start]) and not \
                    any(p.end >= m.start - 4 for p in doc.mentions.places_in(max(lo, m.start - 40), m.start)):
                continue  # "the grandson of X", "X's envoy" (but "Senegal's X" is Senegal's leader)
            out.append(m.entity)
        return out

    def _occasion_before(self, sent: Sentence, back: int = 1) -> tuple[date | None, str, Location | None] | None:
        """The date and place of an occasion the sentence before reports without naming
        anyone ("Political consultations were held in Baku on 25 May."), for the sentence
        that names its participants; None when that sentence reported a meeting of its own."""
        doc = self.doc
        for k in range(sent.index - 1, max(-1, sent.index - 1 - back), -1):
            ps = doc.sentences[k]
            if sent.para - ps.para > back:
                return None
            if not _MEETING_WORDS.search(ps.text.lower()) or any(f.sent is ps for f in self.found):
                continue
            pm = _HELD_PASSIVE.search(ps.text)
            if pm is None:
                continue
            d, prec, explicit = doc.dates.event_date(ps, ps.start + pm.start(), False)
            if not explicit:
                return None
            return d, prec, location_in(doc, ps.start, ps.end)
        return None

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
                or "alongside" in text or "represented" in text or " part" in text or "articipa" in text
                or "delegations" in text or "onvened" in text or "athered" in text or "ssembled" in text):
            return
        for m in _ATTEND.finditer(text):
            ts, te = sent.start + m.start(), sent.start + m.end()
            if doc.in_quote(ts):
                continue
            kind = m.lastgroup
            if kind == "attended" and _SPEECH_BEFORE.search(doc.body, max(sent.start, ts - 80), ts):
                continue  # "delivered a speech to the Assembly, which was attended by X": an audience
            if kind in ("present_post", "gathered"):
                rel = _REL_WHO_M.search(doc.body, max(sent.start, ts - 30), ts)
                if rel:
                    people = [e for e in doc.resolve.relative_group(sent, rel.start()) if e.strength > 0]
                else:
                    lo, _ = doc.dates.clause_bounds(sent, ts)
                    people = [x.entity for x in doc.mentions.agents_in(max(lo, sent.start), ts)
                              if x.kind == "person" and x.entity is not None and x.entity.strength > 0
                              and not doc.in_quote(x.start)]
                    if kind == "gathered" and not _LIST_SUBJECT.search(doc.body, max(lo, sent.start), ts):
                        people = []  # "X gathered in ...": one named person and a crowd
            else:
                people = self._list_after(sent, te)
            if not people:
                continue
            same = [f for f in found if f.sent.index == sent.index and f.mode == "in_person"]
            target = same[-1] if same else None
            if kind == "joined":
                # "X was joined by Y and Z": X's meeting (or X's own trip) gains them
                agent = doc.resolve.agent_before(sent, ts + len(m.group()) - len(m.group().lstrip()))
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
                d, prec = doc.dates.date_for(sent, ts, False)
                loc = location_in(doc, sent.start, sent.end)
                target = _Found(list(subj), sent, ts, loc, None, "in_person", False, "meeting.alongside", d, prec)
                target.dateline_ok = loc is None and not _has_place(doc, sent)
                found.append(target)
            elif target is None and kind in ("attended", "present_pre", "present_post", "represented"):
                # "... were also present during the meeting": the meeting reported before
                back = 6 if re.search(r"\b(?:the|that)\s+(?:meeting|talks|session|summit)\b", sent.text) else 2
                target = self._recent(found, sent, back)
                if target is not None and target.sent is not sent and target.location is not None:
                    here = location_in(doc, sent.start, sent.end)
                    if here is not None and here.iso3 != target.location.iso3:
                        target = None  # "X attended the session in Santiago": another occasion
                if kind == "attended" and not _EVENT_SUBJECT.match(sent.text):
                    target = None  # "... the summit's main session, which was also attended by X, Y"
                    if _THE_EVENT_WHICH.search(sent.text):
                        # "X chaired the meeting, which was attended by ...": the meeting just
                        # reported, whatever its mode (a video conference too)
                        target = next((f for f in reversed(found) if f.sent.index >= sent.index - 3
                                       and not f.planned), None)
                if target is None and kind == "attended":
                    # "the session, which was also attended by X, Y and Z": the
                    # sentence's subject and the attendees met
                    subj = (_sentence_subject(doc, sent, ts) or _sentence_subject(doc, sent, ts, from_start=True))[:1]
                    if subj and (subj[0].kind == "person" or _ORG_HOSTED.search(doc.body, sent.start, ts)):
                        d, prec = doc.dates.date_for(sent, ts, False)
                        # "... held a video conference. X chaired the meeting, which was
                        # attended by ...": the mode of the event the sentence before reported
                        prev = doc.sentences[sent.index - 1].text if sent.index else ""
                        mode = _mode(prev + " " + sent.text, "attended", "")
                        loc = location_in(doc, sent.start, sent.end) if mode == "in_person" else None
                        target = _Found(list(subj), sent, ts, loc, None, mode, False,
                                        "meeting.attended_by", d, prec)
                        target.dateline_ok = not _has_place(doc, sent)
                        found.append(target)
            if target is None and kind == "attended" and _EVENT_SUBJECT.match(sent.text):
                # "The meeting, which was also attended by X": the meeting reported just
                # before, whatever its mode (a virtual meeting too)
                target = next((f for f in reversed(found) if f.sent.index >= sent.index - 6
                               and f.sent is not sent and not f.planned), None)
            if target is None and kind == "attendees":
                # "Key attendees include A, B ... Among the attendees are C and D": one list
                target = next((f for f in reversed(found) if f.rule == "meeting.attendees"
                               and f.sent.index >= sent.index - 2), None)
            if target is None and kind in ("attendees", "headed", "gathered", "present_post", "attended"):
                # a multilateral session reported by its attendees alone: "X and Y took part in
                # the consultations", "Leaders of the bloc, including X and Y, gathered in ...",
                # "The meeting was attended by X and Y", "Key attendees include X, Y and Z",
                # "The delegations were headed by X and Y": one meeting of all of them
                prev = doc.sentences[sent.index - 1].text if sent.index else ""
                before = " ".join(x.text for x in doc.sentences[max(0, sent.index - 2):sent.index + 1]).lower()
                if kind in ("present_post", "attended") and _PRESS_EVENT.search(doc.body, max(sent.start, ts - 60), te + 40):
                    continue  # "A and B attended the press conference": no meeting of theirs
                ok = len(_unique(people)) >= 2 and (
                    kind == "headed"
                    or (kind == "gathered" and bool(_GATHER_SUBJECT.search(doc.body, sent.start, ts)
                                                    or _MEETING_WORDS.search(sent.text)))
                    or (kind == "present_post" and not re.match(r"(?:also\s+)?(?:addressed|(?:were|was)\s+(?:also\s+)?(?:present|in))\b",
                                                                m.group().strip()))
                    or (kind == "attended" and bool(_EVENT_SUBJECT.match(sent.text)))
                    or (kind == "attendees" and bool(_MEETING_WORDS.search(before))))
                if ok:
                    d, prec, explicit = doc.dates.event_date(sent, ts, False)
                    mode = _mode(prev + " " + sent.text if kind != "gathered" else sent.text, "attended", "")
                    loc = location_in(doc, sent.start, sent.end) if mode == "in_person" else None
                    occasion = self._occasion_before(sent, 3 if kind == "attendees" else 1) if kind != "gathered" else None
                    if occasion is not None:
                        # "Consultations were held in Baku on 25 May. X and Y took part": the
                        # sentence before names the occasion, its date and place
                        if not explicit:
                            d, prec = occasion[0], occasion[1]
                        if loc is None and mode == "in_person":
                            loc = occasion[2]
                    f = _Found(_unique(people), sent, ts, loc, None, mode, False, f"meeting.{kind}", d, prec)
                    f.dateline_ok = loc is None and not _has_place(doc, sent)
                    found.append(f)
                    continue
            if target is None:
                if kind in ("chaired", "together") and len(people) >= 2 and _MEETING_WORDS.search(sent.text):
                    d, prec = doc.dates.date_for(sent, ts, False)
                    loc = location_in(doc, sent.start, sent.end)
                    f = _Found(_unique(people), sent, ts, loc, None, "in_person", False,
                               "meeting.chaired_by", d, prec)
                    f.dateline_ok = not _has_place(doc, sent)
                    found.append(f)
                continue
            target.parts = _unique(target.parts + people)

    def _sentence(self, sent: Sentence) -> list[_Found]:
        doc = self.doc
        out: list[_Found] = []
        if not doc.words(sent) & _MEET_HINTS:
            return out  # no word any meeting rule starts from
        for m in _TRIGGER_SCAN.finditer(sent.text):
            t = self._trigger(sent, m, out)
            if t is None:
                continue
            got = self._dispatch(t)
            if got is None:
                continue
            f = self._finish(t, got, out)
            if f:
                out.extend(f)
        out.extend(self._hosted_by(sent))
        if not out and sent.index and _THIS_CAME.match(sent.text):
            out.extend(self._this_came(sent))
        return out

    def _this_came(self, sent: Sentence) -> list[_Found]:
        """ "A and B reviewed ties. This came during a meeting in Abu Dhabi" (the readout
        style of Gulf agencies): the named subjects of the sentence before met."""
        doc = self.doc
        ps = doc.sentences[sent.index - 1]
        if ps.para != sent.para and sent.para - ps.para > 1:
            return []
        parts = [e for e in _sentence_subject(doc, ps, ps.end, from_start=True) if e.kind == "person"]
        m = _THIS_CAME.match(sent.text)
        wm = re.compile(r"\s+(?:with|between)\s+").match(doc.body, sent.start + m.end())
        if wm and len(parts) == 1:
            parts += [e for e in _objects(doc, wm.end(), doc.dates.clause_bounds(sent, wm.end())[1])
                      if e.kind == "person"][:2]
        parts = _unique(parts)
        if len(parts) < 2:
            return []
        ts = sent.start + m.start("noun")
        planned = cues.is_planned(sent.text[:m.end()])
        d, prec, explicit = doc.dates.event_date(sent, ts, planned)
        if not explicit:
            d, prec = doc.dates.date_for(ps, ps.start, planned)
        mode = _mode(sent.text, "their", m.group("noun"))
        loc = location_in(doc, sent.start, sent.end) if mode == "in_person" else None
        f = _Found(parts, sent, ts, loc, None, mode, planned, f"meeting.this_came:{_entry(m.group('noun'))}", d, prec)
        f.dateline_ok = loc is None and not _has_place(doc, sent)
        return [f]

    def _trigger(self, sent: Sentence, m: re.Match[str], out: list[_Found]) -> _Trigger | None:
        """The trigger's kind, clause and tense, or None when the words deny or rule it out."""
        doc = self.doc
        body = doc.body
        ts, te = sent.start + m.start(), sent.start + m.end()
        if doc.in_quote(ts):
            return None
        kind = next(k for k in _KINDS if m.group(k))
        entry = _entry(m.group(kind))  # the words that fired, for the evidence
        if kind == "spent":
            kind = "sat"  # "spent seven hours with X": subject and object, like "sat down with"
        pre = body[max(sent.start, ts - 40):ts]
        if cues.is_denied(pre) or cues.NEGATED_AFTER.match(body, te, sent.end):
            return None
        word = m.group(kind) if kind in ("met", "call", "courtesy") else ""
        if kind == "met" and word == "meeting" and not re.search(r"\b(?:a|the|their|his|her|first|in)\s+$", pre) \
                and "with" not in m.group() and not (
                    re.search(r"\b(?:before|after|while|when|since)\s+$", pre)
                    and doc.mentions.agents_in(te, min(sent.end, te + 40))):
            return None  # but "... before meeting President X": the clause's subject met X
        if kind == "met" and word == "meeting" and re.search(r"\b(?:before|after|while|when)\s+$", pre):
            kind = "their_meeting"
        prev = doc.sentences[sent.index - 1].text if kind == "spoke" and sent.index else ""
        if kind == "spoke" and not (_PHONE.search(sent.text) or _VIDEO.search(sent.text)
                                    or _CALL_RX.search(sent.text) or _THE_CALL.search(sent.text)
                                    or _READOUT.search(sent.text)
                                    # "X held a phone call with Y. X and Y spoke for 30 minutes on Tuesday"
                                    or (_CALL_RX.search(prev) and re.match(r"\s+for\s", body[te:te + 5]))):
            return None  # "spoke to X ..., in a readout of the call": a call; otherwise a speech
        if kind == "courtesy" and m.group().startswith("called") and (not re.match(
                r"\s+(?:[A-Z]|the\s+(?:[A-Z]|visiting|new))", body[te:te + 20]) or re.match(
                r"[^.;]{0,80}?\bto\s+\w+", body[te:sent.end])):
            return None  # "called on X to ..." is speech
        passive = kind in ("host", "met") and bool(_PASSIVE_BEFORE.search(pre))
        if kind == "host" and not passive and re.match(r"\s+(?:by|the\s+(?:news|decision|move|announcement|agreement|deal|proposal|idea|talks|summit|event|meeting|conference|forum|games))\b", body[te:te + 40]):
            return None
        planned = cues.is_planned(pre) or bool(cues.INFINITIVE_TO.search(pre)) or bool(
            cues.PLANNED_CLAUSE.search(body, max(doc.dates.clause_bounds(sent, ts)[0], ts - 90), ts))
        _, chi = doc.dates.clause_bounds(sent, te)
        return _Trigger(sent, m, kind, ts, te, pre, chi, passive, planned, self.found + out, entry)

    # ------------------------------------------------------------ one handler per kind
    # Each returns the participants (and the host, for "was received by"), or None to skip.
    def _between(self, t: _Trigger) -> _Parts | None:
        return _Parts(_objects(self.doc, t.te, t.chi))

    def _passive(self, t: _Trigger) -> _Parts | None:
        # "Vieira was received by Vice-President Tang", "was welcomed at the airport by X"
        doc = self.doc
        parts = _subject_group(doc, t.sent, t.ts - len(t.pre) + _PASSIVE_BEFORE.search(t.pre).start(), t.found)
        host = None
        bm = _BY.search(doc.body, t.te, min(t.chi, t.te + 80))
        if bm and _OTHER_PARTICIPLE.search(doc.body, t.te, bm.start()):
            bm = None  # "welcomed ... with a guard of honour mounted by the army": another verb's agent
        if bm:
            hosts = _objects(doc, bm.end(), t.chi)
            parts += hosts
            if t.kind == "host" and hosts:
                host = hosts[0]
        return _Parts(parts, host=host)

    def _whom(self, t: _Trigger) -> _Parts | None:
        # "Chilean Foreign Minister X, with whom Y discussed lithium": X and Y
        doc, body = self.doc, self.doc.body
        if not re.match(r"\s+(?:[\w\-]+\s+){0,3}?(?:discussed|met|held|talked|spoke|signed|reviewed|exchanged)\b",
                        body[t.te:t.te + 60]):
            return None
        comma = body.rfind(",", max(t.sent.start, t.ts - 3), t.ts)
        if comma < 0:
            return None
        parts = doc.resolve.relative_group(t.sent, comma)[-1:]
        nxt = [x for x in doc.mentions.agents_in(t.te, min(t.sent.end, t.te + 50)) if x.kind == "person"][:1]
        return _Parts(parts + [x.entity for x in nxt if x.entity is not None])

    def _joined(self, t: _Trigger) -> _Parts | None:
        # "X joined A, B and C for a meeting of ...": X and the people joined
        doc = self.doc
        fm = _FOR_EVENT.search(doc.body, t.te, t.sent.end)
        parts = _subject_group(doc, t.sent, t.ts, t.found)
        if not parts or fm is None:
            return None
        return _Parts(parts + [x.entity for x in doc.mentions.agents_in(t.te, fm.start()) if x.kind == "person"
                               and x.entity is not None and not doc.in_quote(x.start)])

    def _their(self, t: _Trigger) -> _Parts | None:
        parts = _sentence_subject(self.doc, t.sent, t.ts)
        bm = re.match(r"\s+between\s+", self.doc.body[t.te:t.te + 12])
        if len(parts) < 2 and bm:
            # "The talks took place in a meeting between X and Y"
            objs = _objects(self.doc, t.te + bm.end(), t.chi)
            if len(objs) >= 2:
                return _Parts(objs)
        wm = re.match(r"\s+with\s+", self.doc.body[t.te:t.te + 8])
        if len(parts) < 2 and wm and re.match(r"[Ii]n|[Dd]uring", t.m.group()):
            # "In a phone call with X on Monday, Y said ...": X, and the subject after the phrase
            comma = self.doc.body.find(",", t.te, t.sent.end)
            if comma > 0:
                objs = _objects(self.doc, t.te + wm.end(), comma)
                subj = _sentence_subject(self.doc, t.sent, min(t.sent.end, comma + 160), lo=comma + 1)[:1]
                if objs and subj:
                    return _Parts(objs[:3] + subj)
        if len(parts) < 2 and self.doc.body.startswith(",", t.te):
            # "In a 30-minute meeting, X and Y agreed ...": the pair after the comma
            after = _sentence_subject(self.doc, t.sent, min(t.sent.end, t.te + 160), lo=t.te + 1)
            if len(after) >= 2:
                parts = after
        return _Parts(parts)

    def _joint(self, t: _Trigger) -> _Parts | None:
        # "A and B discussed ...", "A and visiting B agreed ...": two named subjects together
        doc = self.doc
        subj = [e for e in _subject_group(doc, t.sent, t.ts, t.found) if e.kind == "person"]
        if len(subj) < 2 or not _AND_BETWEEN_NAMES.search(doc.body, t.sent.start, t.ts):
            return None
        return _Parts(subj)

    def _their_meeting(self, t: _Trigger) -> _Parts | None:
        # "The pair held talks with X before meeting President Y"
        doc = self.doc
        lead = _lead_subject(doc, t.sent)
        parts = _subject_group(doc, t.sent, t.sent.start + len(lead), t.found) if lead else []
        parts = parts or _sentence_subject(doc, t.sent, t.ts)
        return _Parts(parts + _objects(doc, t.te, t.chi))

    def _phoned(self, t: _Trigger) -> _Parts | None:
        doc, body = self.doc, self.doc.body
        nxt = doc.mentions.agents_in(t.te, min(t.sent.end, t.te + 3))
        if not nxt or nxt[0].kind != "person" or re.match(r"\s+(?:a|an|the|for|on|it|him|her)\b", body[nxt[0].end:nxt[0].end + 6]):
            return None
        return _Parts(_subject_group(doc, t.sent, t.ts, t.found) + [nxt[0].entity])

    def _call_from(self, t: _Trigger) -> _Parts | None:
        # "X received a telephone call from Y": the receiver and the caller
        doc = self.doc
        parts = _subject_group(doc, t.sent, t.ts, t.found) or _sentence_subject(doc, t.sent, t.ts)
        callers = [x for x in doc.mentions.agents_in(t.te, min(t.chi, t.te + 120)) if x.entity is not None
                   and not doc.in_quote(x.start)]
        if callers and callers[0].kind == "org" and len(callers) > 1 and doc.resolve.only_titles(
                doc.body[callers[0].end:callers[1].start]):
            callers = callers[1:]  # "from UK Foreign Secretary X"
        gap = _POSS_PRONOUN.sub(" ", doc.body[t.te:callers[0].start]) if callers else ""
        if not callers or not doc.resolve.only_titles(gap):
            return None  # "from his Jordanian counterpart X": titles only before the caller
        return _Parts(parts + [callers[0].entity])

    def _interaction(self, t: _Trigger) -> _Parts | None:
        # "A told B that ...", "A thanked B for ...": a named person right after the verb
        doc = self.doc
        nxt = [x for x in doc.mentions.agents_in(t.te, min(t.chi, t.te + 60)) if not doc.in_quote(x.start)][:1]
        if not nxt or nxt[0].kind != "person" or nxt[0].entity is None or nxt[0].possessive \
                or not doc.resolve.only_titles(doc.body[t.te:nxt[0].start]):
            return None
        if not _AFTER_INTERACTION.match(doc.body, nxt[0].end, min(t.sent.end, nxt[0].end + 60)):
            return None
        parts = _subject_group(doc, t.sent, t.ts, t.found)
        return _Parts(parts + [nxt[0].entity])

    def _signed(self, t: _Trigger) -> _Parts | None:
        # "X signed a security agreement with Y": the two signed it together
        doc = self.doc
        parts = _subject_group(doc, t.sent, t.ts, t.found) or _sentence_subject(doc, t.sent, t.ts)
        if not t.m.group().endswith("with"):
            # "A and his counterpart B signed an agreement", "the two sides signed three
            # accords": two named subjects signing together (never a lone signatory)
            # ("the two sides signed" is left to the meeting reported beside it: which two
            # persons the sides are is a guess)
            subj = [e for e in parts if e.kind == "person"]
            if t.kind != "signed" or len(subj) < 2 or _THE_TWO.search(t.pre) or not \
                    _AND_BETWEEN_NAMES.search(doc.body, t.sent.start, t.ts) or \
                    any(f.sent is t.sent for f in t.found):
                return None
            return _Parts(subj)
        objs = [e for e in _objects(doc, t.te, t.chi) if e.kind == "person"][:1]
        return _Parts(parts + objs) if objs else None

    def _talks_with(self, t: _Trigger) -> _Parts | None:
        # "X's talks with Y", "in talks with Y"
        doc = self.doc
        owner = doc.mentions.agents_in(max(t.sent.start, t.ts - 40), t.ts)
        if owner and owner[-1].possessive:
            parts = [owner[-1].entity]
        else:
            parts = _subject_group(doc, t.sent, t.ts, t.found) or _sentence_subject(doc, t.sent, t.ts)
        return _Parts(parts + _objects(doc, t.te, t.chi))

    def _with_object(self, t: _Trigger) -> _Parts | None:
        # "X held talks with Y", "X spoke by phone with Y", "a phone call with Y"
        doc, body = self.doc, self.doc.body
        parts = _subject_group(doc, t.sent, t.ts, t.found)
        if t.kind == "call" and not parts:
            parts = _sentence_subject(doc, t.sent, t.ts)
        chi = t.chi
        gm = _GAP_MODIFIERS.match(body, t.te)
        if gm and chi <= gm.end():
            # "held his first call since taking office with X": "since" opens no clause here
            chi = doc.dates.clause_bounds(t.sent, min(t.sent.end - 1, gm.end() + 1))[1]
        wm = (_WITH_TO if t.kind == "spoke" else _WITH).search(body, t.te, min(chi, t.te + 90))
        if wm is None and t.kind == "held" and re.search(r"(?:courtesy|farewell)\s+call$", t.m.group()):
            wm = re.compile(r"\s+(?:on|to)\s+").match(body, t.te)  # "has paid a courtesy call on X"
        if wm and not _OBJ_STOP.search(_GAP_MODIFIERS.sub(" ", body[t.te:wm.start()])):
            objs = _objects(doc, wm.end(), chi)
            if not any(e.kind != "person" or e.strength > 0 for e in objs) and re.match(r",\s*[A-Z]", body[chi:chi + 3]):
                # "a courtesy call on Minister-designate for Foreign Affairs, Jane Doe": the
                # name in apposition to the title
                objs = _objects(doc, wm.end(), doc.dates.clause_bounds(t.sent, chi + 2)[1])
            parts += objs
            if t.kind == "call" and len(parts) == 1 and re.search(r"(?:^|\b)(?:[Ii]n|[Dd]uring)\s+(?:a|an|the|his|her|their)\s+(?:[\w\-]+\s+){0,2}$", t.pre):
                # "In a phone call with X, Y said ...": the caller is the subject after the phrase
                comma = body.find(",", wm.end(), t.sent.end)
                if comma > 0:
                    parts += _sentence_subject(doc, t.sent, min(t.sent.end, comma + 160), lo=comma + 1)[:1]
        return _Parts(parts)

    def _subject_object(self, t: _Trigger) -> _Parts | None:
        # "X met Y", "X received Y", "X sat down with Y", "X called on Y"
        doc, body = self.doc, self.doc.body
        parts = _subject_group(doc, t.sent, t.ts, t.found)
        if t.kind == "met" and t.m.group("met") == "meeting":
            owner = doc.mentions.agents_in(max(t.sent.start, t.ts - 30), t.ts)
            if owner and owner[-1].possessive:
                parts = [owner[-1].entity]
        subject_found = bool(parts) or t.m.group("met") == "meeting"
        objs = _objects(doc, t.te, t.chi)
        if t.kind == "host" and not objs:
            return None
        if t.kind == "host" and re.match(r"[^,.;]{0,60}?\bto\s+(?!the\b|[A-Z])[a-z]+", body[t.te:t.chi]) and \
                not _HOST_TO_PLACE.match(body, t.te, t.chi) and not _MEAL_OR_TALKS.search(body, t.te, t.chi):
            return None  # "welcomed X to play a greater role" (but "hosted X to breakfast")
        return _Parts(parts + objs, subject_found=subject_found)

    def _dispatch(self, t: _Trigger) -> _Parts | None:
        if t.passive:
            return self._passive(t)
        return self._BY_KIND.get(t.kind, MeetingRules._subject_object)(self, t)

    _BY_KIND = {
        "between": _between, "whom": _whom, "joined": _joined, "their": _their,
        "their_meeting": _their_meeting, "phoned": _phoned, "call_from": _call_from,
        "talks_with": _talks_with, "held": _with_object, "spoke": _with_object, "call": _with_object,
        "interaction": _interaction, "signed": _signed, "cochaired": _signed, "joint": _joint,
    }

    # ------------------------------------------------------------ shared completion
    def _dated_objects(self, t: _Trigger, parts: list[Entity], planned: bool) -> list[_Found]:
        """ "X met A on Tuesday and B on Wednesday": each object after the trigger, up to
        a date of its own, is a meeting of its own on that date."""
        doc, sent, ts, te, chi = self.doc, t.sent, t.ts, t.te, t.chi
        dates = [dm for dm in doc.dates.in_sentence(sent, planned) if te < dm.start < chi and dm.value is not None]
        if len(dates) < 2:
            return []
        after = [m for m in doc.mentions.agents_in(te, chi) if m.entity is not None and m.entity in parts]
        groups: list[tuple[list[Entity], DateMention]] = []
        lo = te
        for dm in dates:
            objs = _unique([m.entity for m in after if lo <= m.start and m.end <= dm.start])
            if objs:
                groups.append((objs, dm))
            lo = dm.end
        if len(groups) < 2 or len({(g[1].value, g[1].precision) for g in groups}) < len(groups) or \
                any(m.start >= lo for m in after):
            return []  # one date for all, or objects after the last date: not this shape
        named = {e for g in groups for e in g[0]}
        subj = [e for e in parts if e not in named]
        if not subj:
            return []
        loc = location_in(self.doc, sent.start, chi)
        mode = _mode(sent.text, t.kind, t.m.group())
        res = []
        for objs, dm in groups:
            d, prec = dm.value, dm.precision
            f = _Found([*subj, *objs], sent, ts, loc if mode == "in_person" else None, None, mode,
                       planned or doc.dates.after_report(d, prec), f"meeting.{t.kind}.dated", d, prec)
            f.dateline_ok = loc is None and not _has_place(doc, sent)
            f.separate = True
            res.append(f)
        return res

    def _finish(self, t: _Trigger, got: _Parts, out: list[_Found]) -> list[_Found]:
        """Participants, mode, place, date and host of one trigger's meeting(s)."""
        doc, body, sent, kind, ts, te, chi = self.doc, self.doc.body, t.sent, t.kind, t.ts, t.te, t.chi
        parts = got.parts
        planned = t.planned
        if kind in ("held", "met", "talks_with", "spoke", "call") and not t.passive:
            # "held separate talks with both leaders": the pair named before
            wm2 = _WITH_BOTH.match(body, te, chi) or _WITH_BOTH.search(body, te, min(chi, te + 40))
            if wm2:
                parts = [p for p in parts if p is not None]
                parts += _last_pair(t.found, sent, parts) or [
                    e for e in _the_two(doc, sent, ts) if e not in parts]
        if doc.delegation_leaders and _DELEGATIONS.search(body, max(sent.start, ts - 60), min(chi, te + 60)):
            # "the Russian and Ukrainian delegations met": their leaders
            parts = [*parts, *doc.delegation_leaders[:3]]
            got.subject_found = True
        parts = _without_chambers(_unique(parts))
        if len(parts) < 2:
            return []
        if kind in ("met", "host", "sat", "courtesy") and not t.passive and not got.subject_found:
            return []  # "... is scheduled to meet X and Y": whose meeting is unknown
        rule = f"meeting.{kind}:{t.entry}"
        if kind in ("met", "talks_with", "held") and not t.passive and len(parts) >= 3:
            dated = self._dated_objects(t, parts, planned)
            if dated:
                return dated
        plural = kind == "talks_with" and t.entry.startswith("meetings")  # "in meetings with A and B"
        if (plural or _SEPARATE.search(body, max(sent.start, ts - 12), min(chi, te + 12))) and kind != "between":
            # "X, Y and Z held separate meetings with W": one meeting per pair
            subj = parts[:1] if plural else [e for e in parts if e in _unique(_subject_group(doc, sent, ts, t.found))]
            objs = [e for e in parts if e not in subj]
            if subj and objs and (len(subj) > 1 or len(objs) > 1):
                d, prec = doc.dates.date_for(sent, ts, planned)
                loc = location_in(doc, sent.start, chi)
                res = []
                for a in subj:
                    for b in objs:
                        f = _Found([a, b], sent, ts, loc, None, "in_person", planned,
                                   f"meeting.{kind}.separate", d, prec)
                        f.dateline_ok = loc is None and not _has_place(doc, sent)
                        f.separate = True
                        res.append(f)
                return res
        # "spoke"/"discussed" fired on a call cue somewhere in the sentence: read it there
        window = sent.text if kind == "spoke" else body[max(sent.start, ts - 60):min(sent.end, te + 60)]
        mode = _mode(window, kind, t.m.group())
        loc_lo = doc.dates.clause_bounds(sent, ts)[0] if kind in ("their_meeting", "whom") else sent.start
        if (kind == "met" and t.entry.startswith("meeting") and body[max(sent.start, ts - 2):ts].startswith(",")) \
                or _AFTER_ING.search(t.pre):
            # "X stopped at Shannon en route to The Hague, meeting Y", "X met Y at Z, three
            # days after holding talks with W in Moscow": the clause's own place
            loc_lo = ts
        loc = None
        if mode == "in_person":
            # "he travelled to Riyadh, where he met X", "arrived in P from Kampala, where
            # he held talks with Y": the place the clause hangs on, before any other
            clo = doc.dates.clause_bounds(sent, ts)[0]
            if clo > sent.start and re.match(r"\s*where\b", body[clo:clo + 8]):
                prev = [p for p in doc.mentions.places_in(sent.start, clo) if p.place.kind != "demonym"
                        and not doc.in_quote(p.start)]
                if prev and not body[prev[-1].end:clo].strip(" ,"):
                    loc = as_location(prev[-1])
            if loc is None:
                # "met A on Monday, and held talks with B in Paris on Thursday": Paris is
                # the next verb's place, not this meeting's
                nv = _NEXT_VERB.search(body, te, chi) if kind in ("met", "held", "host", "sat", "courtesy") else None
                loc = location_in(doc, loc_lo, nv.start() if nv else chi)
        host_country = None
        host = got.host if t.passive else (parts[0] if kind == "host" else None)
        # the host's country: stated, or the dateline's for a local official
        host_home = doc.resolve.country_of(host) if host is not None else None
        if host is not None and mode == "in_person" and host_home:
            host_country = host_home
        loc_ok = loc is None and (loc_lo == ts or not _has_place(doc, sent))
        d, prec, explicit = doc.dates.event_date(sent, ts, planned)
        occasion = None if explicit or planned else self._occasion_before(sent)
        if occasion is not None:
            # "Consultations were held in Oslo on Monday. X and Y took part in them"
            d, prec = occasion[0], occasion[1]
            if loc is None and mode == "in_person" and occasion[2] is not None:
                loc, loc_ok = occasion[2], False
        planned = planned or doc.dates.after_report(d, prec)
        if host is not None and mode == "in_person" and not planned:
            where = loc.iso3 if loc else host_home
            if where and host_home == where:
                # "A and B jointly welcomed X": every subject of the active verb hosts
                cohosts = [] if t.passive else _subject_group(doc, sent, ts, t.found)
                for guest in parts:
                    if guest is not host and guest not in cohosts and guest.kind == "person" \
                            and doc.resolve.country_of(guest) != where \
                            and not _RESIDENT.search(guest.title or ""):
                        self.hosted_guests.append(HostedGuest(
                            guest, where, loc.city if loc else None, d, prec,
                            Evidence(sent.text, sent.start, sent.end, "visit.hosted_guest", 0.75)))
        f = _Found(parts, sent, ts, loc, host_country, mode, planned, rule, d, prec)
        f.dateline_ok = loc_ok
        f.own_clause = loc_lo == ts
        return [f]

    def _hosted_by(self, sent: Sentence) -> list[_Found]:
        """ "a talk hosted by the Asia Society": the host organisation meets its guest."""
        doc, body = self.doc, self.doc.body
        out: list[_Found] = []
        for m in _HOSTED_BY.finditer(sent.text):
            ts, te = sent.start + m.start(), sent.start + m.end()
            if doc.in_quote(ts):
                continue
            hosts = [x for x in doc.mentions.agents_in(te, min(sent.end, te + 80))
                     if x.start - te < 6 or doc.resolve.only_titles(doc.body[te:x.start])][:1]
            if not hosts or hosts[0].entity is None:
                continue
            host: Mention = hosts[0]
            guests: list[Entity] = []
            if m.group("verb") in ("mediated", "brokered", "facilitated"):
                # "A and B agreed ..., following talks mediated by C": the parties and C
                guests = [e for e in _sentence_subject(doc, sent, ts) if e.kind == "person"]
            if not guests:
                for x in doc.mentions.agents_in(sent.start, sent.end):
                    if x is host or x.entity is None or x.kind != "person" or doc.in_quote(x.start):
                        continue
                    if host.start <= x.start < host.end:
                        continue
                    guests = [x.entity]
                    break
            bm = _BETWEEN.search(body, host.end, sent.end) if "between" in sent.text else None
            if bm:
                # "talks hosted by X, ..., between Y and Z"
                guests = _objects(doc, bm.end(), sent.end) or guests
            guests = [g for g in guests if g is not host.entity]
            if not guests:
                continue
            loc = location_in(doc, sent.start, sent.end)
            planned = bool(cues.PLANNED_CLAUSE.search(body, sent.start, ts)) or cues.is_planned(body[max(sent.start, ts - 40):ts])
            d, prec = doc.dates.date_for(sent, ts, planned)
            f = _Found([*guests, host.entity], sent, ts, loc, None, "in_person", planned,
                       f"meeting.hosted_by:{m.group('verb')}", d, prec)
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
                if f.rule.startswith(_IMPLIED) and (ids <= gids or gids <= ids) and f.planned == g.planned:
                    # "A told B ...", "A and B agreed ...": more about a meeting already reported
                    if len(ids) > len(gids):
                        g.parts = f.parts
                    break
                if f.mode != g.mode and g.planned != f.planned:
                    continue  # a planned visit's talks, then a call instead: two occasions
                # "A thanked B for ..." is evidence of a meeting already reported with A and B
                implied = (f.rule.startswith(_IMPLIED) or g.rule.startswith(_IMPLIED)) and (ids <= gids or gids <= ids)
                if implied or (ids <= gids or gids <= ids) and abs(len(ids) - len(gids)) <= 1:
                    # first whether these are two occasions, and only then merge: a group
                    # changed before a "two meetings" verdict would turn into a copy of f
                    if g.planned != f.planned and ids != gids:
                        continue  # "held talks with X and is to meet Y": two meetings
                    if g.planned != f.planned and (self.doc.dates.after_report(f.date, f.precision)
                                                   or self.doc.dates.after_report(g.date, g.precision)):
                        continue  # "met last week ... will meet again next Saturday": two meetings
                    if implied and g.rule.startswith(_IMPLIED) and not f.rule.startswith(_IMPLIED):
                        # the meeting itself, reported after what was agreed at it: its own
                        # date, place and rule ("agreed ..., the PMO said on Monday" is a report date)
                        g.date, g.precision, g.rule, g.sent, g.trigger = f.date, f.precision, f.rule, f.sent, f.trigger
                        g.location = f.location or g.location
                        g.dateline_ok = f.dateline_ok
                    elif g.date and f.date and g.precision == "day" and f.precision == "day" and g.date != f.date \
                            and not implied:
                        continue
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
            if g.location is None and g.mode == "in_person" and not g.own_clause:
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
                    g2ids = {e.id for e in g2.parts}
                    if any(e.id not in g2ids and e.country and e.country != g2.location.iso3 for e in g.parts):
                        continue  # "talks with Zambian President X": not where the visitor was before
                    shared = len(ids & g2ids)
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
                country = self.doc.dateline.iso3
                dateline_placed = True
            gov = [e.is_government for e in g.parts]
            if all(x is False for x in gov):
                track = "2"
            elif any(x is False for x in gov):
                track = "1.5"
            else:
                track = "1"
            conf = 0.85 if not g.rule.startswith("meeting.hosted_by") else 0.7
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
                self.dateline_placed.add(len(out) - 1)
        return out


def _sentence_subject(doc: Document, sent: Sentence, pos: int, from_start: bool = False,
                      lo: int | None = None) -> list[Entity]:
    """The coordinated names that open the clause before ``pos``: "X and Y first discussed"
    (``from_start``: the sentence's own subject, for "X arrived ..., and held talks")."""
    if lo is None:
        lo = sent.start if from_start else doc.dates.clause_bounds(sent, pos)[0]
    if not from_start and _WHO_START.match(doc.body, lo, lo + 8):
        lo = sent.start  # "X, who arrived at ..., and spent Monday in meetings": X's
    if sent.index == 0:
        lo = max(lo, doc.body_start)  # past the dateline "TASHKENT — "
    ms = [m for m in doc.mentions.agents_in(lo, pos) if not doc.in_quote(m.start) and m.entity is not None
          and not _LOCATIVE_BEFORE.search(doc.body, max(lo, m.start - 12), m.start)]
    dm = _DESC_START.match(doc.body, lo, pos)
    if dm and (not ms or ms[0].start > lo + dm.end() - dm.start()):
        # "The Russian delegation arrived ... and was greeted by X", "The UN chief arrived"
        ag = doc.resolve.description(sent, dm.start(1), dm.end(), dm.group(1), dm.group(2), dm.group(3))
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
        ent = doc.resolve.resolve_pronoun(sent, lo + pm.start(1), pm.group(1))
        return [ent] if ent is not None else []
    while len(ms) > 1 and ms[0].possessive:
        ms = ms[1:]  # "attended Mr Trump's inauguration": not the subject
    first = ms[0]
    if first.kind == "org" and len(ms) > 1 and ms[1].kind == "person" and doc.resolve.only_titles(
            doc.body[first.end:ms[1].start]):
        ms = ms[1:]  # "U.N. Secretary-General Antonio Guterres"
        first = ms[0]
    if first.kind == "org":
        # "The UN chief arrived ... and held talks": a person described by an organisation
        rm = re.match(r"\s+([a-z][\w\-]*)\b", doc.body[first.end:first.end + 30])
        if rm and rm.group(1) in doc.scanner.title_words:
            ent = doc.resolve.resolve_person_description(first.start, rm.group(1), None)
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


_CHAMBER_WORDS = frozenset(w.lower() for w in VOCAB.chambers)


def _without_chambers(ents: list[Entity]) -> list[Entity]:
    """A parliament or council is no participant: its named members and chair are, and a
    speech to it is not a meeting ("addressed the State Duma", "met the Senate")."""
    return [e for e in ents if e.kind != "organization"
            or not any(e.name.lower().endswith(w) for w in _CHAMBER_WORDS)]


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


def extract_meetings(doc: Document) -> MeetingFindings:
    return MeetingRules(doc).run()
