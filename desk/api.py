"""The request desk's JSON API (django-ninja), mounted under /api/v1/.

It calls the same forms for validation and the same steps (`desk.steps`) as
the pages do. Session authentication with CSRF; another person's request is 404.
"""

from datetime import date, datetime
from typing import Annotated, Literal
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from ninja import Field, Query, Router, Schema
from ninja import Status as HttpStatus
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.security import SessionAuth
from pydantic import StrictBool

from knowledge.models import ExpertBody, Priority, Territory
from projects.models import ProjectStage
from web import ratelimit
from web.api import BoundedPageNumberPagination, InvalidInput, answers

from . import actors, citations, permissions, steps
from .forms import (
    NOT_YOUR_PROJECT,
    AcceptForm,
    AnswerForm,
    HowToRequestForm,
    MessageForm,
    PublishForm,
)
from .models import HowToRequest
from .queues import QUEUES, queue_filter
from .states import DeadlineStage, Status

router = Router(auth=SessionAuth(csrf=True), tags=["requests"])

# What a POST may answer besides its success: an unreadable (400) or non-JSON (415)
# body, no session (401), a refused CSRF token or step (403), invalid input (422).
WRITE_ERRORS = (400, 401, 403, 415, 422)
# A step also: another person's request (404), the wrong state for it (409).
STEP_ERRORS = (*WRITE_ERRORS, 404, 409)


def _limit(name):
    """The model's length limit for a holder's text: declared there, shown here."""
    return HowToRequest._meta.get_field(name).max_length


class RequestIn(Schema):
    """Either `project` (one of your projects, whose description the request takes) or
    the new project's description: `project_description`, `priorities`, `territory`,
    `stage` (and `partners`, `funding_sought`)."""

    title: str = Field(max_length=_limit("title"))
    question: str = Field(max_length=_limit("question"))
    project: UUID | None = Field(None, description="The id of one of your projects.")
    project_description: str = Field("", max_length=_limit("project_description"))
    priorities: list[str] = Field([], description="Priority slugs.", max_length=10)
    territory: str | None = Field(None, description="A territory slug.", max_length=100)
    stage: Literal[tuple(ProjectStage.values)] | None = None
    partners: str = Field("", max_length=_limit("partners"))
    funding_sought: str = Field("", max_length=_limit("funding_sought"))
    # Only true or false: "yes" is not a consent.
    consent_to_publish: StrictBool = False


class RequestEditIn(Schema):
    """The holder's corrections before the request is qualified: only the fields given
    change (the others keep their value), checked as the filing form checks them."""

    title: str | None = Field(None, max_length=_limit("title"))
    question: str | None = Field(None, max_length=_limit("question"))
    project_description: str | None = Field(None, max_length=_limit("project_description"))
    priorities: list[str] | None = Field(None, description="Priority slugs.", max_length=10)
    territory: str | None = Field(None, description="A territory slug.", max_length=100)
    stage: Literal[tuple(ProjectStage.values)] | None = None
    partners: str | None = Field(None, max_length=_limit("partners"))
    funding_sought: str | None = Field(None, max_length=_limit("funding_sought"))
    consent_to_publish: StrictBool | None = None


class EventOut(Schema):
    action: str
    label: str
    actor: str | None
    comment: str
    internal: bool
    created_at: datetime


class ProjectRefOut(Schema):
    """The project a request belongs to (/projects/{id} for its team)."""

    id: UUID
    title: str


class RequestOut(Schema):
    id: UUID
    reference: str
    title: str
    project: ProjectRefOut
    status: str = Field(
        description="One of " + ", ".join(Status.values) + " (withdrawn: closed by the holder)."
    )
    status_label: str
    territory: str
    priorities: list[str]
    due_date: date | None = Field(
        description="The deadline of the stage `deadline_stage` names; none while the "
        "holder has the ball, once answered and once closed."
    )
    deadline_stage: Literal[tuple(DeadlineStage.values)] | None = Field(
        description="What `due_date` is expected by: `qualification` (a coordinator "
        "qualifies and routes the request) or `answer` (an expert answers)."
    )
    deadline_label: str | None = Field(
        description="The same, in words: “Qualification expected by”, “Answer expected by”."
    )
    created_at: datetime

    # Listings give model instances, the detail a ready dict: read both.
    @staticmethod
    def resolve_id(obj):
        return obj["id"] if isinstance(obj, dict) else obj.public_id

    @staticmethod
    def resolve_project(obj):
        return obj["project"] if isinstance(obj, dict) else _project_ref(obj)

    @staticmethod
    def resolve_status_label(obj):
        return obj["status_label"] if isinstance(obj, dict) else str(obj.get_status_display())

    @staticmethod
    def resolve_deadline_stage(obj):
        return obj["deadline_stage"] if isinstance(obj, dict) else obj.deadline_stage

    @staticmethod
    def resolve_deadline_label(obj):
        if isinstance(obj, dict):
            return obj["deadline_label"]
        return str(obj.deadline_stage.label) if obj.deadline_stage else None

    @staticmethod
    def resolve_territory(obj):
        return obj["territory"] if isinstance(obj, dict) else obj.territory.slug

    @staticmethod
    def resolve_priorities(obj):
        if isinstance(obj, dict):
            return obj["priorities"]
        return [priority.slug for priority in obj.priorities.all()]


class CitedPageOut(Schema):
    """A guide or Q&A page the answer relies on."""

    id: int
    title: str
    url: str


class RequestDetailOut(RequestOut):
    question: str
    project_description: str
    stage: str
    partners: str
    funding_sought: str
    consent_to_publish: bool
    bodies: list[str]
    answer: str | None
    citations: list[CitedPageOut] = Field(
        description="The pages the latest answer relies on, in its order; shown with "
        "the answer (to the holder once it is theirs to read)."
    )
    events: list[EventOut]


def _form_limit(form_class, name):
    return form_class.base_fields[name].max_length


STEP_ANSWERS = answers(200, RequestDetailOut, *STEP_ERRORS)


class MessageIn(Schema):
    message: str = Field(max_length=_form_limit(MessageForm, "message"))


class CommentIn(Schema):
    comment: str = Field("", max_length=_form_limit(AcceptForm, "comment"))


class AcceptIn(CommentIn):
    rating: int | None = Field(
        None, ge=1, le=5, description="How useful the answer was, 1 to 5 (optional)."
    )


# Ids in range: a number beyond the database's integers is a 422, not an overflow (500).
RowId = Annotated[int, Field(ge=1, le=2**63 - 1)]
PageId = Annotated[int, Field(ge=1, le=citations.MAX_PAGE_ID)]


class RequestStepIn(Schema):
    """Fields a staff step may take; each step uses the ones it needs. (Not `StepIn`:
    the OpenAPI schema names its components by class, and the portfolio's has that name.)"""

    comment: str = Field("", max_length=_form_limit(AnswerForm, "comment"))
    bodies: list[str] = Field([], description="Expert body slugs (route).", max_length=20)
    body: str | None = Field(None, description="An expert body slug (hand_over).", max_length=100)
    original: str | None = Field(None, description="A reference (duplicate).", max_length=20)
    title: str | None = Field(None, max_length=_form_limit(PublishForm, "title"))
    question: str | None = Field(None, max_length=_limit("question"))
    answer: str | None = Field(None, max_length=_form_limit(AnswerForm, "comment"))
    roadmap_actions: list[RowId] = Field(
        [], description="Roadmap action ids (link_roadmap_actions).", max_length=100
    )
    citations: list[PageId] = Field(
        [],
        description="Ids of the live, public guides and Q&A pages the answer relies on "
        "(answer), in order.",
        max_length=citations.MAX_CITATIONS,
    )


class QueueFilter(Schema):
    queue: Literal[tuple(dict(QUEUES))] | None = None
    status: Literal[tuple(Status.values)] | None = None


def _project_ref(r):
    return {"id": r.project.public_id, "title": r.project.title}


def _summary(r):
    return {
        "id": r.public_id,
        "reference": r.reference,
        "title": r.title,
        "project": _project_ref(r),
        "status": r.status,
        "status_label": str(r.get_status_display()),
        "territory": r.territory.slug,
        "priorities": [p.slug for p in r.priorities.all()],
        "due_date": r.due_date,
        "deadline_stage": r.deadline_stage,
        "deadline_label": str(r.deadline_stage.label) if r.deadline_stage else None,
        "created_at": r.created_at,
    }


def _actor_name(user, request_obj, viewer_is_staff, acting_bodies):
    if user is None:
        return None
    if user.pk == request_obj.holder_id:
        return user.get_full_name() or user.email
    if viewer_is_staff:
        return user.get_full_name() or None
    # Holders see a first name and the body acting, not the staff member's identity.
    return actors.staff_name(user, acting_bodies.get(user.pk))


def _detail(r, user):
    staff = permissions.can_see_internal(user, r)
    events = r.events.select_related("actor")
    if not staff:
        events = events.readable_by_holder()
    show_answer = staff or r.holder_may_read_answer
    events = list(events)
    acting_bodies = {} if staff else actors.acting_bodies(e.actor_id for e in events)
    return {
        **_summary(r),
        "question": r.question,
        "project_description": r.project_description,
        "stage": r.stage,
        "partners": r.partners,
        "funding_sought": r.funding_sought,
        "consent_to_publish": r.consent_to_publish,
        "bodies": [b.slug for b in r.bodies.all()],
        "answer": r.answer if show_answer and r.answer else None,
        "citations": _cited_pages(r) if show_answer and r.answer else [],
        "events": [
            {
                "action": e.action,
                "label": str(e.headline),
                "actor": _actor_name(e.actor, r, staff, acting_bodies),
                "comment": e.comment,
                "internal": e.internal,
                "created_at": e.created_at,
            }
            for e in events
        ],
    }


def _cited_pages(r):
    return [
        {"id": cited.page_id, "title": cited.page.title, "url": cited.page.get_url() or ""}
        for cited in citations.latest_answer_citations(r)
    ]


def _visible(request, public_id):
    r = get_object_or_404(
        HowToRequest.objects.select_related("territory", "holder", "project").prefetch_related(
            "bodies"
        ),
        public_id=public_id,
    )
    if not permissions.can_view(request.auth, r):
        raise Http404
    return r


def _form_errors(form):
    return {field: [str(e) for e in errors] for field, errors in form.errors.items()}


FORBIDDEN = {
    steps.HOLDER: "Only the holder takes this step.",
    steps.STAFF: "This step is not open to you now.",
}


def _run(taken_step, step_call):
    """Take the step; if the request changed since it was checked (another person's
    step in between), the step's own check refuses it as 409 or 403."""
    try:
        return step_call()
    except steps.TransitionError as error:
        raise HttpError(409, str(error.message)) from error
    except PermissionDenied as error:
        raise HttpError(403, FORBIDDEN[taken_step.audience]) from error


@router.post("/requests", response=answers(201, RequestDetailOut, *WRITE_ERRORS, 429))
def submit(request, payload: RequestIn):
    """File a how-to request (attachments are added from the site's form), in one of
    your projects (`project`) or in a new one its fields describe.

    Limited per person, with the site's form (TRIHUB_RATE_LIMITS["request_submit"]):
    over it, 429 with Retry-After."""
    data = payload.dict()
    data["priorities"] = list(
        Priority.objects.filter(slug__in=data["priorities"]).values_list("pk", flat=True)
    )
    territory = Territory.objects.filter(slug=data["territory"]).first()
    data["territory"] = territory.pk if territory else None
    form = HowToRequestForm(data, holder=request.auth)
    if data["project"] is not None and "project" not in form.fields:
        # No project of theirs to choose from: a forged id, or another person's.
        raise InvalidInput({"project": [str(NOT_YOUR_PROJECT)]})
    if not form.is_valid():
        raise InvalidInput(_form_errors(form))
    ratelimit.check_api(request, "request_submit", per="user")
    r = steps.file_request(request.auth, form.request_data(), language=get_language() or "fr")
    return HttpStatus(201, _detail(r, request.auth))


@router.get("/requests", response=answers(200, list[RequestOut], 401, 422))
@paginate(BoundedPageNumberPagination, page_size=20)
def list_mine(request):
    """The signed-in holder's requests and those of their projects' teams, newest first."""
    return (
        permissions.holder_requests(request.auth)
        .select_related("territory", "project")
        .prefetch_related("priorities")
        .order_by("-created_at", "-pk")
    )


@router.get("/requests/{uuid:public_id}", response=answers(200, RequestDetailOut, 401, 404))
def detail(request, public_id: UUID):
    """A request with its timeline (internal events only for staff)."""
    return _detail(_visible(request, public_id), request.auth)


@router.get("/queue", response=answers(200, list[RequestOut], 401, 403, 422))
@paginate(BoundedPageNumberPagination, page_size=25)
def queue(request, filters: Query[QueueFilter]):
    """Staff queue: the requests of the expert's bodies, all of them for coordinators.

    `queue` is one of unassigned, mine, waiting, overdue, open."""
    if not permissions.is_staff_member(request.auth):
        raise HttpError(403, "The queue is for coordinators and experts.")
    queryset = permissions.staff_requests(request.auth)
    if filters.queue:
        queryset = queue_filter(queryset, request.auth, filters.queue)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    return (
        queryset.select_related("territory", "project")
        .prefetch_related("priorities")
        .order_by("due_date", "-created_at")
    )


def _query(step_name, values):
    """JSON fields as the step's form reads a browser's: prefixed, lists kept as lists."""
    query = QueryDict(mutable=True)
    for key, value in values.items():
        if isinstance(value, list):
            query.setlist(f"{step_name}-{key}", value)
        elif value is not None:
            query[f"{step_name}-{key}"] = value
    return query


def _take(request, request_obj, taken_step, values):
    """Refuse as the catalogue says (403: not yours to take; 409: not in this state),
    validate with the step's form as its page does, then take it."""
    refusal = taken_step.refusal(request_obj, request.auth)
    if isinstance(refusal, PermissionDenied):
        raise HttpError(403, FORBIDDEN[taken_step.audience])
    if refusal is not None:
        raise HttpError(409, str(refusal.message))
    form = taken_step.form(request_obj, _query(taken_step.name, values), user=request.auth)
    if not form.is_valid():
        raise InvalidInput(_form_errors(form))
    _run(taken_step, lambda: taken_step.take_with_form(request_obj, request.auth, form))
    request_obj.refresh_from_db()
    return _detail(request_obj, request.auth)


def _holder_step(request, public_id, holder_step, payload):
    return _take(request, _visible(request, public_id), holder_step, payload.dict())


@router.post("/requests/{uuid:public_id}/reply", response=STEP_ANSWERS)
def reply(request, public_id: UUID, payload: MessageIn):
    """The holder answers a clarification or an expert's question."""
    return _holder_step(request, public_id, steps.reply, payload)


@router.post("/requests/{uuid:public_id}/accept", response=STEP_ANSWERS)
def accept(request, public_id: UUID, payload: AcceptIn):
    """The holder accepts the answer, rating it from 1 to 5 if they wish."""
    return _holder_step(request, public_id, steps.accept_answer, payload)


@router.post("/requests/{uuid:public_id}/follow-up", response=STEP_ANSWERS)
def follow_up(request, public_id: UUID, payload: MessageIn):
    """The holder's one follow-up question, back to the same expert."""
    return _holder_step(request, public_id, steps.follow_up, payload)


@router.post("/requests/{uuid:public_id}/edit", response=STEP_ANSWERS)
def edit(request, public_id: UUID, payload: RequestEditIn):
    """The holder corrects the request until a coordinator qualifies it (status
    submitted or clarification; else 409). Only the fields given change."""
    r = _visible(request, public_id)
    given = payload.dict(exclude_none=True)
    values = {**steps.edit_request.initial(r), **given}
    if "priorities" in given:
        values["priorities"] = list(
            Priority.objects.filter(slug__in=given["priorities"]).values_list("pk", flat=True)
        )
    else:
        values["priorities"] = [priority.pk for priority in values["priorities"]]
    if "territory" in given:
        territory = Territory.objects.filter(slug=given["territory"]).first()
        values["territory"] = territory.pk if territory else ""
    # A form reads an unticked box as absent.
    values["consent_to_publish"] = "on" if values["consent_to_publish"] else None
    values["priorities"] = [str(pk) for pk in values["priorities"]]
    return _take(request, r, steps.edit_request, values)


@router.post("/requests/{uuid:public_id}/withdraw", response=STEP_ANSWERS)
def withdraw(request, public_id: UUID, payload: CommentIn):
    """The holder withdraws the request while it is open: it is closed (withdrawn), and
    the expert in charge and the coordinators are told."""
    return _holder_step(request, public_id, steps.withdraw, payload)


StepName = Literal[tuple(staff_step.name for staff_step in steps.STAFF_STEPS)]


@router.post("/requests/{uuid:public_id}/steps/{step}", response=STEP_ANSWERS)
def staff_step(request, public_id: UUID, step: StepName, payload: RequestStepIn):
    """A coordinator's or expert's step: route, ask_clarification, common_law,
    duplicate, claim, answer, ask_holder, hand_over, approve_answer, return_answer,
    publish, note, link_roadmap_actions. Body fields: `comment` (most steps; the
    answer for `answer`), `bodies` (route: body slugs), `body` (hand_over: a body
    slug), `original` (duplicate: a reference such as D-2026-00012),
    `title`/`question`/`answer` (publish), `roadmap_actions` (link_roadmap_actions:
    the ids of all the actions the request advances; none unlinks them), `citations`
    (answer: the ids of the guides and Q&A pages it relies on, checked as the answer
    form checks them)."""
    r = _visible(request, public_id)
    taken_step = steps.BY_NAME[step]
    values = payload.dict()
    values["bodies"] = [
        str(pk)
        for pk in ExpertBody.objects.filter(slug__in=values["bodies"]).values_list("pk", flat=True)
    ]
    body = ExpertBody.objects.filter(slug=values["body"]).first() if values["body"] else None
    values["body"] = str(body.pk) if body else ""
    values["roadmap_actions"] = [str(pk) for pk in values["roadmap_actions"]]
    values["citations"] = [str(pk) for pk in values["citations"]]
    return _take(request, r, taken_step, values)
