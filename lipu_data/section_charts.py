"""Which charts a section shows for its filters, read from data/charts.csv, and how each is prepared (no streamlit).

The charts are rows of `charts.csv` and `chart_metrics.csv` (docs/data-model.md, "Report content"): a new
chart or a measure added to one is data. A section page draws these plans (in tabs, or inline when there is
one) and a briefing PDF typesets every one of them, so the two can never disagree about what the filters
leave. A plan is cheap to make; its Vega-Lite spec is built only by `prepare_chart`, because a page draws
only its open tab.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import altair as alt
import pandas as pd

from lipu_data import charts, filters, tables
from lipu_data.formatting import UnitFormats, format_fact, unit_axis_title
from lipu_data.i18n import pick, t
from lipu_data.metrics import (has_metrics, latest_by_metric, latest_report_year, section_facts, section_programs,
                               section_rows, select_metrics)
from lipu_data.model import Dataset
from lipu_data.sitemap import PAGE_BY_SECTION


@dataclass(frozen=True)
class PreparedChart:
    """What a chart block shows: the Vega-Lite spec, its one-sentence summary, its data table and the
    paragraphs its figures come from."""

    spec: dict
    title: str
    summary: str
    data: pd.DataFrame
    paragraphs: list[str]


@dataclass(frozen=True)
class ChartPlan:
    """One chart a section can draw for its filters.

    A fact chart (`metrics` set) draws bars of those metrics of `facts`; any other chart is `builder(frame,
    **options)` with its `data` table, `summary` and source `paragraphs`. `selection` names what a click
    selects: a fact id (fact charts) or a value of the `category` column (count charts).
    """

    key: str
    title: str
    tab: str = ""
    facts: pd.DataFrame | None = None
    metrics: tuple[str, ...] = ()
    latest: bool = True
    builder: Callable[..., alt.TopLevelMixin] | None = None
    frame: pd.DataFrame | None = None
    options: dict[str, str] = field(default_factory=dict)
    data: pd.DataFrame | None = None
    summary: str = ""
    paragraphs: tuple[str, ...] = ()
    selection: str | None = None
    category: str | None = None
    # A count chart's rows as a table under it (the rows of the clicked categories), and a note on what it counts.
    table: pd.DataFrame | None = None
    table_name: str = ""  # what the table lists (schools, projects, honours): part of its widget keys
    note: str = ""

    @property
    def is_fact_chart(self) -> bool:
        return bool(self.metrics)


@dataclass(frozen=True)
class SectionFilters:
    """The ids a section is narrowed to (None = all), as in the URL."""

    school: str | None = None
    program: str | None = None
    level: str | None = None


def prepare_fact_chart(rows: pd.DataFrame, metrics: tuple[str, ...], latest: bool, title: str,
                       lang: str, *, units: UnitFormats) -> PreparedChart | None:
    """Bars of the given metrics of `rows` (facts), or None when the rows hold none of them."""
    chosen = select_metrics(rows, metrics, latest=latest)
    if chosen.empty:
        return None
    frame = tables.chart_frame(chosen, lang, units=units)
    shown_units = list(dict.fromkeys(frame["unit"]))
    axis_title = unit_axis_title(units[shown_units[0]], lang) if len(shown_units) == 1 else t("value", lang)
    spec = charts.fact_bar_chart(frame, title=title, axis_title=axis_title, kind_title=t("kind", lang),
                                 label_title=t("label", lang), period_title=t("period", lang),
                                 paragraph_title=t("paragraph", lang))
    return PreparedChart(charts.stable_spec(spec), title, charts.describe_bars(frame, title, lang),
                         frame[["fact_id", "label", "value_text", "period_text", "kind_text", "paragraph_id"]],
                         list(frame["paragraph_id"]))


def prepare_chart(plan: ChartPlan, lang: str, *, units: UnitFormats) -> PreparedChart | None:
    """The chart of a plan, ready to draw or typeset (None for a fact chart its facts leave empty)."""
    if plan.is_fact_chart:
        return prepare_fact_chart(plan.facts, plan.metrics, plan.latest, plan.title, lang, units=units)
    spec = charts.stable_spec(plan.builder(plan.frame, **plan.options))
    return PreparedChart(spec, plan.title, plan.summary, plan.data, list(plan.paragraphs))


def _fact_plan(chart: pd.Series, facts: pd.DataFrame, metrics: tuple[str, ...], lang: str) -> ChartPlan | None:
    if not has_metrics(facts, metrics):
        return None
    return ChartPlan(key=chart["chart_id"], title=pick(chart, "title", lang), tab=pick(chart, "tab", lang), facts=facts,
                     metrics=metrics, latest=chart["periods"] == "latest", selection=charts.FACT_SELECTION)


def _comparison_plan(chart: pd.Series, facts: pd.DataFrame, metrics: tuple[str, ...], lang: str, *,
                     units: UnitFormats) -> ChartPlan | None:
    if not has_metrics(facts, metrics):
        return None
    frame = tables.comparison_frame(facts, metrics, lang, units=units)
    title = pick(chart, "title", lang)
    return ChartPlan(
        key=chart["chart_id"], title=title, tab=pick(chart, "tab", lang), builder=charts.period_comparison_chart,
        frame=frame,
        options={"title": title, "axis_title": unit_axis_title(units[frame["unit"].iloc[0]], lang),
                 "period_title": t("period", lang), "label_title": t("label", lang), "kind_title": t("kind", lang),
                 "paragraph_title": t("paragraph", lang)},
        data=frame[["fact_id", "label", "period_text", "value_text", "kind_text", "paragraph_id"]],
        summary=charts.describe_bars(frame.assign(label=frame["label"] + " " + frame["period_text"]), title, lang),
        paragraphs=tuple(frame["paragraph_id"]))


def share_frame(facts: pd.DataFrame, measures: pd.DataFrame, lang: str, *, units: UnitFormats) -> pd.DataFrame:
    """A share chart's frame: for each group of `measures` (chart_metrics rows, in order), each part's latest figure
    as a share of the group's total; empty unless every part of every group has a figure."""
    columns = ["measure", "part", "part_order", "share", "value_text", "share_text", "paragraph_id"]
    by_metric = {row["metric"]: row for _, row in latest_by_metric(facts).iterrows()}
    if measures.empty or not all(metric in by_metric for metric in measures["metric"]):
        return pd.DataFrame(columns=columns)
    rows = []
    for _, group in measures.groupby("group_en", sort=False):
        total = sum(by_metric[metric]["value"] for metric in group["metric"])
        for order, (_, measure) in enumerate(group.iterrows()):
            row = by_metric[measure["metric"]]
            rows.append({"measure": pick(measure, "group", lang), "part": pick(measure, "part", lang), "part_order": order,
                         "share": row["value"] / total,
                         "value_text": format_fact(row, units, lang),
                         "share_text": f"{100 * row['value'] / total:.2f}%", "paragraph_id": row["paragraph_id"]})
    return pd.DataFrame(rows, columns=columns)


def _share_plan(chart: pd.Series, facts: pd.DataFrame, measures: pd.DataFrame, lang: str, *,
                units: UnitFormats) -> ChartPlan | None:
    shares = share_frame(facts, measures, lang, units=units)
    if shares.empty:
        return None
    title = pick(chart, "title", lang)
    return ChartPlan(
        key=chart["chart_id"], title=title, tab=pick(chart, "tab", lang), builder=charts.share_chart, frame=shares,
        options={"title": title, "axis_title": "%", "part_title": t("recipient", lang),
                 "measure_title": t("measure", lang), "share_title": t("share_of_total", lang)},
        data=shares[["measure", "part", "value_text", "share_text"]],
        summary=("；" if lang == "zh" else "; ").join(f"{row.measure} {row.part} {row.share_text}"
                                                     for row in shares.itertuples()),
        paragraphs=tuple(dict.fromkeys(shares["paragraph_id"])))


def _count_plan(chart: pd.Series, frame: pd.DataFrame, lang: str, *, category: str, color: str, category_title: str,
                color_title: str, table_name: str, table: pd.DataFrame | None = None, note: str = "") -> ChartPlan | None:
    if frame.empty:
        return None
    title = pick(chart, "title", lang)
    options = {"category": category, "color": color, "title": title, "axis_title": t("count_unit", lang),
               "category_title": category_title, "color_title": color_title}
    return ChartPlan(key=chart["chart_id"], title=title, tab=pick(chart, "tab", lang), builder=charts.category_count_chart,
                     frame=frame, options=options, data=frame, summary=charts.describe_counts(frame, category, title, lang),
                     paragraphs=tuple(frame["paragraph_id"]) if "paragraph_id" in frame else (),
                     selection=charts.CATEGORY_SELECTION, category=category,
                     table=frame if table is None else table, table_name=table_name, note=note)


def section_projects(dataset: Dataset, section: int) -> pd.DataFrame:
    """The construction and equipment projects of a section's programmes that the newest report lists: a page
    shows one report, and last year's projects are not this year's (nor counted with them)."""
    programs = dataset.programs.loc[dataset.programs["section"] == section, "program_id"]
    projects = dataset.projects
    return projects[projects["program_id"].isin(programs) & (projects["report_year"] == latest_report_year(dataset))]


def section_links(dataset: Dataset, section: int) -> pd.DataFrame:
    """School-programme links (the schools a section names, with their roles) of a section's facts or programmes."""
    programs = set(section_programs(dataset, section)["program_id"]) | set(
        section_facts(dataset, section)["program_id"].dropna())
    return dataset.school_programs[dataset.school_programs["program_id"].isin(programs)]


def construction_projects_frame(dataset: Dataset, section: int, chosen: SectionFilters, lang: str) -> pd.DataFrame:
    """A section's new construction projects for the filters: what the township chart counts. Rooms equipped for
    IT are projects of another kind, listed apart, never added into the same bars."""
    projects = filters.filter_rows(section_projects(dataset, section), school=chosen.school, program=chosen.program,
                            level=chosen.level)
    return tables.projects_frame(dataset, projects[projects["kind"] == "construction"], lang)


# What a count chart counts (charts.csv `counts`): rows of another table, grouped by category and colour.
def _count_school_roles(dataset: Dataset, section: int, chosen: SectionFilters, chart: pd.Series, lang: str) -> ChartPlan | None:
    links = filters.filter_rows(section_links(dataset, section), school=chosen.school, program=chosen.program)
    return _count_plan(chart, tables.school_links_frame(dataset, links, lang), lang, category="role", color="level",
                       category_title=t("role", lang), color_title=t("level", lang), table_name="schools", note=t("named_schools_note", lang))


def _count_construction_projects(dataset: Dataset, section: int, chosen: SectionFilters, chart: pd.Series,
                                 lang: str) -> ChartPlan | None:
    frame = construction_projects_frame(dataset, section, chosen, lang)
    return _count_plan(chart, frame, lang, category="township", color="status_text", category_title=t("township", lang),
                       color_title=t("status", lang), table_name="projects", table=frame.drop(columns=["township_code"]))


def _count_honours(dataset: Dataset, section: int, chosen: SectionFilters, chart: pd.Series, lang: str) -> ChartPlan | None:
    honours = filters.filter_rows(section_rows(dataset, dataset.honours, section), school=chosen.school, program=chosen.program)
    return _count_plan(chart, tables.honours_frame(honours, lang), lang, category=t("scope", lang),
                       color=t("recipient", lang), category_title=t("scope", lang), color_title=t("recipient", lang), table_name="honours")


COUNTERS: dict[str, Callable[..., ChartPlan | None]] = {
    "school_roles": _count_school_roles,
    "construction_projects": _count_construction_projects,
    "honours": _count_honours,
}


def every_report_facts(dataset: Dataset, section: int) -> pd.DataFrame:
    """A section's facts of every report, one row per metric and period (the newest report's where two reports
    give the same period): what a chart of all periods compares."""
    facts = dataset.facts[dataset.facts["section"] == section]
    newest_first = facts.sort_values("report_year", ascending=False, kind="stable")
    return facts.loc[facts.index.isin(newest_first.drop_duplicates(["metric", "period"]).index)]


def chart_measures(dataset: Dataset, chart_id: str) -> pd.DataFrame:
    """The rows of chart_metrics.csv of one chart, in position order."""
    measures = dataset.chart_metrics
    return measures[measures["chart_id"] == chart_id].sort_values("position", kind="stable")


def chart_metric_ids(dataset: Dataset, chart_id: str) -> tuple[str, ...]:
    """The metrics one chart shows, in order."""
    return tuple(chart_measures(dataset, chart_id)["metric"])


def page_charts(dataset: Dataset, page_key: str) -> pd.DataFrame:
    """The rows of charts.csv a page draws, in order."""
    return dataset.charts[dataset.charts["page"] == page_key].sort_values("position", kind="stable")


def section_chart_plans(dataset: Dataset, section: int, chosen: SectionFilters, lang: str) -> list[ChartPlan]:
    """Every chart the section's page can draw for the chosen filters, in the page's order (charts.csv)."""
    narrowing = {"school": chosen.school, "program": chosen.program, "level": chosen.level}
    latest = filters.filter_rows(section_facts(dataset, section), **narrowing)
    all_periods = None
    plans: list[ChartPlan | None] = []
    for _, chart in page_charts(dataset, PAGE_BY_SECTION[section].key).iterrows():
        if chart["kind"] == "count":
            plans.append(COUNTERS[chart["counts"]](dataset, section, chosen, chart, lang))
            continue
        measures = chart_measures(dataset, chart["chart_id"])
        metrics = tuple(measures["metric"])
        if chart["periods"] == "all" and all_periods is None:
            all_periods = filters.filter_rows(every_report_facts(dataset, section), **narrowing)
        facts = all_periods if chart["periods"] == "all" else latest
        if chart["kind"] == "bars":
            plans.append(_fact_plan(chart, facts, metrics, lang))
        elif chart["kind"] == "comparison":
            plans.append(_comparison_plan(chart, facts, metrics, lang, units=dataset.unit_formats))
        else:
            plans.append(_share_plan(chart, facts, measures, lang, units=dataset.unit_formats))
    return [plan for plan in plans if plan is not None]
