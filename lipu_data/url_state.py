"""The address as a view's state (streamlit): ids and search text read from the URL, checked, and kept in sync with widgets.

Filters keep ids in the URL (`school`, `program`, `level`), never display names, so a link made in Chinese opens
the same view in English. We sync through st.query_params ourselves rather than `bind="query-params"`, which
would write the formatted label into the address. An unknown value is dropped with a short notice, never an
exception; `checked_id` is the one place that decides.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Container, Mapping
from urllib.parse import urlencode

import streamlit as st

from lipu_data.i18n import t
from lipu_data.markdown import escape_markdown
from lipu_data.search import MAX_QUERY

if TYPE_CHECKING:
    from lipu_data.app_frame import PageContext

ALL = ""  # a filter's "all": a None value would show Streamlit's empty placeholder instead of "All"


def query_value(param: str) -> str | None:
    """The last value of a query parameter (a repeated parameter keeps its last value)."""
    values = st.query_params.get_all(param)
    return values[-1] if values else None


def notice_value(value: str, limit: int = 40) -> str:
    """A URL value for a notice: cut to a readable length and escaped, so it shows as typed (a link
    could carry markdown or HTML meant to be rendered)."""
    return escape_markdown(value if len(value) <= limit else value[:limit] + "…")


def checked_id(param: str, valid_ids: Container[str], lang: str, notices: list[str], *,
               resolve: Callable[[str], list[str]] | None = None,
               names: Callable[[], Mapping[str, str]] | None = None, url_path: str = "") -> str | None:
    """The id the URL gives as `param`, if it is one of `valid_ids`. Otherwise a name that `resolve` maps to one id
    is replaced by that id in the address; a name meaning several is dropped with a notice linking each (named
    by `names()`, on the page at `url_path`); anything else is dropped with a short notice."""
    raw = query_value(param)
    if raw is None or raw in valid_ids:
        return raw
    matches = resolve(raw) if resolve is not None else []
    if len(matches) == 1:
        st.query_params[param] = matches[0]  # the link's name becomes the id the address keeps
        return matches[0]
    del st.query_params[param]
    if matches:
        shown = names() if names is not None else {}
        choices = "、".join(f"[{escape_markdown(shown.get(match, match))}]"
                           f"({url_path or '.'}?{urlencode({'lang': lang, param: match})})" for match in matches)
        notices.append(t("ambiguous_name", lang, value=notice_value(raw), choices=choices))
    else:
        notices.append(t("unknown_param", lang, param=param, value=notice_value(raw)))
    return None


def url_choice(context: PageContext, param: str, valid_ids: Container[str]) -> str | None:
    """The id a URL asks for, if it is a known id (a repeated parameter is reduced to the value used); anything
    else is dropped with a short notice on the page."""
    chosen = checked_id(param, valid_ids, context.lang, context.notices)
    if chosen is not None and st.query_params.get_all(param) != [chosen]:
        st.query_params[param] = chosen
    return chosen


def filter_key(param: str) -> str:
    """The session-state key of a filter's widget."""
    return f"filter_{param}"


def url_filter(context: PageContext, param: str, valid_ids: Container[str]) -> str | None:
    """The id a filter's URL parameter holds (see `url_choice`), written into the filter widget's state when the
    URL changed; returns it. Call it before the widget is drawn, with `push_filter` as its on_change."""
    key = filter_key(param)
    wanted = url_choice(context, param, valid_ids)
    # The URL is the view: when it changed (a link was opened, a page switch dropped it), it wins. After a
    # language switch the value is set again too: otherwise the browser keeps showing (and later sends
    # back) the old language's label, which no option matches, and the filter silently resets to "all".
    if (st.session_state.get(f"_url_{param}", "unset") != wanted or key not in st.session_state
            or st.session_state.get(f"_lang_{param}") != context.lang):
        st.session_state[key] = wanted or ALL
        st.session_state[f"_url_{param}"] = wanted
        st.session_state[f"_lang_{param}"] = context.lang
    return wanted


def push_filter(param: str) -> None:
    """Filter widget callback: write the chosen id to the URL (or drop the parameter for 'all')."""
    value = st.session_state.get(filter_key(param)) or None
    st.session_state[f"_url_{param}"] = value
    if value is None:
        if param in st.query_params:
            del st.query_params[param]
    else:
        st.query_params[param] = value


def clear_filters(params: tuple[str, ...]) -> None:
    """Button callback: every filter back to "all", in the widgets and in the address."""
    for param in params:
        st.session_state[filter_key(param)] = ALL
        st.session_state[f"_url_{param}"] = None
        if param in st.query_params:
            del st.query_params[param]


def _one_line(text: str | None, max_chars: int) -> str:
    """Text as a search box keeps it: one line, at most `max_chars` characters (a link cannot fill the page)."""
    return " ".join((text or "").split())[:max_chars]


def push_text(param: str, max_chars: int) -> None:
    """Text box callback: the URL's parameter follows what was typed (dropped when cleared)."""
    value = _one_line(st.session_state.get(param), max_chars)
    st.session_state[f"_url_{param}"] = value or None
    if value:
        st.query_params[param] = value
    elif param in st.query_params:
        del st.query_params[param]


def url_text(param: str, max_chars: int = MAX_QUERY) -> str | None:
    """The URL is the view: the text a link gives as `param` (one line, at most `max_chars`; the address is
    rewritten to it) goes into the box's state when the link changed; returns it. Call it before anything on
    the page reads the box's state."""
    url_value = query_value(param)
    if url_value is not None:
        url_value = _one_line(url_value, max_chars) or None
        if st.query_params.get_all(param) != ([url_value] if url_value else []):
            if url_value:
                st.query_params[param] = url_value
            else:
                del st.query_params[param]
    if st.session_state.get(f"_url_{param}", "unset") != url_value or param not in st.session_state:
        st.session_state[param] = url_value or ""
        st.session_state[f"_url_{param}"] = url_value
    return url_value


def url_text_input(param: str, *, label: str, help: str | None = None, max_chars: int = MAX_QUERY) -> str:
    """A search box kept in the URL as `param` (see `url_text`); returns what it holds."""
    url_text(param, max_chars)
    return st.text_input(label, key=param, on_change=push_text, args=(param, max_chars), help=help,
                         max_chars=max_chars, icon=":material/search:")
