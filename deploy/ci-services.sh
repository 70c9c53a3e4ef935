#!/usr/bin/env bash
# PostgreSQL and Redis for the distributed tests and CI: install them when missing (Debian
# packages) and start them on 127.0.0.1. Idempotent: a second run changes nothing.
#
#   bash deploy/ci-services.sh                 # install if needed, start both
#   bash deploy/ci-services.sh --install-only  # the binaries only
#
# tests/deploy/test_celery_distributed.py needs only the binaries: it starts its own private
# servers (initdb in a temporary directory, redis-server on a free port), so it never
# depends on, nor changes, the machine's cluster. The servers started here, on the usual
# ports, are for running Airflow by hand against them (docs/deployment.md).
set -euo pipefail

install_only=0
[[ "${1:-}" == "--install-only" ]] && install_only=1

export DEBIAN_FRONTEND=noninteractive
# Debian keeps the server binaries off PATH, one directory per major version: the newest.
pg_bin() { printf '%s\n' /usr/lib/postgresql/*/bin | grep -v '\*' | sort -V | tail -n 1 || true; }

need=()
[[ -n "$(pg_bin)" && -x "$(pg_bin)/initdb" ]] || need+=(postgresql)
command -v redis-server > /dev/null 2>&1 || need+=(redis-server)
if ((${#need[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "ci-services: need ${need[*]}: run as root (apt-get install ${need[*]})" >&2
    exit 1
  fi
  echo "ci-services: installing ${need[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" > /dev/null
fi
((install_only)) && { echo "ci-services: PostgreSQL ($(pg_bin)) and redis-server installed"; exit 0; }

# --- PostgreSQL: the Debian cluster (the machine image ships `15 main`, stopped) --------
version="$(basename "$(dirname "$(pg_bin)")")"
if ! pg_lsclusters -h 2>/dev/null | awk '{print $1, $2}' | grep -q "^$version main$"; then
  pg_createcluster "$version" main > /dev/null
fi
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  pg_ctlcluster "$version" main start
fi
for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
pg_isready -h 127.0.0.1 -p 5432

# --- Redis: loopback only, no persistence (a broker for tests) --------------------------
if ! redis-cli -h 127.0.0.1 -p 6379 ping > /dev/null 2>&1; then
  redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --save '' --appendonly no > /dev/null
fi
for _ in $(seq 30); do redis-cli -h 127.0.0.1 -p 6379 ping > /dev/null 2>&1 && break; sleep 0.5; done
echo "redis 127.0.0.1:6379 - $(redis-cli -h 127.0.0.1 -p 6379 ping)"
