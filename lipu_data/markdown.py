"""Data text as markdown that shows as written: escaping, code spans, quotes marked, the timeline list (no streamlit)."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pandas as pd


def timeline_markdown(timeline: pd.DataFrame, lang: str) -> str:
    """The timeline as a markdown list in date order: date, event, and a link to its paragraph (escaped).

    The overview shows this list at load and keeps the timeline chart one click away: a list is one
    element, a chart pulls in the whole Vega bundle (bench/findings.md).
    """
    lines = []
    for row in timeline.sort_values("date_sort", kind="stable").itertuples():
        link = f"sources?{urlencode({'lang': lang, 'para': row.paragraph_id})}"
        lines.append(f"- **{escape_markdown(row.date_full)}** · {escape_markdown(row.title)} · "
                     f"[¶{escape_markdown(row.paragraph_id)}]({link})")
    return "\n".join(lines)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$&])")


# Line breaks and other controls: in markdown a line break can start a heading, a list or a table row.
_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def escape_markdown(text: str) -> str:
    """Text shown through st.markdown as itself: markdown, directives, LaTeX, HTML and entities (`&amp;`)
    are escaped, and line breaks become spaces (the text stays one line: no heading, list or table)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _BREAKS.sub(" ", str(text)))


def code_span(text: str) -> str:
    """`text` as inline code whatever it holds: a fence longer than its longest run of backticks, no line
    breaks (a backtick in the text cannot close the span early)."""
    text = _BREAKS.sub(" ", str(text))
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def mark_quotes(text: str, quotes: list[str]) -> str:
    """Escaped markdown of `text` with each quote that occurs in it highlighted (figures marked): on blue and in
    bold, so the mark does not rest on colour alone (WCAG 1.4.1)."""
    spans: list[tuple[int, int]] = []
    for quote in sorted({q for q in quotes if q}, key=len, reverse=True):
        start = text.find(quote)
        if start >= 0 and not any(s < start + len(quote) and start < e for s, e in spans):
            spans.append((start, start + len(quote)))
    pieces, cursor = [], 0
    for start, end in sorted(spans):
        pieces.append(escape_markdown(text[cursor:start]))
        pieces.append(f":blue-background[**{escape_markdown(text[start:end])}**]")
        cursor = end
    pieces.append(escape_markdown(text[cursor:]))
    return "".join(pieces)
