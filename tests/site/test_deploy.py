"""Production serving: `check --deploy` is clean, gunicorn + WhiteNoise serve hashed, compressed
static files, and every response carries the security headers.

These run the production settings in subprocesses (they refuse to load without a real
environment), with a throw-away SQLite file and static folder.
"""

import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HOST = "tri.example.org"


def production_env(tmp_path):
    """A realistic production environment, without anything inherited that would change it."""
    inherited = {
        key: value
        for key, value in os.environ.items()
        if key in {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "PYTHONPATH"}
    }
    return {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "trihub.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "TRIHUB_VAR_DIR": str(tmp_path),
        "STATIC_ROOT": str(tmp_path / "static"),
        "EMAIL_HOST": "smtp.example.org",
        "EMAIL_PORT": "587",
        "EMAIL_USE_TLS": "true",
        "DEFAULT_FROM_EMAIL": f"TRI <noreply@{HOST}>",
        "WAGTAILADMIN_BASE_URL": f"https://{HOST}",
    }


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def test_check_deploy_reports_no_issue(tmp_path):
    result = manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """gunicorn with gunicorn.conf.py and the production settings, after collectstatic."""
    tmp_path = tmp_path_factory.mktemp("serve")
    env = production_env(tmp_path)
    collected = manage(env, "collectstatic", "--noinput")
    assert collected.returncode == 0, collected.stderr
    port = free_port()
    log = (tmp_path / "gunicorn.log").open("w")
    process = subprocess.Popen(
        [Path(sys.executable).with_name("gunicorn"), "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env={**env, "GUNICORN_WORKERS": "1"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert process.poll() is None, (tmp_path / "gunicorn.log").read_text()
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.2)
        yield {"port": port, "static_root": tmp_path / "static"}
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def get(server, path, headers=()):
    """GET through gunicorn as the TLS proxy would send it (Host, X-Forwarded-Proto)."""
    connection = http.client.HTTPConnection("127.0.0.1", server["port"], timeout=30)
    connection.request("GET", path, headers={"Host": HOST, **dict(headers)})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


HTTPS = {"X-Forwarded-Proto": "https"}


def test_static_files_are_hashed_compressed_and_cached_one_year(server):
    manifest = json.loads((server["static_root"] / "staticfiles.json").read_text())["paths"]
    for name in ("css/site.css", "js/suggest.js", "wagtailadmin/css/core.css"):
        hashed = manifest[name]
        assert hashed != name
        response, body = get(server, f"/static/{hashed}", {**HTTPS, "Accept-Encoding": "gzip"})
        assert response.status == 200, name
        assert response.getheader("Content-Encoding") == "gzip"
        # One year, as the README says (WhiteNoise alone sends ten).
        assert response.getheader("Cache-Control") == "max-age=31536000, public, immutable"
        assert response.getheader("Strict-Transport-Security")


def test_pages_link_hashed_static_files_and_send_security_headers(server):
    # The API docs page needs no database, so the server can run on an empty one.
    response, body = get(server, "/api/v1/docs", HTTPS)
    assert response.status == 200, body[:2000]
    html = body.decode()
    assert "/static/ninja/swagger-ui." in html and "swagger-ui.css" not in html

    assert response.getheader("Strict-Transport-Security") == (
        "max-age=31536000; includeSubDomains; preload"
    )
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("Referrer-Policy") == "same-origin"
    assert response.getheader("Cross-Origin-Opener-Policy") == "same-origin"
    assert response.getheader("X-Frame-Options") == "DENY"
    policy = response.getheader("Content-Security-Policy")
    assert "default-src 'self'" in policy and "object-src 'none'" in policy


def test_plain_http_is_redirected_to_https(server):
    response, _ = get(server, "/api/v1/docs")
    assert response.status == 301
    assert response.getheader("Location") == f"https://{HOST}/api/v1/docs"
