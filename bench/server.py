"""A throw-away copy of the site served by gunicorn, for benchmarks.

    from bench.server import running_site  # or `from server import …` from a bench script

    def load(site):                        # optional: runs after migrate, before serving
        site.manage("load_content")
        site.shell("from desk.models import HowToRequest; print(HowToRequest.objects.count())")

    with running_site(workers=2, setup=load, task_worker=True) as site:
        urllib.request.urlopen(site.url("/recherche/?q=energie"))
        site.drain_tasks()                 # run whatever the queue still holds, then return
        print(site.shell("...").stdout)    # count things in the database afterwards

What `running_site` does, in order:
  1. makes a temporary var dir (removed on exit unless `var_dir` is given or `keep=True`)
     holding the SQLite database, media, caches, static files and mail;
  2. runs `migrate` and `collectstatic --noinput` with the production settings
     (`trihub.settings.production`, a random SECRET_KEY, ALLOWED_HOSTS=127.0.0.1,localhost,
     SECURE_SSL_REDIRECT=false, emails written to `<var dir>/mail/` by the file backend);
  3. calls `setup(site)` if given: use `site.manage(...)` / `site.shell(...)`, which run in
     subprocesses with the same environment as the server;
  4. starts `gunicorn trihub.wsgi:application -w <workers> -b 127.0.0.1:<free port>` (and,
     with `task_worker=True`, `manage.py db_worker --queue-name "*"`, or the command line
     `worker_command` gives, which implies it), waits until the site
     answers `GET /` with a status below 500, and yields the `Site`. Gunicorn also reads the
     project's gunicorn.conf.py (from the repository root, its working directory) when
     there is one; the options given here (address, workers, `gunicorn_args`) win;
  5. stops gunicorn and the worker on exit, also when the body raises.

`env` entries override the defaults above (e.g. `{"RATELIMITS_ENABLED": "false"}`);
DATABASE_URL and SEARCH_URL are dropped from the inherited environment so that a bench
never touches a real database or search engine unless `env` names them.
Server and worker logs go to `<var dir>/logs/`; their tail is shown if the start fails.
"""

import os
import secrets
import shutil
import signal
import socket
import string
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))


def free_port():
    """A port that was free a moment ago on the loopback interface."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def random_secret_key(length=50):
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(length))


def site_environment(var_dir, env=None):
    """The environment the site's processes run with: production settings on `var_dir`."""
    base = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "SEARCH_URL", "DJANGO_SETTINGS_MODULE"}
    }
    base.update(
        {
            "DJANGO_SETTINGS_MODULE": "trihub.settings.production",
            "TRIHUB_VAR_DIR": str(var_dir),
            "SECRET_KEY": random_secret_key(),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(Path(var_dir) / "mail"),
            "PYTHONUNBUFFERED": "1",
        }
    )
    base.update(env or {})
    return base


@dataclass
class Site:
    """A running copy of the site: its address, environment and command line."""

    var_dir: Path
    env: dict
    base_url: str = ""
    processes: dict = field(default_factory=dict)

    def url(self, path="/"):
        return self.base_url + path

    def manage(self, *args, check=True, capture=False, timeout=None):
        """Run `manage.py <args>` with the site's environment; returns the CompletedProcess."""
        return subprocess.run(
            [PYTHON, str(ROOT / "manage.py"), *map(str, args)],
            cwd=ROOT,
            env=self.env,
            check=check,
            capture_output=capture,
            text=True,
            timeout=timeout,
        )

    def shell(self, code, check=True, timeout=None):
        """Run Python `code` in `manage.py shell` (Django set up); returns its stdout."""
        result = self.manage("shell", "--no-imports", "-c", code, capture=True, check=False,
                             timeout=timeout)  # fmt: skip
        if check and result.returncode:
            raise RuntimeError(f"manage.py shell failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def drain_tasks(self, timeout=600):
        """Run every task still queued, in a batch worker of its own, then return."""
        self.manage("db_worker", "--queue-name", "*", "--batch", "--no-startup-delay",
                    "--no-reload", "-v", "0", capture=True, timeout=timeout)  # fmt: skip

    def log_tail(self, name, lines=40):
        path = self.var_dir / "logs" / f"{name}.log"
        if not path.exists():
            return ""
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def _start(site, name, command):
    # A session of its own: stopping it never signals the bench script itself. The child
    # keeps its own copy of the log file's descriptor.
    with open(site.var_dir / "logs" / f"{name}.log", "ab") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, env=site.env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    site.processes[name] = process
    return process


def _stop(process, grace=40):
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)  # gunicorn: graceful stop of master and workers
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # its own session: only what we started
        process.wait()


def _wait_until_answering(site, process, timeout):
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"gunicorn exited with {process.returncode}:\n{site.log_tail('gunicorn')}"
            )
        try:
            with urllib.request.urlopen(site.url("/"), timeout=5) as response:
                if response.status < 500:
                    return
        except urllib.error.HTTPError as exc:
            if exc.code < 500:
                return
            last_error = exc
        except OSError as exc:
            last_error = exc
        time.sleep(0.2)
    raise RuntimeError(
        f"the site did not answer within {timeout} s ({last_error}):\n{site.log_tail('gunicorn')}"
    )


@contextmanager
def running_site(
    var_dir=None,
    workers=2,
    env=None,
    setup=None,
    task_worker=False,
    collectstatic=True,
    gunicorn_args=(),
    start_timeout=60,
    keep=False,
    worker_command=None,
):
    """Serve a fresh copy of the site with gunicorn; yields a `Site` (see the module doc)."""
    owned = var_dir is None
    var_dir = Path(var_dir or tempfile.mkdtemp(prefix="trihub-bench-")).resolve()
    (var_dir / "logs").mkdir(parents=True, exist_ok=True)
    (var_dir / "mail").mkdir(exist_ok=True)
    site = Site(var_dir=var_dir, env=site_environment(var_dir, env))
    try:
        site.manage("migrate", "--noinput", "-v", "0")
        if collectstatic:
            site.manage("collectstatic", "--noinput", "-v", "0")
        if setup is not None:
            setup(site)
        port = free_port()
        site.base_url = f"http://127.0.0.1:{port}"
        gunicorn = _start(
            site,
            "gunicorn",
            [
                GUNICORN, "trihub.wsgi:application", "--pythonpath", str(ROOT / "site"),
                "-w", str(workers), "-b", f"127.0.0.1:{port}", "--timeout", "120",
                *gunicorn_args,
            ],
        )  # fmt: skip
        if worker_command is not None:
            _start(site, "worker", list(worker_command))
        elif task_worker:
            _start(
                site,
                "worker",
                [PYTHON, str(ROOT / "manage.py"), "db_worker", "--queue-name", "*", "--no-reload"],
            )
        _wait_until_answering(site, gunicorn, start_timeout)
        yield site
    finally:
        for process in site.processes.values():
            _stop(process)
        if owned and not keep:
            shutil.rmtree(var_dir, ignore_errors=True)
        elif owned:
            print(f"bench: var dir kept at {var_dir}", file=sys.stderr)
