"""Who may see and do what on the request desk. One place for every access rule."""

from django.db.models import Q

from knowledge.models import ExpertBody
from workflows.roles import COORDINATORS

from .models import HowToRequest

_CACHE = "_desk_roles"


def _roles(user):
    """Coordinator flag and expert body ids, computed once per user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False, frozenset()
    if not hasattr(user, _CACHE):
        coordinator = user.is_superuser or user.groups.filter(name=COORDINATORS).exists()
        body_ids = frozenset(
            ExpertBody.objects.filter(group__user=user).values_list("pk", flat=True)
        )
        setattr(user, _CACHE, (coordinator, body_ids))
    return getattr(user, _CACHE)


def is_coordinator(user):
    return _roles(user)[0]


def body_ids_of(user):
    return _roles(user)[1]


def is_staff_member(user):
    coordinator, bodies = _roles(user)
    return coordinator or bool(bodies)


def staff_requests(user):
    """The requests a coordinator (all) or an expert (their bodies', theirs) may see."""
    coordinator, bodies = _roles(user)
    if coordinator:
        return HowToRequest.objects.all()
    if not bodies:
        return HowToRequest.objects.none()
    return HowToRequest.objects.filter(
        Q(pk__in=HowToRequest.objects.filter(bodies__in=bodies).values("pk")) | Q(assignee=user)
    )


def holder_requests(user):
    if not getattr(user, "is_authenticated", False):
        return HowToRequest.objects.none()
    return HowToRequest.objects.filter(holder=user)


def is_routed_expert(user, request):
    return bool(body_ids_of(user) & {body.pk for body in request.bodies.all()})


def can_answer(user, request):
    """The expert in charge, or a coordinator, writes, asks and answers."""
    return request.assignee_id == getattr(user, "pk", None) or is_coordinator(user)


def can_hand_over(user, request):
    """Coordinators and the expert in charge; before a claim, any routed expert."""
    from .states import Status

    return can_answer(user, request) or (
        request.status == Status.ROUTED and is_routed_expert(user, request)
    )


def can_see_internal(user, request):
    """Internal notes and details: coordinators, experts of the routed bodies, assignee."""
    return (
        is_coordinator(user)
        or request.assignee_id == getattr(user, "pk", None)
        or is_routed_expert(user, request)
    )


def can_view(user, request):
    return request.holder_id == getattr(user, "pk", None) or can_see_internal(user, request)
