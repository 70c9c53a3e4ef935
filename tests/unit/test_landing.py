from datetime import date

from extract.articles import Rejected, make_article
from extract.landing import Lander, landed_partitions, read_partition
from extract.sources.base import Skipped
from extract.warehouse import Layout


def art(title, day=date(2024, 1, 9), source="s", uri=None):
    return make_article(source_name=source, source_uri=uri or f"/x/{title}.txt", url=None, published=day,
                        title=title, body_paragraphs=[f"Body of {title}."], raw_text=title)


def land(layout, items):
    lander = Lander(layout)
    lander.add_all(items)
    lander.flush()
    return lander.stats


def test_every_input_is_counted_once_and_counts_reconcile(tmp_path):
    layout = Layout(tmp_path)
    layout.ensure()
    items = [art("a"), art("b"), art("a", uri="/y/a-copy.txt"), Rejected("s", "/x/bad", "no date line: x", b"x"),
             Skipped("s", "/x/old", "outside window")]
    stats = land(layout, items)
    assert (stats.seen, stats.loaded, stats.duplicate, stats.quarantined, stats.skipped) == (5, 2, 1, 1, 1)
    assert stats.reconciles()
    assert stats.reasons == {"no date line": 1}


def test_landing_twice_is_idempotent_and_byte_identical(tmp_path):
    layout = Layout(tmp_path)
    layout.ensure()
    items = [art("a"), art("b", day=date(2024, 2, 1)), Rejected("s", "/x/bad", "bad", b"x")]
    land(layout, items)
    files = sorted(layout.landing.rglob("*.parquet"))
    before = {f: f.read_bytes() for f in files}
    stats = land(layout, items)
    assert stats.loaded == 0 and stats.unchanged == 2
    assert {f: f.read_bytes() for f in sorted(layout.landing.rglob("*.parquet"))} == before


def test_new_articles_go_to_new_parts_and_old_parts_are_never_rewritten(tmp_path):
    layout = Layout(tmp_path)
    layout.ensure()
    land(layout, [art("a"), art("c", source="t")])
    first = landed_partitions(layout)
    assert [p.rsplit("/", 1)[0] for p in first] == ["source=s/published_month=2024-01",
                                                   "source=t/published_month=2024-01"]
    before = {p: (tmp_path / "landing/articles" / f"{p}.parquet").stat().st_mtime_ns for p in first}
    stats = land(layout, [art("a"), art("b")])
    assert (stats.loaded, stats.unchanged) == (1, 1)
    parts = landed_partitions(layout)
    assert len(parts) == 3 and set(first) < set(parts)
    assert {p: (tmp_path / "landing/articles" / f"{p}.parquet").stat().st_mtime_ns for p in first} == before
    titles = sorted(t for p in parts if p.startswith("source=s/") for t in read_partition(layout, p).column("title").to_pylist())
    assert titles == ["a", "b"]


def test_buffer_flushes_keep_memory_bounded(tmp_path, monkeypatch):
    import extract.landing as landing

    monkeypatch.setattr(landing, "FLUSH_EVERY", 3)
    layout = Layout(tmp_path)
    layout.ensure()
    stats = land(layout, [art(f"t{i}") for i in range(10)])
    assert stats.loaded == 10
    parts = landed_partitions(layout)
    assert len(parts) == 4  # flushed after 3, 6, 9 and at the end
    assert sum(len(read_partition(layout, p)) for p in parts) == 10
