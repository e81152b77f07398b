from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ProjectAction(models.TextChoices):
    CREATE = "create", _("Project created")
    UPDATE = "update", _("Project updated")
    INVITE = "invite", _("Member invited")
    REVOKE_INVITATION = "revoke_invitation", _("Invitation withdrawn")
    JOIN = "join", _("Member joined")
    REMOVE_MEMBER = "remove_member", _("Member removed")
    CHANGE_ROLE = "change_role", _("Member's role changed")
    SHOWCASE = "showcase", _("Shown on the showcase")
    HIDE = "hide", _("Taken off the showcase")
    SUBMIT = "submit_evaluation", _("Submitted to Commission 15 for evaluation")
    ASSIGN = "assign_evaluator", _("Evaluator assigned")
    VOLUNTEER = "volunteer", _("Evaluator took part")
    SCORE = "score", _("Evaluation scored")
    DECIDE = "decide", _("Commission 15 decided")
    WITHDRAW = "withdraw_evaluation", _("Evaluation withdrawn")
    APPOINT_OWNER = "appoint_owner", _("Owner appointed")
    ANONYMISED = "anonymised", _("A person's data erased")


# The Commission's steps (the catalogue's COMMISSION steps but a coordinator's
# appointment of an owner, read as the programme's; a test holds the two together): the
# team reads them as taken by "Commission 15", never by a person.
COMMISSION_ACTIONS = frozenset(
    {
        ProjectAction.SUBMIT,
        ProjectAction.ASSIGN,
        ProjectAction.VOLUNTEER,
        ProjectAction.SCORE,
        ProjectAction.DECIDE,
        ProjectAction.WITHDRAW,
    }
)


class ProjectEventQuerySet(models.QuerySet):
    def readable_by_team(self):
        """What the project's team may read of its timeline: everything but the
        Commission's internal steps."""
        return self.filter(internal=False)


class ProjectEvent(models.Model):
    """One step of a project's history: who did what, when, with which comment."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="events")
    evaluation = models.ForeignKey(
        "projects.Evaluation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="events",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
    )
    action = models.CharField(_("action"), max_length=30, choices=ProjectAction.choices)
    comment = models.TextField(_("comment"), blank=True)
    # Internal events (assignments, scores) are never shown or sent to the team.
    internal = models.BooleanField(_("internal"), default=False)
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    objects = ProjectEventQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("project event")
        verbose_name_plural = _("project events")

    def __str__(self):
        return f"{self.get_action_display()} ({self.created_at:%Y-%m-%d %H:%M})"
