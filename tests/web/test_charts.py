"""Server-drawn bar charts: the drawing and its table show the same figures, empty says so."""

import re
import xml.etree.ElementTree as ElementTree

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from web import charts


def render(chart):
    return render_to_string("web/charts/bar_chart.html", {"chart": chart})


def drawn_and_listed(html):
    svg = html.split("<svg", 1)[1].split("</svg>", 1)[0]
    table = html.split("<table", 1)[1].split("</table>", 1)[0]
    return re.findall(r"<text [^>]*data-value>([^<]+)</text>", svg), re.findall(
        r"<td>([^<]+)</td>", table
    )


def test_the_drawing_and_the_table_agree():
    chart = charts.bar_chart(
        "per-month",
        "Searches per month",
        "Number of searches, month by month.",
        [("octobre 2026", 1250), ("novembre 2026", 80), ("décembre 2026", 0)],
        "Month",
        "Searches",
    )
    with translation.override("fr"):
        html = render(chart)
    drawn, listed = drawn_and_listed(html)
    assert drawn == listed == ["1\xa0250", "80", "0"]  # French grouping
    assert re.findall(r"<th scope=\"row\">([^<]+)</th>", html) == [
        "octobre 2026",
        "novembre 2026",
        "décembre 2026",
    ]
    # Bars in proportion to their values, the longest the largest; a zero has no width.
    widths = [
        float(w)
        for w in re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)" height="16"', html)
    ]
    assert widths[0] > widths[1] > widths[2] == 0
    assert widths[0] / widths[1] == pytest.approx(1250 / 80, rel=0.02)


def test_the_drawing_is_an_accessible_image_without_script_or_style():
    chart = charts.bar_chart("c", "Title <b>", "Description", [("<script>", 3)], "L", "V")
    html = render(chart)
    assert 'role="img"' in html and 'aria-labelledby="c-title c-desc"' in html
    assert '<title id="c-title">Title &lt;b&gt;</title>' in html
    assert '<desc id="c-desc">Description</desc>' in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "style=" not in html and "<style" not in html
    assert "<caption>Title &lt;b&gt;</caption>" in html
    # Well-formed XML but for the HTML flag `data-value` (the SVG is inline in HTML).
    drawing = html[html.index("<svg") : html.index("</svg>") + 6]
    svg = ElementTree.fromstring(drawing.replace(" data-value>", ' data-value="">'))
    assert svg.get("role") == "img"
    assert '<th scope="col">L</th><th scope="col">V</th>' in html


def test_shares_are_percentages_with_a_fixed_scale():
    chart = charts.bar_chart(
        "r", "Rate", "", [("a", 0.4), ("b", None), ("c", 1 / 3)], "L", "V", percent=True
    )
    with translation.override("fr"):
        drawn, listed = drawn_and_listed(render(chart))
    assert drawn == listed == ["40 %", "33 %"]  # None (a rate of nothing) is left out
    assert [tick.text for tick in chart.ticks] == ["0 %", "25 %", "50 %", "75 %", "100 %"]


@pytest.mark.parametrize("items", [[], [("a", None)]])
def test_no_data_says_so_and_divides_nothing(items):
    chart = charts.bar_chart("e", "Empty", "", items, "L", "V")
    html = render(chart)
    assert chart.empty
    assert "<svg" not in html and "<table" not in html
    assert "bar-chart__empty" in html


def test_all_zero_values_draw_an_axis_without_dividing_by_zero():
    chart = charts.bar_chart("z", "Zeros", "", [("a", 0), ("b", 0)], "L", "V")
    assert [bar.width for bar in chart.bars] == [0, 0]
    assert [tick.text for tick in chart.ticks] == ["0", "1"]


@pytest.mark.parametrize(
    ("top", "ticks"),
    [
        (1, [0, 0.25, 0.5, 0.75, 1]),
        (7, [0, 2, 4, 6, 8]),
        (100, [0, 25, 50, 75, 100]),
        (1250, [0, 500, 1000, 1500]),
    ],
)
def test_nice_ticks(top, ticks):
    assert charts.nice_ticks(top) == ticks


def test_long_labels_are_shortened_in_the_drawing_only():
    label = "une recherche très longue sur les bornes de recharge en milieu rural"
    html = render(charts.bar_chart("l", "T", "", [(label, 2)], "L", "V"))
    assert f'<th scope="row">{label}</th>' in html
    assert label[:31] + "…" in html.split("</svg>")[0]


def test_counts_have_whole_ticks():
    assert charts.nice_ticks(2, whole=True) == [0, 1, 2]
    chart = charts.bar_chart("w", "Counts", "", [("a", 1), ("b", 0)], "L", "V")
    assert [tick.text for tick in chart.ticks] == ["0", "1"]


def test_several_series_side_by_side_with_a_legend_and_a_column_each():
    chart = charts.grouped_bar_chart(
        "g",
        "Per month",
        "Submitted and decided.",
        ["2026-10", "2026-11", "2026-12"],
        [("Submitted", [3, 0, None]), ("Decided", [1, 2, None])],
        "Month",
    )
    html = render(chart)
    assert [label for label, _texts in chart.rows] == ["2026-10", "2026-11"]  # all None: out
    assert chart.rows[0][1] == ["3", "1"]
    assert '<th scope="col">Month</th><th scope="col">Submitted</th><th scope="col">Decided' in html
    drawn, listed = drawn_and_listed(html)
    assert drawn == listed == ["3", "1", "0", "2"]
    svg = html.split("</svg>")[0]
    assert svg.count(">2026-10</text>") == 1  # one label for its two bars
    assert "<title>2026-10, Decided : 1</title>" in svg
    assert len({bar.colour for bar in chart.bars}) == 2
    assert [entry.name for entry in chart.legend] == ["Submitted", "Decided"]
    assert chart.legend[1].x > chart.legend[0].text_x
    # The second series' bar sits under the first, both within the label's group.
    first, second = chart.bars[0], chart.bars[1]
    assert second.y == first.y + charts.BAR and first.label_y == second.label_y
    assert chart.bars[0].y >= chart.plot_top == charts.TOP + charts.LEGEND


def test_a_missing_value_among_others_draws_no_bar_and_an_empty_cell():
    chart = charts.grouped_bar_chart("m", "T", "", ["a"], [("x", [None]), ("y", [2])], "L")
    assert [bar.series for bar in chart.bars] == ["y"]
    assert chart.bars[0].first and chart.rows == [("a", ["", "2"])]
    assert "<td></td><td>2</td>" in render(chart)
