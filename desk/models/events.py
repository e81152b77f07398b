from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..states import Status


class Action(models.TextChoices):
    SUBMIT = "submit", _("Request filed")
    COMMON_LAW = "common_law", _("Answered by ordinary policies")
    DUPLICATE = "duplicate", _("Merged into an earlier request")
    DUPLICATE_RECEIVED = "duplicate_received", _("A duplicate was merged here")
    ASK_CLARIFICATION = "ask_clarification", _("Clarification asked")
    ROUTE = "route", _("Routed to expert bodies")
    CLAIM = "claim", _("Taken in charge")
    ASK_HOLDER = "ask_holder", _("Question asked of the holder")
    HOLDER_REPLY = "holder_reply", _("Holder replied")
    HAND_OVER = "hand_over", _("Handed over")
    NOTE = "note", _("Internal note")
    ANSWER = "answer", _("Answer sent")
    APPROVE_ANSWER = "approve_answer", _("Answer approved")
    RETURN_ANSWER = "return_answer", _("Answer sent back to the expert")
    ACCEPT = "accept", _("Answer accepted")
    FOLLOW_UP = "follow_up", _("Follow-up question")
    PUBLISH = "publish", _("Q&A page drafted for publication")
    ANONYMISED = "anonymised", _("Holder's personal data erased")
    LINK_ROADMAP_ACTIONS = "link_roadmap_actions", _("Linked to roadmap actions")
    # Recorded by the desk itself (`desk.publication`): a consented, accepted answer's
    # Q&A page drafted and sent to review, or why not; the page gone live.
    QA_DRAFTED = "qa_drafted", _("Q&A page drafted, waiting for review")
    QA_DRAFT_FAILED = "qa_draft_failed", _("Q&A page could not be drafted: draft it by hand")
    QA_PUBLISHED = "qa_published", _("Q&A page published")
    EDIT = "edit", _("Request edited by the holder")
    WITHDRAW = "withdraw", _("Request withdrawn by the holder")
    # Sent by the desk itself (`desk.reminders`), once per request and deadline: internal.
    REMIND = "remind", _("Deadline reminder")
    ESCALATE = "escalate", _("Overdue: escalated to the coordinators")
    # Recorded by the desk itself (`desk.citations`), once per cited page and change.
    CITED_PAGE_CHANGED = "cited_page_changed", _("A page the answer cites has changed")


# Steps only the request's holder takes: once their account is deleted (actor NULL),
# these still say "the project holder" rather than nobody.
HOLDER_ACTIONS = frozenset(
    {
        Action.SUBMIT,
        Action.HOLDER_REPLY,
        Action.ACCEPT,
        Action.FOLLOW_UP,
        Action.EDIT,
        Action.WITHDRAW,
    }
)


class RequestEventQuerySet(models.QuerySet):
    def readable_by_holder(self):
        """What the holder may read of the timeline (on their page, in the API, in their
        data export): everything but internal events."""
        return self.filter(internal=False)


class RequestEvent(models.Model):
    """One step of a request's timeline: who did what, when, with which comment."""

    request = models.ForeignKey(
        "desk.HowToRequest", on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    # Internal events (notes, routing details) are never shown or sent to holders.
    internal = models.BooleanField(_("internal"), default=False)
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    objects = RequestEventQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("request event")
        verbose_name_plural = _("request events")

    def __str__(self):
        return f"{self.get_action_display()} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def readable_by_holder(self):
        """The same rule as the queryset's, for one event already loaded."""
        return not self.internal

    @property
    def headline(self):
        """What the timeline and the emails say happened: the action, with the body a
        request was handed to (recorded with it), an answer sent for review as such."""
        if self.action == Action.HAND_OVER and self.details.get("to_body_name"):
            return _("Handed over to %(body)s") % {"body": self.details["to_body_name"]}
        if self.action == Action.ANSWER and self.to_status == Status.ANSWER_REVIEW:
            return _("Answer sent for review")
        if self.action == Action.CITED_PAGE_CHANGED and self.details.get("title"):
            return _("A page the answer cites has changed: “%(title)s”") % {
                "title": self.details["title"]
            }
        return self.get_action_display()

    @property
    def by_holder(self):
        return self.action in HOLDER_ACTIONS
