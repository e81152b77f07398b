import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.models import ProjectStage

from ..roles import roles_of
from ..states import (
    ANSWER_SHOWN_TO_HOLDER,
    ANSWER_STAGE,
    CLOSED,
    QUALIFICATION_STAGE,
    WAITING_FOR_HOLDER,
    Status,
    deadline_stage,
)


class HowToRequestQuerySet(models.QuerySet):
    def seen_by_staff(self, user):
        """What a member of staff may see: every request for a coordinator, their
        bodies' requests (and any they hold) for an expert, nothing for anyone else."""
        coordinator, body_ids = roles_of(user)
        if coordinator:
            return self.all()
        if not body_ids:
            return self.none()
        routed = HowToRequest.objects.filter(bodies__in=body_ids).values("pk")
        return self.filter(models.Q(pk__in=routed) | models.Q(assignee=user))

    def open(self):
        return self.exclude(status__in=CLOSED)

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(status__in=QUALIFICATION_STAGE | ANSWER_STAGE, due_date__lt=today)


class HowToRequest(models.Model):
    """A project holder's "how do I do this?", from filing to published answer.

    State changes go through the steps of `desk.steps`, never by setting `status`.
    """

    # What the URLs and the API expose: not guessable, unlike the primary key.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="howto_requests",
        verbose_name=_("project holder"),
    )
    # Every request belongs to a project; its team (`projects.Membership`) shares it.
    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.PROTECT,
        related_name="requests",
        verbose_name=_("project"),
    )
    # The limits bound what a holder types, in the form and the API alike.
    title = models.CharField(_("title"), max_length=200)
    question = models.TextField(_("question"), max_length=5_000)
    # The project as the holder described it when filing (the project itself may change
    # since): what the experts and the Q&A draft read with the question.
    project_description = models.TextField(_("project description"), max_length=5_000)
    priorities = models.ManyToManyField(
        "knowledge.Priority", related_name="requests", verbose_name=_("priorities concerned")
    )
    territory = models.ForeignKey(
        "knowledge.Territory",
        on_delete=models.PROTECT,
        related_name="requests",
        verbose_name=_("territory"),
    )
    stage = models.CharField(_("project stage"), max_length=20, choices=ProjectStage.choices)
    partners = models.TextField(_("partners involved"), blank=True, max_length=2_000)
    funding_sought = models.TextField(_("funding sought"), blank=True, max_length=2_000)
    roadmap_actions = models.ManyToManyField(
        "knowledge.RoadmapAction",
        blank=True,
        related_name="requests",
        verbose_name=_("roadmap actions it advances"),
    )
    consent_to_publish = models.BooleanField(
        _("the answer may be published, anonymised"), default=False
    )
    language = models.CharField(_("language"), max_length=8, default="fr")

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    bodies = models.ManyToManyField(
        "knowledge.ExpertBody",
        blank=True,
        related_name="requests",
        verbose_name=_("expert bodies"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_requests",
        verbose_name=_("expert in charge"),
    )
    duplicate_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
        verbose_name=_("duplicate of"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    # Working days left when the deadline was paused for the holder.
    days_left_when_paused = models.PositiveSmallIntegerField(null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    follow_up_used = models.BooleanField(default=False)
    qa_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("published Q&A page"),
    )
    created_at = models.DateTimeField(_("filed at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    objects = HowToRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("how-to request")
        verbose_name_plural = _("how-to requests")
        permissions = [
            ("coordinate_desk", _("Can coordinate the desk: qualify, route, review, publish")),
        ]
        indexes = [
            models.Index(fields=["status", "due_date"]),
            models.Index(fields=["holder", "-created_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=Status.DUPLICATE) | models.Q(duplicate_of__isnull=False),
                name="desk_duplicate_has_original",
            ),
        ]

    def __str__(self):
        return f"{self.reference} – {self.title}"

    def get_absolute_url(self):
        return reverse("desk:detail", args=[self.public_id])

    @property
    def reference(self):
        return f"D-{self.created_at:%Y}-{self.pk or 0:05d}"

    @property
    def is_closed(self):
        return self.status in CLOSED

    @property
    def deadline_stage(self):
        """Which stage `due_date` is the deadline of (`DeadlineStage`: qualification or
        answer), or None when no deadline runs; the holder is told which."""
        return deadline_stage(self.status) if self.due_date else None

    @property
    def waiting_for_holder(self):
        return self.status in WAITING_FOR_HOLDER

    @property
    def holder_may_read_answer(self):
        """The answer is the holder's to read (not while a coordinator reviews it)."""
        return bool(self.answer) and self.status in ANSWER_SHOWN_TO_HOLDER

    def timeline(self):
        """The events, oldest first, with their actor and files fetched once for all."""
        from .attachments import Attachment

        return self.events.select_related("actor").prefetch_related(
            # A file's URL names its request: joined here, not fetched once per file.
            models.Prefetch("attachments", queryset=Attachment.objects.select_related("request"))
        )

    def is_overdue(self, today=None):
        today = today or timezone.localdate()
        return (
            self.status in QUALIFICATION_STAGE | ANSWER_STAGE
            and self.due_date is not None
            and self.due_date < today
        )
