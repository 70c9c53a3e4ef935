"""The ``dipnews`` command line. Every stage the DAG runs is a command here too.

Imports of heavy libraries (dbt, Great Expectations, Airflow) happen inside the
commands that need them, so ``dipnews --help`` answers at once.
"""

from __future__ import annotations

import functools
import json
import logging
import sys
from datetime import date
from pathlib import Path

import click

from extract.config import ConfigError, Settings, read_config, settings_from_model, source_from_arg
from extract.sources import Window
from extract.warehouse import Layout, WarehouseBusy, run_lock

log = logging.getLogger("dipnews")


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    for noisy in ("great_expectations", "dbt", "urllib3", "httpx", "trafilatura", "filelock"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


class Progress:
    """A progress bar on a terminal; plain log lines otherwise (cron, Airflow, CI)."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.bars: dict = {}
        self.logged: dict[str, int] = {}

    def __call__(self, label: str, done: int, total: int) -> None:
        if self.tty:
            from tqdm import tqdm

            bar = self.bars.get(label)
            if bar is None:
                bar = self.bars[label] = tqdm(desc=label, total=total or None, unit="art", leave=False)
            bar.update(done - bar.n)
        elif done - self.logged.get(label, 0) >= 500:
            self.logged[label] = done
            log.info("%s: %d done", label, done)

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()


def parse_window(day: str | None, since: str | None, until: str | None) -> Window:
    def d(value: str | None, flag: str) -> date | None:
        if value is None:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError as exc:
            raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=flag) from exc

    if day and (since or until):
        raise click.UsageError("use either --date or --since/--until, not both")
    if day:
        one = d(day, "--date")
        return Window(one, one)
    window = Window(d(since, "--since"), d(until, "--until"))
    if window.since and window.until and window.since > window.until:
        raise click.UsageError("--since is after --until")
    return window


def _config_failed(exc: ConfigError) -> None:
    """One line per problem, exit 2: a usage error, found before any work."""
    for line in exc.lines:
        click.echo(f"config error: {line}", err=True)
    sys.exit(2)


def validated_config(ctx: click.Context):
    """The settings file's validated model, read once per invocation."""
    root = ctx.find_root()
    root.ensure_object(dict)
    if "config_model" not in root.obj:
        try:
            root.obj["config_model"] = read_config(root.obj.get("config"))
        except ConfigError as exc:
            _config_failed(exc)
    return root.obj["config_model"]


def clear_errors(stage: str):
    """One line and a non-zero exit for any failure of a stage command (like `run`);
    the traceback only with --verbose."""

    def wrap(f):
        @functools.wraps(f)
        def inner(*args, **kwargs):
            try:
                return f(*args, **kwargs)
            except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit):
                raise
            except WarehouseBusy as exc:
                raise click.ClickException(str(exc)) from exc
            except Exception as exc:
                log.debug("%s failed", stage, exc_info=True)
                raise click.ClickException(f"{stage} failed: {type(exc).__name__}: {exc}") from exc

        return inner

    return wrap


def settings_from(ctx: click.Context, warehouse: Path | None) -> Settings:
    model, found = validated_config(ctx)
    return settings_from_model(model, found, warehouse)


warehouse_option = click.option(
    "--warehouse", "-w", type=click.Path(file_okay=False, path_type=Path),
    help="Warehouse directory (default: from dipnews.toml, else ./warehouse).",
)
window_options = [
    click.option("--date", "day", metavar="YYYY-MM-DD", help="Process articles published on this day only."),
    click.option("--since", metavar="YYYY-MM-DD", help="Process articles published on or after this day."),
    click.option("--until", metavar="YYYY-MM-DD", help="Process articles published on or before this day."),
]


def with_window(f):
    for opt in reversed(window_options):
        f = opt(f)
    return f


class _Group(click.Group):
    def invoke(self, ctx: click.Context):
        # Whether the subcommand asks for --help is known only here, before click clears ctx.args.
        ctx.meta["dipnews.help"] = bool({"-h", "--help"} & set(ctx.args))
        return super().invoke(ctx)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", type=click.Path(dir_okay=False, path_type=Path), help="Settings file (default: dipnews.toml).")
@click.option("--verbose", "-v", is_flag=True, help="Debug logging.")
@click.version_option(package_name="dipnews")
@click.pass_context
def cli(ctx: click.Context, config: Path | None, verbose: bool) -> None:
    """dipnews: diplomatic news in, visits, meetings and statements out.

    Pulls English news articles, lands them untouched, extracts events, builds the
    DuckDB marts with dbt, gates them with Great Expectations and publishes
    warehouse/diplomacy.duckdb only when the gate passes.

    \b
    Examples:
        dipnews run                          # the nightly pipeline on dipnews.toml's sources
        dipnews run --source ./articles --warehouse /tmp/wh
        dipnews status
        dipnews quarantine list              # what was kept out, and why
        dipnews evict 3f2a9c1d0b7e6a54 -r "not news"   # take one article out
        dipnews explain seeds/articles/some-article.txt
    """
    ctx.ensure_object(dict)
    ctx.obj["config"] = config
    _setup_logging(verbose)
    # Every command starts from a valid settings file (`config check` reports on its own;
    # `--help` answers whatever the file says).
    if ctx.invoked_subcommand != "config" and not ctx.resilient_parsing and not ctx.meta.get("dipnews.help"):
        validated_config(ctx)


def _print_summary(result, layout: Layout) -> None:
    r = result.record
    click.echo("")
    click.echo(f"run {r.run_id}: {r.status}")
    click.echo(
        f"  articles: {r.articles_seen} seen, {r.articles_loaded} loaded, {r.articles_unchanged} already landed, "
        f"{r.articles_quarantined} quarantined, {r.articles_duplicate} duplicate, {r.articles_skipped} outside window"
    )
    for failed in r.stages.get("failed_sources", []):
        click.echo(f"  FAILED source {failed['source']}: {failed['location']}: {failed['reason']} (retried next run)")
    if r.stages.get("extract_quarantine"):
        click.echo(f"  quarantined by extraction: {r.stages['extract_quarantine']['articles']} article(s) whose "
                   "extraction failed (see `dipnews quarantine list`)")
    if r.stages.get("gate_quarantine"):
        click.echo(f"  quarantined by the gate: {r.stages['gate_quarantine']['articles']} article(s) "
                   "(see `dipnews quarantine list`)")
    if result.published:
        click.echo(f"  events:   {r.visits} visits, {r.meetings} meetings, {r.statements} statements")
    click.echo(f"  gate:     {'passed' if result.published else 'FAILED'} ({result.gate_summary})")
    for failure in result.failures[:10]:
        col = f" [{failure['column_name']}]" if failure.get("column_name") else ""
        click.echo(f"    - {failure['suite']}: {failure['expectation']}{col}: {failure['observed']}")
    if result.published:
        click.echo(f"  published: {layout.published.resolve()}")
        from extract.status import try_hint

        click.echo(f"  try:       {try_hint(layout)}")
    else:
        click.echo(f"  the published file is unchanged: {layout.published}")


@cli.command()
@click.option("--source", "sources", multiple=True, metavar="PATH_OR_URL",
              help="A directory/file of articles or a feed URL; repeatable. Replaces dipnews.toml's sources.")
@warehouse_option
@with_window
@click.option("--run-id", help="Id for this run (default: manual__<timestamp>).")
@click.pass_context
def run(ctx, sources, warehouse, day, since, until, run_id):
    """Run the whole pipeline once: pull, extract, build, validate, publish.

    Exits 1 when the quality gate fails; the published file is then unchanged.

    \b
    Examples:
        dipnews run
        dipnews run --source seeds/articles --warehouse /tmp/wh
        dipnews run --source https://example.org/feed.xml --date 2024-01-09
        dipnews run --since 2024-01-01 --until 2024-01-31
    """
    from extract.pipeline import Run

    settings = settings_from(ctx, warehouse)
    window = parse_window(day, since, until)
    try:
        chosen = tuple(source_from_arg(s) for s in sources) or None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--source") from exc
    layout = Layout(settings.warehouse)
    progress = Progress()
    try:
        with run_lock(layout):
            result = Run.begin(settings, run_id, window).all(chosen, progress)
    except WarehouseBusy as exc:
        raise click.ClickException(str(exc)) from exc
    except Exception as exc:
        # One clear line for the operator; the traceback with --verbose. The run
        # record says which stage failed; nothing was published.
        log.debug("run failed", exc_info=True)
        raise click.ClickException(f"run failed: {type(exc).__name__}: {exc}") from exc
    finally:
        progress.close()
    _print_summary(result, layout)
    if not result.published:
        sys.exit(1)


@cli.command()
@click.option("--source", "sources", multiple=True, metavar="PATH_OR_URL", help="Source to pull (repeatable).")
@warehouse_option
@with_window
@click.option("--run-id", help="Id for the run this pull begins (default: manual__<timestamp>).")
@click.pass_context
@clear_errors('pull')
def pull(ctx, sources, warehouse, day, since, until, run_id):
    """Pull sources and land their articles; quarantine bad inputs.

    Begins a run: `dipnews extract`, `build`, `validate` and `publish` continue it, and
    leave the same run record and published file as `dipnews run` would.

    \b
    Examples:
        dipnews pull
        dipnews pull --source ./more-articles --date 2024-01-09
        dipnews pull && dipnews extract && dipnews build && dipnews validate && dipnews publish
    """
    from extract.pipeline import Run
    from extract.sources import SourcesFailed

    settings = settings_from(ctx, warehouse)
    layout = Layout(settings.warehouse)
    window = parse_window(day, since, until)
    try:
        chosen = tuple(source_from_arg(s) for s in sources) or settings.sources
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--source") from exc
    with run_lock(layout):
        run = Run.begin(settings, run_id, window)
        try:
            with run.failing_on_error():
                stats = run.pull(chosen, Progress())
        except SourcesFailed as exc:
            if exc.stats is not None:
                click.echo(json.dumps(exc.stats.as_dict(), indent=1))
            more = "; the others were landed: go on with `dipnews extract`" if run.record.status == "running" else ""
            raise click.ClickException(f"pull failed: {exc}{more}") from exc
    click.echo(json.dumps(stats.as_dict(), indent=1))


@cli.command("extract")
@warehouse_option
@click.pass_context
@clear_errors('extract')
def extract_cmd(ctx, warehouse):
    """Extract events from every landed partition not yet extracted (or extracted by an older version).

    \b
    Example:
        dipnews extract --warehouse /tmp/wh
    """
    from dataclasses import asdict

    from extract.pipeline import Run

    settings = settings_from(ctx, warehouse)
    with run_lock(Layout(settings.warehouse)):
        with Run.resume(settings).failing_on_error() as run:
            stats = run.extract(Progress())
    click.echo(json.dumps(asdict(stats), indent=1))


@cli.command()
@warehouse_option
@click.option("--full-refresh", is_flag=True, help="Rebuild incremental models from scratch.")
@click.pass_context
@clear_errors('build')
def build(ctx, warehouse, full_refresh):
    """Run `dbt build` into the work database (warehouse/work/build.duckdb).

    \b
    Example:
        dipnews build --full-refresh
    """
    from extract.pipeline import Run

    settings = settings_from(ctx, warehouse)
    with run_lock(Layout(settings.warehouse)):
        with Run.resume(settings).failing_on_error() as run:
            result = run.build(full_refresh=full_refresh)
    passed = sum(r["status"] in ("pass", "success") for r in result.results)
    click.echo(f"dbt build: {'ok' if result.success else 'FAILED'} ({passed}/{len(result.results)} nodes ok)")
    for f in result.failures:
        click.echo(f"  - {f['resource_type']} {f['name']}: {f['message'][:300]}")
    if not result.success:
        sys.exit(1)


@cli.command()
@warehouse_option
@click.pass_context
@clear_errors('validate')
def validate(ctx, warehouse):
    """Run the quality gate (Great Expectations suites) on the work database.

    Exits 1 on a critical failure. Results go to warehouse/ops/gate_results and
    Data Docs to warehouse/ops/data_docs/index.html.

    \b
    Example:
        dipnews validate
    """
    from extract.pipeline import Run
    from extract.stages import GateFailed

    settings = settings_from(ctx, warehouse)
    with run_lock(Layout(settings.warehouse)):
        try:
            with Run.resume(settings).failing_on_error() as run:
                report = run.validate()
        except GateFailed as failed:
            click.echo(failed.args[0])
            for f in failed.args[1]:
                click.echo(f"  - [{f['severity']}] {f['suite']}: {f['expectation']} {f['column_name'] or ''}: "
                           f"{f['observed']}")
            sys.exit(1)
    click.echo(report.summary())
    for f in report.warnings:
        click.echo(f"  - [{f['severity']}] {f['suite']}: {f['expectation']} {f['column_name'] or ''}: {f['observed']}")


@cli.command()
@warehouse_option
@click.pass_context
@clear_errors('publish')
def publish(ctx, warehouse):
    """Copy the work database's marts into warehouse/diplomacy.duckdb (atomic swap).

    Use after `dipnews validate` passed; `dipnews run` does both.

    \b
    Example:
        dipnews publish
    """
    from extract.gate import gate_passed
    from extract.pipeline import Run

    settings = settings_from(ctx, warehouse)
    layout = Layout(settings.warehouse)
    with run_lock(layout):
        run_id = Run.open_run_id(layout)
        if not gate_passed(layout) or run_id is None:
            raise click.ClickException(
                f"nothing to publish: the work database {layout.build_db} has not passed the gate since it was "
                "built (run `dipnews validate` first, or `dipnews run`)")
        with Run.resume(settings, run_id).failing_on_error() as run:
            result = run.publish()
    click.echo(f"published {result.path}: " + ", ".join(f"{k}={v}" for k, v in result.tables.items()))


@cli.command()
@warehouse_option
@click.option("--limit", "-n", default=10, show_default=True, help="How many runs to show.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--summary", is_flag=True, help="Only the last run's summary (what `make run` prints).")
@click.pass_context
def status(ctx, warehouse, limit, as_json, summary):
    """Show the last runs, their counts and gate results (failures named).

    \b
    Examples:
        dipnews status
        dipnews status -n 3 --json
        dipnews status --summary
    """
    from extract.status import last_run_summary, status_report

    layout = Layout(settings_from(ctx, warehouse).warehouse)
    if summary:
        click.echo(last_run_summary(layout))
        return
    report = status_report(layout, limit)
    click.echo(json.dumps(report, indent=1, default=str) if as_json else report["text"])


@cli.group()
def quarantine():
    """What was kept out of the marts, and why (quarantined inputs, duplicates, evictions).

    \b
    Examples:
        dipnews quarantine list
        dipnews quarantine list --source sample --json
    """


@quarantine.command("list")
@warehouse_option
@click.option("--source", help="Only this source's entries.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output (one object per entry).")
@click.pass_context
@clear_errors("quarantine list")
def quarantine_list(ctx, warehouse, source, as_json):
    """List every input kept out, with its reason.

    Kinds: `quarantined` (an input that could not become an article: bad date, bad
    encoding, refused link ...), `duplicate` (the same text already landed from another
    source), `evicted` (taken out with `dipnews evict`, or by the gate).

    \b
    Examples:
        dipnews quarantine list
        dipnews quarantine list --source sample
        dipnews quarantine list --json | jq -r '.reason'
    """
    from extract.exclusions import quarantine_listing

    layout = Layout(settings_from(ctx, warehouse).warehouse)
    rows = quarantine_listing(layout, source)
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    if not rows:
        click.echo(f"nothing quarantined in {layout.root}")
        return
    for row in rows:
        where = f" {row['source']}: {row['uri']}" if row["source"] else ""
        click.echo(f"{row['kind']:11} {row['id']}{where}\n            {row['reason']}")
    kinds = {k: sum(r["kind"] == k for r in rows) for k in ("quarantined", "duplicate", "evicted")}
    click.echo(", ".join(f"{n} {k}" for k, n in kinds.items()))


@cli.command()
@click.argument("article_id")
@warehouse_option
@click.option("--reason", "-r", default="evicted by an operator", show_default=True,
              help="Why (kept with the eviction, shown by `dipnews quarantine list`).")
@click.pass_context
@clear_errors("evict")
def evict(ctx, article_id, warehouse, reason):
    """Take one landed article out of the marts, for a case no rule foresaw.

    Landing is not changed: the id is recorded in landing/evictions (and in ops, as a
    run record with status `evicted`, in ops.runs after the next publish). The next run (or
    `dipnews extract && dipnews build && dipnews validate && dipnews publish`) leaves
    the article and all its events out.

    \b
    Examples:
        dipnews evict 3f2a9c1d0b7e6a54 --reason "satire piece, not news"
        dipnews run
    """
    import re

    from extract.exclusions import evict as do_evict
    from extract.exclusions import landed_sources
    from extract.runs import RunRecord, new_run_id

    if not re.fullmatch(r"[0-9a-f]{16}", article_id):
        raise click.BadParameter("an article id is 16 lowercase hex digits (see marts.dim_articles)",
                                 param_hint="ARTICLE_ID")
    layout = Layout(settings_from(ctx, warehouse).warehouse)
    with run_lock(layout):
        landed = landed_sources(layout)
        if article_id not in landed:
            raise click.ClickException(f"no landed article {article_id} in {layout.root}")
        added = do_evict(layout, article_id, reason)
        record = RunRecord(run_id=new_run_id("evict"), status="evicted",
                           message=f"evicted {article_id} ({landed[article_id][0]}: {landed[article_id][1]}): {reason}")
        record.finished_at = record.started_at
        if added:
            record.save(layout)
    click.echo(f"{'evicted' if added else 'already evicted'}: {article_id}; the next run leaves it out")


@cli.command()
@click.argument("article", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def explain(article, as_json):
    """Show the events found in one article file, with their evidence and rules.

    \b
    Example:
        dipnews explain seeds/articles/some-article.txt
    """
    from extract.explain import explain_file

    click.echo(explain_file(article, as_json=as_json))


@cli.command()
@warehouse_option
@click.option("--port", default=8501, show_default=True, help="Port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; 0.0.0.0 only inside a container or behind a proxy.")
@click.pass_context
def dashboard(ctx, warehouse, port, host):
    """Open the Streamlit dashboard on the published marts (read-only).

    \b
    Examples:
        dipnews dashboard
        dipnews dashboard --warehouse /data/warehouse --port 8502
    """
    from extract.dashboard import launch

    sys.exit(launch(settings_from(ctx, warehouse).warehouse, port=port, host=host))


@cli.command("eval")
@warehouse_option
@click.option("--gold", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=Path("tests/gold/sample.jsonl"), show_default=True, help="Gold annotations (JSON lines).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def eval_cmd(ctx, warehouse, gold, as_json):
    """Score the published warehouse against hand-annotated gold.

    Precision, recall and F1 per event type and event-date accuracy, by the matching
    rules in extract/evaluate.py (docs/annotation.md's scoring).

    \b
    Example:
        dipnews eval --gold tests/gold/sample.jsonl
    """
    from extract.evaluate_warehouse import evaluate_warehouse

    layout = Layout(settings_from(ctx, warehouse).warehouse)
    click.echo(evaluate_warehouse(layout, gold, as_json=as_json))


@cli.group("config")
def config_group():
    """Settings: check dipnews.toml (or --config FILE) against its model.

    \b
    Examples:
        dipnews config check
        dipnews --config /etc/dipnews/dipnews.toml config check
    """


@config_group.command("check")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def config_check(ctx, file):
    """Validate the settings file; print the settings in effect, exit 2 on any problem.

    Unknown keys, wrong types and missing fields are reported one line each, naming
    the key and the file. Environment variables (DIPNEWS_WAREHOUSE,
    DIPNEWS_GATE__MAX_QUARANTINE_RATIO ...) override the file's keys.

    \b
    Examples:
        dipnews config check
        dipnews config check /etc/dipnews/dipnews.toml
        dipnews --config other.toml config check
    """
    if file is not None:
        ctx.find_root().obj["config"] = file
    model, found = validated_config(ctx)
    settings = settings_from_model(model, found)
    click.echo(f"ok: {found or 'no settings file; embedded defaults'}")
    click.echo(f"  warehouse: {settings.warehouse}")
    for src in settings.sources:
        opts = "".join(f" {k}={v!r}" for k, v in sorted(src.options.items()))
        click.echo(f"  source:    {src.name} ({src.kind}) {src.location}{opts}")
    click.echo(f"  gate:      max_quarantine_ratio={settings.gate.max_quarantine_ratio} "
               f"min_row_ratio={settings.gate.min_row_ratio}")
    click.echo(f"  user_agent: {settings.user_agent}")


def main() -> None:
    cli(obj={})


if __name__ == "__main__":
    main()
