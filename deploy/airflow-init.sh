#!/usr/bin/env bash
# One-off initialisation of an Airflow deployment of dipnews; idempotent, so it can run
# on every `docker compose up` (the airflow-init service) and before every distributed
# test run (tests/deploy/test_celery_distributed.py runs this very script).
#
#  1. migrate the metadata database (creates it on first run, upgrades it after an upgrade);
#  2. create the one-slot `duckdb_writer` pool: DuckDB allows a single writing process per
#     file, so every task that writes the build database queues on this pool;
#  3. with AIRFLOW_ADMIN_PASSWORD set, write the admin's password where the simple auth
#     manager reads it ([core] simple_auth_manager_passwords_file), so the password comes
#     from .env instead of being generated and printed into the api-server's log.
set -euo pipefail

airflow db migrate
airflow pools set duckdb_writer 1 "single DuckDB writer: dbt build, validate, publish"

if [[ -n "${AIRFLOW_ADMIN_PASSWORD:-}" ]]; then
  passwords_file="${AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE:-${AIRFLOW_HOME:-$HOME/airflow}/simple_auth_manager_passwords.json.generated}"
  mkdir -p "$(dirname "$passwords_file")"
  # Python, not echo: it escapes the password as JSON whatever characters it holds, and the
  # file is created private (umask) because the simple auth manager stores it in clear.
  (umask 077 && python - "$passwords_file" <<'PY'
import json
import os
import sys

user = os.environ.get("AIRFLOW_ADMIN_USER") or "admin"
with open(sys.argv[1], "w", encoding="utf-8") as fh:
    json.dump({user: os.environ["AIRFLOW_ADMIN_PASSWORD"]}, fh)
    fh.write("\n")
PY
  )
  echo "airflow-init: password of Airflow user '${AIRFLOW_ADMIN_USER:-admin}' set from AIRFLOW_ADMIN_PASSWORD"
fi
echo "airflow-init: database migrated, pool duckdb_writer (1 slot) in place"
