"""Who someone is on the desk: a coordinator, and the expert bodies they belong to.

The one place that reads a person's desk role, below the models (whose querysets scope
what staff see) and `permissions.py` (what each may do).
"""

from knowledge.membership import body_ids_of

# Coordinators are whoever holds this permission (the coordinators' group gets it from
# `workflows.roles`), never a group's name: renaming a group changes nobody's rights.
COORDINATE = "desk.coordinate_desk"

_CACHE = "_desk_roles"


def roles_of(user):
    """(is a coordinator, ids of their expert bodies), computed once per user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False, frozenset()
    if not hasattr(user, _CACHE):
        coordinator = user.has_perm(COORDINATE)
        setattr(user, _CACHE, (coordinator, body_ids_of(user)))
    return getattr(user, _CACHE)
