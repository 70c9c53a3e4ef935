"""Statements: words attributed to a named speaker, direct or reported.

Rules, per sentence, in text order:

* every speech verb outside quotation marks ("said", "told", "urged", "called for" ...) and
  every "according to" is an *attribution* if a speaker is found: the name, pronoun or
  description right before the verb ("Liu said", "He also urged", "the statement said",
  "Lavrov, Russia's foreign minister, said"), or right after it ("..., said Liu");
* its words are the quotation directly before it (`“...,” Chen said`), the quotation
  directly after it (`he said: “...”`), or else the clause after the verb (reported
  speech, without "that"; up to the next attribution, ", adding" or the sentence end),
  or for a trailing attribution (`..., the ministry said.`, `..., according to X.`) the
  clause before it;
* nested attribution goes to the innermost named speaker: an attribution whose words
  contain another attribution with a named speaker is dropped;
* ", adding that ..." and ", saying ..." continue the same speaker as another statement;
* a sentence that is one quotation with no attribution continues the last speaker
  (within two sentences);
* unnamed and plural speakers ("officials said", "the two sides said") give nothing.

``direct`` is true when more than half the quote's characters are inside quotation marks;
``tone`` is the VADER compound score of the quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extract.extraction.document import Document
from extract.extraction.lexicon import (
    CLAUSE_ONLY_FORMS,
    CONTINUATION_FORMS,
    PLAIN_OBJECT_FORMS,
    QUOTE_VERBS,
    SPEECH_FORMS,
    UNNAMED_SPEAKER_HEADS,
)
from extract.extraction.model import Evidence, Statement, actor_of
from extract.extraction.people import Entity
from extract.extraction.resolution import Agent, SpeakerMemory
from extract.extraction.sentences import Sentence
from extract.extraction.vocab import alternation

# the forms as one prefix tree, longest first (vocab.alternation: several times faster)
_VERB_RE = re.compile(rf"(?<![\w’'\-])({alternation(SPEECH_FORMS)})(?![\w’'\-])")
_ACCORDING = re.compile(r"(?<![\w])[Aa]ccording\s+to\s+")
_AFTER_VERB = re.compile(
    r"(?:\s*,?\s*(?:(?:on\s+|late\s+|early\s+|late\s+on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?|"
    r"(?:yesterday|today|last\s+week|this\s+week|last\s+month|earlier\s+this\s+week)|"
    r"on\s+(?:(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?|(?:January|February|March|April|May|June|July|August|September|October|November|December))\s+\d{1,2}|"
    r"on\s+\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)|"
    r"on\s+(?:its|his|her|their|the)\s+(?:official\s+)?(?:[\w\-]+\s+){0,2}?(?:channel|account|website|page|feed|platform)|"
    r"in\s+a\s+(?:[\w\-]+\s+){0,2}?post(?:\s+on\s+(?:X|Twitter|Facebook|Telegram|Instagram|social\s+media))?|"
    r"at\s+(?:the|a|an|his|her|its|their)\s+[\w\s\-]{0,40}?(?:conference|briefing|meeting|event|forum|summit|rally|ceremony|session|dinner|gathering|launch)|in\s+(?:a|its|his|her|their)\s+(?:written\s+|joint\s+|separate\s+|brief\s+|short\s+)?(?:statement|post|message|readout)(?:\s+of\s+the\s+(?:call|meeting|talks|conversation))?"
    r"(?:\s+(?:posted|released|issued|published|carried|shared)\s+(?:on|by|to|late|after|online)(?:\s+[\w’'\-]+){0,3}?(?=\s+that\b|\s*[,:.]))?"
    r"|in\s+(?:his|her|their|its)\s+(?:opening\s+|closing\s+|keynote\s+|brief\s+)?(?:remarks|speech|address)"
    r"|at\s+the\s+(?:start|end|opening|close|outset|beginning)\s+of\s+(?:the|a|their|his|her)\s+[\w\-]+(?:\s+[\w\-]+)?"
    r"|at\s+(?-i:[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?)(?=\s+(?:on|that|this|last|after|before)\b|\s*[,:.])"
    r"|in\s+(?-i:[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?)(?=\s+(?:on|that|this|last|after|before)\b|\s*[,:])"
    r"|in\s+an?\s+\w*\s*(?:interview|speech|post|address|briefing|message|video|op-ed|article|letter|call|podcast|broadcast)(?:\s+(?:with|to|on|at|for)\s+[\w\s’'\-]{1,40}?(?=\s+that\b|\s*[,:]))?"
    r"(?:\s+(?:posted|released|shared|published|broadcast|aired)\s+(?:on|by|to)\s+[\w\s’'\-]{1,40}?(?=\s*[,.:]|\s+that\b))?"
    r"|on\s+(?:X|Twitter|Facebook|Telegram|Instagram|social\s+media|state\s+television|television|radio)|at\s+a\s+[\w\s\-]{1,40}?(?:conference|briefing|meeting|event|forum|summit|rally|ceremony)"
    r"|at\s+(?:the|a|an|his|her|its|their)\s+(?:[\w\-]+\s+){0,3}?(?:palace|residence|house|hall|office|headquarters|airport|embassy|ministry|hotel|venue|parliament|complex|guesthouse|stadium)"
    r"|after\s+the\s+(?:call|meeting|talks|summit|vote|match|game|race|ceremony)|late\s+on\s+\w+day|earlier|later|again|also|repeatedly|publicly|on\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d+)\b)*")
_THAT = re.compile(r"\s*,?\s*that\s+")
_COLON_QUOTE = re.compile(r"\s*[:,]?\s*[“\"«]")
_TOLD_OBJ = re.compile(
    r"\s+(?:(?:the|a|an|his|her|its|their)\s+(?:[\w\-]+\s+){0,2}?(?:conference|briefing|meeting|summit|forum|audience|gathering|"
    r"crowd|rally|session|parliament|assembly|newspaper|broadcaster|station|channel|agency|radio|television|reporters|"
    r"journalists|media|lawmakers|committee|congress|senate|delegates|students|supporters|investors|shareholders|"
    r"analysts|fans|staff|employees|workers|members|voters|residents|court|jury|judges|podcast|show|programme|program)\b|"
    r"reporters|journalists|the\s+media|lawmakers|legislators|parliament|the\s+audience|him|her|them|us|me|delegates|students|supporters|"
    r"investors|shareholders|analysts|fans|staff|employees|workers|voters|residents|"
    r"(?:the\s+)?(?:[A-Z][\w’'\-\.]*\s*){1,4}|(?:the|a|an|state|local)\s+[\w\-]+(?:\s+[\w\-]+)?)")
_CLOSE_BEFORE = re.compile(r"[”\"»]\s*[,.!?—–-]?\s*$|[,.!?—–-]\s*[”\"»]\s*$")
_TRAIL_END = re.compile(r"^[\s.!?”\"»)]*$|^\s*,\s*(?:adding|saying|noting|stressing|warning|urging|citing|as|while|when|after|before|ahead|in|and|but|[a-z]+ing)\b|^\s*[.;]")
_STATEMENT_ISSUE = re.compile(r"\bin\s+an?\s+(?:\w+\s+)?(?:statement|readout|communiqu[eé])|issued\s+a\s+statement")
_TITLES_BEFORE = re.compile(r"[”\"»]\s*[,.!?—–-]?\s*((?:[\w’'\-\.]+\s+){0,6})$")
_SPEECH_NEXT = re.compile(r"(?:\s+(?:on\s+\w+day|in\s+a\s+statement|again|also|later))*(?:\s+that\b|\s*[:,]?\s*[“\"«])")
_SAFE_AND_VERBS = frozenset({"said", "says", "told", "tells", "warned", "stressed", "insisted", "urged",
                             "emphasised", "emphasized", "reiterated", "noted", "described",
                             "reaffirmed", "assured", "called for", "accused"})
# after "and", these continue the speaker whatever follows them
_AND_CONTINUES = frozenset({"called on", "calls on", "called for", "calls for", "appealed", "invited"})
_COMMA_BEFORE = re.compile(r"[,—–]\s*$")
# "said his side had fought well and praised the fans": these acts after "and" are the
# speaker's own next act, not part of the words reported (unlike "and hoped ...", "and
# dismissed ...", which news uses to go on with the reported clause)
_AND_ACT = re.compile(r"\s+and\s+(?:also\s+|then\s+)?([a-z]+)\b")
_ACT_FORMS = frozenset({"praised", "invited", "thanked", "congratulated", "lauded", "commended", "rejected", "cut"})
# a speaker's role in lowercase before the name: "halfback", "club president", "chief executive"
_ROLE_WORDS = re.compile(r"(?:[a-z][\w\-]*\s+){1,3}")
# "that she said were ...": a parenthetical attribution inside the words reported
_REL_BEFORE = re.compile(r"\b(?:that|which|who|whom)\s+$")
_FINITE_START = re.compile(r"\s+(?:were|was|is|are|had|has|have|would|will|could|should|must)\b")
# "X, who has repeatedly called for faster cuts, said": the attribution inside a relative clause
_WHO_BEFORE = re.compile(r",\s*who\s+(?:[\w\-]+\s+){0,3}$")
# "... and cut his price target": the speaker's own act ends the words reported
_OWN_ACT = re.compile(r"\s+(?:and|but)\s+(?:also\s+|then\s+)?(?!that\b|when\b|where\b|which\b|what\b|how\b|with\b|for\b|from\b|into\b|over\b|about\b)"
                     r"[a-z]{3,}\s+(?:his|her|its|their)\s")
# a lowercase description between the comma and a trailing speaker's name
_DESC_LEAD = re.compile(r"[,—–]\s(?:the\s+)?(?:[a-z][\w\-]*\s+){1,4}$"
                        r"|[,—–]\s(?:the\s+)?(?:[A-Z][\w\-]*\s+){0,3}[A-Z][\w\-]*['’]s\s+$")  # "the President's Office"
_AND_BEFORE = re.compile(r"(?:,\s*|\s)(?:and|but)\s+(?:also\s+|later\s+|then\s+)?$|,\s*$")
_QUOTE_SOON = re.compile(r"[^.;“\"]{0,70}?[:,]?\s*[“\"«]")
_AS_QUOTE = re.compile(r"[^.;“\"]{0,60}?\b(?:as|it)\s+[“\"«]")
_CONTENT_STOP = re.compile(
    r",?\s+(?:in|at|during|on|after|before|while|when)\s+(?:a|an|the|his|her|their|its)\s+(?:[\w\-’']+\s+){0,3}?"
    r"(?:speech|address|interview|meeting|news\s+conference|press\s+conference|briefing|summit|forum|event|ceremony|visit|talks|call|statement|session|debate|rally|lecture)\b"
    # "..., making it the first ...", "... while raising concerns about ...": the reported
    # words end where a participle clause about the speaker's act begins
    r"|,\s+(?:making|prompting|raising|drawing|leaving|putting|bringing|sending|marking|underscoring|"
    r"highlighting|signall?ing|days|weeks|hours|months|just)\b|\s+while\s+(?:also\s+)?[a-z]+ing\b"
    r"|,\s+according\s+to\b")
_EXPRESSED_THAT = re.compile(r"\s+(?:[\w\-]+\s+){0,4}?that\b")
_OPENER = re.compile(r"(?:[Ff]or\s+(?:his|her|its|their)\s+part|[Aa]ccording\s+to\s+[^,;]{1,60}|[Ii]n\s+[^,;]{1,50}|"
                     r"[Oo]n\s+[^,;]{1,40}|[Mm]eanwhile|[Ll]ater|[Ee]arlier(?:\s+[^,;]{1,30})?),\s*")
_NP_OBJECT_VERBS = PLAIN_OBJECT_FORMS
_FINITE = re.compile(r"\b(?:would|will|was|were|is|are|had|has|have|could|should|must|can|did|does|do|"
                     r"might|may|shall)\b")
_SPEECH_HINTS = frozenset({f.split()[0] for f in SPEECH_FORMS | QUOTE_VERBS} | {"according"})
_OF_PLACE = re.compile(r"\s+of\s+(?:the\s+)?$")
_ROLE_AFTER = re.compile(r"\s+((?:[a-z\d][\w\-]*\s+){1,3})")
_NOT_ROLE = frozenset({"that", "the", "a", "an", "on", "in", "at", "of", "to", "he", "she", "it", "they", "we",
                       "his", "her", "its", "their", "this", "and", "but", "was", "is", "had", "has", "would",
                       "will", "could", "after", "before", "when", "while", "as", "by", "for", "with"})
# "The presidency issued a statement": who a later "the communique said" is
_ISSUED = re.compile(r"(?<![\w’'])(?:issued|released|published|put\s+out)\s+(?:a|an|its|the)\s+(?:[\w\-]+\s+){0,2}?"
                     r"(?:statement|communiqu[eé]|readout|press\s+release)\b")
_ISSUE_HINTS = frozenset({"issued", "released", "published", "put"})
# "Avi Dror's office said": the office speaks for the person named
_POSS_OFFICE = re.compile(r"['’]s\s+(?:press\s+|media\s+|private\s+)?office\s+$")
_CALL_ON_TO = re.compile(r"[^.;,]{0,90}?\bto\s+[“\"«]?(?!the\b|a\b|an\b)[a-z]")
_PARTICLES_TAIL = re.compile(r"(?<![\w’'])(?:(?:von|van|de|der|den|da|di|du|del|la|le|al|bin|ibn)\s+){1,3}$")
_AND_SAID = re.compile(r"\s(?:and|but)\s+(?:also\s+|later\s+|then\s+)?$")
_WORD_OK = re.compile(r"[\w’'\-\.]+")
_NON_SPEECH_SAID = re.compile(r"(?<![\w’'])(?:so|is|are|was|were|be|been|being)\s+$")
_TRIM = " \t,.;:—–-"
# Transcripts and briefings: a paragraph opened by its speaker's label ("Wang Wenbin: ...",
# "MR. BOUCHER: ...", "A: ..."); questions ("Q:", an outlet's name) are no statements
_LABEL = re.compile(r"\s*((?:(?:MR|MRS|MS|DR|Mr|Mrs|Ms|Dr)\.?\s+)?[A-Z][\w’'\-\.]*(?:\s+[A-Z][\w’'\-\.]*){0,3}|A)\s*:\s+(?=\S)")
_SPOKES_LABELS = frozenset({"a", "spokesperson", "spokesman", "spokeswoman", "the spokesperson", "the spokesman",
                            "answer"})
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|our|Our|my|My|us|you|your|Your)\b")
_HONORIFIC_LABEL = re.compile(r"(?:MR|MRS|MS|DR|Mr|Mrs|Ms|Dr)\.?\s+")
# "..., it said in a statement": the organisation just quoted or named
_IT_TRAIL = re.compile(r"(?:[,”\"»]\s*|^\s*)it\s+(?:also\s+|further\s+)?$")
# verbs that attribute only a quotation right before them: '"...," Berman continued'
_QUOTE_ONLY_FORMS = QUOTE_VERBS - SPEECH_FORMS
_QUOTE_ONLY_RE = re.compile(
    r"(?<![\w’'\-])({})(?![\w’'\-])".format("|".join(
        re.escape(f).replace(r"\ ", r"\s+") for f in sorted(_QUOTE_ONLY_FORMS, key=len, reverse=True)))) \
    if _QUOTE_ONLY_FORMS else None
_QUOTE_ONLY_FIRST = frozenset(f.split()[0] for f in _QUOTE_ONLY_FORMS)


@dataclass(slots=True)
class _Attr:
    verb_start: int
    verb_end: int
    agent: Agent
    phrase_start: int  # start of "speaker verb" (or "verb speaker") phrase
    phrase_end: int  # end of the phrase incl. modifiers ("in a statement")
    mode: str  # pre | inv | according
    trailing: bool = False
    content: tuple[int, int] | None = None
    rule: str = ""
    dropped: bool = False
    continuation_of: _Attr | None = None
    relative: bool = False  # inside ", who ...,": its words end at the clause's comma


@lru_cache(maxsize=1)
def _analyzer():  # type: ignore[no-untyped-def]
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def tone(text: str) -> float:
    if not text.strip():
        return 0.0
    return _tone(text[:1000])


@lru_cache(maxsize=8192)
def _tone(text: str) -> float:
    # syndicated copies and repeated quotes score once per distinct text
    return float(_analyzer().polarity_scores(text)["compound"])


def _strip_span(body: str, lo: int, hi: int) -> tuple[int, int]:
    while lo < hi and body[lo] in " \t,:;—–":
        lo += 1
    while hi > lo and body[hi - 1] in _TRIM:
        hi -= 1
    # a dangling opening quote mark at the end, or a lone closing mark at the start
    if hi > lo and body[hi - 1] in "“«":
        hi -= 1
    return lo, hi


class StatementRules:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.body = doc.body
        self.memory = SpeakerMemory()

    def run(self) -> list[Statement]:
        doc = self.doc
        out: list[Statement] = []
        labelled = self._labelled_paragraphs()
        for sent in doc.sentences:
            if doc.words(sent) & _ISSUE_HINTS:
                self._remember_issuer(sent)
            lab = labelled.get(sent.para)
            if lab is not None and lab[2] >= sent.start and lab[2] < sent.end:
                st = self._label_statement(sent, *lab)
                if st is not None:
                    out.append(st)
            if lab is not None and lab[2] < sent.start:
                # the rest of a labelled answer is the label's statement: no continuation
                self._attributions_only(sent, out)
                continue
            if lab is not None:
                self._attributions_only(sent, out)
                continue
            attrs = self._attributions(sent)
            produced = False
            for a in attrs:
                if a.dropped or a.content is None or a.agent.entity is None:
                    continue
                st = self._statement(sent, a)
                if st is not None:
                    out.append(st)
                    produced = True
                    self.memory.last_speaker = (a.agent.entity, sent.index)
            if not produced and not attrs:
                st = self._continuation(sent)
                if st is not None:
                    out.append(st)
        return out

    def _remember_issuer(self, sent: Sentence) -> None:
        """"The presidency issued a statement ...": the organisation a later "the
        communique said" or "the statement said" speaks for."""
        doc = self.doc
        for m in _ISSUED.finditer(self.body, sent.start, sent.end):
            if doc.in_quote(m.start()):
                continue
            agent = doc.resolve.agent_before(sent, m.start(), memory=self.memory)
            if agent is not None and agent.entity is not None and agent.entity.kind == "organization":
                self.memory.statement_orgs.append((m.start(), agent.entity))

    # ------------------------------------------------------------------ transcripts
    def _labelled_paragraphs(self) -> dict[int, tuple[Entity, int, int, int]]:
        """Paragraphs of a transcript or briefing opened by a speaker's label: para ->
        (speaker, label start, words start, words end). Only in an article with at least two
        labelled paragraphs (a transcript), and only labels naming a person of the article;
        "Q:" and outlets asking questions give nothing."""
        doc = self.doc
        body = self.body
        found: list[tuple[int, int, int, str]] = []
        for para in doc.seg.paragraphs:
            if para.end - para.start < 8 or body[para.start:para.start + 40].find(":") < 0:
                continue
            m = _LABEL.match(body, para.start, para.end)
            if m is None:
                continue
            found.append((para.index, para.start + (m.start(1) - para.start), m.end(), m.group(1)))
        # "Gambian President Adama Barrow:" as a paragraph of its own, the words in the next
        # (highlights of messages; "X said:" before a block quotation)
        heads: list[tuple[int, int, bool]] = []
        paras = doc.seg.paragraphs
        for k in range(len(paras) - 1):
            para = paras[k]
            tail = body[max(para.start, para.end - 2):para.end].rstrip()
            if not tail.endswith(":") or len(body[para.start:para.end].split()) > 25:
                continue
            nxt = paras[k + 1]
            if _LABEL.match(body, nxt.start, nxt.end) or body[nxt.start:nxt.end].rstrip().endswith(":"):
                continue
            speech = _VERB_RE.search(body, para.start, para.end) is not None
            heads.append((k, k + 1, speech))
        if len(found) + len(heads) < 2 and not any(sp for _, _, sp in heads):
            return {}
        out: dict[int, tuple[Entity, int, int, int]] = {}
        for k, n, speech in heads:
            if len(found) + len(heads) < 2 and not speech:
                continue
            para, nxt = paras[k], paras[n]
            ms = [m for m in doc.mentions.agents_in(para.start, para.end) if not doc.in_quote(m.start)]
            if not ms or ms[0].kind != "person" or ms[0].entity is None or ms[0].entity.strength <= 0:
                continue
            if not doc.resolve.only_titles(body[para.start:ms[0].start]):
                continue  # "Talks with X ended as follows:": the person is no label
            ws = nxt.start
            while ws < nxt.end and body[ws].isspace():
                ws += 1
            if len(body[ws:nxt.end].split()) < 4:
                continue
            if any(not doc.in_quote(ws + v.start()) for v in _VERB_RE.finditer(body[ws:nxt.end])):
                continue  # the paragraph attributes its own words ("“...,” he said")
            if body[ws] not in "“\"«" and not _FIRST_PERSON.search(body, ws, nxt.end):
                continue  # "Lina Orvath:" over a profile written about her: not her words
            out[n] = (ms[0].entity, ms[0].start, ws, nxt.end)
        if len(found) < 2 or not any(lab.lower().rstrip(".") in ("q", "question") for _, _, _, lab in found) and \
                not any(body[p.start:p.end].rstrip().endswith("?") for p in paras):
            # a transcript asks questions; "Bukayo Saka: lively on the right ..." in a
            # list of player ratings or profiles is the writer's words
            return out
        spokes: Entity | None = None
        persons = [e for e in doc.mentions.table.entities if e.kind == "person" and e.strength > 0]
        for e in persons:
            if "spokes" in (e.title or "").lower():
                spokes = e
                break
        for idx, ls, ws, label in found:
            para = doc.seg.paragraphs[idx]
            key = label.lower().rstrip(".")
            ent: Entity | None = None
            if key in _SPOKES_LABELS:
                ent = spokes
            elif key not in ("q", "question"):
                m_ = doc.mentions.agent_ending_at(ls + len(label))
                if m_ is not None and m_.kind == "person" and m_.entity is not None and m_.entity.strength > 0:
                    ent = m_.entity
                else:
                    last = _HONORIFIC_LABEL.sub("", label).split()[-1].lower()
                    same = [e for e in persons if e.tokens and e.tokens[-1].lower() == last]
                    if len(same) == 1:
                        ent = same[0]  # "MR. BOUCHER:": the one person of that name
            if ent is not None and len(body[ws:para.end].split()) >= 4:
                out[idx] = (ent, ls, ws, para.end)
        return out

    def _attributions_only(self, sent: Sentence, out: list[Statement]) -> None:
        """A sentence of a labelled paragraph: its own attributions, never a continuation."""
        for a in self._attributions(sent):
            if a.dropped or a.content is None or a.agent.entity is None:
                continue
            st = self._statement(sent, a)
            if st is not None:
                out.append(st)

    def _label_statement(self, sent: Sentence, ent: Entity, ls: int, ws: int, we: int) -> Statement | None:
        q = self.doc.seg.quote_at(ws + 1) if self.body[ws:ws + 1] in "“\"«" else None
        if q is not None and (q.close < 0 or not self.body[q.close + 1:we].strip()):
            ws, we = q.start, q.end  # a quoted block: its words
        lo, hi = _strip_span(self.body, ws, we)
        if hi - lo < 10:
            return None
        agent = Agent(ent, ls, ws, "name")
        a = _Attr(ls, ws, agent, ls, ws, "pre", content=(lo, hi), rule="transcript_label")
        st = self._statement(sent, a)
        self.memory.last_speaker = (ent, sent.index)
        return st

    # ------------------------------------------------------------------ attributions
    def _attributions(self, sent: Sentence) -> list[_Attr]:
        doc = self.doc
        body = self.body
        attrs: list[_Attr] = []
        if not doc.words(sent) & _SPEECH_HINTS:
            return attrs  # no speech verb, no "according to"
        matches = [(m, False) for m in _VERB_RE.finditer(sent.text)]
        if _QUOTE_ONLY_RE is not None and doc.words(sent) & _QUOTE_ONLY_FIRST:
            matches += [(m, True) for m in _QUOTE_ONLY_RE.finditer(sent.text)]
            matches.sort(key=lambda x: x[0].start())
        quote_only: set[int] = set()
        for m, qonly in matches:
            vs, ve = sent.start + m.start(), sent.start + m.end()
            if doc.in_quote(vs):
                continue
            verb = " ".join(m.group(1).split())
            if verb in ("said", "says") and _NON_SPEECH_SAID.search(body[max(sent.start, vs - 6):vs]):
                continue
            if verb.startswith("express") and not _EXPRESSED_THAT.match(body, ve, sent.end):
                continue  # "expressed thanks for it": a feeling, not words reported
            if verb.startswith(("called on", "calls on")) and not _CALL_ON_TO.match(body, ve, sent.end):
                continue  # "called on him at his hotel": a visit, not speech
            prev = attrs[-1] if attrs else None
            if prev is not None and prev.mode != "according":
                lead = body[max(sent.start, vs - 16):vs]
                am_ = _AND_BEFORE.search(lead)
                # "said A and called on B to ...", "said A and praised B": the same speaker's next
                # act; its words (if any) are another statement, and A ends before it
                if am_ and (verb in CONTINUATION_FORMS or (("and" in am_.group() or "but" in am_.group()) and (
                        verb in _SAFE_AND_VERBS or verb in _AND_CONTINUES or _SPEECH_NEXT.match(body, ve, sent.end)))):
                    cut = max(sent.start, vs - 16) + am_.start()
                    a = _Attr(vs, ve, prev.agent, cut, ve, "pre", continuation_of=prev)
                    a.rule = verb
                    pe = _AFTER_VERB.match(body, ve, sent.end)
                    if pe and pe.end() > ve:
                        a.phrase_end = pe.end()
                    attrs.append(a)
                    continue
            agent = doc.resolve.agent_before(sent, vs, memory=self.memory)
            mode = "pre"
            if agent is None:
                agent = self._agent_by_office_or_it(sent, vs)
            if agent is None and (_AND_SAID.search(body, max(sent.start, vs - 12), vs) or (
                    verb in CONTINUATION_FORMS and _COMMA_BEFORE.search(body, max(sent.start, vs - 3), vs))):
                # "X visited ... and called for ...", "X welcomed Y, noting that ..."
                # "Al-Sharaa, in turn, thanked Türkiye ... and said ...": the sentence's subject
                agent = self._sentence_subject(sent, vs)
            if agent is None:
                agent = doc.resolve.agent_after(sent, ve, memory=self.memory)
                mode = "inv"
                if agent is None and _CLOSE_BEFORE.search(body, max(sent.start, vs - 4), vs):
                    agent = self._role_named_after(sent, ve)
            if agent is None:
                continue
            if mode == "pre" and _REL_BEFORE.search(body, max(sent.start, agent.start - 8), agent.start) \
                    and _FINITE_START.match(body, ve, min(sent.end, ve + 12)):
                continue  # "subsidies that she said were flooding Europe": a parenthesis
            pe = ve
            am = _AFTER_VERB.match(body, ve, sent.end)
            if am and am.end() > ve:
                pe = am.end()
            ps = agent.start if mode == "pre" else vs
            if mode == "pre" and body[max(sent.start, ps - 4):ps] in ("the ", "The "):
                ps -= 4  # "..., the White House said"
            if mode == "pre" and agent.how == "name":
                pm_ = _PARTICLES_TAIL.search(body, max(sent.start, ps - 12), ps)
                if pm_:
                    ps = pm_.start()  # "von der Leyen said"
                ps = self._title_start(sent, ps)
                dl = _DESC_LEAD.search(body, max(sent.start, ps - 60), ps)
                if dl is not None:
                    ps = dl.start() + 2  # "..., the presidential press service Akorda said"
            if mode == "inv":
                pe = max(pe, agent.end)
            if verb in ("told", "tells") and mode == "pre":
                # "..., X told a news conference in Accra on Tuesday.": all of it is the frame
                om = _TOLD_OBJ.match(body, pe, sent.end)
                if om:
                    pe2 = om.end()
                    am2 = _AFTER_VERB.match(body, pe2, sent.end)
                    pe2 = am2.end() if am2 and am2.end() > pe2 else pe2
                    if _TRAIL_END.match(body[pe2:sent.end]) and _COMMA_BEFORE.search(body, max(sent.start, ps - 3), ps):
                        pe = pe2
            a = _Attr(vs, ve, agent, ps, pe, mode)
            a.relative = bool(_WHO_BEFORE.search(body, max(sent.start, vs - 60), vs))
            a.rule = verb
            if qonly:
                quote_only.add(vs)
            if agent.entity is not None and agent.entity.kind == "organization" and \
                    _STATEMENT_ISSUE.search(body, ve, min(sent.end, ve + 40)):
                self.memory.statement_orgs.append((vs, agent.entity))
            attrs.append(a)
        for m in _ACCORDING.finditer(sent.text):
            vs, ve = sent.start + m.start(), sent.start + m.end()
            if doc.in_quote(vs):
                continue
            agent = doc.resolve.agent_after(sent, ve, memory=self.memory)
            if agent is None:
                continue
            if agent.entity is not None and agent.entity.org_kind == "media":
                continue  # "according to the state news agency": a relay, not a speaker
            a = _Attr(vs, ve, agent, vs, agent.end, "according")
            a.rule = "according_to"
            attrs.append(a)
        attrs.sort(key=lambda a: a.verb_start)
        for i, a in enumerate(attrs):
            self._content(sent, a, attrs[i + 1:], attrs[:i])
        if quote_only:
            # '"...," Berman continued' attributes the quotation; "continued to ..." is no speech
            attrs = [a for a in attrs if a.verb_start not in quote_only or a.rule.startswith("quote_before")]
        self._nest(attrs)
        return attrs

    def _role_named_after(self, sent: Sentence, ve: int) -> Agent | None:
        """'"...," said sprinter Maya Obi', '"...," said 19-year-old Maya Obi': a lowercase
        role or age between an inverted verb after a quotation and a full name."""
        rm = _ROLE_AFTER.match(self.body, ve, min(sent.end, ve + 50))
        if rm is None or any(w in _NOT_ROLE for w in rm.group(1).split()):
            return None
        for m in self.doc.mentions.agents_in(rm.end(), rm.end() + 1):
            if m.start == rm.end() and m.kind == "person" and m.entity is not None and m.entity.strength > 0:
                return Agent(m.entity, m.start, m.end, "name", m.via)
        return None

    def _agent_by_office_or_it(self, sent: Sentence, vs: int) -> Agent | None:
        """Speakers agent_before leaves alone: "X's office said" is X; '"...," it said in
        a statement' is the organisation just quoted or opening the sentence before."""
        doc = self.doc
        body = self.body
        om = _POSS_OFFICE.search(body, max(sent.start, vs - 24), vs)
        if om is not None:
            m = doc.mentions.agent_ending_at(om.start())
            if m is None:
                m = doc.mentions.agent_ending_at(om.start() + 2)
            if m is not None and m.kind == "person" and m.entity is not None and m.entity.strength > 0 \
                    and not doc.in_quote(m.start):
                return Agent(m.entity, m.start, vs - 1, "name", m.via)
        pl = doc.mentions.places_in(max(sent.start, vs - 40), vs)
        if pl and not body[pl[-1].end:vs].strip():
            # "President Maria Lopez of Peru said": the person before "of <country>"
            of = _OF_PLACE.search(body, max(sent.start, pl[-1].start - 10), pl[-1].start)
            m = doc.mentions.agent_ending_at(of.start()) if of else None
            if m is not None and m.kind == "person" and m.entity is not None and m.entity.strength > 0 \
                    and not doc.in_quote(m.start):
                return Agent(m.entity, m.start, vs - 1, "name", m.via)
        im = _IT_TRAIL.search(body, max(sent.start, vs - 12), vs)
        if im is not None and (im.start() > sent.start or body[sent.start:vs].strip().lower().startswith("it")):
            ent = doc.resolve._it_antecedent(sent, self.memory)
            if ent is not None:
                return Agent(ent, vs - 3, vs - 1, "pronoun")
        return None

    def _sentence_subject(self, sent: Sentence, pos: int) -> Agent | None:
        doc = self.doc
        body = self.body
        lo = max(sent.start, doc.body_start) if sent.index == 0 else sent.start
        # "For his part, X ...", "According to a statement by Y, X ...": after the opener
        om = _OPENER.match(body, lo, min(pos, lo + 90))
        if om:
            lo = om.end()
        ms = [m for m in doc.mentions.agents_in(lo, min(pos, lo + 120)) if not doc.in_quote(m.start)]
        if not ms or ms[0].entity is None or doc.in_quote(sent.start):
            return None
        if ms[0].kind == "org" and len(ms) > 1 and ms[1].kind == "person" and doc.resolve.only_titles(
                body[ms[0].end:ms[1].start]):
            ms = ms[1:]  # "UN Secretary-General Antonio Guterres"
        m = ms[0]
        if not doc.resolve.only_titles(body[lo:m.start]) or not re.match(r"\s*(?:,|[a-z])", body[m.end:m.end + 3]):
            return None
        if m.kind == "person" and m.entity.strength <= 0:
            return None  # "Business groups ... welcomed the move, saying ..."
        nxt = re.match(r"\s+([a-z]+)", body[m.end:m.end + 20])
        if nxt and nxt.group(1) in UNNAMED_SPEAKER_HEADS:
            return None
        if re.search(r"[;“\"]|\b(?:who|which|that|after|when|while|because)\b", self.body[m.end:pos]):
            return None
        return Agent(m.entity, m.start, m.end, "name")

    def _title_start(self, sent: Sentence, start: int) -> int:
        """Where the speaker's phrase begins, titles included: "..., Foreign Ministry
        spokesperson Mao Ning announced" starts at "Foreign"."""
        body = self.body
        lo = max(sent.start, start - 80)
        chunk = body[lo:start]
        if not chunk or not chunk[-1].isspace():
            return start
        words = []
        for w in reversed(chunk.split()[-6:]):
            if not _WORD_OK.fullmatch(w):
                break
            words.append(w)
        words.reverse()
        if not words:
            return start
        tw = self.doc.scanner.title_words
        keep = 0
        titled = False
        for w in reversed(words):
            base = w.lower().rstrip(".")
            if base in tw:
                titled = True
            elif not (w[:1].isupper() or base in ("the", "of", "for")):
                break
            keep += 1
        if not titled or not keep:
            return start
        cut = start
        for w in reversed(words[len(words) - keep:]):
            cut = body.rfind(w, lo, cut)
        return cut if cut >= lo else start

    def _content(self, sent: Sentence, a: _Attr, later: list[_Attr], earlier: list[_Attr]) -> None:
        body = self.body
        doc = self.doc
        # 1. a quotation closing right before the phrase: '“...,” Chen said'
        if a.mode in ("pre", "inv") and a.continuation_of is None:
            ps = a.phrase_start
            tm_ = _TITLES_BEFORE.search(body, max(sent.start, ps - 90), ps)
            if tm_ and tm_.group(1).strip() and (doc.resolve.only_titles(tm_.group(1)) or _ROLE_WORDS.fullmatch(tm_.group(1))):
                # '“...,” German Chancellor Olaf Scholz said', '“...,” halfback X said'
                ps = tm_.start(1)
            before = body[max(sent.start - 1, ps - 4):ps]
            if _CLOSE_BEFORE.search(before):
                k = ps - 1
                while k > 0 and body[k] not in "”\"»":
                    k -= 1
                q = doc.seg.quote_at(k - 1) if k > 0 else None
                opens_clause = q is not None and (
                    q.open <= sent.start or not body[sent.start:q.open].strip()
                    or any(b.phrase_end <= q.open and not body[b.phrase_end:q.open].strip(" ,.:;")
                           for b in earlier))
                if q is not None and q.close == k and opens_clause:
                    a.content = _strip_span(body, q.start, q.end)
                    a.rule = f"quote_before.{a.mode}"
                    a.trailing = True
                    return
        # 2. "according to X, ..." / "..., according to X"
        tail = body[a.phrase_end:sent.end]
        is_trailing = bool(_TRAIL_END.match(tail)) and bool(_COMMA_BEFORE.search(body, max(sent.start, a.phrase_start - 3), a.phrase_start))
        if a.mode == "according":
            if a.phrase_start - sent.start <= 2 or not body[sent.start:a.phrase_start].strip():
                lo = a.phrase_end
                while lo < sent.end and body[lo] in " ,":
                    lo += 1
                hi = self._content_end(sent, lo, later)
                a.content = _strip_span(body, lo, hi)
                a.rule = "according_to.lead"
            else:
                lo = self._clause_start(sent, a, earlier)
                a.content = _strip_span(body, lo, a.phrase_start)
                a.rule = "according_to.trail"
                a.trailing = True
            return
        if is_trailing and a.phrase_start > sent.start + 3 and body[a.phrase_start - 2] in ",—–" and a.mode == "pre":
            lo = self._clause_start(sent, a, earlier)
            a.content = _strip_span(body, lo, a.phrase_start)
            a.rule = "reported.trailing"
            a.trailing = True
            return
        # 'The choice "proves your prestige," said Putin': a quotation closing the clause
        # (the comma inside its marks) that does not open it
        comma_close = a.phrase_start > sent.start + 4 and body[a.phrase_start - 2] in "”\"»" and \
            body[a.phrase_start - 3] == "," and a.continuation_of is None
        if comma_close and a.mode == "pre" and _TRAIL_END.match(tail):
            lo = self._clause_start(sent, a, earlier)
            a.content = _strip_span(body, lo, a.phrase_start)
            a.rule = "reported.trailing"
            a.trailing = True
            return
        if a.mode == "inv" and a.phrase_start > sent.start + 3 and (body[a.phrase_start - 2] == "," or comma_close):
            lo = self._clause_start(sent, a, earlier)
            a.content = _strip_span(body, lo, a.phrase_start)
            a.rule = "reported.inverted"
            a.trailing = True
            return
        # 3. after the verb: quotation or clause
        lo = a.phrase_end if a.mode != "inv" else max(a.phrase_end, a.agent.end)
        verb = body[a.verb_start:a.verb_end].lower()
        if verb.startswith(("told", "tell")):
            tm = _THAT.match(body, lo, sent.end)
            if not tm:
                window = body[lo:min(sent.end, lo + 80)]
                k = window.find(" that ")
                if 0 <= k < 70 and not re.search(r"[“\",:]", window[:k]):
                    lo = lo + k + 1
                else:
                    om = _TOLD_OBJ.match(body, lo, sent.end)
                    named = [x for x in doc.mentions.agents_in(lo, min(sent.end, lo + 60)) if x.kind == "person"]
                    if named and not body[lo:named[0].start].strip() and re.match(
                            r"\s+(?:the|a|an|he|she|it|they|his|her|their|its|[a-z]+)\b", body[named[0].end:named[0].end + 12]):
                        lo = named[0].end  # "told Blinken the two sides had ..."
                    elif om and not _QUOTE_SOON.match(body, lo, sent.end):
                        lo = om.end()
        if verb.startswith("express"):
            em = _EXPRESSED_THAT.match(body, lo, sent.end)
            if em:
                lo = em.end()  # "expressed hope that ...": the that-clause
        tm = _THAT.match(body, lo, sent.end)
        had_that = tm is not None or body[max(0, lo - 5):lo].endswith("that ")
        if tm:
            lo = tm.end()
        # "described the talks as “...”": the quoted words alone
        if verb.startswith(("describ", "call", "term", "dub", "brand", "label")):
            qm = _AS_QUOTE.match(body, lo, sent.end)
            if qm:
                q = doc.seg.quote_at(qm.end())
                if q is not None:
                    end = q.end
                    # '... as "unshakable" and "beyond the reach of its enemies"': every quote
                    for q2 in doc.seg.quotes_in(q.close + 1, min(sent.end, q.close + 12)):
                        if q2.open > q.close and re.fullmatch(r"\s*(?:,|and|or|,\s*and)\s*", body[q.close + 1:q2.open]):
                            end = q2.end
                    a.content = _strip_span(body, q.start, end)
                    a.rule = f"quote_as.{a.rule}"
                    return
        # "he said: “...”", "wrote on X after the call: “...”"
        qm = _COLON_QUOTE.match(body, lo, sent.end)
        if not qm:
            qm2 = _QUOTE_SOON.match(body, lo, sent.end)
            if qm2 and re.search(r":\s*[“\"«]$", qm2.group()):
                qm = qm2
        if qm:
            q = doc.seg.quote_at(qm.end())
            if q is not None and (q.end >= sent.end - 2 or not body[q.end:sent.end].strip(" .,”\"»")
                                  or q.close < 0):
                a.content = _strip_span(body, q.start, q.end)
                a.rule = f"quote_after.{a.rule}"
                return
        hi = self._content_end(sent, lo, later)
        sm = _CONTENT_STOP.search(body, lo, hi)
        if sm:
            hi = sm.start()
        if a.relative:
            cm = body.find(",", lo, hi)
            if cm > lo:
                hi = cm  # "X, who has called for faster cuts, said ...": "faster cuts"
        om_ = _OWN_ACT.search(body, lo, hi)
        if om_:
            hi = om_.start()
        for am_ in _AND_ACT.finditer(body, lo, hi):
            if am_.group(1) in _ACT_FORMS:
                hi = am_.start()
                break  # "said A and praised B": the speaker's next act ends the words
        if hi - lo < 3:
            return
        if verb in _NP_OBJECT_VERBS and not had_that and not _FINITE.search(" ".join(body[lo:hi].split()[:6])):
            return  # "confirmed the pause", "hailed the agreement": an object, not words said
        if verb in CLAUSE_ONLY_FORMS and not had_that and self.doc.seg.quoted_chars(lo, hi) * 2 <= hi - lo:
            return  # "thanked Modi for his attention": thanks given, no words reported
        a.content = _strip_span(body, lo, hi)
        a.rule = f"reported.{a.rule}"

    def _content_end(self, sent: Sentence, lo: int, later: list[_Attr]) -> int:
        hi = sent.end
        body = self.body
        for b in later:
            if b.verb_start >= lo:
                if b.continuation_of is not None:
                    hi = b.phrase_start
                    break
                if b.mode in ("inv", "according") or (b.mode == "pre" and _COMMA_BEFORE.search(body, max(lo, b.phrase_start - 3), b.phrase_start)):
                    if b.phrase_start >= lo:
                        hi = b.phrase_start
                        break
        return hi

    def _clause_start(self, sent: Sentence, a: _Attr, earlier: list[_Attr]) -> int:
        # the first sentence's words begin after the dateline ("ASTANA, March 12 (Agency) --")
        lo = max(sent.start, self.doc.body_start) if sent.index == 0 else sent.start
        for b in earlier:
            if b.mode == "according" and b.content is not None and b.phrase_end <= a.phrase_start and b.rule == "according_to.lead":
                continue
            if b.phrase_end <= a.phrase_start and b.content is not None and b.content[1] <= a.phrase_start and b.trailing:
                lo = max(lo, b.phrase_end)
        return lo

    def _nest(self, attrs: list[_Attr]) -> None:
        # an attribution that reports no words ("he welcomed Summers to ...") nests nothing
        named = [a for a in attrs if a.agent.entity is not None and a.continuation_of is None
                 and (a.content is not None or a.rule not in CLAUSE_ONLY_FORMS)]
        for a in attrs:
            if a.content is None:
                continue
            lo, hi = a.content
            for b in named:
                if b is a:
                    continue
                if lo <= b.verb_start < hi and (a.mode != "pre" or a.trailing or b.phrase_start >= lo):
                    a.dropped = True
                    break

    # ------------------------------------------------------------------ output
    def _statement(self, sent: Sentence, a: _Attr) -> Statement | None:
        lo, hi = a.content
        if hi - lo < 2:
            return None
        body = self.body
        quote = body[lo:hi]
        if not any(ch.isalpha() for ch in quote):
            return None
        quoted = self.doc.seg.quoted_chars(lo, hi)
        direct = quoted * 2 > (hi - lo)
        countries = tuple(dict.fromkeys(m.place.iso3 for m in self.doc.mentions.places_in(lo, hi) if m.end <= hi))
        # When it was said comes from the attribution, never from the words said:
        # "would double trade by 2030" is not a statement made in 2030.
        if lo >= a.verb_start:
            d, prec = self.doc.dates.date_for(sent, a.verb_start, False, hi=lo)
        else:
            d, prec = self.doc.dates.date_for(sent, a.verb_start, False, lo=hi)
        conf = 0.9 if a.agent.how == "name" else (0.75 if a.agent.how == "pronoun" else 0.7)
        if direct:
            conf = min(1.0, conf + 0.05)
        ev_lo = min(sent.start, lo)
        ev_hi = max(sent.end, hi)
        return Statement(
            speaker=actor_of(a.agent.entity),
            quote=quote,
            quote_start=lo,
            quote_end=hi,
            is_direct=direct,
            date=d,
            date_precision=prec,
            named_countries=countries,
            tone=tone(quote),
            evidence=Evidence(body[ev_lo:ev_hi], ev_lo, ev_hi, f"statement.{a.rule}.{a.agent.how}" + (f":{a.agent.via}" if a.agent.via else ""), conf),
        )

    def _continuation(self, sent: Sentence) -> Statement | None:
        doc = self.doc
        if self.memory.last_speaker is None:
            return None
        ent, idx = self.memory.last_speaker
        if sent.index - idx > 2:
            return None
        text = sent.text
        if not text or text[0] not in "“\"«":
            return None
        q = doc.seg.quote_at(sent.start + 1)
        if q is None or q.end < sent.end - 3:
            return None
        last = sent
        end = min(q.end, sent.end)
        if q.end > sent.end:
            # a quoted block of several sentences (left open to its paragraph's end, as news
            # does when the quotation goes on in the next paragraph) is one statement
            tail = doc.seg.sentence_at(q.end - 1)
            if tail is not None and tail.para == sent.para:
                last, end = tail, q.end
        lo, hi = _strip_span(self.body, q.start, end)
        if hi - lo < 10:
            return None
        agent = Agent(ent, sent.start, sent.start, "name")
        a = _Attr(sent.start, sent.start, agent, sent.start, sent.start, "pre", content=(lo, hi),
                  rule="continuation_quote")
        st = self._statement(sent, a)
        self.memory.last_speaker = (ent, last.index)
        return st


def extract_statements(doc: Document) -> list[Statement]:
    return StatementRules(doc).run()
