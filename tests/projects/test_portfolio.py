"""The admin portfolio: filters, the transversal figures, the SVG charts and their
tables, the exports, who may see it, and its query counts at two sizes.

Evaluations are made through the steps (submit, assign, score, decide, withdraw), so
the figures are read from data the product itself writes."""

import csv
import html as html_module
import io
import xml.etree.ElementTree as ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext
from openpyxl import load_workbook

from knowledge.models import MasterPlanPage, PillarPage
from projects import steps
from projects.models import Decision, Project
from projects.portfolio import figures
from projects.portfolio.exports import neutralise
from projects.portfolio.filters import with_portfolio_figures
from projects.states import EvaluationState, state_of
from tests.factories import (
    ExpertBodyFactory,
    PriorityFactory,
    ProjectFactory,
    TerritoryFactory,
    add_page,
)

from .conftest import full_scores

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"
CANARY = "Canari du portefeuille"
URL_NAMES = [
    ("portfolio:index", []),
    ("portfolio:index_results", []),
    ("portfolio:transversal", []),
    ("portfolio:evaluations", []),
    ("portfolio:export", ["csv"]),
    ("portfolio:export", ["xlsx"]),
    ("portfolio:export_evaluations", ["csv"]),
    ("portfolio:export_evaluations", ["xlsx"]),
]


@pytest.fixture
def places(db):
    return {
        "artois": TerritoryFactory(name="Artois", slug="artois"),
        "flandre": TerritoryFactory(name="Flandre", slug="flandre"),
        "hainaut": TerritoryFactory(name="Hainaut", slug="hainaut"),
    }


@pytest.fixture
def priorities(db):
    return {
        "sobriety": PriorityFactory(name="Sobriété énergétique", slug="sobriete", sort_order=1),
        "renewables": PriorityFactory(name="Renouvelables", slug="renouvelables", sort_order=2),
        "mobility": PriorityFactory(name="Mobilité durable", slug="mobilite", sort_order=3),
    }


@pytest.fixture
def pillars(home):
    master = add_page(home, MasterPlanPage)
    return [add_page(master, PillarPage, number=n, title=f"Pilier {n}") for n in (1, 2, 3)]


def evaluate(project, coordinator, evaluators, levels, decision=None, grid=None):
    """Submit the project, assign one evaluator per level, score (None: not yet), and
    decide when asked."""
    steps.submit_for_evaluation(project, coordinator)
    for evaluator, level in zip(evaluators, levels, strict=False):
        steps.assign_evaluator(project, coordinator, evaluator=evaluator)
        if level is not None:
            steps.score(project, evaluator, scores=full_scores(grid, level), notes="Note privée")
    if decision:
        steps.decide(
            project,
            coordinator,
            decision=decision,
            opinion="Avis consolidé",
            public_justification="Projet bien ancré dans son territoire.",
        )


@pytest.fixture
def portfolio(places, priorities, pillars, coordinator, evaluators, grid, owner):
    """Four projects in the four evaluation states, and one whose evaluation was withdrawn:

    | project | territory | priorities | pillars | state | scores |
    | idea | Artois | sobriety, renewables | 2 | not submitted | – |
    | scoring | Artois | sobriety | 1 | in evaluation, 1 of 2 | 2 |
    | ready | Flandre | sobriety | 0 | ready | 3, 4 |
    | decided | Flandre | renewables | 1 | decided (favourable) | 4, 4 |
    | withdrawn | Flandre | renewables | 0 | not submitted | – |
    """

    def make(key, title, territory, priority_keys, pillar_count, stage="design"):
        project = ProjectFactory(
            owner=owner,
            title=title,
            territory=places[territory],
            priorities=[priorities[k] for k in priority_keys],
            stage=stage,
        )
        project.pillars.set(pillars[:pillar_count])
        return project

    made = {
        "idea": make("idea", CANARY, "artois", ["sobriety", "renewables"], 2, stage="idea"),
        "scoring": make("scoring", "Bornes de recharge", "artois", ["sobriety"], 1, "works"),
        "ready": make("ready", "Rénovation des écoles", "flandre", ["sobriety"], 0),
        "decided": make("decided", "Méthaniseur agricole", "flandre", ["renewables"], 1),
        "withdrawn": make("withdrawn", "Projet retiré", "flandre", ["renewables"], 0),
    }
    evaluate(made["scoring"], coordinator, evaluators, [2, None], grid=grid)
    evaluate(made["ready"], coordinator, evaluators, [3, 4], grid=grid)
    evaluate(
        made["decided"], coordinator, evaluators, [4, 4], decision=Decision.FAVOURABLE, grid=grid
    )
    evaluate(made["withdrawn"], coordinator, evaluators, [5], grid=grid)
    steps.withdraw_evaluation(made["withdrawn"], coordinator, comment="Dossier incomplet")
    return made


def listed(client, **filters):
    response = client.get(reverse("portfolio:index"), filters)
    assert response.status_code == 200
    html = response.content.decode()
    return {
        key
        for key, title in {
            "idea": CANARY,
            "scoring": "Bornes de recharge",
            "ready": "Rénovation des écoles",
            "decided": "Méthaniseur agricole",
            "withdrawn": "Projet retiré",
        }.items()
        if title in html
    }


# Filters and the figures of each row.


def test_the_annotated_state_is_the_derived_state(portfolio):
    """The SQL of the list and `projects.states.state_of` give every project the same
    state (the rule is written twice, once per side; this keeps them in step)."""
    for project in with_portfolio_figures(Project.objects.all()):
        assert project.evaluation_state == state_of(Project.objects.get(pk=project.pk))


def test_an_erased_evaluators_unfinished_review_counts_on_neither_side(portfolio):
    """The scoring project's unfinished review loses its evaluator (an erased account):
    it holds the evaluation back no more, in the list's SQL as in `state_of`."""
    scoring = portfolio["scoring"]
    scoring.evaluations.get().reviews.filter(submitted_at__isnull=True).update(evaluator=None)
    [row] = with_portfolio_figures(Project.objects.filter(pk=scoring.pk))
    assert (row.done_count, row.assigned_count) == (1, 1)
    # One evaluator done is not enough for a decision: still being evaluated, both sides.
    assert row.evaluation_state == state_of(Project.objects.get(pk=scoring.pk))
    assert row.evaluation_state == EvaluationState.IN_EVALUATION


def test_row_figures(portfolio):
    rows = {project.pk: project for project in with_portfolio_figures(Project.objects.all())}
    scoring = rows[portfolio["scoring"].pk]
    assert (scoring.done_count, scoring.assigned_count, scoring.mean_score) == (1, 2, 2.0)
    assert rows[portfolio["ready"].pk].mean_score == 3.5
    decided = rows[portfolio["decided"].pk]
    assert (decided.last_decision, decided.mean_score) == (Decision.FAVOURABLE, 4.0)
    assert rows[portfolio["idea"].pk].mean_score is None
    # A withdrawn evaluation's scores count no more.
    assert rows[portfolio["withdrawn"].pk].mean_score is None
    assert rows[portfolio["idea"].pk].pillar_count == 2


def test_filters(client, coordinator, portfolio, places, priorities, pillars):
    client.force_login(coordinator)
    assert listed(client) == set(portfolio)
    assert listed(client, territory=places["artois"].pk) == {"idea", "scoring"}
    assert listed(client, priority=priorities["renewables"].pk) == {"idea", "decided", "withdrawn"}
    assert listed(client, pillar=pillars[1].pk) == {"idea"}
    assert listed(client, stage="works") == {"scoring"}
    assert listed(client, evaluation_state="not_submitted") == {"idea", "withdrawn"}
    assert listed(client, evaluation_state="in_evaluation") == {"scoring"}
    assert listed(client, evaluation_state="ready") == {"ready"}
    assert listed(client, evaluation_state="decided") == {"decided"}
    assert listed(client, score_min=3) == {"ready", "decided"}
    assert listed(client, score_max=3.5) == {"scoring", "ready"}
    assert listed(client, score_min=2.5, score_max=3.9) == {"ready"}
    assert listed(client, territory=places["flandre"].pk, evaluation_state="decided") == {"decided"}


def test_rows_show_progress_decision_score_and_link(client, coordinator, portfolio):
    client.force_login(coordinator)
    html = client.get(reverse("portfolio:index"), {"ordering": "mean_score"}).content.decode()
    assert (
        gettext("%(state)s (%(done)s of %(assigned)s done)")
        % {
            "state": EvaluationState.IN_EVALUATION.label,
            "done": 1,
            "assigned": 2,
        }
        in html
    )
    assert "3.50" in html and "4.00" in html
    assert portfolio["idea"].reference in html
    assert f'href="{reverse("projects_admin:detail", args=[portfolio["decided"].pk])}"' in html


@pytest.mark.parametrize(
    "ordering",
    ["title", "-title", "territory__name", "pillar_count", "-mean_score", "evaluation_state",
     "last_decision", "stage", "-created_at"],
)  # fmt: skip
def test_every_sort_answers(client, coordinator, portfolio, ordering):
    client.force_login(coordinator)
    assert listed(client, ordering=ordering) == set(portfolio)


# The transversal view.


def test_transversal_figures(portfolio, places, priorities):
    projects = Project.objects.all()
    per_priority = {line.label: line.value for line in figures.projects_per_priority(projects)}
    assert per_priority == {"Sobriété énergétique": 3, "Renouvelables": 3, "Mobilité durable": 0}
    coverage = figures.priority_coverage(projects)
    assert coverage.mean == 2
    assert [line.item for line in coverage.under_served] == [priorities["mobility"]]

    per_territory = figures.projects_per_territory(projects)
    counts = {line.label: line.value for line in per_territory}
    assert (counts["Artois"], counts["Flandre"], counts["Hainaut"]) == (2, 3, 0)
    without = figures.territories_without_project(per_territory)
    assert places["hainaut"] in without
    assert places["artois"] not in without and places["flandre"] not in without

    assert [(line.item, line.value) for line in figures.pillar_distribution(projects)] == [
        (0, 2),
        (1, 2),
        (2, 1),
    ]

    table = figures.priority_territory_table(projects)
    cells = {
        (territory.name, priority.name): value
        for territory, row, _total in table.rows
        for priority, value in zip(table.priorities, row, strict=True)
    }
    assert cells[("Artois", "Sobriété énergétique")] == 2
    assert cells[("Artois", "Renouvelables")] == 1
    assert cells[("Flandre", "Sobriété énergétique")] == 1
    assert cells[("Flandre", "Renouvelables")] == 2
    assert cells[("Hainaut", "Mobilité durable")] == 0
    assert table.total == 5


def test_figures_of_a_part_of_the_portfolio(portfolio, places, priorities):
    """The figures of some projects only (not every project: the database filters)."""
    flandre = Project.objects.filter(territory=places["flandre"])
    per_priority = {line.item: line.value for line in figures.projects_per_priority(flandre)}
    assert per_priority == {
        priorities["sobriety"]: 1,
        priorities["renewables"]: 2,
        priorities["mobility"]: 0,
    }
    assert [(line.item, line.value) for line in figures.pillar_distribution(flandre)] == [
        (0, 2),
        (1, 1),
    ]
    levels = {line.item: line.value for line in figures.score_distribution(flandre)[0].levels}
    assert (levels[3], levels[4]) == (1, 3)
    assert figures.evaluations_per_month(flandre)[-1].submitted == 3
    nothing = Project.objects.none()
    assert sum(line.value for line in figures.projects_per_priority(nothing)) == 0
    assert figures.pillar_distribution(nothing) == [figures.Line("0", 0, 0)]


def test_transversal_page(client, evaluators, portfolio):
    client.force_login(evaluators[2])
    html = client.get(reverse("portfolio:transversal")).content.decode()
    gaps = html.split('id="territories-without-project"')[1].split("</ul>")[0]
    assert "Hainaut" in gaps and "Artois" not in gaps
    under = html.split('id="under-served-priorities"')[1].split("</ul>")[0]
    assert "Mobilité durable" in under and "Renouvelables" not in under
    assert 'id="priority-territory-table"' in html


def test_score_distribution_and_months(portfolio, grid):
    distributions = figures.score_distribution(Project.objects.all())
    assert [d.criterion for d in distributions] == list(grid.criteria.all())
    first = distributions[0]
    counts = {line.item: line.value for line in first.levels}
    # Submitted scores of evaluations not withdrawn: 2; 3, 4; 4, 4 (the 5 was withdrawn).
    assert counts[2] == 1 and counts[3] == 1 and counts[4] == 3
    assert counts.get(5, 0) == 0
    assert sum(counts.values()) == 5

    months = figures.evaluations_per_month(Project.objects.all())
    assert len(months) == 12
    # Four evaluations submitted (the withdrawn one too), one decided, all this month.
    assert (months[-1].submitted, months[-1].decided) == (4, 1)
    assert sum(month.submitted for month in months[:-1]) == 0


# Charts.


def chart_and_table(html, key):
    """The SVG of the chart `key` on the page, parsed, and its table's rows."""
    start = html.index(f'aria-labelledby="{key}-title')
    start = html.rindex("<svg", 0, start)
    # Inline in HTML: its value texts carry the bare flag `data-value`, not XML.
    drawing = html[start : html.index("</svg>", start) + 6]
    svg = ElementTree.fromstring(drawing.replace(" data-value>", ' data-value="">'))
    table = html.split(f'id="{key}-table"')[1].split("</table>")[0]
    rows = []
    for row in table.split("<tbody>")[1].split("<tr>")[1:]:
        cells = [
            html_module.unescape(part.split(">", 1)[1].split("<")[0].strip())
            for part in row.split("<t")[1:]
            if part.startswith(("h", "d"))
        ]
        rows.append(cells)
    return svg, rows


def bar_values(svg):
    """The value each bar is drawn with, read from each bar's own title ("label : n")."""
    return [
        rect.find(f"{SVG}title").text.rsplit(": ", 1)[1]
        for rect in svg.iter(f"{SVG}rect")
        if rect.find(f"{SVG}title") is not None
    ]


def test_chart_is_accessible_well_formed_svg_with_its_table(client, coordinator, portfolio):
    client.force_login(coordinator)
    html = client.get(reverse("portfolio:transversal")).content.decode()
    svg, rows = chart_and_table(html, "territories")
    assert svg.get("role") == "img"
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert title.text == gettext("Projects per territory")
    assert desc.text
    assert svg.get("aria-labelledby") == "territories-title territories-desc"
    assert "style" not in ElementTree.tostring(svg).decode()
    assert "<script" not in ElementTree.tostring(svg).decode()
    assert not any(
        (element.get("href") or element.get("{http://www.w3.org/1999/xlink}href"))
        for element in svg.iter()
    )
    labels = [text.text for text in svg.iter(f"{SVG}text")]
    table = dict(rows)
    assert table["Artois"] == "2" and table["Flandre"] == "3" and table["Hainaut"] == "0"
    assert "Artois" in labels and "Hainaut" in labels
    # The bars hold the table's numbers, in the table's order.
    assert bar_values(svg) == [value for _name, value in rows]


def test_evaluation_charts(client, coordinator, portfolio, grid):
    client.force_login(coordinator)
    html = client.get(reverse("portfolio:evaluations")).content.decode()
    svg, rows = chart_and_table(html, "months")
    assert len(rows) == 12
    assert rows[-1][1:] == ["4", "1"]
    texts = [text.text for text in svg.iter(f"{SVG}text")]
    assert gettext("Submitted") in texts and gettext("Decided") in texts
    assert bar_values(svg) == [value for row in rows for value in row[1:]]
    first = grid.criteria.first()
    svg, rows = chart_and_table(html, f"criterion-{first.pk}")
    assert [row[0] for row in rows] == [f"{level}. {label}" for level, label in first.levels()]
    assert bar_values(svg) == [row[1] for row in rows]
    assert sum(int(row[1]) for row in rows) == 5


def test_evaluation_month_chart_draws_two_series_with_a_legend(
    client, coordinator, portfolio, grid
):
    client.force_login(coordinator)
    html = client.get(reverse("portfolio:evaluations")).content.decode()
    svg, rows = chart_and_table(html, "months")
    assert rows[-1][1:] == ["4", "1"]
    table = html.split('id="months-table"')[1].split("</table>")[0]
    assert f'<th scope="col">{gettext("Submitted")}</th>' in table
    assert f'<th scope="col">{gettext("Decided")}</th>' in table
    bars = [rect for rect in svg.iter(f"{SVG}rect") if rect.find(f"{SVG}title") is not None]
    assert len(bars) == 24  # two a month
    assert {bar.get("fill") for bar in bars[0::2]} != {bar.get("fill") for bar in bars[1::2]}
    # The legend's swatches are the bars' colours; each month is written once.
    swatches = [rect.get("fill") for rect in svg.iter(f"{SVG}rect") if rect.get("width") == "12"]
    assert swatches == [bars[0].get("fill"), bars[1].get("fill")]
    texts = [text.text for text in svg.iter(f"{SVG}text")]
    assert texts.count(rows[-1][0]) == 1
    assert bars[1].find(f"{SVG}title").text.startswith(f"{rows[0][0]}, {gettext('Decided')}")
    # Counts: whole ticks only, none labelled twice.
    ticks = [text.text for text in svg.iter(f"{SVG}text") if text.get("text-anchor") == "middle"]
    assert len(ticks) == len(set(ticks)) and ticks[0] == "0"


# Exports.


def csv_rows(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def xlsx_rows(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()], sheet


def test_portfolio_exports_follow_the_filters(client, coordinator, portfolio, places):
    client.force_login(coordinator)
    url = reverse("portfolio:export", args=["csv"])
    # The list offers the export of what it shows.
    page = client.get(reverse("portfolio:index"), {"territory": places["artois"].pk, "p": 1})
    assert f'href="{url}?territory={places["artois"].pk}"' in page.content.decode()
    rows = csv_rows(client.get(url, {"territory": places["artois"].pk}))
    assert rows[0][:2] == ["Reference", "Title"] or rows[0][:2] == ["Référence", "Titre"]
    assert sorted(row[1] for row in rows[1:]) == sorted([CANARY, "Bornes de recharge"])

    response = client.get(
        reverse("portfolio:export", args=["xlsx"]), {"evaluation_state": "decided"}
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    values, _sheet = xlsx_rows(response)
    assert len(values) == 2
    assert values[1][1] == "Méthaniseur agricole"
    assert 4.0 in values[1]


def test_evaluation_exports_one_row_per_submitted_score_never_notes(
    client, coordinator, portfolio, grid, evaluators
):
    client.force_login(coordinator)
    criteria = grid.criteria.count()
    rows = csv_rows(client.get(reverse("portfolio:export_evaluations", args=["csv"])))
    # Submitted reviews: 1 (scoring) + 2 (ready) + 2 (decided) + 1 (withdrawn).
    assert len(rows) - 1 == 6 * criteria
    assert not any("Note privée" in cell for row in rows for cell in row)
    evaluator_names = {row[7] for row in rows[1:]}
    assert evaluator_names <= {e.get_full_name() or e.username for e in evaluators}
    assert {row[5] for row in rows[1:]} == {c.name for c in grid.criteria.all()}
    assert all(row[4] == str(grid.version) for row in rows[1:])

    values, _sheet = xlsx_rows(
        client.get(
            reverse("portfolio:export_evaluations", args=["xlsx"]), {"evaluation_state": "ready"}
        )
    )
    assert len(values) - 1 == 2 * criteria
    assert {row[6] for row in values[1:]} == {3, 4}


def test_exports_neutralise_formulas(client, coordinator, owner, places, priorities):
    ProjectFactory(owner=owner, title='=HYPERLINK("http://x","clic")', territory=places["artois"])
    ProjectFactory(owner=owner, title="+33 1 23", territory=places["artois"])
    ProjectFactory(owner=owner, title="@SUM(A1)", territory=places["artois"])
    ProjectFactory(owner=owner, title="-2+3", territory=places["artois"])
    client.force_login(coordinator)
    titles = [row[1] for row in csv_rows(client.get(reverse("portfolio:export", args=["csv"])))[1:]]
    assert sorted(titles) == sorted(
        ['\'=HYPERLINK("http://x","clic")', "'+33 1 23", "'@SUM(A1)", "'-2+3"]
    )
    # The XLSX keeps the titles as written, in text cells, never formulas.
    values, sheet = xlsx_rows(client.get(reverse("portfolio:export", args=["xlsx"])))
    assert sorted(row[1] for row in values[1:]) == sorted(title[1:] for title in titles)
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)
    assert neutralise("=1") == "'=1" and neutralise("Normal") == "Normal" and neutralise(3) == 3


def test_unknown_export_format_is_not_found(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("portfolio:export", args=["pdf"])).status_code == 404


# Who sees the portfolio.


@pytest.fixture
def expert(staff_roles, make_user):
    body = ExpertBodyFactory(name="Pôle énergie", slug="pole-energie", acronym="PE")
    body.refresh_from_db()
    return make_user(body.group.name, username="expert", is_staff=True)


@pytest.mark.parametrize("name,args", URL_NAMES)
def test_permission_matrix(
    client, name, args, portfolio, coordinator, evaluators, commission_member, expert, editor, owner
):
    url = reverse(name, args=args)
    for allowed in (coordinator, commission_member):
        client.force_login(allowed)
        response = client.get(url)
        assert response.status_code == 200, (allowed, url)
        if name in ("portfolio:index", "portfolio:index_results"):
            assert CANARY in response.content.decode()
        if name == "portfolio:export" and args == ["csv"]:
            assert CANARY in response.content.decode("utf-8-sig")
    for refused in (expert, editor, owner, None):
        client.logout()
        if refused is not None:
            client.force_login(refused)
        response = client.get(url)
        assert response.status_code in (302, 403), (refused, url)
        assert CANARY not in response.content.decode(errors="replace")
        assert "attachment" not in response.get("Content-Disposition", "")


def test_menu_item_for_coordinators_and_evaluators_only(
    client, coordinator, evaluators, editor, expert
):
    url = reverse("portfolio:index")
    for user, shown in (
        (coordinator, True),
        (evaluators[0], True),
        (editor, False),
        (expert, False),
    ):
        client.force_login(user)
        html = client.get(reverse("wagtailadmin_home")).content.decode()
        assert (url in html) is shown, user


# Query counts, flat in the number of projects.


def add_projects(
    count, owner, places, priorities, pillars, coordinator=None, evaluators=(), grid=None
):
    for n in range(count):
        project = ProjectFactory(
            owner=owner,
            territory=list(places.values())[n % 2],
            priorities=[list(priorities.values())[n % 3]],
        )
        project.pillars.set(pillars[: n % 3])
        if coordinator and n % 3 == 0:
            evaluate(project, coordinator, evaluators, [n % 4 + 1, None], grid=grid)


def queries_of(client, url):
    client.get(url)  # warm caches (site, permissions, content types)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


# Measured: the same at 3 and 30 projects (session, user, permissions, second factor,
# the reader's own projects, the filters' choices, the count, the page and its
# priorities, the reader's expert bodies for the admin menu's reports). A query per
# project would fail both assertions.
CEILINGS = {"portfolio:index": 17, "portfolio:transversal": 17, "portfolio:evaluations": 16}


@pytest.mark.parametrize("name", sorted(CEILINGS))
def test_query_counts_are_flat(
    client, name, coordinator, evaluators, owner, places, priorities, pillars, grid,
    django_assert_max_num_queries,
):  # fmt: skip
    client.force_login(coordinator)
    url = reverse(name)
    add_projects(3, owner, places, priorities, pillars, coordinator, evaluators, grid)
    with django_assert_max_num_queries(CEILINGS[name]):
        client.get(url)
    few = queries_of(client, url)
    add_projects(27, owner, places, priorities, pillars, coordinator, evaluators, grid)
    with django_assert_max_num_queries(CEILINGS[name]):
        assert client.get(url).status_code == 200
    assert queries_of(client, url) == few
