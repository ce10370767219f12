"""Section 七: publicity: the WeChat account's output, media coverage (mostly lower bounds) and honours."""

import streamlit as st

from lipu_data import app_blocks as blocks
from lipu_data import filters, metrics, tables
from lipu_data.app_frame import footer, filters_fragment, page_frame, share_box, show_notices
from lipu_data.i18n import t
from lipu_data.section_charts import section_chart_plans

context = page_frame("publicity")
lang, dataset = context.lang, context.dataset
section = metrics.section_facts(dataset, 7)
section_honours = metrics.section_rows(dataset.honours, 7)
share_box(context)


@filters_fragment(context)
def filtered_view() -> None:
    """The filters and everything they narrow: a filter change reruns only this part of the page."""
    chosen = blocks.filter_bar(context, filters.filter_options(dataset, section, section_honours), params=("school", "program"))
    show_notices(context)
    blocks.briefing_box(context, scope="section", section=7, chosen=chosen)
    facts = filters.filter_rows(section, school=chosen.school, program=chosen.program)
    honours = filters.filter_rows(section_honours, school=chosen.school, program=chosen.program)

    st.header(t("charts", lang))
    if facts.empty:
        blocks.empty_state(context, chosen, more_below=not honours.empty)
    elif not metrics.has_metrics(facts, metrics.PUBLICITY_METRICS):
        blocks.no_chart_note(context)
    picked = [fact_id for plan in section_chart_plans(dataset, 7, chosen, lang)
              for fact_id in blocks.plan_chart(context, plan)]
    if metrics.has_lower_bounds(facts, metrics.PUBLICITY_METRICS):  # the key to the chart's dashed outlines
        st.caption(t("lower_bound", lang))
    facts = blocks.selected_facts(context, facts, picked)

    st.header(t("key_figures", lang))
    blocks.figure_cards(context, metrics.latest_by_metric(facts))

    if not honours.empty and (honours_box := blocks.lazy_expander(
            t("honours_count", lang, count=len(honours)), icon=":material/military_tech:", key="honours_publicity")):
        with honours_box:
            blocks.table_block(context, tables.honours_frame(honours, lang), key="publicity_honours")

    blocks.details_and_sources(context, facts, key="publicity", extra_paragraphs=list(honours["paragraph_id"]))


filtered_view()
footer(context)
