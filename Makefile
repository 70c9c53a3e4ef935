# dipnews: two commands do all the set-up: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
ROOT := $(abspath .)
UV := $(shell command -v uv 2>/dev/null || echo python3 -m uv)
VENV := $(ROOT)/.venv
BIN := $(VENV)/bin
WAREHOUSE ?= $(ROOT)/warehouse

# A project-local Airflow: SQLite metadata under .airflow/, our DAGs only.
export AIRFLOW_HOME := $(ROOT)/.airflow
export AIRFLOW__CORE__DAGS_FOLDER := $(ROOT)/dags
export AIRFLOW__CORE__LOAD_EXAMPLES := False
export AIRFLOW__CORE__PARALLELISM := 4
export AIRFLOW__COSMOS__ENABLE_CACHE_DBT_LS := False
# `make airflow` listens on this machine only (standalone binds 0.0.0.0 otherwise).
AIRFLOW_PORT ?= 8080
export AIRFLOW__API__HOST := 127.0.0.1
export AIRFLOW__API__PORT := $(AIRFLOW_PORT)
export AIRFLOW__API__BASE_URL := http://127.0.0.1:$(AIRFLOW_PORT)
export AIRFLOW__CORE__EXECUTION_API_SERVER_URL := http://127.0.0.1:$(AIRFLOW_PORT)/execution/
export DIPNEWS_WAREHOUSE := $(WAREHOUSE)

.PHONY: help install run test eval lint airflow airflow-stop bench bench-full bench-1m docs audit clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml uv.lock
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	$(UV) sync --frozen
	@touch $@

install: $(VENV)/.installed  ## create .venv from uv.lock

$(AIRFLOW_HOME)/.migrated: $(VENV)/.installed
	@mkdir -p $(AIRFLOW_HOME)
	$(BIN)/airflow db migrate > $(AIRFLOW_HOME)/migrate.log 2>&1 || (cat $(AIRFLOW_HOME)/migrate.log; exit 1)
	$(BIN)/airflow pools set duckdb_writer 1 "single DuckDB writer" > /dev/null
	@touch $@

run: $(AIRFLOW_HOME)/.migrated  ## install, then run the nightly DAG once over the bundled sample corpus
	@echo "running diplomatic_news_nightly through Airflow (airflow dags test) ..."
	$(BIN)/airflow dags test diplomatic_news_nightly -c '{"full_history": true}' > $(AIRFLOW_HOME)/last-run.log 2>&1 \
		|| (tail -n 60 $(AIRFLOW_HOME)/last-run.log; echo "the run failed: full log in $(AIRFLOW_HOME)/last-run.log"; \
		    $(BIN)/dipnews status -n 1; exit 1)
	@$(BIN)/dipnews status -n 1 --summary

test: $(VENV)/.installed  ## install, then run the whole test suite
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Gold sets scored by `make eval`, in this order: the sample corpus, then the news sets
# (the held-out sets first: blind, heldout). A news set is tests/gold/<set>/ +
# tests/gold/<set>.jsonl; one whose gold file is missing is skipped with a note (the blind
# set lands separately).
EVAL_NEWS_SETS := blind heldout news dev

eval: $(VENV)/.installed  ## precision/recall per event type on every gold set: sample, blind, heldout, news, dev (runs the extractor on each corpus)
	@echo "== gold set: sample (seeds/articles, tests/gold/sample.jsonl) =="
	@$(BIN)/python -m extract.evaluate --articles seeds/articles --gold tests/gold/sample.jsonl
	@for set in $(EVAL_NEWS_SETS); do \
		echo; \
		if [ -f tests/gold/$$set.jsonl ] && [ -d tests/gold/$$set ]; then \
			echo "== gold set: $$set (tests/gold/$$set/, tests/gold/$$set.jsonl) =="; \
			$(BIN)/python -m extract.evaluate --articles tests/gold/$$set --gold tests/gold/$$set.jsonl || exit 1; \
		else \
			echo "== gold set: $$set: skipped, tests/gold/$$set.jsonl or tests/gold/$$set/ is not present =="; \
		fi; \
	done
	@if [ -f $(WAREHOUSE)/diplomacy.duckdb ]; then echo "== published warehouse vs sample gold (after dedup) =="; \
		$(BIN)/dipnews eval --warehouse $(WAREHOUSE) --gold tests/gold/sample.jsonl; fi

lint: $(VENV)/.installed  ## ruff
	$(BIN)/ruff check .

airflow: $(AIRFLOW_HOME)/.migrated  ## start `airflow standalone` on 127.0.0.1:8080 (AIRFLOW_PORT=...), our DAGs unpaused
	@if [ -f $(AIRFLOW_HOME)/standalone.pid ] && kill -0 $$(cat $(AIRFLOW_HOME)/standalone.pid) 2>/dev/null; then \
		echo "already running (pid $$(cat $(AIRFLOW_HOME)/standalone.pid))"; exit 0; fi
	@# standalone starts its components as `airflow ...` subprocesses: the venv must be on PATH.
	@# In a session (and process group) of its own, so that airflow-stop can end all of it.
	@PATH="$(BIN):$$PATH" AIRFLOW__CORE__PARALLELISM=2 setsid nohup $(BIN)/airflow standalone > $(AIRFLOW_HOME)/standalone.log 2>&1 & echo $$! > $(AIRFLOW_HOME)/standalone.pid
	@up=0; for i in $$(seq 120); do curl -sf http://127.0.0.1:$(AIRFLOW_PORT)/api/v2/monitor/health > /dev/null && { up=1; break; }; sleep 1; done; \
	if [ $$up -ne 1 ]; then echo "Airflow did not come up in 120 s; see $(AIRFLOW_HOME)/standalone.log"; $(MAKE) --no-print-directory airflow-stop; exit 1; fi
	@# Unpaused once the API answers (a triggered run then runs instead of sitting queued). Not
	@# AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION=False: the scheduler would start the latest
	@# interval's run while the API server is still starting, and its first task would time out.
	@for i in $$(seq 60); do $(BIN)/airflow dags list -o plain 2>/dev/null | grep -q diplomatic_news_nightly && break; sleep 1; done
	@for d in diplomatic_news_nightly dipnews_after_publish; do $(BIN)/airflow dags unpause $$d > /dev/null 2>&1 || true; done
	@echo "Airflow is up: http://127.0.0.1:$(AIRFLOW_PORT) (this machine only)"
	@echo "login: $$($(BIN)/python -c 'import json,sys; d=json.load(open(sys.argv[1])); print(", ".join(f"user {u}, password {p}" for u, p in d.items()))' $(AIRFLOW_HOME)/simple_auth_manager_passwords.json.generated 2>/dev/null || echo 'see $(AIRFLOW_HOME)/standalone.log')"
	@echo "trigger a run over the whole corpus:"
	@echo "  AIRFLOW_HOME=$(AIRFLOW_HOME) $(BIN)/airflow dags trigger diplomatic_news_nightly --conf '{\"full_history\": true}'"
	@echo "watch it: the Dags page in the UI, or"
	@echo "  AIRFLOW_HOME=$(AIRFLOW_HOME) $(BIN)/airflow dags list-runs diplomatic_news_nightly"
	@echo "stop it with: make airflow-stop"

airflow-stop:  ## stop `make airflow`: every process of its process group, then wait for them
	@if [ -f $(AIRFLOW_HOME)/standalone.pid ]; then pid=$$(cat $(AIRFLOW_HOME)/standalone.pid); \
		kill -TERM -- -$$pid 2>/dev/null; \
		for i in $$(seq 30); do pgrep -g $$pid > /dev/null || break; sleep 1; done; \
		pgrep -g $$pid > /dev/null && kill -KILL -- -$$pid 2>/dev/null; \
		rm -f $(AIRFLOW_HOME)/standalone.pid; echo "stopped"; else echo "not running"; fi

bench: $(VENV)/.installed  ## benchmarks at 1k and 10k articles (figures to bench/results/)
	$(BIN)/python -m bench.run --sizes 1000,10000

bench-full: $(VENV)/.installed  ## benchmarks including 100k articles
	$(BIN)/python -m bench.run --sizes 1000,10000,100000 --incremental

bench-1m: $(VENV)/.installed  ## 10k, 100k and 1M articles stage by stage, then a 1k night on 1M beside one on empty (~45 min on 2 idle cores)
	$(BIN)/python -m bench.run --sizes 10000,100000,1000000 --incremental --no-baselines

docs: $(VENV)/.installed  ## dbt docs generate (into warehouse/work/dbt_target)
	$(BIN)/dipnews build && cd dbt_project && DIPNEWS_WAREHOUSE=$(WAREHOUSE) DIPNEWS_BUILD_DB=$(WAREHOUSE)/work/build.duckdb \
		$(BIN)/dbt docs generate --profiles-dir . --target-path $(WAREHOUSE)/work/dbt_target

audit: $(VENV)/.installed  ## pip-audit of the locked requirements (needs internet access to the advisory services)
	$(UV) export --frozen --no-hashes --format requirements-txt > $(ROOT)/.audit-requirements.txt
	$(UV) tool run pip-audit -r $(ROOT)/.audit-requirements.txt --no-deps --disable-pip

clean:  ## remove the warehouse, Airflow home and caches (not .venv)
	rm -rf warehouse .airflow .pytest_cache dbt_project/target dbt_project/logs .audit-requirements.txt
