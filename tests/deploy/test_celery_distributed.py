"""The distributed configuration, run for real: the nightly DAG under the CeleryExecutor.

What docker-compose.yml ships, minus Docker: PostgreSQL for the metadata database, Redis
as the Celery broker, and the Airflow components as separate processes (api-server,
scheduler, dag-processor, two Celery workers of one slot each). The Airflow settings are not written here a
second time: they are read from the worker service of `docker-compose.yml`, resolved by
Compose itself, and only the service addresses (postgres:5432, redis:6379,
airflow-apiserver:8080) and the paths inside the image are swapped for local ones. The
database is initialised by `deploy/airflow-init.sh`, the script the compose init job runs.

The test logs in with the admin password the init script wrote, triggers
`diplomatic_news_nightly` over the fixture corpus, waits for the run to succeed, checks
that every task went through Celery with the DuckDB writers in the one-slot pool, that
the extraction was mapped over the landing parts and shared by the two workers, that
publish wrote the same marts as `dipnews run` over the same corpus, and that publish's
Asset event ran `dipnews_after_publish`.
It needs the PostgreSQL and Redis server binaries (see deploy_servers.py).
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.deploy.deploy_servers import Postgres, Redis, compose_binary, free_port, tail

pytestmark = [pytest.mark.celery, pytest.mark.timeout(600)]

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
DAG_ID = "diplomatic_news_nightly"
DOWNSTREAM_ID = "dipnews_after_publish"
RUN_ID = "celery_distributed_test"
# Set in the environment of every process this test starts, so that teardown finds them all.
TAG = "DIPNEWS_TEST_PROCESS_TAG"
FIXTURES = ROOT / "tests" / "fixtures" / "articles"
# Generous for 2 cores: the whole test takes about 1.5 min here (the run itself ~40 s).
RUN_TIMEOUT = 360


def compose_airflow_env(pg: Postgres, redis: Redis, api_port: int, tmp: Path) -> dict[str, str]:
    """The worker's environment as docker-compose.yml defines it, with local addresses."""
    env_file = tmp / "compose.env"
    env_file.write_text(
        "\n".join(
            [
                f"POSTGRES_USER={pg.user}",
                f"POSTGRES_DB={pg.dbname}",
                f"POSTGRES_PASSWORD={pg.password}",
                f"REDIS_PASSWORD={redis.password}",
                f"AIRFLOW_FERNET_KEY={_fernet_key()}",
                f"AIRFLOW_JWT_SECRET={secrets.token_hex(32)}",
                f"AIRFLOW_API_SECRET_KEY={secrets.token_hex(32)}",
                f"AIRFLOW_ADMIN_PASSWORD={secrets.token_hex(12)}",
            ]
        )
        + "\n"
    )
    out = subprocess.run(
        [str(compose_binary()), "-f", str(ROOT / "docker-compose.yml"), "--env-file", str(env_file),
         "config", "--format", "json"],
        capture_output=True, text=True, timeout=60, env=_without_deployment_vars(os.environ),
    )
    assert out.returncode == 0, out.stderr
    config = json.loads(out.stdout)
    worker_env: dict[str, str] = config["services"]["airflow-worker"]["environment"]
    init_env: dict[str, str] = config["services"]["airflow-init"]["environment"]
    addresses = {
        "@postgres:5432/": f"@{pg.host}:{pg.port}/",
        "@redis:6379/": f"@{redis.host}:{redis.port}/",
        "http://airflow-apiserver:8080/": f"http://127.0.0.1:{api_port}/",
    }
    env = {}
    for key, value in worker_env.items():
        for service, local in addresses.items():
            value = value.replace(service, local)
        env[key] = value
    # The admin's password is the init job's only (the workers never see it).
    env["AIRFLOW_ADMIN_PASSWORD"] = init_env["AIRFLOW_ADMIN_PASSWORD"]
    leftovers = {k: v for k, v in env.items() if any(h in v for h in ("@postgres:", "@redis:", "airflow-apiserver"))}
    assert not leftovers, f"compose addresses this test does not know how to map: {leftovers}"
    return env


def _fernet_key() -> str:
    from cryptography.fernet import Fernet  # an Airflow dependency

    return Fernet.generate_key().decode()


def _without_deployment_vars(environ: os._Environ | dict[str, str]) -> dict[str, str]:
    """The caller's environment minus anything that would steer Airflow or dipnews.

    `make test` exports AIRFLOW_HOME, AIRFLOW__* and DIPNEWS_WAREHOUSE for the local
    SQLite Airflow; inherited, they would silently mix into this deployment.
    """
    return {
        k: v for k, v in environ.items()
        if not k.startswith(("AIRFLOW", "DIPNEWS_", "POSTGRES_", "REDIS_", "COMPOSE_"))
    }


@pytest.fixture
def airflow_env(postgres_server: Postgres, redis_server: Redis, tmp_path: Path) -> dict[str, str]:
    api_port, health_port = free_port(), free_port()
    env = _without_deployment_vars(os.environ)
    env.update(compose_airflow_env(postgres_server, redis_server, api_port, tmp_path))
    home = tmp_path / "airflow"
    env.update(
        {
            # Paths inside the image, replaced by this checkout's and tmp's.
            "AIRFLOW_HOME": str(home),
            "AIRFLOW__CORE__DAGS_FOLDER": str(ROOT / "dags"),
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE": str(home / "auth" / "passwords.json"),
            "DIPNEWS_WAREHOUSE": str(tmp_path / "warehouse"),
            "AIRFLOW__API__BASE_URL": f"http://127.0.0.1:{api_port}",
            # Loopback only, on ports chosen now (compose's defaults would bind 0.0.0.0:8974).
            "AIRFLOW__SCHEDULER__SCHEDULER_HEALTH_CHECK_SERVER_HOST": "127.0.0.1",
            "AIRFLOW__SCHEDULER__SCHEDULER_HEALTH_CHECK_SERVER_PORT": str(health_port),
            # Two task slots on two cores; a faster scheduler loop for a short test.
            "AIRFLOW__CELERY__WORKER_CONCURRENCY": "2",
            "AIRFLOW__SCHEDULER__SCHEDULER_HEARTBEAT_SEC": "2",
            "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env[TAG] = secrets.token_hex(8)
    env["_API_PORT"] = str(api_port)  # for the test only; Airflow ignores it
    env["_HEALTH_PORT"] = str(health_port)
    home.mkdir()
    return env


class Processes:
    """The Airflow components this test starts; all of them are stopped, always."""

    def __init__(self, env: dict[str, str], logs: Path) -> None:
        self.env, self.logs = env, logs
        self.started: list[tuple[str, subprocess.Popen]] = []

    def start(self, name: str, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
        with (self.logs / f"{name}.log").open("wb") as out:
            # A new session per component: its children (uvicorn workers, Celery pool
            # processes, task runners) can be found and stopped as one group.
            proc = subprocess.Popen(
                [str(BIN / "airflow"), *args], env={**self.env, **(env or {})}, cwd=self.logs,
                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
            )
        self.started.append((name, proc))
        return proc

    def check_alive(self) -> None:
        for name, proc in self.started:
            if proc.poll() is not None:
                pytest.fail(f"airflow {name} exited with {proc.returncode}:\n{tail(self.logs / f'{name}.log')}",
                            pytrace=False)

    def stop_all(self) -> None:
        """Children first, then the components, then anything of this test still alive.

        All components are signalled together and waited for together: one at a time,
        their shutdown grace periods would add up to most of a minute. Each step carries
        on past errors: a teardown that stops half-way leaves servers running.
        """
        import psutil

        running = [proc for _, proc in self.started if proc.poll() is None]
        children: list[psutil.Process] = []
        for proc in running:
            with contextlib.suppress(psutil.Error):
                children += psutil.Process(proc.pid).children(recursive=True)
        for child in children:
            with contextlib.suppress(psutil.Error):
                child.terminate()
        # Short: some children (the scheduler's executor helper, the worker's pool) wait
        # for their parent to say stop, which it does when it gets its own SIGTERM below.
        with contextlib.suppress(psutil.Error):
            psutil.wait_procs(children, timeout=3)
        for proc in running:
            with contextlib.suppress(ProcessLookupError):
                proc.terminate()
        deadline = time.monotonic() + 20
        for proc in running:
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        # Last, every process still carrying this test's tag: Celery respawns pool
        # processes, and a task supervisor runs in a session of its own, so neither the
        # component's children list nor its process group is sure to hold them all.
        for _ in range(10):
            leftovers = tagged_processes(self.env[TAG])
            if not leftovers:
                break
            for leftover in leftovers:
                with contextlib.suppress(psutil.Error):
                    leftover.kill()  # psutil checks the pid was not reused
            with contextlib.suppress(psutil.Error):
                psutil.wait_procs(leftovers, timeout=2)
        for proc in running:
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=5)


def tagged_processes(tag: str) -> list:
    """The live processes whose environment holds this test's tag (all started by it)."""
    import psutil

    found = []
    for candidate in psutil.process_iter():
        with contextlib.suppress(psutil.Error):
            if candidate.pid != os.getpid() and candidate.environ().get(TAG) == tag:
                found.append(candidate)
    return found


@pytest.fixture
def processes(airflow_env: dict[str, str], tmp_path: Path) -> Iterator[Processes]:
    logs = tmp_path / "logs"
    logs.mkdir()
    procs = Processes(airflow_env, logs)
    try:
        yield procs
    finally:
        procs.stop_all()


def airflow_cli(env: dict[str, str], *args: str, timeout: float = 120) -> str:
    out = subprocess.run([str(BIN / "airflow"), *args], env=env, capture_output=True, text=True,
                         timeout=timeout, stdin=subprocess.DEVNULL)
    assert out.returncode == 0, f"airflow {' '.join(args)} failed:\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}"
    return out.stdout


def wait_for(what: str, check, timeout: float, procs: Processes, every: float = 1.0, report=None):
    """Poll `check` until it returns something true; fail on a timeout or a dead component."""
    deadline = time.monotonic() + timeout
    while True:
        procs.check_alive()
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            details = f"\n{report()}" if report else ""
            pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}{details}", pytrace=False)
        time.sleep(every)


def http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=3) as resp:
            return resp.status == 200
    except OSError:
        return False


def api_token(api: str, username: str, password: str) -> str | None:
    """Log in to the api-server as the UI does (simple auth manager): a bearer token, or None."""
    request = urllib.request.Request(
        f"{api}/auth/token", data=json.dumps({"username": username, "password": password}).encode(),
        headers={"Content-Type": "application/json"}, method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as resp:
            return json.load(resp)["access_token"]
    except urllib.error.HTTPError as exc:
        if exc.code == 401:
            return None
        raise


def api_get(url: str, token: str) -> dict:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=10) as resp:
        return json.load(resp)


def query(pg: Postgres, sql: str, params: tuple = ()) -> list[tuple]:
    con = pg.connect()
    try:
        with con.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchall()
    finally:
        con.close()


def failure_report(pg: Postgres, env: dict[str, str], procs: Processes) -> str:
    """Task states, the errors in the task logs and the components' last lines."""
    lines = ["task instances (dag, task, map index, state, try, pool):"]
    for row in query(pg, "SELECT dag_id, task_id, map_index, state, try_number, pool FROM task_instance "
                         "ORDER BY start_date NULLS LAST"):
        lines.append(f"  {row}")
    for label, sql in (
        ("dags (id, paused)", "SELECT dag_id, is_paused FROM dag"),
        ("asset events (uri, from dag, from task)",
         "SELECT a.uri, e.source_dag_id, e.source_task_id FROM asset_event e JOIN asset a ON a.id = e.asset_id"),
    ):
        lines.append(f"{label}: {query(pg, sql)}")
    for name, _ in procs.started:
        lines.append(f"--- airflow {name} (last lines)\n{tail(procs.logs / f'{name}.log', 15)}")
    # Task logs are JSON lines; their error events carry the exception, which is what a
    # reader needs, at the end of the report where pytest shows it.
    task_logs = Path(env["AIRFLOW_HOME"]) / "logs"
    for log in sorted(task_logs.glob("dag_id=*/**/*.log")):
        for line in log.read_text(errors="replace").splitlines():
            with contextlib.suppress(ValueError):
                event = json.loads(line)
                if event.get("level") in ("error", "critical") and event.get("event") != "XCom not found":
                    detail = [f"{d.get('exc_type')}: {d.get('exc_value')}" for d in event.get("error_detail") or []]
                    lines.append(f"--- {log.relative_to(task_logs)}: {event.get('event')} {' / '.join(detail)}")
    return "\n".join(lines)


def dag_run_state(pg: Postgres, dag_id: str, run_id: str | None = None) -> str | None:
    """The state of one run, or of the DAG's latest run."""
    rows = query(pg, "SELECT state FROM dag_run WHERE dag_id = %s AND (%s IS NULL OR run_id = %s) "
                     "ORDER BY id DESC LIMIT 1", (dag_id, run_id, run_id))
    return rows[0][0] if rows else None


def test_nightly_dag_runs_on_celery_with_postgres_and_redis(
    postgres_server: Postgres, airflow_env: dict[str, str], processes: Processes
) -> None:
    env, pg = airflow_env, postgres_server
    started = time.monotonic()
    # Airflow 3 opens an async connection to a Postgres metadata DB as well: without this
    # driver every component dies at import, with a longer story.
    assert importlib.util.find_spec("asyncpg"), (
        "asyncpg is not installed: Airflow 3 needs it for a PostgreSQL metadata database (add it to pyproject.toml)"
    )

    # The compose init job's script: migrate, duckdb_writer pool, admin password.
    init = subprocess.run(["bash", str(ROOT / "deploy" / "airflow-init.sh")], env=env, capture_output=True,
                          text=True, timeout=240, stdin=subprocess.DEVNULL)
    assert init.returncode == 0, f"airflow-init.sh failed:\n{init.stdout[-3000:]}\n{init.stderr[-3000:]}"
    assert query(pg, "SELECT slots FROM slot_pool WHERE pool = 'duckdb_writer'") == [(1,)]
    passwords = json.loads(Path(env["AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE"]).read_text())
    assert passwords == {"admin": env["AIRFLOW_ADMIN_PASSWORD"]}
    initialised = time.monotonic()

    api = f"http://127.0.0.1:{env['_API_PORT']}"
    processes.start("api-server", "api-server", "--host", "127.0.0.1", "--port", env["_API_PORT"], "--workers", "1")
    processes.start("dag-processor", "dag-processor")
    # No log servers: they would listen on every interface, and the task logs are on this
    # disk anyway (in compose, on the shared log volume).
    processes.start("scheduler", "scheduler", "--skip-serve-logs")
    # Two workers, one task slot each, told apart by the hostname their task instances
    # record: the mapped extraction is shared between them.
    for n, worker in enumerate(("worker_one", "worker_two"), start=1):
        processes.start(f"celery-worker-{n}", "celery", "worker", "--skip-serve-logs", "--concurrency", "1",
                        "--celery-hostname", f"{worker}@%h",
                        env={"AIRFLOW__CORE__HOSTNAME_CALLABLE": f"tests.deploy.hostnames.{worker}",
                             "PYTHONPATH": str(ROOT)})

    # What compose's healthchecks probe, probed here the same way.
    wait_for("the api-server's health endpoint", lambda: http_ok(f"{api}/api/v2/monitor/health"), 120, processes)
    wait_for("the scheduler's health endpoint",
             lambda: http_ok(f"http://127.0.0.1:{env['_HEALTH_PORT']}/health"), 120, processes)
    wait_for("the dag-processor to serialise both DAGs",
             lambda: len(query(pg, "SELECT dag_id FROM serialized_dag WHERE dag_id IN (%s, %s)",
                               (DAG_ID, DOWNSTREAM_ID))) == 2, 120, processes)
    # The admin's password from .env (written by airflow-init.sh) opens the API; a wrong one does not.
    assert api_token(api, "admin", "not-the-password") is None
    token = api_token(api, "admin", env["AIRFLOW_ADMIN_PASSWORD"])
    assert token, "the api-server refused the admin password that airflow-init.sh wrote"
    assert api_get(f"{api}/api/v2/pools/duckdb_writer", token)["slots"] == 1

    # The nightly DAG is unpaused on its real schedule. Should the scheduler's next cron run
    # fall due while this test runs (a timetable that runs the missed interval at once,
    # or a test started just before 02:00 UTC), it would run with the default sources;
    # then our run takes that slot's logical date, so the cron run is not created.
    # ([scheduler] use_job_schedule=False would also stop the Asset-triggered downstream
    # run, which this test checks.) The dag-processor wrote next_dagrun with the DAG.
    [(next_run, create_after)] = query(
        pg, "SELECT next_dagrun, next_dagrun_create_after FROM dag WHERE dag_id = %s", (DAG_ID,))
    due_soon = create_after is not None and create_after.timestamp() < time.time() + RUN_TIMEOUT + 300
    slot = ["-l", next_run.isoformat()] if due_soon else []
    conf = {"sources": [str(FIXTURES)], "full_history": True}
    airflow_cli(env, "dags", "trigger", DAG_ID, "-r", RUN_ID, *slot, "-c", json.dumps(conf))
    # Both DAGs start paused (as in compose): the nightly one and the one its Asset triggers.
    airflow_cli(env, "dags", "unpause", "--treat-dag-id-as-regex", "-y", f"^({DAG_ID}|{DOWNSTREAM_ID})$")
    triggered = time.monotonic()

    def finished() -> str | None:
        state = dag_run_state(pg, DAG_ID, RUN_ID)
        if state in ("success", "failed"):
            return state
        # Fail fast: over a local corpus a retry means a bug, and waiting out retry_delay
        # would only make the failure slower.
        if query(pg, "SELECT 1 FROM task_instance WHERE dag_id = %s AND run_id = %s "
                     "AND state IN ('up_for_retry', 'failed', 'upstream_failed')", (DAG_ID, RUN_ID)):
            return "failed"
        return None

    state = wait_for(f"run {RUN_ID} to finish", finished, RUN_TIMEOUT, processes, every=2,
                     report=lambda: failure_report(pg, env, processes))
    run_seconds = time.monotonic() - triggered
    assert state == "success", failure_report(pg, env, processes)
    assert [r[0] for r in query(pg, "SELECT run_id FROM dag_run WHERE dag_id = %s", (DAG_ID,))] == [RUN_ID]

    # Every task instance went through Celery (the scheduler records the Celery task id)
    # and exactly the DuckDB writers ran in the one-slot pool.
    tis = query(pg, "SELECT task_id, state, pool, external_executor_id, map_index, hostname FROM task_instance "
                    "WHERE dag_id = %s AND run_id = %s", (DAG_ID, RUN_ID))
    assert {t[0] for t in tis} >= {"start", "pull", "land", "extract", "extracted", "dbt_build", "validate",
                                   "publish"}
    assert all(t[1] == "success" for t in tis), tis
    assert all(t[3] for t in tis), f"tasks without a Celery task id: {tis}"
    assert {t[0] for t in tis if t[2] == "duckdb_writer"} == {"dbt_build", "validate", "publish"}
    # Extraction is mapped over the landing parts (one task each, each writing its own
    # Parquet), each task queued on its own for any worker, and the run was shared by the
    # two workers. Which worker takes which mapped task is Celery's choice: over this small
    # corpus a part extracts in about a second, so a worker still winding up `land` can see
    # all of them taken by the other one (it happened), and that is no failure.
    extract_tis = [t for t in tis if t[0] == "extract"]
    parts = len(list((Path(env["DIPNEWS_WAREHOUSE"]) / "landing" / "articles").glob("source=*/*/part-*.parquet")))
    assert len(extract_tis) == parts > 1, extract_tis
    assert {t[4] for t in extract_tis} == set(range(parts))
    assert len({t[3] for t in extract_tis}) == parts, f"mapped tasks sharing a Celery task: {extract_tis}"
    hosts = {t[5] for t in extract_tis}
    assert {h.rsplit("-worker-", 1)[-1] for h in hosts} <= {"one", "two"}, extract_tis
    assert {t[5].rsplit("-worker-", 1)[-1] for t in tis} == {"one", "two"}, tis

    published = Path(env["DIPNEWS_WAREHOUSE"]) / "diplomacy.duckdb"
    assert published.is_file(), f"publish did not write {published}"
    import duckdb

    with duckdb.connect(str(published), read_only=True) as con:
        visits = con.execute("SELECT count(*) FROM marts.fct_visits").fetchone()[0]
    assert visits > 0, "marts.fct_visits is empty"

    # The same corpus through the CLI (its local process pool) gives the same marts.
    from click.testing import CliRunner

    from extract.cli import cli
    from tests.contract import marts_snapshot

    cli_warehouse = Path(env["DIPNEWS_WAREHOUSE"]).parent / "cli-warehouse"
    result = CliRunner().invoke(cli, ["run", "--source", str(FIXTURES), "--warehouse", str(cli_warehouse)], obj={})
    assert result.exit_code == 0, result.output
    assert marts_snapshot(published, bookkeeping=False) == marts_snapshot(
        cli_warehouse / "diplomacy.duckdb", bookkeeping=False)

    # publish's Asset event reaches the downstream DAG through the scheduler, and that DAG
    # runs on the worker too.
    def downstream_finished() -> str | None:
        state = dag_run_state(pg, DOWNSTREAM_ID)
        return state if state in ("success", "failed") else None

    downstream = wait_for(f"{DOWNSTREAM_ID} to run on the Asset event", downstream_finished, 120, processes,
                          every=2, report=lambda: failure_report(pg, env, processes))
    assert downstream == "success", failure_report(pg, env, processes)

    print(f"\ncelery: init {initialised - started:.0f} s, components up and run triggered "
          f"{triggered - initialised:.0f} s, run {run_seconds:.0f} s, whole test {time.monotonic() - started:.0f} s; "
          f"{len(tis)} task instances ({parts} mapped extraction tasks on {len(hosts)} workers), "
          f"{visits} visits published")
