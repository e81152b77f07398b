"""Tasks for the worker's tests (`test_worker.py`): importable by path, as the worker
finds a task."""

from django.db import OperationalError
from django_tasks import task

from web.models import DatabaseRole

# How many times `flaky_database` failed before it worked; per process.
failures = {"left": 0}


@task()
def record(role):
    DatabaseRole.objects.create(role=role)
    return role


@task()
def flaky_database(role):
    """Fails as a database gone away would, as often as `failures["left"]` says."""
    if failures["left"] > 0:
        failures["left"] -= 1
        raise OperationalError("server closed the connection unexpectedly")
    DatabaseRole.objects.create(role=role)
    return role


@task()
def broken(role):
    raise ValueError(f"a bug in the task ({role})")


@task()
def stopped(role):
    """As if the worker were told to stop twice in the middle of it."""
    raise SystemExit(1)


@task()
def slow_record(role):
    """Long enough for a test to cut its connection in the middle (PostgreSQL)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(3)")
    DatabaseRole.objects.create(role=role)
    return role
