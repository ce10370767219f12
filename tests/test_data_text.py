"""Any text in the data stays text: the validator rejects what cannot be shown safely (with its place), and every
other string renders every page, escaped in markdown so it shows literally (Hypothesis)."""

from __future__ import annotations

import csv
import shutil
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from lipu_data import app_frame, validate_data_dir
from lipu_data.validate import unsafe_character
from lipu_data.views import code_span, escape_markdown
from tests.apptest_helpers import PAGE_KEYS, iter_elements, new_app

# Characters a validated text may hold (see lipu_data.validate.unsafe_character); the test also draws any text.
SAFE_TEXT = st.text(st.characters(exclude_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")),
                    min_size=1, max_size=40).map(str.strip).filter(bool)
ANY_TEXT = st.text(max_size=40)
NASTY = ["[x](https://evil.example)", "# Heading", "- item", "1. item", "| a | b |\n|---|---|", "&lt;b&gt;x&amp;",
         "<script>alert(1)</script>", ":red[x] :material/home:", "$x^2$", "`code` ``x``", "**bold** _it_ ~~s~~",
         "a\\", "> quote", "www.example.com a@b.cn", "x\u2028y", "tab\there", "    indented", "名称 😀 ≠ ∑"]


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def rendered_text(markdown: str) -> str:
    """The text a CommonMark (+ tables, strikethrough) renderer shows for `markdown`."""
    parser = _Text()
    parser.feed(MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown))
    return "".join(parser.parts).strip("\n")


def _with_nasty_examples(test):
    for text in NASTY:
        if not unsafe_character(text) and text == text.strip():
            test = example(text=text)(test)
    return test


@settings(max_examples=300, deadline=None, database=None)
@given(text=SAFE_TEXT)
@_with_nasty_examples
def test_escaped_text_renders_literally(text):
    """escape_markdown of any text the validator accepts renders as exactly that text: no link, heading, list,
    table, emphasis, entity or HTML."""
    assert rendered_text(escape_markdown(text)) == text


@pytest.mark.parametrize("text", ["a`b", "``", "`x`", "a```b", "# x"])
def test_code_span_holds_any_backticks(text):
    """A code span shows its text whatever backticks it holds (a formula cannot close it early)."""
    parser = _Text()
    parser.feed(MarkdownIt("commonmark").render(f"{code_span(text)} after"))
    assert "".join(parser.parts).strip() == f"{text} after".strip()


# Every page with arbitrary text in the data.

EDITS = (  # (table, key column, key, column): a fact label, a school name, an event title, a note, the report title
    ("facts", "fact_id", "gaokao_tier1_admitted_2023", "label_en"),
    ("schools", "school_id", "binjiang_primary", "name_en"),
    ("events", "event_id", None, "title_en"),
    ("notes", "note_id", None, "text_en"),
    ("reports", "year", "2023", "title_en"),
)


def write_text(data: Path, value: str) -> list[tuple[str, int, str]]:
    """Put `value` into each edited cell; returns (file, line, column) of each."""
    places = []
    for table, key_column, key, column in EDITS:
        path = data / f"{table}.csv"
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        header = rows[0]
        line = next(number for number, row in enumerate(rows[1:], start=2)
                    if key is None or row[header.index(key_column)] == key)
        rows[line - 1][header.index(column)] = value
        with open(path, "w", encoding="utf-8", newline="") as handle:
            # Every cell quoted: with "\n" line ends, csv leaves a bare "\r" in a cell unquoted, and a reader
            # then splits the row there (the edit would land outside its cell).
            csv.writer(handle, lineterminator="\n", quoting=csv.QUOTE_ALL).writerows(rows)
        places.append((f"{table}.csv", line, column))
    return places


def markdown_and_text(at) -> tuple[list[str], str]:
    """The markdown strings of a page (bodies, labels, help) and everything it shows verbatim."""
    strings, verbatim = [], []
    for element in iter_elements(at):
        proto = element.proto
        for name in ("body", "label", "help"):
            value = getattr(proto, name, None)
            if isinstance(value, str):
                strings.append(value)
    verbatim += [element.value for element in at.text] + [element.value for element in at.code]
    for frame in (element.value for element in at.dataframe):
        verbatim.extend(str(value) for value in frame.to_numpy().ravel())
    return strings, "\n".join(verbatim)


@pytest.fixture(scope="module")
def base_copy(tmp_path_factory, data_dir) -> Path:
    copy = tmp_path_factory.mktemp("text") / "data"
    shutil.copytree(data_dir, copy)
    return copy


def render_every_page(data: Path) -> tuple[list[str], str]:
    """Every page in English on `data` (the explorer on the edited school): markdown strings and verbatim text."""
    shown_markdown, shown_verbatim = [], []
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(app_frame.DATA_DIR_ENV, str(data))
        for key in PAGE_KEYS:
            params = {"lang": "en", **({"school": "binjiang_primary"} if key == "explorer" else {})}
            at = new_app(key, params=params)
            at.run()
            assert not at.exception, (key, [e.value for e in at.exception])
            strings, verbatim = markdown_and_text(at)
            shown_markdown += strings
            shown_verbatim.append(verbatim)
    return shown_markdown, "\n".join(shown_verbatim)


@pytest.fixture(scope="module")
def baseline_markdown(base_copy) -> str:
    """The markdown of every page on the unedited data: a value already found there cannot be traced."""
    return "\n".join(render_every_page(base_copy)[0])


def test_any_text_in_the_data_is_rejected_or_renders_every_page(base_copy, baseline_markdown):
    """Any Unicode string as a fact label, school name, event title, note and report title: either validation
    names each edited cell (file:row:column), or every page runs without exception and shows the string
    literally (escaped in markdown, or verbatim in text and tables)."""

    # No shrink phase: each example runs every page.
    @settings(max_examples=12, deadline=None, database=None, phases=(Phase.explicit, Phase.generate),
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(value=st.one_of(SAFE_TEXT, ANY_TEXT))
    @example(value=NASTY[0])
    @example(value="x\u2028y")
    @example(value="| a | b | &amp; # x")
    @example(value="]")
    def check(value):
        data = Path(tempfile.mkdtemp(prefix="text-")) / "data"
        try:
            shutil.copytree(base_copy, data)
            places = write_text(data, value)
            problems = validate_data_dir(data)
            if problems:
                # Rejected for its characters, its spaces, its emptiness, or (the terminology rule) because the
                # English label no longer renders a term its Chinese label uses: all at the edited cells.
                assert (unsafe_character(value) or value != value.strip() or not value
                        or all("uses the term" in p.message for p in problems)), problems
                assert {(p.file, p.row, p.column) for p in problems} <= set(places), [str(p) for p in problems]
                return
            shown_markdown, shown_verbatim = render_every_page(data)
            escaped = escape_markdown(value)
            assert any(escaped in text for text in shown_markdown) or value in shown_verbatim
            # Wherever the value reaches markdown it is escaped: never there raw (unless raw equals escaped, or the
            # pages' own markdown holds it anyway, as with "]").
            if escaped != value and value not in baseline_markdown:
                raw = [text for text in shown_markdown if value in text and escaped not in text]
                assert not raw, raw[:3]
        finally:
            shutil.rmtree(data.parent, ignore_errors=True)

    check()
