"""Who is told of each project step, and what the email says. The desk's outbox
(`desk/notifications.py`) queues and delivers them, once, like the requests' emails.

An invitation goes to an email address that may have no account yet; every other
notice goes to a person.
"""

from django.conf import settings
from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from web.public_address import public_url

from . import permissions
from .models import Invitation, Role
from .models.events import ProjectAction

TEAM, OWNERS, EVALUATORS, ASSIGNED, COORDINATORS, MEMBER, INVITEE = (
    "team",
    "owners",
    "evaluators",
    "assigned",
    "coordinators",
    "member",
    "invitee",
)

AUDIENCES = {
    ProjectAction.INVITE: (INVITEE,),
    ProjectAction.JOIN: (OWNERS,),
    ProjectAction.REMOVE_MEMBER: (MEMBER,),
    ProjectAction.CHANGE_ROLE: (MEMBER,),
    ProjectAction.SUBMIT: (TEAM, EVALUATORS),
    ProjectAction.ASSIGN: (MEMBER,),
    ProjectAction.VOLUNTEER: (COORDINATORS,),
    ProjectAction.SCORE: (COORDINATORS,),
    ProjectAction.DECIDE: (TEAM, ASSIGNED, COORDINATORS),
    ProjectAction.WITHDRAW: (TEAM, ASSIGNED),
    # A member named owner (details' "member"), or someone invited to be ("invitation").
    ProjectAction.APPOINT_OWNER: (MEMBER, INVITEE),
}

INVITATION_SALT = "projects.invitation"


def is_invitation(event):
    """Whether `event` invites someone (a member, or an owner a coordinator appoints):
    its email carries the invitation's link."""
    inviting = event.action in (ProjectAction.INVITE, ProjectAction.APPOINT_OWNER)
    return inviting and bool(event.details.get("invitation"))


def invitation_token(invitation):
    """What the invitation's link carries: its id, signed (nothing secret is stored)."""
    return signing.dumps(str(invitation.public_id), salt=INVITATION_SALT)


def invitation_from_token(token):
    """The invitation a link names, or None if the link was altered."""
    try:
        public_id = signing.loads(token, salt=INVITATION_SALT)
    except signing.BadSignature:
        return None
    return Invitation.objects.select_related("project").filter(public_id=public_id).first()


def _people(event, audience):
    project = event.project
    if audience == TEAM:
        return [membership.user for membership in project.memberships.select_related("user")]
    if audience == OWNERS:
        owners = project.memberships.filter(role=Role.OWNER).select_related("user")
        return [membership.user for membership in owners]
    if audience == EVALUATORS:
        return list(permissions.evaluators())
    if audience == COORDINATORS:
        return list(permissions.coordinators())
    if audience == ASSIGNED and event.evaluation_id:
        reviews = event.evaluation.reviews.select_related("evaluator")
        return [review.evaluator for review in reviews if review.evaluator_id]
    if audience == MEMBER:
        member_id = event.details.get("member") or event.details.get("evaluator")
        model = project.memberships.model._meta.get_field("user").related_model
        return list(model.objects.filter(pk=member_id)) if member_id else []
    return []


def recipients(event):
    """(user or None, email) pairs of the people told of `event`, the actor left out."""
    found = {}
    for audience in AUDIENCES.get(event.action, ()):
        if audience == INVITEE:
            invitation = Invitation.objects.filter(
                public_id=event.details.get("invitation")
            ).first()
            if invitation is not None:
                found.setdefault(invitation.email.lower(), None)
            continue
        for user in _people(event, audience):
            if user.is_active and user.email and user.pk != event.actor_id:
                found[user.email.lower()] = user
    return [(user, email) for email, user in found.items()]


def language_of(user):
    if user is not None:
        profile = UserProfile.objects.filter(user=user).first()
        if profile and profile.preferred_language:
            return profile.preferred_language
    return settings.LANGUAGE_CODE


def _link(event, user):
    project = event.project
    if is_invitation(event):
        invitation = Invitation.objects.get(public_id=event.details["invitation"])
        return public_url(reverse("projects:invitation", args=[invitation_token(invitation)]))
    if user is not None and permissions.is_member(user, project):
        return public_url(project.get_absolute_url())
    return public_url(reverse("projects_admin:detail", args=[project.pk]))


def render(event, user, email, language):
    """(subject, body) of the email telling `user` (or `email`) of `event`."""
    context = {
        "event": event,
        "project": event.project,
        "recipient": user,
        "for_team": user is not None and permissions.is_member(user, event.project),
        "link": _link(event, user),
        "invitation": is_invitation(event),
    }
    with translation.override(language):
        subject = render_to_string("projects/email/subject.txt", context)
        body = render_to_string("projects/email/body.txt", context)
    return " ".join(subject.split()), body
