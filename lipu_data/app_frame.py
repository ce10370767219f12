"""The shared page frame (streamlit): page config, language, localized menu, share box, footer, data errors.

Every page calls `page_frame(key)` first. It works the same whether a visitor arrives at the root or
by a deep link to a sub-page on a freshly started server (folder mode, no st.navigation): the title,
menu and language all come from here, never from the file names.
"""

from __future__ import annotations

import functools
import html
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

from lipu_data.i18n import LANGUAGES, language_from_locale, localized_names, normalize_language, t
from lipu_data.markdown import escape_markdown
from lipu_data.metrics import report_words
from lipu_data.model import DataValidationError, Dataset
from lipu_data.search import resolve_name
from lipu_data.served_data import DataVersion, cached_on_data, served_version
from lipu_data.sitemap import PAGE_BY_KEY, PAGES, view_link
from lipu_data.url_state import checked_id, notice_value, query_value

# Parameters Streamlit itself reads; never reported as unknown.
STREAMLIT_PARAMS = frozenset({"embed", "embed_options"})
FILTER_PARAMS = ("school", "program", "level")
PAGE_PARAMS = frozenset({"lang", "size", *FILTER_PARAMS, "para", "q", "term"})
PUBLIC_URL_ENV = "LIPU_PUBLIC_URL"
# Where readers report accessibility problems (an e-mail address, a phone number or a web address), set by
# whoever runs the app; the statement says so when it is missing.
CONTACT_ENV = "LIPU_CONTACT"
STATEMENT_DIR = Path(__file__).parent / "statement"
STATEMENT_ANCHOR = "accessibility"  # /sources#accessibility
LANGUAGE_NAMES = {"zh": "中文", "en": "English"}
# The page's language for screen readers (<html lang>): Streamlit always serves "en".
DOCUMENT_LANGUAGES = {"zh": "zh-CN", "en": "en"}
# Text sizes (字号 小/中/大): the root font size every rem of Streamlit's styles follows, and the factor for
# the charts' font sizes. The default ("m") is left out of the address, so most links stay as they were.
TEXT_SIZES = {"s": 14, "m": 16, "l": 20}
DEFAULT_TEXT_SIZE = "m"
# A visible keyboard focus on every control (WCAG 2.4.7): Streamlit's page links, tabs and expander headers
# show focus only as a faint background tint, and the theme has no option for it.
# Drawn in the theme's primary colour (7.4:1 on white).
FOCUS_CSS = ("a:focus-visible, button:focus-visible, summary:focus-visible, [role='tab']:focus-visible, "
             "[role='radio']:focus-visible, [tabindex]:focus-visible {{outline: 3px solid {colour} !important; "
             "outline-offset: 2px !important;}}")
SIDEBAR_WIDTH = 300  # px, Streamlit's default, which it sets on the element itself
PAGE_PATHS = frozenset(page.url_path for page in PAGES if page.url_path)


@dataclass
class PageContext:
    """What a page needs from the frame: its key, the reader's language and the validated data (`version`: the
    data version it belongs to, what caches of derived views are keyed on)."""

    key: str
    lang: str
    dataset: Dataset
    version: DataVersion
    notices: list[str] = field(default_factory=list)
    size: str = DEFAULT_TEXT_SIZE


@cached_on_data(max_entries=64)
def _cached_view(_data: DataVersion, _view: Callable[[Dataset, str], pd.DataFrame], view_name: str,
                 lang: str) -> pd.DataFrame:
    del view_name  # the view's key: a function is not hashed by what it computes
    return _view(_data.dataset, lang)


def dataset_view(context: PageContext, view: Callable[[Dataset, str], pd.DataFrame]) -> pd.DataFrame:
    """`view(dataset, lang)`, computed once per data version and language for all sessions (for whole-dataset
    summaries such as the explorer's directories, which scan every table). A view is keyed by its module and
    name, so pass a module-level function."""
    return _cached_view(context.version, view, f"{view.__module__}.{view.__qualname__}", context.lang)


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


def _resolve_text_size(lang: str, notices: list[str]) -> str:
    """URL `size` first, then the session's choice, then the default; an unknown value is dropped with a notice."""
    raw = query_value("size")
    size = raw if raw in TEXT_SIZES else st.session_state.get("text_size", DEFAULT_TEXT_SIZE)
    if raw is not None and raw not in TEXT_SIZES:
        notices.append(t("unknown_param", lang, param="size", value=notice_value(raw)))
    st.session_state["text_size"] = size
    # Like the language, the address carries the size (a page switch drops it), so a shared link keeps it.
    wanted = [] if size == DEFAULT_TEXT_SIZE else [size]
    if st.query_params.get_all("size") != wanted:
        if wanted:
            st.query_params["size"] = size
        else:
            del st.query_params["size"]
    return size


def _switch_text_size() -> None:
    chosen = st.session_state.get("size_switch")
    if chosen in TEXT_SIZES:
        st.session_state["text_size"] = chosen
        if chosen == DEFAULT_TEXT_SIZE:
            if "size" in st.query_params:
                del st.query_params["size"]
        else:
            st.query_params["size"] = chosen


def _switch_language() -> None:
    chosen = st.session_state.get("lang_switch")
    if chosen in LANGUAGES:
        st.session_state["lang"] = chosen
        st.query_params["lang"] = chosen


UNKNOWN_NAMES_SHOWN = 5


def _unknown_param_notices(lang: str) -> list[str]:
    """One notice for every parameter name the app does not know, however many a link carries."""
    unknown = [name for name in st.query_params.keys() if name not in PAGE_PARAMS and name not in STREAMLIT_PARAMS]
    if not unknown:
        return []
    names = ", ".join(notice_value(name, limit=20) for name in unknown[:UNKNOWN_NAMES_SHOWN])
    if len(unknown) > UNKNOWN_NAMES_SHOWN:
        names += f" (+{len(unknown) - UNKNOWN_NAMES_SHOWN})"
    return [t("unknown_params", lang, n=len(unknown), names=names)]


def page_frame(key: str) -> PageContext:
    """Set up a page: config, language, menu, share box and validated data. Stops on bad data."""
    page = PAGE_BY_KEY[key]
    notices: list[str] = []
    lang = _resolve_language(notices)
    size = _resolve_text_size(lang, notices)
    try:  # the data first: the tab title names the report's year
        version, stale = served_version()
        failure = None
        app_title = t("app_title", lang, **report_words(version.dataset, lang))
    except DataValidationError as error:
        failure, app_title = error, t("app_name", lang)
    title = app_title if page.url_path == "" else f"{t(f'page_{key}', lang)} · {app_title}"
    st.set_page_config(page_title=title, page_icon="📘", layout="wide", initial_sidebar_state="auto")
    _page_styles(size)
    notices.extend(_unknown_param_notices(lang))
    _sidebar(page.key, lang)
    if failure is not None:
        show_data_error(failure, lang)
        st.stop()
    dataset = version.dataset
    _check_filter_ids(dataset, lang, page.url_path, notices)
    context = PageContext(key=key, lang=lang, dataset=dataset, notices=notices, size=size, version=version)
    print_setup(context, page.url_path)
    st.title(t(f"page_{key}", lang) if page.url_path else app_title)
    st.caption(t(f"summary_{key}", lang, **report_words(dataset, lang)))
    if stale:
        st.caption(f":material/history: {t('stale_data', lang, version=escape_markdown(version.as_of))}")
    return context


def _page_styles(size: str) -> None:
    """The chosen text size (the root font size: Streamlit sizes text, cards and spacing in rem) and a visible
    keyboard focus. Style-only st.html goes to Streamlit's event container and takes no room on the page."""
    root = "" if size == DEFAULT_TEXT_SIZE else f"html {{font-size: {TEXT_SIZES[size]}px !important;}}"
    if TEXT_SIZES[size] > TEXT_SIZES[DEFAULT_TEXT_SIZE]:
        # The sidebar's width is set in px: widen it with the text, or the size buttons wrap and the menu's
        # names are cut short.
        width = SIDEBAR_WIDTH * TEXT_SIZES[size] // TEXT_SIZES[DEFAULT_TEXT_SIZE]
        root += f"[data-testid='stSidebar'][data-collapsed='false'] {{width: {width}px !important;}}"
        # A figure card's value may take two lines rather than end in an ellipsis ("16.6671325 million …").
        root += ("[data-testid='stMetricValue'], [data-testid='stMetricValue'] * {white-space: normal !important; "
                 "overflow: visible !important; text-overflow: clip !important;}")
    focus = FOCUS_CSS.format(colour=st.get_option("theme.primaryColor") or "#005A8C")
    st.html(f"<style>{root}{focus}</style>")


# Runs in the app's own document (st.html is not iframed). It sets <html lang> to the page's language and marks
# the menu's link to this page (the bold one) with aria-current="page"; an observer repeats both whenever
# Streamlit redraws (a rerun can replace the menu's links). Matching hrefs would not do: Streamlit writes the
# root's link as "?lang=..", which resolves to the current page. The language is the only value passed in,
# from a fixed table.
_DOCUMENT_SCRIPT = """<script>
(() => {
  window.__lipuLang = "%s";
  window.__lipuApply = () => {
    const root = document.documentElement;
    if (root.lang !== window.__lipuLang) root.lang = window.__lipuLang;
    for (const link of document.querySelectorAll('[data-testid="stSidebar"] a[data-testid="stPageLink-NavLink"]')) {
      const here = link.querySelector("strong") !== null;  // the menu writes this page's name in bold
      if (here && link.getAttribute("aria-current") !== "page") link.setAttribute("aria-current", "page");
      if (!here && link.hasAttribute("aria-current")) link.removeAttribute("aria-current");
    }
  };
  window.__lipuApply();
  if (!window.__lipuObserver) {
    window.__lipuObserver = new MutationObserver(() => window.__lipuApply());
    window.__lipuObserver.observe(document.body, {childList: true, subtree: true});
  }
})();
</script>"""


def text_scale(context: PageContext) -> float:
    """How much larger (or smaller) than the default the reader wants text: charts scale their fonts by it."""
    return TEXT_SIZES[context.size] / TEXT_SIZES[DEFAULT_TEXT_SIZE]


def _check_filter_ids(dataset: Dataset, lang: str, url_path: str, notices: list[str]) -> None:
    """Filter parameters in the URL that are not ids, on every page: a name (Chinese, English, or a school's alias)
    that means one school, programme or level is replaced by its id in the address; a name that means several is
    dropped with a notice linking each; anything else is dropped with a short notice."""
    for param, table in (("school", dataset.schools), ("program", dataset.programs), ("level", dataset.levels)):
        id_column = f"{param}_id"
        checked_id(param, set(table[id_column]), lang, notices,
                   resolve=functools.partial(resolve_name, dataset, param),
                   names=functools.partial(localized_names, table, id_column, lang), url_path=url_path)


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
        st.session_state["size_switch"] = st.session_state.get("text_size", DEFAULT_TEXT_SIZE)
        st.segmented_control(
            t("text_size", lang), options=list(TEXT_SIZES), format_func=lambda size: t(f"text_size_{size}", lang),
            key="size_switch", required=True, on_change=_switch_text_size,
        )
        st.markdown(f"**{t('menu', lang)}**")
        # The page one is on is marked in bold (and aria-current by the script below), not disabled: a disabled
        # link's grey (#a8a7a5 on #f8f8f7, 2.26:1) is too faint to read.
        for page in PAGES:
            label = t(f"page_{page.key}", lang)
            page_link(page.script, label=f"**{label}**" if page.key == current else label,
                      query_params={"lang": lang})
        st.html(_DOCUMENT_SCRIPT % DOCUMENT_LANGUAGES[lang], unsafe_allow_javascript=True)


def page_link(script: str, *, label: str, query_params: dict[str, str], **options) -> None:
    """st.page_link, or a plain link when a page script runs as its own entry point (AppTest, bare runs),
    where Streamlit cannot resolve sibling pages."""
    try:
        st.page_link(script, label=label, query_params=query_params, **options)
    except StreamlitPageNotFoundError:
        url_path = next(page.url_path for page in PAGES if page.script == script)
        st.markdown(f"[{label}](/{url_path}?{urlencode(query_params)})")


def public_base() -> str:
    """The app's public base address: LIPU_PUBLIC_URL if set, else what stands before the page path in the
    address this session was opened with."""
    base = os.environ.get(PUBLIC_URL_ENV, "").strip()
    if base:
        return base
    current = urlsplit(st.context.url or "http://localhost:8501/")
    root = current.path.rstrip("/")
    # The address seen may be a sub-page's; the base is what stands before the page path.
    last = root.rsplit("/", 1)[-1]
    if last in PAGE_PATHS:
        root = root[: -len(last)].rstrip("/")
    return f"{current.scheme}://{current.netloc}{root}"


def share_link(url_path: str) -> str:
    """The public link of the current view: base address, page path and sorted query parameters."""
    return view_link(public_base(), url_path,
                     {name: query_value(name) for name in st.query_params.keys() if name in PAGE_PARAMS})


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
    # On the page itself, not in the menu: on a phone the menu is closed, and sharing is what a reader came for.
    box = st.expander(t("share", context.lang), icon=":material/share:", key="share_box", on_change="rerun")
    if not box.open:
        return
    st.session_state[SHARED_LINK_KEY] = link
    with box:
        st.caption(t("share_help", context.lang))
        st.code(link, language=None, wrap_lines=True)
        if len(link.encode("utf-8")) <= 2000:  # a QR code holds at most 2331 bytes (level M); a longer link has none
            st.image(qr_png(link), width=180, caption=link if len(link) < 60 else None,
                     alt=t("qr_alt", context.lang))
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


# What a printout of a page leaves out: the menu, the app's chrome, and every control that means nothing on
# paper; and what keeps it from ending in blank pages (Streamlit's full-height scroll containers).
PRINT_CSS = """
<style>
.lipu-print-note { display: none; }
@media print {
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
  [data-testid="stBottom"], [data-testid="stElementToolbar"], [data-testid="stButton"],
  [data-testid="stDownloadButton"], [data-testid="stSelectbox"], [data-testid="stTextInput"],
  [data-testid="stSegmentedControl"], [data-testid="stTooltipIcon"], [data-testid="stExpander"],
  [data-testid="stPageLink"], [data-testid="stTabs"] [role="tablist"], [data-testid="stMetricTooltip"] {
    display: none !important;
  }
  html, body, .stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"], [data-testid="stMainBlockContainer"] {
    position: static !important; overflow: visible !important; height: auto !important; min-height: 0 !important;
  }
  [data-testid="stMain"] { margin-left: 0 !important; }
  [data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: 100% !important; }
  [data-testid="stVegaLiteChart"], [data-testid="stMetric"] { break-inside: avoid; }
  .lipu-print-note { display: block; border: 1px solid #555; padding: 6px 10px; margin-bottom: 10px; }
}
</style>
"""


# On screen: a figure card's label wraps onto more lines instead of ending in "…" (a phone is one card wide and
# the labels are the report's long names).
SCREEN_CSS = """
<style>
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; height: auto !important;
}
</style>
"""
# On a phone the menu covers the page; choosing a page in it closes it, as Streamlit's own menu does. Registered
# once per browser tab (a rerun renders this again).
MENU_CLOSER_JS = """
<script>
(() => {
  if (window.__lipuMenuCloser) return;
  window.__lipuMenuCloser = true;
  document.addEventListener("click", (event) => {
    const link = event.target.closest('[data-testid="stSidebar"] a');
    if (!link || window.innerWidth > 768) return;
    const close = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
    if (close) setTimeout(() => close.click(), 0);
  }, true);
})();
</script>
"""


def print_setup(context: PageContext, url_path: str) -> None:
    """The page's own styles: figure labels that wrap, the print stylesheet with, on paper only, a line pointing
    to the PDF for the complete version; and the phone menu that closes on a choice."""
    note = html.escape(t("print_note", context.lang, link=share_link(url_path)))
    st.html(f"{SCREEN_CSS}{PRINT_CSS}<div class=\"lipu-print-note\">{note}</div>{MENU_CLOSER_JS}",
            unsafe_allow_javascript=True)


# Chat apps' built-in browsers, which block file downloads, name themselves in the User-Agent (WeChat and WeCom:
# "MicroMessenger/8.0.x").
CHAT_BROWSER_MARKERS = ("micromessenger",)


def is_chat_browser(user_agent: str | None) -> bool:
    """Whether a User-Agent is a phone chat app's built-in browser (any text, of any length, is safe to pass)."""
    agent = (user_agent or "").lower()
    return any(marker in agent for marker in CHAT_BROWSER_MARKERS)


def download_hint(context: PageContext) -> None:
    """One short line, shown only in a chat app's browser, on how to open the page in the phone's own browser
    to download. Call it just before a download button (CSV, data package, PDF)."""
    try:
        agent = st.context.headers.get("User-Agent")
    except Exception:  # no request headers (a bare script run): no chat browser to help
        agent = None
    if is_chat_browser(agent):
        st.caption(f":material/open_in_browser: {t('chat_browser_hint', context.lang)}")


def statement_link(context: PageContext) -> str:
    """The relative link to the accessibility statement on /sources, in the reader's language and text size (a
    plain link opens a new session, so it carries both). Relative like the figures' source links: every page
    sits one level below the app's root, behind any path prefix."""
    params = {"lang": context.lang, **({"size": context.size} if context.size != DEFAULT_TEXT_SIZE else {})}
    return f"sources?{urlencode(params)}#{STATEMENT_ANCHOR}"


def accessibility_statement(context: PageContext) -> None:
    """The accessibility statement (lipu_data/statement/accessibility_<lang>.md) under its own heading, which
    /sources#accessibility opens at; the contact line comes from LIPU_CONTACT."""
    lang = context.lang
    st.header(t("accessibility_statement", lang), anchor=STATEMENT_ANCHOR, divider="gray")
    contact = os.environ.get(CONTACT_ENV, "").strip()
    contact_line = (t("statement_contact", lang, contact=escape_markdown(contact)) if contact
                    else t("statement_no_contact", lang))
    text = (STATEMENT_DIR / f"accessibility_{lang}.md").read_text("utf-8")
    st.markdown(text.replace("{contact}", contact_line))


def footer(context: PageContext) -> None:
    """The closing line of every page: source, the note on unofficial names, the accessibility statement."""
    st.divider()
    words = {name: escape_markdown(str(value)) for name, value in report_words(context.dataset, context.lang).items()}
    st.caption(t("footer", context.lang, **words))  # the report's title and publisher are data: escaped
    # Not inside the caption: a caption is drawn at 60 % opacity, which left the link at 2.96:1 on white.
    st.markdown(f"[{t('accessibility_statement', context.lang)}]({statement_link(context)})")


def show_data_error(error: DataValidationError, lang: str) -> None:
    """One clear page listing the validator's findings (file:row:column), instead of a traceback. Shown only
    when no version of the data ever passed; findings name files relative to data/ and quote nothing of a
    file outside it (the validator never reads one)."""
    st.title(t("data_error_title", lang))
    st.error(t("data_error_body", lang))
    st.code("\n".join(str(problem) for problem in error.problems), language=None, wrap_lines=True)
