"""Browser tests: the real site, served by runserver with its task worker, driven by Chromium.

A session fixture builds a throw-away site (temporary TRIHUB_VAR_DIR, dev settings: SQLite,
emails written to files, demo content and accounts), starts `runserver` and `run_worker` on a
free loopback port and stops both at the end, also when a test fails. Chromium is Debian's
(/usr/bin/chromium, or CHROMIUM_PATH): Playwright never downloads a browser here.

Not collected by the default `pytest` run (see `--ignore=tests/browser` in pyproject.toml):
run them with `make test-browser`.
"""

import base64
import hashlib
import hmac
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "test-results"
AXE_SCRIPT = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_PASSWORD = "tri-demo-2026"
# The staff demo accounts' authenticator secret (demo/accounts.py, README).
DEMO_TOTP_SECRET = "TRIDEMOTRIDEMOTRIDEMOTRIDEMOTRID"
# The OpenID Connect provider started beside the site (tools/oidc-provider): its client, and
# its agents (username, email, password, last name), with a demo staff account's address
# and a holder's.
OIDC_PROVIDER = ROOT / "tools" / "oidc-provider" / "serve.py"
OIDC_PROVIDER_ID = "proconnect"
OIDC_CLIENT_ID, OIDC_CLIENT_SECRET = "tri-browser-tests", "tri-browser-tests-secret"
OIDC_AGENT_PASSWORD = "agent-2026"
OIDC_STAFF_AGENT = ("agent-coordination", "coordination@example.org")
OIDC_HOLDER_AGENT = ("agent-porteur", "porteur@example.org")
# Staff pages are slow to render on a busy machine; nothing here waits on purpose.
expect.set_options(timeout=20_000)


class Site:
    """The running site: its address, its files and the emails it wrote."""

    def __init__(self, url, var_dir, env, log):
        self.url = url
        self.var_dir = var_dir
        self.mail_dir = var_dir / "mail"
        self._env, self._log = env, log

    def manage(self, *args):
        """Run a manage.py command against the running site's database."""
        _manage(self._env, self._log, *args)

    def emails_to(self, address):
        """Every email written for this address so far (the file backend's messages)."""
        if not self.mail_dir.exists():
            return []
        found = []
        for path in sorted(self.mail_dir.glob("*.log"), key=lambda p: p.stat().st_mtime):
            # One file per connection; messages are separated by a line of 79 dashes.
            for message in path.read_text(errors="replace").split("-" * 79):
                if re.search(rf"^To: .*{re.escape(address)}", message, re.MULTILINE):
                    found.append(message)
        return found

    def wait_for_link(self, address, pattern, containing="", timeout=30):
        """The first link matching `pattern` in an email to `address` (that contains the
        text `containing`), waiting for it: the task worker sends notifications."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in self.emails_to(address):
                if containing not in message:
                    continue
                match = re.search(pattern, message)
                if match:
                    return match.group(0)
            time.sleep(0.5)
        raise AssertionError(f"no email to {address} with a link matching {pattern!r}")


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _manage(env, log, *args):
    with log.open("a") as out:
        out.write(f"$ manage.py {' '.join(args)}\n")
        out.flush()
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    if result.returncode:
        pytest.exit(f"manage.py {' '.join(args)} failed: see {log}", returncode=1)


def _start(env, log, *args):
    # Own process group, so that stopping it also stops anything it started.
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _stop(process):
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _wait_until_up(url, server, log, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.exit(f"the server stopped at start-up: see {log}", returncode=1)
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    pytest.exit(f"the server did not answer within {timeout} s: see {log}", returncode=1)


def _start_oidc_provider(env, log, site_url):
    """The OpenID Connect provider (tools/oidc-provider) on a free loopback port, its one
    client allowed to come back to the site's callback; returns it and its issuer."""
    port = _free_port()
    agents = [OIDC_STAFF_AGENT, OIDC_HOLDER_AGENT]
    users = [f"--user={name},{email},{OIDC_AGENT_PASSWORD},Public" for name, email in agents]
    provider = subprocess.Popen(
        [
            sys.executable,
            str(OIDC_PROVIDER),
            f"--port={port}",
            f"--redirect-uri={site_url}/compte/oidc/{OIDC_PROVIDER_ID}/login/callback/",
            f"--client-id={OIDC_CLIENT_ID}",
            f"--client-secret={OIDC_CLIENT_SECRET}",
            *users,
        ],
        cwd=ROOT,
        env={name: value for name, value in env.items() if name != "DJANGO_SETTINGS_MODULE"},
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    return provider, f"http://127.0.0.1:{port}/o"


@pytest.fixture(scope="session")
def site():
    RESULTS.mkdir(exist_ok=True)
    logs = RESULTS / "logs"
    logs.mkdir(exist_ok=True)
    var_dir = Path(tempfile.mkdtemp(prefix="trihub-browser-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "trihub.settings.dev",
        "TRIHUB_VAR_DIR": str(var_dir),
        # The real limits stay on: normal use must not hit them.
        "RATELIMITS_ENABLED": "true",
        "PYTHONUNBUFFERED": "1",
        # A run lasts minutes, not two days: the statistics walk's words show in the reports
        # from three searches of the same day (search/query_privacy.py; the unit tests
        # check the two days).
        "SEARCH_STATISTICS_TWO_DAYS": "false",
    }
    for name in ("DATABASE_URL", "SEARCH_URL", "EMAIL_BACKEND", "PRIVATE_MEDIA_ROOT"):
        env.pop(name, None)
    for name in [name for name in env if name.startswith("OIDC_")]:
        env.pop(name)
    setup_log = logs / "setup.log"
    setup_log.write_text("")
    _manage(env, setup_log, "migrate", "--noinput")
    _manage(env, setup_log, "load_demo")

    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env["WAGTAILADMIN_BASE_URL"] = url
    provider_log = logs / "oidc-provider.log"
    provider, issuer = _start_oidc_provider(env, provider_log, site_url=url)
    env.update(
        OIDC_SERVER_URL=issuer,
        OIDC_PROVIDER_ID=OIDC_PROVIDER_ID,
        OIDC_PROVIDER_NAME="ProConnect",
        OIDC_CLIENT_ID=OIDC_CLIENT_ID,
        OIDC_CLIENT_SECRET=OIDC_CLIENT_SECRET,
    )
    server_log, worker_log = logs / "server.log", logs / "worker.log"
    server = _start(env, server_log, "runserver", f"127.0.0.1:{port}", "--noreload")
    worker = _start(env, worker_log, "run_worker", "--queue-name", "*")
    try:
        _wait_until_up(issuer + "/.well-known/openid-configuration", provider, provider_log)
        _wait_until_up(url + "/", server, server_log)
        yield Site(url, var_dir, env, setup_log)
    finally:
        _stop(worker)
        _stop(server)
        _stop(provider)
        shutil.rmtree(var_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.exit(f"Chromium not found at {CHROMIUM} (apt-get install chromium)", returncode=1)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Problems:
    """Console errors and uncaught exceptions of every page of a context: a journey with
    any (a script error, a resource the Content-Security-Policy blocked) fails."""

    def __init__(self):
        self.items = []

    def watch(self, page):
        page.on("console", lambda msg: self._console(page, msg))
        page.on("pageerror", lambda error: self.items.append(f"{page.url}: uncaught {error}"))

    def _console(self, page, message):
        if message.type == "error" and not self._form_sent_back(page, message):
            self.items.append(f"{page.url}: console error: {message.text}")

    @staticmethod
    def _form_sent_back(page, message):
        """Chromium logs the page's own 4xx answer (a form sent back with its errors, which
        the journey then checks) as a failed resource; a 4xx of anything else still counts."""
        return bool(
            re.match(r"Failed to load resource: .* status of 4\d\d", message.text)
            and message.location.get("url") == page.url
        )

    def check(self):
        assert not self.items, "errors in the browser:\n" + "\n".join(self.items)


@pytest.fixture
def new_context(browser, site):
    """Opens a browser context (one person's browser: cookies, language French), whose
    pages are watched for errors; the test fails if any page logged one."""
    contexts, problems = [], Problems()

    def open_context(**options):
        context = browser.new_context(
            base_url=site.url,
            locale="fr-FR",
            viewport={"width": 1280, "height": 900},
            **options,
        )
        context.on("page", problems.watch)
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()
    problems.check()


class Screenshots:
    """Full-page screenshots, numbered in order: test-results/<journey>/<NN>-<step>.png."""

    def __init__(self, journey):
        self.folder = RESULTS / journey
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        self.count = 0

    def __call__(self, page, step):
        self.count += 1
        page.screenshot(path=self.folder / f"{self.count:02d}-{step}.png", full_page=True)


@pytest.fixture
def screenshots():
    return Screenshots


_last_window_used = {}


def totp_code(secret, account=None):
    """The code an authenticator app shows now (RFC 6238: HMAC-SHA1, 30 s, 6 digits),
    written out here because these tests run outside Django, where allauth's own
    functions read their settings. allauth accepts the current window only and each code
    once per account: near a window's end, or for an account that already used this
    window's code, wait for the next window."""
    while True:
        now = time.time()
        window = int(now) // 30
        if 30 - now % 30 > 3 and _last_window_used.get(account) != window:
            break
        time.sleep(30 - now % 30 + 0.1)
    if account is not None:
        _last_window_used[account] = window
    digest = hmac.new(base64.b32decode(secret), window.to_bytes(8, "big"), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = int.from_bytes(digest[offset : offset + 4], "big") & 0x7FFFFFFF
    return f"{number % 10**6:06d}"


def either(french, english, *, start=False):
    """A text in French, or in English until its translation is merged (a pattern for
    Playwright's names, labels and texts); `start`: at the start of the name, which may go
    on ("Contenus manquants 3")."""
    pattern = f"(?:{re.escape(french)}|{re.escape(english)})"
    return re.compile(f"^{pattern}" if start else pattern)


def enter_second_factor(page, code):
    expect(page).to_have_url(re.compile(r"/compte/2fa/authenticate/$"))
    page.get_by_label("Code").fill(code)
    page.locator("main").get_by_role("button", name="Connexion").click()


def admin_sign_in(page, username):
    """Staff sign in like everyone, by email: the admin's login sends them to it; then
    the code of their authenticator (the demo secret)."""
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/compte/login/\?next=/admin/$"))
    page.get_by_label("E-mail").fill(f"{username}@example.org")
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.locator("main").get_by_role("button", name="Connexion").click()
    enter_second_factor(page, totp_code(DEMO_TOTP_SECRET, account=username))
    expect(page).to_have_url(re.compile(r"/admin/$"))


def choose_project(page):
    """On the request form: the holder's first project if they have one (radios: a new
    one, then theirs), else a new one described."""
    projects = page.locator('input[name="project"]')
    if projects.count() > 1:
        projects.nth(1).check()
        return
    page.get_by_role("textbox", name="Description du projet (obligatoire)").fill(
        "Commune de 2 000 habitants ; toiture de 400 m² bien orientée."
    )
    page.get_by_role("checkbox", name="Sobriété énergétique responsable").check()
    page.get_by_role("combobox", name="Territoire (obligatoire)").select_option(label="Artois")
    page.get_by_role("combobox", name="Stade du projet (obligatoire)").select_option(
        label="Conception"
    )


def public_sign_in(page, email, password=DEMO_PASSWORD):
    page.goto("/compte/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.locator("main").get_by_role("button", name="Connexion").click()
