"""The one layout of every section page (streamlit): frame, share box, filters, charts from charts.csv, figures,
measures, named schools, honours, details, footer.

A page script calls `section_page(__file__)`: it finds its section in the registry (lipu_data/sitemap.py),
what it shows for the filters in lipu_data/section_content.py and its charts in data/charts.csv, so a section
page holds only what is particular to it (today: nothing) and a new chart or measure needs no page edit.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lipu_data import app_blocks as blocks
from lipu_data import markdown, metrics, tables
from lipu_data.app_frame import PageContext, footer, filters_fragment, page_frame, share_box, show_notices
from lipu_data.i18n import pick, t
from lipu_data.section_charts import ChartPlan, SectionFilters, page_charts, section_chart_plans
from lipu_data.section_content import SectionContent, section_content, section_options
from lipu_data.served_data import DataVersion, cached_on_data
from lipu_data.sitemap import PageInfo, page_of_script


# What a section shows depends only on the data version, the section, the filters (and for charts the language):
# computed once and shared by every session (read only), instead of some 30 ms of pandas on every run.
@cached_on_data(max_entries=32, shared=True)
def _options(_data: DataVersion, section: int):
    return section_options(_data.dataset, section)


@cached_on_data(max_entries=512, shared=True)
def _content(_data: DataVersion, section: int, chosen: SectionFilters) -> SectionContent:
    return section_content(_data.dataset, section, chosen)


@cached_on_data(max_entries=512, shared=True)
def _plans(_data: DataVersion, section: int, chosen: SectionFilters, lang: str) -> list[ChartPlan]:
    return section_chart_plans(_data.dataset, section, chosen, lang)


def section_page(script_file: str) -> None:
    """Lay out the section page whose script is `script_file` (pass `__file__`)."""
    page = page_of_script(script_file)
    context = page_frame(page.key)
    options = _options(context.version, page.section)
    # The page's rows of charts.csv, read once per page run rather than by each block on every filter change.
    charts = page_charts(context.dataset, page.key)
    share_box(context)

    @filters_fragment(context)
    def filtered_view() -> None:
        """The filters and everything they narrow: a filter change reruns only this part of the page."""
        chosen = blocks.filter_bar(context, options, params=page.filters)
        show_notices(context)
        blocks.briefing_box(context, scope="section", section=page.section, chosen=chosen)
        content = _content(context.version, page.section, chosen)
        facts = _charts(context, page, charts, content, chosen)
        if not facts.empty:  # none: the charts section has said so (or that the section has no numbers)
            blocks.figures_by_program(context, facts)
        _measures(context, page, content)
        _named_rows(context, page, charts, content)
        blocks.details_and_sources(context, facts, key=page.key, extra_paragraphs=content.paragraph_ids)

    filtered_view()
    footer(context)


def _charts(context: PageContext, page: PageInfo, charts: pd.DataFrame, content: SectionContent,
            chosen: SectionFilters) -> pd.DataFrame:
    """The charts section: the page's charts for the filters (tabs when the page has several), each count chart
    with the rows it counts; returns the figures the rest of the page shows (those clicked, or all)."""
    lang, dataset = context.lang, context.dataset
    if charts.empty and metrics.section_facts(dataset, page.section).empty:
        st.info(t("no_numbers_note", lang), icon=":material/info:")  # a section of measures only (section 一)
        return content.facts
    st.header(t("charts", lang))
    plans = _plans(context.version, page.section, chosen, lang)
    if content.facts.empty and not plans:
        blocks.empty_state(context, chosen, more_below=content.has_more_than_figures())
        return content.facts
    if not plans:
        blocks.no_chart_note(context)
    # Projects no chart counts (rooms equipped for IT): listed apart, under the projects chart, never in its bars.
    counted = {project for plan in plans if plan.table is not None and "project_id" in plan.table
               for project in plan.table["project_id"]}
    others = tables.projects_frame(dataset, content.projects[~content.projects["project_id"].isin(counted)], lang)
    others = others.drop(columns=["township_code"])
    picked: list[str] = []
    if len(charts) > 1:
        for tab, plan in blocks.plan_tabs(context, plans, key=f"{page.key}_charts").values():
            with tab:
                picked += _chart_with_rows(context, page, plan, others)
    else:
        for plan in plans:
            picked += _chart_with_rows(context, page, plan, others)
    if any(metrics.has_lower_bounds(plan.facts, plan.metrics) for plan in plans if plan.is_fact_chart):
        st.caption(t("lower_bound", lang))  # the key to the charts' dashed outlines
    if not others.empty and not counted and (others_box := blocks.lazy_expander(
            t("projects", lang), icon=":material/construction:", key=f"projects_{page.key}")):
        with others_box:
            blocks.table_block(context, others, key=f"{page.key}_other_projects")
    return blocks.selected_facts(context, content.facts, picked)


def _chart_with_rows(context: PageContext, page: PageInfo, plan: ChartPlan, other_projects: pd.DataFrame) -> list[str]:
    """One chart; under a count chart, the rows of the categories clicked (or all of them, folded), and under the
    projects chart the projects it does not count. Returns the figures clicked (a fact chart's)."""
    picked = blocks.plan_chart(context, plan)
    if plan.table is None:
        return picked
    if plan.note:
        st.caption(plan.note)
    if plan.table_name == "projects":
        st.subheader(t("projects", context.lang))
    blocks.picked_rows_table(context, plan.table, column=plan.category, picked=picked, key=f"{page.key}_{plan.table_name}")
    if plan.table_name == "projects" and not other_projects.empty:
        blocks.table_block(context, other_projects, key=f"{page.key}_other_projects", title=t("other_projects", context.lang))
    return []


def _measures(context: PageContext, page: PageInfo, content: SectionContent) -> None:
    """The section's measures (open or folded, as the registry says), the points they list, and related measures."""
    lang = context.lang
    for program_id, points in content.points.groupby("program_id", sort=False):
        program = content.programs[content.programs["program_id"] == program_id].iloc[0]
        st.subheader(markdown.escape_markdown(pick(program, "name", lang)))
        for column, (_, point) in zip(st.columns(len(points)), points.iterrows()):
            column.info(markdown.escape_markdown(pick(point, "text", lang)))
    if not content.programs.empty:
        if page.measures_open:
            st.header(t("measures", lang))
            blocks.measures(context, content.programs)
        elif measures_box := blocks.lazy_expander(t("measures_count", lang, count=len(content.programs)),
                                                  icon=":material/checklist:", key=f"measures_{page.key}"):
            with measures_box:
                blocks.measures(context, content.programs)
    if not content.related.empty:
        st.header(t("related_measures", lang))
        blocks.measures(context, content.related)


def _named_rows(context: PageContext, page: PageInfo, charts: pd.DataFrame, content: SectionContent) -> None:
    """Schools named, honours and people, each in a box built when opened, unless a chart already lists them."""
    lang, dataset = context.lang, context.dataset
    counted = set(charts["counts"].dropna())
    if not content.links.empty and "school_roles" not in counted and (schools_box := blocks.lazy_expander(
            t("schools_named", lang, count=content.links["school_id"].nunique()), icon=":material/school:",
            key=f"schools_{page.key}")):
        with schools_box:
            blocks.table_block(context, tables.school_roles_frame(dataset, content.links, lang), key=f"{page.key}_schools")
    if not content.honours.empty and "honours" not in counted and (honours_box := blocks.lazy_expander(
            t("honours_count", lang, count=len(content.honours)), icon=":material/military_tech:",
            key=f"honours_{page.key}")):
        with honours_box:
            blocks.table_block(context, tables.honours_frame(content.honours, lang), key=f"{page.key}_honours")
    if not content.people.empty and (people_box := blocks.lazy_expander(
            t("people_count", lang, count=len(content.people)), icon=":material/person:", key=f"people_{page.key}")):
        with people_box:
            blocks.table_block(context, tables.people_frame(dataset, content.people, lang), key=f"{page.key}_people")
