"""Open-vocabulary prose: the background, quotes and reported clauses of the stories.

Fixed template sentences repeat the same five-word runs across thousands of articles;
real news does not (two unrelated articles share ~0.05% of their 5-word shingles), and
the landing stage's MinHash near-duplicate detection treats shared runs as evidence of
syndication. So everything that is not an event cue is built from short sentence frames
whose slots are drawn from word pools of 50-150 entries: fixed runs stay shorter than
five words, and unrelated synthetic articles end up about as dissimilar as real ones.
The pools avoid event verbs (visit, meet, talk, say ...) so prose never reads as an event.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")

NOUNS = tuple("""
tariff pipeline corridor subsidy harvest reservoir budget deficit shipment refinery railway
port grid vaccine clinic curriculum drought wage pension loan bond currency reform treaty
quota border visa airline fishery mine smelter dam highway bridge tunnel satellite cable
factory warehouse terminal depot hospital school university campus courthouse parliament
ministry agency regulator inspector auditor tribunal committee council coalition alliance
cartel consortium startup bank lender insurer exporter importer refinery farmer miner trader
investor union employer tenant landlord pilgrim refugee migrant garrison patrol convoy
frigate drone missile reactor turbine battery charger semiconductor fertiliser grain wheat
rice maize coffee cocoa cotton timber copper lithium cobalt nickel bauxite gas oil coal
diesel electricity pipeline levy excise auction census ballot referendum manifesto ordinance
decree statute loophole backlog shortage surplus glut spike slump rebound outage blackout
""".split())
ADJECTIVES = tuple("""
regional bilateral fragile ambitious costly modest landmark overdue contentious sweeping
cautious tentative lengthy brief informal formal rare routine urgent gradual sharp steady
record stalled revived delayed disputed flagship pilot interim provisional permanent
temporary national provincial rural urban coastal northern southern eastern western
central strategic symbolic technical legal financial fiscal monetary commercial industrial
agricultural maritime humanitarian electoral judicial municipal federal domestic foreign
private public joint separate parallel fresh renewed broader narrower tighter looser
""".split())
# Regular verbs only, so the past participle is derived (see _past).
VERBS = tuple("""
expand delay approve reject finance upgrade review suspend restore boost launch halt resume
extend renew revise raise lower ease tighten block unlock redirect subsidise privatise
nationalise audit investigate license register certify replace repair rebuild relocate
merge split reform modernise digitise regulate deregulate monitor track import export
""".split())
ADVERBS = tuple("""
sharply steadily quietly gradually repeatedly abruptly partly largely slowly quickly
unexpectedly narrowly broadly briefly formally informally publicly privately jointly
separately temporarily permanently significantly marginally
""".split())
SOURCES = (
    "official figures", "the central bank", "a government report", "customs data", "industry estimates",
    "the statistics office", "a parliamentary inquiry", "local media", "the finance ministry",
    "a leaked memo", "court filings", "a regional survey", "company accounts", "trade unions",
    "satellite imagery", "the national audit office", "budget documents", "a draft plan",
)
PREPOSITIONS = ("in", "across", "near", "outside", "throughout", "around", "beyond")
PERIODS = ("since {year}", "over the past {n2} years", "in the first half of the year", "last quarter",
           "before the {adj} season", "for {n2} consecutive months", "during the {adj} period",
           "after the {year} elections", "ahead of the budget", "within {n2} weeks")


def pick(rng: random.Random, seq: Sequence[T]) -> T:
    return seq[int(rng.random() * len(seq))]


def plural(noun: str) -> str:
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def _past(verb: str) -> str:
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return verb[:-1] + "ied"
    return verb + "ed"


class Words:
    """Draws words for one sentence; every call is a fresh draw."""

    def __init__(self, rng: random.Random, slots: dict[str, object]) -> None:
        self.rng = rng
        self.slots = slots

    def n(self) -> str:
        return pick(self.rng, NOUNS)

    def ns(self) -> str:
        return plural(pick(self.rng, NOUNS))

    def adj(self) -> str:
        return pick(self.rng, ADJECTIVES)

    def v(self) -> str:
        return pick(self.rng, VERBS)

    def ved(self) -> str:
        return _past(pick(self.rng, VERBS))

    def adv(self) -> str:
        return pick(self.rng, ADVERBS)

    def src(self) -> str:
        return pick(self.rng, SOURCES)

    def prep(self) -> str:
        return pick(self.rng, PREPOSITIONS)

    def num(self) -> int:
        return 2 + int(self.rng.random() * 97)

    def period(self) -> str:
        return pick(self.rng, PERIODS).format(year=1990 + int(self.rng.random() * 33), n2=self.num() % 12 + 2,
                                              adj=self.adj())

    def place(self) -> str:
        return str(self.slots.get(pick(self.rng, ("city", "city2", "X", "Y", "Ycap", "Xcap")), "the region"))


# Sentence frames: lambdas over a Words draw. Event cues never appear here.
Frame = Callable[[Words], str]
BACKGROUND: tuple[Frame, ...] = (
    lambda w: f"The {w.adj()} {w.n()} {w.prep()} {w.place()} has {w.ved()} {w.adv()} {w.period()}, according to {w.src()}.",
    lambda w: f"{w.num()} {w.ns()} were {w.ved()} {w.prep()} {w.place()} {w.period()}, up from {w.num()} a year earlier.",
    lambda w: f"Prices of {w.ns()} rose {w.num()} percent {w.period()}, {w.src()} showed.",
    lambda w: f"Critics argue the {w.adj()} {w.n()} will {w.v()} {w.ns()} and {w.v()} the {w.adj()} {w.n()}.",
    lambda w: f"{w.place()} has {w.adv()} {w.ved()} its {w.adj()} {w.ns()}, a move {w.src()} linked to the {w.n()} {w.n()}.",
    lambda w: f"A {w.adj()} {w.n()} worth ${w.num()} million to {w.v()} {w.ns()} {w.prep()} {w.place()} was {w.ved()} {w.period()}.",
    lambda w: f"Plans to {w.v()} the {w.adj()} {w.n()} have been {w.ved()} {w.adv()}, leaving {w.ns()} and {w.ns()} uncertain.",
    lambda w: f"The {w.n()} accounts for {w.num()} percent of {w.adj()} {w.ns()}, {w.src()} estimate.",
    lambda w: f"{w.adj().capitalize()} {w.ns()} {w.prep()} {w.place()} depend on {w.ns()} from {w.place()}.",
    lambda w: f"Both governments {w.adv()} {w.ved()} a {w.adj()} {w.n()} on {w.ns()} {w.period()}.",
    lambda w: f"The dispute over {w.ns()} {w.prep()} {w.place()} dates back to {1950 + w.num() % 70}.",
    lambda w: f"Investment in {w.adj()} {w.ns()} has {w.ved()} {w.adv()} {w.period()}, while {w.ns()} have {w.ved()}.",
    lambda w: f"{w.src().capitalize()} put the cost of the {w.adj()} {w.n()} at ${w.num()} billion.",
    lambda w: f"Some {w.num()},000 {w.ns()} {w.prep()} {w.place()} were affected by the {w.adj()} {w.n()} {w.period()}.",
)
QUOTE: tuple[Frame, ...] = (
    lambda w: f"We will {w.v()} the {w.adj()} {w.n()} and {w.v()} our {w.ns()}",
    lambda w: f"Nobody should {w.v()} {w.ns()} for {w.adj()} gain",
    lambda w: f"Our {w.ns()} are {w.adv()} {w.ved()}, and that has to change",
    lambda w: f"This is a {w.adj()} moment for {w.ns()} and {w.ns()} alike",
    lambda w: f"We expect {w.adj()} results on {w.ns()}, not {w.adj()} promises",
    lambda w: f"The {w.n()} must be {w.ved()} before the {w.adj()} {w.n()} is {w.ved()}",
    lambda w: f"There is no {w.adj()} answer to the question of {w.ns()}",
    lambda w: f"Our partnership on {w.ns()} is {w.adj()} and {w.adj()}",
    lambda w: f"We {w.adv()} oppose any attempt to {w.v()} {w.ns()}",
    lambda w: f"It was a {w.adj()} and {w.adj()} conversation about {w.ns()}",
)
CLAUSE: tuple[Frame, ...] = (
    lambda w: f"the two sides had agreed to {w.v()} {w.adj()} {w.ns()}",
    lambda w: f"{w.place()} would {w.v()} its {w.adj()} {w.n()} {w.period()}",
    lambda w: f"the {w.adj()} {w.n()} had been {w.ved()} {w.adv()}",
    lambda w: f"any {w.adj()} {w.n()} on {w.ns()} would be {w.ved()} {w.period()}",
    lambda w: f"{w.ns()} and {w.ns()} remained the {w.adj()} priorities",
    lambda w: f"there was no plan to {w.v()} the {w.adj()} {w.ns()}",
    lambda w: f"the {w.n()} was {w.adj()} but {w.adj()}",
)


def sentence(rng: random.Random, frames: Sequence[Frame], slots: dict[str, object]) -> str:
    return pick(rng, frames)(Words(rng, slots))
