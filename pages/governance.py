"""Section 二: law-based governance, clean schools, supervision and integrity role models."""

import streamlit as st

from lipu_data import app_blocks as blocks
from lipu_data import filters, metrics, tables
from lipu_data.app_frame import footer, filters_fragment, page_frame, share_box, show_notices
from lipu_data.i18n import t
from lipu_data.section_charts import section_chart_plans, section_links

context = page_frame("governance")
lang, dataset = context.lang, context.dataset
section = metrics.section_facts(dataset, 2)
section_programs = metrics.section_programs(dataset, 2)
links_of_section = section_links(dataset, 2)
share_box(context)


@filters_fragment(context)
def filtered_view() -> None:
    """The filters and everything they narrow: a filter change reruns only this part of the page."""
    chosen = blocks.filter_bar(context, filters.filter_options(dataset, section, links_of_section), params=("school", "program"))
    show_notices(context)
    blocks.briefing_box(context, scope="section", section=2, chosen=chosen)
    facts = filters.filter_rows(section, school=chosen.school, program=chosen.program)
    links = filters.filter_rows(links_of_section, school=chosen.school, program=chosen.program)

    measures = filters.filter_rows(section_programs, program=chosen.program)

    st.header(t("key_figures", lang))
    if facts.empty:
        blocks.empty_state(context, chosen, more_below=not links.empty or not measures.empty)
    blocks.figure_cards(context, facts)

    st.header(t("demonstration_schools", lang))
    schools = tables.school_links_frame(dataset, links, lang)
    roles = [role for plan in section_chart_plans(dataset, 2, chosen, lang) for role in blocks.plan_chart(context, plan)]
    st.caption(t("named_schools_note", lang))
    blocks.picked_rows_table(context, schools, column="role", picked=roles, key="governance_schools")

    st.header(t("measures", lang))
    blocks.measures(context, measures)

    honours = filters.filter_rows(metrics.section_rows(dataset.honours, 2),
                           school=chosen.school, program=chosen.program)
    if not honours.empty and (honours_box := blocks.lazy_expander(
            t("honours_count", lang, count=len(honours)), icon=":material/military_tech:", key="honours_governance")):
        with honours_box:
            blocks.table_block(context, tables.honours_frame(honours, lang), key="governance_honours")

    blocks.details_and_sources(context, facts, key="governance", extra_paragraphs=list(links["paragraph_id"]))


filtered_view()
footer(context)
