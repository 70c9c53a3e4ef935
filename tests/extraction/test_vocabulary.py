"""The vocabularies are data: an entry added to a copy of the files reaches the rules."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from extract.extraction import cues, lexicon
from extract.extraction.vocab import BUNDLED, alternation, hint_words, load_vocabulary

REPO = Path(__file__).resolve().parents[2]

_PROBE = r"""
import json
from datetime import date
from extract.articles import make_article
from extract.extraction import Extractor
body = ("Foreign Minister Anna Lindqvist quipped that the talks had been long but useful.\n"
        "Foreign Minister Anna Lindqvist held a parley with Prime Minister Tomas Varga on Monday.")
a = make_article(source_name="t", source_uri="t.txt", url=None, published=date(2024, 3, 6),
                 title="t", body_paragraphs=body.split("\n"), raw_text=body)
ex = Extractor().extract(a)
print(json.dumps({"statements": [s.evidence.rule for s in ex.statements],
                  "meetings": [m.evidence.rule for m in ex.meetings]}))
"""


def _run(vocab_dir: Path | None) -> dict:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("DIPNEWS_VOCAB_DIR", None)
    if vocab_dir is not None:
        env["DIPNEWS_VOCAB_DIR"] = str(vocab_dir)
    out = subprocess.run([sys.executable, "-c", _PROBE], env=env, cwd=REPO, capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_an_added_speech_verb_and_meeting_noun_are_honoured(tmp_path: Path) -> None:
    copy = tmp_path / "vocab"
    shutil.copytree(BUNDLED, copy)
    before = _run(copy)
    assert not any("quipped" in r for r in before["statements"])
    assert not before["meetings"]
    with (copy / "speech_verbs.csv").open("a", encoding="utf-8") as f:
        f.write("quipped,quip,sq\n")
    with (copy / "meeting_nouns.txt").open("a", encoding="utf-8") as f:
        f.write("parley\n")
    after = _run(copy)
    assert any("quipped" in r for r in after["statements"])
    assert any(r.startswith("meeting.held:") for r in after["meetings"])


def test_hint_sets_are_derived_from_the_entries() -> None:
    v = load_vocabulary()
    hints = hint_words(v.call_phrases)
    assert {"telephone", "conversation"} <= hints and "a" not in hints
    assert "said" in lexicon.SPEECH_FORMS and "adding" in lexicon.CONTINUATION_FORMS
    assert all(f in lexicon.SPEECH_FORMS for f in lexicon.QUOTE_VERBS if f != "continued")


def test_alternation_prefers_the_longest_entry() -> None:
    import re

    rx = re.compile(alternation(["call", "phone call", "invited * to"]))
    assert rx.search("a phone call").group() == "phone call"
    assert rx.search("invited him to").group() == "invited him to"


def test_one_set_of_cues_for_every_rule() -> None:
    assert cues.is_planned("the two ministers will")
    assert cues.is_planned("is expected to formally")
    assert cues.is_denied("did not")
    assert cues.is_denied("the minister could")
    assert cues.is_denied("has cancelled his")
    assert not cues.is_denied("the minister")
    assert cues.NEGATED_AFTER.match(" to Paris was postponed")


def _plain_alternation(phrases: list[str]) -> str:
    from extract.extraction.vocab import phrase_pattern

    uniq = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "(?:" + "|".join(phrase_pattern(p) for p in uniq) + ")"


def test_prefix_tree_alternation_matches_like_the_plain_one() -> None:
    import re

    phrases = ["meet", "meeting", "meets", "met", "met with", "called", "called on", "called for",
               "phone call", "call", "calls", "talks", "talk"]
    tree = alternation(phrases)
    assert tree != _plain_alternation(phrases)  # written as a prefix tree
    text = ("They met  with him, then called   on her; meetings and a phone call followed the calls. "
            "Talks? talk talks. He metwith nobody; MEETING Called For")
    for flags in (0, re.IGNORECASE):
        for wrap in ("(?<![\\w-])({})(?![\\w-])", "({})", "({})\\s+\\w+"):
            got = [(m.span(), m.group(1)) for m in re.finditer(wrap.format(tree), text, flags)]
            want = [(m.span(), m.group(1)) for m in re.finditer(wrap.format(_plain_alternation(phrases)), text, flags)]
            assert got == want


def test_alternation_keeps_the_plain_form_for_wildcards_and_case_pairs() -> None:
    assert alternation(["a * b", "c"]) == _plain_alternation(["a * b", "c"])
    # "Call" and "call" in one node could both match under IGNORECASE: the plain form
    assert alternation(["Call", "call for"]) == _plain_alternation(["Call", "call for"])


def test_guarded_patterns_find_the_same_matches() -> None:
    import re

    from extract.extraction import dates, meetings, visits
    from extract.extraction.vocab import guarded, word_start_guard

    text = ("On Monday, the minister met with her counterpart; last week they held talks in Accra. "
            "MID-JANUARY, mid- March 2024, since 2019, 7-9 February, Jan. 5, 2024-05-01, three days ago, "
            "ſince May, the previous day, over the weekend, on the 8th, earlier this week. He visited "
            "Kenya and arrived in Nairobi from Addis Ababa; she phoned Ruto and received a call from Abiy.")
    for plain, scan in ((dates._DATE_RE, dates.DATE_SCAN), (meetings._TRIGGER, meetings._TRIGGER_SCAN),
                        (visits._VERB, visits._VERB_SCAN)):
        assert scan is not plain  # a guard was worked out
        assert [(m.span(), m.lastgroup) for m in scan.finditer(text)] == \
            [(m.span(), m.lastgroup) for m in plain.finditer(text)]
    # the guard holds the words a match can begin with; a pattern that can begin anywhere has none
    rx = re.compile(r"(?<!\w)(?:(?i:on)\s+\d+|Monday|[0-9]{4})")
    g = word_start_guard(rx)
    assert g is not None and re.match(g, "ON 5") and re.match(g, "2024") and not re.match(g, "one")
    assert word_start_guard(re.compile(r"(?<!\w).+")) is None
    assert guarded(re.compile(r"(?<!\w).+"), r"(?<!\w)").pattern == r"(?<!\w).+"


def test_alternation_after_the_first_character_and_cased_trees_match_alike() -> None:
    import re

    names = ["UN Headquarters", "Union Buildings", "Élysée Palace", "Élysée", "Kremlin", "No. 10"]
    text = "At the Élysée, then the Élysée Palace; xKremlin, Kremlin, UN Headquarters, Union Buildings, No. 10"
    plain = re.compile(rf"(?<![\w-])(?P<lm>{_plain_alternation(names)})(?![\w-])")
    tree = alternation(names, after_first=r"(?<![\w-].)", cased=True)
    fast = re.compile(rf"(?P<lm>{tree})(?![\w-])")
    assert "(?<![\\w-].)" in fast.pattern
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
    # under IGNORECASE "UN" and "Union" share a first letter pair ("N"/"n"): the plain form
    assert alternation(names) == _plain_alternation(names)
