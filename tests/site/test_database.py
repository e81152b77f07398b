"""Which database the suite runs on, so the CI log says it."""

from django.db import connection


def test_report_database_vendor(db, record_property):
    record_property("database", connection.vendor)
    print(f"Database under test: {connection.vendor} {connection.Database.__name__}")
    assert connection.vendor in {"sqlite", "postgresql"}
