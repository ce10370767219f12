"""Chart builders: pure functions from a prepared frame to an Altair chart; they never render.

Every builder takes a frame made by `lipu_data.views` (already localized) and returns a chart with a
title, axis titles with units and tooltips. The theme comes from `lipu_data.theme` (registered on
import). Selections are named so pages can read what a reader clicked.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from lipu_data import theme  # noqa: F401  (registers and enables the "lipu" theme)
from lipu_data.chart_fit import BAR_LABEL_ROOM, fitted_title, label_room, legend, wrapped_labels
from lipu_data.theme import DERIVED_COLOR, PALETTE, STATED_COLOR, TEXT_COLOR

FACT_SELECTION = "pick"
CATEGORY_SELECTION = "category_pick"
BAR_SIZE = 16
ROW_HEIGHT = 52


def _sized(chart, height: int | alt.Step):
    """Fill the container's width; `height` is the plot area, or a step per row of a band scale (Streamlit's
    default "fit" would squeeze the plot to make room for the title, axes and legend)."""
    return chart.properties(width="container", height=height,
                            autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))


def _fact_tooltip(value_title: str, label_title: str, kind_title: str, period_title: str,
                  paragraph_title: str) -> list[alt.Tooltip]:
    """A figure's tooltip; every field named in the reader's language (an empty title would show the
    frame's column name, e.g. `kind_text`)."""
    return [
        alt.Tooltip("label:N", title=label_title),
        alt.Tooltip("value_text:N", title=value_title),
        alt.Tooltip("kind_text:N", title=kind_title),
        alt.Tooltip("period_text:N", title=period_title),
        alt.Tooltip("paragraph_id:N", title=paragraph_title),
    ]


def _names_above_rows(frame: pd.DataFrame, y: alt.Y, field: str, *, gap: float,
                      tooltip: list[alt.Tooltip]) -> alt.Chart:
    """Each row's `field` written above the row's mark, from the plot's left edge across the chart's width
    (`gap` px above the row's middle); one longer than the chart ends in an ellipsis at its edge and its
    tooltip shows it whole. Used where names beside the marks would take a phone's width from them."""
    return alt.Chart(frame).mark_text(align="left", baseline="bottom", dy=-gap, color=TEXT_COLOR,
                                      limit=alt.ExprRef(BAR_LABEL_ROOM)).encode(
        x=alt.value(0), y=y, text=f"{field}:N", tooltip=tooltip)


def fact_bar_chart(frame: pd.DataFrame, *, title: str, axis_title: str, kind_title: str, label_title: str,
                   period_title: str, paragraph_title: str, select: bool = True) -> alt.LayerChart:
    """Horizontal bars, one per fact, each labelled above its bar and with its formatted figure ('500多', 'more than 500').

    Labels sit above the bars rather than on the axis, so a label has the chart's whole width; one longer
    than that (a few English ones on a phone) ends in an ellipsis at the chart's edge instead of running
    off it, and its tooltip shows it whole. Stated and derived figures differ in colour (legend titled
    `kind_title`); lower bounds get a dashed outline so they never read as exact. Clicking a bar selects
    its `fact_id`. A derived figure's name says so too ("Derived · …"), so the kind never rests on colour alone.
    The `*_title`s name the tooltip's fields.
    """
    # Nothing in the spec depends on the rows (order, height, axis end and colours travel in the data), so
    # a filter change that only changes which figures a chart shows leaves its spec as it was, and the
    # browser updates the drawn chart in place instead of building a new one (see `stable_spec`).
    frame = frame.assign(row_order=range(len(frame)),
                         kind_color=[STATED_COLOR if kind == "stated" else DERIVED_COLOR for kind in frame["kind"]],
                         name_text=bar_names(frame))
    y = alt.Y("label:N", sort=alt.EncodingSortField("row_order", op="min"), title=None, axis=None,
              scale=alt.Scale(paddingInner=0.6, paddingOuter=0.4))
    x_scale = alt.Scale(zero=True, nice=False)
    tooltip = _fact_tooltip(axis_title, label_title, kind_title, period_title, paragraph_title)
    base = alt.Chart(frame).encode(
        y=y,
        # About five ticks: at Vega's default of one per 40 px, /levels' kindergarten chart had 23 labels and
        # grid lines, hard to read and about 50 more SVG elements to draw on every filter change.
        x=alt.X("value:Q", title=axis_title, scale=x_scale, axis=alt.Axis(tickCount=5)),
        tooltip=tooltip,
    )
    bars = base.mark_bar(size=BAR_SIZE, cornerRadiusEnd=2).encode(
        # Each kind's colour comes from its rows, so the legend lists only the kinds the chart shows. No
        # custom sort: Vega-Lite orders a field range by the colour field's values, so a domain sorted any
        # other way would pair kinds with the wrong colours (the legend lists kinds alphabetically).
        color=alt.Color("kind_text:N", title=kind_title, scale=alt.Scale(range=alt.FieldRange("kind_color")),
                        legend=legend()),
        strokeDash=alt.condition("datum.qualifier == 'at_least'", alt.value([4, 3]), alt.value([1, 0])),
        stroke=alt.value("#333333"),
        strokeWidth=alt.condition("datum.qualifier == 'at_least'", alt.value(1.5), alt.value(0)),
    )
    if select:
        pick = alt.selection_point(name=FACT_SELECTION, fields=["fact_id"], on="click", clear="dblclick")
        bars = bars.add_params(pick).encode(opacity=alt.condition(pick, alt.value(1.0), alt.value(0.35)))
    values = base.mark_text(align="left", dx=4, color=TEXT_COLOR).encode(text="value_text:N")
    labels = _names_above_rows(frame, y, "name_text", gap=BAR_SIZE / 2 + 3, tooltip=tooltip)
    # An invisible point at 1.2x the largest figure extends the x axis, so the figures beside the bars fit
    # (size 0: nothing there to hover or click).
    room = alt.Chart(frame).transform_aggregate(top="max(value)").transform_calculate(
        axis_end="datum.top > 0 ? datum.top * 1.2 : 1").mark_point(opacity=0, size=0).encode(
        x=alt.X("axis_end:Q", title=axis_title, scale=x_scale))
    # 12 px on the right instead of Vega's 5: the browser draws a figure's text 1-2 px wider than Vega measures
    # it, so the figure beside the longest bar ran past the chart's edge on phones.
    return _sized(alt.layer(bars, values, labels, room, title=fitted_title(title)), alt.Step(ROW_HEIGHT)).properties(
        padding={"left": 5, "top": 5, "bottom": 5, "right": 12})


# How wide a measure's name under its group of bars may be: two groups side by side on a 360 px phone.
PERIOD_LABEL_WIDTH = 140


def period_comparison_chart(frame: pd.DataFrame, *, title: str, axis_title: str, period_title: str, label_title: str,
                            kind_title: str, paragraph_title: str) -> alt.Chart:
    """Grouped bars comparing periods (e.g. gaokao 2022 vs 2023) for each measure in `label`."""
    periods = list(dict.fromkeys(frame["period_text"]))
    labels = list(dict.fromkeys(frame["label"]))
    base = alt.Chart(frame).encode(
        x=alt.X("label:N", title=None, sort=labels,
                axis=alt.Axis(labelAngle=0, labelExpr=wrapped_labels(labels, PERIOD_LABEL_WIDTH),
                              labelLimit=PERIOD_LABEL_WIDTH + 10)),
        xOffset=alt.XOffset("period_text:N", sort=periods),
        y=alt.Y("value:Q", title=axis_title),
        tooltip=_fact_tooltip(axis_title, label_title, kind_title, period_title, paragraph_title),
    )
    bars = base.mark_bar().encode(
        color=alt.Color("period_text:N", title=period_title, sort=periods,
                        scale=alt.Scale(range=[PALETTE[4], PALETTE[0]]), legend=legend()))
    # Every bar shows its figure, as the report states it ('468 人'), above the bar.
    values = base.mark_text(baseline="bottom", dy=-3, color=TEXT_COLOR).encode(text="value_text:N")
    return _sized(alt.layer(bars, values, title=fitted_title(title)), 280)


def share_chart(frame: pd.DataFrame, *, title: str, axis_title: str, part_title: str, measure_title: str,
                share_title: str) -> alt.Chart:
    """Stacked 100 % bars: each row (by count, by amount) split into its parts (`part`, `share`)."""
    parts = list(dict.fromkeys(frame["part"]))
    base = alt.Chart(frame).encode(
        y=alt.Y("measure:N", title=None, sort=list(dict.fromkeys(frame["measure"])),
                axis=alt.Axis(labelLimit=label_room(0.4, 220))),
        x=alt.X("share:Q", title=axis_title, stack="normalize", axis=alt.Axis(format="%")),
        order=alt.Order("part_order:Q"),
        tooltip=[alt.Tooltip("measure:N", title=measure_title), alt.Tooltip("part:N", title=part_title),
                 alt.Tooltip("value_text:N", title=axis_title), alt.Tooltip("share_text:N", title=share_title)],
    )
    bars = base.mark_bar(stroke=theme.BACKGROUND, strokeWidth=1).encode(  # parts of a stack apart (WCAG 1.4.11)
        # Colours on which the white share labels read at 4.5:1 or more.
        color=alt.Color("part:N", title=part_title, sort=parts, scale=alt.Scale(range=[PALETTE[0], PALETTE[4]]),
                        legend=legend(beside_axis_labels=True)))
    # Each part's share written at the start of its segment (the stack's own x, so it follows the bars).
    values = base.mark_text(align="left", dx=4, color="white", fontWeight="bold").encode(text="share_text:N")
    return _sized(alt.layer(bars, values, title=fitted_title(title)), 140)


# How wide a date bucket's name under the timeline may be: four buckets side by side on a 360 px phone.
TIMELINE_DATE_WIDTH = 90


def timeline_chart(frame: pd.DataFrame, *, title: str, date_title: str, event_title: str,
                   paragraph_title: str) -> alt.LayerChart:
    """Events as dots by date bucket, in the precision the report gives (year-only events stand apart).

    Each event's name sits above its dot, across the chart's whole width (as the fact bars' labels do), so
    on a phone the names are not squeezed beside the dots and the date columns get the width; a name
    longer than the chart ends in an ellipsis and its tooltip shows it whole.
    """
    buckets = list(dict.fromkeys(frame.sort_values("date_sort")["date_text"]))
    y = alt.Y("title:N", sort=list(frame.sort_values("date_sort")["title"]), title=None, axis=None,
              scale=alt.Scale(paddingInner=0.6, paddingOuter=0.4))
    tooltip = [alt.Tooltip("date_text:N", title=date_title), alt.Tooltip("title:N", title=event_title),
               alt.Tooltip("paragraph_id:N", title=paragraph_title)]
    dots = alt.Chart(frame).mark_circle(size=120, color=PALETTE[0]).encode(
        x=alt.X("date_text:N", title=date_title, sort=buckets,
                axis=alt.Axis(labelAngle=0, labelExpr=wrapped_labels(buckets, TIMELINE_DATE_WIDTH),
                              labelLimit=TIMELINE_DATE_WIDTH + 10)),
        y=y, tooltip=tooltip)
    names = _names_above_rows(frame, y, "title", gap=10, tooltip=tooltip)  # the dot's radius is about 6 px
    return _sized(alt.layer(dots, names, title=fitted_title(title)), alt.Step(ROW_HEIGHT))


# How wide a category's name beside its bar may be before it wraps.
COUNT_LABEL_WIDTH = 200


def category_count_chart(frame: pd.DataFrame, *, category: str, color: str, title: str, axis_title: str,
                         category_title: str, color_title: str, selection: str = CATEGORY_SELECTION) -> alt.Chart:
    """Rows of `frame` counted by `category` (stacked by `color`); clicking a bar selects that category.

    Used for things the report names (projects by township, schools by role, honours by scope).
    """
    pick = alt.selection_point(name=selection, fields=[category], on="click", clear="dblclick")
    # Names wrap onto lines 200 px wide instead of ending in "…" ("Clean-school demonstration p…").
    categories = list(dict.fromkeys(frame[category]))
    y = alt.Y(f"{category}:N", title=category_title, sort="-x",
              axis=alt.Axis(labelExpr=wrapped_labels(categories, COUNT_LABEL_WIDTH),
                            labelLimit=COUNT_LABEL_WIDTH + 10))
    bars = (
        alt.Chart(frame)
        .mark_bar(stroke=theme.BACKGROUND, strokeWidth=1)  # parts of a stack apart (WCAG 1.4.11)
        .encode(
            y=y,
            x=alt.X("count():Q", title=axis_title, axis=alt.Axis(tickMinStep=1, format="d")),
            color=alt.Color(f"{color}:N", title=color_title, legend=legend(beside_axis_labels=True)),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.35)),
            tooltip=[alt.Tooltip(f"{category}:N", title=category_title), alt.Tooltip(f"{color}:N", title=color_title),
                     alt.Tooltip("count():Q", title=axis_title)],
        )
        .add_params(pick)
    )
    # Each bar's total written past its end (the count of the whole bar, whatever its colours).
    totals = alt.Chart(frame).mark_text(align="left", dx=4, color=TEXT_COLOR).encode(
        y=y, x=alt.X("count():Q"), text=alt.Text("count():Q", format="d"))
    return _sized(alt.layer(bars, totals, title=fitted_title(title)), max(120, 40 * frame[category].nunique()))


def describe_counts(frame: pd.DataFrame, category: str, title: str, lang: str) -> str:
    """One sentence listing how many rows fall in each category."""
    counts = frame[category].value_counts(sort=True)
    separator = "；" if lang == "zh" else "; "
    items = separator.join(f"{name} {count}" for name, count in counts.items())
    return f"{title}：{items}。" if lang == "zh" else f"{title}: {items}."


def stable_spec(chart: alt.TopLevelMixin) -> dict:
    """The chart's Vega-Lite spec (not validated again: tests/test_charts.py validates every builder) with
    its data under the fixed name "data" instead of Altair's hash of the rows.

    Streamlit 1.67 keeps a drawn chart and only swaps its data when a rerun sends the same spec (and
    accessible description); a name that changes with the rows would make every filter change build the
    chart anew, about 80 ms of the browser's time (bench/findings.md).
    """
    spec = chart.to_dict(validate=False)
    datasets = spec.get("datasets") or {}
    if len(datasets) != 1:
        return spec
    (name,) = datasets

    def rename(node):
        if isinstance(node, dict):
            return {key: ({**value, "name": "data"} if key == "data" and isinstance(value, dict)
                          and value.get("name") == name else rename(value)) for key, value in node.items()}
        if isinstance(node, list):
            return [rename(item) for item in node]
        return node

    renamed = rename({key: value for key, value in spec.items() if key != "datasets"})
    renamed["datasets"] = {"data": datasets[name]}
    return renamed


def bar_names(frame: pd.DataFrame) -> list[str]:
    """Each row's label, with its kind before it where the figure is not stated in the report ("Derived · …"):
    what the bar's colour says, in words (WCAG 1.4.1). Before, not after: a name too long for a phone's chart
    ends in an ellipsis, which would cut the kind off."""
    if "kind" not in frame or "kind_text" not in frame:
        return list(frame["label"])
    return [label if kind == "stated" else f"{kind_text} · {label}"
            for label, kind, kind_text in zip(frame["label"], frame["kind"], frame["kind_text"])]


def describe_bars(frame: pd.DataFrame, title: str, lang: str) -> str:
    """One sentence saying what a bar chart shows, for screen readers and for people who prefer text."""
    separator = "；" if lang == "zh" else "; "
    items = separator.join(f"{name} {value}" for name, value in zip(bar_names(frame), frame["value_text"]))
    return f"{title}：{items}。" if lang == "zh" else f"{title}: {items}."
