"""The shared page frame (streamlit): page config, language, localized menu, share box, footer, data errors.

Every page calls `page_frame(key)` first. It works the same whether a visitor arrives at the root or
by a deep link to a sub-page on a freshly started server (folder mode, no st.navigation): the title,
menu and language all come from here, never from the file names.
"""

from __future__ import annotations

import functools
import io
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pandas as pd
import segno
import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from lipu_data.i18n import LANGUAGES, language_from_locale, normalize_language, t
from lipu_data.load import load_dataset
from lipu_data.model import DEFAULT_DATA_DIR, DataValidationError, Dataset
from lipu_data.sitemap import PAGE_BY_KEY, PAGES
from lipu_data import views
from lipu_data.views import escape_markdown

# Parameters Streamlit itself reads; never reported as unknown.
STREAMLIT_PARAMS = frozenset({"embed", "embed_options"})
FILTER_PARAMS = ("school", "program", "level")
PAGE_PARAMS = frozenset({"lang", *FILTER_PARAMS, "para", "q", "term"})
PUBLIC_URL_ENV = "LIPU_PUBLIC_URL"
DATA_DIR_ENV = "LIPU_DATA_DIR"
LANGUAGE_NAMES = {"zh": "中文", "en": "English"}
PAGE_PATHS = frozenset(page.url_path for page in PAGES if page.url_path)


@dataclass
class PageContext:
    """What a page needs from the frame: its key, the reader's language and the validated data."""

    key: str
    lang: str
    dataset: Dataset
    notices: list[str] = field(default_factory=list)


def data_dir() -> Path:
    """The data directory: LIPU_DATA_DIR if set (tests and benchmarks), else the shipped data/."""
    return Path(os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR)


def _data_stamp(directory: Path) -> tuple[tuple[str, float], ...]:
    """File names and modification times, so an edited data/ is reloaded without a restart."""
    return tuple(sorted((p.name, p.stat().st_mtime) for p in directory.rglob("*") if p.is_file()))


@st.cache_resource(show_spinner=False, max_entries=4)
def _cached_dataset(directory: str, stamp: tuple[tuple[str, float], ...]) -> Dataset:
    # One validated, read-only Dataset shared by every session: frames are never mutated by pages.
    del stamp  # part of the cache key only
    return load_dataset(directory)


def data_version() -> tuple:
    """The data directory and its files' stamp: part of the key of every cache derived from the data."""
    directory = data_dir()
    return str(directory), _data_stamp(directory)


def shared_dataset() -> Dataset:
    """The validated dataset (cached across sessions); raises DataValidationError on bad data."""
    directory = data_dir()
    return _cached_dataset(str(directory), _data_stamp(directory))


@st.cache_data(show_spinner=False, max_entries=64)
def _cached_view(name: str, lang: str, stamp: tuple[tuple[str, float], ...]) -> pd.DataFrame:
    del stamp  # part of the cache key only
    return getattr(views, name)(shared_dataset(), lang)


def dataset_view(name: str, lang: str) -> pd.DataFrame:
    """`views.<name>(dataset, lang)`, computed once per data version and language for all sessions
    (for whole-dataset summaries such as the explorer's directories, which scan every table)."""
    directory = data_dir()
    return _cached_view(name, lang, _data_stamp(directory))


def query_value(param: str) -> str | None:
    """The last value of a query parameter (a repeated parameter keeps its last value)."""
    values = st.query_params.get_all(param)
    return values[-1] if values else None


def _resolve_language(notices: list[str]) -> str:
    """URL `lang` first, then the session's choice, then the browser locale, then Chinese."""
    raw = query_value("lang")
    from_url = normalize_language(raw) if raw is not None else None
    fallback = st.session_state.get("lang") or language_from_locale(st.context.locale)
    lang = from_url or fallback
    if raw is not None and from_url is None:
        notices.append(t("unknown_param", lang, param="lang", value=notice_value(raw)))
    st.session_state["lang"] = lang
    # The address always carries the language, so a copied link opens in the same language.
    if st.query_params.get_all("lang") != [lang]:
        st.query_params["lang"] = lang
    return lang


def notice_value(value: str, limit: int = 40) -> str:
    """A URL value for a notice: cut to a readable length and escaped, so it shows as typed (a link
    could carry markdown or HTML meant to be rendered)."""
    return escape_markdown(value if len(value) <= limit else value[:limit] + "…")


def _switch_language() -> None:
    chosen = st.session_state.get("lang_switch")
    if chosen in LANGUAGES:
        st.session_state["lang"] = chosen
        st.query_params["lang"] = chosen


def _unknown_param_notices(lang: str) -> list[str]:
    notices = []
    for name in st.query_params.keys():
        if name not in PAGE_PARAMS and name not in STREAMLIT_PARAMS:
            notices.append(t("unknown_param", lang, param=notice_value(name), value=notice_value(query_value(name) or "")))
    return notices


def page_frame(key: str) -> PageContext:
    """Set up a page: config, language, menu, share box and validated data. Stops on bad data."""
    page = PAGE_BY_KEY[key]
    notices: list[str] = []
    lang = _resolve_language(notices)
    title = t("app_title", lang) if page.url_path == "" else f"{t(f'page_{key}', lang)} · {t('app_title', lang)}"
    st.set_page_config(page_title=title, page_icon="📘", layout="wide", initial_sidebar_state="auto")
    notices.extend(_unknown_param_notices(lang))
    _sidebar(page.key, lang)
    try:
        dataset = shared_dataset()
    except DataValidationError as error:
        show_data_error(error, lang)
        st.stop()
    notices.extend(_drop_unknown_ids(dataset, lang))
    st.title(t(f"page_{key}", lang) if page.url_path else t("app_title", lang))
    st.caption(t(f"summary_{key}", lang))
    return PageContext(key=key, lang=lang, dataset=dataset, notices=notices)


def _drop_unknown_ids(dataset: Dataset, lang: str) -> list[str]:
    """Filter parameters naming no known id are removed from the URL, with a notice, on every page."""
    known = {"school": set(dataset.schools["school_id"]), "program": set(dataset.programs["program_id"]),
             "level": set(dataset.levels["level_id"])}
    notices = []
    for param, ids in known.items():
        raw = query_value(param)
        if raw is not None and raw not in ids:
            notices.append(t("unknown_param", lang, param=param, value=notice_value(raw)))
            del st.query_params[param]
    return notices


def show_notices(context: PageContext) -> None:
    """Short notices about ignored URL values, shown once near the top of the page."""
    for notice in context.notices:
        st.info(notice, icon=":material/link_off:")


def _sidebar(current: str, lang: str) -> None:
    with st.sidebar:
        # Set before the widget exists in this run, so the switch always shows the resolved language.
        st.session_state["lang_switch"] = lang
        st.segmented_control(
            t("language", lang), options=list(LANGUAGES), format_func=LANGUAGE_NAMES.get,
            key="lang_switch", required=True, on_change=_switch_language,
        )
        st.markdown(f"**{t('menu', lang)}**")
        for page in PAGES:
            page_link(page.script, label=t(f"page_{page.key}", lang), query_params={"lang": lang},
                      disabled=page.key == current)


def page_link(script: str, *, label: str, query_params: dict[str, str], **options) -> None:
    """st.page_link, or a plain link when a page script runs as its own entry point (AppTest, bare runs),
    where Streamlit cannot resolve sibling pages."""
    try:
        st.page_link(script, label=label, query_params=query_params, **options)
    except StreamlitPageNotFoundError:
        url_path = next(page.url_path for page in PAGES if page.script == script)
        st.markdown(f"[{label}](/{url_path}?{urlencode(query_params)})")


def share_link(url_path: str) -> str:
    """The public link of the current view: base address, page path and sorted query parameters."""
    base = os.environ.get(PUBLIC_URL_ENV, "").strip()
    if not base:
        current = urlsplit(st.context.url or "http://localhost:8501/")
        root = current.path.rstrip("/")
        # The address seen may be a sub-page's; the base is what stands before the page path.
        last = root.rsplit("/", 1)[-1]
        if last in PAGE_PATHS:
            root = root[: -len(last)].rstrip("/")
        base = f"{current.scheme}://{current.netloc}{root}"
    params = {name: query_value(name) for name in sorted(st.query_params.keys()) if name in PAGE_PARAMS}
    query = urlencode({k: v for k, v in params.items() if v is not None})
    path = f"{base.rstrip('/')}/{url_path}" if url_path else f"{base.rstrip('/')}/"
    return f"{path}?{query}" if query else path


def qr_png(link: str) -> bytes:
    """A QR code of the link as PNG bytes (segno, no imaging library needed)."""
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="png", scale=5, border=2)
    return buffer.getvalue()


SHARED_LINK_KEY = "_share_link_shown"  # the link the open share box shows (see filters_fragment)


def share_box(context: PageContext) -> None:
    """The link of the current view and its QR code, for chat groups and phones."""
    link = share_link(PAGE_BY_KEY[context.key].url_path)
    # Rendered only while open: the code block's highlighter and the QR image cost a reader who never
    # opens the box about 0.6 s of browser script time on every page load (bench/findings.md).
    box = st.sidebar.expander(t("share", context.lang), icon=":material/share:", key="share_box", on_change="rerun")
    if not box.open:
        return
    st.session_state[SHARED_LINK_KEY] = link
    with box:
        st.caption(t("share_help", context.lang))
        st.code(link, language=None, wrap_lines=True)
        if len(link.encode("utf-8")) <= 2000:  # a QR code holds at most 2331 bytes (level M); a longer link has none
            st.image(qr_png(link), width=180, caption=link if len(link) < 60 else None)
        if not os.environ.get(PUBLIC_URL_ENV):
            st.caption(t("share_base_missing", context.lang))


def filters_fragment(context: PageContext) -> Callable[[Callable[[], None]], Callable[[], None]]:
    """Decorator for a page's filters and everything they narrow: the body runs as an `st.fragment`, so a
    filter change reruns only that part of the page.

    A fragment cannot write to the sidebar, so after the body the sidebar's share box is checked: when it
    is open and shows the previous view's link, the whole page reruns once. Pages call share_box before
    their fragment, so a whole-page run never finds the link out of date (no rerun loop); with the box
    closed (as most readers leave it) nothing happens. `functools.wraps` keeps the body's module and name,
    which Streamlit uses to identify the fragment.
    """
    def decorate(body: Callable[[], None]) -> Callable[[], None]:
        @functools.wraps(body)
        def run() -> None:
            body()
            if st.session_state.get("share_box") and st.session_state.get(SHARED_LINK_KEY) != share_link(
                    PAGE_BY_KEY[context.key].url_path):
                st.rerun(scope="app")

        return st.fragment(run)

    return decorate


def footer(context: PageContext) -> None:
    """The closing line of every page: source and the note on unofficial names."""
    st.divider()
    st.caption(t("footer", context.lang))


def show_data_error(error: DataValidationError, lang: str) -> None:
    """One clear page listing the validator's findings (file:row:column), instead of a traceback."""
    st.title(t("data_error_title", lang))
    st.error(t("data_error_body", lang))
    st.code("\n".join(str(problem) for problem in error.problems), language=None, wrap_lines=True)
