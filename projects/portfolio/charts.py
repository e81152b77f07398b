"""Horizontal bar charts drawn on the server as SVG, each with the table of its figures.

Why no charting library:
- no JavaScript: the admin's CSP allows no script from elsewhere, and a chart that only
  draws in a browser with scripts on is missing for some readers and for tests;
- accessibility: the chart is one image (`role="img"`) named by its `<title>` and
  described by its `<desc>`, its bars labelled in text, its colours contrasted against
  a background it draws itself (so the admin's dark theme does not wash it out), and
  every figure is also in a `<table>` beside it, which is what a screen reader reads;
- the CSP: only SVG presentation attributes (`fill`, `font-size`), no `style` attribute
  or element, no external font or image;
- few needs: bars of counts, one or a few series, a legend; under 200 lines.

`Chart` holds the figures; `Chart.svg()` draws them, and the template
`projects/portfolio/includes/chart.html` puts the table beside the drawing.
"""

import math
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.utils.safestring import mark_safe

WIDTH = 640
BAR = 18
GAP = 12
TOP = 12
AXIS = 28
LEGEND = 26
CHAR = 7.2  # mean width of a 12 px sans-serif character
LABEL_MAX = 34  # characters; the table holds the full label
BACKGROUND = "#ffffff"
INK = "#1b1b1b"  # 16.8:1 on white
GRID = "#c8c8c8"
# Each at least 4.5:1 on white (WCAG 1.4.11 asks 3:1 of graphical objects).
COLOURS = ("#1f4e8c", "#a4461b", "#2f6b2f", "#6a3d8f")


@dataclass
class Series:
    name: str
    values: list


@dataclass
class Chart:
    """`categories` label the rows; each series gives one value per category."""

    key: str
    title: str
    description: str
    categories: list
    series: list
    category_heading: str = ""

    def rows(self):
        """The table's rows: a category and its value in each series."""
        return [
            (category, [series.values[index] for series in self.series])
            for index, category in enumerate(self.categories)
        ]

    def svg(self):
        return mark_safe(draw(self))


def _short(label):
    label = str(label)
    return label if len(label) <= LABEL_MAX else label[: LABEL_MAX - 1] + "…"


def _ticks(top):
    """Nice round tick values from 0 to at least `top` (4 or 5 intervals)."""
    if top <= 0:
        return [0, 1]
    raw = top / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if step < 1:
        step = 1
    count = math.ceil(top / step)
    return [round(step * n, 6) for n in range(count + 1)]


def _number(value):
    return f"{value:g}" if isinstance(value, float) else str(value)


def draw(chart):
    """The chart as an SVG document fragment (a string of well-formed XML)."""
    labels = [_short(category) for category in chart.categories]
    label_width = min(int(max((len(label) for label in labels), default=4) * CHAR) + 12, 260)
    plot_left = label_width
    plot_right = WIDTH - 48  # room for the value after the longest bar
    several = len(chart.series) > 1
    legend = LEGEND if several else 0
    group = BAR * len(chart.series) + GAP
    plot_top = TOP + legend
    plot_height = group * len(chart.categories)
    height = plot_top + plot_height + AXIS
    top_value = max((max(series.values, default=0) for series in chart.series), default=0)
    ticks = _ticks(top_value)
    scale = (plot_right - plot_left) / ticks[-1]
    ident = f"chart-{chart.key}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="portfolio-chart"'
        f' aria-labelledby="{ident}-title {ident}-desc" viewBox="0 0 {WIDTH} {height}"'
        f' width="100%" preserveAspectRatio="xMinYMin meet" font-family="sans-serif"'
        f' font-size="12">',
        f'<title id="{ident}-title">{escape(str(chart.title))}</title>',
        f'<desc id="{ident}-desc">{escape(str(chart.description))}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="{BACKGROUND}"/>',
    ]
    if several:
        x = plot_left
        for index, series in enumerate(chart.series):
            colour = COLOURS[index % len(COLOURS)]
            parts.append(
                f'<rect x="{x}" y="{TOP}" width="12" height="12" fill="{colour}"/>'
                f'<text x="{x + 18}" y="{TOP + 10}" fill="{INK}">{escape(str(series.name))}</text>'
            )
            x += 18 + int(len(str(series.name)) * CHAR) + 24
    axis_y = plot_top + plot_height
    for tick in ticks:
        x = plot_left + tick * scale
        parts.append(
            f'<line x1="{x:.1f}" y1="{plot_top}" x2="{x:.1f}" y2="{axis_y}" stroke="{GRID}"'
            f' stroke-width="1"/>'
            f'<text x="{x:.1f}" y="{axis_y + 18}" fill="{INK}" text-anchor="middle">'
            f"{_number(tick)}</text>"
        )
    for row, label in enumerate(labels):
        y = plot_top + row * group + GAP / 2
        middle = y + BAR * len(chart.series) / 2
        parts.append(
            f'<text x="{plot_left - 8}" y="{middle + 4:.1f}" fill="{INK}" text-anchor="end">'
            f"{escape(label)}</text>"
        )
        for index, series in enumerate(chart.series):
            value = series.values[row]
            width = value * scale
            bar_y = y + index * BAR
            colour = COLOURS[index % len(COLOURS)]
            parts.append(
                f'<rect x="{plot_left}" y="{bar_y:.1f}" width="{width:.1f}" height="{BAR - 2}"'
                f' fill="{colour}"><title>{escape(f"{label}, {series.name}: {_number(value)}")}'
                f"</title></rect>"
                f'<text x="{plot_left + width + 4:.1f}" y="{bar_y + BAR - 5:.1f}" fill="{INK}">'
                f"{_number(value)}</text>"
            )
    parts.append(
        f'<line x1="{plot_left}" y1="{plot_top}" x2="{plot_left}" y2="{axis_y}" stroke="{INK}"'
        f' stroke-width="1"/>'
    )
    parts.append("</svg>")
    return "".join(parts)
