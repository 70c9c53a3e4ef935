"""Visits: a named person travels to a country other than their own.

Triggers (outside quotations): visit/visited/visiting PLACE, a visit/trip/tour to PLACE,
arrived/landed in PLACE, travelled/flew/headed to PLACE, toured PLACE, leading a
delegation to PLACE, "X's US visit", "in Beijing for talks". The visitor is the agent
before the trigger (or the possessor, or "by X"); officials "accompanied by" the visitor
travel too. Meetings held in a country other than a participant's own are that
participant's visits as well ("Xi met Biden in San Francisco"); so are guests "received"
by a host in the host's country.

Also: "departed X for Y", "X, who is on a visit to ...", speeches abroad ("told a
seminar in Tokyo"), "C sent X to ... in P", coordinated visitors ("X and Y arrived"), a
pronoun subject for participle/coordinated verbs, companions in relative clauses ("who had
flown in with the delegation", "Accompanying X are ..."), delegation arrival dates, a visit
dated from its arrival or first day ("the final day of a two-day visit"), meetings abroad of
people whose country is stated or inferred (:meth:`Document.country_of`), and international
officials (no country) meeting anywhere.

``is_planned`` for announced trips ("will visit", "is set to travel"); cancelled,
postponed and speculated trips ("could visit") are skipped. One visit per visitor and
host country per article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from extract.extraction import cues
from extract.extraction.document import Document
from extract.extraction.meetings import MeetingFindings
from extract.extraction.model import Actor, Evidence, Meeting, Visit, actor_of
from extract.extraction.people import Entity
from extract.extraction.places import (
    Location,
    as_location,
    destination_after,
    further_destinations,
    location_in,
    place_before,
)
from extract.extraction.sentences import Sentence
from extract.extraction.vocab import VOCAB, alternation, guarded, hint_words

_TV = VOCAB.travel_verbs
_VERB = re.compile(
    r"(?<![\w’'\-])(?:"
    rf"(?P<noun_by>{alternation(VOCAB.visit_nouns)})\s+(?:by|of)(?=\s)"
    # "the visit President X is paying to Senegal": the visitor inside the trip's own clause
    rf"|(?P<paying>{alternation(VOCAB.visit_nouns)}\s+(?:(?:that|which)\s+)?(?:[\w\-\.’']+\s+){{1,6}}?(?:is|are|was|were)\s+"
    r"(?:now\s+|currently\s+)?(?:paying|making|undertaking)\s+(?:to|in))(?=\s)"
    rf"|(?P<visit>{alternation(_TV['visit'])})(?=\s)"
    # "his first stop will be Brunei", "the final leg of the tour, Oman", "In Riyadh, his fourth stop"
    r"|(?P<stop>(?:first|second|third|fourth|fifth|next|final|last)\s+(?:stop(?:over)?|leg|destination)"
    r"(?:\s+(?:of|on)\s+(?:the|his|her|their|a|an)\s+(?:[\w\-]+\s+){0,3}?(?:tour|trip|visit|swing|journey))?"
    r"(?:\s+for\s+(?:[A-Z][\w\-\.’']*\s+){1,4}?)?(?:\s+(?:will\s+be|would\s+be|is|was)|\s*[,:]|\s+in|\s+to))(?=\s|$)"
    # "will wrap up his tour on Thursday in the UAE", "the visit will begin Tuesday in Riyadh"
    r"|(?P<trip_edge>(?:begin|begins|began|start|starts|started|kicks?\s+off|kicked\s+off|wraps?\s+up|wrapped\s+up|"
    r"conclude|concludes|concluded|end|ends|ended)\s+(?:(?:his|her|their|the|its)\s+(?:[\w\-]+\s+){0,3}?"
    r"(?:tour|trip|visit|swing|journey)\s+)?(?:(?:on\s+)?(?:[A-Z][a-z]+day|today|tomorrow)\s+)?in)(?=\s)"
    rf"|(?P<noun>{alternation(VOCAB.visit_nouns)})\s+(?:\w+\s+){{0,2}}?(?:to|in)(?=\s)"
    rf"|(?P<country_trip>{alternation(_TV['country_trip'])})(?=[\s,.;])"
    rf"|(?P<arrive_from>{alternation(_TV['arrive_from'])})(?=\s)"
    rf"|(?P<arrive>{alternation(_TV['arrive'])})(?:\s+(?:\w+\s+){{0,3}}?(?:in|at))?(?=[\s,.])"
    rf"|(?P<route>{alternation(_TV['route'])})(?=\s)"
    rf"|(?P<stay>{alternation(_TV['stay'])})\s+(?:[\w\-]+\s+){{0,4}}?in(?=\s+[A-Z])"
    rf"|(?P<travel>{alternation(_TV['travel'])})\s+(?:\w+\s+){{0,2}}?to(?=\s)"
    rf"|(?P<tour>{alternation(_TV['tour'])})(?=\s)"
    rf"|(?P<speech>{alternation(_TV['speech'])}\s+(?:a|an|the)\s+(?:[\w\-\.]+\s+){{0,3}}?"
    r"(?i:seminar|conference|forum|audience|gathering|summit|parliament|session|assembly|university|event|rally|"
    r"symposium|dialogue|students|business\s+leaders|investors)\s+(?:[\w’'\-]+\s+){0,4}?in(?=\s))"
    r"|(?P<address>(?:addressed|addresses|addressing|address)\s+(?:a\s+(?:joint\s+)?session\s+of\s+)?(?:the\s+)?)(?=[A-Z])"
    rf"|(?P<depart>{alternation(_TV['depart'])}\s+(?:(?:from\s+)?[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){{0,2}}\s+)?for|set\s+off\s+for|sets\s+off\s+for|bound\s+for)(?=\s)"
    rf"|(?P<lead>{alternation(_TV['lead'])})\s+(?:a|an|the|his|her)\s+(?:[\w\-]+\s+){{0,4}}?delegation\s+(?:\w+\s+){{0,2}}?to(?=\s)"
    rf"|(?P<attend>{alternation(_TV['attend'])}\s+(?:the|a|an|this\s+year['’]s|last\s+\w+['’]s|[A-Z][\w\-]*['’]s)\s+"
    rf"(?:[\w’'\-\.]+\s+){{0,5}}?{alternation(_TV['attend_event'])})(?=[\s,.;])"
    # "met his Brazilian counterpart in Brasilia", "held talks in Brasilia": an engagement
    # abroad whose other side is unnamed
    r"|(?P<met_in>(?:met|meets|held\s+talks|holds\s+talks|holding\s+talks)\s+"
    r"(?:with\s+)?(?:(?:his|her|their|the)\s+(?:[\w\-]+\s+){0,3}?(?:counterparts?|hosts?|leaders?|officials|"
    r"president|prime\s+minister|premier|king|emir|minister)\s+)?in)(?=\s+[A-Z])"
    # "X accompanied Prime Minister Y to Brazil": the companion travels
    r"|(?P<accompany>accompan(?:ied|ies|ying)\s+(?:[\w\-\.’']+\s+){1,6}?to)(?=\s+(?:the\s+)?[A-Z])"
    # "a tour that will also take him to Oman and Kuwait"
    r"|(?P<take>(?:will\s+|would\s+)?(?:also\s+)?(?:take|took)\s+(?:him|her|them)\s+(?:on\s+)?to)(?=\s)"
    # "X said here", "told reporters here": a foreigner speaking in the dateline's city
    r"|(?P<here>(?:said|says|speaking|told\s+(?:reporters|journalists|the\s+media|a\s+(?:news|press)\s+"
    r"(?:conference|briefing)))\s+here)(?=[\s,.;])"
    # "is expected in Brasilia on Monday", "is due in Hanoi": an announced arrival
    r"|(?P<due>(?:expected|due)\s+(?:back\s+)?in)(?=\s+[A-Z])"
    rf"|(?P<infor>in)(?=\s+[A-Z][^.;]{{0,40}}?\s+for\s+(?:a\s+|an\s+|the\s+|his\s+|her\s+)?(?:[\w\-]+\s+){{0,3}}?"
    rf"{alternation(_TV['for_event'])}\b)"
    r")")
# the same matches, behind a look-ahead for the words a match can begin with (speed)
_VERB_SCAN = guarded(_VERB, r"(?<![\w’'\-])")
_VERB_KINDS = ("paying", "visit", "trip_edge", "stop", "noun", "noun_by", "country_trip", "arrive_from", "arrive", "route", "stay", "travel",
               "tour", "lead", "infor", "depart", "speech", "attend", "address", "due", "here", "met_in", "accompany", "take")
# a finite past verb between a planned cue and a trip noun reports the trip ("will retire
# after he visited ..."): the noun keeps its own, factual, reading
_PAST_CLAUSE = re.compile(r"\b(?:was|were|had|has|have|did|said|says|told|made|built|took|held|met|gave|began|"
                          r"went|came|saw|paid|led|flew|left|spent|won|forged|during\s+(?:his|her|their)\s+last)\b"
                          r"|\b[a-z]+ed\s+(?:a|an|the|his|her|their|during|on|in)\b")
_PERFORMERS = frozenset(_TV.get("performer", ()))
# a competition or a show as the purpose of a trip by someone holding no office
_PERFORMANCE = re.compile(r"\b(?:for|ahead\s+of|to\s+play|to\s+compete\s+in)\s+(?:(?:the|a|an|their|his|her|this|next|"
                          r"[A-Z][\w’'\-]*|\w+['’]s)\s+){0,4}(?:friendly|match|matches|fixture|qualifiers?|tournament|"
                          r"championships?|concerts?|gig|race|Grand\s+Prix|Open)\b")
_BEGAN = re.compile(r"\b(?:began|begins|started|starts|kicked\s+off|opened)\s+(?:a|an|his|her|their)\s+(?:[\w\-]+\s+){0,3}$")
_THE_COUNTRY = re.compile(r"\s*(?:to\s+)?the\s+country\b")
# the trips that may name several stops after their first destination
_LIST_KINDS = frozenset(("visit", "noun", "travel", "arrive", "tour", "lead", "depart", "route", "due", "accompany",
                         "take"))
_ON_A_VISIT = re.compile(r"\b(?:is|was|are|were)\s+(?:currently\s+|now\s+)?(?:on|paying|making)\s+"
                         r"(?:a|an|his|her|their)\s+(?:[\w\-]+\s+){0,3}$"
                         # "during X's ongoing visit": a trip under way where the article is filed
                         r"|\b(?:ongoing|current|present)\s+(?:[\w\-]+\s+){0,2}$")
_PARTICIPLE_CLAUSE = re.compile(r"[\s,]*(?:before|after|while|when|since|then)?\s*[a-z]+ing\b")
# "X returned on Sunday after a five-day visit to P": the trip of a prepositional phrase is
# that of the person just before it, in the same clause
_AFTER_TRIP = re.compile(r"[\s,]*(?:after|following|at\s+the\s+end\s+of|as\s+part\s+of|during)\s+(?:a|an|his|her|their)\s")
# the same, mid-clause: "... in Cairo as part of a short visit to the country"
_TRIP_PHRASE = re.compile(r"\b(?:after|following|as\s+part\s+of|during)\s+(?:a|an|his|her|their)\s+(?:[\w\-]+\s+){0,3}$")
_NEW_CLAUSE = re.compile(r"\b(?:while|whereas|but|who|which|whom)\b|[;“\"]")
_RESIDENT = re.compile(r"\b(?:ambassador|high\s+commissioner|charg[eé]\s+d'affaires|consul)", re.I)
# "visited a children's hospital in the capital": the dateline's city
_IN_THE_CAPITAL = re.compile(r"[^,.;]{0,50}?\bin\s+the\s+(?:capital|city)\b")
_FROM_AFTER = re.compile(r"(?:\s+here|\s+(?:in\s+)?[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?)?"
                         r"(?:\s+(?:on\s+\w+day|today|yesterday|late\s+\w+day|(?:this|last)\s+\w+))?,?\s+from\s+")
_BY_AFTER = re.compile(r"\s+(?:(?:on|in|from|last|this|next)\s+[\w\-]+\s+)?by\s+")
_ACCOMPANIED = re.compile(r"\b(?:accompanied\s+by|joined\s+by|travel(?:l)?ing\s+with|along\s+with)\s+")
# the list of companions ends at a relative clause or a verb of its own
_COMPANIONS_END = re.compile(r"\b(?:who|which|where|whom|when|met|meets|held|holds|talks|counterparts?|with)\b")
_COMPANION_AFTER = re.compile(
    r"\b(?:accompanied\s+by|travel(?:l)?(?:ed|ing)\s+with|flown\s+in\s+with|"
    r"delegation\s+(?:also\s+)?(?:included|includes|including|comprised|comprises|consisting\s+of|consists\s+of)|"
    r"[Aa]ccompanying\s+(?:him|her|them|[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+){0,2})(?:\s+on\s+(?:the|his|her|this)\s+(?:trip|visit|tour|journey))?"
    r"\s+(?:are|is|were|was))\s+")
# the party of the person named right before: "President X, who was accompanied by ..."
_HOST_PARTY = re.compile(r",?\s*(?:who\s+(?:was|were|is|are)\s+)?(?:also\s+)?")
_COMPANION_BEFORE = re.compile(
    r"\b(?:(?:is|are|was|were)\s+(?:also\s+)?(?:part|members?)\s+of\s+(?:the|his|her|[\w’']+)\s+"
    r"(?:[\w\-’']+\s+){0,2}?delegation|(?:is|are|was|were)\s+(?:also\s+)?accompanying\s+(?:him|her|them|the\s+\w+|[A-Z][\w\-]+)|"
    r"(?:had\s+|have\s+|has\s+)?(?:flown|travell?ed|come|came|flew)\s+(?:in\s+)?(?:with|alongside)\s+(?:the|his|her)\s+"
    r"(?:[\w\-’']+\s+){0,2}?(?:delegation|president|prime\s+minister|premier|leader|chancellor|king|emir))\b")
_COORD = re.compile(r"\s*(?:,|and|,\s*and)\s*(?:(?:the\s+)?[A-Za-z’'\-\.]+\s+){0,4}?")
_REL_WHO = re.compile(r",\s*who\s+(?:also\s+|had\s+|has\s+|have\s+)*$")
_WHO_ON = re.compile(r",\s+who\s+(?:is|was|has\s+been|had\s+been|are|were)\s+(?:currently\s+|now\s+|also\s+)?"
                     r"(?:on|paying|making|in\s+\w+\s+(?:for|on))\b[^,;.]{0,60}$")
# "X, who is in Moscow for talks", "X, who was visiting Rome": the relative's owner travels
_WHO_BE = re.compile(r",\s+who\s+(?:is|was|are|were|has\s+been|had\s+been)\s+(?:currently\s+|now\s+|also\s+|still\s+)?$")
# (companions travel too: "X, accompanied by Y, arrived" is left to the companion rules)
# a person after a preposition is no subject of the travel verb, except the leader of a
# delegation ("A delegation led by Foreign Minister X arrived")
_NOT_SUBJECT = re.compile(r"(?<!led\s)(?<!headed\s)\b(?:with|by|to|from|for|of|and|met|meet|meets|told|than)\s+"
                          r"(?:[\w\-]+\s+){0,3}$")
# (not "of": "President of the United States X and First Lady Y arrived" are both travellers)
_OBJECT_BEFORE = re.compile(r"\b(?:with|by|to|from|for|after|before|met|meet|meets|told|than)\s+(?:[\w\-]+\s+){0,3}$")
_PASSIVE_BY = re.compile(r"\b(?!accompanied|joined|flanked|escorted|followed|led|headed)[a-z]{3,}(?:ed|en)\s+by\s+"
                         r"(?:[\w\-]+\s+){0,3}$")
_BY_HOSTS = re.compile(r"\b(?:welcomed|greeted|received|hosted|met)\b[^.;]{0,60}?\bby\s+[^.;]{0,160}$")
_WHO_DID = re.compile(r"\bwho\s+(?:had\s+|has\s+|have\s+)?(?:also\s+|earlier\s+|previously\s+|recently\s+|"
                      r"already\s+|just\s+|once\s+|last\s+\w+\s+|in\s+\d{4}\s+)*$")
_DELEGATION_ARRIVED = re.compile(
    r"\b(?:[Tt]he|[Aa])\s+(?P<who>[A-Z][\w\-]+)\s+(?:[\w\-]+\s+){0,3}?delegations?\s+(?:had\s+|has\s+)?"
    r"(?:arrived|landed)\b")
_AT_AIRPORT = re.compile(r"\s*(?:[\w’'\-]+\s+){0,4}?(?:[Aa]irport|[Aa]ir\s+[Bb]ase|[Aa]irbase|[Aa]irfield|tarmac)\b")
_FIRST_TO = re.compile(r"\b(?:first|last|only|second|third|highest[\w\-]*|most\s+senior)\b[^.;]{0,60}\bto\s+(?:make|pay|visit|travel)\b[^.;]*$")
_NTH_DAY = re.compile(r"\b(first|second|third|fourth|fifth|final|last)\s+day\s+of\s+(?:a|an|his|her|the|their)\s+"
                      r"(?:[\w\-]+\s+){0,2}?(?:(two|three|four|five|six|seven)-day\s+)?(?:[\w\-]+\s+){0,2}?(?:visit|trip|tour)\b")
_ORDINAL_DAYS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "two": 2, "three": 3,
                 "four": 4, "five": 5, "six": 6, "seven": 7}
_LED_SUBJECT = re.compile(r"\s*(?:[Tt]he|[Aa]n?)\s+(?:[\w\-’']+\s+){0,3}?(?:delegation|group|team|participants|side|contingent),\s+"
                          r"(?:led|headed)\s+by\s+(?P<who>[^,]{3,80}),\s+(?:\w+\s+){0,2}$")
# Every visit trigger contains one of these words (a cheap filter before the regexes).
# (the events attended need their verb: "attended", a hint itself)
_VISIT_HINTS = hint_words([*VOCAB.visit_nouns, *(f for k, fs in _TV.items() if k not in ("attend_event", "performer")
                                                  for f in fs),
                           "delegation", "addressed", "addresses", "addressing", "address", "expected", "due", "here", "met", "meets", "talks", "accompanied",
                           "accompanies", "accompanying", "take", "took"])
_COMPANION_HINTS = frozenset("""
accompanied accompanying travelling traveling travelled traveled flown flew came come delegation
part members member
""".split())
# "the visiting Omani minister X": the attribute, not the verb ("is visiting Ghana")
_VISITING_ATTR = re.compile(r"(?<![\w\-])[Vv]isiting\s+")
_DEMONYM_NEXT = re.compile(r"([A-Z][\w\-]+)\s")
_VISITING_VERBAL = frozenset("""
is are was were be been being am while when after before since by for on of from during in and or
""".split())
_CHAMBER_AFTER = re.compile(rf"(?:['’]s)?\s+(?:(?:[A-Z][\w\-]*|national|federal|state)\s+){{0,2}}?"
                            rf"(?i:{alternation(VOCAB.chambers)}|parliament|lawmakers|legislators)\b")
_SENT_TO = re.compile(r"\b(?:sent|dispatched|sends|dispatches)\s+")
_MULTILATERAL = re.compile(r"\b(?:summit|General\s+Assembly|sidelines|margins|conference|forum|ministerial|"
                           r"G7|G20|BRICS|COP\d*)\b", re.I)
_MET_OBJECT = re.compile(r"\b(?:with|met|meets|meeting|received|receives|hosted|welcomed)\b")
_TRIP_NOUN = re.compile(r"\b(?:tour|trip|visit|swing|journey)\b")
# one holder per country: a king or an emir is its head of state
_HEAD_TIER = {"head_of_state": "state", "royal": "state", "head_of_government": "government"}
_PROGRESSIVE = re.compile(r"\b(?:is|are|am)\s+(?:also\s+|now\s+)?$")
_VP_SPLIT = re.compile(r",\s+and\s+(?!the\b|[A-Z])")


def _title_off(before: str, ent: Entity) -> str:
    """The words right before a name without its own title, a preposition and all
    ("Minister for Foreign Affairs", "Secretary of State"), when they end with it."""
    title = (ent.title or "").lower()
    words = before.split()
    n = len(title.split())
    if " " in title and " ".join(words[-n:]).lower() == title:
        return " ".join(words[:-n]) + " "
    return before


def _word_before(body: str, pos: int) -> str:
    m = _LAST_WORD.search(body, max(0, pos - 30), pos)
    return m.group(1).lower() if m else ""


_LAST_WORD = re.compile(r"([\w\-]+)\s+$")
_POSSESSED = re.compile(r"['’]s?\s+([\w\-]+)")


def _next_word(body: str, pos: int) -> str:
    """The word after a possessive ending at ``pos`` ("X's predecessor": "predecessor")."""
    m = _POSSESSED.match(body, pos)
    if m is None:
        m = re.compile(r"\s+([\w\-]+)").match(body, pos)  # the mention may end after the "'s"
    return m.group(1).lower() if m else ""
# a mission deployed, not a trip: led or backed by someone, or a bloc's ("UN", "AU", "EU")
_STATIONED_MISSION = re.compile(r"(?:\w-(?:led|backed|mandated|sponsored)|\b[A-Z]{2,6}|\b(?i:multinational|international|"
                                r"joint|regional|peace|support))\s+$")


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
    entry: str = ""  # the vocabulary words that fired, for the evidence


class VisitRules:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._ents = {e.name: e for e in doc.mentions.table.entities}
        self._fallback = False  # the visitor was guessed as the clause's first person
        self._undated: set[tuple[str, str]] = set()  # visits dated by the publication month only
        self._sent_trips: dict[int, list[tuple[str, str]]] = {}
        self._begun: dict[str, tuple[date, str]] = {}  # "who began a state visit on Sunday"

    def run(self, findings: MeetingFindings) -> tuple[list[Visit], list[Meeting]]:
        meetings = findings.meetings
        self._dateline_placed = findings.dateline_placed
        self._hosted_guests = findings.hosted_guests
        found: list[_Found] = []
        for sent in self.doc.sentences:
            found.extend(self._sentence(sent, found))
            if "sent " in sent.text or "dispatched " in sent.text:
                found.extend(self._sent_to(sent))
            if "visiting " in sent.text or "Visiting " in sent.text:  # (opening a sentence too)
                found.extend(self._visiting_guest(sent))
        visits = self._dedupe(found)
        had_principal = self._companions(visits)
        meetings = self._place_meetings(visits, meetings)
        out = self._from_meetings(visits, meetings)
        if not had_principal:
            # the principal visit may be known from a meeting abroad only
            self._companions(visits)
            out = list(visits.values())
        return out, meetings

    def _place_meetings(self, visits: dict[tuple[str, str], Visit], meetings: list[Meeting]) -> list[Meeting]:
        """A meeting with no stated place, where a participant is reported visiting a
        country: the meeting is held there ("X arrived in Hanoi ... The two leaders met")."""
        trips: dict[str, Visit] = {}
        for v in visits.values():
            if not v.is_planned:
                trips.setdefault(v.visitor.name, v)
        if not trips:
            return meetings
        out = []
        for i, mt in enumerate(meetings):
            if (mt.country is None or i in self._dateline_placed) and mt.mode == "in_person":
                hosts = [trips[p.name] for p in mt.participants if p.name in trips]
                where = {v.host_country for v in hosts}
                if len(where) == 1:
                    v = hosts[0]
                    # not a meeting of locals of one other country ("X met Y in D last year")
                    homes = {self._home_met_by(self._ents.get(p.name), mt) for p in mt.participants
                             if p.name not in trips}
                    others_ok = not (len(homes) == 1 and None not in homes and v.host_country not in homes
                                     and len(mt.participants) - len(hosts) > 1)
                    near = mt.date is None or v.date is None or mt.is_planned == v.is_planned and abs(
                        (mt.date - v.date).days) <= 31
                    if others_ok and near:
                        mt = replace(mt, country=v.host_country, city=mt.city or v.city)
            out.append(mt)
        return out

    def _home_met_by(self, ent: Entity | None, mt: Meeting) -> str | None:
        """The country of a participant, for placing a meeting. A title alone infers the
        dateline's country, but a country has one head of state and one head of government:
        "NAIROBI - President Ruto arrived in Kampala. Ruto held talks with President X": X,
        named by title in the traveller's home press, is no Kenyan."""
        home = self.doc.resolve.country_of(ent)
        tier = _HEAD_TIER.get(ent.role or "") if ent is not None else None
        if ent is None or ent.country or not home or not tier:
            return home
        for p in mt.participants:
            other = self._ents.get(p.name)
            if other is not None and other is not ent and _HEAD_TIER.get(other.role or "") == tier \
                    and self.doc.resolve.country_of(other) == home:
                return None
        return home

    def _companions(self, visits: dict[tuple[str, str], Visit]) -> bool:
        """Named officials travelling with the principal visitor: "accompanied by X",
        "the delegation included X", "X is part of the prime minister's delegation"."""
        principal = next((v for v in visits.values() if not v.is_planned), None)
        if principal is None:
            return False
        doc = self.doc
        body = doc.body
        for sent in doc.sentences:
            ents: list[Entity] = []
            if not doc.words(sent) & _COMPANION_HINTS:
                continue
            # "He arrived in Ankara accompanied by X": the trip of this very sentence, if any
            own = next((visits[k] for k in self._sent_trips.get(sent.index, ()) if k in visits
                        and not visits[k].is_planned), None)
            lead = own or principal
            for m in _COMPANION_AFTER.finditer(sent.text):
                lo = sent.start + m.end()
                owner = [x for x in doc.mentions.agents_in(sent.start, sent.start + m.start())
                         if x.kind == "person" and x.entity is not None and not doc.in_quote(x.start)][-1:]
                if owner and _HOST_PARTY.fullmatch(body, owner[0].end, sent.start + m.start()) \
                        and actor_of(owner[0].entity).name != lead.visitor.name \
                        and doc.resolve.country_of(owner[0].entity) == lead.host_country:
                    continue  # "greeted by President X, who was accompanied by Y": the host's party
                # the list ends at the next clause: "who travelled with X and Y, met Z"
                stop = re.search(r"(?<![A-Z])\.(?:\s|$)|\s(?:who|which|to|for|on|at|in)\s|,\s+(?:met|held|said|told|"
                                 r"visited|arrived|signed|attended|toured|called|[a-z]+ed)\b", body[lo:sent.end])
                hi = lo + stop.start() if stop else sent.end
                # named companions only: "travelled with the president" names the principal
                ents += [x.entity for x in doc.mentions.agents_in(lo, hi)
                         if x.kind == "person" and x.entity is not None and not doc.in_quote(x.start)
                         and not x.via]
            for m in _COMPANION_BEFORE.finditer(sent.text):
                ts = sent.start + m.start()
                rel = _REL_WHO.search(body, max(sent.start, ts - 30), ts)
                if rel:
                    # "golfers X and Y and businessman Z, who had flown in with the delegation"
                    ents += doc.resolve.relative_group(sent, rel.start())
                    continue
                lo, _ = doc.dates.clause_bounds(sent, ts)
                ents += [x.entity for x in doc.mentions.agents_in(max(lo, sent.start), ts)
                         if x.kind == "person" and x.entity is not None and not doc.in_quote(x.start)]
            # "Xi, accompanied by Hussain and Sharif, inspected the guard": a list naming one
            # local official names the hosts who escort the guest, its unstated ones too
            hosts_listed = any(e is not None and e.country == lead.host_country for e in ents)
            for e in ents:
                if e.strength <= 0 or e is None:
                    continue
                if hosts_listed and not e.country:
                    continue
                actor = actor_of(e)
                if actor.name == lead.visitor.name:
                    continue
                if e.country and lead.visitor.country and e.country != lead.visitor.country:
                    continue
                if e.country == lead.host_country:
                    continue
                visits.setdefault((actor.name, lead.host_country), Visit(
                    visitor=actor, host_country=lead.host_country, city=lead.city,
                    date=lead.date, date_precision=lead.date_precision, is_planned=False,
                    evidence=Evidence(sent.text, sent.start, sent.end, "visit.companion", 0.7)))
        return True

    def _visitors(self, sent: Sentence, ts: int, te: int, kind: str) -> list[Entity]:
        doc = self.doc
        body = doc.body
        self._fallback = False
        if kind == "noun":
            # "Liu's US visit to ...", "a visit by X", "X's visit"
            owner = doc.mentions.agents_in(max(sent.start, ts - 40), ts)
            if owner and owner[-1].possessive and owner[-1].kind == "person":
                gap = body[owner[-1].end:ts]
                if re.fullmatch(r"['’]s?\s+(?:[\w\-]+\s+){0,3}", gap):
                    return [owner[-1].entity]
        lo = sent.start
        agent = doc.resolve.agent_before(sent, ts)
        if agent is not None and agent.how == "name" and _PASSIVE_BY.search(body, max(sent.start, agent.start - 40),
                                                                           agent.start):
            # "the players selected by head coach X landed in Doha": X is the participle's
            # agent, not the travellers
            return []
        if agent is not None and agent.how == "unnamed" and agent.entity is None \
                and kind in ("visit", "noun") and not body[agent.end:ts].strip():
            # "after a five-day visit": the trip noun's own modifier, no agent
            agent = None
        ents: list[Entity] = []
        if agent is None or agent.entity is None:
            # "The Chinese participants, led by General X, travelled ...": the leader
            lm = _LED_SUBJECT.match(body, sent.start, ts)
            if lm:
                led = [x for x in doc.mentions.agents_in(sent.start + lm.start("who"), ts) if x.kind == "person"][:1]
                if led and led[0].entity is not None:
                    return [led[0].entity]
        self._fallback = False
        # "at the invitation of X, in charge of Y, who had earlier visited Kathmandu": the
        # relative's owner is the person named last before "who"
        wm = _WHO_DID.search(body, max(sent.start, ts - 60), ts)
        if wm is not None:
            owner = [m for m in doc.mentions.agents_in(max(sent.start, wm.start() - 200), wm.start() + 1)
                     if m.kind == "person" and m.entity is not None and not doc.in_quote(m.start)]
            if owner and not re.search(r"[;“\"]", body[owner[-1].end:wm.start()]):
                return [owner[-1].entity]
        # "received X, Prime Minister of Y, who is on an official visit to the country"
        rel = _WHO_ON.search(body, max(sent.start, ts - 200), ts) or \
            _WHO_BE.search(body, max(sent.start, ts - 40), ts)
        if rel is not None:
            owner = [m for m in doc.mentions.agents_in(max(sent.start, rel.start() - 200), rel.start() + 1)
                     if m.kind == "person" and m.entity is not None and not doc.in_quote(m.start)]
            if owner and not re.search(r"[;“\"]", body[owner[-1].end:rel.start()]):
                return [owner[-1].entity]
        if agent is not None and agent.entity is not None and agent.entity.kind == "person":
            ents.append(agent.entity)
            if agent.how == "name":
                # "X and Y arrived in Kyiv": every coordinated name
                k = agent.start
                for m in reversed(doc.mentions.agents_in(max(sent.start, k - 200), k)):
                    gap = body[m.end:k]
                    if m.kind != "person" or m.entity is None or not _COORD.fullmatch(gap):
                        break
                    if _OBJECT_BEFORE.search(body, max(sent.start, m.start - 30), m.start):
                        break  # "After talks with King X, Prime Minister Y flew on": X is the host
                    ents.insert(0, m.entity)
                    k = m.start
        else:
            self._fallback = True
            # the subject: the first person of the clause (skipping appositions)
            lo = max(sent.start, doc.dates.clause_bounds(sent, ts)[0])
            for m in doc.mentions.agents_in(lo, ts):
                if m.kind == "person" and m.entity is not None and not doc.in_quote(m.start):
                    if m.possessive and _next_word(body, m.end) in VOCAB.relatives:
                        break  # "when X's predecessor travelled to P": someone else
                    # ("the players selected by head coach X landed": X is no subject)
                    before = body[max(sent.start, m.start - 40):m.start]
                    if _NOT_SUBJECT.search(_title_off(before, m.entity)) and m.start > lo + 12:
                        continue  # (but "Minister for Foreign Affairs X": the preposition of a title)
                    ents.append(m.entity)
                    break
            pp = _AFTER_TRIP.match(body, lo, te) or _TRIP_PHRASE.search(body, max(sent.start, ts - 60), ts)
            if not ents and agent is None and pp:
                # the subject nearest before the phrase: no object of a preposition ("with
                # President X in Cairo as part of a short visit": not X), in the same clause
                at = min(lo, pp.start()) if pp.re is _AFTER_TRIP else pp.start()
                near = [m for m in doc.mentions.agents_in(sent.start, at) if m.kind == "person"
                        and m.entity is not None and not doc.in_quote(m.start)
                        and not _OBJECT_BEFORE.search(body, max(sent.start, m.start - 30), m.start)][-1:]
                if near and not _NEW_CLAUSE.search(body, near[0].end, at):
                    ents.append(near[0].entity)
            if not ents and (agent is None or agent.how != "unnamed") and _PARTICIPLE_CLAUSE.match(body, lo, te):
                # "X met Y in Riyadh on Sunday, before travelling to Muscat": the participle's
                # subject is the sentence's
                for m in doc.mentions.agents_in(max(sent.start, doc.body_start if sent.index == 0 else 0), lo):
                    if m.kind == "person" and m.entity is not None and not doc.in_quote(m.start):
                        ents.append(m.entity)
                        break
            if not ents and (agent is None or agent.entity is None):
                # "He broke with tradition ..., travelling to Ankara ..., and in January flew
                # to Beijing": a pronoun subject opening the sentence
                pm = re.match(r"\s*(He|She)\s", sent.text)
                if pm and not any(x.kind == "person" and not doc.in_quote(x.start)
                                  for x in doc.mentions.agents_in(sent.start, ts)) \
                        and not re.search(r"\b(?:who|which|said|says|told)\b", body[sent.start:ts]):
                    ent = doc.resolve.resolve_pronoun(sent, sent.start, pm.group(1).lower())
                    if ent is not None:
                        self._fallback = False
                        return [ent]
            if not ents and agent is not None and agent.entity is None:
                return []
        if ents:
            # officials accompanying the visitor
            for am in _ACCOMPANIED.finditer(body, sent.start, sent.end):
                for m in doc.mentions.agents_in(am.end(), min(sent.end, am.end() + 160)):
                    if m.kind == "person" and m.entity is not None:
                        gap = body[am.end():m.start]
                        if re.search(r"[.;]", gap) or _COMPANIONS_END.search(gap):
                            break  # "accompanied by X, who held talks with his Turkish counterpart, Y"
                        ents.append(m.entity)
        return ents

    def _sentence(self, sent: Sentence, prior: list[_Found]) -> list[_Found]:
        """The trips ``sent`` reports (``prior``: those of the sentences before it)."""
        doc = self.doc
        body = doc.body
        out: list[_Found] = []
        if not doc.words(sent) & _VISIT_HINTS:
            return out  # no word any visit rule starts from
        for m in _VERB_SCAN.finditer(sent.text):
            ts, te = sent.start + m.start(), sent.start + m.end()
            if doc.in_quote(ts):
                continue
            kind = next(k for k in _VERB_KINDS if m.group(k))
            entry = " ".join(m.group(kind).lower().split()[:3])  # the words that fired
            pre = body[max(sent.start, ts - 45):ts]
            if cues.is_denied(pre) or cues.NEGATED_AFTER.match(body, te, sent.end):
                continue
            if kind == "travel" and m.group().split()[0].lower() in ("went", "goes", "going", "came", "comes", "coming") \
                    and not re.search(r"\bto\s+$", m.group() + " "):
                continue
            if kind in ("noun", "noun_by", "country_trip") and _word_before(body, ts) in VOCAB.non_trip_modifiers:
                continue  # "a security mission in Haiti": no trip of the subject
            if kind in ("noun", "noun_by") and m.group(kind).lower().startswith("mission") \
                    and _STATIONED_MISSION.search(body, max(sent.start, ts - 30), ts):
                continue  # "the Kenyan-led mission in Haiti", "the AU mission in Somalia": a deployment
            by_visitor = None
            if kind == "trip_edge" and not _TRIP_NOUN.search(body, max(sent.start, ts - 80), te):
                continue  # "talks will begin in Geneva": no trip
            if kind == "stop":
                # the traveller: "the first stopover for X", "X's first stop", or for "his first
                # stop" and "the final leg of the tour" the traveller of the trip reported last
                inner = [x for x in doc.mentions.agents_in(ts, te) if x.kind == "person" and x.entity is not None]
                owner = [x for x in doc.mentions.agents_in(max(sent.start, ts - 30), ts) if x.kind == "person"
                         and x.entity is not None and x.possessive and not body[x.end:ts].strip(" ’'s")]
                pm = re.search(r"\b(his|her|His|Her|the|The)\s+$", body[max(sent.start, ts - 5):ts])
                if inner or owner:
                    who = (inner or owner)[0]
                    by_visitor = (who.entity, who.end)
                elif pm and (pm.group(1).lower() != "the" or _TRIP_NOUN.search(m.group(kind))) \
                        and not _VERB_SCAN.search(sent.text, 0, m.start()):
                    # (not "X will fly to Asmara, the final stop of his tour": that trip's own)
                    # (not "the first leg of the semi-final in Madrid")
                    # "his first stop": the traveller of the trip reported last, not whoever
                    # was named last (the host he is to meet)
                    g = {"his": ("m",), "her": ("f",)}.get(pm.group(1).lower(), ("m", "f"))
                    prev = [f.visitor for f in reversed(prior) if f.visitor.gender in (None, *g)][:1]
                    if not prev:
                        continue
                    by_visitor = (prev[0], ts)
                else:
                    continue  # "the ship's first stop": no traveller named
            if kind == "paying":
                inner = [x for x in doc.mentions.agents_in(ts, te) if x.kind == "person" and x.entity is not None]
                if not inner:
                    continue
                by_visitor = (inner[0].entity, inner[0].end)
            if kind == "noun_by":
                # "a two-day visit by Chancellor X to Israel": the visitor, then the place
                # ("the visit of Premier X to Hanoi" too: a person right after "of")
                by_visitor = self._by_person(sent, te)
                if by_visitor is None and m.group().endswith("of"):
                    # "a tour of Brazil and Argentina": the places toured ("a visit of two
                    # days" names none)
                    loc = destination_after(doc, te, sent.end, max_gap=6)
                elif by_visitor is None:
                    continue
                else:
                    loc = destination_after(doc, by_visitor[1], sent.end, max_gap=20)
                kind = "noun"
            elif kind == "country_trip":
                # "X's China trip", "his Africa tour": a place right before the noun
                loc = place_before(doc, ts, sent.start)
                kind = "noun"
            elif kind == "arrive_from":
                # "after arriving from Kabul": an earlier stay there
                loc = destination_after(doc, te, sent.end, max_gap=8)
            elif kind == "noun":
                loc = destination_after(doc, te, sent.end) or place_before(doc, ts, sent.start)
            elif kind == "visit":
                loc = destination_after(doc, te, sent.end, max_gap=14)
                if loc is None:
                    # "Liu's US visit"
                    loc = place_before(doc, ts, sent.start) if m.group("visit") in ("visit", "visits") else None
                    kind = "noun" if loc is not None else kind
            elif kind == "stop":
                loc = destination_after(doc, te, sent.end, max_gap=6)
                if loc is not None and m.group(kind).rstrip().endswith(",") \
                        and not re.match(r"\s*(?:[,.;]|$)", body[loc.end:loc.end + 2]):
                    loc = None  # "his fourth stop, the US official will ...": no stop named
                if loc is None:
                    # "In Riyadh, his fourth stop, ...": the place the phrase stands beside
                    ms = [x for x in doc.mentions.places_in(sent.start, ts) if x.place.kind != "demonym"]
                    if ms and re.fullmatch(r"\s*,\s*(?:his|her|their|the|[A-Z][\w\-]*['’]s?)\s+", body[ms[-1].end:ts]):
                        loc = as_location(ms[-1])
            elif kind == "here":
                loc = Location(doc.dateline.iso3, doc.dateline.city, te, te, False) if doc.dateline else None
            elif kind in ("met_in", "accompany", "take"):
                loc = destination_after(doc, te, sent.end, max_gap=6)
            elif kind in ("infor", "due"):
                loc = destination_after(doc, te, sent.end, max_gap=6)
            elif kind == "address":
                # "addressed the Peruvian Congress", "addressed Japan's Diet": a foreign chamber
                loc = None
                pm = [p for p in doc.mentions.places_in(te, min(sent.end, te + 40)) if p.start == te]
                if pm and pm[0].place.kind in ("demonym", "country") and \
                        _CHAMBER_AFTER.match(body, pm[0].end, min(sent.end, pm[0].end + 40)):
                    loc = Location(pm[0].place.iso3, None, pm[0].start, pm[0].end, False)
            elif kind == "attend":
                # "attended the summit in Kazan", "the Lima summit", "a forum at the Kremlin"
                loc = location_in(doc, te, min(sent.end, te + 60))
                if loc is None:
                    inner = [p for p in doc.mentions.places_in(ts, te) if p.place.kind in ("city", "capital")]
                    loc = as_location(inner[-1]) if inner else None
            else:
                loc = destination_after(doc, te, sent.end, max_gap=20)
            if loc is not None and kind in ("visit", "noun") and loc.end > te:
                bm = _BY_AFTER.match(body, loc.end, min(sent.end, loc.end + 30))
                if bm:
                    # "a state visit to Hanoi by President X": the agent after the place
                    by_visitor = self._by_person(sent, bm.end() - 1)
            if loc is None and kind in ("visit", "noun") and doc.dateline and m.group("visit") is None \
                    and _ON_A_VISIT.search(body, max(sent.start, ts - 50), ts) \
                    and not re.match(r"\s+(?:to|in|of)\b", body[te:te + 5]):
                # "Asante, who is on a three-day state visit, urged ...": datelined from the host
                loc = Location(doc.dateline.iso3, doc.dateline.city, te, te, False)
            if loc is None and kind in ("arrive", "visit", "noun") and doc.dateline:
                # "Zhao, who arrived on Tuesday", "visited the camps", "a visit to the country"
                tail = body[te:min(sent.end, te + 40)]
                if kind == "arrive" and (re.match(r"\s*(?:in\s+(?:the\s+)?(?:country|city|capital))?\s*(?:on|late|early|this|last|yesterday|today|"
                                                  r"a\s+day\s+(?:earlier|before)|earlier|the\s+previous\s+day|,|\.|$)", tail)
                                         or _AT_AIRPORT.match(body, te, sent.end)) \
                        or re.match(r"\s*(?:to\s+)?the\s+(?:country|city|capital)\b", tail) \
                        or (kind == "visit" and _IN_THE_CAPITAL.match(body, te, min(sent.end, te + 70))):
                    loc = Location(doc.dateline.iso3, doc.dateline.city, te, te, False)
            if loc is None and kind in ("visit", "noun") and _THE_COUNTRY.match(body, te, min(sent.end, te + 30)):
                # "discussed ... with President X in Cairo as part of a short visit to the
                # country": the place the sentence names before (no dateline to place it)
                loc = location_in(doc, sent.start, ts)
            if loc is None and kind in ("tour", "visit", "arrive") and m.group("visit") not in ("visit", "visits"):
                # "toured a car factory in Sao Paulo", "visited a refugee camp in Jordan": the
                # place of what was visited (for visitors whose country is stated)
                inner = location_in(doc, te, min(sent.end, te + 60))
                if inner is not None and not re.search(r"[,;:]|(?:and|to|from|with|by|after|before)",
                                                       body[te:inner.start]):
                    loc, kind = inner, "tour_in"
            if loc is None:
                bm = _BEGAN.search(body, max(sent.start, ts - 45), ts) if kind in ("visit", "noun") else None
                if bm:
                    # "X, who began a state visit on Sunday, held talks in Beijing on Monday":
                    # the trip's first day, for the visit the rest of the sentence places
                    d, prec, explicit = doc.dates.event_date(sent, ts, False, hi=min(sent.end, te + 30))
                    who = re.search(r"\bwho\s+$", body[max(sent.start, bm.start() - 6):bm.start()])
                    owner = [x.entity for x in doc.mentions.agents_in(sent.start, bm.start())
                             if x.kind == "person" and x.entity is not None][-1:] if who else \
                        self._visitors(sent, ts, te, kind)
                    if explicit:
                        for v in owner:
                            self._begun.setdefault(actor_of(v).name, (d, prec))
                continue
            if loc.ambiguous and kind not in ("visit", "arrive", "travel", "noun", "lead") \
                    and not (kind == "arrive_from" and entry.startswith(("return", "flew home", "flying home"))):
                # ("returned home from Washington": a stay, however ambiguous the name)
                continue
            planned = not _FIRST_TO.search(body, max(sent.start, ts - 100), ts) and cues.is_planned(pre) or (kind == "visit" and bool(re.search(r"\bto\s+$", pre)) and not _FIRST_TO.search(body, max(sent.start, ts - 100), te) and bool(re.search(r"\b(?:plans?|invit\w*|agreed|expected|set|due|scheduled|hopes?|wants?)\s+(?:\w+\s+){0,2}to\s+$", pre)))
            if kind == "take":
                planned = m.group("take").lower().startswith(("will", "would"))
            if kind == "stop":
                # "his next stop will be P", "In P, his third stop, X will address ...": the
                # tense of the phrase or of the clause it stands in
                planned = bool(re.search(r"\b(?:will|would)\b", m.group(kind))) or (
                    m.group(kind).rstrip().endswith(",") and bool(cues.PLANNED_CLAUSE.search(body, te, sent.end)))
            if kind == "trip_edge" and m.group(kind).split()[0].lower() in ("begin", "start", "kick", "wrap", "conclude", "end") \
                    and cues.PLANNED_CLAUSE.search(body, sent.start, ts):
                # "is set to attend ..., visit Qatar, and conclude his tour in the UAE": a bare
                # verb coordinated under the plan
                planned = True
            if kind == "due" or (kind == "infor" and re.search(r"\b(?:due|expected|set|scheduled)\s+$", pre)):
                planned = True  # "is due in Hanoi next week for talks"
            if kind == "attend":
                # "flew to Lima to attend ...", "was scheduled to attend ...": an infinitive
                # is a purpose or a plan (a trip reported by its travel verb stays factual)
                planned = planned or bool(re.search(r"\bto\s+$", pre))
                if planned and cues.reports_cancelled_trip(body):
                    continue  # the events of a trip called off
            if by_visitor is not None:
                visitors = [by_visitor[0]]
            elif kind == "take":
                visitors = self._sentence_subject(sent, ts)
            else:
                visitors = self._visitors(sent, ts, te, kind)
            earlier = None
            if kind == "arrive":
                fm = _FROM_AFTER.match(body, te, min(sent.end, te + 40))
                if fm:
                    earlier = destination_after(doc, fm.end(), sent.end, max_gap=0)
            # the date of this verb phrase: "travelling to Ankara later that month, and in
            # January flew to Beijing" gives each trip its own date
            vlo = max((m_.end() for m_ in _VP_SPLIT.finditer(body, sent.start, ts)), default=None)
            nxt = _VP_SPLIT.search(body, te, sent.end)
            d, prec, explicit = doc.dates.event_date(sent, ts, planned, lo=vlo, hi=nxt.start() if nxt else None)
            if not planned and explicit and kind in ("arrive", "travel", "depart") \
                    and m.group().split()[0].lower().endswith("ing") \
                    and _PROGRESSIVE.search(body, max(sent.start, ts - 12), ts):
                # "X is arriving on Thursday": the progressive of a verb of a moment (not "is
                # touring") with a day to come is an arrangement; the day is read forwards
                fd, fprec, fexp = doc.dates.event_date(sent, ts, True, lo=vlo, hi=nxt.start() if nxt else None)
                if fexp and doc.dates.after_report(fd, fprec):
                    planned, d, prec = True, fd, fprec
            planned = planned or doc.dates.after_report(d, prec)
            if (kind == "noun" or m.group("visit") in ("visit", "visits")) and not planned and by_visitor is None and \
                    cues.PLANNED_CLAUSE.search(body, max(sent.start, vlo or 0), ts):
                # a trip noun has no tense of its own: "is scheduled to arrive in Ottawa on
                # Thursday for his first official visit to Canada" plans the visit as well
                if not _PAST_CLAUSE.search(body, max(sent.start, vlo or 0), ts):
                    planned = True
                    # and its date is read as a future one ("on Friday": the coming Friday)
                    d, prec, explicit = doc.dates.event_date(sent, ts, True, lo=vlo, hi=nxt.start() if nxt else None)
            nth = _NTH_DAY.search(sent.text)
            if nth and d is not None and prec == "day" and explicit:
                # "on the final day of a two-day visit": the visit began earlier
                # the n-th day, or for the "final" day the visit's length in days
                k = _ORDINAL_DAYS.get(nth.group(1).lower()) or _ORDINAL_DAYS.get((nth.group(2) or "").lower(), 1)
                d = d - timedelta(days=max(0, k - 1))
            # "a three-nation visit to Nigeria, Brazil and Guyana": every listed stop
            stops = [loc]
            if kind in _LIST_KINDS and loc.end > te:
                stops += further_destinations(doc, loc, sent.end)
            # "Brazilian striker X arrived in Tokyo for the friendly": a player's trip, no visit
            visitors = [v for v in visitors if (v.title or "").lower() not in _PERFORMERS]
            if visitors and not any(v.is_government for v in visitors) and _PERFORMANCE.search(body, te, sent.end):
                continue
            for v in visitors:
                for stop in stops:
                    if v.country and v.country == stop.iso3:
                        continue
                    if kind in ("speech", "stay", "address", "tour_in", "here", "met_in") and not v.country:
                        continue
                    if kind == "attend" and (doc.resolve.country_of(v) or stop.iso3) == stop.iso3:
                        continue  # attending at home, or from nowhere known: no trip  # "X told a news conference in Accra", "X spent Sunday in Niigata": abroad only if X is stated foreign
                    if (self._fallback or kind == "stay") and not v.country and doc.resolve.country_of(v) == stop.iso3:
                        # a local official named somewhere in the sentence: the host; "the prime
                        # minister spent Sunday in Niigata": a domestic stay
                        continue
                    # "returned home from Washington on Tuesday": the day the stay ended,
                    # not its first day; a date reported elsewhere for the trip wins
                    ended = kind == "arrive_from" and not entry.startswith(("arriv", "flew in"))
                    out.append(_Found(v, stop, sent, ts, planned, f"visit.{kind}", d, prec, 0.85,
                                      explicit and not ended,
                                      entry))
                    if earlier is not None and stop is loc and (v.country is None or v.country != earlier.iso3):
                        # "arrived here from Kabul": the stop before this one
                        out.append(_Found(v, earlier, sent, ts, False, "visit.arrive_from", d, prec, 0.7,
                                          False, "arrived from"))
        return out

    def _sentence_subject(self, sent: Sentence, pos: int) -> list[Entity]:
        """ "X arrived in Doha, the first leg of a tour that will also take him to Oman": the
        first person of the sentence before ``pos`` who is no object of a preposition."""
        doc = self.doc
        for m in doc.mentions.agents_in(sent.start, pos):
            if m.kind != "person" or m.entity is None or doc.in_quote(m.start):
                continue
            if _NOT_SUBJECT.search(doc.body, max(sent.start, m.start - 40), m.start):
                continue
            return [m.entity]
        return []

    def _by_person(self, sent: Sentence, pos: int) -> tuple[Entity, int] | None:
        """The person named right after "by" at ``pos`` (titles may stand between)."""
        doc = self.doc
        for x in doc.mentions.agents_in(pos, min(sent.end, pos + 80)):
            if x.kind != "person" or x.entity is None or doc.in_quote(x.start):
                return None
            if doc.resolve.only_titles(doc.body[pos:x.start]):
                return x.entity, x.end
            return None
        return None

    def _visiting_guest(self, sent: Sentence) -> list[_Found]:
        """ "the Amir received at the palace the visiting Omani minister X", "talks with
        visiting Japanese Foreign Minister X": "visiting" as an attribute of a named
        foreign guest places the guest where the sentence (or its dateline) is."""
        doc = self.doc
        body = doc.body
        out: list[_Found] = []
        for m in _VISITING_ATTR.finditer(sent.text):
            ts, te = sent.start + m.start(), sent.start + m.end()
            wb = _word_before(body, ts)
            if doc.in_quote(ts) or wb in _VISITING_VERBAL and not (
                    wb in ("and", "or") and self._demonym_at(te)):
                # "is visiting Ghana", "while visiting President X in hospital" (but "X and
                # visiting Israeli Prime Minister Y": the attribute of a foreign guest)
                continue
            if cues.is_denied(body[max(sent.start, ts - 40):ts]):
                continue
            guest = self._by_person(sent, te)
            if guest is None:
                continue
            ent = guest[0]
            home = ent.country
            if not home or _RESIDENT.search(ent.title or ""):
                continue  # a guest whose country is stated: "visiting Qatari minister X"
            loc = location_in(doc, sent.start, sent.end)
            if loc is None and doc.dateline is not None:
                loc = Location(doc.dateline.iso3, doc.dateline.city, te, te, False)
            if loc is None or loc.iso3 == home:
                continue
            d, prec, explicit = doc.dates.event_date(sent, ts, False)
            out.append(_Found(ent, loc, sent, ts, False, "visit.visiting_guest", d, prec, 0.75, explicit,
                              "visiting"))
        return out

    def _demonym_at(self, pos: int) -> bool:
        """Whether a demonym starts at ``pos`` ("visiting Israeli Prime Minister ...")."""
        dm = _DEMONYM_NEXT.match(self.doc.body, pos)
        p = self.doc.gz.places.get(dm.group(1)) if dm else None
        return p is not None and p.kind == "demonym"

    def _sent_to(self, sent: Sentence) -> list[_Found]:
        """ "India sent Minister X to the inauguration in Malé": X travelled there."""
        doc = self.doc
        body = doc.body
        out = []
        for m in _SENT_TO.finditer(sent.text):
            ts = sent.start + m.start()
            if doc.in_quote(ts) or cues.is_denied(body[max(sent.start, ts - 40):ts]):
                continue
            who = [x for x in doc.mentions.agents_in(sent.start + m.end(), min(sent.end, sent.start + m.end() + 80))
                   if x.kind == "person"][:1]
            if not who or who[0].entity is None:
                continue
            tm = re.compile(r"\s+to\s+").match(body, who[0].end)
            if not tm:
                continue
            loc = destination_after(doc, who[0].end, sent.end, max_gap=8)
            if loc is None:
                # "to Shafeeq's inauguration in Malé": the place of the event
                loc = location_in(doc, tm.end(), min(sent.end, tm.end() + 60))
            if loc is None or who[0].entity.country == loc.iso3:
                continue
            d, prec, explicit = doc.dates.event_date(sent, ts, False)
            out.append(_Found(who[0].entity, loc, sent, ts, False, "visit.sent_to", d, prec, 0.75, explicit))
        return out

    def _dedupe(self, found: list[_Found]) -> dict[tuple[str, str], Visit]:
        # the trips each sentence reports (for "He arrived ..., accompanied by X")
        for f in found:
            self._sent_trips.setdefault(f.sent.index, []).append((actor_of(f.visitor).name, f.loc.iso3))
        best: dict[tuple[int, str], _Found] = {}
        order: list[tuple[int, str]] = []
        for f in found:
            key = (f.visitor.id, f.loc.iso3)
            old = best.get(key)
            if old is None:
                best[key] = f
                order.append(key)
                continue
            # keep the first report, but take a real date or city when the first lacks one;
            # a visit reported on several days dates from its first day
            if not old.explicit and f.explicit and f.planned == old.planned:
                old.date, old.precision, old.explicit = f.date, f.precision, True
            elif old.explicit and f.explicit and f.planned == old.planned and f.precision == "day" \
                    and old.precision == "day" and f.date and old.date and old.rule != "visit.arrive" and (
                        f.rule == "visit.arrive" or f.date < old.date):
                old.date = f.date  # the arrival, else the earliest day reported
                old.rule = f.rule if f.rule == "visit.arrive" else old.rule
            if old.loc.city is None and f.loc.city is not None:
                old.loc = f.loc
            old.planned = old.planned and f.planned
        out: dict[tuple[str, str], Visit] = {}
        for key in order:
            f = best[key]
            actor = actor_of(f.visitor)
            if not f.explicit:
                self._undated.add((actor.name, f.loc.iso3))
            out[(actor.name, f.loc.iso3)] = Visit(
                visitor=actor, host_country=f.loc.iso3, city=f.loc.city, date=f.date,
                date_precision=f.precision, is_planned=f.planned,
                evidence=Evidence(f.sent.text, f.sent.start, f.sent.end,
                                  f"{f.rule}:{f.entry}" if f.entry else f.rule, f.conf))
        return out

    def _from_meetings(self, visits: dict[tuple[str, str], Visit], meetings: list[Meeting]) -> list[Visit]:
        for hg in self._hosted_guests:
            if hg.guest.strength <= 0 or self._passive_host(hg.guest, hg.evidence):
                continue
            actor = actor_of(hg.guest)
            visits.setdefault((actor.name, hg.country), Visit(
                visitor=actor, host_country=hg.country, city=hg.city, date=hg.date,
                date_precision=hg.precision, is_planned=False, evidence=hg.evidence))
        for mi, mt in enumerate(meetings):
            if mt.mode != "in_person" or not mt.country:
                continue
            for i, p in enumerate(mt.participants):
                ent = self._ents.get(p.name)
                home = self.doc.resolve.country_of(ent) if p.kind == "person" else None
                if ent is not None and _RESIDENT.search(ent.title or ""):
                    continue  # an ambassador meeting the host lives there
                if i >= 1 and not p.country and (mt.participants[0].name, mt.country) in visits and (
                        i == 1 or self._met_by(mt, p.name) and not _MULTILATERAL.search(mt.evidence.sentence)):
                    # the counterpart of a visitor met there is the host: a country only
                    # inferred from the dateline ("BERLIN - Vogel ... met President X in
                    # Beijing") holds for the traveller, not for the people met, and so for
                    # every person met ("held talks with A, B and C"), except the leaders
                    # met at a gathering of many countries ("on the sidelines of the summit")
                    continue
                if p.kind == "person" and ent is not None and ent.role == "international_official" \
                        and not home:
                    if mi in self._dateline_placed:
                        continue  # placed by the dateline alone: likely the organisation's own seat
                    home = "-"  # UN, EU, AU officials serve no country: any country is abroad
                if p.kind != "person" or not home or home == mt.country:
                    continue
                if self.doc.gz.confusable(home, mt.country):
                    continue  # "Congolese Foreign Minister X" met in Brazzaville: the shared demonym's local
                if not p.country and home != "-" and ent is not None and ent.role in (
                        "head_of_state", "head_of_government") and not any(q.country == mt.country for q in mt.participants):
                    # "In N'Djamena, President X told Wen": a head of state named by title alone
                    # where the meeting is held is that country's, whatever the dateline
                    continue
                key = (p.name, mt.country)
                if key in visits and key in self._undated and mt.date and not mt.is_planned \
                        and not visits[key].is_planned and mt.date_precision == "day":
                    visits[key] = replace(visits[key], date=mt.date, date_precision=mt.date_precision)
                    self._undated.discard(key)
                    continue
                if key in visits and visits[key].is_planned and not mt.is_planned:
                    del visits[key]  # a planned leg of a trip the meetings show under way
                if key in visits:
                    old = visits[key]
                    # a visit dates from its first day: an earlier meeting on the same trip
                    if mt.date and old.date and mt.date < old.date and not mt.is_planned and \
                            not old.is_planned and (old.evidence.rule.startswith("visit.from_meeting") or (
                                mt.date_precision == old.date_precision == "day"
                                and (old.date - mt.date).days <= 7)):
                        visits[key] = replace(old, date=mt.date, date_precision=mt.date_precision)
                    continue
                if mt.is_planned and (not p.country or i > 0):
                    # a planned trip of someone whose country is only inferred; and in "is due
                    # to travel to P for talks with X", X is P's host, not a traveller
                    continue
                d, prec = mt.date, mt.date_precision
                began = self._begun.get(p.name)
                if began and d and not mt.is_planned and began[0] <= d and (d - began[0]).days <= 7:
                    d, prec = began  # the visit began before this meeting
                visits[key] = Visit(
                    visitor=p, host_country=mt.country, city=mt.city, date=d,
                    date_precision=prec, is_planned=mt.is_planned,
                    evidence=Evidence(mt.evidence.sentence, mt.evidence.char_start,
                                      mt.evidence.char_end,
                                      f"visit.from_meeting:{mt.evidence.rule.removeprefix('meeting.')}", 0.7))
        self._delegation_dates(visits)
        return list(visits.values())

    def _met_by(self, mt: Meeting, name: str) -> bool:
        """Whether ``name`` is an object of the meeting's verb, after its first participant
        ("X held talks with A, B and C"), not a companion ("A and B were also present")."""
        doc = self.doc
        ms = [m for m in doc.mentions.agents_in(mt.evidence.char_start, mt.evidence.char_end)
              if m.entity is not None and m.kind == "person"]
        first = next((m for m in ms if actor_of(m.entity).name == mt.participants[0].name), None)
        this = next((m for m in ms if actor_of(m.entity).name == name), None)
        ent = self._ents.get(name)
        return first is not None and this is not None and first.end < this.start and \
            (ent is None or ent.role != "international_official") and \
            bool(_MET_OBJECT.search(doc.body, first.end, this.start))

    def _passive_host(self, ent: Entity, ev: Evidence) -> bool:
        """ "X and his wife were welcomed at the airport by President A and Prime Minister B":
        A and B, named after the passive's "by", are the hosts, whatever their country."""
        doc = self.doc
        names = [m for m in doc.mentions.agents_in(ev.char_start, ev.char_end) if m.entity is ent]
        return bool(names) and all(_BY_HOSTS.search(doc.body, ev.char_start, m.start) for m in names)

    def _delegation_dates(self, visits: dict[tuple[str, str], Visit]) -> None:
        """ "The Russian delegation arrived in Pyongyang on July 25": the arrival date of
        that country's visitors there."""
        doc = self.doc
        for sent in doc.sentences:
            if "delegation" not in sent.text:
                continue  # every match names a delegation (speed: a substring test per sentence)
            for m in _DELEGATION_ARRIVED.finditer(sent.text):
                p = doc.gz.places.get(m.group("who"))
                if p is None or doc.in_quote(sent.start + m.start()):
                    continue
                te = sent.start + m.end()
                loc = destination_after(doc, te, sent.end, max_gap=20)
                d, prec, explicit = doc.dates.event_date(sent, te, False, lo=sent.start + m.start(), hi=sent.end)
                if not explicit:
                    continue
                for key, v in list(visits.items()):
                    home = v.visitor.country or doc.resolve.country_of(self._ents.get(v.visitor.name))
                    if home != p.iso3 or v.is_planned or (loc is not None and v.host_country != loc.iso3):
                        continue
                    if v.date is None or v.date_precision != "day" or d < v.date:
                        visits[key] = replace(v, date=d, date_precision=prec)


def extract_visits(doc: Document, findings: MeetingFindings) -> tuple[list[Visit], list[Meeting]]:
    """Visits of the article, and its meetings with places completed from the visits."""
    return VisitRules(doc).run(findings)


__all__ = ["Actor", "extract_visits"]

