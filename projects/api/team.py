"""The team's side of the projects API: a holder's projects, their members and
invitations, the showcase consent, and Commission 15's decision once taken.

Session authentication with CSRF, as the desk's holder operations. A project is its
team's alone: to anyone else it answers 404, as another person's request does. Owners
edit it and manage its team (`projects.permissions`), through the steps of
`projects.steps`. The team never reads a score, an evaluator's note or name, nor the
Commission's internal steps; an evaluation still being scored shows as "being
evaluated", whatever its progress.
"""

from datetime import datetime
from decimal import Decimal
from typing import Literal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db.models import OuterRef, Subquery
from django.http import Http404
from ninja import Field, Router, Schema
from ninja import Status as HttpStatus
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.security import SessionAuth

from knowledge.models import PillarPage, Priority, Territory
from web import ratelimit
from web.api import BoundedPageNumberPagination, InvalidInput, answers

from .. import permissions, steps
from ..models import Invitation, Membership, Project, ProjectStage, Role
from ..states import latest_decision, team_state, with_latest_evaluations
from ..timeline import actor_for_team
from .common import (
    DELETE_ERRORS,
    WRITE_ERRORS,
    LazyRows,
    clean_texts,
    create,
    find_by_opaque_id,
    opaque_id,
    take,
)

router = Router(auth=SessionAuth(csrf=True), tags=["projects"])

MEMBER = "member"
TEXTS = (
    "title",
    "summary",
    "organisations",
    "funding_details",
    "partners",
    "expected_effects",
)
NOT_OWNER = "Only the project's owners manage its invitations."
UNNAMED = "A member of the team"


def _limit(name):
    """The model's length limit: declared there, shown in the schema."""
    return Project._meta.get_field(name).max_length


Amount = Field(None, ge=0, max_digits=14, decimal_places=2, description="Euros.")


class LinkIn(Schema):
    title: str = Field(min_length=1, max_length=200)
    url: str = Field(max_length=500, description="An http or https address.")


class ProjectIn(Schema):
    title: str = Field(max_length=_limit("title"))
    summary: str = Field(max_length=_limit("summary"))
    organisations: str = Field(
        "", max_length=_limit("organisations"), description="One organisation per line."
    )
    territory: str = Field(description="A territory slug.", max_length=120)
    priorities: list[str] = Field(description="Priority slugs.", min_length=1, max_length=10)
    pillars: list[str] = Field([], description="Master-plan pillar slugs.", max_length=20)
    stage: Literal[tuple(ProjectStage.values)]
    budget: Decimal | None = Amount
    funding_sought: Decimal | None = Amount
    funding_details: str = Field("", max_length=_limit("funding_details"))
    partners: str = Field("", max_length=_limit("partners"))
    expected_effects: str = Field("", max_length=_limit("expected_effects"))
    links: list[LinkIn] = Field([], max_length=20)


class LinkOut(Schema):
    title: str
    url: str


class DecisionOut(Schema):
    decision: str
    label: str
    public_justification: str
    opinion: str = Field(description="Commission 15's consolidated opinion, for the team.")
    decided_at: datetime | None


class EventOut(Schema):
    action: str
    label: str
    actor: str | None
    comment: str
    created_at: datetime


class ProjectOut(Schema):
    id: UUID
    reference: str
    title: str
    summary: str
    territory: str
    priorities: list[str]
    stage: str
    stage_label: str
    role: str = Field(description="Your role in the team: owner or member.")
    evaluation_state: str
    evaluation_state_label: str
    showcase: bool = Field(description="The owners consented to the public showcase.")
    created_at: datetime


class ProjectDetailOut(ProjectOut):
    organisations: list[str]
    pillars: list[str]
    budget: Decimal | None
    funding_sought: Decimal | None
    funding_details: str
    partners: str
    expected_effects: str
    links: list[LinkOut]
    decision: DecisionOut | None = Field(description="The latest decision, once taken.")
    open_steps: list[str] = Field(description="The team's steps you may take now.")
    events: list[EventOut]


class MemberOut(Schema):
    id: UUID
    name: str
    email: str | None = Field(description="Shown to the project's owners (and yourself).")
    role: str
    role_label: str
    joined_at: datetime
    is_me: bool


class RoleIn(Schema):
    role: Literal[tuple(Role.values)]


class InvitationIn(Schema):
    email: str = Field(max_length=254)
    role: Literal[tuple(Role.values)] = Role.MEMBER


class InvitationOut(Schema):
    id: UUID
    email: str
    role: str
    created_at: datetime
    expires_at: datetime


class TeamRows(LazyRows):
    """The list's rows, the latest evaluation of the page's projects fetched at once, so
    that the team's state (`states.team_state`) asks nothing more of each row."""

    def __getitem__(self, window):
        return [self.row(item) for item in with_latest_evaluations(self.queryset[window])]


def _role(project, user):
    if hasattr(project, "my_role"):  # annotated by the list
        return project.my_role or MEMBER
    membership = permissions.membership_of(user, project)
    return membership.role if membership else MEMBER


def _summary(project, user):
    state = team_state(project)
    return {
        "id": project.public_id,
        "reference": project.reference,
        "title": project.title,
        "summary": project.summary,
        "territory": project.territory.slug,
        "priorities": [priority.slug for priority in project.priorities.all()],
        "stage": project.stage,
        "stage_label": str(project.get_stage_display()),
        "role": _role(project, user),
        "evaluation_state": state.value,
        "evaluation_state_label": str(state.label),
        "showcase": project.showcase_consent,
        "created_at": project.created_at,
    }


def _decision(project):
    evaluation = latest_decision(project)
    if evaluation is None:
        return None
    return {
        "decision": evaluation.decision,
        "label": str(evaluation.get_decision_display()),
        "public_justification": evaluation.public_justification,
        "opinion": evaluation.opinion,
        "decided_at": evaluation.decided_at,
    }


def detail(project, user):
    events = project.events.readable_by_team().select_related("actor")
    team_ids = set(project.memberships.values_list("user_id", flat=True))
    return {
        **_summary(project, user),
        "organisations": project.organisation_list(),
        "pillars": [pillar.slug for pillar in project.pillars.all()],
        "budget": project.budget,
        "funding_sought": project.funding_sought,
        "funding_details": project.funding_details,
        "partners": project.partners,
        "expected_effects": project.expected_effects,
        "links": [{"title": link.title, "url": link.url} for link in project.links.all()],
        "decision": _decision(project),
        "open_steps": [
            declared.name
            for declared in steps.open_steps(project, user, steps.TEAM)
            if declared is not steps.accept_invitation
        ],
        "events": [
            {
                "action": event.action,
                "label": str(event.get_action_display()),
                "actor": actor_for_team(event, team_ids),
                "comment": event.comment,
                "created_at": event.created_at,
            }
            for event in events
        ],
    }


def _team_project(request, project_id):
    """The project, to its team only: 404 to anyone else."""
    project = Project.objects.select_related("territory").filter(public_id=project_id).first()
    if project is None or not permissions.is_member(request.auth, project):
        raise Http404
    return project


def _by_slug(queryset, slugs, field, message):
    found = list(queryset.filter(slug__in=slugs))
    if len(found) != len(set(slugs)):
        raise InvalidInput({field: [message]})
    return found


def _values(payload):
    """The step's values from the payload: slugs to objects, texts cleaned, links checked."""
    values = clean_texts(payload.dict(), TEXTS, required=("title", "summary"))
    territory = Territory.objects.filter(slug=values["territory"]).first()
    if territory is None:
        raise InvalidInput({"territory": ["Choose a territory of the list (its slug)."]})
    values["territory"] = territory
    values["priorities"] = _by_slug(
        Priority.objects.all(),
        values["priorities"],
        "priorities",
        "Choose priorities of the list (slugs).",
    )
    values["pillars"] = _by_slug(
        PillarPage.objects.live().public(),
        values["pillars"],
        "pillars",
        "Choose master-plan pillars of the list (slugs).",
    )
    check_url = URLValidator(schemes=["http", "https"])
    links = []
    for link in values["links"]:
        try:
            check_url(link["url"])
        except ValidationError as error:
            raise InvalidInput({"links": [f"{link['url'][:80]}: {error.messages[0]}"]}) from error
        links.append((link["title"].strip(), link["url"]))
    values["links"] = links
    return values


def _members(project):
    return list(project.memberships.select_related("user").order_by("-role", "joined_at", "pk"))


def _member_out(membership, viewer, shows_emails):
    """A member as the team sees them: the email if `shows_emails`
    (`permissions.sees_member_emails`), and one's own."""
    user = membership.user
    is_me = user.pk == viewer.pk
    shows_email = is_me or shows_emails
    return {
        "id": opaque_id("membership", membership.pk),
        "name": user.get_full_name() or (user.email if shows_email else UNNAMED),
        "email": user.email if shows_email else None,
        "role": membership.role,
        "role_label": str(membership.get_role_display()),
        "joined_at": membership.joined_at,
        "is_me": is_me,
    }


def _membership(project, member_id):
    membership = find_by_opaque_id("membership", _members(project), member_id)
    if membership is None:
        raise Http404
    return membership


def _owner_only(request, project):
    if not permissions.can_manage_members(request.auth, project):
        raise HttpError(403, NOT_OWNER)


def _invitation_out(invitation):
    return {
        "id": invitation.public_id,
        "email": invitation.email,
        "role": invitation.role,
        "created_at": invitation.created_at,
        "expires_at": invitation.expires_at,
    }


@router.get("/projects", response=answers(200, list[ProjectOut], 401, 422))
@paginate(BoundedPageNumberPagination, page_size=20)
def my_projects(request):
    """The projects you belong to, newest first."""
    user = request.auth
    mine = Membership.objects.filter(project=OuterRef("pk"), user=user)
    projects = (
        permissions.member_projects(user)
        .annotate(my_role=Subquery(mine.values("role")[:1]))
        .select_related("territory")
        .prefetch_related("priorities")
        .order_by("-created_at", "-pk")
    )
    return TeamRows(projects, lambda project: _summary(project, user))


@router.post("/projects", response=answers(201, ProjectDetailOut, 400, 401, 403, 415, 422))
def create_project(request, payload: ProjectIn):
    """Start a project; you are its owner."""
    project = create(request.auth, _values(payload))
    return HttpStatus(201, detail(project, request.auth))


@router.get("/projects/{uuid:project_id}", response=answers(200, ProjectDetailOut, 401, 404))
def read_project(request, project_id: UUID):
    """A project of yours, with its timeline and Commission 15's decision once taken."""
    project = _team_project(request, project_id)
    return detail(project, request.auth)


@router.put("/projects/{uuid:project_id}", response=answers(200, ProjectDetailOut, *WRITE_ERRORS))
def update_project(request, project_id: UUID, payload: ProjectIn):
    """Edit the project (owners): every field, as on its form."""
    project = _team_project(request, project_id)
    take(steps.update_project, project, request.auth, **_values(payload))
    return detail(project, request.auth)


@router.get("/projects/{uuid:project_id}/members", response=answers(200, list[MemberOut], 401, 404))
def list_members(request, project_id: UUID):
    """The team, owners first; its emails for the owners' (and coordinators') eyes only."""
    project = _team_project(request, project_id)
    shows_emails = permissions.sees_member_emails(request.auth, project)
    return [_member_out(m, request.auth, shows_emails) for m in _members(project)]


@router.put(
    "/projects/{uuid:project_id}/members/{uuid:member_id}",
    response=answers(200, MemberOut, *WRITE_ERRORS),
)
def change_role(request, project_id: UUID, member_id: UUID, payload: RoleIn):
    """Make a member an owner, or an owner a member (owners; the project keeps one)."""
    project = _team_project(request, project_id)
    membership = _membership(project, member_id)
    take(steps.change_role, project, request.auth, membership=membership, role=payload.role)
    membership.refresh_from_db()
    shows_emails = permissions.sees_member_emails(request.auth, project)
    return _member_out(membership, request.auth, shows_emails)


@router.delete(
    "/projects/{uuid:project_id}/members/{uuid:member_id}",
    response=answers(204, None, *DELETE_ERRORS),
)
def remove_member(request, project_id: UUID, member_id: UUID):
    """Remove a member (owners), or leave the project yourself; it keeps an owner."""
    project = _team_project(request, project_id)
    membership = _membership(project, member_id)
    take(steps.remove_member, project, request.auth, membership=membership)
    return HttpStatus(204, None)


@router.get(
    "/projects/{uuid:project_id}/invitations",
    response=answers(200, list[InvitationOut], 401, 403, 404),
)
def list_invitations(request, project_id: UUID):
    """The invitations still pending (owners)."""
    project = _team_project(request, project_id)
    _owner_only(request, project)
    return [_invitation_out(i) for i in project.invitations.pending().order_by("-created_at")]


@router.post(
    "/projects/{uuid:project_id}/invitations",
    response=answers(201, InvitationOut, *WRITE_ERRORS, 429),
)
def invite(request, project_id: UUID, payload: InvitationIn):
    """Invite someone by email (owners); they are told with a link that works once.

    Limited per person, with the site's form (TRIHUB_RATE_LIMITS["project_invite"]):
    over it, 429 with Retry-After."""
    project = _team_project(request, project_id)
    email = payload.email.strip()
    try:
        validate_email(email)
    except ValidationError as error:
        raise InvalidInput({"email": ["Enter a valid email address."]}) from error
    ratelimit.check_api(request, "project_invite", per="user")
    event = take(steps.invite_member, project, request.auth, email=email, role=payload.role)
    invitation = Invitation.objects.get(public_id=event.details["invitation"])
    return HttpStatus(201, _invitation_out(invitation))


@router.delete(
    "/projects/{uuid:project_id}/invitations/{uuid:invitation_id}",
    response=answers(204, None, *DELETE_ERRORS),
)
def revoke_invitation(request, project_id: UUID, invitation_id: UUID):
    """Withdraw a pending invitation (owners)."""
    project = _team_project(request, project_id)
    invitation = project.invitations.filter(public_id=invitation_id).first()
    if invitation is None:
        raise Http404
    take(steps.revoke_invitation, project, request.auth, invitation=invitation)
    return HttpStatus(204, None)


@router.post(
    "/projects/{uuid:project_id}/showcase",
    response=answers(200, ProjectDetailOut, 401, 403, 404, 409),
)
def show_on_showcase(request, project_id: UUID):
    """Consent to the public showcase (owners): its public page shows the summary,
    territory, priorities, pillars, stage and decision, never a score or a person."""
    project = _team_project(request, project_id)
    take(steps.show_on_showcase, project, request.auth)
    return detail(project, request.auth)


@router.delete(
    "/projects/{uuid:project_id}/showcase",
    response=answers(200, ProjectDetailOut, 401, 403, 404, 409),
)
def hide_from_showcase(request, project_id: UUID):
    """Withdraw the consent (owners): the public page is taken down."""
    project = _team_project(request, project_id)
    take(steps.hide_from_showcase, project, request.auth)
    return detail(project, request.auth)
