"""Fixtures of the deployment tests: private PostgreSQL and Redis servers (deploy_servers.py)."""

from tests.deploy.deploy_servers import postgres_server, redis_server  # noqa: F401  (fixtures)
