"""The portfolio and the evaluations as CSV and XLSX.

- The portfolio: one row per project the list's filters keep, with the list's figures.
- The evaluations: one row per submitted score (project, grid version, criterion,
  level, evaluator, justification, when submitted), for the projects the filters keep.
  Never an evaluator's notes, never a review still being written (it is its author's).

Every text cell is guarded against formula injection: a value a spreadsheet would read
as a formula (starting with =, +, -, @, a tab or a carriage return) gets a leading
apostrophe, in the CSV and in the XLSX alike; XLSX cells are also written as text.
"""

import csv
import datetime
import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Decision, EvaluationStatus, ProjectStage, Score
from ..states import EvaluationState

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV = "csv"
XLSX = "xlsx"
FORMATS = (CSV, XLSX)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value):
    """A text a spreadsheet will not run as a formula; other values as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _cell(value, for_csv=True):
    """A value as the file holds it. A CSV's text cannot say "not a formula", so text
    that would start one is prefixed; an XLSX's text cell says it (`data_type = "s"`),
    so "-5 % de consommation" stays as written there."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, (int, float, datetime.date)):
        return value
    return neutralise(str(value)) if for_csv else str(value)


def _label(choices, value):
    return str(choices(value).label) if value else ""


def portfolio_table(projects):
    """(headings, rows) of the portfolio; `projects` from `filters.portfolio_rows`."""
    headings = [
        _("Reference"),
        _("Title"),
        _("Territory"),
        _("Priorities"),
        _("Pillars"),
        _("Number of pillars"),
        _("Stage"),
        _("Evaluation"),
        _("Reviews submitted"),
        _("Evaluators assigned"),
        _("Decision"),
        _("Mean score"),
        _("Created at"),
    ]

    def rows():
        for project in projects.iterator(chunk_size=500):
            yield [
                project.reference,
                project.title,
                project.territory.name,
                ", ".join(str(priority) for priority in project.priorities.all()),
                ", ".join(pillar.title for pillar in project.pillars.all()),
                project.pillar_count,
                _label(ProjectStage, project.stage),
                _label(EvaluationState, project.evaluation_state),
                project.done_count,
                project.assigned_count,
                _label(Decision, project.last_decision),
                round(project.mean_score, 2) if project.mean_score is not None else None,
                project.created_at,
            ]

    return headings, rows()


def evaluations_table(projects):
    """(headings, rows): one row per submitted score of the evaluations of `projects`."""
    headings = [
        _("Project reference"),
        _("Project"),
        _("Evaluation submitted at"),
        _("Evaluation status"),
        _("Grid version"),
        _("Criterion"),
        _("Level"),
        _("Evaluator"),
        _("Justification"),
        _("Submitted at"),
    ]
    scores = (
        Score.objects.filter(
            review__evaluation__project__in=projects.values("pk"),
            review__submitted_at__isnull=False,
        )
        .select_related(
            "criterion",
            "review__evaluator",
            "review__evaluation__grid",
            "review__evaluation__project",
        )
        .only(
            "level",
            "justification",
            "criterion__name",
            "review__submitted_at",
            "review__evaluator__first_name",
            "review__evaluator__last_name",
            "review__evaluator__username",
            "review__evaluation__submitted_at",
            "review__evaluation__status",
            "review__evaluation__grid__version",
            "review__evaluation__project__title",
            "review__evaluation__project__created_at",
        )
        .order_by(
            "review__evaluation__project__created_at",
            "review__evaluation__project_id",
            "review__evaluation__submitted_at",
            "review__submitted_at",
            "review_id",
            "criterion__sort_order",
        )
    )

    def rows():
        for score in scores.iterator(chunk_size=1000):
            review = score.review
            evaluation = review.evaluation
            evaluator = review.evaluator
            name = (evaluator.get_full_name() or evaluator.username) if evaluator else ""
            yield [
                evaluation.project.reference,
                evaluation.project.title,
                evaluation.submitted_at,
                _label(EvaluationStatus, evaluation.status),
                evaluation.grid.version,
                score.criterion.name,
                score.level,
                name,
                score.justification,
                review.submitted_at,
            ]

    return headings, rows()


def _filename(stem, extension):
    return f"{stem}-{timezone.localdate():%Y-%m-%d}.{extension}"


def csv_response(stem, headings, rows):
    # UTF-8 with a byte-order mark: spreadsheets then read the accents right.
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow([_cell(heading) for heading in headings])
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(stem, CSV)}"'
    return response


def xlsx_response(stem, sheet_title, headings, rows):
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(sheet_title)[:31])

    def cells(values):
        for value in values:
            cell = WriteOnlyCell(sheet, _cell(value, for_csv=False))
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula
            if isinstance(cell.value, datetime.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            yield cell

    sheet.append(list(cells(headings)))
    for row in rows:
        sheet.append(list(cells(row)))
    output = io.BytesIO()
    workbook.save(output)
    response = HttpResponse(output.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename(stem, XLSX)}"'
    return response


def respond(export_format, stem, sheet_title, table):
    headings, rows = table
    if export_format == XLSX:
        return xlsx_response(stem, sheet_title, headings, rows)
    return csv_response(stem, headings, rows)
