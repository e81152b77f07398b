"""Gunicorn settings for `make serve` (production settings behind a TLS proxy).

Gunicorn reads this file from the working directory; the Makefile passes the address
(--bind $(HOST):$(PORT)) and the number of workers. Every value here can be overridden by
an environment variable named below or by a command-line option.
"""

import os

# trihub (settings, wsgi) lives under site/, like manage.py puts it on the path.
pythonpath = "site"
wsgi_app = "trihub.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")  # loopback: the proxy faces the world
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))

# Trust X-Forwarded-* (the scheme, for SECURE_PROXY_SSL_HEADER) only from the local proxy.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# A request slower than this is stuck (an upload of 10 MB over a slow link stays well below).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5  # the proxy keeps connections open a little longer than this
# Recycle workers now and then so that a slow leak cannot grow without bound.
max_requests = 1000
max_requests_jitter = 500
# Load the application once in the master: a recycled worker starts serving at once
# instead of importing Django while requests queue (measured by bench/load).
preload_app = True

# Access and error logs to stdout/stderr, for the service manager's journal.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()

# Gunicorn 27's control socket defaults to one path per user ($HOME/.gunicorn), which two
# instances would share; nothing here uses it.
control_socket_disable = True

# The longest request line gunicorn reads (its default, 4094, answers 414 in HTML before
# the site sees a search whose text and filters use their whole length in non-ASCII
# letters, about 7,300 bytes percent-encoded). A proxy in front must allow as much.
limit_request_line = 8190
