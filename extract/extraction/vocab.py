"""The rules' vocabularies, read once per process from the data files in ``vocab/``.

Every word list a rule depends on (speech verbs, meeting verbs and nouns, call phrases,
travel verbs, visit nouns, office references, metonyms, landmarks, planned / speculative /
negation cues, non-names) is a file there: adding a speech verb or a meeting noun is a
data change. The rules build their combined alternations and their cheap "hint" word sets
from these lists, so a new entry reaches the regexes and the pre-filters alike.

``DIPNEWS_VOCAB_DIR`` points the loader at another directory (a test uses a temporary
copy with an added entry); files missing there fall back to the bundled ones.
"""

from __future__ import annotations

import csv
import functools
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

BUNDLED = Path(__file__).resolve().parent / "vocab"
_WORD = re.compile(r"[\w’'\-]+")


@dataclass(frozen=True)
class SpeechVerb:
    form: str  # "said", "pointed out"
    base: str  # "say"
    trigger: bool  # opens an attribution
    quote_inversion: bool  # '"...," said X'
    continuation: bool  # ", adding that ..."
    plain_object: bool  # "hailed the deal": speech only with a clause after it
    clause_only: bool  # "thanked X for ...": speech only with a that-clause or a quotation


@dataclass(frozen=True)
class Landmark:
    name: str
    iso3: str
    city: str | None


@dataclass(frozen=True)
class Metonym:
    name: str
    organisation: str
    iso3: str


@dataclass(frozen=True)
class Vocabulary:
    speech_verbs: tuple[SpeechVerb, ...]
    meeting_nouns: tuple[str, ...]
    event_nouns: tuple[str, ...]
    agreement_nouns: tuple[str, ...]
    meeting_triggers: dict[str, tuple[str, ...]]  # kind -> phrases
    call_phrases: dict[str, str]  # phrase -> mode
    travel_verbs: dict[str, tuple[str, ...]]  # kind -> forms
    visit_nouns: tuple[str, ...]
    offices: dict[str, tuple[str, ...]]  # reference -> offices ("*": any office)
    metonyms: tuple[Metonym, ...]
    landmarks: tuple[Landmark, ...]
    planned: tuple[str, ...]
    speculative: tuple[str, ...]
    negation: tuple[str, ...]
    negation_after: tuple[str, ...]
    non_names: frozenset[str]
    chambers: tuple[str, ...]
    non_trip_modifiers: frozenset[str]
    relatives: frozenset[str]


def _path(directory: Path, name: str) -> Path:
    p = directory / name
    return p if p.exists() else BUNDLED / name


def _lines(directory: Path, name: str) -> tuple[str, ...]:
    out = []
    for line in _path(directory, name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return tuple(dict.fromkeys(out))


def _rows(directory: Path, name: str) -> list[dict[str, str]]:
    text = "\n".join(_lines(directory, name))
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(text.splitlines())]


def _grouped(rows: list[dict[str, str]], key: str, value: str) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for r in rows:
        out.setdefault(r[key], []).append(r[value])
    return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}


def load_vocabulary(directory: Path | str | None = None) -> Vocabulary:
    d = Path(directory) if directory is not None else BUNDLED
    speech = tuple(
        SpeechVerb(r["form"], r["base"], "s" in r["flags"], "q" in r["flags"], "c" in r["flags"],
                   "o" in r["flags"], "t" in r["flags"])
        for r in _rows(d, "speech_verbs.csv"))
    return Vocabulary(
        speech_verbs=speech,
        meeting_nouns=_lines(d, "meeting_nouns.txt"),
        event_nouns=_lines(d, "event_nouns.txt"),
        agreement_nouns=_lines(d, "agreement_nouns.txt"),
        meeting_triggers=_grouped(_rows(d, "meeting_triggers.csv"), "kind", "phrase"),
        call_phrases={r["phrase"]: r["mode"] for r in _rows(d, "call_phrases.csv")},
        travel_verbs=_grouped(_rows(d, "travel_verbs.csv"), "kind", "form"),
        visit_nouns=_lines(d, "visit_nouns.txt"),
        offices={r["reference"]: tuple(r["office"].split("|")) for r in _rows(d, "offices.csv")},
        metonyms=tuple(Metonym(r["metonym"], r["organisation"], r["iso3"])
                       for r in _rows(d, "metonyms.csv")),
        landmarks=tuple(Landmark(r["landmark"], r["iso3"], r["city"] or None)
                        for r in _rows(d, "landmarks.csv")),
        planned=_lines(d, "planned.txt"),
        speculative=_lines(d, "speculative.txt"),
        negation=_lines(d, "negation.txt"),
        negation_after=_lines(d, "negation_after.txt"),
        non_names=frozenset(_lines(d, "non_names.txt")),
        chambers=_lines(d, "chambers.txt"),
        non_trip_modifiers=frozenset(w.lower() for w in _lines(d, "non_trip_modifiers.txt")),
        relatives=frozenset(w.lower() for w in _lines(d, "relatives.txt")),
    )


@functools.cache
def vocabulary() -> Vocabulary:
    """The process's vocabulary (``DIPNEWS_VOCAB_DIR`` or the bundled files), loaded once."""
    return load_vocabulary(os.environ.get("DIPNEWS_VOCAB_DIR") or None)


VOCAB = vocabulary()


# ---------------------------------------------------------------- building patterns
def phrase_pattern(phrase: str) -> str:
    """A regex for one entry: words joined by any whitespace, "*" for one word."""
    parts = []
    for w in phrase.split():
        parts.append(r"[\w’'\-]+" if w == "*" else re.escape(w))
    return r"\s+".join(parts)


def alternation(phrases: Iterable[str]) -> str:
    """A non-capturing alternation of entries, longest first (so "phone call" wins over
    "call").

    Written as a prefix tree when it can be ("me(?:et(?:ing|s)?|t)" for "meet", "meeting",
    "meets", "met"): the engine then tests each next character once instead of trying every
    entry in turn at every word, several times faster on long lists. It matches the same
    text: the entries matching at one position are prefixes of one another, and both forms
    try the longest first (a node's continuations before the entry ending there)."""
    uniq = sorted(set(phrases), key=lambda p: (-len(p), p))
    if not uniq:
        return "(?!)"
    tree = _prefix_tree(uniq)
    if tree is not None:
        return "(?:" + tree + ")"
    return "(?:" + "|".join(phrase_pattern(p) for p in uniq) + ")"


# characters a prefix tree may hold: ASCII, so that under IGNORECASE (an alternation inside
# "(?i:...)") two branches of one node differing by case are detected by str.lower()
_TREE_CHARS = re.compile(r"[ -~]*")


def _prefix_tree(phrases: list[str]) -> str | None:
    """The prefix-tree regex of literal entries, or None when an entry has a "*" wildcard,
    a non-ASCII character, or two branches of one node could match the same character
    ignoring case (then only the plain alternation keeps the longest-first order)."""
    root: dict[str, dict] = {}
    for p in phrases:
        words = p.split()
        if "*" in words or not _TREE_CHARS.fullmatch(p):
            return None
        node = root
        for ch in " ".join(words):
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str | None:
        kids = [ch for ch in node if ch]
        if len({ch.lower() for ch in kids}) != len(kids):
            return None
        parts = []
        for ch in kids:
            rest = emit(node[ch])
            if rest is None:
                return None
            parts.append((r"\s+" if ch == " " else re.escape(ch)) + rest)
        if not parts:
            return ""
        body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        # continuing before stopping: the longer entry is tried first
        return f"(?:{body})?" if "" in node else body

    return emit(root)


def hint_words(phrases: Iterable[str]) -> frozenset[str]:
    """One key word per entry, its longest (a rare word: "en route to" -> "route"): every
    match of the entry contains it, so a sentence holding none of them cannot match, and
    a pre-filter on these words lets few sentences through to the regexes."""
    out = set()
    for p in phrases:
        words = [w.lower() for w in _WORD.findall(p) if w != "*"]
        if words:
            out.add(max(words, key=len))
    return frozenset(out)


def first_words(phrases: Iterable[str]) -> frozenset[str]:
    return frozenset(p.split()[0].lower() for p in phrases if p.split())
