"""One search over the whole report: figures, schools, programmes and paragraphs, in both languages."""

import streamlit as st

from lipu_data import app_blocks as blocks
from lipu_data.app_frame import footer, page_frame, page_link, share_box, show_notices
from lipu_data.i18n import t
from lipu_data.search import KINDS, search
from lipu_data.sitemap import PAGES
from lipu_data.url_state import url_text_input
from lipu_data.markdown import escape_markdown

SCRIPTS = {page.url_path: page.script for page in PAGES}

context = page_frame("search")
lang = context.lang
show_notices(context)

query = url_text_input("q", label=t("search_label", lang), help=t("search_everything_help", lang))
hits = search(blocks.search_index(context), query) if query.strip() else []
if query.strip() and not hits:
    st.info(t("search_no_hits", lang, q=escape_markdown(query.strip())), icon=":material/search_off:")
elif hits:
    st.markdown(f"**{t('search_hits', lang, n=len(hits), q=escape_markdown(query.strip()))}**")
for kind in KINDS:
    of_kind = [hit for hit in hits if hit.kind == kind]
    if not of_kind:
        continue
    st.subheader(t(f"search_kind_{kind}", lang))
    for hit in of_kind:
        with st.container(border=True):
            page_link(SCRIPTS[hit.url_path], label=escape_markdown(hit.name(lang)),
                      query_params={"lang": lang, **dict(hit.params)}, icon=":material/arrow_forward:")
            detail = hit.detail(lang)
            if detail:
                st.caption(escape_markdown(detail if len(detail) <= 160 else detail[:160] + "…"))

share_box(context)
footer(context)
