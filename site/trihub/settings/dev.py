"""Local development: debug on, mail written to files, demo accounts allowed."""

from .base import *  # noqa: F403
from .base import LOG_FORMATS, LOGGING, VAR_DIR, env_str

DEBUG = True
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "mail"
TRIHUB_DEMO_ACCOUNTS_ALLOWED = True

# The embedded database and dev mail live in var/; make sure it exists.
VAR_DIR.mkdir(parents=True, exist_ok=True)

# Log lines for people: LOG_FORMAT=json to see what production writes.
LOGGING["formatters"]["site"] = LOG_FORMATS[env_str("LOG_FORMAT", "text")]
