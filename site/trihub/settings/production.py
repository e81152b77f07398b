"""Production: everything secret or host-specific comes from the environment."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, SECRET_KEY, STORAGES, env_bool, env_int, env_list

DEBUG = False

# As `check --deploy` wants it (security.W009): 50 characters, 5 of them different.
if (
    not SECRET_KEY
    or SECRET_KEY.startswith(("dev-only", "test-only", "django-insecure"))
    or len(SECRET_KEY) < 50
    or len(set(SECRET_KEY)) < 5
):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters in production "
        "(e.g. openssl rand -base64 48)."
    )
# No default here: the hosts must be named explicitly.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must list the site's host names (comma-separated) in production."
    )

# Origins (scheme://host) allowed to POST forms besides the site's own host, e.g. when the
# TLS proxy rewrites the Host header; usually empty.
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Served over plain HTTP on loopback behind a TLS proxy that sets X-Forwarded-Proto (and
# strips any X-Forwarded-Proto a client sent). SECURE_SSL_REDIRECT=false only to try the
# production settings locally without the proxy.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Only allows a submission to the browsers' preload list (hstspreload.org), which stays a
# separate, deliberate step; SECURE_HSTS_PRELOAD=false leaves the directive out.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views answer SAMEORIGIN themselves.

# Cookies only over HTTPS and out of reach of scripts. The CSRF cookie stays readable: API
# clients copy it into the X-CSRFToken header (Django: HttpOnly would add nothing there).
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True

# Hashed, compressed static files served by WhiteNoise (run collectstatic first): far-future
# caching is safe because a changed file gets a new name.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
TRIHUB_DEMO_ACCOUNTS_ALLOWED = False
TRIHUB_PRODUCTION = True

# A gunicorn worker serves one request at a time: keeping its connection spares a
# reconnection per request and, on SQLite, keeps the connection's cache warm.
# CONN_MAX_AGE=0 closes it after each request.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 600)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
