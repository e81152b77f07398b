"""Who may see and do what on the request desk. One place for every access rule.

The rules that say who may take a step take `(user, how_to_request)`, as the step
catalogue (`desk.steps`) asks them.

A request belongs to a project, shared Plone-style by its team: every member of the
project (`projects.permissions.is_member`) reads the request as its holder does (the
page, the timeline readable by the holder, the attachments) and files requests of their
own in it. The holder's steps (reply, accept the answer, the one follow-up) stay with
the holder who filed it: they are one conversation with the expert, whose questions and
emails go to that person; a teammate with a question of their own files it in the
project. Anyone else, another holder, answers 404.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q

from projects import permissions as project_permissions

from .models import HowToRequest
from .roles import COORDINATE, roles_of
from .states import Status


def _is(user, user_id):
    """`user` is the account `user_id` (never true of nobody: an unassigned request's
    empty assignee is not the anonymous visitor)."""
    return user_id is not None and user_id == getattr(user, "pk", None)


def coordinators():
    """The people told as coordinators: those granted the permission (superusers, who
    have every permission, are not told of every request)."""
    return get_user_model().objects.with_perm(
        COORDINATE,
        include_superusers=False,
        backend="allauth.account.auth_backends.AuthenticationBackend",
    )


def is_coordinator(user, how_to_request=None):
    """Coordinators qualify, route, review and publish every request."""
    return roles_of(user)[0]


def body_ids_of(user):
    return roles_of(user)[1]


def is_staff_member(user):
    coordinator, bodies = roles_of(user)
    return coordinator or bool(bodies)


def staff_requests(user):
    """The requests a coordinator (all) or an expert (their bodies', theirs) may see."""
    return HowToRequest.objects.seen_by_staff(user)


def holder_requests(user):
    """What a holder follows on the public site ("My requests", the API's list): the
    requests they filed, and those of the projects whose team they belong to."""
    if not getattr(user, "is_authenticated", False):
        return HowToRequest.objects.none()
    return HowToRequest.objects.filter(
        Q(holder=user) | Q(project__in=project_permissions.member_projects(user).values("pk"))
    )


def is_holder(user, how_to_request):
    """The person who filed it (nobody, once their account is erased): the one who
    takes the holder's steps."""
    return _is(user, how_to_request.holder_id)


def is_team_member(user, how_to_request):
    """A member (or owner) of the request's project."""
    return how_to_request.project_id is not None and project_permissions.is_member(
        user, how_to_request.project
    )


def reads_as_holder(user, how_to_request):
    """Sees the request as its holder does: the holder, and the project's team."""
    return is_holder(user, how_to_request) or is_team_member(user, how_to_request)


def is_routed_expert(user, how_to_request):
    return bool(body_ids_of(user) & {body.pk for body in how_to_request.bodies.all()})


def can_answer(user, how_to_request):
    """The expert in charge, or a coordinator, writes, asks and answers."""
    return _is(user, how_to_request.assignee_id) or is_coordinator(user)


def can_hand_over(user, how_to_request):
    """Coordinators and the expert in charge; before a claim, any routed expert (an
    answer in progress whose expert's account is gone is the coordinators' to move)."""
    return can_answer(user, how_to_request) or (
        how_to_request.status == Status.ROUTED and is_routed_expert(user, how_to_request)
    )


def bodies_not_handed_to(user, how_to_request):
    """Ids of the bodies a hand-over by `user` may not go to: an expert's own (they hand
    over to another body; a coordinator acts for the TRI team, whatever body they are
    in), and the request's only body (it is already there)."""
    excluded = set() if is_coordinator(user) else set(body_ids_of(user))
    current = [body.pk for body in how_to_request.bodies.all()]
    if len(current) == 1:
        excluded.update(current)
    return excluded


def can_see_internal(user, how_to_request):
    """Internal notes and details: coordinators, experts of the routed bodies, assignee."""
    return (
        is_coordinator(user)
        or _is(user, how_to_request.assignee_id)
        or is_routed_expert(user, how_to_request)
    )


def can_view(user, how_to_request):
    return reads_as_holder(user, how_to_request) or can_see_internal(user, how_to_request)
