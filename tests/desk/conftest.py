import pytest

from desk import steps
from desk.models import RoutingRule
from tests.factories import PriorityFactory, TerritoryFactory

# The people and bodies (holder, expert, coordinator...) are tests/fixtures_roles.py's.


@pytest.fixture
def priority(db):
    return PriorityFactory(name="Mobilité durable", slug="mobilite-durable")


@pytest.fixture
def territory(db):
    return TerritoryFactory(name="Bassin minier", slug="bassin-minier")


@pytest.fixture
def rule(priority, territory, body):
    return RoutingRule.objects.create(priority=priority, territory=territory, body=body)


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
