import pytest

from desk import steps
from desk.models import RoutingRule
from tests.factories import ExpertBodyFactory, PriorityFactory, TerritoryFactory
from workflows import roles


@pytest.fixture
def priority(db):
    return PriorityFactory(name="Mobilité durable", slug="mobilite-durable")


@pytest.fixture
def territory(db):
    return TerritoryFactory(name="Bassin minier", slug="bassin-minier")


@pytest.fixture
def body(db):
    return ExpertBodyFactory(name="Pôle mobilité", slug="pole-mobilite", acronym="PM")


@pytest.fixture
def other_body(db):
    return ExpertBodyFactory(name="Agence énergie", slug="agence-energie", acronym="AE")


@pytest.fixture
def rule(priority, territory, body):
    return RoutingRule.objects.create(priority=priority, territory=territory, body=body)


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
def request_data(priority, territory):
    def make(**overrides):
        data = {
            "title": "Bornes de recharge en zone rurale",
            "question": "Comment financer dix bornes de recharge ?",
            "project_description": "Une communauté de communes veut équiper ses bourgs.",
            "priorities": [priority],
            "territory": territory,
            "stage": "design",
            "partners": "Syndicat d'énergie",
            "funding_sought": "40 000 €",
            "consent_to_publish": True,
        }
        data.update(overrides)
        return data

    return make


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what steps leave for after their commit (emails), as a real commit would:
    `with committed(): steps.route(...)`."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def filed(holder, request_data, coordinator, committed):
    """A request just filed by `holder` (the coordinator exists to be told, and is)."""
    with committed():
        return steps.file_request(holder, request_data())


@pytest.fixture
def payload(priority, territory):
    """A request as the JSON API receives it."""
    return {
        "title": "Réseau de chaleur partagé",
        "question": "Comment mutualiser l'étude de faisabilité ?",
        "project_description": "Trois communes, une chaufferie bois.",
        "priorities": [priority.slug],
        "territory": territory.slug,
        "stage": "idea",
        "consent_to_publish": True,
    }
