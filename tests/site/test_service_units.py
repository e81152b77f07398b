"""The service-manager units the README installs (deploy/systemd/): the long-running
ones start again when they die, every command they run exists, with the production
settings, and each timer has its service."""

import configparser
import shlex
from pathlib import Path

import pytest
from django.core.management import get_commands

UNITS = Path(__file__).resolve().parents[2] / "deploy" / "systemd"


def _unit(name):
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # systemd's keys are case-sensitive
    parser.read(UNITS / name)
    return parser


def _commands(unit):
    """Every `manage.py <command>` a unit runs."""
    found = []
    for line in (UNITS / unit).read_text().splitlines():
        if line.startswith("ExecStart="):
            words = shlex.split(line.removeprefix("ExecStart="))
            if "manage.py" in words:
                found.append(words[words.index("manage.py") + 1])
    return found


@pytest.mark.parametrize("name", ["trihub-web.service", "trihub-worker.service"])
def test_the_long_running_services_start_again_with_the_production_settings(name):
    service = _unit(name)["Service"]
    assert service["Restart"] == "always"
    assert service["Environment"] == "DJANGO_SETTINGS_MODULE=trihub.settings.production"
    assert service["EnvironmentFile"] == "/etc/tri/env"


def test_the_worker_unit_runs_the_worker_that_outlives_outages():
    assert _commands("trihub-worker.service") == ["run_worker"]


@pytest.mark.parametrize("name", sorted(path.name for path in UNITS.glob("*.service")))
def test_every_command_a_unit_runs_exists(name):
    known = get_commands()
    for command in _commands(name):
        assert command in known, f"{name} runs manage.py {command}, which does not exist"


@pytest.mark.parametrize("name", sorted(path.name for path in UNITS.glob("*.timer")))
def test_each_timer_has_its_oneshot_service(name):
    timer = _unit(name)
    assert timer["Timer"]["OnCalendar"] and timer["Timer"]["Persistent"] == "true"
    service = _unit(name.replace(".timer", ".service"))["Service"]
    assert service["Type"] == "oneshot"
    assert service["Environment"] == "DJANGO_SETTINGS_MODULE=trihub.settings.production"
