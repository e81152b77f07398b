"""Request desk models: the request, its timeline, attachments, routing and outbox."""

from .attachments import Attachment
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
    "RoutingRule",
]
