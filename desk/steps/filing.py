"""A holder files a request: where every request's life starts."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import formats, timezone

from projects import permissions as project_permissions
from projects.steps import create_project
from projects.titles import title_from_description

from ..deadlines import add_working_days
from ..models import HowToRequest
from ..models.events import Action
from ..timeline import record_event
from .base import attach


@transaction.atomic
def file_request(holder, data, files=(), language="fr"):
    """File a request for `holder`. `data` is a form's `request_data()`; `files` pairs of
    (uploaded file, validated AttachmentInfo). The request joins `data["project"]`, one
    of the holder's projects, whose description it keeps (`project_snapshot`) where
    `data` gives none, or a new project described by the request's own fields."""
    if not (holder.is_authenticated and holder.is_active):
        raise PermissionDenied
    data = dict(data)
    project = data.pop("project", None)
    if project is None:
        priorities = data.pop("priorities")
        project = _new_project(holder, data, priorities)
    elif not project_permissions.is_member(holder, project):
        raise PermissionDenied  # only the project's team files requests in it
    else:
        data = {**project_snapshot(project), **data}
        priorities = data.pop("priorities")
    how_to_request = HowToRequest(holder=holder, language=language, project=project, **data)
    how_to_request.due_date = add_working_days(
        timezone.localdate(), settings.DESK_QUALIFICATION_DAYS
    )
    how_to_request.save()
    how_to_request.priorities.set(priorities)
    event = record_event(how_to_request, holder, Action.SUBMIT)
    attach(how_to_request, event, files, holder)
    return how_to_request


def _funding(project):
    amount = ""
    if project.funding_sought is not None:
        amount = f"{formats.number_format(project.funding_sought, 0, force_grouping=True)} €"
    text = "\n".join(part for part in (amount, project.funding_details) if part)
    return text[: HowToRequest._meta.get_field("funding_sought").max_length]


def project_snapshot(project):
    """What a request filed in an existing project keeps of it, as it is that day (the
    request's copy is what its experts read; the project may change since)."""
    return {
        "project_description": project.summary,
        "territory": project.territory,
        "stage": project.stage,
        "partners": project.partners,
        "funding_sought": _funding(project),
        "priorities": list(project.priorities.all()),
    }


def _new_project(holder, data, priorities):
    """The project a request describes when the holder has not chosen one of theirs."""
    return create_project(
        holder,
        title=title_from_description(data.get("project_description", ""), data["title"]),
        summary=data.get("project_description", ""),
        territory=data["territory"],
        stage=data["stage"],
        partners=data.get("partners", ""),
        funding_details=data.get("funding_sought", ""),
        priorities=list(priorities),
    )
