"""Shared helpers for AppTest-based tests: open a page by key with query params, read charts, walk elements."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest
from streamlit.util import AttributeDictionary

from lipu_data import load_dataset
from lipu_data.sitemap import PAGE_BY_KEY, PAGES, PageInfo

ROOT = Path(__file__).resolve().parents[1]
PAGE_KEYS = tuple(page.key for page in PAGES)
CHART_PAGE_KEYS = tuple(page.key for page in PAGES if page.has_charts)
SECTION_PAGE_KEYS = tuple(page.key for page in PAGES if page.section is not None)
TIMEOUT = 30

_component_manager = None


def _shared_component_manager():
    """One scan of installed Streamlit v2 components per test process.

    Every new AppTest otherwise re-reads the metadata of every installed distribution (about a second
    on this machine); the installed packages do not change during a test run, so the result is shared.
    """
    global _component_manager
    if _component_manager is None:
        from streamlit.components.v2.component_manager import BidiComponentManager

        manager = BidiComponentManager()
        manager.discover_and_register_components(start_file_watching=False)
        _component_manager = manager
    return _component_manager


def script_path(page: str | PageInfo) -> str:
    """Absolute path of a page's script, by page key or PageInfo."""
    info = PAGE_BY_KEY[page] if isinstance(page, str) else page
    return str(ROOT / info.script)


def new_app(page: str | PageInfo, *, params: Mapping[str, Any] | None = None, locale: str | None = None) -> AppTest:
    """An AppTest of one page script (run alone, as after a deep link), not yet run."""
    at = AppTest.from_file(script_path(page), default_timeout=TIMEOUT)
    if hasattr(at, "_bidi_component_manager"):
        at._bidi_component_manager = _shared_component_manager()
    if locale is not None:
        at.context["locale"] = locale
    for name, value in (params or {}).items():
        at.query_params[name] = value
    return at


def open_page(page: str | PageInfo, *, params: Mapping[str, Any] | None = None, locale: str | None = None,
              opened: tuple[str, ...] = (), **query: Any) -> AppTest:
    """Run a page with the given query parameters (keyword arguments are added to `params`).

    `opened` names lazy expanders (by key, e.g. "share_box") to open first, as a reader's click would:
    their contents are only built while they are open.
    """
    at = new_app(page, params={**(params or {}), **query}, locale=locale)
    for key in opened:
        at.session_state[key] = True
    return at.run()


def chart_specs(at: AppTest) -> list[dict]:
    """The Vega-Lite specs of every chart on the page."""
    return [json.loads(element.proto.spec) for element in at.get("vega_lite_chart")]


def chart_ids(at: AppTest) -> list[str]:
    """The element ids of the page's charts (a keyed chart's id ends with its key)."""
    return [element.proto.id for element in at.get("vega_lite_chart")]


def has_chart_key(at: AppTest, key: str) -> bool:
    return any(chart_id.endswith(f"-{key}") for chart_id in chart_ids(at))


def info_texts(at: AppTest) -> list[str]:
    return [element.value for element in at.info]


def success_texts(at: AppTest) -> list[str]:
    return [element.value for element in at.success]


def metric_labels(at: AppTest) -> list[str]:
    return [element.label for element in at.metric]


def share_codes(at: AppTest) -> list[str]:
    """The link(s) the open share box shows (the only code block a page draws)."""
    return [element.value for element in at.code]


@functools.cache
def _chart_tabs(lang: str) -> dict[str, tuple[str, str]]:
    """Charts drawn in a page's chart tabs (pages with several charts, as charts.csv says): chart id -> (the tabs'
    widget key prefix, the chart's tab label in `lang`). Of the shipped data."""
    charts = load_dataset().charts
    several = charts.groupby("page")["chart_id"].transform("size") > 1
    return {row.chart_id: (f"{row.page}_charts", getattr(row, f"tab_{lang}")) for row in charts[several].itertuples()}


def open_chart_tab(at: AppTest, chart_key: str) -> None:
    """Open the tab holding a chart, as a reader's click on the tab would (in either language)."""
    for lang in ("zh", "en"):
        if chart_key in (tabs := _chart_tabs(lang)):
            prefix, label = tabs[chart_key]
            at.session_state[f"{prefix}_{lang}"] = label


def chart_tab_keys(page_key: str) -> list[str]:
    """The chart ids a page shows in tabs, in order."""
    return [chart_id for chart_id, (prefix, _) in _chart_tabs("en").items() if prefix == f"{page_key}_charts"]


def figure_tab_labels(at: AppTest, lang: str) -> list[str]:
    """The labels of the key-figures tabs (one per program; chart tabs excluded)."""
    chart_labels = {label for _, label in _chart_tabs(lang).values()}
    return [tab.label for tab in at.tabs if tab.label not in chart_labels]


def metrics_in_every_figure_tab(at: AppTest, page_key: str, lang: str) -> list[Any]:
    """Every figure card (st.metric element) a reader can reach: each program's tab opened in turn, as clicks
    on the tabs would (only the open tab's cards are built); the first tab is open again afterwards. A page
    whose figures belong to one program has no tabs."""
    labels = figure_tab_labels(at, lang)
    if not labels:
        return list(at.metric)
    key = f"figures_{page_key}_{lang}"
    cards = []
    for label in labels:
        at.session_state[key] = label
        at.run()
        cards += list(at.metric)
    at.session_state[key] = labels[0]
    at.run()
    return cards


def cards_in_every_figure_tab(at: AppTest, page_key: str, lang: str) -> list[str]:
    """The labels of metrics_in_every_figure_tab."""
    return [card.label for card in metrics_in_every_figure_tab(at, page_key, lang)]


def select_point(at: AppTest, chart_key: str, selection: str, points: list[dict]) -> None:
    """Simulate a click on a chart: the selection state Streamlit stores for `st.altair_chart(on_select=...)`
    (its tab opened first, if it sits in one)."""
    open_chart_tab(at, chart_key)
    at.session_state[chart_key] = AttributeDictionary({"selection": AttributeDictionary({selection: points})})


def iter_elements(at: AppTest) -> Iterator[Any]:
    """Every element of the rendered page (main, sidebar, and inside popovers, expanders, tabs)."""
    stack = [at._tree]
    while stack:
        node = stack.pop()
        children = getattr(node, "children", None)
        if children:
            stack.extend(children.values())
        if hasattr(node, "proto") and node.proto is not None and getattr(node, "type", None) not in (None, "root"):
            yield node


def dataframe_cells(at: AppTest) -> list[str]:
    """Every cell and header of every st.dataframe on the page, as text."""
    cells: list[str] = []
    for element in at.dataframe:
        frame = element.value
        cells.extend(str(column) for column in frame.columns)
        cells.extend(str(value) for value in frame.to_numpy().ravel())
    return cells
