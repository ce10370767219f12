"""How chart text fits the width a reader's screen gives the chart: long titles wrapped, labels and legends
limited, as Vega expressions on the chart container's width (a phone's is about 360 px, a desktop's 800)."""

from __future__ import annotations

import json
import unicodedata
from typing import NamedTuple

import altair as alt

from lipu_data.theme import FONT_SIZE, TITLE_SIZE

# The chart container's width in Vega's expressions (0 where there is none, as in an exported image).
CONTAINER_WIDTH = "containerSize()[0]"
# Title widths (px) a long title is wrapped for, widest first; the narrowest fits a 320 px phone's chart.
TITLE_WRAP_WIDTHS = (600, 450, 340, 260)
# What a title loses to the chart's left and right padding.
TITLE_PADDING = 17
# Closing punctuation never starts a line; opening punctuation never ends one.
_CLOSING = set("）)］]》」』”’，,。.、：:；;！!？?%％")
_OPENING = set("（(［[《「『“‘")


class TextSize(NamedTuple):
    """How wide a font's glyphs are drawn, estimated on the generous side: a CJK glyph (and an ambiguous-width
    one such as the quotes “”, which the CJK fonts draw full width) is one em; a Latin one at most `latin`."""
    em: float
    latin: float


# The bold title font (a Latin letter measured about 8.6 px) and the regular axis-label font.
TITLE_TEXT = TextSize(TITLE_SIZE, 9)
LABEL_TEXT = TextSize(FONT_SIZE, 7.5)


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def text_width(text: str, size: TextSize = TITLE_TEXT) -> float:
    """`text`'s drawn width in px, estimated on the generous side (see `TextSize`)."""
    return sum(size.em if unicodedata.east_asian_width(char) in "WFA" else size.latin for char in text)


def _break_pieces(text: str) -> list[str]:
    """The places a text may break: each word with the spaces after it, each CJK character alone (CJK text
    breaks between any two characters), with punctuation glued to the text it belongs to."""
    pieces: list[str] = []
    for char in text:
        previous = pieces[-1][-1] if pieces else None
        if previous is not None and (char in _CLOSING or previous in _OPENING):
            glued = True
        elif previous is None or _is_wide(char) or _is_wide(previous):
            glued = False
        else:  # Latin: spaces end a word, the next word starts after them.
            glued = char.isspace() or not previous.isspace()
        if glued:
            pieces[-1] += char
        else:
            pieces.append(char)
    return pieces


def _fill_lines(pieces: list[str], width: float, size: TextSize) -> list[str]:
    lines = [""]
    for piece in pieces:
        if lines[-1] and text_width((lines[-1] + piece).rstrip(), size) > width:
            lines.append("")
        lines[-1] += piece
    return [line.strip() for line in lines if line.strip()]


def wrap_text(text: str, width: float, size: TextSize = TITLE_TEXT) -> list[str]:
    """`text` broken into lines no wider than `width` px (by `text_width`), as few as fit and of even
    length, so no line is a lone word left over ("years"). A single word wider than `width` keeps a line
    of its own."""
    pieces = _break_pieces(text)
    lines = _fill_lines(pieces, width, size)
    # The narrowest width that still needs no more lines gives the most even ones.
    while width > 10 and len(narrower := _fill_lines(pieces, width - 10, size)) == len(lines):
        lines, width = narrower, width - 10
    return lines


def title_choices(text: str) -> list[tuple[float, str | list[str]]]:
    """What to draw for a long title, widest first: (the least container width it needs, the whole title
    or its lines for one of `TITLE_WRAP_WIDTHS`); the last choice is drawn in any narrower container. A
    wrapping that the next narrower width repeats is left to that width."""
    choices: list[tuple[float, str | list[str]]] = [(text_width(text) + TITLE_PADDING, text)]
    for width in TITLE_WRAP_WIDTHS:
        if width + TITLE_PADDING < choices[0][0]:
            lines = wrap_text(text, width)
            if choices[-1][1] == lines:
                choices.pop()
            choices.append((width + TITLE_PADDING, lines))
    return choices


def expression_literal(value: str | list[str]) -> str:
    """A string or list as a Vega expression literal. JSON is nearly that, but leaves U+2028 and U+2029 raw,
    which end a line for Vega's expression parser (validation rejects them in data; this holds anyway)."""
    return json.dumps(value, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def fitted_title(text: str) -> str | alt.Title:
    """The chart title, wrapped onto as many lines as the chart's width needs (Vega cuts a title that is
    too long with an ellipsis, and does not wrap it). A title that fits a phone stays a plain string; a
    longer one becomes an expression choosing among `title_choices` by the container's width."""
    if text_width(text) <= TITLE_WRAP_WIDTHS[-1]:
        return text
    choices = title_choices(text)
    drawn = [expression_literal(lines) for _, lines in choices]
    # No container (an exported image): the whole title.
    tests = [f"{CONTAINER_WIDTH} <= 0 || {CONTAINER_WIDTH} >= {choices[0][0]}"]
    tests += [f"{CONTAINER_WIDTH} >= {least_width}" for least_width, _ in choices[1:-1]]
    expression = "".join(f"{test} ? {lines} : " for test, lines in zip(tests, drawn)) + drawn[-1]
    return alt.Title(text=alt.ExprRef(expression))


def wrapped_labels(labels: list[str], width: float) -> str:
    """An axis `labelExpr` drawing each of `labels` wrapped onto lines of at most `width` px (axis labels
    under side-by-side groups of bars, which the axis would otherwise cut to the same ellipsis: "Gaokao
    candidates abo…" twice)."""
    expression = "datum.label"
    for label in reversed(labels):
        lines = wrap_text(label, width, LABEL_TEXT)
        if len(lines) > 1:
            expression = f"datum.label == {expression_literal(label)} ? {expression_literal(lines)} : {expression}"
    return expression


def label_room(share: float, most: int) -> alt.ExprRef:
    """Room for axis labels: `share` of the chart's width, at most `most` px (`most` without a container), so
    labels beside a bar leave the bars most of a phone's width."""
    return alt.ExprRef(f"{CONTAINER_WIDTH} > 10 ? min({most}, {CONTAINER_WIDTH} * {share}) : {most}")


def legend(beside_axis_labels: bool = False) -> alt.Legend:
    """A legend below the chart: its entries in one row where the chart is wide, one under another where it
    is narrower than 600 px (a row of long names ran off a phone's screen). Each name may be as wide as the
    room right of the legend's symbol; the legend starts where the plot does, so with axis labels beside
    the bars (`beside_axis_labels`, at most 40 % of the width) it has that much less room."""
    room = f"{CONTAINER_WIDTH} * 0.6 - 70" if beside_axis_labels else f"{CONTAINER_WIDTH} - 50"
    return alt.Legend(orient="bottom",
                      columns=alt.ExprRef(f"{CONTAINER_WIDTH} > 0 && {CONTAINER_WIDTH} < 600 ? 1 : 0"),
                      labelLimit=alt.ExprRef(f"{CONTAINER_WIDTH} > 0 ? max(60, {room}) : 160"))


# How wide a bar's label may be: the chart container's width less 10 px (a label starts after the 5 px left
# padding and stops 5 px short of the right edge), or the plot's width where there is no container to measure.
BAR_LABEL_ROOM = f"{CONTAINER_WIDTH} > 10 ? {CONTAINER_WIDTH} - 10 : width"


def scaled_for_text(spec: dict, factor: float) -> dict:
    """A copy of a chart's Vega-Lite spec for text `factor` times the theme's size (the reader's text size):
    every font size multiplied, and in title expressions the container width divided by `factor`, so a long
    title wraps for the larger text as it would in a narrower chart (`fitted_title` estimates its width at the
    theme's size). Label and legend room stays in pixels of the real width. The data is left as it is;
    `factor` 1 returns `spec` itself."""
    if factor == 1:
        return spec
    narrower = f"({CONTAINER_WIDTH} / {factor:g})"

    def scale(node, key: str = "", in_title: bool = False):
        if isinstance(node, dict):
            return {name: value if name == "datasets" else scale(value, name, in_title or name == "title")
                    for name, value in node.items()}
        if isinstance(node, list):
            return [scale(item, key, in_title) for item in node]
        if isinstance(node, (int, float)) and not isinstance(node, bool) and key.lower().endswith("fontsize"):
            return node * factor
        if in_title and isinstance(node, str) and CONTAINER_WIDTH in node:
            return node.replace(CONTAINER_WIDTH, narrower)
        return node

    return scale(spec)
