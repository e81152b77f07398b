"""A holder files a request: where every request's life starts."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from ..deadlines import add_working_days
from ..models import HowToRequest
from ..models.events import Action
from ..timeline import record_event
from .base import attach


@transaction.atomic
def file_request(holder, data, files=(), language="fr"):
    """File a request for `holder`. `data` is a form's `request_data()`; `files` pairs of
    (uploaded file, validated AttachmentInfo)."""
    if not (holder.is_authenticated and holder.is_active):
        raise PermissionDenied
    data = dict(data)
    priorities = data.pop("priorities")
    how_to_request = HowToRequest(holder=holder, language=language, **data)
    how_to_request.due_date = add_working_days(
        timezone.localdate(), settings.DESK_QUALIFICATION_DAYS
    )
    how_to_request.save()
    how_to_request.priorities.set(priorities)
    event = record_event(how_to_request, holder, Action.SUBMIT)
    attach(how_to_request, event, files, holder)
    return how_to_request
