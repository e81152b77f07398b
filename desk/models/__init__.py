"""Request desk models: the request, its timeline, attachments, the pages its answers
cite, routing, outbox, audit log, and the record of allauth's emails."""

from .account_emails import AccountEmail
from .attachments import Attachment
from .audit import RequestLogEntry
from .citations import AnswerCitation
from .events import RequestEvent
from .holder_profiles import HolderProfile
from .notifications import Notification
from .requests import HowToRequest
from .routing import RoutingRule

__all__ = [
    "AccountEmail",
    "AnswerCitation",
    "Attachment",
    "HolderProfile",
    "HowToRequest",
    "Notification",
    "RequestEvent",
    "RequestLogEntry",
    "RoutingRule",
]
