from django.db import models
from django.utils.translation import gettext_lazy as _


class AnswerCitationQuerySet(models.QuerySet):
    def in_order(self):
        return self.order_by("event__created_at", "event_id", "position", "pk")


class AnswerCitation(models.Model):
    """A guide or Q&A page an answer relies on, as it read when the answer was written.

    `revision` is the page's live revision at answer time and never changes: it is what
    the expert read. `told_revision` is the last revision the people concerned were told
    of (`desk.citations`): each later change is compared with it, so each change is told
    once. Neither holds anything about a person: the answer's event says who answered.
    """

    request = models.ForeignKey(
        "desk.HowToRequest", on_delete=models.CASCADE, related_name="citations"
    )
    # The answer (its event): a follow-up's answer has its own citations.
    event = models.ForeignKey(
        "desk.RequestEvent", on_delete=models.CASCADE, related_name="citations"
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("page cited"),
    )
    # Revisions may be purged (`purge_revisions`): the citation stays, its comparison goes.
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("revision cited"),
    )
    told_revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("revision last told of"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = AnswerCitationQuerySet.as_manager()

    class Meta:
        ordering = ["event_id", "position", "pk"]
        verbose_name = _("answer citation")
        verbose_name_plural = _("answer citations")
        constraints = [
            models.UniqueConstraint(fields=["event", "page"], name="desk_cite_a_page_once"),
        ]
        indexes = [models.Index(fields=["page", "request"])]

    def __str__(self):
        return f"{self.event_id} → {self.page_id}@{self.revision_id}"
