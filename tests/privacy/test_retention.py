"""Retention: holders inactive for the retention period are erased, daily, safely."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from desk import steps
from desk.models import HowToRequest, RequestEvent
from desk.models.events import Action
from knowledge.models import StandardPage
from privacy.retention import inactive_holders, retention_cutoff
from projects.models import Membership, ProjectAction, ProjectEvent, Role
from projects.timeline import record_project_event
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def _ago(days):
    return timezone.now() - datetime.timedelta(days=days)


@pytest.fixture
def population(make_user, coordinator, request_data):
    User = get_user_model()
    people = {
        "old": make_user(username="old"),
        "never_logged_in": make_user(username="never_logged_in"),
        "old_with_recent_request": make_user(username="old_with_recent_request"),
        "old_with_old_request": make_user(username="old_with_old_request"),
        "recent": make_user(username="recent"),
        "old_staff": make_user(username="old_staff", is_staff=True),
        "old_coordinator": coordinator,
    }
    for name, user in people.items():
        last_login = None if name == "never_logged_in" else _ago(5 if name == "recent" else 1200)
        User.objects.filter(pk=user.pk).update(date_joined=_ago(1500), last_login=last_login)
    recent = steps.file_request(people["old_with_recent_request"], request_data())
    old = steps.file_request(people["old_with_old_request"], request_data(title="Vieille demande"))
    steps.ask_clarification(recent, coordinator, "Précisez ?")
    HowToRequest.objects.filter(pk=old.pk).update(created_at=_ago(1300), updated_at=_ago(1300))
    RequestEvent.objects.filter(request=old).update(created_at=_ago(1300))
    # Filing made the old request's project: made then too.
    ProjectEvent.objects.filter(project=old.project).update(created_at=_ago(1300))
    HowToRequest.objects.filter(pk=recent.pk).update(created_at=_ago(1300))
    return people, old, recent


def _remaining(people):
    ids = set(get_user_model().objects.values_list("pk", flat=True))
    return {name for name, user in people.items() if user.pk in ids}


def call_command_output(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_retention_erases_only_holders_inactive_since_the_cutoff(population):
    people, old, recent = population
    out = call_command_output("anonymise_inactive_holders")
    assert "3 holder(s)" in out
    assert _remaining(people) == {
        "old_with_recent_request",
        "recent",
        "old_staff",
        "old_coordinator",
    }
    old.refresh_from_db()
    assert old.holder is None and old.events.filter(action=Action.ANONYMISED).exists()
    assert old.events.get(action=Action.ANONYMISED).details["reason"] == "retention"
    recent.refresh_from_db()
    assert recent.holder == people["old_with_recent_request"]


def test_retention_is_safe_to_run_again(population):
    people, _old, _recent = population
    call_command_output("anonymise_inactive_holders")
    events = RequestEvent.objects.count()
    assert "nothing to do" in call_command_output("anonymise_inactive_holders")
    assert RequestEvent.objects.count() == events


def test_retention_dry_run_changes_nothing_and_days_move_the_cutoff(population, settings):
    people, _old, _recent = population
    out = call_command_output("anonymise_inactive_holders", "--dry-run")
    assert "3 holder(s)" in out and "would be erased" in out
    assert _remaining(people) == set(people)
    settings.TRIHUB_RETENTION_DAYS = 2000
    assert "nothing to do" in call_command_output("anonymise_inactive_holders")
    call_command_output("anonymise_inactive_holders", "--days", "3")
    # The clarification asked today keeps its holder; staff are never erased.
    assert _remaining(people) == {"old_with_recent_request", "old_staff", "old_coordinator"}


def test_a_project_still_worked_on_keeps_its_owner_not_its_members(make_user):
    User = get_user_model()
    owner, member = make_user(username="old_owner"), make_user(username="old_member")
    User.objects.filter(pk__in=[owner.pk, member.pk]).update(
        date_joined=_ago(1500), last_login=_ago(1200)
    )
    project = ProjectFactory(owner=owner)
    Membership.objects.create(project=project, user=member, role=Role.MEMBER)
    ProjectEvent.objects.filter(project=project).update(created_at=_ago(1300))
    cutoff = retention_cutoff()
    assert set(inactive_holders(cutoff)) == {owner, member}
    # Another person's erasure is no activity of the owner's.
    record_project_event(project, None, ProjectAction.ANONYMISED, internal=True)
    assert set(inactive_holders(cutoff)) == {owner, member}
    # Commission 15 or the team at work on it: the owner stays.
    record_project_event(project, None, ProjectAction.UPDATE)
    assert set(inactive_holders(cutoff)) == {member}


@pytest.mark.parametrize("days", ["0", "-3"])
def test_retention_refuses_a_period_under_a_day(population, days):
    people, _old, _recent = population
    with pytest.raises(CommandError) as refusal:
        call_command_output("anonymise_inactive_holders", "--days", days)
    assert str(refusal.value) == (
        f"--days must be at least 1 (got {days}): a period of {days} days would erase every holder."
    )
    assert _remaining(people) == set(people)


def test_demo_privacy_and_accessibility_pages_say_what_the_law_asks(client, demo):
    privacy = client.get(StandardPage.objects.get(slug="donnees-personnelles").url)
    html = privacy.content.decode()
    assert f'href="{reverse("privacy:my_data")}"' in html  # the export and deletion page
    assert "3 ans" in html and "CNIL" in html  # the retention period, the authority
    statement = client.get(StandardPage.objects.get(slug="accessibilite").url).content.decode()
    assert "non conforme" in statement and "Défenseur des droits" in statement
    assert "Pages qui seront testées" in statement
