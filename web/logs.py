"""What the site's log lines carry (the configuration is `LOGGING` in settings/base.py):
one line per event, JSON in production, with the time, level, logger and request id
(django-guid's `X-Request-ID`, "-" outside a request, as in the task worker)."""

import logging


class ClientErrorWithoutTraceback(logging.Filter):
    """A request with a wrong `Host` is the client's error, not the site's: Django logs it
    as an ERROR with the whole traceback; it becomes one WARNING line."""

    def filter(self, record):
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        if record.levelno > logging.WARNING:
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True
