"""Request desk models: the request, its timeline, attachments, routing, outbox and
audit log."""

from .attachments import Attachment
from .audit import RequestLogEntry
from .events import RequestEvent
from .notifications import Notification
from .requests import HowToRequest, ProjectStage
from .routing import RoutingRule

__all__ = [
    "Attachment",
    "HowToRequest",
    "Notification",
    "ProjectStage",
    "RequestEvent",
    "RequestLogEntry",
    "RoutingRule",
]
