import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from extract.cli import cli
from extract.config import ConfigError, load_settings, source_from_arg


@pytest.fixture(autouse=True)
def _no_env_overrides(monkeypatch):
    for name in list(os.environ):
        if name.startswith("DIPNEWS_"):
            monkeypatch.delenv(name)


def _write(tmp_path: Path, text: str) -> Path:
    cfg = tmp_path / "conf.toml"
    cfg.write_text(text)
    return cfg


def _errors(cfg: Path) -> list[str]:
    with pytest.raises(ConfigError) as info:
        load_settings(cfg)
    return info.value.lines


def test_defaults_point_at_the_bundled_corpus(root):
    s = load_settings()
    assert [src.name for src in s.sources] == ["sample"]
    assert Path(s.sources[0].location) == root / "seeds" / "articles"
    assert s.warehouse == root / "warehouse"


def test_relative_paths_are_relative_to_the_config_file(tmp_path):
    cfg = _write(tmp_path, '[warehouse]\ndir = "wh"\n[[sources]]\nname = "a"\nkind = "files"\nlocation = "in"\n'
                           '[gate]\nmax_quarantine_ratio = 0.5\n')
    s = load_settings(cfg)
    assert s.warehouse == tmp_path / "wh"
    assert s.sources[0].location == str(tmp_path / "in")
    assert s.gate.max_quarantine_ratio == 0.5
    assert s.gate.min_row_ratio == 0.5  # the default for what the file leaves out


def test_embedded_defaults_resolve_against_the_package_not_the_file(tmp_path, root):
    cfg = _write(tmp_path, "[gate]\nmin_row_ratio = 0.4\n")
    s = load_settings(cfg)
    assert Path(s.sources[0].location) == root / "seeds" / "articles"
    assert s.warehouse == root / "warehouse"
    assert s.gate.min_row_ratio == 0.4


def test_unknown_key_is_one_line_naming_key_and_file(tmp_path):
    cfg = _write(tmp_path, "[gate]\nmax_quarantin_ratio = 0.3\n")
    (line,) = _errors(cfg)
    assert str(cfg) in line and "[gate] max_quarantin_ratio" in line
    assert "unknown key" in line and "did you mean max_quarantine_ratio" in line


def test_unknown_section_and_source_key(tmp_path):
    cfg = _write(tmp_path, '[dashbord]\nport = 1\n[[sources]]\nname = "a"\nlocation = "x"\nlocaton = "y"\n')
    lines = _errors(cfg)
    assert any("dashbord: unknown key" in x for x in lines)
    assert any('[[sources]] #1 ("a") locaton: unknown key (did you mean location?)' in x for x in lines)


def test_wrong_type_names_the_key_and_the_value(tmp_path):
    cfg = _write(tmp_path, '[gate]\nmax_quarantine_ratio = "lots"\n')
    (line,) = _errors(cfg)
    assert "[gate] max_quarantine_ratio" in line and "'lots'" in line and str(cfg) in line


def test_out_of_range_ratio(tmp_path):
    (line,) = _errors(_write(tmp_path, "[gate]\nmin_row_ratio = 3\n"))
    assert "[gate] min_row_ratio" in line and "less than or equal to 1" in line


def test_missing_field_and_bad_kind(tmp_path):
    cfg = _write(tmp_path, '[[sources]]\nname = "a"\nkind = "files"\n[[sources]]\nname = "b"\nkind = "ftp"\nlocation = "x"\n')
    lines = _errors(cfg)
    assert any('[[sources]] #1 ("a") location: missing required key' in x for x in lines)
    assert any('[[sources]] #2 ("b") kind' in x and "'ftp'" in x for x in lines)


def test_feed_options_are_checked_by_the_feed_source(tmp_path):
    cfg = _write(tmp_path, '[[sources]]\nname = "f"\nkind = "feed"\nlocation = "https://example.org/rss"\nbogus = 1\n')
    (line,) = _errors(cfg)
    assert '[[sources]] #1 ("f")' in line and "bogus" in line
    ok = _write(tmp_path, '[[sources]]\nname = "f"\nkind = "feed"\nlocation = "https://example.org/rss"\nmax_seen = 10\n')
    assert load_settings(ok).sources[0].options == {"max_seen": 10}


def test_invalid_toml_and_missing_file(tmp_path):
    (line,) = _errors(_write(tmp_path, "[gate\n"))
    assert "not valid TOML" in line and "conf.toml" in line
    (line,) = _errors(tmp_path / "absent.toml")
    assert "absent.toml: settings file not found" in line


def test_environment_overrides_keys(tmp_path, monkeypatch):
    cfg = _write(tmp_path, '[warehouse]\ndir = "wh"\n[gate]\nmin_row_ratio = 0.4\n')
    monkeypatch.setenv("DIPNEWS_WAREHOUSE", str(tmp_path / "elsewhere"))
    monkeypatch.setenv("DIPNEWS_GATE__MIN_ROW_RATIO", "0.1")
    monkeypatch.setenv("DIPNEWS_USER_AGENT", "test-agent/1")
    s = load_settings(cfg)
    assert s.warehouse == tmp_path / "elsewhere"
    assert s.gate.min_row_ratio == 0.1 and s.gate.max_quarantine_ratio == 0.25
    assert s.user_agent == "test-agent/1"
    # an explicit argument wins over the environment
    assert load_settings(cfg, warehouse=tmp_path / "arg").warehouse == tmp_path / "arg"
    monkeypatch.setenv("DIPNEWS_GATE__MIN_ROW_RATIO", "abc")
    (line,) = _errors(cfg)
    assert line.startswith("$DIPNEWS_GATE__MIN_ROW_RATIO: [gate] min_row_ratio")


def test_dipnews_config_env_names_the_file(tmp_path, monkeypatch):
    monkeypatch.setenv("DIPNEWS_CONFIG", str(_write(tmp_path, '[warehouse]\ndir = "w2"\n')))
    assert load_settings().warehouse == tmp_path / "w2"


def test_config_check_command(tmp_path):
    runner = CliRunner()
    good = _write(tmp_path, '[warehouse]\ndir = "wh"\n')
    result = runner.invoke(cli, ["config", "check", str(good)], obj={})
    assert result.exit_code == 0, result.output
    assert f"ok: {good}" in result.output and str(tmp_path / "wh") in result.output
    bad = tmp_path / "bad.toml"
    bad.write_text("[gate]\nmax_quarantin_ratio = 0.3\n")
    result = runner.invoke(cli, ["config", "check", str(bad)], obj={})
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"config error: {bad}: [gate] max_quarantin_ratio: unknown key (did you mean max_quarantine_ratio?)"
    ]


@pytest.mark.parametrize("args", [["run"], ["status"], ["explain", "README.md"], ["pull"]])
def test_every_command_validates_first(tmp_path, args):
    bad = _write(tmp_path, "[gate]\nmin_row_ratio = \"half\"\n")
    result = CliRunner().invoke(cli, ["--config", str(bad), *args], obj={})
    assert result.exit_code == 2, result.output
    assert "[gate] min_row_ratio" in result.output
    # help still answers with a broken file
    assert CliRunner().invoke(cli, ["--config", str(bad), args[0], "--help"], obj={}).exit_code == 0


def test_typo_in_dipnews_run_exits_2_fast(tmp_path, root):
    bad = _write(tmp_path, "[gate]\nmax_quarantin_ratio = 0.3\n")
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "extract.cli", "--config", str(bad), "run",
                           "--warehouse", str(tmp_path / "wh")],
                          capture_output=True, text=True, cwd=root, timeout=30)
    elapsed = time.monotonic() - started
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        f"config error: {bad}: [gate] max_quarantin_ratio: unknown key (did you mean max_quarantine_ratio?)"
    ]
    assert elapsed < 2.0, elapsed
    assert not (tmp_path / "wh").exists()  # no work done


def test_source_arguments():
    assert source_from_arg("https://example.org/rss.xml").kind == "feed"
    assert source_from_arg("some/dir").kind == "files"
    for bad in ("ftp://example.org/x", "file:///etc/passwd", "javascript:alert(1)"):
        with pytest.raises(ValueError, match="only local paths and http"):
            source_from_arg(bad)
