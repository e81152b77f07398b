"""Who is staff and who is a project holder, for the erasure and retention rules."""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef


def is_staff_account(user):
    """Staff: the admin flag, a superuser, or any group (coordinators, experts, editors)."""
    return user.is_staff or user.is_superuser or user.groups.exists()


def holders():
    """Accounts that are project holders only: never staff."""
    User = get_user_model()
    in_a_group = User.groups.through.objects.filter(user_id=OuterRef("pk"))
    return User.objects.filter(is_staff=False, is_superuser=False).exclude(Exists(in_a_group))
