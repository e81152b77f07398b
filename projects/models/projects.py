"""A project of the programme, and its team: who belongs to it and who was invited.

Sharing is Plone-like and has two roles: members see the project and its requests and
file requests in it; owners also edit it and manage its members. Who may do what is in
`projects/permissions.py`; nothing here decides it.
"""

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator, URLValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ProjectStage(models.TextChoices):
    IDEA = "idea", _("Idea")
    DESIGN = "design", _("Design")
    FINANCING = "financing", _("Looking for funding")
    WORKS = "works", _("Being carried out")
    RUNNING = "running", _("In operation")


class ProjectQuerySet(models.QuerySet):
    def of_member(self, user):
        """The projects `user` belongs to, whatever their role."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(memberships__user=user).distinct()

    def on_showcase(self):
        """What the public showcase may list: the owner consented."""
        return self.filter(showcase_consent=True)


class Project(models.Model):
    # What the URLs and the API expose: not guessable, unlike the primary key.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=5_000)
    organisations = models.TextField(
        _("holder organisations"),
        blank=True,
        max_length=2_000,
        help_text=_("The organisations carrying the project, one per line."),
    )
    territory = models.ForeignKey(
        "knowledge.Territory",
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("territory"),
    )
    priorities = models.ManyToManyField(
        "knowledge.Priority", related_name="projects", verbose_name=_("priorities")
    )
    pillars = models.ManyToManyField(
        "knowledge.PillarPage",
        blank=True,
        related_name="projects",
        verbose_name=_("master-plan pillars mobilised"),
    )
    roadmap_actions = models.ManyToManyField(
        "knowledge.RoadmapAction",
        blank=True,
        related_name="projects",
        verbose_name=_("roadmap actions it advances"),
    )
    stage = models.CharField(_("stage"), max_length=20, choices=ProjectStage.choices)
    budget = models.DecimalField(
        _("total budget (€)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    funding_sought = models.DecimalField(
        _("funding sought (€)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    funding_details = models.TextField(_("funding sought: details"), blank=True, max_length=2_000)
    partners = models.TextField(_("partners"), blank=True, max_length=2_000)
    expected_effects = models.TextField(_("expected effects"), blank=True, max_length=5_000)
    # The owner's consent to show the project on the public showcase (never scores,
    # evaluators' notes or personal data: see projects/showcase.py).
    showcase_consent = models.BooleanField(
        _("show the project on the public showcase"), default=False
    )
    showcase_consent_at = models.DateTimeField(null=True, blank=True)
    showcase_page = models.OneToOneField(
        "knowledge.ProjectPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("showcase page"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        permissions = [
            ("manage_portfolio", _("Can manage the portfolio: submit projects for evaluation")),
            ("evaluate_project", _("Can evaluate projects as a member of Commission 15")),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("projects:detail", args=[self.public_id])

    @property
    def reference(self):
        return f"P-{self.created_at:%Y}-{self.pk or 0:05d}"

    def organisation_list(self):
        return [line.strip() for line in self.organisations.splitlines() if line.strip()]


class ProjectLink(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(_("title"), max_length=200)
    # Shown as links to everyone who sees the project: web addresses only.
    url = models.URLField(
        _("address"), max_length=500, validators=[URLValidator(schemes=["http", "https"])]
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("link")
        verbose_name_plural = _("links")

    def __str__(self):
        return self.title


class Role(models.TextChoices):
    # "Owner" alone is Wagtail's page owner ("Auteur") in French.
    OWNER = "owner", pgettext_lazy("project role", "Owner")
    MEMBER = "member", pgettext_lazy("project role", "Member")


class Membership(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="project_memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(_("joined at"), default=timezone.now)

    class Meta:
        ordering = ["project", "-role", "joined_at", "pk"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="projects_one_membership")
        ]

    def __str__(self):
        return f"{self.user} – {self.project} ({self.role})"

    @property
    def is_owner(self):
        return self.role == Role.OWNER


class InvitationQuerySet(models.QuerySet):
    def pending(self, now=None):
        now = now or timezone.now()
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now)


class Invitation(models.Model):
    """An owner's invitation to join the project, sent by email to someone who may not
    have an account yet. The link carries a signed reference to `public_id`, so nothing
    secret is stored; it works once, until it expires or is revoked."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email"))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.email} → {self.project}"

    @property
    def is_pending(self):
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )
