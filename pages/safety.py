"""Section 六: safety: law education and legal vice-principals, campus safety, drowning, mental health."""

import streamlit as st

from lipu_data import app_blocks as blocks
from lipu_data import filters, metrics
from lipu_data.app_frame import footer, filters_fragment, page_frame, share_box, show_notices
from lipu_data.i18n import t
from lipu_data.section_charts import section_chart_plans

context = page_frame("safety")
lang, dataset = context.lang, context.dataset
section = metrics.section_facts(dataset, 6)
section_programs = metrics.section_programs(dataset, 6)
options = filters.FilterOptions(schools=[], programs=list(section_programs["program_id"]), levels=[])
share_box(context)


@filters_fragment(context)
def filtered_view() -> None:
    """The filters and everything they narrow: a filter change reruns only this part of the page."""
    chosen = blocks.filter_bar(context, options, params=("program",))
    show_notices(context)
    blocks.briefing_box(context, scope="section", section=6, chosen=chosen)
    facts = filters.filter_rows(section, program=chosen.program)
    measures = filters.filter_rows(section_programs, program=chosen.program)

    st.header(t("charts", lang))
    if facts.empty:
        blocks.empty_state(context, chosen, more_below=not measures.empty)
    elif not metrics.has_metrics(facts, metrics.SAFETY_METRICS):
        blocks.no_chart_note(context)
    picked = [fact_id for plan in section_chart_plans(dataset, 6, chosen, lang)
              for fact_id in blocks.plan_chart(context, plan)]
    facts = blocks.selected_facts(context, facts, picked)

    blocks.figures_by_program(context, facts)

    st.header(t("measures", lang))
    blocks.measures(context, measures)

    blocks.details_and_sources(context, facts, key="safety")


filtered_view()
footer(context)
