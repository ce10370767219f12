"""Reusable page blocks (streamlit): the filter bar, figure cards with provenance, chart blocks, tables.

The filters' and search boxes' place in the URL is lipu_data.url_state's; what a block shows is computed from
the rows and the data version it is given, cached across sessions per data version (lipu_data.served_data).
"""

from __future__ import annotations

from typing import Callable, Container, Hashable

import altair as alt
import pandas as pd
import streamlit as st

from lipu_data import briefing, chart_fit, charts, provenance, report_text, search, spreadsheets, tables
from lipu_data.app_frame import PageContext, download_hint, page_link, public_base, share_link, text_scale
from lipu_data.i18n import localized_names, pick, t
from lipu_data.metrics import facts_by_program, latest_report_year, report_words
from lipu_data.section_charts import ChartPlan, PreparedChart, SectionFilters, prepare_fact_chart
from lipu_data.sitemap import PAGE_BY_KEY
from lipu_data.filters import FilterOptions
from lipu_data.markdown import escape_markdown
from lipu_data.served_data import DataVersion, cached_on_data
from lipu_data.url_state import ALL, clear_filters, filter_key, push_filter, query_value, url_filter

SOURCES_PAGE = "pages/sources.py"


Filters = SectionFilters  # the ids chosen in a page's filters (None = all)


def _filter_select(context: PageContext, param: str, options: list[str], valid_ids: Container[str],
                   names: dict[str, str]) -> str | None:
    wanted = url_filter(context, param, valid_ids)
    if wanted is not None and wanted not in options:
        options = [*options, wanted]  # a valid id from a link stays selectable even if this page has nothing on it
    choice = st.selectbox(
        t(f"filter_{param}", context.lang), options=[ALL, *options],
        format_func=lambda value: t("filter_all", context.lang) if value == ALL else names.get(value, value),
        key=filter_key(param), on_change=push_filter, args=(param,),
    )
    return choice or None


def filter_bar(context: PageContext, options: FilterOptions, params: tuple[str, ...] = ("school", "program", "level"),
               *, apart: Callable[[str, dict[str, str | None]], set[str]] | None = None) -> Filters:
    """Selectboxes for the page's filters, in a row that stacks on phones, and a "clear filters" button while
    any is set; returns the chosen ids. `apart(param, chosen so far)` names ids of a filter to offer after the
    others, marked as having nothing in common with the filters before it (the explorer's programmes of
    another school)."""
    shown = {"school": options.schools, "program": options.programs, "level": options.levels}
    catalogue = _filter_catalogue(context.version, context.lang)
    chosen: dict[str, str | None] = {}
    columns = st.columns(len(params))
    for column, param in zip(columns, params):
        with column:
            valid, names = catalogue[param]
            away = apart(param, chosen) if apart else set()
            if away:
                names = {**names, **{id_: t("apart_option", context.lang, name=names.get(id_, id_)) for id_ in away}}
                shown[param] = [id_ for id_ in shown[param] if id_ not in away] + [id_ for id_ in shown[param] if id_ in away]
            chosen[param] = _filter_select(context, param, shown[param], valid, names)
    if any(chosen.values()):
        st.button(t("clear_filters", context.lang), key="clear_filters", icon=":material/filter_alt_off:",
                  on_click=clear_filters, args=(params,), type="tertiary")
    return Filters(**chosen)


@cached_on_data(max_entries=16, shared=True)
def _filter_catalogue(_data: DataVersion, lang: str) -> dict[str, tuple[frozenset[str], dict[str, str]]]:
    """Per filter: every valid id and its name in `lang`; built once per data version and language rather
    than on every filter change. Shared, not copied: callers only read it."""
    dataset = _data.dataset
    return {param: (frozenset(table[id_column]), localized_names(table, id_column, lang))
            for param, table, id_column in (("school", dataset.schools, "school_id"),
                                            ("program", dataset.programs, "program_id"),
                                            ("level", dataset.levels, "level_id"))}


EXPLORER_PAGE = "pages/explorer.py"


@cached_on_data(max_entries=4, shared=True)
def _cached_search_index(_data: DataVersion) -> search.SearchIndex:
    return search.build_index(_data.dataset)


def search_index(context: PageContext) -> search.SearchIndex:
    """The search index of the page's data, built once per data version and shared by every session."""
    return _cached_search_index(context.version)


def empty_state(context: PageContext, chosen: Filters = Filters(), *, more_below: bool = False) -> None:
    """What a reader sees when the filters leave no figures: that the page has none for them, or (`more_below`)
    that it has no figures but still has something further down; then, for a chosen school or programme, a link
    to everything the report says about it. Never "nothing" above content."""
    lang = context.lang
    if not any((chosen.school, chosen.program, chosen.level)):  # no filter to blame: the report part has no figures
        message = "section_without_figures" if more_below else "nothing_matches"
    else:
        message = "no_figures_more_below" if more_below else "nothing_matches"
    st.info(t(message, lang), icon=":material/filter_alt_off:")
    catalogue = _filter_catalogue(context.version, lang)
    for param in ("school", "program"):
        chosen_id = getattr(chosen, param)
        if chosen_id:
            page_link(EXPLORER_PAGE, label=t("everything_about", lang, name=escape_markdown(catalogue[param][1].get(chosen_id, chosen_id))),
                      query_params={"lang": lang, param: chosen_id}, icon=":material/travel_explore:")


def no_chart_note(context: PageContext) -> None:
    """What the charts section says when the filters leave figures, but none that a chart of it shows."""
    st.caption(t("no_chart", context.lang))


# Cards are computed once per data version, facts shown and language, and shared by all sessions: formatting
# values, finding previous periods and writing source tooltips was half of a section page's script run. Within a
# data version, fact ids name their rows: the key holds the ids, and the rows given are used, never hashed.
@cached_on_data(max_entries=1024)
def _cached_cards(_data: DataVersion, _rows: pd.DataFrame, fact_ids: tuple[str, ...],
                  lang: str) -> list[provenance.FigureCard]:
    dataset = _data.dataset
    return provenance.figure_cards(_rows, dataset.facts, lang, units=dataset.unit_formats, terms=dataset.terms)


@cached_on_data(max_entries=1024)
def _cached_program_cards(_data: DataVersion, _rows: pd.DataFrame, fact_ids: tuple[str, ...],
                          lang: str) -> list[tuple[str, list[provenance.FigureCard]]]:
    dataset = _data.dataset
    return [(name, provenance.figure_cards(group, dataset.facts, lang, units=dataset.unit_formats, terms=dataset.terms))
            for name, group in facts_by_program(dataset, _rows, lang)]


def figure_cards(context: PageContext, shown: pd.DataFrame, *, columns: int = 2, hint: bool = True) -> None:
    """One st.metric per fact (rows of the dataset's facts), with the change over the previous period where
    the data has one, and its source (verbatim sentence or formula, link to the paragraph) in the card's
    tooltip.

    A tooltip rather than a popover per card: the popover button and its contents were five extra
    elements per card, about a quarter of a section page's load in the browser (bench/findings.md).
    """
    if hint and not shown.empty:
        st.caption(t("source_hint", context.lang))
    _card_grid(_cached_cards(context.version, shown, tuple(shown["fact_id"]), context.lang), columns)


def _card_grid(cards: list[provenance.FigureCard], columns: int) -> None:
    grid = st.columns(columns)
    for position, card in enumerate(cards):
        with grid[position % columns]:
            st.metric(card.label, card.value, delta=card.delta, delta_color=card.delta_color, border=True,
                      icon=card.icon, help=card.source)


def lazy_expander(label: str, *, key: str, icon: str | None = None) -> object | None:
    """An expander whose contents are built only while it is open: the container, or None when closed.

    Closed, it costs one element; its tables would otherwise load the browser's data-grid code (about
    1.4 MB of script) on every page view, for the few readers who open them (bench/findings.md). Opening
    it reruns the page, so what it shows is always the current view's.
    """
    box = st.expander(label, icon=icon, key=key, on_change="rerun")
    return box if box.open else None


def lazy_tabs(context: PageContext, labels: dict[Hashable, str], *, key: str) -> dict[Hashable, object]:
    """Tabs whose contents are built only while open (`labels`: content key → tab label); returns the open
    tab's container by content key, so the page builds that tab alone. The first tab opens by default.

    Used for a page's charts (one chart drawn at load instead of four or five: each Vega chart costs the
    browser far more than the tab strip) and for its key figures per program (bench/findings.md). The
    widget key carries the language, because the tab state is its label: after a language switch the
    first tab opens.
    """
    if not labels:
        return {}
    tabs = st.tabs(list(labels.values()), key=f"{key}_{context.lang}", on_change="rerun")
    return {content_key: tab for content_key, tab in zip(labels, tabs) if tab.open}


@st.cache_data(show_spinner=False, max_entries=1024)
def _cached_spec(_builder: Callable[..., alt.TopLevelMixin], builder_name: str, frame: pd.DataFrame,
                 options: tuple[tuple[str, str], ...]) -> dict:
    del builder_name  # the builder's key: Streamlit does not hash a function by what it does
    return charts.stable_spec(_builder(frame, **dict(options)))


def chart_spec(builder: Callable[..., alt.TopLevelMixin], frame: pd.DataFrame,
               options: tuple[tuple[str, str], ...]) -> dict:
    """The Vega-Lite spec of `builder(frame, **options)`, built once per builder and input and shared by all
    sessions; a builder is keyed by its module and name, so pass a module-level function.

    Altair's schema validation costs far more than everything else a page does, so a spec is built the
    first time its inputs are seen and reused after that, and not validated again here: every builder's
    output is validated against the Vega-Lite schema by tests/test_charts.py.
    """
    return _cached_spec(builder, f"{builder.__module__}.{builder.__qualname__}", frame, options)


def chart_block(context: PageContext, builder: Callable[..., alt.TopLevelMixin], frame: pd.DataFrame, *,
                options: dict[str, str], data: pd.DataFrame, key: str, summary: str, paragraphs: list[str],
                selection: str | None = None) -> list[dict]:
    """A chart (`builder(frame, **options)`) with its source caption, a one-sentence summary and its data
    (table + CSV download). Returns the selected points of the named selection (empty if none).
    """
    spec = chart_spec(builder, frame, tuple(sorted(options.items())))
    return _show_chart(context, PreparedChart(spec, options["title"], summary, data, paragraphs), key=key,
                       selection=selection)


def _chart_widget_key(key: str, selection: str | None, data: pd.DataFrame) -> str:
    """The chart's widget key: `key`, renewed whenever the reader's last click on the chart names a point it
    no longer shows (a filter change removed it).

    A drawn chart keeps its selection when a filter change only swaps its rows, so a stale click would dim
    every bar while the page ignores it (`selected_facts`); under a new key the chart starts unselected.
    """
    generation_key = f"{key}__generation"
    generation = st.session_state.get(generation_key, 0)
    widget_key = f"{key}~{generation}" if generation else key
    stored = st.session_state.get(widget_key) if selection else None
    points = ((stored or {}).get("selection") or {}).get(selection) or []
    if points:
        shown = {field: set(data[field]) for field in data.columns}
        if any(field in shown and value not in shown[field] for point in points for field, value in point.items()):
            st.session_state[generation_key] = generation + 1
            widget_key = f"{key}~{generation + 1}"
    return widget_key


def _show_chart(context: PageContext, chart: PreparedChart, *, key: str, selection: str | None) -> list[dict]:
    """Lay out a prepared chart with its captions and data box; the selected points of `selection`."""
    lang = context.lang
    # The accessible name is the title, not the summary: it is part of what the browser compares to keep a
    # drawn chart, and the summary (read next, as the caption below) changes with the figures.
    widget_key = _chart_widget_key(key, selection, chart.data)
    spec = chart_fit.scaled_for_text(chart.spec, text_scale(context))  # the reader's text size (字号)
    event = st.vega_lite_chart(spec=spec, width="stretch", theme=None, key=widget_key,
                               alt=t("chart_alt", lang, title=chart.title), on_select="rerun" if selection else "ignore")
    source = t("chart_source", lang, paragraphs=", ".join(dict.fromkeys(chart.paragraphs)),
               **report_words(context.dataset, lang))
    st.caption(escape_markdown(source))
    st.caption(escape_markdown(chart.summary))
    chart_image_downloads(context, chart, source=source, key=key)
    data_box = lazy_expander(t("show_data", lang), icon=":material/table:", key=f"show_data_{key}")
    if data_box:
        with data_box:
            table_block(context, chart.data, key=key)
    if selection and event is not None:
        return list(event.selection.get(selection, []) or [])
    return []


def _chosen_filters(context: PageContext) -> dict[str, str | None]:
    """The page's filter ids as the address holds them now (a fragment's filter change writes them first)."""
    return {param: query_value(param) for param in PAGE_BY_KEY[context.key].filters}


def chart_image_downloads(context: PageContext, chart: PreparedChart, *, source: str, key: str) -> None:
    """PNG and SVG downloads of a chart whose picture says what it shows: title, filters, source and link.

    The pictures are drawn only when a reader clicks (Streamlit's deferred download), so a page opens no slower.
    """
    lang, dataset, page_key = context.lang, context.dataset, context.key
    # Read from the session now (the download's own thread has none); the picture is made on the click.
    chosen = _chosen_filters(context)
    link = f"{t('briefing_link', lang)}: {share_link(PAGE_BY_KEY[page_key].url_path)}"

    def picture(image_format: str) -> bytes:
        filters = t("image_filters", lang, filters=briefing.filters_in_words(dataset, page_key, lang, chosen))
        spec = briefing.explained_chart(chart.spec, title=chart.title, filters=filters, source=source, link=link)
        return briefing.chart_image(spec, image_format)

    download_hint(context)
    with st.container(horizontal=True, gap="small"):
        for image_format, mime in (("png", "image/png"), ("svg", "image/svg+xml")):
            st.download_button(t(f"download_{image_format}", lang),
                               data=lambda image_format=image_format: picture(image_format),
                               file_name=f"{key}-{lang}.{image_format}", mime=mime, key=f"image_{image_format}_{key}",
                               icon=":material/image:", on_click="ignore", type="tertiary")


@cached_on_data(max_entries=64)
def _cached_briefing(_data: DataVersion, request: briefing.BriefingRequest) -> bytes:
    # Keyed on the data version, language and filters: a second reader asking for the same view gets the same
    # file at once (a section takes about a second to typeset, the whole report a few).
    return briefing.build_briefing(_data.dataset, request)


def briefing_box(context: PageContext, *, scope: str, section: int | None = None,
                 chosen: Filters = Filters()) -> None:
    """"Make PDF", then "Download PDF": the briefing of this view (filters and language), built only when asked
    so no page opens slower for it. A failure shows its reason here and leaves the page as it was."""
    lang = context.lang
    request = briefing.BriefingRequest(scope, lang, section, chosen.school, chosen.program, chosen.level,
                                       base_url=public_base())
    asked_key = f"_briefing_asked_{context.key}"
    row = st.container(horizontal=True, gap="small")
    if row.button(t("make_pdf", lang), key=f"make_pdf_{context.key}", icon=":material/picture_as_pdf:",
                 help=t("pdf_help", lang)):
        st.session_state[asked_key] = request
    if st.session_state.get(asked_key) != request:  # not asked, or asked for another view
        return
    try:
        with st.spinner(t("make_pdf", lang)):
            pdf = _cached_briefing(context.version, request)
    except (briefing.BriefingError, briefing.BriefingRequestError) as error:
        st.error(t("pdf_failed", lang, reason=escape_markdown(str(error))), icon=":material/error:")
        return
    with row:
        download_hint(context)
    row.download_button(t("download_pdf", lang), data=pdf, file_name=request.file_name(latest_report_year(context.dataset)), mime="application/pdf",
                       key=f"download_pdf_{context.key}", icon=":material/download:", type="primary", on_click="ignore")


def table_block(context: PageContext, data: pd.DataFrame, *, key: str, title: str | None = None) -> None:
    """A readable table with downloads for spreadsheets: CSV (byte order mark, no formulas) and Excel. The reader
    sees no id columns; the downloads keep them."""
    if title:
        st.subheader(title)
    data = tables.display_table(data, context.lang)
    # The first column names the row (a figure, a school, a project): pinned, it stays on a phone's screen
    # while the others scroll.
    shown = tables.without_ids(data)
    st.dataframe(shown, hide_index=True, width="stretch",
                 column_config={shown.columns[0]: st.column_config.Column(pinned=True)} if len(shown.columns) else None)
    download_hint(context)
    with st.container(horizontal=True):
        st.download_button(t("download_csv", context.lang), data=spreadsheets.csv_for_excel(data),
                           file_name=f"{key}.csv", mime="text/csv", key=f"download_{key}",
                           icon=":material/download:", on_click="ignore")
        # Built on a click only (Streamlit's deferred download): most readers never ask for the workbook.
        st.download_button(t("download_xlsx", context.lang), data=lambda: spreadsheets.table_xlsx(data),
                           file_name=f"{key}.xlsx", mime=spreadsheets.XLSX_MIME, key=f"download_xlsx_{key}",
                           icon=":material/table_view:", on_click="ignore")


# A fact chart is prepared once per data version, facts, metrics, title and language, and shared by all
# sessions: selecting and formatting its rows and hashing its frame for the spec cache were about half of
# a filter change's script run on /levels (bench/findings.md).
@cached_on_data(max_entries=1024)
def _cached_fact_chart(_data: DataVersion, _rows: pd.DataFrame, fact_ids: tuple[str, ...], metrics: tuple[str, ...],
                       latest: bool, title: str, lang: str) -> PreparedChart | None:
    return prepare_fact_chart(_rows, metrics, latest, title, lang, units=_data.dataset.unit_formats)


def fact_chart(context: PageContext, facts: pd.DataFrame, metrics: tuple[str, ...], *, key: str, title: str,
               latest: bool = False) -> list[str]:
    """A bar chart of the given metrics (all periods unless `latest`) of `facts` (rows of the dataset's
    facts), or nothing if the filters left none.

    Returns the fact ids the reader clicked.
    """
    chart = _cached_fact_chart(context.version, facts, tuple(facts["fact_id"]), tuple(metrics), latest, title,
                               context.lang)
    if chart is None:
        return []
    picked = _show_chart(context, chart, key=key, selection=charts.FACT_SELECTION)
    return [point["fact_id"] for point in picked if "fact_id" in point]


def selected_facts(context: PageContext, facts: pd.DataFrame, fact_ids: list[str]) -> pd.DataFrame:
    """Show the clicked figures with their sources; return the facts the rest of the page narrows to."""
    chosen = facts[facts["fact_id"].isin(fact_ids)]
    if chosen.empty:  # nothing clicked, or only figures a filter change has since removed from the view
        return facts
    for _, row in chosen.iterrows():
        st.success(t("selected", context.lang, label=escape_markdown(pick(row, "label", context.lang)))
                   + "\n\n" + provenance.provenance_markdown(row, facts, context.lang, units=context.dataset.unit_formats),
                   icon=":material/touch_app:")
    return chosen


def source_paragraph(context: PageContext, paragraph_id: str) -> None:
    """A report paragraph as written (the Chinese is the source), and in English its unofficial translation
    under it."""
    texts, translations = _paragraph_texts(context.version)
    st.text(texts.get(paragraph_id, ""))
    if context.lang == "en":
        translation = translations.get(paragraph_id)
        if translation:
            st.markdown(f":gray[*{t('unofficial_translation', 'en')}*]  \n{escape_markdown(translation)}")


@cached_on_data(max_entries=4, shared=True)
def _paragraph_texts(_data: DataVersion) -> tuple[dict[str, str], dict[str, str]]:
    """Paragraph id -> text, and -> English translation; once per data version (read only)."""
    dataset = _data.dataset
    return dict(zip(dataset.paragraphs["paragraph_id"], dataset.paragraphs["text"])), report_text.paragraph_translations(dataset)


def details_and_sources(context: PageContext, facts: pd.DataFrame, *, key: str, extra_paragraphs: list[str] = (),
                        show_table: bool = True) -> None:
    """The page's closing blocks, each built when opened: every figure in a table (downloadable, unless
    `show_table` is off), then the verbatim paragraphs the figures and `extra_paragraphs` come from."""
    lang = context.lang
    paragraph_ids = list(dict.fromkeys([*facts["paragraph_id"], *extra_paragraphs]))
    st.header(t("details", lang))
    # No figures: the page has said so near its top (empty_state); nothing is repeated here.
    if show_table and not facts.empty:
        if table_box := lazy_expander(t("all_figures_table", lang, count=len(facts)), icon=":material/table:",
                                      key=f"details_{key}"):
            with table_box:
                table_block(context, tables.facts_table(facts, lang, context.dataset.facts,
                                                        units=context.dataset.unit_formats), key=f"{key}_facts")
    if paragraph_ids and (sources_box := lazy_expander(t("source_paragraphs", lang, count=len(paragraph_ids)),
                                                       icon=":material/menu_book:", key=f"sources_{key}")):
        with sources_box:
            for pid in paragraph_ids:
                with st.container(border=True):
                    page_link(SOURCES_PAGE, label=f"¶{pid}", icon=":material/menu_book:",
                              query_params={"lang": lang, "para": pid})
                    source_paragraph(context, pid)


def plan_chart(context: PageContext, plan: ChartPlan) -> list[str]:
    """Draw one of a section's planned charts (lipu_data.section_charts); returns what the reader clicked:
    fact ids for a fact chart, categories for a count chart."""
    if plan.is_fact_chart:
        return fact_chart(context, plan.facts, plan.metrics, key=plan.key, title=plan.title, latest=plan.latest)
    picked = chart_block(context, plan.builder, plan.frame, options=plan.options, data=plan.data, key=plan.key,
                         summary=plan.summary, paragraphs=list(plan.paragraphs), selection=plan.selection)
    return [point[plan.category] for point in picked if plan.category and plan.category in point]


def plan_tabs(context: PageContext, plans: list[ChartPlan], *, key: str) -> dict[str, tuple[object, ChartPlan]]:
    """One lazy tab per planned chart (labelled as charts.csv says); the open tab's plan by chart key, ready to draw
    inside `tab(...)`."""
    open_tab = lazy_tabs(context, {plan.key: plan.tab or plan.title for plan in plans}, key=key)
    return {plan.key: (open_tab[plan.key], plan) for plan in plans if plan.key in open_tab}


def measures(context: PageContext, programs: pd.DataFrame) -> None:
    """Programs and measures as cards: name, summary, and the paragraph they come from."""
    lang = context.lang
    for _, row in programs.iterrows():
        with st.container(border=True):
            st.markdown(f"**{escape_markdown(pick(row, 'name', lang))}**")
            st.caption(escape_markdown(pick(row, "summary", lang)))
            with st.expander(f"{t('source', lang)} ¶{row['paragraph_id']}"):
                source_paragraph(context, row["paragraph_id"])
                page_link(SOURCES_PAGE, label=t("open_in_report", lang), icon=":material/menu_book:",
                          query_params={"lang": lang, "para": row["paragraph_id"]})


def figures_by_program(context: PageContext, facts: pd.DataFrame) -> None:
    """The page's key figures, one tab per program they belong to; only the open tab's cards are built.

    A tab per program rather than every program's cards in a column: a section page held up to 33 cards,
    about a sixth of its load in the browser and most of what a filter change redrew (bench/findings.md).
    The first tab opens by default, and again when a filter change alters the list of programs.
    """
    lang = context.lang
    st.header(t("key_figures", lang))
    groups = _cached_program_cards(context.version, facts, tuple(facts["fact_id"]), lang)
    if not groups:
        return
    st.caption(t("source_hint", lang))
    if len(groups) == 1:
        program_name, cards = groups[0]
        st.subheader(escape_markdown(program_name))
        _card_grid(cards, columns=2)
        return
    open_tab = lazy_tabs(context, {position: escape_markdown(program_name)
                                   for position, (program_name, _) in enumerate(groups)}, key=f"figures_{context.key}")
    for position, tab in open_tab.items():
        with tab:
            _card_grid(groups[position][1], columns=2)


def picked_rows_table(context: PageContext, frame: pd.DataFrame, *, column: str, picked: list[str], key: str) -> None:
    """The rows of the chart categories the reader clicked, as a table; before any click, every row in a
    box built when opened (key `rows_<key>`), so the page does not load the data grid for nothing."""
    if frame.empty:
        st.caption(t("no_rows", context.lang))
    elif picked:
        st.success(t("selected", context.lang, label=escape_markdown(", ".join(picked))), icon=":material/touch_app:")
        table_block(context, frame[frame[column].isin(picked)], key=key)
    elif rows_box := lazy_expander(t("rows_table", context.lang, count=len(frame)), icon=":material/table:",
                                   key=f"rows_{key}"):
        with rows_box:
            table_block(context, frame, key=key)
