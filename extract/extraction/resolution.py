"""Who a rule found at a position: names, pronouns and descriptions resolved.

:class:`Resolution` answers the questions every event rule asks: who is the agent just
before this verb ("Liu said", "He also urged", "the statement said", "Lavrov, Russia's
foreign minister, said"), who comes right after it ("..., said Liu"), what does "he", "the
minister" or "the department" refer to here, and which country does a person serve.

The statements component passes a :class:`SpeakerMemory` (the last quoted speaker, the
organisations that issued statements): the event rules pass none, so a pronoun in an event
sentence is never resolved to whoever was quoted last.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.extraction.affiliation import only_titles
from extract.extraction.datelines import Dateline
from extract.extraction.lexicon import SPEECH_FILLERS, UNNAMED_SPEAKER_HEADS
from extract.extraction.mentions import Mentions
from extract.extraction.people import Entity, MentionScanner
from extract.extraction.sentences import Segmentation, Sentence
from extract.gazetteer import Gazetteer

_FILLER_TAIL = re.compile(
    r"(?:\s*,?\s+(?:{}|on\s+\w+day|in\s+a\s+statement|in\s+an\s+interview|(?-i:[a-z]+ly)|"
    r"on\s+(?-i:[A-Z][a-z]{{2,8}}\.?)\s+\d{{1,2}}|on\s+\d{{1,2}}\s+(?-i:[A-Z][a-z]{{2,8}})|today|yesterday|"
    r"(?:this|last)\s+(?:week|month))\b)+\s*$".format("|".join(
        re.escape(f) for f in sorted(SPEECH_FILLERS, key=len, reverse=True))), re.IGNORECASE)
# The last whitespace-delimited word a match of _FILLER_TAIL can end with (every branch ends
# in a word character right before the trailing spaces): a window whose last word is none of
# these cannot match, and the end-anchored search over it is skipped (speed: most verbs follow
# a name)
_FILLER_LAST = frozenset({f.split()[-1] for f in SPEECH_FILLERS} | {
    "statement", "interview", "today", "yesterday", "week", "month"})
# letters IGNORECASE matches with an ASCII letter that str.lower() does not map to it
_IGNORECASE_FOLDS = str.maketrans({"ı": "i", "İ": "i", "ſ": "s", "\u212a": "k"})


def _may_end_filler(window: str) -> bool:
    """Whether ``window`` may end in a match of :data:`_FILLER_TAIL` (a necessary condition)."""
    words = window.rsplit(None, 2)
    if not words:
        return False
    last = words[-1].translate(_IGNORECASE_FOLDS).lower()
    if last in _FILLER_LAST or last.endswith(("day", "ly")) or last.isdigit():
        return True  # a filler word, "on <weekday>", "<adverb>ly", "on <month> <day>"
    # "on 12 June": a capitalised word after the day's number
    return words[-1][:1].isupper() and len(words) >= 2 and words[-2].isdigit()


_PRONOUN_TAIL = re.compile(r"(?<![\w’'])(he|she|He|She)\s*$")
# "It added ...", "It also said ...": an organisation as the subject
_IT_SUBJECT = re.compile(r"\s*It(?:\s+(?:also|further|then|later|again))?\s*")
_WHO_TAIL = re.compile(r",\s*who(?:\s+(?:also|later|then|had|has|have|previously|earlier))*\s*$")
_PRONOUN_HEAD = re.compile(r"^\s*(he|she)\b")
# "X and Y were among those who met Z", "X was among the leaders who said": the list is the subject
_AMONG_TAIL = re.compile(r"\s+(?:was|were|are|is)\s+(?:also\s+)?among\s+(?:the\s+)?(?:those|(?:[\w\-]+\s+){0,3}?"
                         r"(?:leaders|ministers|officials|guests|dignitaries|delegates|participants|speakers|"
                         r"heads\s+of\s+(?:state|government)))\s+(?:who|that)(?:\s+(?:also|later|then|had|have))*\s*$")
_ORG_DESC_HEADS = ("service", "ministry", "department", "embassy", "government", "statement", "readout",
                   "communique", "communiqué", "agency", "committee", "council", "office",
                   "commission", "society", "institute", "foundation", "company", "group",
                   "union", "organisation", "organization", "party", "bank", "administration",
                   "secretariat", "cabinet", "kremlin", "presidency", "consulate", "mission",
                   "think tank", "university", "court", "army", "military", "police", "club",
                   "federation", "association", "delegation")
# "Spokesman for the Secretary-General" is not the Secretary-General
_SERVES_HEAD = re.compile(r"\b(?:for|to)\s+(?:the\s+)?\S")
_STATEMENT_HEADS = frozenset({"statement", "readout", "communique", "communiqué"})
_DESC_TAIL = re.compile(r"(?<![\w’'])([Tt]he|[Aa]|[Aa]n)\s+((?:[\w’'\-]+\s+){0,4}?)([a-z][\w\-]*)\s*$")
_POSS_DESC_TAIL = re.compile(r"(?<![\w’'])([A-Z][\w\-]+)['’]s\s+((?:[a-z][\w\-]*\s+){0,3}?)([a-z][\w\-]*)\s*$")
_DESC_HEAD = re.compile(r"^\s*([Tt]he|[Aa]|[Aa]n)\s+((?:[\w’'\-]+\s+){0,4}?)([a-z][\w\-]*)\b")
_APPOS_BETWEEN = re.compile(r"\s*,[^“”\"]{1,220},\s*$")
_LED_BY = re.compile(r"\b(?:led|headed|chaired)\s+by\s+(?:[\w’'\-\.]+\s+){0,4}$")
_NOT_HEADS = frozenset("and or but nor of to in on at for with by from as than that which who".split())
_COORD_GAP = re.compile(r"\s*(?:,|and|,\s*and)\s*(?:[a-z\-]+\s+){0,2}")


# the comma that opens an apposition, then title words only: ", Finnish Foreign Minister "
_APPOS_OPEN = re.compile(r",\s+(?:(?:[A-Z][\w\-’'\.]*|the|of|and|for)\s+)*$")
_PLACE_TAIL = re.compile(r"\s+(?:in|at)\s+[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?\s*$")
# a name followed by a past-tense verb: the subject of its sentence
_SUBJECT_VERB = re.compile(r"\s+(?:[a-z]+ly\s+)?(?:[a-z]+ed|won|ran|met|held|beat|took|made|said|told|led|set)\b")
_CLAUSE_VERB_AFTER = re.compile(r"\s+(?:could|would|will|was|were|is|are|had|has|have|may|might|should|must|can)\b")
_OF_THE_TAIL = re.compile(r",?\s+(?:of|at|from)\s+(?:the\s+)?$")
_IN_TAIL = re.compile(r"\s+in\s+$")


# a person after a preposition or an object verb ("after talks with X", "alongside X")
_OBJECT_TAIL = re.compile(r"\b(?:with|by|to|from|for|after|alongside|than|met|meeting|meet|meets|told|thanked|"
                          r"received|welcomed|hosted)\s+(?:[\w\-\.’']+\s+){0,4}$")
# a pronoun as a sentence's subject, after an opening phrase ("In Riyadh, he met ...")
_TOPIC_PRONOUN = re.compile(r"\s*(?:[^,.;:“\"]{1,40},\s+)?(He|She|he|she)\s+")


@dataclass(slots=True)
class Agent:
    """Who a rule found at a position: a resolved entity, or a reason there is none."""

    entity: Entity | None
    start: int
    end: int
    how: str  # name | pronoun | description | unnamed
    via: str = ""  # the coreference that named it ("office:top diplomat", "acronym:MEA")


@dataclass
class SpeakerMemory:
    """What the statements component remembers while it reads the article in order."""

    last_speaker: tuple[Entity, int] | None = None  # (entity, sentence index)
    statement_orgs: list[tuple[int, Entity]] = field(default_factory=list)  # (offset, issuer)


class Resolution:
    def __init__(self, body: str, seg: Segmentation, gz: Gazetteer, scanner: MentionScanner,
                 mentions: Mentions, dateline: Dateline | None) -> None:
        self.body = body
        self.seg = seg
        self.sentences = seg.sentences
        self.gz = gz
        self.scanner = scanner
        self.mentions = mentions
        self.dateline = dateline
        self.inferred_country: dict[int, str] = {}

    def _in_quote(self, pos: int) -> bool:
        return self.seg.quote_at(pos) is not None

    def only_titles(self, text: str) -> bool:
        return only_titles(self.scanner, text)

    def country_of(self, ent: Entity | None) -> str | None:
        """The country a person or organisation serves, stated or inferred.

        Stated: the entity's own country. Inferred, for a government official whose
        country the article never states: the dateline's country. News names the
        officials of its own side by title alone ("Foreign Minister X" in a paper datelined
        in that country) and marks foreigners with a demonym or a country. International
        officials (UN, EU, AU ...) have none.
        """
        if ent is None:
            return None
        if ent.country:
            return ent.country
        got = self.inferred_country.get(ent.id)
        if got is not None:
            return got or None
        out = ""
        if ent.kind == "person" and self.dateline and ent.role != "international_official" and \
                ent.strength >= 2 and (ent.is_government or ent.title):
            # titled right before the name ("Finance Minister X"), as a paper titles its own
            out = self.dateline.iso3
        self.inferred_country[ent.id] = out
        return out or None

    def relative_group(self, sent: Sentence, pos: int) -> list[Entity]:
        """The coordinated persons ending at ``pos`` (before ", who ..."): "X and Y",
        "golfers X and Y and businessman Z", "X, the leader of the DA"."""
        out: list[Entity] = []
        end = pos
        for m in reversed(self.mentions.agents_in(max(sent.start, pos - 240), pos)):
            if m.kind != "person" or m.entity is None or self._in_quote(m.start):
                break
            gap = self.body[m.end:end]
            if end == pos:
                if gap.strip(" ") and not re.fullmatch(r",\s*(?:the|a|an)\s+[^,]{1,60}", gap):
                    break
            elif not _COORD_GAP.fullmatch(gap):
                break
            out.append(m.entity)
            end = m.start
        return out[::-1]

    def agent_before(self, sent: Sentence, pos: int, allow_apposition: bool = True,
                     memory: SpeakerMemory | None = None) -> Agent | None:
        """The speaker/actor whose phrase ends right before ``pos`` (a verb)."""
        lo = max(sent.start, pos - 260)
        body = self.body
        # the tail patterns are anchored at the end: search short windows (speed)
        flo = max(lo, pos - 70)
        fm = _FILLER_TAIL.search(body, flo, pos) if _may_end_filler(body[flo:pos]) else None
        cut = fm.start() if fm else pos
        while cut > lo and body[cut - 1] == " ":
            cut -= 1
        # a relative clause: "Kojo Asante-Mensah, who urged ..."
        # (both need a literal "who" / "among": a substring test skips most searches)
        wlo = max(lo, cut - 60)
        alo = max(lo, cut - 90)
        wm = (_WHO_TAIL.search(body, wlo, cut) if "who" in body[wlo:cut] else None) or (
            _AMONG_TAIL.search(body, alo, cut) if "among" in body[alo:cut] else None)
        if wm:
            cut = wm.start()
        hl = max(lo, cut - 120)
        head = body[hl:cut]
        # a name right there
        m = self.mentions.agent_ending_at(cut)
        if m is not None:
            if m.text.lower() in UNNAMED_SPEAKER_HEADS:
                return Agent(None, m.start, m.end, "unnamed")  # "Organisers said"
            if m.kind == "org" or (m.entity is not None and m.entity.title is None and m.entity.strength < 2):
                # "Speaker X of the State Duma said": the person, not the body they head;
                # "analyst Lars Eide at Pareto Securities said" (an unknown firm the scanner
                # took for a name), "farmer Grace Chebet in Kericho said": the titled person
                om = _OF_THE_TAIL.search(body, max(lo, m.start - 12), m.start) or (
                    _IN_TAIL.search(body, max(lo, m.start - 6), m.start) if m.kind == "person" else None)
                p = self.mentions.agent_ending_at(om.start()) if om else None
                if p is not None and p.kind == "person" and p.entity is not None and (
                        m.kind == "org" or (p.entity is not m.entity and (
                            p.entity.title is not None or p.entity.strength > m.entity.strength))):
                    return Agent(p.entity, p.start, p.end, "name", p.via)
            return Agent(m.entity, m.start, m.end, "name", m.via)
        pm = _PRONOUN_TAIL.search(head, max(0, len(head) - 12))
        if pm:
            # "..., she said": the words before are hers, so a name inside them is not her
            trailing = bool(re.search(r"[,”\"]\s*$", head[max(0, pm.start() - 6):pm.start()]))
            ent = self.resolve_pronoun(sent, hl + pm.start(), pm.group(1).lower(), trailing, memory)
            return Agent(ent, hl + pm.start(), cut, "pronoun")
        if memory is not None and _IT_SUBJECT.fullmatch(body, sent.start, cut):
            # "The ministry said ... It added that ...": "it" opening the sentence is the
            # organisation just quoted, or the organisation the sentence before opened with
            ent = self._it_antecedent(sent, memory)
            if ent is not None:
                return Agent(ent, sent.start, cut, "pronoun")
        dm = _DESC_TAIL.search(head, max(0, len(head) - 70))
        if not dm:
            # "The Chinese embassy in Manila said": the description before its place
            tail40 = head[-40:]
            pl = _PLACE_TAIL.search(head, max(0, len(head) - 40)) if (" in " in tail40 or " at " in tail40) else None
            if pl and any(p.start >= hl + pl.start() for p in self.mentions.places_in(hl + pl.start(), cut)):
                dp = _DESC_TAIL.search(head, max(0, pl.start() - 70), pl.start())
                if dp and dp.group(1).lower() == "the" and " for " not in f" {dp.group(2)}":
                    return self.description(sent, hl + dp.start(), cut, dp.group(1), dp.group(2), dp.group(3), memory)
        if dm:
            return self.description(sent, hl + dm.start(), cut, dm.group(1), dm.group(2), dm.group(3), memory)
        pd = _POSS_DESC_TAIL.search(head, max(0, len(head) - 70))
        if pd and pd.group(3) in _ORG_DESC_HEADS and self.gz.places.get(pd.group(1)) is not None:
            # "Iran's foreign ministry said": the country's body
            return self.description(sent, hl + pd.start(), cut, "the", f"{pd.group(1)} {pd.group(2)}", pd.group(3), memory)
        # an apposition between the name and the verb: "Lavrov, Russia's foreign minister, said"
        # (also when a filler took the closing comma: "X, chief of Y, on July 26 received")
        if allow_apposition and not head.endswith(",") and body.startswith(",", cut):
            cut += 1
            head = body[hl:cut]
        if allow_apposition and head.endswith(","):
            # "OSCE Chairperson-in-Office, Finnish Foreign Minister X, met": the name is the
            # apposition itself, closed by the comma
            pm_ = self.mentions.agent_ending_at(cut - 1)
            if pm_ is not None and pm_.kind == "person" and pm_.entity is not None and \
                    _APPOS_OPEN.search(body, max(lo, pm_.start - 90), pm_.start) and not self._in_quote(pm_.start):
                return Agent(pm_.entity, pm_.start, pm_.end, "name", pm_.via)
            for am in list(reversed(self.mentions.agents_in(lo, cut)))[:8]:
                if self._in_quote(am.start):
                    break
                if _APPOS_BETWEEN.match(self.body, am.end, cut) and re.search(
                        r"\b[a-z]{2,}", self.body[am.end:cut]):
                    before = self.body[max(sent.start, am.start - 12):am.start]
                    if re.search(r"\b(?:with|by|of|to|and|from|for)\s+(?:\S+\s+){0,2}$", before):
                        continue
                    return Agent(am.entity, am.start, am.end, "name")
        # a bare plural/unnamed subject ("officials said")
        tail = head.rsplit(None, 1)[-1].lower() if head.strip() else ""
        if tail in UNNAMED_SPEAKER_HEADS:
            return Agent(None, cut - len(tail), cut, "unnamed")
        return None

    def agent_after(self, sent: Sentence, pos: int, memory: SpeakerMemory | None = None) -> Agent | None:
        """The speaker right after ``pos`` (inverted attribution: '..., said Liu')."""
        hi = min(sent.end, pos + 120)
        text = self.body[pos:hi]
        pm = _PRONOUN_HEAD.match(text)
        if pm:
            ent = self.resolve_pronoun(sent, pos + pm.start(1), pm.group(1).lower(), memory=memory)
            return Agent(ent, pos + pm.start(1), pos + pm.end(1), "pronoun")
        cands = self.mentions.agents_in(pos, hi)
        if cands and _CLAUSE_VERB_AFTER.match(self.body, cands[0].end, min(hi, cands[0].end + 12)):
            return None  # "said Typhoon X could make landfall": the subject of the words said
        for m in cands[:4]:
            between = self.body[pos:m.start]
            if re.fullmatch(r"[\s,]*(?:(?:the|a|an|[A-Z][\w’'\-]*|[a-z\-]+(?:['’]s)?)\s+){0,6}?", between) and (
                    m.start - pos) < 90:
                if m.kind == "org":
                    # "said Chinese Foreign Ministry spokesperson Mao Ning": prefer the person
                    for m2 in cands:
                        if m2.kind == "person" and m2.start > m.end and m2.start - m.end < 40 and \
                                re.fullmatch(r"\s+(?:[a-z\-]+\s+){1,3}", self.body[m.end:m2.start]):
                            return Agent(m2.entity, m2.start, m2.end, "name")
                if between.strip() and not self.only_titles(between):
                    continue
                return Agent(m.entity, m.start, m.end, "name", m.via)
        dm = _DESC_HEAD.match(text)
        if dm:
            mods, head, end = dm.group(2), dm.group(3), dm.end()
            # the head is the last noun of the phrase: "the Egyptian foreign ministry"
            while True:
                nx = re.match(r"\s+([a-z][\w\-]*)\b", text[end:])
                if not nx or not (nx.group(1) in _ORG_DESC_HEADS or nx.group(1) in self.scanner.title_words):
                    break
                mods, head, end = f"{mods}{head} ", nx.group(1), end + nx.end()
            return self.description(sent, pos + dm.start(1), pos + end, dm.group(1), mods, head, memory)
        return None

    def description(self, sent: Sentence, start: int, end: int, det: str, mods: str,
                    head: str, memory: SpeakerMemory | None = None) -> Agent | None:
        words = mods.split()
        if head in _NOT_HEADS:
            return None  # "a two-day state visit and": no description ends in a function word
        if head in UNNAMED_SPEAKER_HEADS or any(w.lower() in ("two", "both", "three", "several")
                                                for w in words):
            return Agent(None, start, end, "unnamed")
        if det.lower() in ("a", "an"):
            # "a spokesperson said": unnamed (an organisation word may carry it below)
            if head in _ORG_DESC_HEADS:
                pass
            else:
                return Agent(None, start, end, "unnamed")
        country = None
        for w in words:
            p = self.gz.places.get(re.sub(r"['’]s$", "", w))
            if p is not None:
                country = p.iso3
        if head in ("delegation", "side", "team") and country and det.lower() == "the":
            # "The Russian delegation arrived ...": the person who leads it
            ent = self.delegation_leader(start, country)
            if ent is not None:
                return Agent(ent, start, end, "description")
        if head in _ORG_DESC_HEADS or head in _STATEMENT_HEADS:
            ent = self.resolve_org_description(start, head, country, words, memory)
            return Agent(ent, start, end, "description")
        if head in self.scanner.title_words or head in ("leader", "premier", "chancellor"):
            ent = self.resolve_person_description(start, head, country, tuple(words))
            return Agent(ent, start, end, "description")
        return None

    def _it_antecedent(self, sent: Sentence, memory: SpeakerMemory) -> Entity | None:
        speaker = memory.last_speaker
        if speaker is not None and 0 < sent.index - speaker[1] <= 2:
            return speaker[0] if speaker[0].kind == "organization" else None
        if sent.index == 0:
            return None
        prev = self.sentences[sent.index - 1]
        first = [m for m in self.mentions.agents_in(prev.start, min(prev.end, prev.start + 60))
                 if not self._in_quote(m.start)][:1]
        if first and first[0].kind == "org" and first[0].entity is not None and \
                _SUBJECT_VERB.match(self.body, first[0].end, min(prev.end, first[0].end + 40)) and \
                re.fullmatch(r"\s*(?:(?:the|The|[A-Z][\w\-]*(?:['’]s)?)\s+)*", self.body[prev.start:first[0].start]):
            return first[0].entity
        return None

    def resolve_pronoun(self, sent: Sentence, pos: int, pronoun: str, trailing: bool = False,
                        memory: SpeakerMemory | None = None) -> Entity | None:
        gender = "m" if pronoun in ("he", "him", "his") else "f"

        def ok(e: Entity | None) -> bool:
            # a bare capitalised token ("Dar" of a place name the scanner split) is no antecedent
            return e is not None and e.kind == "person" and (e.gender in (None, gender)) and e.strength > 0

        # an earlier person in the same sentence (outside quotes)
        same = [m for m in self.mentions.agents_in(sent.start, pos)
                if m.kind == "person" and not self._in_quote(m.start)]
        # only the statements component keeps a last speaker: "he" in an event sentence is
        # resolved from the text, not from who was quoted last
        speaker = memory.last_speaker if memory is not None else None
        if trailing and speaker is not None and 0 <= sent.index - speaker[1] <= 2 \
                and ok(speaker[0]):
            return speaker[0]
        if same and ok(same[0].entity):
            return same[0].entity
        if speaker is not None and speaker[1] < sent.index - 1 and sent.index > 0 and not same:
            # "In the men's race, X outsprinted ... He described it as ...": a new subject in
            # the sentence just before outranks a speaker quoted earlier
            prev = self.sentences[sent.index - 1]
            subj = [m for m in self.mentions.agents_in(prev.start, min(prev.end, prev.start + 80))
                    if m.kind == "person" and not self._in_quote(m.start)][:1]
            if subj and ok(subj[0].entity) and subj[0].entity is not speaker[0] and (
                    _SUBJECT_VERB.match(self.body, subj[0].end, min(prev.end, subj[0].end + 40))
                    or (subj[0].start - prev.start <= 2 and self.body.startswith(", who", subj[0].end))):
                return subj[0].entity  # ("Didi, who arrived here on Sunday, conveyed ...")
        if speaker is not None:
            ent, idx = speaker
            if 0 <= sent.index - idx <= 2 and ok(ent):
                return ent
        for k in range(sent.index - 1, max(-1, sent.index - 4), -1):
            prev = self.sentences[k]
            cands = [m for m in self.mentions.agents_in(prev.start, prev.end)
                     if m.kind == "person" and not self._in_quote(m.start)]
            head = _TOPIC_PRONOUN.match(self.body, prev.start, prev.end)
            if head and (head.group(1).lower() == "he") == (gender == "m") and not (
                    cands and cands[0].start < head.start(1)):
                # "He held talks with Crown Prince X. He will travel on to Doha": a sentence
                # whose subject is the same pronoun continues its topic, not the person met
                topic = self.resolve_pronoun(prev, prev.start, pronoun)
                if topic is not None:
                    return topic
            fits = [m for m in cands if ok(m.entity)]
            # "Speaking alongside X, Y praised the deal. She left ...": the subject, not the
            # person of an opening prepositional phrase
            subjects = [m for m in fits if not _OBJECT_TAIL.search(self.body, max(prev.start, m.start - 40), m.start)]
            if fits:
                return (subjects or fits)[0].entity
        return None

    def delegation_leader(self, pos: int, country: str) -> Entity | None:
        """The named leader of a country's delegation reported before ``pos``
        ("... the delegation of the Russian Federation led by X")."""
        best = None
        for m in reversed(self.mentions.agents_in(max(0, pos - 4000), pos)):
            e = m.entity
            if e is None or e.kind != "person" or self._in_quote(m.start) or self.country_of(e) != country:
                continue
            if _LED_BY.search(self.body, max(0, m.start - 30), m.start):
                return e
            if best is None and e.strength >= 2:
                best = e
        return best

    def resolve_person_description(self, pos: int, head: str, country: str | None,
                                   mods: tuple[str, ...] = ()) -> Entity | None:
        # "the prime minister" is the prime minister, not the finance minister named last
        title_mods = [w.lower() for w in mods if w.lower() in self.scanner.title_words and w.lower() not in (
            "former", "new", "visiting", "top", "senior")]
        if title_mods:
            phrase = " ".join([*title_mods, head])
            for m in reversed(self.mentions.agents_in(max(0, pos - 3000), pos)):
                e = m.entity
                if e is None or e.kind != "person" or (country and self.country_of(e) not in (None, country)):
                    continue
                if phrase in (e.title or "").lower():
                    return e
        best = None
        for m in reversed(self.mentions.agents_in(max(0, pos - 3000), pos)):
            e = m.entity
            if e is None or e.kind != "person":
                continue
            if country and self.country_of(e) not in (None, country):
                continue  # "the Indian minister": of that country, stated or inferred
            title = (e.title or "").lower()
            role = e.role or ""
            if head in ("chief", "head", "boss", "leader") and role == "international_official" and not country:
                return e  # "the UN chief"
            if (head in title and not _SERVES_HEAD.search(title, max(0, title.find(head) - 9))) \
                    or (head == "leader" and role in ("head_of_state", "head_of_government", "party", "royal")) \
                    or (head == "president" and role == "head_of_state") or (
                    head == "premier" and role == "head_of_government"):
                return e
            if best is None and country and e.country == country and head in ("leader", "official"):
                best = e
        return best

    def resolve_org_description(self, pos: int, head: str, country: str | None,
                                mods: list[str], memory: SpeakerMemory | None = None) -> Entity | None:
        if head in _STATEMENT_HEADS and memory is not None:
            for p, ent in reversed(memory.statement_orgs):
                if p < pos:
                    return ent
        for m in reversed(self.mentions.agents_in(max(0, pos - 5000), pos)):
            e = m.entity
            if e is None or e.kind != "organization":
                continue
            if head in _STATEMENT_HEADS:
                return e if e.is_government is not False else None
            if head in e.name.lower():
                return e
        if head in _STATEMENT_HEADS:
            return None
        # "the Kremlin press service said ... the press service said": an organisation an
        # earlier description named (it has no mention of its own to find above)
        tail = " ".join([*(w.lower() for w in mods if w.lower() not in ("the", "a", "an")), head])
        for key, ent in reversed(self.mentions.table.org_by_name.items()):
            if key.startswith("desc:") and (key == "desc:" + tail or key.endswith(" " + tail)):
                return ent
        for k in range(len(mods) - 1, -1, -1):
            if mods[k].lower() in ("from", "by"):
                mods = mods[k + 1:]  # "a statement from the Ghanaian presidency": the presidency
                break
        proper = [w for w in mods if w[:1].isupper() and w.lower() != "the"]
        if proper and not country and head in ("office", "ministry", "department", "embassy", "agency",
                                                "presidency", "secretariat", "commission", "council", "service"):
            # "the Holy See press office said": an organisation by its written name
            name = " ".join([*(w for w in mods if w.lower() != "the"), head])
            key = "desc:" + name.lower()
            ent = self.mentions.table.org_by_name.get(key)
            if ent is None:
                ent = Entity(len(self.mentions.table.entities), name, "organization", tuple(name.split()),
                             org_kind="government", is_government=True, strength=1)
                self.mentions.table.entities.append(ent)
                self.mentions.table.org_by_name[key] = ent
            return ent
        # an unseen organisation named by a lowercase description with a country
        if country and head in ("ministry", "department", "embassy", "government", "military",
                                "army", "cabinet", "presidency", "office", "agency"):
            words = [w for w in mods if w.lower() not in ("the",)]
            name = " ".join([*words, head])
            key = "desc:" + name.lower()
            ent = self.mentions.table.org_by_name.get(key)
            if ent is None:
                ent = Entity(len(self.mentions.table.entities), name, "organization", tuple(name.split()),
                             country=country, org_kind="government", is_government=True, strength=1)
                self.mentions.table.entities.append(ent)
                self.mentions.table.org_by_name[key] = ent
            return ent
        return None
