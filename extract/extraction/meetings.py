"""Meetings: two or more named parties meet, hold talks, receive/host, call or video-link.

Triggers (outside quotations): met/meet(s) (with), held talks/a meeting/a call with,
talks/meeting/call between X and Y, received/hosted/welcomed/greeted X, spoke by phone
with, a phone/video call with, sat down with, "a talk hosted by ORG" (the organisation is
the counterpart of the sentence's subject).

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
from extract.extraction.places import Location, location_in
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
    r")(?![\w’'\-])")
_HOST_TO_PLACE = re.compile(r"[^,.;]{0,60}?\bto\s+(?:the\s+)?[A-Z]")
_PLANNED_CLAUSE = re.compile(
    r"\b(?:will|shall|(?:is|are)\s+(?:set|expected|scheduled|due|slated)\s+to|plans?\s+to|is\s+to|are\s+to)\b")
_WITH = re.compile(r"\b(?:with|between)\s+")
_WITH_TO = re.compile(r"\b(?:with|to)\s+")
_BY = re.compile(r"\bby\s+")
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:also\s+|warmly\s+|formally\s+|later\s+|first\s+|then\s+)?$")
_HOSTED_BY = re.compile(
    r"(?<![\w])(?:talk|event|dinner|lunch|luncheon|banquet|forum|dialogue|discussion|meeting|"
    r"reception|roundtable|round-table|seminar|symposium|conference|session|briefing|panel)\s+"
    r"(?:\w+\s+){0,2}?(?:hosted|organised|organized|held|convened)\s+by\s+")
_PHONE = re.compile(r"\b(?:phone|telephone|telephoned|phoned|by\s+call|phone\s+call|on\s+the\s+phone)\b", re.I)
_VIDEO = re.compile(r"\b(?:video|virtual|virtually|videoconference|video-link|online\s+meeting|via\s+video)\b", re.I)
_PLANNED = re.compile(
    r"(?:\bwill|\bwould|\bshall|\bset\s+to|\bexpected\s+to|\bplans?\s+to|\bplanning\s+to|\bscheduled\s+to|"
    r"\bdue\s+to|\bis\s+to|\bare\s+to|\bagreed\s+to|\bhopes?\s+to|\bintends?\s+to|\bgoing\s+to|\bwants?\s+to|"
    r"\bto|\bupcoming|\bnext|\bforthcoming|\bplanned|\bproposed|\binvited\s+\w+\s+to|\bready\s+to)"
    r"(?:\s+\w+){0,2}\s*$", re.I)
_NEGATED = re.compile(
    r"(?:\bnot|n't|\bnever|\bno|\bcancel(?:l)?ed|\bpostponed|\bcalled\s+off|\bscrapped|\brefused|\bdeclined|"
    r"\bcould|\bmight|\bmay|\bwithout|\bfailed\s+to|\bunlikely|\bif|\bwhether|\brejected)(?:\s+\w+){0,3}\s*$", re.I)
_NEG_AFTER = re.compile(r"[^.;]{0,60}?\b(?:was|were|has\s+been|had\s+been)\s+(?:cancel(?:l)?ed|postponed|called\s+off|scrapped)", re.I)
_OBJ_STOP = re.compile(
    r"[;:“\"]|\.(?:\s|$)|\s(?:to\s+(?:discuss|talk|review|sign|seek|push|press|address|explore|"
    r"strengthen|boost|deepen|promote|ease|resolve|mark|attend|hear)|since|after|before|when|while|"
    r"where|amid|as|because|during|following|ahead\s+of|who|which|said|says|told|and\s+(?:said|told|"
    r"discussed|agreed|signed|urged|called|pledged|vowed)|but|and\s+(?:later\s+|then\s+|also\s+)?[a-z]+ed|"
    r"(?:on|about|over|regarding|focused\s+on|focusing\s+on)\s+(?=[a-z]))\b|,\s+(?=[a-z])(?!and\b)")
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


def _has_place(doc: Document, sent: Sentence) -> bool:
    return any(m.place.kind != "demonym" for m in doc.places_in(sent.start, sent.end))


_AND_VP = re.compile(r"(?:,\s*|\s)and\s+(?:(?:later|then|also|subsequently|is|was|were|are|will|would|be|been|has|had|"
                     r"expected|set|due|scheduled|to|is\s+expected\s+to|is\s+set\s+to|[a-z]+ly)\s+){0,4}$")
_THE_TWO = re.compile(r"(?:[Tt]he|[Bb]oth)\s+(?:two|2)\s+(?:leaders|men|women|ministers|presidents|prime\s+ministers|"
                      r"foreign\s+ministers|officials|heads\s+of\s+state|counterparts|diplomats|envoys|sides|premiers|"
                      r"chancellors)\s+(?:(?:also|later|then|had|have|first|last|previously|briefly)\s+)*$")


def _the_two(doc: Document, sent: Sentence, pos: int) -> list[Entity]:
    """ "the two leaders": the last two different persons named before ``pos``."""
    out: list[Entity] = []
    k = sent.index
    lo = doc.sentences[max(0, k - 2)].start
    for m in reversed(doc.agents_in(lo, pos)):
        if m.kind != "person" or m.entity is None or m.entity.strength <= 0 or doc.in_quote(m.start):
            continue
        if m.entity not in out:
            out.append(m.entity)
        if len(out) == 2:
            return out[::-1]
    return []


def _subject_group(doc: Document, sent: Sentence, pos: int) -> list[Entity]:
    pre = doc.body[max(sent.start, pos - 80):pos]
    if _THE_TWO.search(pre):
        return _the_two(doc, sent, pos)
    if _AND_VP.search(pre) and not doc.agent_before(sent, pos):
        # "X arrived in Y on Monday and held talks with Z": the subject of the first verb
        return _sentence_subject(doc, sent, pos)[:3]
    agent: Agent | None = doc.agent_before(sent, pos)
    if agent is None or agent.entity is None:
        # "Liu, who heads ..., met": the first person of the clause
        lo, _ = doc.clause_bounds(sent, pos)
        cands = [m for m in doc.agents_in(lo, pos) if not doc.in_quote(m.start)]
        if agent is None and cands and cands[0].kind == "person":
            between = doc.body[cands[0].end:pos]
            if between.startswith(",") and between.count(",") >= 2 and "“" not in between:
                return [cands[0].entity]
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
        if _ATTRIBUTIVE.match(body, m.end):
            continue
        if m.kind == "org":
            # an organisation is a participant when it is the counterpart itself
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
        for sent in self.doc.sentences:
            found.extend(self._sentence(sent))
        return self._merge(found)

    def _sentence(self, sent: Sentence) -> list[_Found]:
        doc = self.doc
        body = doc.body
        out: list[_Found] = []
        for m in _TRIGGER.finditer(sent.text):
            ts, te = sent.start + m.start(), sent.start + m.end()
            if doc.in_quote(ts):
                continue
            kind = next(k for k in ("met", "held", "between", "host", "spoke", "call", "courtesy", "sat",
                                    "their", "phoned", "talks_with") if m.group(k))
            pre = body[max(sent.start, ts - 40):ts]
            if _NEGATED.search(pre) or _NEG_AFTER.match(body, te, sent.end):
                continue
            if kind == "met" and m.group("met") == "meeting" and not re.search(r"\b(?:a|the|their|his|her|first|in)\s+$", pre) \
                    and "with" not in m.group():
                continue
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
            _, chi = doc.clause_bounds(sent, te)
            parts: list[Entity] = []
            passive_host: Entity | None = None
            if kind in ("host", "met") and not passive and _THE_TWO.search(pre):
                continue
            if _PLANNED_CLAUSE.search(body, max(doc.clause_bounds(sent, ts)[0], ts - 90), ts):
                planned = True
            if kind == "between":
                parts = _objects(doc, te, chi)
            elif passive:
                # "Vieira was received by Vice-President Tang", "was welcomed at the airport by X"
                parts = _subject_group(doc, sent, ts - len(pre) + _PASSIVE_BEFORE.search(pre).start())
                bm = _BY.search(body, te, min(chi, te + 80))
                if bm:
                    hosts = _objects(doc, bm.end(), chi)
                    parts += hosts
                    if kind == "host" and hosts:
                        passive_host = hosts[0]
            elif kind == "their":
                parts = _sentence_subject(doc, sent, ts)
            elif kind == "phoned":
                nxt = doc.agents_in(te, min(sent.end, te + 3))
                if not nxt or nxt[0].kind != "person" or re.match(r"\s+(?:a|an|the|for|on|it|him|her)\b", body[nxt[0].end:nxt[0].end + 6]):
                    continue
                parts = _subject_group(doc, sent, ts) + [nxt[0].entity]
            elif kind == "talks_with":
                # "X's talks with Y", "in talks with Y"
                owner = doc.agents_in(max(sent.start, ts - 40), ts)
                if owner and owner[-1].possessive:
                    parts = [owner[-1].entity]
                else:
                    parts = _subject_group(doc, sent, ts) or _sentence_subject(doc, sent, ts)
                parts += _objects(doc, te, chi)
            elif kind in ("held", "spoke", "call"):
                parts = _subject_group(doc, sent, ts)
                if kind == "call" and not parts:
                    parts = _sentence_subject(doc, sent, ts)
                wm = (_WITH_TO if kind == "spoke" else _WITH).search(body, te, min(chi, te + 90))
                if wm and not _OBJ_STOP.search(body, te, wm.start()):
                    parts += _objects(doc, wm.end(), chi)
            else:
                parts = _subject_group(doc, sent, ts)
                if kind == "met" and m.group("met") == "meeting":
                    owner = doc.agents_in(max(sent.start, ts - 30), ts)
                    if owner and owner[-1].possessive:
                        parts = [owner[-1].entity]
                objs = _objects(doc, te, chi)
                if kind == "host" and not objs:
                    continue
                if kind == "host" and re.match(r"[^,.;]{0,60}?\bto\s+(?!the\b|[A-Z])[a-z]+", body[te:chi]) and \
                        not _HOST_TO_PLACE.match(body, te, chi):
                    continue  # "welcomed X to play a greater role"
                parts += objs
            parts = _unique(parts)
            if len(parts) < 2:
                continue
            mode = "in_person"
            window = body[max(sent.start, ts - 60):min(sent.end, te + 60)]
            if _VIDEO.search(window):
                mode = "video"
            elif _PHONE.search(window) or kind == "phoned" or kind == "call" and "phone" in m.group().lower():
                mode = "phone"
            loc = location_in(doc, sent.start, chi) if mode == "in_person" else None
            host_country = None
            host = passive_host if passive else (parts[0] if kind == "host" else None)
            if host is not None and mode == "in_person" and host.country:
                host_country = host.country
            if loc is None and not _has_place(doc, sent):
                loc_ok = True
            else:
                loc_ok = False
            d, prec = doc.date_for(sent, ts, planned)
            if host is not None and mode == "in_person" and not planned:
                where = loc.iso3 if loc else host.country
                if where and host.country == where:
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
            hosts = [x for x in doc.agents_in(te, min(sent.end, te + 80)) if x.start - te < 6][:1]
            if not hosts or hosts[0].entity is None:
                continue
            host: Mention = hosts[0]
            guest = None
            for x in doc.agents_in(sent.start, sent.end):
                if x is host or x.entity is None or x.kind != "person" or doc.in_quote(x.start):
                    continue
                if host.start <= x.start < host.end:
                    continue
                guest = x.entity
                break
            if guest is None or guest is host.entity:
                continue
            loc = location_in(doc, sent.start, sent.end)
            d, prec = doc.date_for(sent, ts, False)
            out.append(_Found([guest, host.entity], sent, ts, loc, None, "in_person", False,
                              "meeting.hosted_by", d, prec))
        return out

    def _merge(self, found: list[_Found]) -> list[Meeting]:
        groups: list[_Found] = []
        for f in found:
            ids = {e.id for e in f.parts}
            for g in groups:
                gids = {e.id for e in g.parts}
                if ids <= gids or gids <= ids:
                    if g.date and f.date and g.precision == "day" and f.precision == "day" and g.date != f.date:
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
            country = g.location.iso3 if g.location else g.host_country
            if country is None and g.mode == "in_person" and not g.planned and self.doc.dateline and g.dateline_ok \
                    and (g.precision != "day" or g.date is None or 0 <= (pub - g.date).days <= 10):
                country = self.doc.dateline[0]
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
        return out


def _sentence_subject(doc: Document, sent: Sentence, pos: int) -> list[Entity]:
    """The coordinated names that open the clause before ``pos``: "X and Y first discussed"."""
    lo, _ = doc.clause_bounds(sent, pos)
    ms = [m for m in doc.agents_in(lo, pos) if not doc.in_quote(m.start) and m.entity is not None]
    if not ms:
        return []
    out = [ms[0].entity]
    for prev, m in zip(ms, ms[1:], strict=False):
        if re.fullmatch(r"\s*(?:,|and|,\s*and)\s*(?:[A-Za-z’'\-\.]+\s+){0,5}?", doc.body[prev.end:m.start]):
            out.append(m.entity)
        else:
            break
    return out


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
