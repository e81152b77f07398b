"""Bar charts drawn on the server as SVG, each with the table of the same figures.

For any report of any app (web is at the bottom of the layers: the search reports and the
portfolio's figures draw with it). Why no charting library, and how:
- no JavaScript, nothing external: the admin's CSP (web/csp.py) allows neither inline
  script nor inline style without a nonce; the drawing uses SVG presentation attributes
  only (`fill`, `font-size`), never a `style` attribute or element;
- accessible (RGAA): the drawing is one image (`role="img"`) named by its `<title>`,
  described by its `<desc>`; each bar carries its value as text (no meaning by colour
  alone), dark ink on a white background it draws itself (contrast 4.5:1 at least, also
  under the admin's dark theme); the `<table>` beside it, with a caption and headers, is
  what a screen reader reads and what a reflowed 320 px screen shows in full;
- one truth: the drawing and the table read the same `Bar`s, so their figures cannot
  differ; an empty chart says "no data yet" and never divides by zero.

`bar_chart(...)` builds a `BarChart` of one series; `grouped_bar_chart(...)` one of a few
series side by side (a bar of each per label, a legend above, a column of each in the
table: the portfolio's evaluations submitted and decided per month). The template
`web/charts/bar_chart.html` (include it `with chart=...`) draws either and its table.
Horizontal bars: long labels (search terms, months) read left to right.
"""

import math
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

WIDTH = 640
BAR = 18
GAP = 10
TOP = 8
AXIS = 26
CHAR = 7.2  # mean width of a 12 px sans-serif character
LABEL_MAX = 32  # characters drawn; the table holds the full label
VALUE_ROOM = 56  # after the longest bar, for its value
INK = "#1b1b1b"  # 16.8:1 on white
GRID = "#c8c8c8"
BAR_COLOUR = "#1f4e8c"  # 8.6:1 on white
# One per series, each at least 4.5:1 on white (WCAG 1.4.11 asks 3:1 of graphical objects).
COLOURS = (BAR_COLOUR, "#a4461b", "#2f6b2f", "#6a3d8f")
BACKGROUND = "#ffffff"
LEGEND = 26  # above the plot when there are several series
SWATCH = 12


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # the value as shown, in the drawing and in the table alike
    short_label: str
    y: float
    width: float
    x: float  # where the bar starts (the plot's left edge)
    text_y: float  # the baseline of its label and value
    value_x: float  # where its value is written, after the bar
    colour: str = BAR_COLOUR
    series: str = ""  # its series' name when there are several, for its own title
    label_y: float = 0  # the baseline of its label, written once per label (first bar)
    first: bool = True  # the first bar of its label: the label is written before it


@dataclass(frozen=True)
class Tick:
    x: float
    text: str


@dataclass(frozen=True)
class LegendEntry:
    name: str
    colour: str
    x: float
    text_x: float


@dataclass
class BarChart:
    key: str  # unique in the page: the ids of the title, description and table
    title: str
    description: str
    label_heading: str
    value_heading: str
    bars: list = field(default_factory=list)
    ticks: list = field(default_factory=list)
    width: int = WIDTH
    height: int = 0
    plot_left: float = 0
    plot_top: float = TOP
    axis_y: float = 0
    tick_text_y: float = 0
    label_x: float = 0
    bar_height: int = BAR - 2
    ink: str = INK
    grid: str = GRID
    colour: str = BAR_COLOUR
    background: str = BACKGROUND
    empty_text: str = _("No data yet.")
    value_headings: list = field(default_factory=list)  # one per series; [value_heading]
    legend: list = field(default_factory=list)  # of several series only
    legend_y: float = TOP
    legend_text_y: float = TOP + 10
    table_rows: list = field(default_factory=list)

    def __post_init__(self):
        if not self.value_headings:
            self.value_headings = [self.value_heading]

    @property
    def empty(self):
        return not self.table_rows

    @property
    def rows(self):
        """The table's rows: (label, [each series' value as shown])."""
        return self.table_rows


def nice_ticks(top, whole=False):
    """Round tick values from 0 to at least `top`: 4 or 5 intervals of 1, 2, 2.5 or 5 × 10ⁿ;
    steps of 1 at least when `whole` (counts: no tick between 0 and 1 to label "0")."""
    if not top or top <= 0:
        return [0, 1]
    raw = top / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if whole:
        step = max(step, 1)
    count = math.ceil(top / step - 1e-9)
    return [round(step * n, 10) for n in range(count + 1)]


def format_value(value, percent=False, decimals=0):
    """A figure as people read it here: 1 234, 12,5, 33 % (the active language's format)."""
    # number_format cuts the decimals it does not show: rounded first.
    if percent:
        return f"{number_format(round(value * 100, decimals), decimals)} %"
    if decimals:
        return number_format(round(value, decimals), decimals, use_l10n=True)
    return number_format(int(round(value)), 0, use_l10n=True, force_grouping=True)


def _short(label):
    label = str(label)
    return label if len(label) <= LABEL_MAX else label[: LABEL_MAX - 1] + "…"


def bar_chart(
    key, title, description, items, label_heading, value_heading, percent=False, decimals=0
):
    """A chart of `items`, [(label, value)] in the order to draw them. Values are counts,
    or shares from 0 to 1 with `percent`; None values (a rate of nothing) are left out."""
    items = [(label, value) for label, value in items if value is not None]
    return grouped_bar_chart(
        key,
        title,
        description,
        [label for label, _value in items],
        [(value_heading, [value for _label, value in items])],
        label_heading,
        percent=percent,
        decimals=decimals,
    )


def grouped_bar_chart(
    key, title, description, labels, series, label_heading, percent=False, decimals=0
):
    """A chart of one or a few `series`, [(name, values)], each value that of the label of
    the same rank in `labels`. A label whose values are all None is left out; a None
    among others draws no bar and an empty cell."""
    series = [(str(name), list(values)) for name, values in series]
    chart = BarChart(
        key=key,
        title=title,
        description=description,
        label_heading=label_heading,
        value_heading=series[0][0] if series else "",
        value_headings=[name for name, _values in series],
    )
    rows = [
        (str(label), [values[index] for _name, values in series])
        for index, label in enumerate(labels)
    ]
    rows = [(label, values) for label, values in rows if any(v is not None for v in values)]
    if not rows:
        return chart
    several = len(series) > 1
    shorts = [_short(label) for label, _values in rows]
    chart.plot_left = min(int(max(len(short) for short in shorts) * CHAR) + 12, 260)
    chart.plot_top = TOP + (LEGEND if several else 0)
    plot_right = WIDTH - VALUE_ROOM
    top_value = max(value for _label, values in rows for value in values if value is not None)
    if percent and top_value <= 1:
        ticks = [0, 0.25, 0.5, 0.75, 1]
    else:
        ticks = nice_ticks(top_value, whole=not percent and not decimals)
    scale = (plot_right - chart.plot_left) / ticks[-1]  # ticks[-1] > 0: never divides by 0
    group = BAR * len(series) + GAP
    chart.axis_y = chart.plot_top + group * len(rows)
    chart.height = int(chart.axis_y + AXIS)
    chart.tick_text_y = chart.axis_y + 18
    chart.label_x = chart.plot_left - 8
    chart.ticks = [
        Tick(round(chart.plot_left + tick * scale, 1), format_value(tick, percent))
        for tick in ticks
    ]
    colours = [COLOURS[index % len(COLOURS)] for index in range(len(series))]
    if several:
        x = chart.plot_left
        for (name, _values), colour in zip(series, colours, strict=True):
            chart.legend.append(LegendEntry(name, colour, x, x + SWATCH + 6))
            x += SWATCH + 6 + int(len(name) * CHAR) + 24
    chart.table_rows = [
        (
            label,
            ["" if value is None else format_value(value, percent, decimals) for value in values],
        )
        for label, values in rows
    ]
    for row, ((label, values), short, (_label, texts)) in enumerate(
        zip(rows, shorts, chart.table_rows, strict=True)
    ):
        top = chart.plot_top + row * group + GAP / 2
        label_y = round(top + BAR * len(series) / 2 + 4, 1) if several else None
        drawn = [(index, value) for index, value in enumerate(values) if value is not None]
        for rank, (index, value) in enumerate(drawn):
            y = top + index * BAR
            text_y = round(y + BAR - 5, 1)
            chart.bars.append(
                Bar(
                    label=label,
                    value=value,
                    text=texts[index],
                    short_label=short,
                    y=round(y, 1),
                    width=round(max(0, value) * scale, 1),
                    x=chart.plot_left,
                    text_y=text_y,
                    value_x=round(chart.plot_left + max(0, value) * scale + 4, 1),
                    colour=colours[index],
                    series=series[index][0] if several else "",
                    label_y=text_y if label_y is None else label_y,
                    first=rank == 0,
                )
            )
    return chart
