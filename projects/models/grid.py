"""The evaluation grid: the seed's four financing criteria, as versioned reference data.

A version in use is frozen: an evaluation keeps the grid it was made with, so the
admin edits a version only until an evaluation uses it and otherwise copies it into a
new version (`EvaluationGrid.new_version`). The latest version is the one new
evaluations use.
"""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

MIN_LEVELS, MAX_LEVELS = 2, 10


class EvaluationGridQuerySet(models.QuerySet):
    def current(self):
        return self.order_by("-version").first()


class EvaluationGrid(ClusterableModel):
    version = models.PositiveSmallIntegerField(_("version"), unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = EvaluationGridQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]
        verbose_name = _("evaluation grid")
        verbose_name_plural = _("evaluation grids")

    def __str__(self):
        return _("%(title)s (version %(version)s)") % {"title": self.title, "version": self.version}

    def save(self, *args, **kwargs):
        if self.version is None:
            latest = EvaluationGrid.objects.aggregate(models.Max("version"))["version__max"]
            self.version = (latest or 0) + 1
        super().save(*args, **kwargs)

    @property
    def in_use(self):
        return self.pk is not None and self.evaluations.exists()

    @transaction.atomic
    def new_version(self):
        """A copy of this grid, criteria and scales included, as the latest version."""
        copy = EvaluationGrid.objects.create(title=self.title, introduction=self.introduction)
        for criterion in self.criteria.all():
            Criterion.objects.create(
                grid=copy,
                sort_order=criterion.sort_order,
                name=criterion.name,
                guiding_questions=criterion.guiding_questions,
                scale=criterion.scale,
            )
        return copy


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def validate_scale(text):
    count = len(_lines(text))
    if not MIN_LEVELS <= count <= MAX_LEVELS:
        raise ValidationError(
            _("Give between %(min)s and %(max)s levels, one per line (you gave %(count)s).")
            % {"min": MIN_LEVELS, "max": MAX_LEVELS, "count": count}
        )


class Criterion(Orderable):
    grid = ParentalKey(EvaluationGrid, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("name"), max_length=200)
    guiding_questions = models.TextField(
        _("guiding questions"), help_text=_("One question per line.")
    )
    scale = models.TextField(
        _("scale"),
        validators=[validate_scale],
        help_text=_("One label per level, lowest first: level 1 is the first line."),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self):
        return self.name

    def questions(self):
        return _lines(self.guiding_questions)

    def levels(self):
        """(level, label) pairs, from 1 (lowest) up."""
        return list(enumerate(_lines(self.scale), start=1))

    @property
    def top_level(self):
        return len(_lines(self.scale))
