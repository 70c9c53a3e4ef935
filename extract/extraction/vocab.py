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


def alternation(phrases: Iterable[str], after_first: str = "", cased: bool = False) -> str:
    r"""A non-capturing alternation of entries, longest first (so "phone call" wins over
    "call").

    ``after_first`` (a zero-width assertion, such as the word-start look-behind written
    after the first character, ``(?<![\w-].)``) goes right after each entry's first
    character: every branch then starts with a literal, and the engine skips the positions
    whose character begins no entry instead of trying the pattern there. ``cased``: the
    alternation is never used under IGNORECASE, so entries differing by case ("UN",
    "Union") may share a prefix tree.

    Written as a prefix tree when it can be ("me(?:et(?:ing|s)?|t)" for "meet", "meeting",
    "meets", "met"): the engine then tests each next character once instead of trying every
    entry in turn at every word, several times faster on long lists. It matches the same
    text: the entries matching at one position are prefixes of one another, and both forms
    try the longest first (a node's continuations before the entry ending there)."""
    uniq = sorted(set(phrases), key=lambda p: (-len(p), p))
    if not uniq:
        return "(?!)"
    tree = _prefix_tree(uniq, after_first, cased)
    if tree is not None:
        return "(?:" + tree + ")"
    parts = []
    for p in uniq:
        pat = phrase_pattern(p)
        if after_first:
            if not p or p.split()[0] == "*":
                raise ValueError(f"no first character to follow in {p!r}")
            first = re.escape(p[0])
            pat = first + after_first + pat[len(first):]
        parts.append(pat)
    return "(?:" + "|".join(parts) + ")"


def _same_ignoring_case(a: str, b: str) -> bool:
    """Whether one character can match both ``a`` and ``b`` under IGNORECASE (an
    alternation may stand inside "(?i:...)"): "C" and "c", but also "ſ" and "s"."""
    if a.isascii() and b.isascii():
        return a.lower() == b.lower()
    return re.fullmatch(re.escape(a), b, re.I) is not None or re.fullmatch(re.escape(b), a, re.I) is not None


def _prefix_tree(phrases: list[str], after_first: str = "", cased: bool = False) -> str | None:
    """The prefix-tree regex of literal entries, or None when an entry has a "*" wildcard or
    two branches of one node could match the same character ignoring case (then only the
    plain alternation keeps the longest-first order)."""
    root: dict[str, dict] = {}
    for p in phrases:
        words = p.split()
        if "*" in words:
            return None
        node = root
        for ch in " ".join(words):
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict], top: bool = False) -> str | None:
        kids = [ch for ch in node if ch]
        if not cased and any(_same_ignoring_case(a, b) for i, a in enumerate(kids) for b in kids[i + 1:]) or (
                top and "" in node and after_first):
            return None
        parts = []
        for ch in kids:
            rest = emit(node[ch])
            if rest is None:
                return None
            parts.append((r"\s+" if ch == " " else re.escape(ch)) + (after_first if top else "") + rest)
        if not parts:
            return ""
        body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        # continuing before stopping: the longer entry is tried first
        return f"(?:{body})?" if "" in node else body

    return emit(root, top=True)


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


# ---------------------------------------------------------------- word-start guards
class _NoLead(Exception):
    """The pattern's leading word cannot be determined (the guard is not built)."""


_MAX_LEADS = 4000  # distinct leading words before the analysis gives up


def _letterish(ch: str) -> bool:
    # what [^\W\d_] matches: word characters other than decimal digits and "_"
    return (ch.isalnum() or ch == "_") and not ch.isdecimal() and ch != "_"


def _set_members(items: list) -> list[str] | None:
    """The characters of a small character set, or None (categories, negations, large ranges)."""
    from re import _constants as sc  # the parser's op codes (Python 3.11+)

    out: list[str] = []
    for op, av in items:
        if op is sc.LITERAL:
            out.append(chr(av))
        elif op is sc.RANGE and av[1] - av[0] < 64:
            out.extend(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return None
    return out


def _set_kind(items: list) -> str:
    """ "digit" when every member is a decimal digit, "other" when no member is letter-like,
    else "letter"."""
    from re import _constants as sc

    kinds = set()
    for op, av in items:
        if op is sc.CATEGORY:
            if av is sc.CATEGORY_DIGIT:
                kinds.add("digit")
            elif av is sc.CATEGORY_SPACE:
                kinds.add("other")
            else:
                return "letter"
        elif op is sc.LITERAL or (op is sc.RANGE and av[1] - av[0] < 4096):
            chars = [chr(av)] if op is sc.LITERAL else [chr(c) for c in range(av[0], av[1] + 1)]
            for ch in chars:
                if _letterish(ch):
                    return "letter"
                kinds.add("digit" if ch.isdecimal() else "other")
        else:
            return "letter"  # negated sets, large ranges
    return "digit" if kinds == {"digit"} else "other"


def _leads(seq: list, word: str, ci: bool, out: set) -> None:
    """Add to ``out`` the leading words a match of ``seq`` (parser items, each with its
    IGNORECASE state) can start with: ("digit",), (word, ci, exact) where ``exact`` means
    no letter can follow the word."""
    from re import _constants as sc

    if len(out) > _MAX_LEADS:
        raise _NoLead
    i = 0
    while i < len(seq):
        op, av, ici = seq[i]
        if op in (sc.AT, sc.ASSERT, sc.ASSERT_NOT):
            i += 1  # zero-width: ignoring it only lets more positions through
            continue
        if op is sc.SUBPATTERN:
            _, add, dele, sub = av
            sci = (ici or bool(add & re.IGNORECASE)) and not dele & re.IGNORECASE
            seq = [(o, a, sci) for o, a in sub] + seq[i + 1:]
            i = 0
            continue
        if op is sc.LITERAL or op is sc.IN:
            chars = [chr(av)] if op is sc.LITERAL else _set_members(av)
            if chars is not None and all(_letterish(c) for c in chars):
                for c in chars:  # a letter of the word: each choice goes on
                    _leads(seq[i + 1:], word + c, ci or ici, out)
                return
            kind = ("letter" if _letterish(chr(av)) else "digit" if chr(av).isdecimal() else "other") \
                if op is sc.LITERAL else _set_kind(av)
            if not word:
                if kind != "digit":
                    raise _NoLead
                out.add(("digit",))
            else:
                out.add((word, ci, kind != "letter"))
            return
        if op is sc.BRANCH:
            for alt in av[1]:
                _leads([(o, a, ici) for o, a in alt] + seq[i + 1:], word, ci, out)
            return
        if op in (sc.MAX_REPEAT, sc.MIN_REPEAT):
            lo, hi, sub = av
            item = [(o, a, ici) for o, a in sub]
            if lo == 0:
                _leads(seq[i + 1:], word, ci, out)  # skipped
            if hi == 1:
                _leads(item + seq[i + 1:], word, ci, out)
            else:
                _leads(item, word, ci, out)  # repeated: what follows the first time is unknown
            return
        raise _NoLead  # any character, back-references ...
    if not word:
        raise _NoLead
    out.add((word, ci, False))  # the end of what is known: the word may go on


def word_start_guard(pattern: re.Pattern[str]) -> str | None:
    """A look-ahead that every match of ``pattern`` satisfies at its start: a digit, or one
    of the words a match can begin with (derived from the pattern itself, so it follows
    every change of it), or None when that cannot be worked out.

    Put after a word-start look-behind, it lets the engine reject in one step the many
    words no alternative of a long pattern begins with, instead of trying every
    alternative there (several times faster for the date expressions)."""
    from re import _parser as sp  # (Python 3.11+)

    try:
        parsed = sp.parse(pattern.pattern, pattern.flags)
        out: set = set()
        ci = bool(pattern.flags & re.IGNORECASE)
        _leads([(o, a, ci) for o, a in parsed], "", ci, out)
    except (_NoLead, RecursionError):
        return None
    parts = []
    if ("digit",) in out:
        parts.append(r"\d")
    for exact in (True, False):
        for ci in (False, True):
            words = sorted({w[0] for w in out if len(w) == 3 and w[1] is ci and w[2] is exact})
            if words:
                alt = alternation(words)
                parts.append((f"(?i:{alt})" if ci else alt) + (r"(?![^\W\d_])" if exact else ""))
    return "(?:" + "|".join(parts) + ")" if parts else None


def guarded(pattern: re.Pattern[str], boundary: str) -> re.Pattern[str]:
    """``pattern`` (which starts with the word-start look-behind ``boundary``) behind its
    :func:`word_start_guard`: the same matches, found faster when most words of a text
    cannot begin one. The pattern itself when no guard can be worked out."""
    guard = word_start_guard(pattern) if pattern.pattern.startswith(boundary) else None
    if guard is None:
        return pattern
    return re.compile(rf"{boundary}(?={guard})(?:{pattern.pattern})", pattern.flags)
