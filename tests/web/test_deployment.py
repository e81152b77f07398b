"""A production database refuses every other settings (web/deployment.py): `manage.py`
with the development settings does nothing on it, and demo accounts are never created
on it, whatever the settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError

from demo.accounts import ensure_demo_accounts
from desk.models import HowToRequest, RoutingRule
from knowledge.models import GuidePage, RoadmapAction
from projects.models import Project
from web import deployment
from web.models import DatabaseRole
from workflows.roles import COORDINATORS

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db


def test_the_production_settings_mark_the_database_they_migrate(settings):
    call_command("migrate", "web", verbosity=0)
    assert not deployment.database_is_production()
    settings.TRIHUB_PRODUCTION = True
    call_command("migrate", "web", verbosity=0)
    call_command("migrate", "web", verbosity=0)  # once, however often
    assert DatabaseRole.objects.get().role == DatabaseRole.PRODUCTION
    assert deployment.database_is_production()


def test_no_demo_account_on_a_production_database_whatever_the_settings(settings):
    DatabaseRole.objects.create(role=DatabaseRole.PRODUCTION)
    assert settings.TRIHUB_DEMO_ACCOUNTS_ALLOWED  # the test settings allow them
    assert not deployment.demo_accounts_allowed()
    with pytest.raises(ImproperlyConfigured):
        ensure_demo_accounts()
    with pytest.raises(CommandError, match="load_content"):
        call_command("load_demo", verbosity=0)
    assert not get_user_model().objects.exists()
    assert not GuidePage.objects.exists()


def test_the_programmes_content_loads_on_a_production_database_without_any_account(settings):
    DatabaseRole.objects.create(role=DatabaseRole.PRODUCTION)
    settings.TRIHUB_DEMO_ACCOUNTS_ALLOWED = False
    call_command("load_content", verbosity=0)
    assert GuidePage.objects.exists()
    assert RoadmapAction.objects.exists() and RoutingRule.objects.exists()
    assert not get_user_model().objects.exists()
    assert not HowToRequest.objects.exists() and not Project.objects.exists()
    assert Group.objects.filter(name=COORDINATORS).exists()  # the roles, for staff
    before = GuidePage.objects.count()
    call_command("load_content", verbosity=0)  # again: nothing new
    assert GuidePage.objects.count() == before


def _manage(*arguments, env):
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_manage_py_with_the_development_settings_refuses_a_production_database(tmp_path):
    # A real database file, migrated by the production settings as `make serve` does,
    # then the README's commands typed without DJANGO_SETTINGS_MODULE.
    base = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
    }
    base |= {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "TRIHUB_VAR_DIR": str(tmp_path),
    }
    production = base | {
        "DJANGO_SETTINGS_MODULE": "trihub.settings.production",
        "SECRET_KEY": "a-long-random-production-key-for-this-test-only-0123456789abcdef",
        "ALLOWED_HOSTS": "tri.example.org",
    }
    migrated = _manage("migrate", "--noinput", "-v", "0", env=production)
    assert migrated.returncode == 0, migrated.stderr
    for command in (["load_demo"], ["shell", "-c", "print('ran')"], ["db_worker", "--batch"]):
        refused = _manage(*command, env=base)
        assert refused.returncode == 2, (command, refused.stdout, refused.stderr)
        assert "production settings" in refused.stderr and "ran" not in refused.stdout
    users = _manage(
        "shell", "-c", "from django.contrib.auth.models import User; print(User.objects.count())",
        env=production,
    )  # fmt: skip
    assert users.returncode == 0 and users.stdout.strip().endswith("0"), users.stderr
