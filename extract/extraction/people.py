"""Person, organisation and place mentions, and their coreference within one article.

How names are found (no trained model):

1. *Capitalised runs*: maximal sequences of capitalised tokens, joined by spaces and by the
   connectors "of", "of the", "for", "on", "and" and name particles ("bin", "al", "van").
2. Each run is segmented left to right by longest match against the gazetteer: places
   (countries, demonyms, cities), organisations, capitalised titles ("President"),
   honorifics ("Mr"), calendar words, sentence-initial function words. What is left are
   unknown tokens; consecutive unknown tokens form a name candidate.
3. A candidate ending in an organisation head noun ("Society", "Department") is an
   organisation; ending in a place/thing noun ("Sea", "Summit") it is ignored; otherwise it
   is a person when a title or honorific precedes it (in the run, or as lowercase words
   before it: "Chinese diplomat Liu Jianchao", "former US treasury secretary Lawrence
   Summers", "Shanghai Communist Party boss Chen Jining"), or when it has two to four
   name-shaped tokens. Single tokens are persons when titled or when they are a short
   form of a full name seen anywhere in the article (title and highlights included).
4. Country and title of a person come from the words before the name (demonym, country,
   "Russia's", organisation with a country) and from an apposition after it ("Lavrov,
   Russia's foreign minister,"; "Liu, who heads the International Department,").

Coreference: short forms ("Liu", "Mr Lavrov") go to the full name that contains the
token, preferring the most recently mentioned; pronouns and definite descriptions ("the
Kenyan leader", "the minister", "the department", "the statement") are resolved by the
event rules through :class:`resolution.Resolution` at the position where they occur, and
office references and acronyms become mentions of their own (:mod:`coreference`).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from dataclasses import dataclass, field

from extract.extraction.lexicon import (
    CALENDAR_WORDS,
    FEMALE_HONORIFICS,
    HONORIFICS,
    MALE_HONORIFICS,
    NAME_PARTICLES,
    ORG_HEADS,
    PORTFOLIO_WORDS,
    ROYAL_TITLES,
    STOP_BUT_NAME_START,
    STOP_CAPS,
    THING_HEADS,
    TITLE_MODIFIERS,
    UPPER,
)
from extract.extraction.vocab import VOCAB
from extract.gazetteer import Gazetteer, Organization, Place

U = UPPER
_TOK = rf"(?:(?:al|el)-)?(?:[{U}](?:\.[{U}])+\.?|[{U}]\.(?= [{U}])|[{U}][\w]*(?:[’'\-](?!s\b)\w+)*)"
_CONNECTORS = ("of the", "of", "for", "on", "and", "es", "bin", "bint", "ibn", "al", "el", "de", "da",
               "di", "du", "del", "della", "der", "den", "van", "von", "la", "le", "dos", "das",
               "ben", "abu", "y")
_CONN = "|".join(_CONNECTORS)
_CONNECTOR_SET = frozenset(_CONNECTORS)  # membership: a set look-up, not a scan of the tuple
_RUN = re.compile(rf"(?<![\w’'\-]){_TOK}(?:(?: (?:{_CONN})){{0,2}} {_TOK}){{0,40}}")
_RUN_TOKEN = re.compile(r"of the|\S+")
# organs of a state, named after the state's demonym without it being part of the name
_STATE_BODY_HEADS = frozenset("""
Ministry Embassy Consulate Government Office Department Cabinet Parliament Army Navy Police Forces Force
Guard Command Administration Presidency Senate Congress Court
""".split())
_RUN_CACHE_MAX = 8_192  # segmented runs kept per scanner (least recently used dropped; 81% of
# runs hit it on the speed corpus, 82% with twice the size)
_POSSESSIVE = re.compile(r"['’]s?(?=\W|$)")
# A name-shaped token: capital, then lowercase letters of any script ("Erdoğan",
# "Yılmaz"), apostrophes and hyphens, inner capitals only before a lowercase ("McDonald").
_LOWER = r"[^\W\d_]"
_NAME_SHAPE = re.compile(
    rf"^(?:(?:al|el)-)?[{U}](?:[’'\-]|[{U}](?=[a-zà-ÿ])|(?:(?![{U}]){_LOWER}))*(?:(?![{U}]){_LOWER})$|^[{U}]\.$")
_WORD_CHARS = re.compile(r"[\w’'\-\.]+")
_WORDS_BEFORE = re.compile(r"((?:[\w’'\-\.]+ ){1,6})$")
_APPOSITION = re.compile(
    r",\s+(?:who\s+(?:is|was|heads|headed|leads|led|chairs|serves as|served as|is also|was also)\s+)?"
    r"(?:(?:the|a|an|his|her)\s+)?(?!(?:as\s+well|and|including|along|while|but|with|or)\b)([^,.;:“”\"()]{2,90}?)(?=,|\.|;|\s+(?:said|says|told|added)\b|$)"
)
# Capitalised common nouns that are never a person's name on their own.
_NOT_NAME_WORDS = frozenset("""
Change Heads Head European Europeans African Asian Arab Western Eastern Northern Southern
Global World Summit Leaders Leader Ministers Minister President Presidents Government
Governments State States People Peoples Nations Nation Countries Country Union Members
Member Delegation Delegations Office Officials Spokesman Spokeswoman Spokesperson Secretary
Ambassador Ambassadors Embassy Envoy Envoys Chief Chiefs Deputy Vice Prime Crown Prince
Party Parties Council Congress Parliament Senate Assembly Cabinet Army Navy Police Court
Republic Kingdom Federation Commonwealth Group Groups Forum Agenda Partnership Agreement
""".split())
# Role nouns that introduce a name like a title does, beyond the titles seed.
ROLE_NOUNS = frozenset({"counterpart", "leader", "boss", "chief", "envoy", "delegate", "head",
                        "official", "spokesman", "spokeswoman", "spokesperson", "diplomat",
                        "minister", "president", "premier", "secretary", "ambassador"})
_NON_GOV_ROLES = frozenset({"non_government"})
MAX_PHRASE = 7
_APPOS_OPENERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "who", "former", "then", "now",
                            "currently", "also", "newly", "recently"})
_NON_NAMES = VOCAB.non_names
# Royal titles that are also name words: between two name words they are part of the name
# ("Hossein Amir Tavakoli", "Reza Shah Karimi"), and after another title before a patronymic
# particle they are the given name ("Crown Prince Sultan bin Faisal").
_TITLE_NAME_WORDS = frozenset({"Amir", "Emir", "Sultan", "Shah", "Prince", "Sheikh"})
_PATRONYMIC = frozenset({"bin", "bint", "ibn", "ben"})
_PERSONAL_HONORIFICS = frozenset({"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Mister"})
_INITIAL = re.compile(rf"^[{U}]\.$")
# Capitalised function words inside a run after a name word: the run is a title-case
# headline ("Minister Calls On Acting President"), and the word ends any name ("To" is kept
# out: a Vietnamese name word, "To Lam").
_TITLECASE_BREAKS = frozenset("On In At With For From By Of Into Amid Over After As And The Against About".split())
# Capitalised words that cannot be a given name or surname: abstract nouns and adjectives by
# their ending ("Traditional Religions", "Constitutional", "Communities", "Legislative").
_NON_NAME_SUFFIX = re.compile(r"(?:tional|ical|ative|ities|ations|isms|ancies|encies|[^aeiou]ions)$")


def _headline_verbs() -> frozenset[str]:
    """Third-person verb forms of the speech and travel vocabularies, capitalised: in a
    title-case headline ("Minister Meets Envoy", "Kagame Says ...") they end a name."""
    forms = {v.form for v in VOCAB.speech_verbs} | {f for fs in VOCAB.travel_verbs.values() for f in fs}
    forms |= {w for fs in VOCAB.meeting_triggers.values() for ph in fs for w in ph.split()[:1]}
    return frozenset(f.capitalize() for f in forms
                     if " " not in f and f.endswith("s") and not f.endswith("ss")
                     and not f.endswith(("ions", "ies", "ings")) and f.capitalize() not in THING_HEADS
                     and f.capitalize() not in ORG_HEADS and f.capitalize() not in _NOT_NAME_WORDS
                     and f not in ("has", "states", "heads", "talks", "games", "comes", "goes"))


_HEADLINE_VERBS = _headline_verbs()
# every one-word verb form of those vocabularies, capitalised ("Meet", "Visit", "Say")
_ALL_VERB_FORMS = frozenset(
    f.capitalize() for f in ({v.form for v in VOCAB.speech_verbs}
                             | {f for fs in VOCAB.travel_verbs.values() for f in fs}
                             | {ph for fs in VOCAB.meeting_triggers.values() for ph in fs}) if " " not in f)
# visit and meeting nouns, capitalised in a title-case headline ("Ruto Nairobi Visit"): no name word
# ending a run; those heading names of things ("Summit", "Dialogue") are left to THING_HEADS
_HEADLINE_NOUNS = frozenset(w.capitalize() for w in (*VOCAB.visit_nouns, *VOCAB.meeting_nouns)
                            if " " not in w and w.capitalize() not in THING_HEADS
                            and w.capitalize() not in ORG_HEADS)
# month abbreviations that are also given names or name syllables ("Wen Jun", "Jan Novak")
_NAME_MONTHS = frozenset({"Jan", "Jun", "Mar"})


def _name_word(tok: str) -> bool:
    """A capitalised token that can be a word of a person's name (not a portfolio, head,
    thing or title-like word)."""
    return bool(_NAME_SHAPE.match(tok)) and tok not in PORTFOLIO_WORDS and tok not in ORG_HEADS and \
        tok not in THING_HEADS and tok not in _NOT_NAME_WORDS and tok not in _NON_NAMES and \
        tok not in STOP_CAPS and tok not in CALENDAR_WORDS and \
        tok not in _HEADLINE_VERBS and not _NON_NAME_SUFFIX.search(tok)


@dataclass(eq=False)
class Entity:
    """A person or organisation of one article, with what the article says about it."""

    id: int
    name: str
    kind: str  # "person" | "organization"
    tokens: tuple[str, ...]
    country: str | None = None
    title: str | None = None
    role: str | None = None
    is_government: bool | None = None
    org_kind: str | None = None
    gender: str | None = None
    aliases: set[str] = field(default_factory=set)
    strength: int = 0  # 2 titled/known, 1 full name, 0 bare single token

    def absorb(self, country: str | None, title: str | None, role: str | None,
               gov: bool | None) -> None:
        if country and not self.country:
            self.country = country
        if title and not self.title:
            self.title = title
        if role and not self.role:
            self.role = role
        if gov is not None and self.is_government is None:
            self.is_government = gov


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    kind: str  # "person" | "org" | "place" | "title_only"
    text: str
    entity: Entity | None = None
    place: Place | None = None
    possessive: bool = False
    via: str = ""  # how coreference made it ("office:top diplomat", "acronym:MEA"); "" for names


@dataclass(slots=True)
class _Seg:
    kind: str  # conn|org|place|title|honorific|royal|calendar|stop|acronym|unk
    i: int  # token index range [i, j)
    j: int
    org: Organization | None = None
    place: Place | None = None
    title: str | None = None


@dataclass(slots=True)
class _Cand:
    """A name candidate found in a run, before entities are built."""

    start: int
    end: int
    tokens: tuple[str, ...]
    kind: str  # person|org
    strength: int
    country: str | None
    title: str | None
    role: str | None
    gov: bool | None
    gender: str | None
    possessive: bool
    in_body: bool
    org: Organization | None = None
    surface: str | None = None  # the name as written, particles included


_UNSEEN = object()


def _name_tokens(name_toks: tuple[str, ...]) -> tuple[str, ...] | None:
    """The name-shaped tokens of a person candidate ("Al-" lowered, particles dropped), or
    None when the tokens are no person's name."""
    if all(t in PORTFOLIO_WORDS or t in _NOT_NAME_WORDS or t in NAME_PARTICLES or t in _NON_NAMES
           for t in name_toks):
        return None  # "Foreign Affairs", "Climate Change", "Heads": not a person
    if any(_NON_NAME_SUFFIX.search(t) for t in name_toks if t not in NAME_PARTICLES):
        return None  # "Traditional Religions", "Constitutional Council": not a person
    shaped = [t if not t.startswith(("Al-", "El-")) else t[:1].lower() + t[1:]
              for t in name_toks if t not in NAME_PARTICLES and t.lower() not in NAME_PARTICLES]
    if not shaped or not all(_NAME_SHAPE.match(t) or (
            len(t) == 1 and t.isupper() and i_ < len(shaped) - 1)  # "S Jaishankar"
            for i_, t in enumerate(shaped)) or len(shaped) > 5:
        return None
    return tuple(shaped)


class MentionScanner:
    """Finds capitalised runs and classifies them into mentions."""

    def __init__(self, gz: Gazetteer) -> None:
        self.gz = gz
        self.maxw = min(MAX_PHRASE, max(gz.max_title_words, gz.max_place_words, gz.max_org_words, 1))
        self.title_words = gz.title_words | ROLE_NOUNS | TITLE_MODIFIERS
        # first words of multi-word names: other tokens only need a one-word look-up
        self.multi_first = frozenset(k.split()[0] for k in (*gz.places, *gz.orgs) if " " in k)
        self.multi_first_lower = frozenset(k.split()[0] for k in gz.titles if " " in k)
        self.fast_skip = frozenset(
            w for w in (STOP_CAPS - STOP_BUT_NAME_START) | CALENDAR_WORDS
            if w not in gz.places and w not in gz.orgs and w.lower() not in gz.titles
            and w not in HONORIFICS and w not in ROYAL_TITLES)
        self._run_cache: dict[str, tuple[tuple[str, ...], tuple[int, ...], tuple[int, ...],
                                        tuple[_Seg, ...], bool]] = {}
        self._name_memo: dict[tuple[str, ...], tuple[str, ...] | None] = {}

    # --------------------------------------------------------------- segmentation
    def _segment(self, toks: list[str]) -> list[_Seg]:
        gz = self.gz
        segs: list[_Seg] = []
        n = len(toks)
        i = 0
        seen_name = False
        while i < n:
            t = toks[i]
            if t in _CONNECTOR_SET:
                segs.append(_Seg("conn", i, i + 1))
                i += 1
                continue
            found: _Seg | None = None
            name_part = False
            top = min(self.maxw, n - i)
            if top > 1 and t not in self.multi_first and t.lower() not in self.multi_first_lower:
                top = 1
            for length in range(top, 0, -1):
                if length > 1 and toks[i + length - 1] in _CONNECTOR_SET:
                    continue
                phrase = toks[i] if length == 1 else " ".join(toks[i : i + length])
                org = gz.orgs.get(phrase)
                if org is not None:
                    found = _Seg("org", i, i + length, org=org)
                    break
                place = gz.places.get(phrase)
                if place is not None:
                    found = _Seg("place", i, i + length, place=place)
                    break
                title = gz.titles.get(phrase.lower())
                if title is not None and length == 1 and self._title_in_name(toks, i, segs, title.role):
                    name_part = True
                    break
                if title is not None and length == 1 and phrase in HONORIFICS and segs and \
                        segs[-1].kind == "unk" and (i + 1 == n or toks[i + 1][:1].isupper()):
                    break  # "Hassan Sheikh Mohamud", "President Hassan Sheikh said": a name word
                if title is not None and (length > 1 or phrase not in STOP_CAPS or not seen_name):
                    if length == 1 and phrase.isupper() and len(phrase) > 1:
                        continue  # "MP" as a title, but "AU"/"UN" are not
                    found = _Seg("title", i, i + length, title=title.title)
                    break
            if found is not None and found.kind == "place" and found.place.kind in ("city", "capital") and \
                    found.j - found.i == 1 and segs and segs[-1].kind == "unk" and _name_word(toks[i - 1]) and \
                    (found.j == n or toks[found.j] in _CONNECTOR_SET or (
                        _name_word(toks[found.j]) and toks[found.j] not in _HEADLINE_NOUNS)):
                # "Vuong Dinh Hue", "Caio Lima Torres": a town's name directly continuing a
                # name word is a name word ("Lula in Lima", "Lula, Lima" are two runs)
                found = None
            if name_part:
                found = _Seg("unk", i, i + 1)
                seen_name = True
            elif found is None and (t in _HEADLINE_VERBS or (seen_name and t in _TITLECASE_BREAKS) or (
                    t in _HEADLINE_NOUNS and i + 1 == n)):
                found = _Seg("break", i, i + 1)  # "Minister Calls On Acting President"
            if found is None:
                base = t.rstrip(".")
                if (t in HONORIFICS or base in HONORIFICS) and not (
                        segs and segs[-1].kind == "unk" and (i + 1 == n or (
                            toks[i + 1][:1].isupper() and toks[i + 1] not in _CONNECTOR_SET))):
                    # inside a name it is a name ("Hassan Sheikh Mohamud")
                    found = _Seg("honorific", i, i + 1)
                elif t in ROYAL_TITLES:
                    found = _Seg("royal", i, i + 1, title=t.lower())
                elif t in CALENDAR_WORDS and not self._name_month(toks, i, segs):
                    found = _Seg("calendar", i, i + 1)
                elif t in STOP_CAPS and not seen_name and t not in STOP_BUT_NAME_START and \
                        not self._syllable_after_title(toks, i, segs):
                    found = _Seg("stop", i, i + 1)
                elif t.isupper() and len(t) > 1 and "." not in t:
                    found = _Seg("acronym", i, i + 1)
                else:
                    found = _Seg("unk", i, i + 1)
                    seen_name = True
            segs.append(found)
            i = found.j
        return segs

    def _uncapitalised(self, toks: tuple[str, ...], segs: tuple[_Seg, ...], label: bool
                       ) -> tuple[tuple[str, ...], tuple[_Seg, ...]]:
        """An all-capitals run with a title in it names a person in a transcript or caption
        ("FOREIGN MINISTER ERLAN BEKOV:", "SECRETARY VARNHOLT:"): read in title case,
        acronyms the gazetteer knows ("UN", "US") kept; same token lengths, so the offsets
        hold. Without a speaker's colon (an all-capitals headline) only a name of two or
        more words is read ("MINISTER SPOKE" names nobody)."""
        gz = self.gz
        cased = tuple(t if (t in gz.orgs or t in gz.places or len(t) < 2 or "." in t) else t.capitalize()
                      for t in toks)
        if any(len(a) != len(b) for a, b in zip(cased, toks, strict=True)):
            return toks, segs
        cased_segs = self._segment(list(cased))
        unk = sum(s.kind == "unk" for s in cased_segs)
        if any(s.kind in ("title", "honorific", "royal") for s in cased_segs) and (
                unk >= 2 or (unk == 1 and label)):
            return cased, tuple(cased_segs)
        return toks, segs

    @staticmethod
    def _name_after_portfolio(toks: tuple[str, ...], segs: tuple[_Seg, ...], k: int) -> bool:
        """After a portfolio word ("Ministry of Foreign Affairs"), two or more name words
        that end the run or precede a non-name segment start a person's name, not more of the
        organisation ("Ministry of Foreign Affairs Zoran Petrovic")."""
        if toks[segs[k - 1].j - 1] not in PORTFOLIO_WORDS:
            return False
        m = k
        while m < len(segs) and segs[m].kind == "unk" and _name_word(toks[segs[m].i]):
            m += 1
        return m - k >= 2 and (m == len(segs) or segs[m].kind != "unk")

    def _posted(self, text: str, to_at: int) -> bool:
        """A title phrase ends before "to" ("Ambassador to", "envoy to", "Ambassador of
        China to"): what follows is a posting. Walks back over capitalised words and "of",
        "the", "and" only ("spoke to US President X" is no posting)."""
        for w in reversed(text[max(0, to_at - 100):to_at].split()[-10:]):
            low = w.lower()
            if low in self.title_words and low not in TITLE_MODIFIERS:
                return True
            if not (w[:1].isupper() or low in ("of", "the", "and")):
                return False
        return False

    def _syllable_after_title(self, toks: list[str], i: int, segs: list[_Seg]) -> bool:
        """A two-letter capitalised function word between a title or place and a name word
        is a romanised name syllable ("Vice Premier He Lifeng", "General Secretary To Lam",
        "to Vietnam He Wei"); at a run's start it stays a function word ("He said")."""
        if len(toks[i]) != 2 or toks[i] in _TITLECASE_BREAKS or toks[i] in HONORIFICS or \
                not segs or segs[-1].kind not in ("title", "royal", "place") or i + 1 >= len(toks):
            return False
        nxt = toks[i + 1]
        return _name_word(nxt) and nxt not in _ALL_VERB_FORMS and self.gz.titles.get(nxt.lower()) is None \
            and nxt not in self.gz.places and nxt not in self.gz.orgs

    def _title_in_name(self, toks: list[str], i: int, segs: list[_Seg], role: str) -> bool:
        """A one-word title that is a word of the name around it: a royal title between two
        name words ("Hossein Amir Tavakoli") or after a title before a patronymic ("Prince
        Sultan bin Saad"); a non-government title (also a given name) after a title before an
        initial ("Deputy Secretary Dean R. Varnholt") or after "Mr" before a name ("Mr Dean
        Varnholt")."""
        if not segs or i + 1 >= len(toks):
            return False
        t, nxt, prev = toks[i], toks[i + 1], segs[-1]
        if not nxt[:1].isupper() and nxt not in _PATRONYMIC:
            return False
        if prev.kind == "unk":
            return t in _TITLE_NAME_WORDS and _name_word(toks[i - 1]) and _name_word(nxt) and \
                self.gz.titles.get(nxt.lower()) is None and nxt not in HONORIFICS
        if prev.kind not in ("title", "royal", "honorific"):
            return False
        if nxt in _PATRONYMIC:
            return t in _TITLE_NAME_WORDS and prev.kind != "honorific"
        if role != "non_government":
            return False  # "Deputy Minister J. Smith", "H.E. President Ali": titles
        if _INITIAL.match(nxt):
            return i + 2 < len(toks) and _name_word(toks[i + 2])
        return prev.kind == "honorific" and toks[prev.i] in _PERSONAL_HONORIFICS \
            and _name_word(nxt) and self.gz.titles.get(nxt.lower()) is None

    @staticmethod
    def _name_month(toks: list[str], i: int, segs: list[_Seg]) -> bool:
        """A bare month abbreviation that is a name word: "Wen Jun", "Jan Novak"; never
        before a day number ("Jun 5") and never a full month name."""
        t = toks[i]
        if t not in _NAME_MONTHS:
            return False
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        if nxt[:1].isdigit():
            return False
        after_name = bool(segs) and segs[-1].kind == "unk"
        before_name = nxt[:1].isupper() and nxt not in _CONNECTOR_SET and nxt not in CALENDAR_WORDS
        return after_name or before_name

    # --------------------------------------------------------------- scanning
    def scan(self, text: str, offset: int, in_body: bool, places: list[Mention],
             orgs: list[_Cand], persons: list[_Cand], titled: list[Mention]) -> None:
        """Append the mentions of ``text`` (at ``offset`` in the body) to the lists."""
        prev_end = -1
        prev_info: tuple[str | None, Organization | None] = (None, None)
        fast_skip = self.fast_skip
        run_cache = self._run_cache
        name_memo = self._name_memo
        for m in _RUN.finditer(text):
            rs, re_ = m.start(), m.end()
            run = m.group()
            if run in fast_skip:
                # a lone sentence-initial function word or calendar word ("The", "In",
                # "Monday"): nothing to find (speed: about a third of all runs)
                prev_end = re_
                prev_info = (None, None)
                continue
            cached = run_cache.get(run)
            if cached is None:
                # tokens, their offsets in the run and the segments depend on the run's
                # text alone: names and titles recur within and across articles (speed)
                c_toks: list[str] = []
                c_starts: list[int] = []
                c_ends: list[int] = []
                for tm in _RUN_TOKEN.finditer(run):
                    c_toks.append(tm.group())
                    c_starts.append(tm.start())
                    c_ends.append(tm.end())
                c_segs = self._segment(c_toks)
                # tuples: smaller than lists, and the collector stops tracking those of
                # strings and numbers
                cached = (tuple(c_toks), tuple(c_starts), tuple(c_ends), tuple(c_segs),
                          any(sg.kind == "unk" for sg in c_segs))
                if len(run_cache) >= _RUN_CACHE_MAX:
                    # least recently used first: drop the older half, keep the recurring runs
                    for old in list(itertools.islice(run_cache, _RUN_CACHE_MAX // 2)):
                        del run_cache[old]
                run_cache[run] = cached
            else:
                # a hit moves to the end: the dict's order is the recency order
                del run_cache[run]
                run_cache[run] = cached
            # token offsets stay relative to the run: ``base`` (its offset in the body) is
            # added only to the few a mention is made of
            toks, starts, ends, segs, has_unk = cached
            if not has_unk and len(toks) >= 2 and run.isupper():
                # rare (not cached): the reading depends on the colon after the run
                toks, segs = self._uncapitalised(toks, segs, text.startswith(":", re_))
                has_unk = any(sg.kind == "unk" for sg in segs)
            base = offset + rs
            possessive = text.startswith(("'s", "’s"), re_) and bool(_POSSESSIVE.match(text, re_))
            # pre-context: lowercase title words between the previous run and this one
            if has_unk:
                pre_title, pre_country, pre_org, pre_former = self._pre_context(
                    text, rs, prev_end, prev_info)
            else:
                pre_title, pre_country, pre_org, pre_former = None, None, None, False
            run_country: str | None = None
            poss_country = False  # the run follows "<Country>'s": "Ghana's Kwame Asante"
            if prev_info[0] and prev_end >= 0 and text[prev_end:rs] in ("'s ", "’s "):
                run_country = prev_info[0]  # "Kenya's Foreign Minister Esther Njoroge"
                poss_country = True
            elif prev_info[0] and prev_end >= 0 and 0 < rs - prev_end <= 24 and all(
                    w in TITLE_MODIFIERS for w in text[prev_end:rs].split()) and text[prev_end:rs].split():
                run_country = prev_info[0]  # "Syrian interim President X": the demonym before the modifier
            run_org: Organization | None = None
            run_title: str | None = pre_title
            gender: str | None = None
            seg_from = 0  # first segment after the previous name of the run
            k = 0
            nseg = len(segs)
            run_has_title = pre_title is not None
            while k < nseg:
                seg = segs[k]
                if seg.kind == "place":
                    # "Russian Ambassador to Kazakhstan X": the place after "to" opening the
                    # run is the posting, not the person's country
                    if not (k == 0 and rs >= 3 and text.startswith("to ", rs - 3) and self._posted(text, rs - 3)):
                        run_country = seg.place.iso3
                    places.append(Mention(base + starts[seg.i], base + ends[seg.j - 1], "place",
                                          " ".join(toks[seg.i:seg.j]), place=seg.place,
                                          possessive=possessive and seg.j == len(toks)))
                    k += 1
                    continue
                if seg.kind == "org":
                    run_org = seg.org
                    orgs.append(self._org_cand(base, starts, ends, toks, seg.i, seg.j, seg.org,
                                               run_country, possessive and seg.j == len(toks), in_body))
                    k += 1
                    continue
                if seg.kind in ("title", "royal"):
                    if run_title and k >= 2 and segs[k - 1].kind == "conn" and toks[segs[k - 1].i] == "and" \
                            and segs[k - 2].kind in ("title", "royal"):
                        # "Crown Prince and Prime Minister X" holds both offices
                        run_title = f"{run_title} and {seg.title}"
                    else:
                        run_title = seg.title
                    run_has_title = True
                    # "President" alone: a title mention ("the President said")
                    if k + 1 >= nseg or segs[k + 1].kind in ("conn",):
                        titled.append(Mention(base + starts[seg.i], base + ends[seg.j - 1],
                                              "title_only", " ".join(toks[seg.i:seg.j])))
                    k += 1
                    continue
                if seg.kind == "honorific":
                    run_has_title = True
                    t = toks[seg.i]
                    gender = "m" if t in MALE_HONORIFICS or t.rstrip(".") in MALE_HONORIFICS else (
                        "f" if t in FEMALE_HONORIFICS or t.rstrip(".") in FEMALE_HONORIFICS else None)
                    k += 1
                    continue
                if seg.kind != "unk":
                    if seg.kind in ("calendar", "acronym", "stop", "break"):
                        run_has_title = run_has_title and seg.kind == "stop"
                    k += 1
                    continue
                # a group of unknown tokens (name particles may join them)
                k2 = k + 1
                while k2 < nseg:
                    if segs[k2].kind == "unk":
                        k2 += 1
                        continue
                    # name particles join them: "Ursula von der Leyen", "bin Zayed"
                    k3 = k2
                    while k3 < nseg and k3 - k2 < 2 and segs[k3].kind == "conn" and \
                            toks[segs[k3].i] in NAME_PARTICLES:
                        k3 += 1
                    if k3 > k2 and k3 < nseg and segs[k3].kind == "unk":
                        k2 = k3
                        continue
                    break
                gi, gj = seg.i, segs[k2 - 1].j
                name_toks = toks[gi:gj]
                # organisation: the group ends in a head noun, or a head noun starts it
                # and "of/for/on" continues it ("Ministry of Foreign Affairs")
                head_last = name_toks[-1] in ORG_HEADS
                if head_last or name_toks[0] in ORG_HEADS:
                    oj = gj
                    k3 = k2
                    # "Ministry of Foreign Affairs", "Council on Foreign Relations"
                    while (k3 + 1 < nseg and segs[k3].kind == "conn"
                           and toks[segs[k3].i] in ("of", "of the", "for", "on")
                           and segs[k3 + 1].kind in ("unk", "place", "org")):
                        oj = segs[k3 + 1].j
                        k3 += 2
                        # "Centre for Asian Strategic Studies": the words after "for" run on
                        while k3 < nseg and segs[k3].kind in ("unk", "place") and \
                                segs[k3 - 1].kind in ("unk", "place") and \
                                not self._name_after_portfolio(toks, segs, k3):
                            oj = segs[k3].j
                            k3 += 1
                    oi = gi
                    # a directly preceding place stays the org's country ("Chinese Embassy")
                    country = run_country
                    if k > 0 and segs[k - 1].kind == "place" and len(name_toks) == 1 and oj == gj:
                        oi = segs[k - 1].i
                    elif k > 0 and segs[k - 1].kind == "place" and len(name_toks) >= 2 and head_last and \
                            segs[k - 1].place.kind in ("demonym", "country") and \
                            name_toks[-1] not in _STATE_BODY_HEADS:
                        # "Indian Space Research Organisation", "Saudi Press Agency": a proper
                        # name starts at its demonym (but "Russian Foreign Ministry" stays the
                        # country's "Foreign Ministry")
                        oi = segs[k - 1].i
                    if oj > gj:
                        # places inside "of ..." give the organisation's country
                        for s in segs[k2:k3]:
                            if s.kind == "place":
                                country = s.place.iso3
                    org = Organization(" ".join(toks[oi:oj]), country, "organization")
                    orgs.append(self._org_cand(base, starts, ends, toks, oi, oj, org, country,
                                               possessive and oj == len(toks), in_body))
                    run_org = org
                    k = k3
                    continue
                last_place = self.gz.places.get(name_toks[-1])
                if last_place is not None and last_place.kind == "demonym" and len(name_toks) <= 2:
                    k = k2
                    continue  # "West African leaders": a region's demonym, no person
                thing_word = False
                if name_toks[-1] in THING_HEADS:
                    if len(name_toks) > 1:
                        k = k2
                        continue
                    # "Park said": a lone thing word may still be the short form of a full
                    # name of the article ("Park Jae-won"); kept only if it links to one
                    thing_word = True
                # the portfolio of a title phrase is not a name: "Minister for Digital
                # Development and Information Josephine Teo", "Secretary of the CPV Central
                # Committee Nguyen Phu Trong", "Minister of State for Foreign Trade"
                after_title = any(s.kind in ("title", "royal") for s in segs[:k]) or (
                    pre_title is not None and k == 0)
                if after_title:
                    lead = 0
                    while lead < len(name_toks) and (name_toks[lead] in PORTFOLIO_WORDS
                                                     or name_toks[lead] in ORG_HEADS
                                                     or name_toks[lead] in NAME_PARTICLES):
                        lead += 1
                    if lead == len(name_toks):
                        k = k2
                        continue
                    if lead and len(name_toks) - lead >= 2:
                        gi += lead
                        name_toks = name_toks[lead:]
                        run_has_title = True
                if (after_title or run_has_title) and len(name_toks) >= 3:
                    # "Assistant Secretary of State for Near East Affairs David Satterfield":
                    # the name is the words after the title's last portfolio word
                    cut = max((p for p in range(len(name_toks) - 2) if name_toks[p] in PORTFOLIO_WORDS),
                              default=-1)
                    if cut >= 0 and all(_name_word(t) or t in NAME_PARTICLES for t in name_toks[cut + 1:]):
                        gi += cut + 1
                        name_toks = name_toks[cut + 1:]
                        run_has_title = True
                # (the tokens alone decide: remembered per token tuple, names recur)
                shaped = name_memo.get(name_toks, _UNSEEN)
                if shaped is _UNSEEN:
                    shaped = _name_tokens(name_toks)
                    if len(name_memo) >= _RUN_CACHE_MAX:
                        name_memo.clear()
                    name_memo[name_toks] = shaped
                if shaped is None:
                    k = k2
                    continue
                titled_here = run_has_title and gi > 0 and all(
                    s.kind in ("title", "royal", "honorific", "place", "org", "stop", "conn")
                    or (s.kind == "unk" and all(t in PORTFOLIO_WORDS for t in toks[s.i:s.j]))
                    for s in segs[seg_from:k]) or (run_has_title and gi > segs[k].i)
                pre_ok = pre_title is not None and gi == 0
                if titled_here or pre_ok:
                    strength = 2
                elif len(shaped) >= 2:
                    strength = 1
                else:
                    strength = 0
                    if shaped[0] in _NON_NAMES:
                        k = k2
                        continue  # "New", "Last", "Residence": capitalised, never a name
                country = run_country if (titled_here or gi > 0 or (poss_country and gi == 0)) else None
                if pre_ok and pre_country and not country:
                    country = pre_country
                org_for = run_org or (pre_org if pre_ok else None)
                if not country and org_for is not None and (titled_here or pre_ok):
                    country = org_for.iso3
                title = run_title if (titled_here or pre_ok) else None
                role, gov = self._role(title, pre_former if pre_ok else False, org_for)
                if org_for is not None and org_for.kind == "international" and (titled_here or pre_ok):
                    role = "international_official"  # "European Commission chief X"
                persons.append(_Cand(
                    base + starts[gi], base + ends[gj - 1], tuple(shaped), "person", -1 if thing_word else strength,
                    country, title, role, gov, gender, possessive and gj == len(toks), in_body,
                    surface=text[rs + starts[gi]:rs + ends[gj - 1]] if gi < gj else None))
                run_country = None
                run_has_title = False
                run_title = None
                gender = None
                k = k2
                seg_from = k2
            prev_end = re_
            last = segs[-1] if segs else None
            prev_info = (
                last.place.iso3 if last is not None and last.kind == "place" else None,
                run_org if last is not None and last.kind in ("org", "unk") else None,
            )

    def _org_cand(self, offset: int, starts: tuple[int, ...], ends: tuple[int, ...], toks: tuple[str, ...],
                  i: int, j: int, org: Organization, country: str | None, possessive: bool,
                  in_body: bool) -> _Cand:
        c = org.iso3 or country
        kind = org.kind
        gov = org.is_government if kind != "organization" else None
        return _Cand(offset + starts[i], offset + ends[j - 1], tuple(org.name.split()), "org", 2,
                     c, None, kind, gov, None, possessive, in_body, org=Organization(org.name, c, kind))

    def _pre_context(self, text: str, rs: int, prev_end: int,
                     prev_info: tuple[str | None, Organization | None]
                     ) -> tuple[str | None, str | None, Organization | None, bool]:
        """Title, country, organisation and 'former' from lowercase words before a run."""
        lo = max(0, rs - 60, prev_end if prev_end >= 0 else 0)
        window = text[lo:rs]
        # the last words before the run, each followed by one space (a manual
        # "((?:[\w’'\-\.]+ ){1,6})$", which is slow as an end-anchored search)
        if not window.endswith(" ") or window.endswith("  "):
            return None, None, None, False
        parts = window[:-1].split(" ")
        last = parts[-1].lower().strip(".")
        if last not in self.title_words and last not in ("of", "the", "for"):
            return None, None, None, False  # no title word kept below (speed: most runs)
        words = []
        for w in reversed(parts[-6:]):
            if not w or not _WORD_CHARS.fullmatch(w):
                break
            words.append(w)
        if not words:
            return None, None, None, False
        words.reverse()
        if prev_end >= 0 and lo == prev_end and window.startswith(("'s ", "’s ")):
            words = words[1:] if words and words[0] in ("'s", "’s") else words
            if words and words[0].startswith(("'s", "’s")):
                words = words[1:]
        kept: list[str] = []
        for w in reversed(words):
            lw = w.lower().strip(".")
            if lw in self.title_words or lw in ("of", "the", "for"):
                kept.append(lw)
            else:
                break
        kept.reverse()
        while kept and kept[0] in ("of", "the", "for"):
            kept.pop(0)
        if not kept or not any(w in ROLE_NOUNS or w in self.gz.title_words for w in kept):
            return None, None, None, False
        former = "former" in kept or "ex" in kept
        title_words = [w for w in kept if w not in ("former", "ex", "then", "the")]
        title = " ".join(title_words) or None
        adjacent = len(kept) == len(words) and prev_end >= 0 and lo == prev_end
        country = prev_info[0] if adjacent else None
        org = prev_info[1] if adjacent else None
        if adjacent and not former:
            before = text[max(0, prev_end - 80):prev_end]
            former = bool(re.search(r"\b(?:former|ex-)\s*[\w’'\- ]{0,40}$", before)) and (
                before.rfind("former") > before.rfind(","))
        return title, country, org, former

    def _role(self, title: str | None, former: bool, org: Organization | None
              ) -> tuple[str | None, bool | None]:
        if title is None:
            return None, (org.is_government if org is not None and org.kind != "organization" else None)
        t = self.gz.titles.get(title)
        if t is None:
            # longest known title inside the phrase ("treasury secretary" of "us treasury secretary")
            words = title.split()
            for length in range(len(words), 0, -1):
                for s in range(0, len(words) - length + 1):
                    t = self.gz.titles.get(" ".join(words[s:s + length]))
                    if t is not None:
                        break
                if t is not None:
                    break
        if t is None:
            gov = org.is_government if org is not None and org.kind != "organization" else None
            return None, (False if former else gov)
        if former:
            return t.role, False
        return t.role, t.is_government if t.role not in _NON_GOV_ROLES else False


def apposition_attributes(scanner: MentionScanner, text: str, end: int
                          ) -> tuple[str | None, str | None]:
    """(title, country) from an apposition right after a name: ', Russia's foreign minister,'."""
    m = _APPOSITION.match(text, end, min(len(text), end + 140))
    if not m:
        return None, None
    phrase = re.split(r"\s(?:who|which|that|whose)\s", m.group(1))[0]
    words = phrase.split()
    if not words or len(words) > 10:
        return None, None
    first = words[0]
    if first == "who" or (first[:1].islower() and first not in _APPOS_OPENERS
                          and first.lower() not in scanner.title_words):
        # "X, met the chairman of ...", "X, who also held talks with his Ukrainian
        # counterpart": a verb phrase, no apposition
        return None, None
    title = None
    low = [w.lower().strip("’'") for w in words]
    for w in low:
        base = w[:-2] if w.endswith(("'s", "’s")) else w
        if base in scanner.title_words:
            title = phrase
            break
    if title is None and not re.match(r"\s*who\s", text[end + 1:end + 8]):
        return None, None
    country = None
    # "X, who arrived in Atlanta": a place after a verb is where X went, not X's country
    for w in (words if title is not None else ()):
        base = re.sub(r"['’]s$", "", w).strip(",")
        p = scanner.gz.places.get(base)
        if p is not None and not p.ambiguous:
            country = p.iso3
            break
    if country is None:
        bare = [re.sub(r"['’]s$", "", w) for w in words]
        for length in (4, 3, 2, 1):
            for s in range(0, max(0, len(bare) - length + 1)):
                o = scanner.gz.orgs.get(" ".join(bare[s:s + length]))
                if o is not None and o.iso3:
                    country = o.iso3
                    break
            if country:
                break
    return title, country


class EntityTable:
    """Entities of one article built from candidates, and mention → entity links."""

    def __init__(self) -> None:
        self.entities: list[Entity] = []
        self.by_key: dict[tuple[str, ...], Entity] = {}
        self.org_by_name: dict[str, Entity] = {}

    def build(self, persons: list[_Cand], orgs: list[_Cand]) -> tuple[list[Mention], list[Mention]]:
        person_mentions: list[Mention] = []
        org_mentions: list[Mention] = []
        # organisations: one entity per name
        for c in orgs:
            key = " ".join(c.tokens)
            ent = self.org_by_name.get(key)
            if ent is None:
                ent = Entity(len(self.entities), key, "organization", c.tokens, country=c.country,
                             org_kind=c.org.kind if c.org else None, is_government=c.gov)
                self.entities.append(ent)
                self.org_by_name[key] = ent
            ent.absorb(c.country, None, None, c.gov)
            if c.in_body:
                org_mentions.append(Mention(c.start, c.end, "org", key, entity=ent, possessive=c.possessive))
        # persons: full names first (longest first), then short forms
        # Ties in length keep the order of first mention (a stable sort over an ordered
        # dict): a set's order changes with PYTHONHASHSEED, and with it which of two
        # equal-length names absorbed a shorter one, so outputs differed between processes.
        full = sorted(dict.fromkeys(c.tokens for c in persons if len(c.tokens) >= 2), key=len, reverse=True)
        canon: dict[tuple[str, ...], tuple[str, ...]] = {}
        # each name's token set once (not once per pair); longest first, so the longer
        # names a name may be part of all come before it
        full_sets = [(other, frozenset(other)) for other in full]
        for toks in full:
            target = None
            ts = set(toks)
            for other, other_set in full_sets:
                if len(other) <= len(toks):
                    break
                if ts <= other_set:
                    target = canon.get(other, other)
                    break
            canon[toks] = target or toks
        # first pass: entities for canonical full names
        for c in persons:
            if len(c.tokens) >= 2:
                key = canon[c.tokens]
                ent = self.by_key.get(key)
                if ent is None:
                    ent = Entity(len(self.entities), " ".join(key), "person", key, strength=c.strength)
                    self.entities.append(ent)
                    self.by_key[key] = ent
                if c.tokens == key and c.surface and ent.name == " ".join(key) and \
                        len(c.surface.split()) > len(key) and c.surface[:1].isupper():
                    ent.name = " ".join(c.surface.split())  # "Ursula von der Leyen"
        token_index: dict[str, list[Entity]] = {}
        for ent in list(self.by_key.values()):
            for t in ent.tokens:
                token_index.setdefault(t, []).append(ent)
        last_seen: dict[int, int] = {}
        # second pass, in text order (title/highlights first): link every candidate
        for c in persons:
            if len(c.tokens) >= 2:
                ent = self.by_key[canon[c.tokens]]
            else:
                tok = c.tokens[0]
                options = token_index.get(tok, [])
                if c.strength < 0 and not options:
                    continue  # a lone thing word ("Park", "House") that names nobody here
                if options:
                    ent = max(options, key=lambda e: (last_seen.get(e.id, -1), -e.id))
                elif c.strength >= 1 or c.title or c.gender:
                    ent = self.by_key.get(c.tokens)
                    if ent is None:
                        ent = Entity(len(self.entities), tok, "person", c.tokens, strength=c.strength)
                        self.entities.append(ent)
                        self.by_key[c.tokens] = ent
                        token_index.setdefault(tok, []).append(ent)
                else:
                    # a bare capitalised token: a weak person, kept for "X said"
                    ent = self.by_key.get(c.tokens)
                    if ent is None:
                        ent = Entity(len(self.entities), tok, "person", c.tokens, strength=0)
                        self.entities.append(ent)
                        self.by_key[c.tokens] = ent
                        token_index.setdefault(tok, []).append(ent)
            ent.strength = max(ent.strength, c.strength)
            ent.absorb(c.country, c.title, c.role, c.gov)
            if c.gender and not ent.gender:
                ent.gender = c.gender
            surface = " ".join(c.tokens)
            if surface != ent.name:
                ent.aliases.add(surface)
            last_seen[ent.id] = c.start if c.in_body else -1
            if c.in_body:
                person_mentions.append(Mention(c.start, c.end, "person", surface, entity=ent,
                                               possessive=c.possessive))
        return person_mentions, org_mentions


def sorted_starts(mentions: list[Mention]) -> list[int]:
    return [m.start for m in mentions]


def mentions_between(mentions: list[Mention], starts: list[int], lo: int, hi: int) -> list[Mention]:
    i = bisect_left(starts, lo)
    out = []
    while i < len(mentions) and mentions[i].start < hi:
        if mentions[i].end <= hi:
            out.append(mentions[i])
        i += 1
    return out
