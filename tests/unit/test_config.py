from pathlib import Path

import pytest

from extract.config import load_settings, source_from_arg


def test_defaults_point_at_the_bundled_corpus(root):
    s = load_settings()
    assert [src.name for src in s.sources] == ["sample"]
    assert Path(s.sources[0].location) == root / "seeds" / "articles"
    assert s.warehouse == root / "warehouse"


def test_relative_paths_are_relative_to_the_config_file(tmp_path):
    cfg = tmp_path / "conf.toml"
    cfg.write_text('[warehouse]\ndir = "wh"\n[[sources]]\nname = "a"\nkind = "files"\nlocation = "in"\n'
                   '[gate]\nmax_quarantine_ratio = 0.5\n')
    s = load_settings(cfg)
    assert s.warehouse == tmp_path / "wh"
    assert s.sources[0].location == str(tmp_path / "in")
    assert s.gate.max_quarantine_ratio == 0.5


def test_source_arguments():
    assert source_from_arg("https://example.org/rss.xml").kind == "feed"
    assert source_from_arg("some/dir").kind == "files"
    for bad in ("ftp://example.org/x", "file:///etc/passwd", "javascript:alert(1)"):
        with pytest.raises(ValueError, match="only local paths and http"):
            source_from_arg(bad)
