"""Markdown: data text shown through st.markdown is escaped, and quotes are marked without opening any markup."""

from __future__ import annotations

import re

import pytest

from lipu_data.markdown import escape_markdown, mark_quotes


UNESCAPED = re.compile(r"(?<!\\)[*_`<>\[\]:$]")


@pytest.mark.parametrize("text", ["**x**", "<script>alert(1)</script>", ":red[x]", "$x$", "_x_", "`x`",
                                  "[a](https://example.org)", "# x", "<b>x</b>"])
def test_escape_markdown_neutralizes_syntax(text):
    """Markdown emphasis, HTML, colour directives, LaTeX, links and headings are all backslash-escaped."""
    escaped = escape_markdown(text)
    assert not UNESCAPED.search(escaped), escaped
    assert escaped.replace("\\", "") == text.replace("\\", "")


def test_escape_markdown_leaves_plain_chinese_alone():
    """Text without markdown syntax is unchanged (Chinese punctuation is not special)."""
    assert escape_markdown("荔浦市教育局，2023年") == "荔浦市教育局，2023年"


def test_mark_quotes_highlights_a_quote():
    """A quote found in the text is wrapped, in bold, in a blue-background directive, exactly once."""
    marked = mark_quotes("甲乙丙丁", ["乙丙"])
    assert marked == "甲:blue-background[**乙丙**]丁"


def test_mark_quotes_escapes_the_rest():
    """Text outside and inside the quote is escaped, so only the directive is markdown."""
    marked = mark_quotes("<b>x</b> 500多篇 **y**", ["500多篇"])
    assert marked == r"\<b\>x\</b\> :blue-background[**500多篇**] \*\*y\*\*"
    assert marked.count(":blue-background[") == 1


def test_mark_quotes_ignores_missing_and_overlapping_quotes():
    """Quotes not in the text are skipped; a quote inside a longer highlighted one is not marked twice."""
    marked = mark_quotes("一本上线468人，比2022年多111人", ["一本上线468人", "468人", "不存在"])
    assert marked.count(":blue-background[") == 1
    assert ":blue-background[**一本上线468人**]" in marked
