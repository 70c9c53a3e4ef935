"""The synthetic corpus generator: deterministic, sized, realistic enough to parse."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bench import generate as gen
from extract.articles import Article, Rejected, parse_seed_text


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.txt"))}


def _parse(raw: bytes, uri: str = "x.txt") -> Article | Rejected:
    return parse_seed_text(raw, source_name="bench", source_uri=uri)


def test_same_seed_same_bytes_whatever_the_number_of_processes(tmp_path):
    one = gen.generate(300, tmp_path / "a", seed=3, jobs=1)
    two = gen.generate(300, tmp_path / "b", seed=3, jobs=2)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert (one.kinds, one.words, one.bytes) == (two.kinds, two.words, two.bytes)


def test_another_seed_gives_another_corpus(tmp_path):
    gen.generate(50, tmp_path / "a", seed=1, jobs=1)
    gen.generate(50, tmp_path / "b", seed=2, jobs=1)
    assert set(_files(tmp_path / "a").values()).isdisjoint(_files(tmp_path / "b").values())


def test_a_smaller_corpus_is_a_prefix_of_a_bigger_one(tmp_path):
    gen.generate(40, tmp_path / "s", seed=5, jobs=1)
    gen.generate(90, tmp_path / "b", seed=5, jobs=1)
    small, big = _files(tmp_path / "s"), _files(tmp_path / "b")
    assert all(big[name] == data for name, data in small.items())


def test_requested_count_in_bounded_sub_directories(tmp_path, monkeypatch):
    monkeypatch.setattr(gen, "FILES_PER_DIR", 100)
    manifest = gen.generate(250, tmp_path, seed=7, jobs=1)
    shards = sorted(p for p in tmp_path.iterdir() if p.is_dir())
    assert [len(list(s.iterdir())) for s in shards] == [100, 100, 50]
    assert manifest.articles == 250 == sum(manifest.kinds[k] for k in ("original", "copy", "malformed"))
    assert gen.read_manifest(tmp_path) == manifest


def test_mix_of_kinds_and_every_file_lands_or_is_rejected():
    corpus = gen.Corpus(seed=11)
    kinds: dict[str, int] = {}
    for index in range(3000):
        kind, raw, parts = corpus.article(index)
        kinds[kind.split(":")[0]] = kinds.get(kind.split(":")[0], 0) + 1
        parsed = _parse(raw, f"{index}.txt")
        if kind.startswith("malformed"):
            assert isinstance(parsed, Rejected), (kind, raw[:80])
        else:
            assert isinstance(parsed, Article), (kind, getattr(parsed, "reason", ""), raw[:200])
            assert parts is not None and parsed.published_date == parts.published
            assert parsed.word_count > 20 and parsed.title
    # ~0.5% malformed, ~3% syndicated copies: loose bounds, the draw is random.
    assert 3 <= kinds["malformed"] <= 40
    assert 40 <= kinds["copy"] <= 150


def test_copies_repeat_an_earlier_story():
    corpus = gen.Corpus(seed=11)
    bodies = {}
    shared = 0
    for index in range(1500):
        kind, _, parts = corpus.article(index)
        if parts is None:
            continue
        if kind == "copy":
            first = parts.paragraphs[0]
            shared += any(p[0] == first for p in bodies.values())
        bodies[index] = parts.paragraphs
    assert shared >= 20


def test_dates_spread_over_the_requested_range():
    corpus = gen.Corpus(seed=2, start=date(2024, 12, 31), days=1, first_index=10**9)
    articles = (corpus.article(10**9 + i)[2] for i in range(200))
    dates = {parts.published for parts in articles if parts is not None}
    # Copies may run a day after their original.
    assert dates <= {date(2024, 12, 31), date(2025, 1, 1)} and date(2024, 12, 31) in dates


def test_cli_writes_the_corpus(tmp_path, capsys):
    assert gen.main(["--articles", "20", "--out", str(tmp_path), "--seed", "4", "--jobs", "1"]) == 0
    assert len(_files(tmp_path)) == 20
    assert "wrote 20 articles" in capsys.readouterr().out


@pytest.mark.parametrize("bad", [["--articles", "-1"], ["--articles", "5", "--days", "0"]])
def test_cli_rejects_nonsense(tmp_path, bad):
    with pytest.raises(SystemExit):
        gen.main([*bad, "--out", str(tmp_path)])
