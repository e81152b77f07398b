"""The transversal view's figures, and the data of the portfolio's charts.

Each function takes the projects a person may see (`portfolio_projects(user)`) and
answers in a fixed number of queries, whatever the number of projects: counts are
grouped by the database, reference data (priorities, territories, criteria) is read
once.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

from knowledge.models import Priority, Territory

from ..models import Criterion, Evaluation, EvaluationGrid, EvaluationStatus, Project, Score


@dataclass
class Line:
    """One line of a figure: what is counted, how many."""

    label: str
    value: int
    item: object = None


@dataclass
class PriorityCoverage:
    lines: list
    mean: float
    under_served: list = field(default_factory=list)


def _of(rows, projects, lookup="project"):
    """`rows` of the projects; all of them, without a subquery, when `projects` is
    every project (the portfolio of coordinators and Commission 15)."""
    rows = rows.order_by()
    return rows.filter(**{f"{lookup}__in": projects}) if projects.query.has_filters() else rows


def _links(relation, projects):
    """The rows of a many-to-many table of the projects."""
    return _of(relation.through.objects.all(), projects)


def projects_per_priority(projects):
    """Projects per priority, every priority listed (0 included). A project with two
    priorities counts for both (a project has a priority once: no DISTINCT needed)."""
    links = _links(Project.priorities, projects).values("priority_id").annotate(number=Count("*"))
    counts = {link["priority_id"]: link["number"] for link in links}
    return [
        Line(str(priority), counts.get(priority.pk, 0), priority)
        for priority in Priority.objects.all()
    ]


def priority_coverage(projects):
    """The priorities under-served: fewer projects than the mean over all priorities."""
    lines = projects_per_priority(projects)
    mean = sum(line.value for line in lines) / len(lines) if lines else 0.0
    return PriorityCoverage(
        lines=lines, mean=mean, under_served=[line for line in lines if line.value < mean]
    )


def projects_per_territory(projects):
    """Projects per territory, every territory listed (0 included)."""
    counts = dict(projects.order_by().values_list("territory_id").annotate(number=Count("pk")))
    return [
        Line(str(territory), counts.get(territory.pk, 0), territory)
        for territory in Territory.objects.all()
    ]


def territories_without_project(per_territory):
    return [line.item for line in per_territory if line.value == 0]


def pillar_distribution(projects, total=None):
    """How many projects articulate 0, 1, 2… pillars of the master plan, from 0 up to
    the largest number any project has (no gap in between). `total`: the number of
    projects, when known (the sum of the projects per territory)."""
    # Grouped twice by the database: pillars per project, then projects per number of
    # pillars. The ORM cannot group over a grouped query, so the outer GROUP BY wraps
    # the ORM's own SQL (a handful of rows come back instead of one per project).
    per_project = (
        _links(Project.pillars, projects)
        .values("project_id")
        .annotate(number=Count("*"))
        .values("number")
    )
    try:
        sql, params = per_project.query.sql_with_params()
    except EmptyResultSet:  # no project at all (`Project.objects.none()`)
        grouped = {}
    else:
        outer = f"SELECT number, COUNT(*) FROM ({sql}) per_project GROUP BY number"
        with connections[per_project.db].cursor() as cursor:
            cursor.execute(outer, params)
            grouped = dict(cursor.fetchall())
    total = projects.count() if total is None else total
    grouped[0] = total - sum(grouped.values())
    top = max(grouped, default=0)
    return [Line(str(pillars), grouped.get(pillars, 0), pillars) for pillars in range(top + 1)]


@dataclass
class CrossTable:
    """Projects per priority (columns) and territory (rows)."""

    priorities: list
    rows: list  # (territory, [count per priority], projects in the territory)
    totals: list  # projects per priority
    total: int


def priority_territory_table(projects, per_territory=None, per_priority=None):
    per_territory = per_territory or projects_per_territory(projects)
    per_priority = per_priority or projects_per_priority(projects)
    cells = {
        (link["priority_id"], link["project__territory_id"]): link["number"]
        for link in _links(Project.priorities, projects)
        .values("priority_id", "project__territory_id")
        .annotate(number=Count("*"))
    }
    priorities = [line.item for line in per_priority]
    rows = [
        (
            line.item,
            [cells.get((priority.pk, line.item.pk), 0) for priority in priorities],
            line.value,
        )
        for line in per_territory
    ]
    return CrossTable(
        priorities=priorities,
        rows=rows,
        totals=[line.value for line in per_priority],
        total=sum(line.value for line in per_territory),
    )


@dataclass
class CriterionDistribution:
    criterion: Criterion
    label: str
    levels: list  # Line per level, 1..top level


def score_distribution(projects):
    """For each criterion scored (and each of the current grid's), how many submitted
    scores gave each level. Scores of withdrawn evaluations and of reviews still being
    written are left out."""
    grouped = (
        _of(
            Score.objects.filter(review__submitted_at__isnull=False),
            projects,
            "review__evaluation__project",
        )
        .exclude(review__evaluation__status=EvaluationStatus.WITHDRAWN)
        .values("criterion_id", "level")
        .annotate(number=Count("pk"))
    )
    counts = {}
    for line in grouped:
        counts.setdefault(line["criterion_id"], {})[line["level"]] = line["number"]
    current = EvaluationGrid.objects.current()
    criteria = (
        (Criterion.objects.filter(pk__in=list(counts)) | Criterion.objects.filter(grid=current))
        .select_related("grid")
        .order_by("-grid__version", "sort_order", "pk")
    )
    criteria = list(criteria)
    several_grids = len({criterion.grid_id for criterion in criteria}) > 1
    distributions = []
    for criterion in criteria:
        label = str(criterion)
        if several_grids:
            label = f"{criterion} (v{criterion.grid.version})"
        levels = [
            Line(f"{level}. {name}", counts.get(criterion.pk, {}).get(level, 0), level)
            for level, name in criterion.levels()
        ]
        distributions.append(CriterionDistribution(criterion, label, levels))
    return distributions


@dataclass
class Month:
    start: datetime.date
    submitted: int
    decided: int


def _month_key(value):
    return (value.year, value.month)


def evaluations_per_month(projects, months=12, today=None):
    """Evaluations submitted and decided in each of the last `months` months (the
    current one included), in the site's time zone. A withdrawn evaluation still
    counts as submitted."""
    today = today or timezone.localdate()
    keys = []
    year, month = today.year, today.month
    for _ in range(months):
        keys.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    keys.reverse()
    start = timezone.make_aware(datetime.datetime(*keys[0], 1))
    evaluations = _of(Evaluation.objects.all(), projects)
    submitted = {
        _month_key(line["month"]): line["number"]
        for line in evaluations.filter(submitted_at__gte=start)
        .annotate(month=TruncMonth("submitted_at"))
        .values("month")
        .annotate(number=Count("pk"))
    }
    decided = {
        _month_key(line["month"]): line["number"]
        for line in evaluations.filter(status=EvaluationStatus.DECIDED, decided_at__gte=start)
        .annotate(month=TruncMonth("decided_at"))
        .values("month")
        .annotate(number=Count("pk"))
    }
    return [
        Month(
            datetime.date(year, month, 1),
            submitted.get((year, month), 0),
            decided.get((year, month), 0),
        )
        for year, month in keys
    ]
