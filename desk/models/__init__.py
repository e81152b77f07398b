"""Request desk models: the request, its timeline, attachments, routing, outbox, audit
log, and the record of allauth's emails."""

from .account_emails import AccountEmail
from .attachments import Attachment
from .audit import RequestLogEntry
from .events import RequestEvent
from .holder_profiles import HolderProfile
from .notifications import Notification
from .requests import HowToRequest
from .routing import RoutingRule

__all__ = [
    "AccountEmail",
    "Attachment",
    "HolderProfile",
    "HowToRequest",
    "Notification",
    "RequestEvent",
    "RequestLogEntry",
    "RoutingRule",
]
