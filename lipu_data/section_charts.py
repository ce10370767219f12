"""Which charts a section shows for its filters, and how each is prepared (no streamlit): one list for the page and the PDF.

A section page draws these charts (in tabs, or inline when there is one) and a briefing PDF typesets every
one of them, so the two can never disagree about what the filters leave. A plan is cheap to make; its
Vega-Lite spec is built only by `prepare_chart`, because a page draws only its open tab.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import altair as alt
import pandas as pd

from lipu_data import charts, filters, tables
from lipu_data.formatting import UnitFormats, unit_axis_title
from lipu_data.i18n import t
from lipu_data.metrics import (AID_AMOUNT_METRICS, AID_PER_UNIT_METRICS, AID_SHARE_METRICS, EQUIPMENT_SPENDING_METRICS,
                               GAOKAO_METRICS, KINDERGARTEN_GROUP_METRICS, KINDERGARTEN_TIER_METRICS, PUBLICITY_METRICS,
                               SAFETY_METRICS, SPENDING_METRICS, VOCATIONAL_RATE_METRICS, has_metrics, section_facts,
                               section_programs, section_rows, select_metrics)
from lipu_data.model import Dataset


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


def _fact_plan(key: str, facts: pd.DataFrame, metrics: tuple[str, ...], lang: str, *, latest: bool = True) -> ChartPlan | None:
    if not has_metrics(facts, metrics):
        return None
    return ChartPlan(key=key, title=t(f"chart_{key}", lang), facts=facts, metrics=metrics, latest=latest,
                     selection=charts.FACT_SELECTION)


def _count_plan(key: str, frame: pd.DataFrame, lang: str, *, category: str, color: str, title: str,
                category_title: str, color_title: str) -> ChartPlan | None:
    if frame.empty:
        return None
    options = {"category": category, "color": color, "title": title, "axis_title": t("count_unit", lang),
               "category_title": category_title, "color_title": color_title}
    return ChartPlan(key=key, title=title, builder=charts.category_count_chart, frame=frame, options=options,
                     data=frame, summary=charts.describe_counts(frame, category, title, lang),
                     paragraphs=tuple(frame["paragraph_id"]) if "paragraph_id" in frame else (),
                     selection=charts.CATEGORY_SELECTION, category=category)


def section_projects(dataset: Dataset, section: int) -> pd.DataFrame:
    """The construction and equipment projects of a section's programmes."""
    programs = dataset.programs.loc[dataset.programs["section"] == section, "program_id"]
    return dataset.projects[dataset.projects["program_id"].isin(programs)]


def section_links(dataset: Dataset, section: int) -> pd.DataFrame:
    """School-programme links (the schools a section names, with their roles) of a section's facts or programmes."""
    if section == 3:
        programs = section_facts(dataset, 3)["program_id"]
    else:
        programs = section_programs(dataset, section)["program_id"]
    return dataset.school_programs[dataset.school_programs["program_id"].isin(programs)]


def construction_projects_frame(dataset: Dataset, chosen: SectionFilters, lang: str) -> pd.DataFrame:
    """Section 四's new construction projects for the filters: what the township chart counts. Rooms equipped for
    IT are projects of another kind, listed apart, never added into the same bars."""
    projects = filters.filter_rows(section_projects(dataset, 4), school=chosen.school, program=chosen.program,
                            level=chosen.level)
    return tables.projects_frame(dataset, projects[projects["kind"] == "construction"], lang)


def section_chart_plans(dataset: Dataset, section: int, chosen: SectionFilters, lang: str) -> list[ChartPlan]:
    """Every chart the section's page can draw for the chosen filters, in the page's order."""
    narrowing = {"school": chosen.school, "program": chosen.program, "level": chosen.level}
    facts = filters.filter_rows(section_facts(dataset, section), **narrowing)
    plans: list[ChartPlan | None] = []
    if section == 2:
        links = filters.filter_rows(section_links(dataset, 2), school=chosen.school, program=chosen.program)
        plans.append(_count_plan("clean_school_roles", tables.school_links_frame(dataset, links, lang), lang,
                                 category="role", color="level", title=t("demonstration_schools", lang),
                                 category_title=t("role", lang), color_title=t("level", lang)))
    elif section == 3:
        # Every report's gaokao figures, so a later report's year joins the comparison.
        all_years = filters.filter_rows(dataset.facts[dataset.facts["section"] == 3], **narrowing)
        plans.append(_fact_plan("kindergarten_tiers", facts, KINDERGARTEN_TIER_METRICS, lang, latest=False))
        plans.append(_fact_plan("kindergarten_groups", facts, (*KINDERGARTEN_GROUP_METRICS, "kg_group_total"), lang))
        if has_metrics(all_years, GAOKAO_METRICS):
            gaokao = tables.comparison_frame(all_years, GAOKAO_METRICS, lang, units=dataset.unit_formats)
            title = t("chart_gaokao_comparison", lang)
            plans.append(ChartPlan(
                key="gaokao_comparison", title=title, builder=charts.period_comparison_chart, frame=gaokao,
                options={"title": title, "axis_title": unit_axis_title(dataset.unit_formats["people"], lang), "period_title": t("period", lang),
                         "label_title": t("label", lang), "kind_title": t("kind", lang),
                         "paragraph_title": t("paragraph", lang)},
                data=gaokao[["fact_id", "label", "period_text", "value_text", "kind_text", "paragraph_id"]],
                summary=charts.describe_bars(gaokao.assign(label=gaokao["label"] + " " + gaokao["period_text"]), title, lang),
                paragraphs=tuple(gaokao["paragraph_id"])))
        plans.append(_fact_plan("vocational_rates", facts, VOCATIONAL_RATE_METRICS, lang))
    elif section == 4:
        plans.append(_fact_plan("spending", facts, SPENDING_METRICS, lang))
        plans.append(_fact_plan("equipment_spending", facts, EQUIPMENT_SPENDING_METRICS, lang))
        plans.append(_count_plan("projects_by_township", construction_projects_frame(dataset, chosen, lang), lang,
                                 category="township", color="status_text", title=t("chart_projects_by_township", lang),
                                 category_title=t("township", lang), color_title=t("status", lang)))
        shares = tables.aid_share_frame(facts, lang, units=dataset.unit_formats)
        if not shares.empty:
            title = t("chart_aid_share", lang)
            plans.append(ChartPlan(
                key="aid_share", title=title, builder=charts.share_chart, frame=shares,
                options={"title": title, "axis_title": "%", "part_title": t("recipient", lang),
                         "measure_title": t("measure", lang), "share_title": t("share_of_total", lang)},
                data=shares[["measure", "part", "value_text", "share_text"]],
                summary=("；" if lang == "zh" else "; ").join(f"{row.measure} {row.part} {row.share_text}"
                                                             for row in shares.itertuples()),
                paragraphs=tuple(select_metrics(facts, AID_SHARE_METRICS)["paragraph_id"])))
        plans.append(_fact_plan("aid_amounts", facts, AID_AMOUNT_METRICS, lang))
        plans.append(_fact_plan("aid_per_unit", facts, AID_PER_UNIT_METRICS, lang))
    elif section == 5:
        honours = filters.filter_rows(section_rows(dataset.honours, 5), school=chosen.school, program=chosen.program)
        table = tables.honours_frame(honours, lang)
        plans.append(_count_plan("teacher_honours", table, lang, category=t("scope", lang), color=t("recipient", lang),
                                 title=t("honours", lang), category_title=t("scope", lang),
                                 color_title=t("recipient", lang)))
    elif section == 6:
        plans.append(_fact_plan("safety_people", facts, SAFETY_METRICS, lang))
    elif section == 7:
        plans.append(_fact_plan("publicity_output", facts, PUBLICITY_METRICS, lang))
    return [plan for plan in plans if plan is not None]
