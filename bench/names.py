"""Invented person names, built from syllable tables.

Names are invented so that the corpus is original text and so that the extractor cannot
lean on a list of real politicians: it has to find people from titles, appositions and
context, as it must in real news. Names that collide with a gazetteer word (a country,
a capital, an organisation) or a common English word are drawn again.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

ONSETS = ("b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z",
          "br", "ch", "dr", "gr", "kh", "sh", "st", "tr", "y", "j")
VOWELS = ("a", "e", "i", "o", "u", "a", "e", "i", "o", "ai", "ei", "ia", "ou")
CODAS = ("", "", "", "n", "r", "l", "s", "m", "k", "nd", "rt", "sh")
FIRST_ENDINGS_F = ("a", "ina", "elle", "ia", "eth", "ana", "ira")
FIRST_ENDINGS_M = ("o", "an", "el", "ir", "us", "im", "en", "ad")
SURNAME_ENDINGS = ("", "", "ov", "ez", "son", "ski", "ani", "ou", "enko", "ati", "ura", "berg",
                   "ic", "oglu", "ides", "ema", "ashi", "ero")
# Short English words a syllable generator can stumble on; a name must not be one.
ENGLISH = frozenset(
    "said says met meet will may mark rose bill grant hope amber faith max bat tan tin ten "
    "han had has her his him man men son sun sin tea ban bar ran run rim ram dam den don "
    "mad mud nor not now new may ray sea sad sat set sit sir too top tour trade talks".split()
)


@dataclass(frozen=True)
class Name:
    first: str
    last: str
    female: bool

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def short(self) -> str:
        """What news uses on second mention: the (possibly double-barrelled) surname."""
        return self.last


def _syllables(rng: random.Random, n: int) -> str:
    # Open syllables, a coda only at the end: "Kariuki", "Moradi", not "Okgroundberg".
    inner = "".join(rng.choice(ONSETS) + rng.choice(VOWELS) for _ in range(n))
    return inner + rng.choice(CODAS)


def _word(rng: random.Random, syllables: int, ending: str) -> str:
    return (_syllables(rng, syllables) + ending).capitalize()


def invent_name(rng: random.Random, reserved: frozenset[str]) -> Name:
    """A plausible, pronounceable, deterministic (for a given ``rng`` state) name."""
    while True:
        female = rng.random() < 0.35
        first = _word(rng, rng.randint(1, 2), rng.choice(FIRST_ENDINGS_F if female else FIRST_ENDINGS_M))
        last = _word(rng, rng.randint(1, 2), rng.choice(SURNAME_ENDINGS))
        if rng.random() < 0.08:  # "Duval-Marchand", "Owusu-Ansah"
            last = f"{last}-{_word(rng, 2, '')}"
        words = (first.lower(), *last.lower().split("-"))
        if len(last) < 4 or any(w in reserved or w in ENGLISH for w in words):
            continue
        return Name(first, last, female)
