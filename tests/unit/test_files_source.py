import json
from datetime import date

from extract.articles import Article, Rejected
from extract.sources.base import Skipped, SourceConfig, Window
from extract.sources.files import parse_jsonl, pull_files


def items(path, window=None):
    return list(pull_files(SourceConfig("fx", "files", str(path)), window or Window(), {}))


def test_fixture_corpus_reads_txt_jsonl_and_html(fixture_corpus):
    got = items(fixture_corpus)
    articles = [i for i in got if isinstance(i, Article)]
    rejected = [i for i in got if isinstance(i, Rejected)]
    assert len(articles) == 11
    assert sorted(r.source_uri.rsplit("/", 1)[1] for r in rejected) == [
        "malformed-bad-date.txt", "malformed-binary.txt", "malformed-no-date.txt"]
    html = [a for a in articles if a.source_uri.endswith(".html")]
    assert html and html[0].published_date == date(2024, 6, 10)
    assert "Noboa" in html[0].body and "Copyright" not in html[0].body
    jsonl = [a for a in articles if ".jsonl#L" in a.source_uri]
    assert len(jsonl) == 6
    assert {a.url for a in jsonl if a.url} >= {"https://news.example.org/india-australia"}


def test_window_skips_articles_outside_it(fixture_corpus):
    got = items(fixture_corpus, Window(date(2024, 6, 1), date(2024, 6, 30)))
    inside = [i for i in got if isinstance(i, Article)]
    assert {a.published_date.month for a in inside} == {6}
    skipped = [i for i in got if isinstance(i, Skipped)]
    assert len(skipped) == 4 and all("outside window" in s.reason for s in skipped)


def test_bad_jsonl_lines_are_quarantined_individually():
    raw = "\n".join([
        json.dumps({"title": "T", "published": "2024-01-01", "body": "Body."}),
        "{broken",
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": "T", "body": "no date"}),
        json.dumps({"title": "T", "published": "2024-02-30", "body": "B"}),
    ]).encode()
    got = list(parse_jsonl(raw, source_name="s", source_uri="f.jsonl"))
    assert isinstance(got[0], Article)
    reasons = [g.reason for g in got[1:]]
    assert "invalid JSON" in reasons[0]
    assert "not an object" in reasons[1]
    assert "published" in reasons[2]
    assert "no such day" in reasons[3]
    assert [g.source_uri for g in got] == [f"f.jsonl#L{i}" for i in range(1, 6)]


def test_symlinks_out_of_the_root_are_not_followed(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text(" date 2024-01-01 Secret\nDo not read me.\n")
    root = tmp_path / "root"
    root.mkdir()
    (root / "link.txt").symlink_to(outside)
    (root / "ok.txt").write_text(" date 2024-01-01 Fine\nRead me.\n")
    got = items(root)
    assert [a.title for a in got if hasattr(a, "title")] == ["Fine"]
    # Not dropped silently: counted as quarantined, with the reason.
    refused = [r for r in got if not hasattr(r, "title")]
    assert len(refused) == 1 and "symlink leaves the source directory" in refused[0].reason
    assert refused[0].raw == b""  # the target is never read
