"""Which expert bodies someone belongs to: the one rule every app reads.

A person is an expert of a body when they are in the body's group (`ExpertBody.group`).
Read once per user object, so the desk's roles, the review report, the votes' reports
and the admin's menu share one query per request.
"""

from .models import ExpertBody

_CACHE = "_expert_body_ids"


def body_ids_of(user):
    """Ids of the expert bodies `user` is an active expert of."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    if not hasattr(user, _CACHE):
        body_ids = ExpertBody.objects.filter(group__user=user).values_list("pk", flat=True)
        setattr(user, _CACHE, frozenset(body_ids))
    return getattr(user, _CACHE)
