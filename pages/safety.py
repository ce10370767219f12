"""Section 六: safety: law education and legal vice-principals, campus safety, drowning, mental health."""

import streamlit as st

from lipu_data import app_blocks as blocks
from lipu_data import views
from lipu_data.app_frame import footer, filters_fragment, page_frame, share_box, show_notices
from lipu_data.i18n import t
from lipu_data.section_charts import section_chart_plans

context = page_frame("safety")
lang, dataset = context.lang, context.dataset
section = views.section_facts(dataset, 6)
section_programs = views.section_programs(dataset, 6)
options = views.FilterOptions(schools=[], programs=list(section_programs["program_id"]), levels=[])
share_box(context)


@filters_fragment(context)
def filtered_view() -> None:
    """The filters and everything they narrow: a filter change reruns only this part of the page."""
    chosen = blocks.filter_bar(context, options, params=("program",))
    show_notices(context)
    blocks.briefing_box(context, scope="section", section=6, chosen=chosen)
    facts = views.narrow(section, program=chosen.program)
    measures = views.narrow(section_programs, program=chosen.program)

    st.header(t("charts", lang))
    if facts.empty:
        blocks.empty_state(context, chosen, more_below=not measures.empty)
    elif not views.has_metrics(facts, views.SAFETY_METRICS):
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
