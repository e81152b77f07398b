"""scripts/keep-running.sh, the worker's keeper under `make serve`: a command that dies
(killed, crashed) is started again; stopping the keeper stops the command too."""

import os
import signal
import subprocess
import sys
from pathlib import Path

from tests.processes import wait_until

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "keep-running.sh"


def _pids(log):
    return [int(line) for line in log.read_text().split()] if log.exists() else []


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_a_killed_command_is_started_again_and_stopping_the_keeper_stops_it(tmp_path):
    log = tmp_path / "pids"
    # A stand-in worker: notes its process id, then waits to be stopped.
    command = [
        sys.executable, "-c",
        f"import os, time; open({str(log)!r}, 'a').write(f'{{os.getpid()}}\\n'); time.sleep(120)",
    ]  # fmt: skip
    keeper = subprocess.Popen(
        ["bash", str(SCRIPT), *command],
        env={**os.environ, "RESTART_DELAY": "0.1"},
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert wait_until(lambda: len(_pids(log)) == 1)
        first = _pids(log)[0]
        os.kill(first, signal.SIGKILL)  # the out-of-memory killer, say
        assert wait_until(lambda: len(_pids(log)) == 2)
        second = _pids(log)[1]
        assert second != first and _alive(second)

        keeper.send_signal(signal.SIGTERM)
        assert keeper.wait(timeout=20) == 0
        assert wait_until(lambda: not _alive(second), timeout=5)
        assert len(_pids(log)) == 2  # not started again once told to stop
        assert "exited with status 137" in keeper.stderr.read()
    finally:
        if keeper.poll() is None:
            keeper.kill()


def test_a_signal_to_the_whole_group_reaches_the_command_once(tmp_path):
    # Ctrl-C on `make serve`, or a TERM to its process group: the worker must get one
    # TERM (finish the task, then stop), never a second one (stop in the middle).
    log = tmp_path / "signals"
    command = [
        sys.executable, "-c",
        "import os, signal, sys, time\n"
        f"log = open({str(log)!r}, 'a', buffering=1)\n"
        "def noted(number, frame):\n"
        "    log.write('TERM\\n')\n"
        "signal.signal(signal.SIGTERM, noted)\n"
        "log.write('ready\\n')\n"
        "for _ in range(100):\n"
        "    time.sleep(0.05)\n"
        "    if log.tell() and open(log.name).read().count('TERM'):\n"
        "        time.sleep(0.5)\n"
        "        sys.exit(0)\n",
    ]  # fmt: skip
    keeper = subprocess.Popen(
        ["bash", str(SCRIPT), *command],
        env={**os.environ, "RESTART_DELAY": "0.1"},
        start_new_session=True,  # a group of its own, as make's
    )
    try:
        assert wait_until(lambda: log.exists() and "ready" in log.read_text())
        os.killpg(keeper.pid, signal.SIGTERM)
        assert keeper.wait(timeout=20) == 0
        assert log.read_text().count("TERM") == 1
        assert log.read_text().count("ready") == 1  # not started again
    finally:
        if keeper.poll() is None:
            keeper.kill()


def test_make_serve_keeps_the_production_worker_running():
    makefile = (ROOT / "Makefile").read_text()
    serve = makefile[makefile.index("\nserve:") : makefile.index("\nlint:")]
    assert 'scripts/keep-running.sh $(PY) manage.py run_worker --queue-name "*"' in serve
    assert "db_worker" not in makefile  # it stops at the first database outage
