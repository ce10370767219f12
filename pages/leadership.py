"""Section 一: the Party's leadership of education. The report gives no numbers here, only measures."""

import streamlit as st

from lipu_data import app_blocks as blocks
from lipu_data import filters, metrics
from lipu_data.app_frame import footer, filters_fragment, page_frame, share_box, show_notices
from lipu_data.i18n import t

context = page_frame("leadership")
lang, dataset = context.lang, context.dataset
section_programs = metrics.section_programs(dataset, 1)
options = filters.FilterOptions(schools=[], programs=list(section_programs["program_id"]), levels=[])
share_box(context)


@filters_fragment(context)
def filtered_view() -> None:
    """The filters and everything they narrow: a filter change reruns only this part of the page."""
    chosen = blocks.filter_bar(context, options, params=("program",))
    show_notices(context)
    blocks.briefing_box(context, scope="section", section=1, chosen=chosen)
    programs = filters.filter_rows(section_programs, program=chosen.program)

    st.info(t("no_numbers_note", lang), icon=":material/info:")
    st.header(t("measures", lang))
    blocks.measures(context, programs)

    # What section 一 connects to: the measures of other sections that put the same leadership to work.
    st.header(t("related_measures", lang))
    blocks.measures(context, dataset.programs[dataset.programs["program_id"].isin(metrics.LEADERSHIP_RELATED_PROGRAMS)])

    blocks.details_and_sources(context, metrics.section_facts(dataset, 1), key="leadership",
                               extra_paragraphs=list(programs["paragraph_id"]), show_table=False)


filtered_view()
footer(context)
