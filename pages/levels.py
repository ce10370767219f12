"""Section 三: preschool, compulsory, senior high and vocational education."""

import streamlit as st

from lipu_data import app_blocks as blocks
from lipu_data import filters, metrics, tables
from lipu_data.app_frame import footer, filters_fragment, page_frame, share_box, show_notices
from lipu_data.i18n import t
from lipu_data.section_charts import section_chart_plans, section_links

context = page_frame("levels")
lang, dataset = context.lang, context.dataset
section = metrics.section_facts(dataset, 3)
links = section_links(dataset, 3)
share_box(context)


@filters_fragment(context)
def filtered_view() -> None:
    """The filters and everything they narrow: a filter change reruns only this part of the page."""
    chosen = blocks.filter_bar(context, filters.filter_options(dataset, section, links))
    show_notices(context)
    blocks.briefing_box(context, scope="section", section=3, chosen=chosen)
    facts = filters.filter_rows(section, school=chosen.school, program=chosen.program, level=chosen.level)
    leads = filters.filter_rows(links, school=chosen.school, program=chosen.program)

    st.header(t("charts", lang))
    if facts.empty:
        blocks.empty_state(context, chosen, more_below=not leads.empty and not chosen.level)
    plans = section_chart_plans(dataset, 3, chosen, lang)
    if not plans and not facts.empty:
        blocks.no_chart_note(context)
    picked: list[str] = []
    for tab, plan in blocks.plan_tabs(context, plans, key="levels_charts").values():
        with tab:
            picked += blocks.plan_chart(context, plan)
    facts = blocks.selected_facts(context, facts, picked)

    blocks.figures_by_program(context, facts)

    reform = filters.filter_rows(dataset.programs[dataset.programs["program_id"] == "school_district_reform"],
                          program=chosen.program)
    if not chosen.school and not chosen.level and not reform.empty:
        st.subheader(t("district_reform", lang))
        for column, dimension in zip(st.columns(len(metrics.REFORM_DIMENSIONS)), metrics.REFORM_DIMENSIONS):
            column.info(dimension[lang])

    if not leads.empty and not chosen.level and (schools_box := blocks.lazy_expander(
            t("schools_named", lang, count=leads["school_id"].nunique()), icon=":material/school:", key="schools_levels")):
        with schools_box:
            blocks.table_block(context, tables.school_roles_frame(dataset, leads, lang), key="levels_schools")

    blocks.details_and_sources(context, facts, key="levels", extra_paragraphs=list(leads["paragraph_id"]))


filtered_view()
footer(context)
