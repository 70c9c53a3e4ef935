"""Coreference beyond names: offices, acronyms, landmarks and "here".

Runs once per article after the mentions are read and their countries assigned, and adds
mentions to the shared index, so every event rule (statements, meetings, visits) sees
"the visiting minister" or "the MEA" as the agent it stands for:

* **offices**: "the visiting minister", "his counterpart", "the top diplomat", "the
  Russian foreign minister", "the premier" resolve to the named person of the article
  (headline included) who holds that office: the title the article gives them, a demonym
  or "of <country>" as a filter, "visiting" for someone from abroad, "counterpart" for the
  office holder of the other side; the nearest earlier holder wins, else the next one;
* **acronyms** introduced in the text ("the Ministry of External Affairs (MEA) ... the MEA
  said") become mentions of the organisation they abbreviate;
* **landmarks** ("at No 10", "in the Oval Office", "at the Great Hall of the People") and
  **"here"** (the dateline's city) become place mentions, so a meeting there is placed and
  a foreign guest there is on a visit.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING

from extract.articles import Article
from extract.extraction.people import Entity, Mention
from extract.extraction.sentences import Sentence
from extract.extraction.vocab import VOCAB, alternation
from extract.gazetteer import Place

if TYPE_CHECKING:
    from extract.extraction.document import Document

_AFTER_WORD_START = r"(?<![\w’'\-].)"  # after a word's first character: none before it
# the determiners as literals, the word-start look-behind after their first letter: the
# engine then only tries the pattern at a "t", "h" or "i" (speed; the same matches)
_DETERMINERS = "|".join(f"{c}{_AFTER_WORD_START}{w[1:]}" for w in ("the", "his", "her", "their", "its")
                        for c in (w[0].upper(), w[0]))
_OFFICE = re.compile(
    rf"(?P<det>{_DETERMINERS})\s+"
    r"(?P<mods>(?:(?:visiting|top|new|current|outgoing|incoming|then|[A-Z][\w\-\.]+(?:['’]s)?)\s+){0,3}?)"
    rf"(?P<office>(?i:{alternation(VOCAB.offices)}))(?![\w\-’'])")
_NAME_NEXT = re.compile(r"\s*,?\s*(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?[A-Z][\w’'\-]+")
_OF_PLACE = re.compile(r"\s+of\s+(?:the\s+)?([A-Z][\w\-]+(?:\s+[A-Z][\w\-]+){0,2})")
_PLURAL_MODS = frozenset({"two", "both", "three", "four", "several", "other", "former"})
_GENERIC_REFS = frozenset({"leader", "minister", "envoy", "guest", "visitor", "counterpart"})
_LESSER = re.compile(r"\b(?:deputy|vice|assistant|former|acting|state|junior)\b|\bminister\s+of\s+state\b")
_SERVES_BEFORE = re.compile(r"\b(?:for|to|of)\s+(?:the\s+)?$")


def _serves(title: str, office: str) -> bool:
    """Whether ``office`` is only who the title holder serves: "adviser to the prime minister"."""
    i = title.find(office)
    return i > 0 and _SERVES_BEFORE.search(title, 0, i) is not None


_CAPS_BEFORE = re.compile(r"(?:(?:[A-Z][\w\-]*(?:['’]s)?|of|and|for|the)\s+)*(?:[A-Z][\w\-]*(?:['’]s)?)\s+$")
_ACRONYM_DEF = re.compile(r"\s*\((?P<acr>[A-Z][A-Z&]{1,7})\)")
# the word-start look-behind after each name's first character: the engine only tries the
# pattern at those characters, mostly capitals (speed; the same matches)
_LANDMARK = re.compile(
    rf"(?P<lm>{alternation((lm.name for lm in VOCAB.landmarks), after_first=_AFTER_WORD_START, cased=True)})(?![\w\-’'])")
_LANDMARKS = {lm.name: lm for lm in VOCAB.landmarks}
# the look-behind after the word: a literal start, found by a fast substring search
_HERE = re.compile(r"here(?<![\w’'\-]here)(?![\w’'\-])(?!\s+(?:is|are|was|were|to\s+stay)\b)")
_HEAD_ROLES = {"president": ("head_of_state",), "premier": ("head_of_government",),
               "prime minister": ("head_of_government",), "king": ("royal",), "queen": ("royal",),
               "emir": ("royal", "head_of_state"),
               "leader": ("head_of_state", "head_of_government", "royal")}
# "the guest", "the visitor": someone from abroad, whatever the office
_VISITING_REFS = frozenset({"guest", "visitor"})


_POSS_END = re.compile(r"['’]s$")


def _join_places(words: list[str], gz) -> list[str]:  # type: ignore[no-untyped-def]
    """ "South Korean", "New Zealand": two capitalised modifiers that name one place."""
    out: list[str] = []
    i = 0
    while i < len(words):
        nxt = _POSS_END.sub("", words[i + 1]) if i + 1 < len(words) else ""
        if nxt and gz.places.get(f"{words[i]} {nxt}") is not None:
            out.append(f"{words[i]} {words[i + 1]}")
            i += 2
            continue
        out.append(words[i])
        i += 1
    return out


class Coreference:
    def __init__(self, doc: Document, article: Article) -> None:
        self.doc = doc
        self.article = article
        self._starts: list[int] | None = None

    def complete(self) -> None:
        doc = self.doc
        extra = self._acronyms()
        doc.mentions.add_agents(extra)
        doc.mentions.add_agents(self._offices())
        doc.mentions.add_places(self._landmarks() + self._here())

    # ------------------------------------------------------------------ organisations
    def _acronyms(self) -> list[Mention]:
        doc = self.doc
        body = doc.body
        found: dict[str, Entity] = {}
        for m in doc.mentions.org_mentions:
            am = _ACRONYM_DEF.match(body, m.end, m.end + 12)
            if am and m.entity is not None:
                found.setdefault(am.group("acr"), self._full_name(m))
        if not found:
            return []
        out = []
        rx = re.compile(rf"(?<![\w’'\-(]){alternation(found)}(?![\w’'\-)])")
        for am in rx.finditer(body):
            ent = found[am.group()]
            out.append(Mention(am.start(), am.end(), "org", am.group(), entity=ent,
                               possessive=body.startswith(("'s", "’s"), am.end()),
                               via=f"acronym:{am.group()}"))
        return out

    def _full_name(self, m: Mention) -> Entity:
        """The organisation an acronym abbreviates: the whole capitalised name before it
        ("the Prime Minister's Office (PMO)" is the Prime Minister's Office, not "Office")."""
        doc = self.doc
        lm = _CAPS_BEFORE.search(doc.body, max(0, m.start - 80), m.start)
        lead = re.sub(r"^(?:[Tt]he\s+)+", "", lm.group()).strip() if lm is not None else ""
        if not lead or m.entity is None:
            return m.entity
        name = f"{lead} {m.entity.name}"
        key = "acr:" + name.lower()
        ent = doc.mentions.table.org_by_name.get(key)
        if ent is None:
            ent = Entity(len(doc.mentions.table.entities), name, "organization", tuple(name.split()),
                         country=m.entity.country, org_kind=m.entity.org_kind,
                         is_government=m.entity.is_government, strength=1)
            doc.mentions.table.entities.append(ent)
            doc.mentions.table.org_by_name[key] = ent
        return ent

    # ------------------------------------------------------------------ offices
    def _holders(self) -> list[tuple[Entity, list[int], str | None, str]]:
        """(entity, body mention starts, home country, title) of the named persons."""
        doc = self.doc
        starts: dict[int, list[int]] = {}
        for m in doc.mentions.person_mentions:
            if m.entity is not None:
                starts.setdefault(m.entity.id, []).append(m.start)
        out = []
        for e in doc.mentions.table.entities:
            if e.kind != "person" or e.strength < 1 or not (e.title or e.role):
                continue
            out.append((e, starts.get(e.id, []), doc.resolve.country_of(e), (e.title or "").lower()))
        return out

    def _offices(self) -> list[Mention]:
        doc = self.doc
        body = doc.body
        holders = None
        out: list[Mention] = []
        for m in _OFFICE.finditer(body):
            if doc.in_quote(m.start()):
                continue
            mods = m.group("mods").split()
            if any(w.lower() in _PLURAL_MODS for w in mods):
                continue  # "the two ministers": a pair, not one person
            nxt = _NAME_NEXT.match(body, m.end(), m.end() + 40)
            if nxt and not body[m.end():nxt.end()].lstrip().startswith((",",)):
                continue  # "his counterpart Joe Biden": a title before the name
            if nxt and body[m.end():m.end() + 2].startswith(","):
                ahead = doc.mentions.agents_in(m.end(), m.end() + 40)
                if ahead and ahead[0].kind == "person" and not body[m.end():ahead[0].start].strip(", "):
                    continue  # "the foreign minister, Sergey Lavrov,": the name is there
            country = None
            visiting = False
            bad = False
            mods = _join_places(mods, doc.gz)
            for w in mods:
                lw = w.lower()
                if lw == "visiting":
                    visiting = True
                    continue
                if lw in ("top", "new", "current", "outgoing", "incoming", "then"):
                    continue
                base = re.sub(r"['’]s$", "", w)
                p = doc.gz.places.get(base)
                org = doc.scanner.gz.orgs.get(base) if p is None else None
                if org is not None and org.iso3:
                    country = org.iso3  # "the Kremlin aide": the government the metonym names
                    continue
                if p is None or p.kind not in ("country", "demonym"):
                    bad = True  # "the Chinese Foreign Ministry spokesman ...": some other phrase
                    break
                country = p.iso3
            if bad:
                continue
            om = _OF_PLACE.match(body, m.end(), m.end() + 40)
            if om:
                p = doc.gz.places.get(om.group(1))
                if p is not None and p.kind == "country":
                    country = p.iso3
            if holders is None:
                holders = self._holders()
            ref = " ".join(m.group("office").lower().split())
            if ref in _VISITING_REFS:
                if m.group("det").lower() != "the":
                    continue  # "his guest": the host's, too vague
                visiting = True
            ent = self._resolve(m.start(), ref, country, visiting, m.group("det").lower(), holders)
            if ent is None:
                continue
            out.append(Mention(m.start(), m.end(), "person", m.group(), entity=ent, via=f"office:{ref}"))
        return out

    def _resolve(self, pos: int, ref: str, country: str | None, visiting: bool, det: str,
                 holders: list[tuple[Entity, list[int], str | None, str]]) -> Entity | None:
        doc = self.doc
        offices = VOCAB.offices.get(ref, (ref,))
        sent = self._sentence_at(pos)
        here = [x.entity for x in doc.mentions.agents_in(sent.start, pos)
                if x.kind == "person" and x.entity is not None] if sent is not None else []
        counterpart = "*" in offices and ref not in _VISITING_REFS
        anyone = "*" in offices and ref in _VISITING_REFS
        cands = []
        for e, starts, home, title in holders:
            if counterpart:
                if e in here or not title:
                    continue
                # the other side: a different country from the sentence's own persons
                if here and home is not None and any(doc.resolve.country_of(h) == home for h in here):
                    continue
            elif anyone:
                pass
            elif not (any(o in title for o in offices) or
                      any((e.role or "") == r for r in _HEAD_ROLES.get(ref, ()))):
                continue
            elif _LESSER.search(title) and not _LESSER.search(ref) and ref not in _GENERIC_REFS:
                continue  # "the prime minister" is not the deputy prime minister
            elif all(_serves(title, o) for o in offices if o in title) and not any(
                    (e.role or "") == r for r in _HEAD_ROLES.get(ref, ())):
                continue  # "Spokesman for the Secretary-General" is not the Secretary-General
            if country and home != country:
                continue
            if visiting and (doc.dateline is None or home in (None, doc.dateline.iso3)):
                continue
            if det in ("his", "her", "their", "its") and not counterpart and e in here:
                continue  # "X met his foreign minister": not X
            cands.append((e, starts))
        if not cands:
            return None
        # a bare "the foreign minister" refers back: a holder named only later is another
        # person's office ("was received by the foreign minister" of the host, unnamed)
        forward_ok = bool(country) or counterpart or visiting
        if not forward_ok:
            cands = [(e, st) for e, st in cands if not st or st[0] < pos]
            if not cands:
                return None
        if len(cands) == 1:
            return cands[0][0]
        if ref in _GENERIC_REFS and not counterpart:
            # "the minister": the article's protagonist among the holders named before
            # (the most mentioned one), not whoever was named last
            before = [(bisect_left(st, pos) + (0.5 if not st else 0), e) for e, st in cands]
            top = max(n for n, _ in before)
            lead = [e for n, e in before if n == top and n > 0]
            if len(lead) == 1:
                return lead[0]
        if not (country or visiting or counterpart) and doc.dateline is not None and ref not in _GENERIC_REFS:
            # news names its own side's officials by bare title: "the prime minister" in a
            # story filed from Islamabad is Pakistan's
            home = [(e, st) for e, st in cands if doc.resolve.country_of(e) == doc.dateline.iso3]
            if len(home) == 1:
                return home[0][0]
            if home:
                cands = home
        if not (country or visiting or counterpart) and det == "the":
            # "Then the prime minister travelled to Guyana" after "he met ... UK Prime Minister
            # X": a holder named once, in passing, is not the story's protagonist, who was
            # introduced before and named more often
            seen = [(bisect_left(st, pos), st[0] if st else pos, e) for e, st in cands]
            last = max(((st[bisect_left(st, pos) - 1], e) for e, st in cands if bisect_left(st, pos) > 0),
                       default=None, key=lambda t: t[0])
            if last is not None:
                n_last = next(n for n, _, e in seen if e is last[1])
                lead = [(n, first, e) for n, first, e in seen if e is not last[1] and n >= 2]
                if n_last == 1 and len(lead) == 1 and lead[0][1] < last[0] and \
                        all(n < lead[0][0] for n, _, e in seen if e is not lead[0][2]):
                    return lead[0][2]
        # the nearest holder named before (the headline counts as before), else the next one
        best, best_pos = None, -2
        for e, starts in cands:
            i = bisect_left(starts, pos)
            before = starts[i - 1] if i > 0 else (-1 if not starts else None)
            if before is not None and before > best_pos:
                best, best_pos = e, before
        if best is not None and best_pos >= 0:
            return best
        after = [(starts[bisect_left(starts, pos)], e) for e, starts in cands
                 if bisect_left(starts, pos) < len(starts)]
        return min(after, key=lambda t: t[0])[1] if after else None

    def _sentence_at(self, pos: int) -> Sentence | None:
        if self._starts is None:
            self._starts = [s.start for s in self.doc.sentences]
        i = bisect_left(self._starts, pos + 1) - 1
        return self.doc.sentences[i] if 0 <= i < len(self.doc.sentences) else None

    # ------------------------------------------------------------------ places
    def _landmarks(self) -> list[Mention]:
        out = []
        for m in _LANDMARK.finditer(self.doc.body):
            lm = _LANDMARKS.get(m.group("lm"))
            if lm is None:
                continue
            place = Place(lm.iso3, "landmark", lm.city or "", False)
            out.append(Mention(m.start(), m.end(), "place", m.group(), place=place,
                               via=f"landmark:{lm.name}"))
        return out

    def _here(self) -> list[Mention]:
        dl = self.doc.dateline
        if dl is None:
            return []
        place = Place(dl.iso3, "here", dl.city or "", False)
        out = []
        for m in _HERE.finditer(self.doc.body):
            out.append(Mention(m.start(), m.end(), "place", "here", place=place, via="here"))
        return out


