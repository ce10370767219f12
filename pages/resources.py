"""Section 四: infrastructure and projects, informatization, after-school services, student aid and loans."""

import streamlit as st

from lipu_data import app_blocks as blocks
from lipu_data import filters, metrics, tables
from lipu_data.app_frame import footer, filters_fragment, page_frame, share_box, show_notices
from lipu_data.i18n import t
from lipu_data.section_charts import section_chart_plans, section_projects

context = page_frame("resources")
lang, dataset = context.lang, context.dataset
section = metrics.section_facts(dataset, 4)
projects_of_section = section_projects(dataset, 4)
share_box(context)


@filters_fragment(context)
def filtered_view() -> None:
    """The filters and everything they narrow: a filter change reruns only this part of the page."""
    chosen = blocks.filter_bar(context, filters.filter_options(dataset, section, projects_of_section))
    show_notices(context)
    blocks.briefing_box(context, scope="section", section=4, chosen=chosen)
    facts = filters.filter_rows(section, school=chosen.school, program=chosen.program, level=chosen.level)
    projects = tables.projects_frame(dataset, filters.filter_rows(projects_of_section, school=chosen.school, program=chosen.program,
                                                          level=chosen.level), lang)

    honours = filters.filter_rows(metrics.section_rows(dataset.honours, 4),
                           school=chosen.school, program=chosen.program)

    st.header(t("charts", lang))
    if facts.empty and projects.empty:
        blocks.empty_state(context, chosen, more_below=not honours.empty and not chosen.level)
    plans = section_chart_plans(dataset, 4, chosen, lang)
    if not plans and not (facts.empty and projects.empty):
        blocks.no_chart_note(context)
    picked: list[str] = []
    for tab, plan in blocks.plan_tabs(context, plans, key="resources_charts").values():
        with tab:
            if plan.key == "projects_by_township":
                townships = blocks.plan_chart(context, plan)
                st.subheader(t("projects", lang))
                blocks.picked_rows_table(context, plan.frame.drop(columns=["township_code"]), column="township",
                                         picked=townships, key="resources_projects")
                # Projects of another kind (rooms equipped for IT): listed apart, not counted in the chart.
                others = projects[~projects["project_id"].isin(plan.frame["project_id"])]
                if not others.empty:
                    blocks.table_block(context, others.drop(columns=["township_code"]), key="resources_other_projects",
                                       title=t("other_projects", lang))
            else:
                picked += blocks.plan_chart(context, plan)
    facts = blocks.selected_facts(context, facts, picked)

    blocks.figures_by_program(context, facts)

    if not honours.empty and not chosen.level and (honours_box := blocks.lazy_expander(
            t("honours_count", lang, count=len(honours)), icon=":material/military_tech:", key="honours_resources")):
        with honours_box:
            blocks.table_block(context, tables.honours_frame(honours, lang), key="resources_honours")

    blocks.details_and_sources(context, facts, key="resources", extra_paragraphs=list(projects["paragraph_id"]))


filtered_view()
footer(context)
