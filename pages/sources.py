"""The report itself: numbered, searchable text with figures marked, every table to download, the data notes."""

import streamlit as st

from lipu_data import app_blocks as blocks
from lipu_data import metrics, package_zip, report_text, tables
from lipu_data.app_frame import (accessibility_statement, download_hint, footer, page_frame, page_link, share_box,
                                 show_notices)
from lipu_data.served_data import workbook_download
from lipu_data.spreadsheets import XLSX_MIME, table_xlsx_download
from lipu_data.filters import filter_rows
from lipu_data.i18n import t
from lipu_data.sitemap import PAGE_BY_SECTION
from lipu_data.url_state import url_choice, url_text, url_text_input
from lipu_data.markdown import code_span, escape_markdown, mark_quotes

SOURCES = "pages/sources.py"

context = page_frame("sources")
lang, dataset = context.lang, context.dataset
paragraphs = dataset.paragraphs
para = url_choice(context, "para", set(paragraphs["paragraph_id"]))
if para:
    # A link to this same page (the data notes) changes the view but not the address bar: write it back.
    st.query_params["para"] = para
term = url_choice(context, "term", set(dataset.terms["term_id"]))
tabs_key = f"sources_tabs_{lang}"
if st.session_state.get("_url_term", "unset") != term:
    # A link to a term (a new one, not a rerun of the same view) opens the glossary tab on it.
    st.session_state["_url_term"] = term
    if term:
        st.session_state[tabs_key] = t("glossary", lang)


# The URL is the view: a changed `q` (a link was opened) wins over what the box held; the glossary reads it too.
url_text("q")
show_notices(context)

blocks.briefing_box(context, scope="report")  # the whole report: it can replace the original in a meeting

texts = paragraphs.set_index("paragraph_id")["text"]
quotes = report_text.paragraph_quotes(dataset)
translations = report_text.paragraph_translations(dataset) if lang == "en" else {}


def translation(paragraph_id: str) -> None:
    """In English, the paragraph's unofficial translation under the verbatim Chinese."""
    if paragraph_id in translations:
        st.markdown(f":gray[*{t('unofficial_translation', lang)}*]  \n{escape_markdown(translations[paragraph_id])}")

if para:
    with st.container(border=True):
        st.success(f"{t('selected_paragraph', lang)} ¶{escape_markdown(para)}", icon=":material/push_pin:")
        location = report_text.paragraph_location(dataset, para)
        if location:
            st.caption(escape_markdown(" › ".join(location)))
        st.markdown(mark_quotes(texts[para], quotes.get(para, [])))
        translation(para)
        st.markdown(f"**{t('cited_here', lang)}**")
        citations = tables.paragraph_citations(dataset, para, lang)
        if citations.empty:
            st.caption(t("nothing_cites", lang))
        else:
            st.dataframe(citations, hide_index=True, width="stretch",
                         column_config={t("label", lang): st.column_config.TextColumn(width="medium")})
        st.caption(t("full_text_follows", lang))

# Only the open tab is built: the notes and tables tabs hold hundreds of elements a reader of the text
# never sees (and thousands at 100x the data). The key carries the language: the state is the tab label.
text_tab, glossary_tab, tables_tab, notes_tab = st.tabs(
    [t("report_text", lang), t("glossary", lang), t("tables", lang), t("data_notes", lang)], key=tabs_key,
    on_change="rerun")

if text_tab.open:
    with text_tab:
        query = url_text_input("q", label=t("search_text", lang), help=t("search_help", lang))
        # The full text is one report's (the selected paragraph's, else the newest); a search spans all years.
        report_year = (int(paragraphs.loc[paragraphs["paragraph_id"] == para, "year"].iloc[0]) if para
                       else metrics.latest_report_year(dataset))
        shown = report_text.search_paragraphs(paragraphs if query.strip() else paragraphs[paragraphs["year"] == report_year],
                                        query, dataset.paragraph_translations, dataset.terms)
        if query.strip():
            if shown.empty:
                st.info(t("no_search_hits", lang, q=escape_markdown(query.strip())), icon=":material/search_off:")
            else:
                st.markdown(f"**{t('search_results', lang, n=len(shown), q=escape_markdown(query.strip()))}**")
        st.caption(t("marked_hint", lang))
        if translations:
            st.caption(t("translation_note", lang))
        for row in shown.itertuples():
            if row.role == "heading" and not query.strip():
                heading = escape_markdown(row.text)
                if row.paragraph_id in translations:
                    heading += f" · {escape_markdown(translations[row.paragraph_id])}"
                # A section is h2 and its parts h3, under the page's h1: headings in order for screen readers.
                if row.subsection == 0:
                    st.header(heading, divider="gray")
                else:
                    st.subheader(heading)
                st.caption(f"¶{escape_markdown(row.paragraph_id)}")
                continue
            with st.container(border=row.paragraph_id == para):
                st.markdown(f"{code_span('¶' + row.paragraph_id)} {mark_quotes(row.text, quotes.get(row.paragraph_id, []))}")
                translation(row.paragraph_id)

if glossary_tab.open:
    with glossary_tab:
        st.caption(t("glossary_help", lang))
        entries = report_text.glossary(dataset.terms, lang)
        glossary_query = (st.session_state.get("q") or "").strip()
        if glossary_query and not term:
            # The report's search box narrows the glossary too (both languages, forms and definitions).
            entries = report_text.search_glossary(entries, dataset.terms, glossary_query)
            st.markdown(f"**{t('glossary_matches', lang, n=len(entries), q=escape_markdown(glossary_query))}**")
        if term:
            # The linked term first, framed, then the rest in table order.
            entries = [entry for entry in entries if entry.term_id == term] + [e for e in entries if e.term_id != term]
        for entry in entries:
            with st.container(border=entry.term_id == term, key=f"term_{entry.term_id}"):
                if entry.term_id == term:
                    st.success(f"{t('selected_term', lang)}", icon=":material/push_pin:")
                names = (f"**{escape_markdown(entry.term_zh)}** · {escape_markdown(entry.term_en)}" if lang == "zh"
                         else f"**{escape_markdown(entry.term_en)}** · {escape_markdown(entry.term_zh)}")
                st.markdown(f"{names}  \n{escape_markdown(entry.definition)}")
                with st.container(horizontal=True):
                    for pid in entry.paragraph_ids:
                        page_link(SOURCES, label=f"¶{pid}", icon=":material/menu_book:",
                                  query_params={"lang": lang, "para": pid})

if tables_tab.open:
    with tables_tab:
        package = context.version.package  # the files of the version shown, even while a newer edit awaits corrections
        download_hint(context)
        with st.container(horizontal=True):
            st.download_button(t("download_package", lang), data=package.zip_bytes,
                               file_name=f"{package_zip.PACKAGE_FOLDER}.zip", mime="application/zip",
                               key="download_package", icon=":material/folder_zip:", type="primary", on_click="ignore")
            st.download_button(t("download_workbook", lang), data=workbook_download(context.version),
                               file_name=f"{package_zip.PACKAGE_FOLDER}.xlsx", mime=XLSX_MIME,
                               key="download_workbook", icon=":material/table_view:", on_click="ignore")
        st.caption(t("tables_help", lang))
        descriptions = package.table_descriptions(lang)
        for table in tables.table_list(dataset).itertuples():
            file_name = package.table_file_name(table.name)
            with st.container(border=True, horizontal=True, vertical_alignment="center"):
                st.markdown(f"**{escape_markdown(file_name)}** · {t('rows_n', lang, n=table.rows)}  \n"
                            f":gray[{escape_markdown(descriptions[table.name])}]", width="stretch")
                st.download_button(t("download_table", lang, file=escape_markdown(file_name)),
                                   data=package.table_bytes(table.name), file_name=file_name,
                                   mime="text/csv", key=f"download_table_{table.name}", icon=":material/download:",
                                   on_click="ignore")
                # The same table for Excel (typed cells), built on the click from the data shown.
                st.download_button(t("download_xlsx", lang), data=table_xlsx_download(dataset, table.name),
                                   file_name=f"{table.name}.xlsx", mime=XLSX_MIME,
                                   key=f"download_table_xlsx_{table.name}", icon=":material/table_view:",
                                   on_click="ignore")

if notes_tab.open:
    with notes_tab:
        notes = tables.notes_frame(dataset, lang)
        for topic in tables.NOTE_TOPICS:
            st.header(t(f"topic_{topic}", lang))
            for note in notes[notes["topic"] == topic].itertuples():
                with st.container(border=True):
                    st.markdown(escape_markdown(note.text))
                    if note.fact_id:
                        st.caption(escape_markdown(t("concerns_fact", lang, label=note.fact_label, value=note.fact_value)))
                    with st.container(horizontal=True):
                        if note.paragraph_id:
                            page_link(SOURCES, label=f"¶{note.paragraph_id}", icon=":material/menu_book:",
                                      query_params={"lang": lang, "para": note.paragraph_id})
                        if note.fact_id and note.fact_section in PAGE_BY_SECTION:
                            fact_page = PAGE_BY_SECTION[note.fact_section]
                            page_link(fact_page.script, label=t("go_to_page", lang, page=t(f"page_{fact_page.key}", lang)),
                                      icon=":material/arrow_forward:", query_params={"lang": lang})
        st.header(t("derived_facts", lang))
        blocks.table_block(context, tables.facts_table(filter_rows(dataset.facts, kind="derived"), lang, dataset.facts,
                                                      units=dataset.unit_formats),
                           key="sources_derived")

accessibility_statement(context)
share_box(context)
footer(context)
