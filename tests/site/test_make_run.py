"""`make run` tells the site the address it serves on, so that the links in its emails work.

The Makefile runs for real, with a stand-in for the virtualenv's Python that notes each
command it is given and the public address it sees (nothing is installed or served).
"""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def stand_in_venv(tmp_path):
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    log = tmp_path / "commands.log"
    python = venv / "bin" / "python"
    python.write_text(f'#!/bin/sh\necho "$* -> $WAGTAILADMIN_BASE_URL" >> "{log}"\n')
    python.chmod(0o755)
    (venv / ".installed").touch()  # newer than requirements.txt: no pip install
    return venv, log


def make_run(venv, *arguments, **environment):
    env = {key: value for key, value in os.environ.items() if key != "WAGTAILADMIN_BASE_URL"}
    subprocess.run(
        ["make", "--silent", "run", f"VENV={venv}", *arguments],
        cwd=ROOT,
        env={**env, **environment},
        check=True,
        capture_output=True,
        timeout=60,
    )


def test_make_run_links_to_the_port_it_serves_on(stand_in_venv):
    venv, log = stand_in_venv
    make_run(venv, "PORT=8123")
    assert "manage.py runserver 127.0.0.1:8123 -> http://127.0.0.1:8123\n" in log.read_text()


def test_a_configured_public_address_wins(stand_in_venv):
    venv, log = stand_in_venv
    make_run(venv, "PORT=8123", WAGTAILADMIN_BASE_URL="https://tri.example.org")
    assert "manage.py runserver 127.0.0.1:8123 -> https://tri.example.org\n" in log.read_text()
