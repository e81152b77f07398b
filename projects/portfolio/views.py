"""The portfolio's admin pages: the list of projects, the transversal view, the
evaluations' figures, and the exports. Coordinators and Commission 15 only
(`permissions.sees_portfolio`); anyone else is refused by Wagtail's admin (redirected
to its home with a message, or to the sign-in page)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button

from web import charts
from web.admin_lists import CalendarDateColumn

from .. import permissions
from ..models import Decision, Project
from ..states import BEING_EVALUATED, EvaluationState
from . import exports, figures
from .filters import PortfolioFilterSet, filtered_projects, portfolio_rows

ICON = "folder-open-inverse"
TABS = (
    ("portfolio:index", _("Projects")),
    ("portfolio:transversal", _("Transversal view")),
    ("portfolio:evaluations", _("Evaluations")),
)


def project_admin_url(project):
    """The project's admin page (`projects_admin:detail`), or None while it is missing."""
    try:
        return reverse("projects_admin:detail", args=[project.pk])
    except NoReverseMatch:
        return None


class PortfolioAccess:
    def dispatch(self, request, *args, **kwargs):
        if not permissions.sees_portfolio(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def tabs(self):
        current = self.request.resolver_match.view_name
        current = "portfolio:index" if current == "portfolio:index_results" else current
        return [(reverse(name), label, name == current) for name, label in TABS]


def evaluation_display(project):
    label = EvaluationState(project.evaluation_state).label
    if project.evaluation_state in BEING_EVALUATED:
        return _("%(state)s (%(done)s of %(assigned)s done)") % {
            "state": label,
            "done": project.done_count,
            "assigned": project.assigned_count,
        }
    return label


def decision_display(project):
    return Decision(project.last_decision).label if project.last_decision else ""


def score_display(project):
    return f"{project.mean_score:.2f}" if project.mean_score is not None else ""


def priorities_display(project):
    return ", ".join(str(priority) for priority in project.priorities.all())


class PortfolioIndexView(PortfolioAccess, generic.IndexView):
    model = Project
    permission_policy = None
    any_permission_required = None
    template_name = "projects/portfolio/index.html"
    index_url_name = "portfolio:index"
    index_results_url_name = "portfolio:index_results"
    filterset_class = PortfolioFilterSet
    page_title = _("Portfolio")
    header_icon = ICON
    paginate_by = 50
    default_ordering = "-created_at"
    columns = [
        Column("reference", label=_("Reference"), sort_key="created_at"),
        TitleColumn("title", label=_("Title"), sort_key="title", get_url=project_admin_url),
        Column("territory", label=_("Territory"), sort_key="territory__name"),
        Column("priorities", label=_("Priorities"), accessor=priorities_display),
        Column("pillar_count", label=_("Pillars"), sort_key="pillar_count"),
        Column("stage", label=_("Stage"), accessor="get_stage_display", sort_key="stage"),
        Column(
            "evaluation_state",
            label=_("Evaluation"),
            accessor=evaluation_display,
            sort_key="evaluation_state",
        ),
        Column(
            "last_decision",
            label=_("Decision"),
            accessor=decision_display,
            sort_key="last_decision",
        ),
        Column("mean_score", label=_("Mean score"), accessor=score_display, sort_key="mean_score"),
        CalendarDateColumn("created_at", label=_("Created"), sort_key="created_at"),
    ]

    def get_base_queryset(self):
        return portfolio_rows(permissions.portfolio_projects(self.request.user))

    def order_queryset(self, queryset):
        queryset = super().order_queryset(queryset)
        # Ties (same territory, same state…) in a stable order for paging.
        return queryset.order_by(*queryset.query.order_by, "-pk")

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def _export_url(self, name, export_format):
        query = self.request.GET.copy()
        for key in (self.page_kwarg, "ordering", "_w_filter_fragment"):
            query.pop(key, None)
        url = reverse(name, args=[export_format])
        return f"{url}?{query.urlencode()}" if query else url

    @cached_property
    def header_more_buttons(self):
        return [
            Button(
                label,
                url=self._export_url(name, export_format),
                icon_name="download",
                priority=priority,
            )
            for priority, (name, export_format, label) in enumerate(
                (
                    ("portfolio:export", exports.CSV, _("Download the portfolio (CSV)")),
                    ("portfolio:export", exports.XLSX, _("Download the portfolio (XLSX)")),
                    ("portfolio:export_evaluations", exports.CSV, _("Download the scores (CSV)")),
                    ("portfolio:export_evaluations", exports.XLSX, _("Download the scores (XLSX)")),
                )
            )
        ]

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["tabs"] = self.tabs()
        return context


class FiguresView(PortfolioAccess, WagtailAdminTemplateMixin, TemplateView):
    header_icon = ICON

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("portfolio:index"), "label": _("Portfolio")},
            {"url": "", "label": self.get_page_title()},
        ]

    def projects(self):
        return permissions.portfolio_projects(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tabs"] = self.tabs()
        return context


def _count_chart(key, title, description, lines, series_name, category_heading):
    return charts.bar_chart(
        key,
        title,
        description,
        [(line.label, line.value) for line in lines],
        category_heading,
        series_name,
    )


class TransversalView(FiguresView):
    template_name = "projects/portfolio/transversal.html"
    page_title = _("Transversal view")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        projects = self.projects()
        per_priority = figures.priority_coverage(projects)
        per_territory = figures.projects_per_territory(projects)
        # Every project has one territory: their sum is the number of projects.
        pillars = figures.pillar_distribution(
            projects, total=sum(line.value for line in per_territory)
        )
        projects_label = _("Projects")
        context.update(
            coverage=per_priority,
            territories_without_project=figures.territories_without_project(per_territory),
            cross_table=figures.priority_territory_table(
                projects, per_territory=per_territory, per_priority=per_priority.lines
            ),
            charts=[
                _count_chart(
                    "pillars",
                    _("Pillars articulated per project"),
                    _("Number of projects by the number of master-plan pillars they mobilise."),
                    pillars,
                    projects_label,
                    _("Pillars"),
                ),
                _count_chart(
                    "priorities",
                    _("Projects per priority"),
                    _("Number of projects per priority; a project may serve several."),
                    per_priority.lines,
                    projects_label,
                    _("Priority"),
                ),
                _count_chart(
                    "territories",
                    _("Projects per territory"),
                    _("Number of projects per territory of the region."),
                    per_territory,
                    projects_label,
                    _("Territory"),
                ),
            ],
        )
        return context


class EvaluationFiguresView(FiguresView):
    template_name = "projects/portfolio/evaluations.html"
    page_title = _("Evaluations")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        projects = self.projects()
        months = figures.evaluations_per_month(projects)
        score_charts = [
            _count_chart(
                f"criterion-{distribution.criterion.pk}",
                _("Scores for “%(criterion)s”") % {"criterion": distribution.label},
                _("Number of submitted scores at each level of the criterion's scale."),
                distribution.levels,
                _("Scores"),
                _("Level"),
            )
            for distribution in figures.score_distribution(projects)
        ]
        month_chart = charts.grouped_bar_chart(
            "months",
            _("Evaluations per month"),
            _(
                "Evaluations submitted to Commission 15 and decided, per month, "
                "over the last twelve months."
            ),
            [month.start.strftime("%Y-%m") for month in months],
            [
                (_("Submitted"), [month.submitted for month in months]),
                (_("Decided"), [month.decided for month in months]),
            ],
            _("Month"),
        )
        context.update(score_charts=score_charts, month_chart=month_chart)
        return context


def _export(request, export_format, table_of, stem, sheet_title):
    if not permissions.sees_portfolio(request.user):
        raise PermissionDenied
    if export_format not in exports.FORMATS:
        raise Http404
    projects = filtered_projects(
        permissions.portfolio_projects(request.user), request.GET, request=request
    )
    return exports.respond(export_format, stem, sheet_title, table_of(projects))


def export_portfolio(request, export_format):
    return _export(
        request,
        export_format,
        lambda projects: exports.portfolio_table(
            portfolio_rows(projects, pillars=True).order_by("-created_at", "-pk")
        ),
        "portfolio",
        _("Portfolio"),
    )


def export_evaluations(request, export_format):
    return _export(request, export_format, exports.evaluations_table, "evaluations", _("Scores"))
