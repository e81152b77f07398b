"""Commission 15's evaluation of a project against a grid version.

An evaluation is opened by a coordinator, scored by at least two assigned evaluators
(one `Review` each, a `Score` per criterion), then decided. The steps that change it
are in `projects/steps/evaluation.py`; what each person may read is in
`projects/permissions.py` (scores and evaluators' notes never reach a holder or the
showcase; experts never see evaluations).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MIN_EVALUATORS = 2


class EvaluationStatus(models.TextChoices):
    OPEN = "open", _("Being evaluated")
    DECIDED = "decided", _("Decided")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Decision(models.TextChoices):
    FAVOURABLE = "favourable", _("Favourable")
    CONDITIONAL = "conditional", _("Favourable with conditions")
    UNFAVOURABLE = "unfavourable", _("Unfavourable")


class EvaluationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=EvaluationStatus.OPEN)

    def decided(self):
        return self.filter(status=EvaluationStatus.DECIDED)

    def with_progress(self):
        """Each evaluation with `assigned_count` and `done_count` (reviews submitted);
        an unfinished review whose evaluator's account is gone counts for neither."""
        return self.annotate(
            assigned_count=models.Count(
                "reviews",
                filter=models.Q(reviews__evaluator__isnull=False)
                | models.Q(reviews__submitted_at__isnull=False),
                distinct=True,
            ),
            done_count=models.Count(
                "reviews", filter=models.Q(reviews__submitted_at__isnull=False), distinct=True
            ),
        )


class Evaluation(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="evaluations"
    )
    grid = models.ForeignKey(
        "projects.EvaluationGrid",
        on_delete=models.PROTECT,
        related_name="evaluations",
        verbose_name=_("grid"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=EvaluationStatus.choices,
        default=EvaluationStatus.OPEN,
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now, db_index=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    # The Commission's conclusion: the opinion is for the project's team, the public
    # justification for the showcase as well.
    opinion = models.TextField(_("consolidated opinion"), blank=True, max_length=10_000)
    decision = models.CharField(_("decision"), max_length=12, choices=Decision.choices, blank=True)
    public_justification = models.TextField(_("public justification"), blank=True, max_length=5_000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, db_index=True)

    objects = EvaluationQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            # One evaluation in progress per project at a time.
            models.UniqueConstraint(
                fields=["project"],
                condition=models.Q(status="open"),
                name="projects_one_open_evaluation",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="decided") | ~models.Q(decision=""),
                name="projects_decided_has_decision",
            ),
        ]

    def __str__(self):
        return f"{self.project} – {self.submitted_at:%Y-%m-%d}"

    @property
    def is_open(self):
        return self.status == EvaluationStatus.OPEN

    def progress(self):
        """(reviews submitted, evaluators assigned), from annotations when present."""
        if hasattr(self, "done_count"):
            return self.done_count, self.assigned_count
        reviews = [review for review in self.reviews.all() if review.counts]
        return sum(review.is_done for review in reviews), len(reviews)


class ReviewQuerySet(models.QuerySet):
    def counted(self):
        """The reviews an evaluation's progress counts (see `Review.counts`)."""
        return self.filter(models.Q(evaluator__isnull=False) | models.Q(submitted_at__isnull=False))


class Review(models.Model):
    """One evaluator's part of an evaluation: a score per criterion, and private notes."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="reviews")
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="project_reviews",
        verbose_name=_("evaluator"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assigned_at = models.DateTimeField(default=timezone.now)
    # Never shown to the project's team, nor on the showcase.
    notes = models.TextField(_("evaluator's notes"), blank=True, max_length=10_000)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["assigned_at", "pk"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "evaluator"], name="projects_one_review_per_evaluator"
            )
        ]

    def __str__(self):
        return f"{self.evaluation} – {self.evaluator}"

    @property
    def is_done(self):
        return self.submitted_at is not None

    @property
    def counts(self):
        """Part of the evaluation's progress: done, or its evaluator still here (one whose
        account was erased before scoring would hold the evaluation back for ever)."""
        return self.is_done or self.evaluator_id is not None


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(
        "projects.Criterion", on_delete=models.PROTECT, related_name="scores"
    )
    level = models.PositiveSmallIntegerField(_("level"))
    justification = models.TextField(_("justification"), max_length=5_000)

    class Meta:
        ordering = ["criterion__sort_order", "pk"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["review", "criterion"], name="projects_one_score_per_criterion"
            ),
            models.CheckConstraint(condition=models.Q(level__gte=1), name="projects_level_min"),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.level}"
