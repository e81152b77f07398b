"""Server-drawn bar charts: the drawing and its table show the same figures, empty says so."""

import re

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
