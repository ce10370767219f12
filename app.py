"""Overview page (the root URL): headline figures of every section, the newest report's timeline, the report itself."""

import streamlit as st

from lipu_data import app_blocks as blocks
from lipu_data import charts, views
from lipu_data.app_frame import footer, page_frame, page_link, share_box, show_notices
from lipu_data.i18n import pick, t
from lipu_data.section_content import headline_metrics
from lipu_data.sitemap import PAGE_BY_KEY
from lipu_data.views import escape_markdown

context = page_frame("overview")
lang, dataset = context.lang, context.dataset
show_notices(context)

st.header(t("key_figures", lang))
st.caption(t("source_hint", lang))
for page_key, metrics in headline_metrics(dataset).items():
    page = PAGE_BY_KEY[page_key]
    with st.container(border=True):
        page_link(page.script, label=t("go_to_page", lang, page=t(f"page_{page_key}", lang)),
                  query_params={"lang": lang}, icon=":material/arrow_forward:")
        blocks.figure_cards(context, views.select_metrics(dataset.facts, metrics), hint=False)

# The newest report's events: a later report's year replaces this list rather than lengthening it.
year = views.latest_report_year(dataset)
st.header(t("timeline", lang, year=year))
timeline = views.timeline_frame(dataset.events[dataset.events["report_year"] == year], lang)
if timeline.empty:
    st.caption(t("timeline_empty", lang, year=year))
else:
    st.markdown(views.timeline_markdown(timeline, lang))
if not timeline.empty and (chart_box := blocks.lazy_expander(t("timeline_chart", lang), icon=":material/timeline:", key="timeline_chart")):
    with chart_box:
        # Events the report dates only by year stay in the list above: one "month not stated" column would
        # stack them as if they happened together.
        dated = timeline[timeline["month_known"]]
        summary = ("；" if lang == "zh" else "; ").join(f"{row.date_full} {row.title}" for row in dated.itertuples())
        blocks.chart_block(context, charts.timeline_chart, dated,
                           options={"title": t("timeline", lang, year=year), "date_title": t("date", lang),
                                    "event_title": t("events", lang), "paragraph_title": t("paragraph", lang)},
                           data=dated[["date_full", "title", "quote", "paragraph_id"]], key="timeline",
                           summary=summary, paragraphs=list(dated["paragraph_id"]))
        if undated := int((~timeline["month_known"]).sum()):
            st.caption(t("timeline_undated", lang, n=undated))

st.header(t("about_report", lang))
report = dataset.reports.loc[dataset.reports["year"] == year].iloc[0]  # the newest report, as the timeline
st.markdown(f"**{escape_markdown(pick(report, 'title', lang))}** · {escape_markdown(pick(report, 'publisher', lang))}")
st.caption(escape_markdown((report["source_note_zh"] if lang == "zh" else report["source_note"]) or ""))
if counts_box := blocks.lazy_expander(t("facts_per_section", lang), icon=":material/table:", key="facts_per_section"):
    with counts_box:
        blocks.table_block(context, views.section_fact_counts(dataset, lang), key="facts_per_section")
page_link("pages/sources.py", label=t("page_sources", lang), query_params={"lang": lang}, icon=":material/menu_book:")

share_box(context)
footer(context)
