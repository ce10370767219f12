"""Chart text fitting a phone: long titles and axis labels wrapped without losing a character, with
punctuation kept where it belongs; short ones left as they are."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lipu_data import chart_fit
from lipu_data.i18n import LANGUAGES, STRINGS


# Titles as they come: words, CJK characters, quotes and brackets of both scripts, spaces.
title_texts = st.text(alphabet=st.sampled_from(list("abcdefghij klmn,.()") + list("荔浦市教育学校“”（）：，、。")),
                      min_size=1, max_size=120)


@given(text=title_texts, width=st.sampled_from(chart_fit.TITLE_WRAP_WIDTHS))
def test_wrapped_title_keeps_every_character_and_fits_its_width(text, width):
    """A wrapped title says the same thing (only spaces at line ends go), each line fits the width unless it
    is one unbreakable word, and no line starts with closing punctuation or ends with opening punctuation."""
    lines = chart_fit.wrap_text(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for number, line in enumerate(lines):
        assert chart_fit.text_width(line) <= width or len(chart_fit._break_pieces(line)) == 1, line
        assert number == 0 or line[0] not in chart_fit._CLOSING, lines
        assert number == len(lines) - 1 or line[-1] not in chart_fit._OPENING, lines


def test_wrapped_title_lines_are_even_not_a_lone_last_word():
    """A title a little too long for the width breaks into two lines of similar length, not a full line and
    an orphan."""
    lines = chart_fit.wrap_text("Equipment purchase spending per year, average of the last three years", 600)
    assert lines == ["Equipment purchase spending per year,", "average of the last three years"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_title_choices_fit_the_container_widths_they_are_drawn_at(lang):
    """For every interface string long enough to wrap: the whole title is drawn only where it fits, every
    wrapping fits the narrowest container it is drawn in, and narrower containers get more lines."""
    long_texts = [texts[lang] for texts in STRINGS.values()
                  if chart_fit.text_width(texts[lang]) > chart_fit.TITLE_WRAP_WIDTHS[-1]]
    assert long_texts
    for text in long_texts:
        choices = chart_fit.title_choices(text)
        assert choices[0] == (chart_fit.text_width(text) + chart_fit.TITLE_PADDING, text)
        least_widths = [least for least, _ in choices]
        assert least_widths == sorted(least_widths, reverse=True) and len(set(least_widths)) == len(choices)
        for least, lines in choices[1:]:
            assert all(chart_fit.text_width(line) <= least - chart_fit.TITLE_PADDING
                       or len(chart_fit._break_pieces(line)) == 1 for line in lines), (text, least, lines)
        line_counts = [len(lines) for _, lines in choices[1:]]
        assert line_counts == sorted(line_counts) and line_counts[0] >= 2


def test_short_title_stays_plain_text():
    """A title that fits a phone is the plain title in the spec."""
    assert chart_fit.fitted_title("Honours and designations") == "Honours and designations"


def test_wrapped_labels_draw_long_labels_on_lines_that_fit():
    """An axis label expression gives each label too wide for the width its own lines, each within the width,
    and leaves a label that fits as it is."""
    long_labels = ["Gaokao candidates above the first-tier cut-off",
                   "Gaokao candidates above the second-tier cut-off or higher"]
    expression = chart_fit.wrapped_labels([*long_labels, "高考一本上线人数"], 140)
    for label in long_labels:
        lines = chart_fit.wrap_text(label, 140, chart_fit.LABEL_TEXT)
        assert len(lines) > 1 and all(chart_fit.text_width(line, chart_fit.LABEL_TEXT) <= 140 for line in lines)
        assert f"datum.label == {json.dumps(label)} ? {json.dumps(lines)}" in expression
    assert "高考一本上线人数" not in expression and expression.endswith(": datum.label")


def test_vega_expressions_never_carry_raw_line_separators():
    """A label or title holding U+2028/U+2029 (which end a Vega expression) is written escaped, so the chart draws."""
    label = "Tier-one admissions of the gaokao\u2028in the county\u2029 and beyond " * 3
    expression = chart_fit.wrapped_labels([label], 120) + str(chart_fit.fitted_title(label).to_dict())
    assert "\u2028" not in expression and "\u2029" not in expression
    assert "\\u2028" in expression
