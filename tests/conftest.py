import pytest
from django.contrib.auth.models import Group

from knowledge.models import HomePage
from tests.factories import UserFactory
from workflows import roles
from workflows.services import ensure_roles

# The shared people and bodies (body, expert, coordinator, holder…) and `committed`.
pytest_plugins = ["tests.fixtures_roles"]


@pytest.fixture(autouse=True)
def steady_rate_limit_clock(monkeypatch):
    from tests.limits import freeze_clock

    freeze_clock(monkeypatch)


@pytest.fixture(autouse=True)
def clear_caches():
    """Rate-limit counters and cached pages must not leak from one test to the next."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield


@pytest.fixture
def home(db):
    """The home page the data migration creates as the default site's root."""
    return HomePage.objects.get()


@pytest.fixture
def demo(db):
    """The whole demo site, as `make run` builds it."""
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)


@pytest.fixture
def staff_roles(db, home):
    return ensure_roles()


@pytest.fixture
def make_user(db):
    def make(group_name=None, **fields):
        groups = [Group.objects.get(name=group_name)] if group_name else []
        return UserFactory(groups=groups, **fields)

    return make


@pytest.fixture
def editor(staff_roles, make_user):
    return make_user(roles.EDITORS, username="editor")


@pytest.fixture
def reviewer(staff_roles, make_user):
    return make_user(roles.REVIEWERS, username="reviewer")
