"""The people and bodies most tests meet: two expert bodies, an expert of each, a
coordinator, two holders; and `committed`, to run what a step leaves for after its commit.

One copy for every folder (registered by tests/conftest.py as a plugin, so that a folder's
own conftest or a test module may still override a name: the gaps tests give their holder
a canary surname, the projects tests their coordinator other groups)."""

import pytest

from tests.factories import ExpertBodyFactory
from workflows import roles


@pytest.fixture
def body(db):
    return ExpertBodyFactory(name="Pôle mobilité", slug="pole-mobilite", acronym="PM")


@pytest.fixture
def other_body(db):
    return ExpertBodyFactory(name="Agence énergie", slug="agence-energie", acronym="AE")


@pytest.fixture
def holder(make_user):
    return make_user(username="holder_a", first_name="Hélène")


@pytest.fixture
def other_holder(make_user):
    return make_user(username="holder_b")


@pytest.fixture
def coordinator(staff_roles, make_user):
    return make_user(roles.COORDINATORS, username="coordinator", is_staff=True)


@pytest.fixture
def expert(body, staff_roles, make_user):
    body.refresh_from_db()
    return make_user(body.group.name, username="expert", is_staff=True)


@pytest.fixture
def other_expert(other_body, staff_roles, make_user):
    other_body.refresh_from_db()
    return make_user(other_body.group.name, username="other_expert", is_staff=True)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what steps leave for after their commit (emails, the search index, the gap
    check), as a real commit would: `with committed(): steps.route(...)`."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
