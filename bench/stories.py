"""One synthetic article from a seeded random generator: diplomatic, filler, copy or junk.

Everything an article contains is drawn from the ``random.Random`` it is given (plus
the seed-determined :class:`bench.cast.Cast`), so the same (seed, index) always yields
the same bytes, independently of the other articles: a corpus of 1,000 is the prefix of
a corpus of 100,000, and any article can be rebuilt on its own (which is how syndicated
copies find their original).

Picks use ``seq[int(rng.random() * len(seq))]`` rather than ``rng.choice``: same
determinism, a third of the cost, and the generator has a 5,000 articles/s budget.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TypeVar

from bench import lexis
from bench import phrases as P
from bench.cast import Cast
from bench.names import Name
from bench.tables import Country, Tables, Weighted

T = TypeVar("T")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
ORDINALS = ("second", "third", "fourth", "fifth", "sixth", "seventh")
LOWER_TITLE_WORDS = frozenset({"of", "the", "for", "and"})
# Share of each diplomatic lead event, roughly as in wire coverage of foreign affairs.
LEADS: Weighted[str] = Weighted(("visit", "planned", "meeting", "call", "multi", "track2", "statement"),
                                (25, 10, 25, 15, 7, 6, 12))
LEAD_TEMPLATES = {
    "visit": P.VISIT_PAST, "planned": P.VISIT_PLANNED, "meeting": P.MEETING_IN_PERSON,
    "call": P.MEETING_CALL, "multi": P.MEETING_MULTI, "track2": P.MEETING_TRACK2,
    "statement": P.REPORTED[:5],
}
# Reported-speech templates that need no antecedent (no "He also noted").
REPORTED_NAMED = P.REPORTED[:5] + P.REPORTED[6:9]
FILLER_SHARE = 0.25


def pick(rng: random.Random, seq: Sequence[T]) -> T:
    return seq[int(rng.random() * len(seq))]


def between(rng: random.Random, lo: int, hi: int) -> int:
    return lo + int(rng.random() * (hi - lo + 1))


@dataclass(frozen=True)
class Parts:
    """An article before it is written out in the seed format."""

    published: date
    title: str
    highlights: tuple[str, ...]
    paragraphs: tuple[str, ...]
    leading_space: bool = False
    blank_lines: bool = False
    crlf: bool = False

    def render(self) -> bytes:
        first = f"{' ' if self.leading_space else ''}date {self.published.isoformat()} {self.title}"
        sep = "\n\n" if self.blank_lines else "\n"
        head = "\n".join([first, *(f"- {h}" for h in self.highlights)])
        text = f"{head}\n{sep.join(self.paragraphs)}\n"
        return (text.replace("\n", "\r\n") if self.crlf else text).encode("utf-8")

    @property
    def words(self) -> int:
        return sum(p.count(" ") + 1 for p in self.paragraphs)


@dataclass(frozen=True)
class Person:
    name: Name
    country: Country
    title: str  # lowercase, as in titles.csv

    @property
    def title_case(self) -> str:
        return " ".join(w if w in LOWER_TITLE_WORDS else w.capitalize() for w in self.title.split())


def past_phrase(rng: random.Random, published: date) -> str:
    """When something happened, as news writes it relative to the publication date."""
    u = rng.random()
    if u < 0.62:
        return f"on {WEEKDAYS[(published - timedelta(days=between(rng, 0, 5))).weekday()]}"
    if u < 0.70:
        return "yesterday"
    if u < 0.78:
        return "last week"
    day = published - timedelta(days=between(rng, 1, 20))
    if u < 0.86:
        return f"on {day.day} {MONTHS[day.month - 1]}"
    if u < 0.94:
        return f"on {MONTHS[day.month - 1]} {day.day}"
    return "earlier this week"


def future_phrase(rng: random.Random, published: date) -> str:
    u = rng.random()
    if u < 0.35:
        return f"next {pick(rng, WEEKDAYS)}"
    if u < 0.55:
        return "next week"
    if u < 0.70:
        return "later this month"
    if u < 0.85:
        return f"in {MONTHS[(published.month + between(rng, 0, 4)) % 12]}"
    day = published + timedelta(days=between(rng, 3, 60))
    return f"on {day.day} {MONTHS[day.month - 1]}"


class Story:
    """Draws the cast and the slots of one article, then writes its paragraphs."""

    def __init__(self, rng: random.Random, tables: Tables, cast: Cast, published: date) -> None:
        self.rng = rng
        self.t = tables
        self.cast = cast
        self.published = published

    # ----------------------------------------------------------------- the cast
    def country(self, *avoid: Country) -> Country:
        while True:
            c = self.t.weighted_countries.pick(self.rng)
            if c not in avoid:
                return c

    def official(self, country: Country, not_title: str = "") -> Person:
        while True:
            title = self.t.weighted_titles.pick(self.rng)
            if title != not_title:
                return Person(self.cast.holder(country.iso3, title, self.published), country, title)

    def first_mention(self, p: Person) -> str:
        u = self.rng.random()
        if u < 0.6:
            return f"{p.country.demonym} {p.title_case} {p.name.full}"
        if u < 0.8:
            return f"{p.country.possessive} {p.title} {p.name.full}"
        if u < 0.9:
            return f"{p.name.full}, {p.country.possessive} {p.title},"
        return f"{p.title_case} {p.name.full}"

    def short(self, p: Person) -> str:
        if self.rng.random() < 0.1:
            return f"{'Ms' if p.name.female else 'Mr'} {p.name.short}"
        return p.name.short

    def city(self, c: Country) -> str:
        if c.cities and self.rng.random() < 0.35:
            return pick(self.rng, c.cities)
        return c.capital

    def slots(self, a: Person, b: Person, common: dict[str, object]) -> dict[str, object]:
        """Slot values seen from ``a``: a is the subject, b the counterpart."""
        rng = self.rng
        female = a.name.female
        s: dict[str, object] = {
            **common,
            "A": self.first_mention(a), "a": self.short(a),
            # A first mention that fits mid-sentence (no apposition commas).
            "Afull": f"{a.country.demonym} {a.title_case} {a.name.full}", "B": self.first_mention(b), "b": self.short(b),
            "Bname": b.name.full, "title": a.title,
            "X": a.country.name, "Xposs": a.country.possessive, "Xdem": a.country.demonym, "Xcap": a.country.capital,
            "Y": b.country.name, "Ydem": b.country.demonym, "Ycap": b.country.capital,
            "city": self.city(b.country), "city2": self.city(b.country),
            "he": "she" if female else "he", "He": "She" if female else "He",
            "his": "her" if female else "his", "him": "her" if female else "him",
        }
        s["clause"] = self.clause(s)
        s["action"] = pick(rng, P.ACTIONS).format_map(s)
        s["demand"] = pick(rng, P.DEMANDS).format_map(s)
        return s

    # Prose between the event cues comes mostly from open-vocabulary frames (bench.lexis):
    # fixed sentences repeated across thousands of articles would look like syndication.
    def clause(self, s: dict[str, object]) -> str:
        if self.rng.random() < 0.2:
            return pick(self.rng, P.CLAUSES).format_map(s)
        return lexis.sentence(self.rng, lexis.CLAUSE, s)

    def quote(self, s: dict[str, object]) -> str:
        if self.rng.random() < 0.15:
            return pick(self.rng, P.QUOTES)
        q = lexis.sentence(self.rng, lexis.QUOTE, s)
        return q[0].upper() + q[1:]

    def background(self, s: dict[str, object]) -> str:
        if self.rng.random() < 0.2:
            return pick(self.rng, P.BACKGROUND).format_map(s)
        return lexis.sentence(self.rng, lexis.BACKGROUND, s)

    def shared(self) -> dict[str, object]:
        """Slots that do not depend on whose point of view a sentence takes."""
        rng, pub = self.rng, self.published
        s: dict[str, object] = {
            "when": past_phrase(rng, pub), "fut": future_phrase(rng, pub),
            "topic": pick(rng, P.TOPICS), "sector": pick(rng, P.SECTORS),
            "summit": pick(rng, P.SUMMITS), "vkind": pick(rng, P.VISIT_KINDS),
            "ndays": between(rng, 2, 5), "nyears": between(rng, 3, 30), "year": between(rng, 1955, pub.year - 1),
            "n": between(rng, 2, 95), "n2": between(rng, 2, 60), "nagr": between(rng, 2, 14),
            "rank": pick(rng, ORDINALS), "media": pick(rng, self.t.media),
            "tank": pick(rng, self.t.think_tanks), "N": self.cast.anyone(rng).full,
        }
        s["topic2"] = pick(rng, [t for t in P.TOPICS if t != s["topic"]])
        ntitle = pick(rng, self.t.nongov_titles)
        s["antitle"] = f"{'an' if ntitle[0] in 'aeiou' else 'a'} {ntitle}"
        return s

    # ---------------------------------------------------------------- articles
    def diplomatic(self) -> Parts:
        rng = self.rng
        lead = LEADS.pick(rng)
        xa = self.country()
        xb = self.country(xa)
        a, b = self.official(xa), self.official(xb)
        common = self.shared()
        third = self.country(xa, xb)
        common["Y2"], common["Zdem"] = third.name, third.demonym
        sa = self.slots(a, b, common)
        sb = self.slots(b, a, common)
        if lead == "multi":
            sa["C"] = self.first_mention(self.official(third))
        lead_template = pick(rng, LEAD_TEMPLATES[lead])
        if lead == "statement":  # the lead names the speaker in full
            lead_template = lead_template.replace("{a}", "{A}", 1)
        first = lead_template.format_map(sa)
        # Who the reader has met: a later short form ("Kariuki said") needs a first mention.
        introduced = {id(sa): "{A}" in lead_template,
                      id(sb): "{B}" in lead_template or "{Bname}" in lead_template}
        dateline = sa["city"] if rng.random() < 0.7 else xa.capital
        dash = " \u2014 " if rng.random() < 0.8 else " - "
        paras = [f"{str(dateline).upper()}{dash}{first}"]
        long = rng.random() < 0.2
        speaker = None
        for _ in range(between(rng, 5, 10) if long else between(rng, 2, 6)):
            who = sa if rng.random() < 0.6 else sb
            if rng.random() < 0.45:
                line = pick(rng, P.DIRECT)
            else:  # a pronoun only right after the same speaker, so it has an antecedent
                line = pick(rng, P.REPORTED if who is speaker else REPORTED_NAMED)
            if not introduced[id(who)]:
                line = line.replace("{a}", "{Afull}", 1)
                introduced[id(who)] = "{Afull}" in line
            who["q"], who["q2"] = self.quote(who), self.quote(who)
            who["clause"] = self.clause(who)
            who["action"] = pick(rng, P.ACTIONS).format_map(who)
            who["demand"] = pick(rng, P.DEMANDS).format_map(who)
            paras.append(line.format_map(who))
            # A pronoun next time only if this sentence named the speaker.
            speaker = who if "{a}" in line or "{Afull}" in line else None
        if rng.random() < 0.4:
            other = self.official(xb, not_title=b.title)
            paras.append(pick(rng, P.FOLLOW_UP).format_map({**sa, "B": self.first_mention(other)}))
        if lead in ("meeting", "call") and rng.random() < 0.25:
            paras.append(pick(rng, P.VISIT_PLANNED).format_map(sb))
        if rng.random() < 0.3:
            sa["q"], sa["clause"] = self.quote(sa), self.clause(sa)
            paras.append(pick(rng, P.NONGOV_COMMENT).format_map(sa))
        n_background = between(rng, 8, 16) if long else between(rng, 3, 8)
        if not introduced[id(sa)]:  # track-2 leads: the official is named in full once
            paras.append(pick(rng, REPORTED_NAMED).replace("{a}", "{Afull}", 1)
                         .format_map(sa))
        for _ in range(n_background):
            paras.append(self.background(sa))
        title = pick(rng, P.HEADLINES[lead]).format_map(sa)
        n_high = pick(rng, (0, 0, 0, 1, 2))
        highlights = tuple(h.format_map(sa) for h in rng.sample(P.HIGHLIGHTS, n_high))
        return self._finish(title, highlights, paras)

    def filler(self) -> Parts:
        rng = self.rng
        title_t, lines = P.FILLER[pick(rng, tuple(P.FILLER))]
        y = self.country()
        pub = self.published
        s = {
            "Y": y.name, "Ydem": y.demonym, "city": self.city(y), "city2": self.city(y),
            "when": past_phrase(rng, pub), "fut": future_phrase(rng, pub),
            "wday": pick(rng, WEEKDAYS), "n": between(rng, 2, 95), "n2": between(rng, 2, 60),
            "nyears": between(rng, 3, 30), "year": between(rng, 1990, pub.year - 1), "rank": pick(rng, ORDINALS),
            "N": self.cast.anyone(rng).full, "M": self.cast.anyone(rng).full,
            "antitle": f"a {pick(rng, ('researcher', 'scholar', 'professor'))}",
        }
        # The lead line, a few of the story's own lines, open-vocabulary background.
        body = [lines[0].format_map(s)] + [line.format_map(s) for line in lines[1:] if rng.random() < 0.35]
        body += [lexis.sentence(rng, lexis.BACKGROUND, s) for _ in range(between(rng, 2, 6))]
        body[0] = f"{str(s['city']).upper()} \u2014 {body[0]}"
        return self._finish(title_t.format_map(s), (), body)

    def _finish(self, title: str, highlights: tuple[str, ...], paras: list[str]) -> Parts:
        rng = self.rng
        title = title[0].upper() + title[1:]
        # Often two sentences to a paragraph, as wires write.
        merged: list[str] = []
        for p in paras:
            if len(merged) > 1 and rng.random() < 0.3:
                merged[-1] = f"{merged[-1]} {p}"
            else:
                merged.append(p)
        if rng.random() < 0.02:  # NBSPs from a CMS: the parser must normalise them
            merged[-1] = merged[-1].replace(" ", "\u00a0", 2)
        return Parts(
            self.published, title, highlights, tuple(merged),
            leading_space=rng.random() < 0.5, blank_lines=rng.random() < 0.05, crlf=rng.random() < 0.01,
        )


def original(rng: random.Random, tables: Tables, cast: Cast, published: date) -> Parts:
    story = Story(rng, tables, cast, published)
    return story.filler() if rng.random() < FILLER_SHARE else story.diplomatic()


def near_copy(rng: random.Random, cast: Cast, source: Parts) -> Parts:
    """A syndicated copy: the same story re-headlined, trimmed or signed, or verbatim."""
    u = rng.random()
    if u < 0.2:
        return source  # verbatim: the landing stage sees the same content hash
    published = source.published + timedelta(days=pick(rng, (0, 0, 1)))
    if u < 0.5:
        prefix = pick(rng, ("UPDATE 1-", "WRAPUP-", "ANALYSIS-", ""))
        suffix = "" if prefix else pick(rng, (" - sources", " (updated)", ": officials"))
        return replace(source, published=published, title=f"{prefix}{source.title}{suffix}")
    if u < 0.8 and len(source.paragraphs) > 2:
        return replace(source, published=published, paragraphs=source.paragraphs[:-1])
    signed = f"Reporting by {cast.anyone(rng).full}; editing by {cast.anyone(rng).full}"
    return replace(source, published=published, paragraphs=(*source.paragraphs, signed))


MALFORMED_KINDS = ("empty", "blank", "binary", "no_date_line", "bad_date", "latin1", "no_body")


def malformed(rng: random.Random, tables: Tables, cast: Cast, published: date) -> tuple[str, bytes]:
    """An input the landing stage must quarantine with a reason (never drop)."""
    kind = pick(rng, MALFORMED_KINDS)
    if kind == "empty":
        return kind, b""
    if kind == "blank":
        return kind, b"  \n\n \n"
    if kind == "binary":
        return kind, b"\x00\x01PK\x03\x04" + rng.randbytes(120)
    story = original(rng, tables, cast, published)
    text = story.render().decode("utf-8")
    if kind == "no_date_line":  # the title line without its "date YYYY-MM-DD" prefix
        return kind, re.sub(r"^\s*date \S+ ", "", text, count=1).encode("utf-8")
    if kind == "bad_date":
        bad = pick(rng, (f"{published.year}-02-31", f"{published.year}-13-05", published.strftime("%d/%m/%Y")))
        return kind, re.sub(r"\d{4}-\d{2}-\d{2}", bad, text, count=1).encode("utf-8")
    if kind == "latin1":
        return kind, (text + "Caf\u00e9 soci\u00e9t\u00e9 r\u00e9sum\u00e9.\n").encode("latin-1", errors="replace")
    return kind, f" date {published.isoformat()} {story.title}\n".encode()
