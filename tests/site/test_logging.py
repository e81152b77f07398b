"""The site's log lines (settings `LOGGING`, web/logs.py): one JSON line per event with
the time, level, logger and request id; a wrong Host is one warning, without traceback;
the engine clients' chatter stays below WARNING."""

import copy
import datetime
import io
import json
import logging
import logging.config

import pytest
from django.conf import settings

from trihub.settings import base

pytestmark = pytest.mark.django_db


@pytest.fixture
def log_lines():
    """The production logging configuration, writing to a buffer: its lines, parsed."""
    buffer = io.StringIO()
    config = copy.deepcopy(base.LOGGING)
    config["formatters"]["site"] = copy.deepcopy(base.LOG_FORMATS["json"])
    config["handlers"]["console"]["stream"] = buffer
    logging.config.dictConfig(config)

    def lines():
        return [json.loads(line) for line in buffer.getvalue().splitlines()]

    yield lines
    logging.config.dictConfig(settings.LOGGING)


def test_a_request_logs_json_lines_with_its_request_id(client, log_lines):
    response = client.get("/", HTTP_X_REQUEST_ID="5f0c3b2e9c1d4e8fa3b2c1d0e9f8a7b6")
    assert response["X-Request-ID"] == "5f0c3b2e9c1d4e8fa3b2c1d0e9f8a7b6"
    logging.getLogger("web.test").warning("hors requête")
    response = client.get("/pas-de-page-ici/")
    assert response.status_code == 404
    lines = log_lines()
    assert lines, "nothing logged"
    for line in lines:
        assert {"time", "level", "logger", "request_id", "message"} <= set(line), line
    # ISO 8601 in UTC, with its offset.
    assert datetime.datetime.fromisoformat(lines[0]["time"]).utcoffset() == datetime.timedelta(0)
    outside = next(line for line in lines if line["message"] == "hors requête")
    assert outside["level"] == "WARNING" and outside["logger"] == "web.test"
    not_found = next(line for line in lines if line["logger"] == "django.request")
    assert not_found["level"] == "WARNING" and len(not_found["request_id"]) == 32


def test_an_invalid_request_id_is_replaced(client):
    response = client.get("/", HTTP_X_REQUEST_ID="<script>")
    assert response["X-Request-ID"] != "<script>" and len(response["X-Request-ID"]) == 32


def test_a_wrong_host_is_one_warning_without_traceback(client, log_lines):
    assert client.get("/", HTTP_HOST="evil.example.net").status_code == 400
    lines = [line for line in log_lines() if line["logger"] == "django.security.DisallowedHost"]
    assert len(lines) == 1
    assert lines[0]["level"] == "WARNING"
    assert "evil.example.net" in lines[0]["message"]
    assert "exc_info" not in lines[0] and "Traceback" not in json.dumps(lines[0])


def test_the_engine_clients_chatter_is_not_logged(log_lines):
    for name in ("opensearch", "elastic_transport.transport"):
        logging.getLogger(name).info("POST http://127.0.0.1:9200/_bulk [status:200]")
        logging.getLogger(name).warning("engine warning")
    messages = [line["message"] for line in log_lines()]
    assert messages == ["engine warning", "engine warning"]
