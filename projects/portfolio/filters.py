"""The portfolio's rows, with every figure computed by the database, and their filters.

A project's evaluation state is derived from its latest evaluation (`projects.states`);
here the same rule is written as SQL annotations (`with_portfolio_figures`), so that the
list filters, sorts and pages on it without loading every project. The test
`test_the_annotated_state_is_the_derived_state` keeps the two in step.

- the latest evaluation: the latest not withdrawn (submitted first, then key), as in
  `states.latest_evaluation`;
- progress: its reviews submitted and assigned;
- the decision: of the latest decided evaluation (kept while a new one runs);
- the mean score: the mean level of the submitted scores of the latest evaluation that
  has any (an evaluation in progress counts once a review is submitted, a decided one
  keeps its scores). Reviews still being written are their evaluator's only.
"""

import django_filters
from django.db import models
from django.db.models import Avg, Case, Count, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from knowledge.models import PillarPage, Priority, Territory

from ..models import (
    MIN_EVALUATORS,
    Evaluation,
    EvaluationStatus,
    Project,
    ProjectStage,
    Review,
    Score,
)
from ..states import EvaluationState


def _count(queryset, group_by):
    """A correlated COUNT(*) as a scalar subquery (0 when nothing matches)."""
    counted = queryset.order_by().values(group_by).annotate(number=Count("*")).values("number")
    return Coalesce(Subquery(counted, output_field=models.IntegerField()), Value(0))


def _not_withdrawn(project_ref):
    return (
        Evaluation.objects.filter(project=project_ref)
        .exclude(status=EvaluationStatus.WITHDRAWN)
        .order_by("-submitted_at", "-pk")
    )


def pillar_count():
    """The number of master-plan pillars a project mobilises, as an expression."""
    return _count(Project.pillars.through.objects.filter(project=OuterRef("pk")), "project")


def with_portfolio_figures(projects):
    """`projects` annotated with `evaluation_pk`, `evaluation_status`, `assigned_count`,
    `done_count`, `evaluation_state`, `last_decision`, `pillar_count` and `mean_score`."""
    latest = _not_withdrawn(OuterRef("pk"))
    scored = latest.filter(
        Exists(Review.objects.filter(evaluation=OuterRef("pk"), submitted_at__isnull=False))
    )
    decided = Evaluation.objects.filter(
        project=OuterRef("pk"), status=EvaluationStatus.DECIDED
    ).order_by("-decided_at", "-pk")
    mean = (
        Score.objects.filter(
            review__evaluation=OuterRef("scored_evaluation_pk"),
            review__submitted_at__isnull=False,
        )
        .order_by()
        .values("review__evaluation")
        .annotate(mean=Avg("level"))
        .values("mean")
    )
    return (
        projects.annotate(
            evaluation_pk=Subquery(latest.values("pk")[:1]),
            evaluation_status=Subquery(latest.values("status")[:1]),
            scored_evaluation_pk=Subquery(scored.values("pk")[:1]),
        )
        .annotate(
            assigned_count=_count(
                Review.objects.counted().filter(evaluation=OuterRef("evaluation_pk")),
                "evaluation",
            ),
            done_count=_count(
                Review.objects.filter(
                    evaluation=OuterRef("evaluation_pk"), submitted_at__isnull=False
                ),
                "evaluation",
            ),
            last_decision=Coalesce(Subquery(decided.values("decision")[:1]), Value("")),
            pillar_count=pillar_count(),
            mean_score=Subquery(mean, output_field=models.FloatField()),
        )
        .annotate(
            evaluation_state=Case(
                When(evaluation_status__isnull=True, then=Value(EvaluationState.NOT_SUBMITTED)),
                When(
                    evaluation_status=EvaluationStatus.DECIDED,
                    then=Value(EvaluationState.DECIDED),
                ),
                When(
                    Q(assigned_count__gte=MIN_EVALUATORS, done_count=F("assigned_count")),
                    then=Value(EvaluationState.READY),
                ),
                default=Value(EvaluationState.IN_EVALUATION),
                output_field=models.CharField(),
            )
        )
    )


def portfolio_rows(projects, pillars=False):
    """What a page of the list or an export reads: the figures, the territory, and the
    priorities (and with `pillars`, the pillars' names) in one query each."""
    related = ("priorities", "pillars") if pillars else ("priorities",)
    return with_portfolio_figures(projects).select_related("territory").prefetch_related(*related)


class PortfolioFilterSet(WagtailFilterSet):
    # Each empty choice says what it keeps (never "---------").
    priority = django_filters.ModelChoiceFilter(
        label=_("Priority"),
        field_name="priorities",
        queryset=Priority.objects.all(),
        empty_label=_("All priorities"),
    )
    territory = django_filters.ModelChoiceFilter(
        label=_("Territory"), queryset=Territory.objects.all(), empty_label=_("All territories")
    )
    pillar = django_filters.ModelChoiceFilter(
        label=_("Master-plan pillar"),
        field_name="pillars",
        queryset=PillarPage.objects.order_by("number", "title"),
        empty_label=_("All pillars"),
    )
    stage = django_filters.ChoiceFilter(
        label=_("Stage"), choices=ProjectStage.choices, empty_label=_("All stages")
    )
    evaluation_state = django_filters.ChoiceFilter(
        label=_("Evaluation"),
        choices=EvaluationState.choices,
        empty_label=_("All evaluation states"),
    )
    score_min = django_filters.NumberFilter(
        label=_("Mean score from"), field_name="mean_score", lookup_expr="gte", min_value=0
    )
    score_max = django_filters.NumberFilter(
        label=_("Mean score up to"), field_name="mean_score", lookup_expr="lte", min_value=0
    )

    class Meta:
        model = Project
        fields = []


def filtered_projects(projects, data, request=None):
    """The annotated projects the filters in `data` (a query dict) keep; invalid
    filters are ignored, as on the list."""
    filterset = PortfolioFilterSet(data=data, queryset=projects, request=request)
    annotated = with_portfolio_figures(projects)
    if filterset.is_valid():
        return filterset.filter_queryset(annotated)
    return annotated
