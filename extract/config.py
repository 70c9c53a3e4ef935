"""Settings: ``dipnews.toml`` validated by a pydantic model, environment overrides, defaults.

Precedence, highest first: an explicit argument (``--warehouse``), environment variables
(``DIPNEWS_WAREHOUSE``, ``DIPNEWS_USER_AGENT``, ``DIPNEWS_GATE__MAX_QUARANTINE_RATIO`` ...:
``DIPNEWS_`` plus the key, ``__`` between a section and its key), the settings file, the
embedded defaults.

Paths written in the file are relative to the file. Embedded defaults (the bundled
``seeds/articles`` corpus, ``warehouse/``) are relative to the package, wherever the file
is. A relative path in an environment variable is relative to the working directory.

A file that does not fit the model (an unknown key, a wrong type, a missing field) raises
:class:`ConfigError`, whose ``lines`` name each offending key and the file.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlparse

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from extract.sources.base import SourceConfig

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CONFIG = REPO_ROOT / "dipnews.toml"
DEFAULT_SOURCE_LOCATION = "seeds/articles"
DEFAULT_WAREHOUSE = "warehouse"
ENV_PREFIX = "DIPNEWS_"
_NAME = re.compile(r"[^A-Za-z0-9_-]+")


# ---------------------------------------------------------------- what the program uses
@dataclass(frozen=True)
class GateSettings:
    max_quarantine_ratio: float = 0.25
    # A night whose fact-table row counts fall below this share of the last
    # published run fails: a broken extractor must not wipe the dashboards.
    min_row_ratio: float = 0.5


@dataclass(frozen=True)
class Settings:
    warehouse: Path
    sources: tuple[SourceConfig, ...]
    gate: GateSettings = field(default_factory=GateSettings)
    user_agent: str = "dipnews/0.1 (+https://github.com/dipnews/dipnews)"
    config_file: Path | None = None  # the file these settings came from, if any


class ConfigError(ValueError):
    """The settings file is unreadable or does not fit the model: one line per problem."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


# ---------------------------------------------------------------- the file's model
class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class WarehouseSection(_Section):
    dir: str | None = Field(None, min_length=1, description="Warehouse directory (default: warehouse/ in the checkout).")


class GateSection(_Section):
    max_quarantine_ratio: float = Field(0.25, ge=0, le=1, description="Fail when more of a run's inputs are quarantined.")
    min_row_ratio: float = Field(0.5, ge=0, le=1, description="Fail when a fact table shrinks below this share.")


class SourceSection(BaseModel):
    """One ``[[sources]]`` entry. Keys besides these are the source kind's options
    (a feed's fetch policy ...), checked against that kind's own list."""

    model_config = ConfigDict(extra="allow", frozen=True)

    name: str | None = Field(None, min_length=1)
    kind: Literal["files", "feed"] = "files"
    location: str = Field(min_length=1)
    # Options every kind shares (a deadline, allowed networks ...) go here as typed fields;
    # options of one kind only are checked by that kind (a feed's by FeedOptions).

    @property
    def options(self) -> dict[str, Any]:
        return dict(self.model_extra or {})


class ConfigModel(BaseSettings):
    """The whole settings file; environment variables override its keys."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_nested_delimiter="__",
        env_ignore_empty=True,
        extra="forbid",
        frozen=True,
    )

    # DIPNEWS_WAREHOUSE is a plain directory, not a JSON section: NoDecode + the validator.
    warehouse: Annotated[WarehouseSection, NoDecode] = WarehouseSection()
    sources: list[SourceSection] | None = None
    gate: GateSection = GateSection()
    user_agent: str = Field(Settings.user_agent, min_length=1)
    # Settings every source shares (network allow-lists, deadlines ...) go here as typed fields.
    # A key the model does not declare is an error: a new setting needs a field here (or in
    # a section model) and its value carried into Settings in settings_from_model.
    # Networks the request-forgery guard lets every feed reach (CIDRs; in the environment
    # DIPNEWS_ALLOW_NETWORKS="127.0.0.1/32,10.0.0.0/8"). Empty: public addresses only.
    allow_networks: Annotated[list[str], NoDecode] = Field(default_factory=list)

    @field_validator("allow_networks", mode="before")
    @classmethod
    def _networks(cls, value: Any) -> Any:
        from extract.sources.http import parse_networks

        if isinstance(value, str):  # from the environment: comma-separated
            value = [v.strip() for v in value.split(",") if v.strip()]
        if isinstance(value, list):
            parse_networks(value)  # ValueError names the bad CIDR
        return value

    @field_validator("warehouse", mode="before")
    @classmethod
    def _warehouse_from_env(cls, value: Any) -> Any:
        if isinstance(value, str):  # from the environment: relative to the working directory
            return {"dir": os.path.abspath(value)}
        return value

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, env_settings, dotenv_settings,
                                   file_secret_settings):
        # The file's content arrives as init arguments; the environment wins over it.
        return (env_settings, init_settings)


# ---------------------------------------------------------------- reading
def source_name_for(location: str) -> str:
    """A filesystem-safe source name derived from a path or URL."""
    parsed = urlparse(location)
    if parsed.scheme in ("http", "https"):
        base = parsed.netloc + parsed.path
    else:
        base = Path(location).resolve().name or "files"
    return _NAME.sub("_", base).strip("_")[:60] or "source"


def source_from_arg(location: str) -> SourceConfig:
    """Interpret a ``--source`` argument: a URL is a feed, anything else a path."""
    scheme = urlparse(location).scheme
    if scheme in ("http", "https"):
        return SourceConfig(name=source_name_for(location), kind="feed", location=location)
    if scheme and len(scheme) > 1:  # "c:" on Windows is a drive, not a scheme
        raise ValueError(f"unsupported source {location!r}: only local paths and http(s) URLs")
    return SourceConfig(name=source_name_for(location), kind="files", location=str(Path(location)))


def config_path(config_path: Path | None = None) -> Path:
    """The settings file in effect: the argument, else $DIPNEWS_CONFIG, else dipnews.toml."""
    return config_path or Path(os.environ.get("DIPNEWS_CONFIG") or DEFAULT_CONFIG)


def _key(loc: tuple, data: dict) -> str:
    """A location in the file as its user writes it: ``[gate] min_row_ratio``."""
    if not loc:
        return "(file)"
    head, rest = str(loc[0]), loc[1:]
    if head == "sources" and rest and isinstance(rest[0], int):
        idx, rest = rest[0], rest[1:]
        entries = data.get("sources") if isinstance(data.get("sources"), list) else []
        entry = entries[idx] if idx < len(entries) and isinstance(entries[idx], dict) else {}
        label = f'[[sources]] #{idx + 1}' + (f' ("{entry["name"]}")' if isinstance(entry.get("name"), str) else "")
        return f"{label} {'.'.join(map(str, rest))}".rstrip()
    if rest:
        return f"[{head}] {'.'.join(map(str, rest))}"
    return head


def _known_keys(loc: tuple) -> list[str]:
    model: Any = ConfigModel
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        info = getattr(model, "model_fields", {}).get(part)
        if info is None:
            return []
        annotation = info.annotation
        for candidate in (annotation, *getattr(annotation, "__args__", ())):
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                model = candidate
                break
            for inner in getattr(candidate, "__args__", ()):
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    model = inner
                    break
    return list(getattr(model, "model_fields", {}))


def _env_name(loc: tuple) -> str | None:
    parts = [str(p) for p in loc if not isinstance(p, int)]
    name = ENV_PREFIX + "__".join(parts).upper()
    if name in os.environ:
        return name
    if parts and ENV_PREFIX + parts[0].upper() in os.environ:
        return ENV_PREFIX + parts[0].upper()
    return None


def _error_lines(exc: ValidationError, path: Path, data: dict) -> list[str]:
    lines = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        key = _key(loc, data)
        if err["type"] == "extra_forbidden":
            close = difflib.get_close_matches(str(loc[-1]), _known_keys(loc), n=1)
            msg = "unknown key" + (f" (did you mean {close[0]}?)" if close else "")
        elif err["type"] == "missing":
            msg = "missing required key"
        else:
            msg = f"{err['msg'][0].lower()}{err['msg'][1:]} (got {err['input']!r})"
        env = _env_name(loc)
        where = f"${env}" if env and err["type"] != "extra_forbidden" else str(path)
        lines.append(f"{where}: {key}: {msg}")
    return lines


def _source_option_lines(path: Path, data: dict) -> list[str]:
    """Each source kind checks its own options; a files source takes none."""
    entries = data.get("sources")
    if not isinstance(entries, list):
        return []
    common = set(SourceSection.model_fields)
    lines = []
    for idx, entry in enumerate(entries):
        if not isinstance(entry, dict):
            continue
        label = _key(("sources", idx), data)
        options = {k: v for k, v in entry.items() if k not in common}
        kind, location = entry.get("kind", "files"), entry.get("location")
        if kind == "files":
            for extra in options:
                close = difflib.get_close_matches(extra, sorted(common), n=1)
                hint = f"did you mean {close[0]}?" if close else "a files source takes " + ", ".join(common)
                lines.append(f"{path}: {label} {extra}: unknown key ({hint})")
        elif kind == "feed" and isinstance(location, str):
            from extract.sources.errors import SourceError
            from extract.sources.feeds import FeedOptions

            if urlparse(location).scheme not in ("http", "https"):
                lines.append(f"{path}: {label} location: a feed needs an http(s) URL (got {location!r})")
            try:
                FeedOptions.from_config(SourceConfig(str(entry.get("name") or "feed"), "feed", location, options))
            except SourceError as exc:
                lines.append(f"{path}: {label}: {exc.reason}")
    return lines


def read_config(path: Path | None = None, *, required: bool | None = None) -> tuple[ConfigModel, Path | None]:
    """The validated model of the settings file (and the file, when there is one).

    Raises :class:`ConfigError` with one line per problem. A missing file is an error
    when it was named explicitly (argument or $DIPNEWS_CONFIG); without one, the
    embedded defaults apply.
    """
    explicit = path is not None or bool(os.environ.get("DIPNEWS_CONFIG"))
    path = config_path(path)
    data: dict = {}
    found: Path | None = None
    if path.is_file():
        try:
            with path.open("rb") as fh:
                data = tomllib.load(fh)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError([f"{path}: not valid TOML: {exc}"]) from None
        except OSError as exc:
            raise ConfigError([f"{path}: cannot read: {exc.strerror or exc}"]) from None
        found = path
    elif required or (required is None and explicit):
        raise ConfigError([f"{path}: settings file not found"])
    if isinstance(data.get("warehouse"), str):
        raise ConfigError([f'{path}: warehouse: expected a [warehouse] table with dir = "..." (got a string)'])
    lines = []
    model = None
    try:
        model = ConfigModel(**data)
    except ValidationError as exc:
        lines = _error_lines(exc, path, data)
    lines += _source_option_lines(path, data)
    if lines or model is None:
        raise ConfigError(lines)
    return model, found


def settings_from_model(model: ConfigModel, found: Path | None, warehouse: Path | None = None) -> Settings:
    """Resolve the model's paths: the file's own relative to the file, defaults to the package."""
    base = found.resolve().parent if found else REPO_ROOT
    sources = []
    if model.sources is None:
        entries = [SourceSection(name="sample", kind="files", location=DEFAULT_SOURCE_LOCATION)]
        entry_base = REPO_ROOT
    else:
        entries, entry_base = model.sources, base
    for entry in entries:
        location = entry.location
        if entry.kind == "files" and not Path(location).is_absolute():
            location = str(entry_base / location)
        name = _NAME.sub("_", entry.name or source_name_for(location))
        options = entry.options
        if entry.kind == "feed" and model.allow_networks:
            own = options.get("allow_networks") or []
            options = {**options, "allow_networks": [*model.allow_networks,
                                                     *[n for n in own if n not in model.allow_networks]]}
        sources.append(SourceConfig(name=name, kind=entry.kind, location=location, options=options))
    if warehouse is not None:
        wh = Path(warehouse)
    elif model.warehouse.dir is None:
        wh = REPO_ROOT / DEFAULT_WAREHOUSE
    else:
        wh = Path(model.warehouse.dir)
        wh = wh if wh.is_absolute() else base / wh
    gate = GateSettings(**model.gate.model_dump())
    return Settings(warehouse=wh, sources=tuple(sources), gate=gate, user_agent=model.user_agent, config_file=found)


def load_settings(config_path: Path | None = None, warehouse: Path | None = None) -> Settings:
    """Read and validate settings (:class:`ConfigError` when the file does not fit)."""
    model, found = read_config(config_path)
    return settings_from_model(model, found, warehouse)
