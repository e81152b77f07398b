"""The team's steps: create and edit a project, invite, join, leave, show on the showcase.

They leave the evaluation state as it is (`ANY_STATE`), and each is recorded on the
project's timeline like Commission 15's steps.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import forms, permissions, showcase
from ..models import Invitation, Membership, Project, ProjectLink, Role
from ..models.events import ProjectAction
from ..timeline import record_project_event
from .base import ANY_STATE, TEAM, Outcome, step

# What the project form edits; the relations are set apart.
PROJECT_FIELDS = (
    "title",
    "summary",
    "organisations",
    "territory",
    "stage",
    "budget",
    "funding_sought",
    "funding_details",
    "partners",
    "expected_effects",
)
PROJECT_RELATIONS = ("priorities", "pillars", "roadmap_actions")
MUST_KEEP_AN_OWNER = _("The project must keep an owner: name another owner first.")


def _current(project, name):
    try:
        return getattr(project, name)
    except ObjectDoesNotExist:  # a new project's territory
        return None


def _apply(project, values):
    """Set the fields and relations present in `values`; return the names changed."""
    changed = []
    for name in PROJECT_FIELDS:
        if name in values and _current(project, name) != values[name]:
            setattr(project, name, values[name])
            changed.append(name)
    project.full_clean(exclude=["showcase_page"])
    project.save()
    for name in PROJECT_RELATIONS:
        if name in values:
            before = set(getattr(project, name).values_list("pk", flat=True))
            getattr(project, name).set(values[name])
            if before != {item.pk for item in values[name]}:
                changed.append(name)
    if "links" in values:
        links = [
            ProjectLink(project=project, title=title, url=url, sort_order=order)
            for order, (title, url) in enumerate(values["links"])
        ]
        for link in links:  # the model's rules (http and https only), whoever calls
            link.full_clean()
        project.links.all().delete()
        ProjectLink.objects.bulk_create(links)
        changed.append("links")
    return changed


def create_project(holder, **values):
    """A new project, owned by the holder who creates it. Where a project starts, so it
    has no state to start from (like filing a request)."""
    if not getattr(holder, "is_authenticated", False):
        raise PermissionDenied
    with transaction.atomic():
        project = Project(created_by=holder)
        _apply(project, values)
        Membership.objects.create(project=project, user=holder, role=Role.OWNER)
        record_project_event(project, holder, ProjectAction.CREATE)
    return project


@step(
    "update_project",
    label=_("Edit the project"),
    action=ProjectAction.UPDATE,
    transitions=ANY_STATE,
    allowed=permissions.can_edit,
    audience=TEAM,
)
def update_project(project, owner, **values):
    changed = _apply(project, values)
    return Outcome(details={"fields": changed})


def _member_with_email(project, email):
    return project.memberships.filter(user__email__iexact=email).exists()


@step(
    "invite_member",
    label=_("Invite a member"),
    action=ProjectAction.INVITE,
    transitions=ANY_STATE,
    allowed=permissions.can_manage_members,
    audience=TEAM,
)
def invite_member(project, owner, email, role=Role.MEMBER):
    email = email.strip().lower()
    if _member_with_email(project, email):
        raise ValidationError({"email": _("This person is already a member of the project.")})
    if role not in Role.values:
        raise ValidationError({"role": _("Choose a role.")})
    invitation = _invite(project, owner, email, role)
    return Outcome(details={"invitation": str(invitation.public_id), "role": role})


def _invite(project, by, email, role):
    # A new invitation to the same address replaces the one still pending.
    project.invitations.pending().filter(email__iexact=email).update(revoked_at=timezone.now())
    return Invitation.objects.create(
        project=project,
        email=email,
        role=role,
        invited_by=by,
        expires_at=timezone.now() + timedelta(days=settings.PROJECTS_INVITATION_DAYS),
    )


@step(
    "revoke_invitation",
    label=_("Withdraw the invitation"),
    action=ProjectAction.REVOKE_INVITATION,
    transitions=ANY_STATE,
    allowed=permissions.can_manage_members,
    audience=TEAM,
)
def revoke_invitation(project, owner, invitation):
    invitation = Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
    if invitation is None or invitation.project_id != project.pk or not invitation.is_pending:
        raise ValidationError(_("This invitation is no longer pending."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    return Outcome(details={"invitation": str(invitation.public_id)})


def _signed_in(user, project):
    return getattr(user, "is_authenticated", False) and user.is_active


@step(
    "accept_invitation",
    label=_("Join the project"),
    action=ProjectAction.JOIN,
    transitions=ANY_STATE,
    allowed=_signed_in,
    audience=TEAM,
)
def accept_invitation(project, user, invitation):
    """The invitation works for the address it was sent to, once, before it expires."""
    # Read again under the step's lock: a double click, or a revocation meanwhile.
    invitation = Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
    if invitation is None or invitation.project_id != project.pk or not invitation.is_pending:
        raise ValidationError(_("This invitation has expired or was withdrawn."))
    if invitation.email.lower() != (user.email or "").lower():
        raise ValidationError(
            _("This invitation was sent to another email address: sign in with that one.")
        )
    if permissions.is_member(user, project):
        raise ValidationError(_("You are already a member of this project."))
    Membership.objects.create(project=project, user=user, role=invitation.role)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return Outcome(details={"invitation": str(invitation.public_id), "role": invitation.role})


def _membership_now(membership):
    """The membership as it is now (removed meanwhile: None)."""
    return Membership.objects.filter(pk=membership.pk).first()


def _owners_left(project, membership):
    return project.memberships.filter(role=Role.OWNER).exclude(pk=membership.pk).exists()


def _may_remove(user, project):
    return permissions.can_manage_members(user, project) or permissions.is_member(user, project)


@step(
    "remove_member",
    label=_("Remove from the project"),
    action=ProjectAction.REMOVE_MEMBER,
    transitions=ANY_STATE,
    allowed=_may_remove,
    audience=TEAM,
)
def remove_member(project, user, membership):
    """An owner removes a member; anyone may leave; the project keeps an owner."""
    membership = _membership_now(membership)
    if membership is None or membership.project_id != project.pk:
        raise ValidationError(_("This person is not a member of the project."))
    leaving = membership.user_id == user.pk
    if not leaving and not permissions.can_manage_members(user, project):
        raise PermissionDenied
    if membership.role == Role.OWNER and not _owners_left(project, membership):
        raise ValidationError(MUST_KEEP_AN_OWNER)
    details = {"member": membership.user_id, "left": leaving}
    membership.delete()
    return Outcome(details=details)


@step(
    "change_role",
    label=_("Change the role"),
    action=ProjectAction.CHANGE_ROLE,
    transitions=ANY_STATE,
    allowed=permissions.can_manage_members,
    audience=TEAM,
)
def change_role(project, owner, membership, role):
    membership = _membership_now(membership)
    if membership is None or membership.project_id != project.pk:
        raise ValidationError(_("This person is not a member of the project."))
    if role not in Role.values:
        raise ValidationError({"role": _("Choose a role.")})
    demoting = role != Role.OWNER and membership.role == Role.OWNER
    if demoting and not _owners_left(project, membership):
        raise ValidationError(MUST_KEEP_AN_OWNER)
    membership.role = role
    membership.save(update_fields=["role"])
    return Outcome(details={"member": membership.user_id, "role": role})


def _not_shown(project, user):
    return _("The project is already on the showcase.") if project.showcase_consent else None


def _shown(project, user):
    return None if project.showcase_consent else _("The project is not on the showcase.")


# The owner's consent to the showcase, given or withdrawn: `projects/showcase.py` writes
# the public page once the step is committed, and takes it down within the step.
@step(
    "show_on_showcase",
    label=_("Show on the public showcase"),
    action=ProjectAction.SHOWCASE,
    transitions=ANY_STATE,
    allowed=permissions.can_edit,
    audience=TEAM,
    preconditions=(_not_shown,),
)
def show_on_showcase(project, owner):
    showcase.set_consent(project, True)
    return Outcome()


@step(
    "hide_from_showcase",
    label=_("Take off the public showcase"),
    action=ProjectAction.HIDE,
    transitions=ANY_STATE,
    allowed=permissions.can_edit,
    audience=TEAM,
    preconditions=(_shown,),
)
def hide_from_showcase(project, owner):
    showcase.set_consent(project, False)  # the page is taken down at once
    return Outcome()


def _ownerless(project, user):
    if project.memberships.filter(role=Role.OWNER).exists():
        return _("The project has an owner: they manage its team.")
    return None


# A project loses its last owner only when that person's account is erased
# (`privacy.project_erasure`: the team may not leave it ownerless). A coordinator then
# names a member owner, or invites someone to become its owner; the step stays open
# until an owner is in place.
@step(
    "appoint_owner",
    label=_("Appoint an owner"),
    action=ProjectAction.APPOINT_OWNER,
    transitions=ANY_STATE,
    allowed=permissions.is_coordinator,
    preconditions=(_ownerless,),
    form_class=forms.AppointOwnerForm,
)
def appoint_owner(project, coordinator, member=None, email=""):
    email = (email or "").strip().lower()
    if bool(member) == bool(email):
        raise ValidationError(_("Choose a member of the team, or give an email address."))
    if email:
        try:
            validate_email(email)
        except ValidationError as invalid:
            raise ValidationError({"email": invalid.messages}) from None
        member = project.memberships.filter(user__email__iexact=email).first()
    if member is not None:
        membership = _membership_now(member)
        if membership is None or membership.project_id != project.pk:
            raise ValidationError({"member": _("This person is not a member of the project.")})
        membership.role = Role.OWNER
        membership.save(update_fields=["role"])
        return Outcome(details={"member": membership.user_id, "role": Role.OWNER})
    invitation = _invite(project, coordinator, email, Role.OWNER)
    return Outcome(details={"invitation": str(invitation.public_id), "role": Role.OWNER})
