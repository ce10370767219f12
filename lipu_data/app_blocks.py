"""Reusable page blocks (streamlit): URL-synced filters, figure cards with provenance, chart blocks, tables.

Filters keep ids in the URL (`school`, `program`, `level`), never display names, so a link made in
Chinese opens the same view in English. We sync through st.query_params ourselves rather than
`bind="query-params"`, which would write the formatted label into the address.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Container, Hashable

import altair as alt
import pandas as pd
import streamlit as st

from lipu_data import charts, views
from lipu_data.app_frame import PageContext, data_version, notice_value, page_link, query_value, shared_dataset
from lipu_data.i18n import pick, t, unit_axis_title
from lipu_data.views import FilterOptions, escape_markdown

SOURCES_PAGE = "pages/sources.py"
ALL = ""


@dataclass(frozen=True)
class Filters:
    """The ids chosen in a page's filters (None = all)."""

    school: str | None = None
    program: str | None = None
    level: str | None = None

    @property
    def active(self) -> bool:
        return any((self.school, self.program, self.level))


def _push_filter(param: str) -> None:
    """Widget callback: write the chosen id to the URL (or drop the parameter for 'all')."""
    value = st.session_state.get(f"filter_{param}") or None
    st.session_state[f"_url_{param}"] = value
    if value is None:
        if param in st.query_params:
            del st.query_params[param]
    else:
        st.query_params[param] = value


def url_choice(context: PageContext, param: str, valid_ids: Container[str]) -> str | None:
    """The id a URL asks for, if it is a known id; anything else is dropped with a short notice."""
    raw = query_value(param)
    if raw is None:
        return None
    if raw in valid_ids:
        if st.query_params.get_all(param) != [raw]:
            st.query_params[param] = raw  # a repeated parameter is reduced to the value used
        return raw
    context.notices.append(t("unknown_param", context.lang, param=param, value=notice_value(raw)))
    del st.query_params[param]
    return None


def _filter_select(context: PageContext, param: str, options: list[str], valid_ids: Container[str],
                   names: dict[str, str]) -> str | None:
    key = f"filter_{param}"
    wanted = url_choice(context, param, valid_ids)
    if wanted is not None and wanted not in options:
        options = [*options, wanted]  # a valid id from a link stays selectable even if this page has nothing on it
    # The URL is the view: when it changed (a link was opened, a page switch dropped it), it wins. After a
    # language switch the value is set again too: otherwise the browser keeps showing (and later sends
    # back) the old language's label, which no option matches, and the filter silently resets to "all".
    if (st.session_state.get(f"_url_{param}", "unset") != wanted or key not in st.session_state
            or st.session_state.get(f"_lang_{param}") != context.lang):
        st.session_state[key] = wanted or ALL
        st.session_state[f"_url_{param}"] = wanted
        st.session_state[f"_lang_{param}"] = context.lang
    # "" stands for "all": a None value would show Streamlit's empty placeholder instead of "All".
    choice = st.selectbox(
        t(f"filter_{param}", context.lang), options=[ALL, *options],
        format_func=lambda value: t("filter_all", context.lang) if value == ALL else names.get(value, value),
        key=key, on_change=_push_filter, args=(param,),
    )
    return choice or None


def filter_bar(context: PageContext, options: FilterOptions, params: tuple[str, ...] = ("school", "program", "level")) -> Filters:
    """Selectboxes for the page's filters, in a row that stacks on phones; returns the chosen ids."""
    shown = {"school": options.schools, "program": options.programs, "level": options.levels}
    catalogue = _filter_catalogue(context.lang, data_version())
    chosen: dict[str, str | None] = {}
    columns = st.columns(len(params))
    for column, param in zip(columns, params):
        with column:
            valid, names = catalogue[param]
            chosen[param] = _filter_select(context, param, shown[param], valid, names)
    return Filters(**chosen)


@st.cache_resource(show_spinner=False, max_entries=16)
def _filter_catalogue(lang: str, version: tuple) -> dict[str, tuple[frozenset[str], dict[str, str]]]:
    """Per filter: every valid id and its name in `lang`; built once per data version and language rather
    than on every filter change. A resource (shared, not copied): callers only read it."""
    del version  # part of the cache key only
    dataset = shared_dataset()
    return {param: (frozenset(table[id_column]), views.localized_names(table, id_column, lang))
            for param, table, id_column in (("school", dataset.schools, "school_id"),
                                            ("program", dataset.programs, "program_id"),
                                            ("level", dataset.levels, "level_id"))}


def empty_state(context: PageContext) -> None:
    """What a reader sees when the filters leave nothing to show."""
    st.info(t("nothing_matches", context.lang), icon=":material/filter_alt_off:")


def no_chart_note(context: PageContext) -> None:
    """What the charts section says when the filters leave figures, but none that a chart of it shows."""
    st.caption(t("no_chart", context.lang))


def _rows_of(fact_ids: tuple[str, ...]) -> pd.DataFrame:
    """The dataset's facts with these ids, in this order (original index kept)."""
    facts = shared_dataset().facts
    position = dict(zip(facts["fact_id"], facts.index))
    return facts.loc[[position[fact_id] for fact_id in fact_ids]]


# Cards are computed once per data version, facts shown and language, and shared by all sessions: formatting
# values, finding previous periods and writing source tooltips was half of a section page's script run.
@st.cache_data(show_spinner=False, max_entries=1024)
def _cached_cards(fact_ids: tuple[str, ...], lang: str, version: tuple) -> list[views.FigureCard]:
    del version  # part of the cache key only
    dataset = shared_dataset()
    return views.figure_cards(_rows_of(fact_ids), dataset.facts, lang, dataset.terms)


@st.cache_data(show_spinner=False, max_entries=1024)
def _cached_program_cards(fact_ids: tuple[str, ...], lang: str,
                          version: tuple) -> list[tuple[str, list[views.FigureCard]]]:
    del version  # part of the cache key only
    dataset = shared_dataset()
    return [(name, views.figure_cards(group, dataset.facts, lang, dataset.terms))
            for name, group in views.facts_by_program(dataset, _rows_of(fact_ids), lang)]


def figure_cards(context: PageContext, shown: pd.DataFrame, *, columns: int = 2, hint: bool = True) -> None:
    """One st.metric per fact (rows of the dataset's facts), with the change over the previous period where
    the data has one, and its source (verbatim sentence or formula, link to the paragraph) in the card's
    tooltip.

    A tooltip rather than a popover per card: the popover button and its contents were five extra
    elements per card, about a quarter of a section page's load in the browser (bench/findings.md).
    """
    if hint and not shown.empty:
        st.caption(t("source_hint", context.lang))
    _card_grid(_cached_cards(tuple(shown["fact_id"]), context.lang, data_version()), columns)


def _card_grid(cards: list[views.FigureCard], columns: int) -> None:
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


@dataclass(frozen=True)
class PreparedChart:
    """What a chart block shows: the Vega-Lite spec, its one-sentence summary, its data table and the
    paragraphs its figures come from."""

    spec: dict
    title: str
    summary: str
    data: pd.DataFrame
    paragraphs: list[str]


@st.cache_data(show_spinner=False, max_entries=1024)
def chart_spec(builder_name: str, frame: pd.DataFrame, options: tuple[tuple[str, str], ...]) -> dict:
    """The Vega-Lite spec of a chart builder's output, built once per input and shared by all sessions.

    Altair's schema validation costs far more than everything else a page does, so a spec is built the
    first time its inputs are seen and reused after that, and not validated again here: every builder's
    output is validated against the Vega-Lite schema by tests/test_charts.py.
    """
    return charts.stable_spec(getattr(charts, builder_name)(frame, **dict(options)))


def chart_block(context: PageContext, builder: Callable[..., alt.TopLevelMixin], frame: pd.DataFrame, *,
                options: dict[str, str], data: pd.DataFrame, key: str, summary: str, paragraphs: list[str],
                selection: str | None = None) -> list[dict]:
    """A chart (`builder(frame, **options)`) with its source caption, a one-sentence summary and its data
    (table + CSV download). Returns the selected points of the named selection (empty if none).
    """
    spec = chart_spec(builder.__name__, frame, tuple(sorted(options.items())))
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
    event = st.vega_lite_chart(spec=chart.spec, width="stretch", theme=None, key=widget_key,
                               alt=t("chart_alt", lang, title=chart.title), on_select="rerun" if selection else "ignore")
    st.caption(t("chart_source", lang, paragraphs=", ".join(dict.fromkeys(chart.paragraphs))))
    st.caption(escape_markdown(chart.summary))
    data_box = lazy_expander(t("show_data", lang), icon=":material/table:", key=f"show_data_{key}")
    if data_box:
        with data_box:
            table_block(context, chart.data, key=key)
    if selection and event is not None:
        return list(event.selection.get(selection, []) or [])
    return []


def table_block(context: PageContext, data: pd.DataFrame, *, key: str, title: str | None = None) -> None:
    """A readable table with a CSV download: the reader sees no id columns; the download keeps them."""
    if title:
        st.subheader(title)
    data = views.display_table(data, context.lang)
    st.dataframe(views.without_ids(data), hide_index=True, width="stretch")
    st.download_button(t("download_csv", context.lang), data=data.to_csv(index=False).encode("utf-8"),
                       file_name=f"{key}.csv", mime="text/csv", key=f"download_{key}",
                       icon=":material/download:", on_click="ignore")


# A fact chart is prepared once per data version, facts, metrics, title and language, and shared by all
# sessions: selecting and formatting its rows and hashing its frame for the spec cache were about half of
# a filter change's script run on /levels (bench/findings.md).
@st.cache_data(show_spinner=False, max_entries=1024)
def _cached_fact_chart(fact_ids: tuple[str, ...], metrics: tuple[str, ...], latest: bool, title: str, lang: str,
                       version: tuple) -> PreparedChart | None:
    del version  # part of the cache key only
    chosen = views.select_metrics(_rows_of(fact_ids), metrics, latest=latest)
    if chosen.empty:
        return None
    frame = views.chart_frame(chosen, lang)
    units = list(dict.fromkeys(frame["unit"]))
    axis_title = unit_axis_title(units[0], lang) if len(units) == 1 else t("value", lang)
    spec = charts.fact_bar_chart(frame, title=title, axis_title=axis_title, kind_title=t("kind", lang),
                                 label_title=t("label", lang), period_title=t("period", lang),
                                 paragraph_title=t("paragraph", lang))
    return PreparedChart(charts.stable_spec(spec), title, charts.describe_bars(frame, title, lang),
                         frame[["fact_id", "label", "value_text", "period_text", "kind_text", "paragraph_id"]],
                         list(frame["paragraph_id"]))


def fact_chart(context: PageContext, facts: pd.DataFrame, metrics: tuple[str, ...], *, key: str, title: str,
               latest: bool = False) -> list[str]:
    """A bar chart of the given metrics (all periods unless `latest`) of `facts` (rows of the dataset's
    facts), or nothing if the filters left none.

    Returns the fact ids the reader clicked.
    """
    chart = _cached_fact_chart(tuple(facts["fact_id"]), tuple(metrics), latest, title, context.lang, data_version())
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
                   + "\n\n" + views.provenance_markdown(row, facts, context.lang), icon=":material/touch_app:")
    return chosen


def source_paragraph(context: PageContext, paragraph_id: str) -> None:
    """A report paragraph as written (the Chinese is the source), and in English its unofficial translation
    under it."""
    st.text(_paragraph_texts(data_version())[0].get(paragraph_id, ""))
    if context.lang == "en":
        translation = _paragraph_texts(data_version())[1].get(paragraph_id)
        if translation:
            st.markdown(f":gray[*{t('unofficial_translation', 'en')}*]  \n{escape_markdown(translation)}")


@st.cache_resource(show_spinner=False, max_entries=4)
def _paragraph_texts(version: tuple) -> tuple[dict[str, str], dict[str, str]]:
    """Paragraph id -> text, and -> English translation; once per data version (read only)."""
    del version  # part of the cache key only
    dataset = shared_dataset()
    return dict(zip(dataset.paragraphs["paragraph_id"], dataset.paragraphs["text"])), views.paragraph_translations(dataset)


def details_and_sources(context: PageContext, facts: pd.DataFrame, *, key: str, extra_paragraphs: list[str] = (),
                        show_table: bool = True) -> None:
    """The page's closing blocks, each built when opened: every figure in a table (downloadable, unless
    `show_table` is off), then the verbatim paragraphs the figures and `extra_paragraphs` come from."""
    lang = context.lang
    paragraph_ids = list(dict.fromkeys([*facts["paragraph_id"], *extra_paragraphs]))
    st.header(t("details", lang))
    if show_table:
        if facts.empty:
            empty_state(context)
        elif table_box := lazy_expander(t("all_figures_table", lang, count=len(facts)), icon=":material/table:",
                                        key=f"details_{key}"):
            with table_box:
                table_block(context, views.facts_table(facts, lang, context.dataset.facts), key=f"{key}_facts")
    if paragraph_ids and (sources_box := lazy_expander(t("source_paragraphs", lang, count=len(paragraph_ids)),
                                                       icon=":material/menu_book:", key=f"sources_{key}")):
        with sources_box:
            for pid in paragraph_ids:
                with st.container(border=True):
                    page_link(SOURCES_PAGE, label=f"¶{pid}", icon=":material/menu_book:",
                              query_params={"lang": lang, "para": pid})
                    source_paragraph(context, pid)


def count_chart(context: PageContext, frame: pd.DataFrame, *, category: str, color: str, key: str, title: str,
                axis_title: str, category_title: str, color_title: str) -> list[str]:
    """A clickable count-by-category chart of named things; returns the categories the reader clicked."""
    if frame.empty:
        return []
    summary = charts.describe_counts(frame, category, title, context.lang)
    options = {"category": category, "color": color, "title": title, "axis_title": axis_title,
               "category_title": category_title, "color_title": color_title}
    picked = chart_block(context, charts.category_count_chart, frame, options=options, data=frame, key=key,
                         summary=summary,
                         paragraphs=list(frame["paragraph_id"]) if "paragraph_id" in frame else [],
                         selection=charts.CATEGORY_SELECTION)
    return [point[category] for point in picked if category in point]


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
    groups = _cached_program_cards(tuple(facts["fact_id"]), lang, data_version())
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
        empty_state(context)
    elif picked:
        st.success(t("selected", context.lang, label=escape_markdown(", ".join(picked))), icon=":material/touch_app:")
        table_block(context, frame[frame[column].isin(picked)], key=key)
    elif rows_box := lazy_expander(t("rows_table", context.lang, count=len(frame)), icon=":material/table:",
                                   key=f"rows_{key}"):
        with rows_box:
            table_block(context, frame, key=key)
