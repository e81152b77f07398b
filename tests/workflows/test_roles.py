"""The roles grant permissions that exist, and the desk's coordinators are who it says."""

import pytest
from django.contrib.auth.models import Group, Permission

from desk.roles import COORDINATE
from workflows import roles

pytestmark = pytest.mark.django_db


def _exists(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).exists()


def test_every_permission_a_role_grants_exists():
    # A role naming a permission by string (as roles do for the apps above them) must
    # name a real one: a typo would silently grant nothing.
    for role in (*roles.ROLES, roles.EXPERT_ROLE):
        missing = [name for name in role.permissions if not _exists(name)]
        assert not missing, (role.group_name, missing)


def test_the_coordinators_group_makes_desk_coordinators(staff_roles, make_user):
    coordinator = make_user(roles.COORDINATORS)
    assert coordinator.has_perm(COORDINATE)
    group = Group.objects.get(name=roles.COORDINATORS)
    group.name = "Secrétariat de la Commission 15"  # renamed: nobody loses the desk
    group.save()
    coordinator = type(coordinator).objects.get(pk=coordinator.pk)
    assert coordinator.has_perm(COORDINATE)
