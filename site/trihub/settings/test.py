"""Test settings: fast hashing, in-memory mail, the same database options as dev."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TRIHUB_DEMO_ACCOUNTS_ALLOWED = True
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# No collectstatic before tests: WhiteNoise finds static files where they live, like in dev.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Each test process keeps its caches in memory; tests clear them between tests.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}

# Search statistics are written only when a test (or an admin report) calls flush(): a
# flush due in the middle of another test would add queries to its pinned counts, and one
# at exit would run after the test database is gone.
SEARCH_STATISTICS_FLUSH_SECONDS = None
SEARCH_STATISTICS_FLUSH_AT_EXIT = False
