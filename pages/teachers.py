"""Section 五: teachers: role models and their honours, and the national teacher-reform pilot."""

import streamlit as st

from lipu_data import app_blocks as blocks
from lipu_data import filters, metrics, tables
from lipu_data.app_frame import footer, filters_fragment, page_frame, share_box, show_notices
from lipu_data.i18n import t
from lipu_data.section_charts import section_chart_plans

context = page_frame("teachers")
lang, dataset = context.lang, context.dataset
section = metrics.section_facts(dataset, 5)
section_honours = metrics.section_rows(dataset.honours, 5)
share_box(context)


@filters_fragment(context)
def filtered_view() -> None:
    """The filters and everything they narrow: a filter change reruns only this part of the page."""
    chosen = blocks.filter_bar(context, filters.filter_options(dataset, section, section_honours), params=("school", "program"))
    show_notices(context)
    blocks.briefing_box(context, scope="section", section=5, chosen=chosen)
    facts = filters.filter_rows(section, school=chosen.school, program=chosen.program)
    honours = filters.filter_rows(section_honours, school=chosen.school, program=chosen.program)

    st.header(t("key_figures", lang))
    if facts.empty:
        blocks.empty_state(context, chosen, more_below=not honours.empty)
    blocks.figure_cards(context, facts)

    st.header(t("honours", lang))
    table = tables.honours_frame(honours, lang)
    scopes = [scope for plan in section_chart_plans(dataset, 5, chosen, lang) for scope in blocks.plan_chart(context, plan)]
    blocks.picked_rows_table(context, table, column=t("scope", lang), picked=scopes, key="teachers_honours")

    people = tables.section_people(dataset, honours)
    if not people.empty and (people_box := blocks.lazy_expander(t("people_count", lang, count=len(people)),
                                                                icon=":material/person:", key="people_teachers")):
        with people_box:
            blocks.table_block(context, tables.people_frame(dataset, people, lang), key="teachers_people")

    blocks.details_and_sources(context, facts, key="teachers", extra_paragraphs=list(honours["paragraph_id"]))


filtered_view()
footer(context)
