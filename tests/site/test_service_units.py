"""The service-manager units the README installs (deploy/systemd/): the long-running
ones start again when they die, every command they run exists, with the production
settings, and each timer has its service."""

import configparser
import shlex
from pathlib import Path

import pytest
from django.core.management import get_commands, load_command_class

UNITS = Path(__file__).resolve().parents[2] / "deploy" / "systemd"


def _unit(name):
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # systemd's keys are case-sensitive
    parser.read(UNITS / name)
    return parser


def _invocations(unit):
    """Every `manage.py <command> <arguments>` a unit runs."""
    found = []
    for line in (UNITS / unit).read_text().splitlines():
        if line.startswith("ExecStart="):
            words = shlex.split(line.removeprefix("ExecStart="))
            if "manage.py" in words:
                at = words.index("manage.py")
                found.append((words[at + 1], words[at + 2 :]))
    return found


def _commands(unit):
    return [name for name, _arguments in _invocations(unit)]


@pytest.mark.parametrize("name", ["trihub-web.service", "trihub-worker.service"])
def test_the_long_running_services_start_again_with_the_production_settings(name):
    service = _unit(name)["Service"]
    assert service["Restart"] == "always"
    assert service["Environment"] == "DJANGO_SETTINGS_MODULE=trihub.settings.production"
    assert service["EnvironmentFile"] == "/etc/tri/env"


def test_the_worker_unit_runs_the_worker_that_outlives_outages():
    assert _commands("trihub-worker.service") == ["run_worker"]


@pytest.mark.parametrize("name", sorted(path.name for path in UNITS.glob("*.service")))
def test_every_command_a_unit_runs_exists_and_takes_its_arguments(name, settings):
    # The units run with the production settings' database queue, which the worker's and
    # the pruning's options check.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    known = get_commands()
    for command, arguments in _invocations(name):
        assert command in known, f"{name} runs manage.py {command}, which does not exist"
        parser = load_command_class(known[command], command).create_parser("manage.py", command)
        parser.parse_args(arguments)  # exits (SystemExit) on an unknown or bad argument


@pytest.mark.parametrize("name", sorted(path.name for path in UNITS.glob("*.timer")))
def test_each_timer_has_its_oneshot_service(name):
    timer = _unit(name)
    assert timer["Timer"]["OnCalendar"] and timer["Timer"]["Persistent"] == "true"
    service = _unit(name.replace(".timer", ".service"))["Service"]
    assert service["Type"] == "oneshot"
    assert service["Environment"] == "DJANGO_SETTINGS_MODULE=trihub.settings.production"
