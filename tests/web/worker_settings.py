"""Settings of a worker process started by `test_worker_outage.py`: the test settings
with a database queue, on the test's own database, its connections named so that the
test can cut them, and a quick heartbeat."""

import os

from trihub.settings.test import *  # noqa: F403
from trihub.settings.test import DATABASES

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
DATABASES["default"]["NAME"] = os.environ["WORKER_TEST_DATABASE"]
DATABASES["default"].setdefault("OPTIONS", {})["application_name"] = "trihub-worker-test"
WORKER_HEARTBEAT_SECONDS = 1
WORKER_HOUSEKEEPING_SECONDS = 1
LOGGING["root"]["level"] = "INFO"  # noqa: F405
