"""Review dates: who keeps a guide or a Q&A page true, and until when it counts as true.

The owner is a page field (`owner_body` on `GuidePage` and `QuestionAnswerPage`): it is
content, chosen in the editor, kept in revisions and taking effect when published. The
review state is not content: it lives in `ContentReview`, one row per page, outside the
page's revisions, so that publishing an old or a scheduled revision can never bring an
old "review by" date back. A publication counts as a review (`knowledge.review`), and
so does "mark reviewed without changes".

`ReviewReminder` records each reminder sent, one per (person, page, review-by date,
kind): its unique constraint is what makes a retry or a second worker send nothing twice.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page


class OwnedContent:
    """What an owned page type shares (its `owner_body` field is declared on it).

    A new page gets a default owner: a guide the body of the section it is written in, a
    Q&A page the first body that answered it (by name), else nobody, meaning the editors.
    The editor shows that default as the field's first value (`OwnedContentForm`), and
    an owner chosen there, empty included, is kept; pages made by code (the desk's
    drafts, the demo) get it when first cleaned, which `save_revision` does."""

    def default_owner_body_id(self, parent=None):
        raise NotImplementedError

    def clean(self):
        super().clean()
        chosen = getattr(self, "_owner_body_chosen", False)
        if not chosen and self.owner_body_id is None and self.first_published_at is None:
            self.owner_body_id = self.default_owner_body_id()


class OwnedContentForm(WagtailAdminPageForm):
    """The editor of an owned page: a new page's owner starts at its default, and what
    the editor leaves in the field (empty: the editors) is what is kept."""

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        if "owner_body" not in self.fields:
            return
        self.fields["owner_body"].empty_label = _("The editors")  # what empty means
        if self.instance.pk is None and self.initial.get("owner_body") is None:
            self.initial["owner_body"] = self.instance.default_owner_body_id(parent=parent_page)

    def clean(self):
        self.instance._owner_body_chosen = "owner_body" in self.fields
        return super().clean()


class ContentReview(models.Model):
    """The review state of one published guide or Q&A page (not revisioned, see above).

    `owner` is the owner of the page as last published, copied from its `owner_body` at
    each publication: the report, the reminders and the permission to mark reviewed read
    it here, in one table for both page types."""

    page = models.OneToOneField(
        Page,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="content_review",
        verbose_name=_("page"),
    )
    owner = models.ForeignKey(
        "knowledge.ExpertBody",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="content_reviews",
        verbose_name=_("owner"),
    )
    reviewed_at = models.DateTimeField(_("last reviewed"))
    review_by = models.DateField(_("review by"), db_index=True)

    class Meta:
        verbose_name = _("content review")
        verbose_name_plural = _("content reviews")
        # Pages owned by "the editors" are reviewed, and their reminders received, by
        # whoever holds this permission: knowledge sits below `workflows`, which makes
        # the editors' group and grants it (workflows/roles.py).
        permissions = [("review_editors_pages", _("Can review the pages the editors own"))]

    def __str__(self):
        return str(self.page_id)

    # What the admin report shows and exports of a row.
    @property
    def owner_name(self):
        return str(self.owner) if self.owner_id else str(_("The editors"))

    @property
    def page_type(self):
        model = self.page.specific_class
        return str(model._meta.verbose_name) if model else ""

    @property
    def is_overdue(self):
        return self.review_by < timezone.localdate()

    @property
    def status(self):
        return str(_("Overdue")) if self.is_overdue else ""


class ReviewReminder(models.Model):
    """One reminder told to one person, claimed before it is sent.

    A run claims its rows (`claim`) before sending, so that two runs never send the same
    one; `sent_at` stays empty until the email went out, and a failed send deletes its
    claim for the next run."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Due soon")
        OVERDUE = "overdue", _("Overdue")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("recipient"),
    )
    page = models.ForeignKey(
        Page, on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    review_by = models.DateField(_("review by"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    claim = models.UUIDField(_("claim"), db_index=True)
    claimed_at = models.DateTimeField(_("claimed at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("review reminder")
        verbose_name_plural = _("review reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "page", "review_by", "kind"],
                name="knowledge_one_review_reminder",
            )
        ]

    def __str__(self):
        return f"{self.page_id} {self.kind} {self.review_by}"
