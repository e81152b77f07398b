"""Bar charts drawn on the server as SVG, each with the table of the same figures.

For any report of any app (web is at the bottom of the layers). The same choices as the
portfolio's charts (projects/portfolio/charts.py), for the same reasons:
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

`bar_chart(...)` builds a `BarChart`; the template `web/charts/bar_chart.html` (include it
`with chart=...`) draws it and its table. Horizontal bars: long labels (search terms,
months) read left to right.
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
BACKGROUND = "#ffffff"


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


@dataclass(frozen=True)
class Tick:
    x: float
    text: str


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

    @property
    def empty(self):
        return not self.bars

    @property
    def rows(self):
        """The table's rows: (label, value as shown)."""
        return [(bar.label, bar.text) for bar in self.bars]


def nice_ticks(top):
    """Round tick values from 0 to at least `top`: 4 or 5 intervals of 1, 2, 2.5 or 5 × 10ⁿ."""
    if not top or top <= 0:
        return [0, 1]
    raw = top / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
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
    chart = BarChart(
        key=key,
        title=title,
        description=description,
        label_heading=label_heading,
        value_heading=value_heading,
    )
    items = [(str(label), value) for label, value in items if value is not None]
    if not items:
        return chart
    shorts = [_short(label) for label, _value in items]
    chart.plot_left = min(int(max(len(short) for short in shorts) * CHAR) + 12, 260)
    plot_right = WIDTH - VALUE_ROOM
    top_value = max(value for _label, value in items)
    if percent:
        ticks = [0, 0.25, 0.5, 0.75, 1] if top_value <= 1 else nice_ticks(top_value)
    else:
        ticks = nice_ticks(top_value)
    scale = (plot_right - chart.plot_left) / ticks[-1]  # ticks[-1] > 0: never divides by 0
    group = BAR + GAP
    chart.axis_y = TOP + group * len(items)
    chart.height = int(chart.axis_y + AXIS)
    chart.tick_text_y = chart.axis_y + 18
    chart.label_x = chart.plot_left - 8
    chart.ticks = [
        Tick(round(chart.plot_left + tick * scale, 1), format_value(tick, percent))
        for tick in ticks
    ]
    chart.bars = [
        Bar(
            label=label,
            value=value,
            text=format_value(value, percent, decimals),
            short_label=short,
            y=round(TOP + row * group + GAP / 2, 1),
            width=round(max(0, value) * scale, 1),
            x=chart.plot_left,
            text_y=round(TOP + row * group + GAP / 2 + BAR - 5, 1),
            value_x=round(chart.plot_left + max(0, value) * scale + 4, 1),
        )
        for row, ((label, value), short) in enumerate(zip(items, shorts, strict=True))
    ]
    return chart
