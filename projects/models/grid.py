"""The evaluation grid: the seed's four financing criteria, as versioned reference data.

A version in use is frozen: an evaluation keeps the grid it was made with, so the
admin edits a version only until an evaluation uses it and otherwise copies it into a
new version (`EvaluationGrid.new_version`). A new version is a draft until a
coordinator puts it in force (`put_in_force`): new evaluations use the latest version
in force (`EvaluationGrid.objects.current()`), never a draft being written. A version
in force that a later version replaced is superseded (its evaluations keep it).
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
    def in_force(self):
        return self.filter(in_force_since__isnull=False)

    def current(self):
        """The version new evaluations use: the latest one put in force (None if none)."""
        return self.in_force().order_by("-version").first()


class EvaluationGrid(ClusterableModel):
    version = models.PositiveSmallIntegerField(_("version"), unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    in_force_since = models.DateTimeField(
        _("in force since"), null=True, blank=True, editable=False
    )

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

    @property
    def is_draft(self):
        return self.in_force_since is None

    @property
    def is_current(self):
        current = EvaluationGrid.objects.current()
        return current is not None and current.pk == self.pk

    @property
    def is_superseded(self):
        return (
            self.in_force_since is not None
            and EvaluationGrid.objects.in_force().filter(version__gt=self.version).exists()
        )

    def status_label(self):
        """The version's status as the admin shows it: in force, draft or superseded."""
        if self.is_draft:
            return _("Draft")
        if self.is_superseded:
            return _("Superseded")
        return _("In force")

    @transaction.atomic
    def put_in_force(self, when=None):
        """This version is the one new evaluations use from now on; the earlier ones
        are superseded (the evaluations made with them keep them)."""
        grid = EvaluationGrid.objects.select_for_update().get(pk=self.pk)
        if grid.in_force_since is not None:
            raise ValidationError(
                _("Version %(version)s is already in force.") % {"version": grid.version}
            )
        if not grid.criteria.exists():
            raise ValidationError(
                _(
                    "Version %(version)s has no criterion: add at least one before "
                    "putting it in force."
                )
                % {"version": grid.version}
            )
        current = EvaluationGrid.objects.current()
        if current is not None and current.version > grid.version:
            raise ValidationError(
                _(
                    "Version %(version)s is older than the version in force "
                    "(%(current)s): it can no longer be put in force."
                )
                % {"version": grid.version, "current": current.version}
            )
        self.in_force_since = when or timezone.now()
        EvaluationGrid.objects.filter(pk=self.pk).update(in_force_since=self.in_force_since)
        return self

    @transaction.atomic
    def new_version(self):
        """A copy of this grid, criteria and scales included, as the latest version: a
        draft (not in force) until `put_in_force`."""
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
