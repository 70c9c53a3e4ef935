# syntax=docker/dockerfile:1
# The dipnews image: the project and its locked dependencies (uv.lock), for every Airflow
# component, the Celery workers and the dashboard (docker-compose.yml).
#
#   docker build -t dipnews:local .
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
# uv from PyPI, pinned: the same resolver that wrote uv.lock.
RUN pip install --no-cache-dir "uv==0.13.9"
ENV UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/opt/dipnews/.venv
WORKDIR /opt/dipnews
# Dependencies first, in their own layer: a code change does not reinstall Airflow.
# Runtime only: neither the dev group (pytest, ruff ...) nor the bench group (spaCy).
COPY pyproject.toml uv.lock README.md ./
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-dev --no-group bench --no-install-project
COPY . .
# The project itself, editable: extract/ finds dbt_project/, seeds/, expectations/ and
# dashboard/ beside it in /opt/dipnews (the paths are relative to the package).
RUN --mount=type=cache,target=/root/.cache/uv \
    uv sync --frozen --no-dev --no-group bench \
 && .venv/bin/python -m compileall -q extract dags dashboard

FROM ${PYTHON_IMAGE}
# Non-root, with Airflow's conventional uid so volumes made by other Airflow images fit.
RUN groupadd --gid 50000 dipnews \
 && useradd --uid 50000 --gid 50000 --home-dir /opt/airflow --create-home --shell /bin/bash dipnews
# The code stays root-owned (read-only to the service user); only these are writable.
# Named volumes mounted on them start with this ownership.
COPY --from=build /opt/dipnews /opt/dipnews
RUN mkdir -p /data/warehouse /opt/airflow/logs /opt/airflow/auth \
 && chown -R dipnews:dipnews /data/warehouse /opt/airflow
ENV PATH=/opt/dipnews/.venv/bin:$PATH \
    AIRFLOW_HOME=/opt/airflow \
    DIPNEWS_WAREHOUSE=/data/warehouse \
    PYTHONUNBUFFERED=1
USER dipnews
WORKDIR /opt/dipnews
EXPOSE 8080 8501
CMD ["dipnews", "--help"]
