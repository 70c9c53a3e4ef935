"""Cues shared by every event rule: is an event planned, speculated or denied?

One module, read from the vocabulary's cue files, so visits, meetings and statements judge
"will meet", "could visit" and "cancelled the trip" the same way. Each ``*_TAIL`` pattern is
searched over the few words before a trigger and anchored at its end ("will soon visit":
up to three words may stand between the cue and the verb).
"""

from __future__ import annotations

import re

from extract.extraction.vocab import VOCAB, alternation, hint_words


def _tail(cues: tuple[str, ...], words: int = 3) -> re.Pattern[str]:
    # "n't" has no word boundary before it; every other cue starts a word
    alt = alternation(c for c in cues if not c.startswith("n'"))
    lead = [r"n't"] if any(c.startswith("n'") for c in cues) else []
    head = "|".join([rf"\b{alt}", *lead])
    return re.compile(rf"(?:{head})(?:\s+[\w\-]+){{0,{words}}}\s*$", re.I)


# "will visit", "is set to travel", "the upcoming talks"
PLANNED_TAIL = _tail(VOCAB.planned)
# "could visit", "hopes to meet": speculation, no event
SPECULATIVE_TAIL = _tail(VOCAB.speculative)
# "did not meet", "cancelled a visit": denied, no event
NEGATED_TAIL = _tail(VOCAB.negation)
# "the visit ... was postponed"
NEGATED_AFTER = re.compile(
    r"[^.;]{0,120}?\b(?:was|were|has\s+been|had\s+been|have\s+been)\s+" + alternation(VOCAB.negation_after), re.I)
# "agreed to meet", "invited him to visit": an infinitive marks a meeting as not yet held
INFINITIVE_TO = re.compile(r"\bto(?:\s+[\w\-]+){0,2}\s*$", re.I)
# "is scheduled to", "will": a planned clause however far before the trigger
PLANNED_CLAUSE = re.compile(
    r"\b(?:will|shall|(?:is|are)\s+(?:set|expected|scheduled|due|slated)\s+to|plans?\s+to|is\s+to|are\s+to)\b")


# denied or speculated, one search: both lists in one alternation
# speculation reaches further ("could combine the trip with a stop in Moscow")
DENIED_TAIL = re.compile(f"{_tail(VOCAB.negation).pattern}|{_tail(VOCAB.speculative, 5).pattern}", re.I)


_DENIED_KEYS = hint_words(c for c in VOCAB.negation + VOCAB.speculative if not c.startswith("n'"))
_PLANNED_KEYS = hint_words(VOCAB.planned)
_WORDS = re.compile(r"[\w\-]+")


def _has_key(window: str, keys: frozenset[str]) -> bool:
    # a set look-up first: the end-anchored alternation is tried at every position
    return not keys.isdisjoint(_WORDS.findall(window.lower()))


def is_denied(before: str) -> bool:
    """Denied or speculated: the words before the trigger end in such a cue."""
    if "n't" not in before and "n’t" not in before and not _has_key(before, _DENIED_KEYS):
        return False
    return bool(DENIED_TAIL.search(before))


def is_planned(before: str) -> bool:
    if not _has_key(before, _PLANNED_KEYS):
        return False
    return bool(PLANNED_TAIL.search(before))


_CANCEL_WORDS = tuple(w.lower() for w in VOCAB.negation_after)


def reports_cancelled_trip(body: str) -> bool:
    """Whether the article reports a trip called off (a cheap substring test first)."""
    low = body.lower()
    return any(w in low for w in _CANCEL_WORDS) and bool(CANCELLED_TRIP.search(body))


# "has called off her planned visit", "the trip was postponed": an article reporting a
# cancelled trip holds no planned event of that trip, whatever later sentences plan
CANCELLED_TRIP = re.compile(
    rf"\b{alternation(VOCAB.negation_after)}\s+(?:(?:his|her|their|the|a|an|its)\s+)?(?:[\w\-]+\s+){{0,3}}?"
    rf"{alternation(VOCAB.visit_nouns)}\b"
    rf"|\b{alternation(VOCAB.visit_nouns)}\b[^.;]{{0,60}}?\b(?:was|were|has\s+been|had\s+been)\s+"
    rf"{alternation(VOCAB.negation_after)}", re.I)
