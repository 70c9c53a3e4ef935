"""Hostnames for the two Celery workers of the distributed test.

Both workers run on this machine, so the hostname each task instance records would be
the same; each worker's ``AIRFLOW__CORE__HOSTNAME_CALLABLE`` points at one of these, and
the test tells from ``task_instance.hostname`` which worker ran which mapped task.
"""

import socket


def worker_one() -> str:
    return f"{socket.gethostname()}-worker-one"


def worker_two() -> str:
    return f"{socket.gethostname()}-worker-two"
