"""Visits: a named person travels to a country other than their own.

Triggers (outside quotations): visit/visited/visiting PLACE, a visit/trip/tour to PLACE,
arrived/landed in PLACE, travelled/flew/headed to PLACE, toured PLACE, leading a
delegation to PLACE, "X's US visit", "in Beijing for talks". The visitor is the agent
before the trigger (or the possessor, or "by X"); officials "accompanied by" the visitor
travel too. Meetings held in a country other than a participant's own are that
participant's visits as well ("Xi met Biden in San Francisco"); so are guests "received"
by a host in the host's country.

``is_planned`` for announced trips ("will visit", "is set to travel"); cancelled,
postponed and speculated trips ("could visit") are skipped. One visit per visitor and
host country per article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from extract.extraction.document import Document
from extract.extraction.meetings import _NEG_AFTER, _NEGATED
from extract.extraction.model import Actor, Evidence, Meeting, Visit
from extract.extraction.people import Entity
from extract.extraction.places import Location, destination_after, place_before
from extract.extraction.sentences import Sentence
from extract.extraction.statements import actor_of

_VERB = re.compile(
    r"(?<![\w’'\-])(?:"
    r"(?P<visit>visit|visits|visited|visiting)(?=\s)"
    r"|(?P<noun>(?:visit|trip|tour|journey|mission|stop|stopover|swing|pilgrimage)s?)\s+(?:\w+\s+){0,2}?(?:to|in)(?=\s)"
    r"|(?P<arrive>arrived|arrives|arriving|arrive|landed|lands|landing|touched\s+down)\s+(?:\w+\s+){0,3}?in(?=\s)"
    r"|(?P<travel>travel(?:l)?ed|travels|travel(?:l)?ing|travel|flew|flies|fly|flying|headed|heads|heading|went|goes|going|came|comes|coming|jetted)\s+(?:\w+\s+){0,2}?to(?=\s)"
    r"|(?P<tour>toured|tours|touring)(?=\s)"
    r"|(?P<lead>leading|led|leads|lead|heading|headed|heads|head)\s+(?:a|an|the|his|her)\s+(?:[\w\-]+\s+){0,4}?delegation\s+(?:\w+\s+){0,2}?to(?=\s)"
    r"|(?P<infor>in)(?=\s+[A-Z][^.;]{0,40}?\s+for\s+(?:talks|a\s+visit|meetings|a\s+summit|the\s+summit|an?\s+\w+\s+visit))"
    r")")
_PLANNED = re.compile(
    r"(?:\bwill|\bshall|\bset\s+to|\bexpected\s+to|\bplans?\s+to|\bplanning\s+to|\bscheduled\s+to|"
    r"\bdue\s+to|\bis\s+to|\bare\s+to|\bagreed\s+to|\bintends?\s+to|\bgoing\s+to|\bto\s+make|\bupcoming|"
    r"\bforthcoming|\bplanned|\bnext|\binvited\s+(?:\w+\s+){0,3}to|\bwill\s+be|\bheading)(?:\s+[\w\-]+){0,3}\s*$", re.I)
_SPECULATIVE = re.compile(r"(?:\bcould|\bmight|\bmay|\bwould|\bif|\bwhether|\bhopes?\s+to|\bwants?\s+to|"
                          r"\bconsidering|\bmulling|\bpossible|\bpotential|\bproposed|\brumou?red)(?:\s+[\w\-]+){0,3}\s*$", re.I)
_ACCOMPANIED = re.compile(r"\b(?:accompanied\s+by|joined\s+by|travel(?:l)?ing\s+with|along\s+with)\s+")
_COMPANION_AFTER = re.compile(
    r"\b(?:accompanied\s+by|travel(?:l)?(?:ed|ing)\s+with|flown\s+in\s+with|"
    r"delegation\s+(?:also\s+)?(?:included|includes|including|comprised|comprises|consisting\s+of|consists\s+of))\s+")
_COMPANION_BEFORE = re.compile(
    r"\b(?:is|are|was|were)\s+(?:also\s+)?(?:part|members?)\s+of\s+(?:the|his|her|[\w’']+)\s+"
    r"(?:[\w\-’']+\s+){0,2}?delegation\b")
_HIGHEST = re.compile(r"\bto\s+visit\s*$")


@dataclass
class _Found:
    visitor: Entity
    loc: Location
    sent: Sentence
    pos: int
    planned: bool
    rule: str
    date: date | None
    precision: str
    conf: float
    explicit: bool = False


class VisitRules:
    def __init__(self, doc: Document) -> None:
        self.doc = doc

    def run(self, meetings: list[Meeting]) -> list[Visit]:
        found: list[_Found] = []
        for sent in self.doc.sentences:
            found.extend(self._sentence(sent))
        visits = self._dedupe(found)
        self._companions(visits)
        return self._from_meetings(visits, meetings)

    def _companions(self, visits: dict[tuple[str, str], Visit]) -> None:
        """Named officials travelling with the principal visitor: "accompanied by X",
        "the delegation included X", "X is part of the prime minister's delegation"."""
        principal = next((v for v in visits.values() if not v.is_planned), None)
        if principal is None:
            return
        doc = self.doc
        body = doc.body
        for sent in doc.sentences:
            ents: list[Entity] = []
            for m in _COMPANION_AFTER.finditer(sent.text):
                lo = sent.start + m.end()
                stop = re.search(r"[.;]|\s(?:who|which|to|for|on|at|in)\s", body[lo:sent.end])
                hi = lo + stop.start() if stop else sent.end
                ents += [x.entity for x in doc.agents_in(lo, hi)
                         if x.kind == "person" and x.entity is not None and not doc.in_quote(x.start)]
            for m in _COMPANION_BEFORE.finditer(sent.text):
                ts = sent.start + m.start()
                lo, _ = doc.clause_bounds(sent, ts)
                ents += [x.entity for x in doc.agents_in(max(lo, sent.start), ts)
                         if x.kind == "person" and x.entity is not None and not doc.in_quote(x.start)]
            for e in ents:
                if e.strength <= 0 or e is None:
                    continue
                actor = actor_of(e)
                if actor.name == principal.visitor.name:
                    continue
                if e.country and principal.visitor.country and e.country != principal.visitor.country:
                    continue
                if e.country == principal.host_country:
                    continue
                visits.setdefault((actor.name, principal.host_country), Visit(
                    visitor=actor, host_country=principal.host_country, city=principal.city,
                    date=principal.date, date_precision=principal.date_precision, is_planned=False,
                    evidence=Evidence(sent.text, sent.start, sent.end, "visit.companion", 0.7)))

    def _visitors(self, sent: Sentence, ts: int, te: int, kind: str) -> list[Entity]:
        doc = self.doc
        body = doc.body
        if kind == "noun":
            # "Liu's US visit to ...", "a visit by X", "X's visit"
            owner = doc.agents_in(max(sent.start, ts - 40), ts)
            if owner and owner[-1].possessive and owner[-1].kind == "person":
                gap = body[owner[-1].end:ts]
                if re.fullmatch(r"['’]s?\s+(?:[\w\-]+\s+){0,3}", gap):
                    return [owner[-1].entity]
        lo = sent.start
        agent = doc.agent_before(sent, ts)
        ents: list[Entity] = []
        if agent is not None and agent.entity is not None and agent.entity.kind == "person":
            ents.append(agent.entity)
        else:
            # the subject: the first person of the clause (skipping appositions)
            for m in doc.agents_in(lo, ts):
                if m.kind == "person" and m.entity is not None and not doc.in_quote(m.start):
                    before = body[max(sent.start, m.start - 12):m.start]
                    if re.search(r"\b(?:with|by|to|from|for|of|and|met|meet|meets|told|than)\s+(?:[\w\-]+\s+){0,3}$", before) and m.start > lo + 12:
                        continue
                    ents.append(m.entity)
                    break
            if not ents and agent is not None and agent.entity is None:
                return []
        if ents:
            # officials accompanying the visitor
            for am in _ACCOMPANIED.finditer(body, sent.start, sent.end):
                for m in doc.agents_in(am.end(), min(sent.end, am.end() + 160)):
                    if m.kind == "person" and m.entity is not None:
                        gap = body[am.end():m.start]
                        if re.search(r"[.;]", gap):
                            break
                        ents.append(m.entity)
        return ents

    def _sentence(self, sent: Sentence) -> list[_Found]:
        doc = self.doc
        body = doc.body
        out: list[_Found] = []
        for m in _VERB.finditer(sent.text):
            ts, te = sent.start + m.start(), sent.start + m.end()
            if doc.in_quote(ts):
                continue
            kind = next(k for k in ("visit", "noun", "arrive", "travel", "tour", "lead", "infor") if m.group(k))
            pre = body[max(sent.start, ts - 45):ts]
            if _NEGATED.search(pre) or _NEG_AFTER.match(body, te, sent.end):
                continue
            if _SPECULATIVE.search(pre):
                continue
            if kind == "travel" and m.group().split()[0].lower() in ("went", "goes", "going", "came", "comes", "coming") \
                    and not re.search(r"\bto\s+$", m.group() + " "):
                continue
            if kind == "noun":
                loc = destination_after(doc, te, sent.end) or place_before(doc, ts, sent.start)
            elif kind == "visit":
                loc = destination_after(doc, te, sent.end, max_gap=14)
                if loc is None:
                    # "Liu's US visit"
                    loc = place_before(doc, ts, sent.start) if m.group("visit") in ("visit", "visits") else None
                    kind = "noun" if loc is not None else kind
            elif kind == "infor":
                loc = destination_after(doc, te, sent.end, max_gap=6)
            else:
                loc = destination_after(doc, te, sent.end, max_gap=20)
            if loc is None and kind in ("arrive", "visit", "noun") and doc.dateline:
                # "Zhao, who arrived on Tuesday", "visited the camps", "a visit to the country"
                tail = body[te:min(sent.end, te + 40)]
                if kind == "arrive" and re.match(r"\s*(?:in\s+(?:the\s+)?(?:country|city|capital))?\s*(?:on|late|early|this|last|yesterday|today|,|\.|$)", tail) \
                        or re.match(r"\s*(?:to\s+)?the\s+(?:country|city|capital)\b", tail):
                    loc = Location(doc.dateline[0], doc.dateline[1], te, te, False)
            if loc is None:
                continue
            if loc.ambiguous and kind not in ("visit", "arrive", "travel", "noun", "lead"):
                continue
            planned = bool(_PLANNED.search(pre)) or (kind == "visit" and bool(re.search(r"\bto\s+$", pre)) and not _HIGHEST.search(body[max(sent.start, ts - 60):te]) and bool(re.search(r"\b(?:plans?|invit\w*|agreed|expected|set|due|scheduled|hopes?|wants?)\s+(?:\w+\s+){0,2}to\s+$", pre)))
            visitors = self._visitors(sent, ts, te, kind)
            d, prec, explicit = doc.event_date(sent, ts, planned)
            for v in visitors:
                if v.country and v.country == loc.iso3:
                    continue
                out.append(_Found(v, loc, sent, ts, planned, f"visit.{kind}", d, prec, 0.85, explicit))
        return out

    def _dedupe(self, found: list[_Found]) -> dict[tuple[str, str], Visit]:
        best: dict[tuple[int, str], _Found] = {}
        order: list[tuple[int, str]] = []
        for f in found:
            key = (f.visitor.id, f.loc.iso3)
            old = best.get(key)
            if old is None:
                best[key] = f
                order.append(key)
                continue
            # keep the first report, but take a real date or city when the first lacks one
            if not old.explicit and f.explicit and f.planned == old.planned:
                old.date, old.precision, old.explicit = f.date, f.precision, True
            if old.loc.city is None and f.loc.city is not None:
                old.loc = f.loc
            old.planned = old.planned and f.planned
        out: dict[tuple[str, str], Visit] = {}
        for key in order:
            f = best[key]
            actor = actor_of(f.visitor)
            out[(actor.name, f.loc.iso3)] = Visit(
                visitor=actor, host_country=f.loc.iso3, city=f.loc.city, date=f.date,
                date_precision=f.precision, is_planned=f.planned,
                evidence=Evidence(f.sent.text, f.sent.start, f.sent.end, f.rule, f.conf))
        return out

    def _from_meetings(self, visits: dict[tuple[str, str], Visit], meetings: list[Meeting]) -> list[Visit]:
        for guest, where, city, d, prec, ev in self.doc.hosted_guests:
            if guest.strength <= 0:
                continue
            actor = actor_of(guest)
            visits.setdefault((actor.name, where), Visit(
                visitor=actor, host_country=where, city=city, date=d, date_precision=prec,
                is_planned=False, evidence=ev))
        for mt in meetings:
            if mt.mode != "in_person" or not mt.country:
                continue
            for p in mt.participants:
                if p.kind != "person" or not p.country or p.country == mt.country:
                    continue
                key = (p.name, mt.country)
                if key in visits:
                    continue
                visits[key] = Visit(
                    visitor=p, host_country=mt.country, city=mt.city, date=mt.date,
                    date_precision=mt.date_precision, is_planned=mt.is_planned,
                    evidence=Evidence(mt.evidence.sentence, mt.evidence.char_start,
                                      mt.evidence.char_end, "visit.from_meeting", 0.7))
        return list(visits.values())


def extract_visits(doc: Document, meetings: list[Meeting]) -> list[Visit]:
    return VisitRules(doc).run(meetings)


__all__ = ["Actor", "extract_visits"]
