"""Interface strings exist in both languages; figures, dates and languages are written as readers expect."""

from __future__ import annotations

import string

import pytest

from lipu_data.i18n import (
    LANGUAGES,
    STRINGS,
    format_date,
    format_period,
    format_value,
    language_from_locale,
    normalize_language,
    pick,
    t,
)


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_every_string_has_both_languages(key):
    """Each interface string has a non-empty Chinese and English text, and no other language."""
    entry = STRINGS[key]
    assert set(entry) == set(LANGUAGES)
    assert all(entry[lang].strip() for lang in LANGUAGES)


def test_both_languages_use_the_same_placeholders():
    """A string's {placeholders} are the same in zh and en, so t(..., **values) works in either language."""
    mismatched = [key for key, entry in STRINGS.items() if placeholders(entry["zh"]) != placeholders(entry["en"])]
    assert not mismatched


def test_every_page_has_title_and_summary():
    """Each page of the sitemap has a localized name and summary (the frame looks them up by key)."""
    from lipu_data.sitemap import PAGES

    missing = [f"{prefix}_{page.key}" for page in PAGES for prefix in ("page", "summary")
               if f"{prefix}_{page.key}" not in STRINGS]
    assert not missing


def test_t_formats_values():
    """t() fills placeholders."""
    assert t("selected", "en", label="X") == "Selected: X"
    assert t("selected", "zh", label="X") == "已选：X"


def test_t_raises_on_missing_key():
    """An unknown key fails loudly rather than showing nothing."""
    with pytest.raises(KeyError):
        t("no_such_key", "en")


@pytest.mark.parametrize(("args", "expected"), [
    ((2232.08, "wan_yuan", "zh"), "2232.08 万元"),
    ((2232.08, "wan_yuan", "en"), "22,320,800 yuan"),
    ((75.64, "percent", "zh"), "75.64%"),
    ((75.64, "percent", "en"), "75.64%"),
    ((1666.71325, "wan_yuan", "zh"), "1666.71325 万元"),
    ((1666.71325, "wan_yuan", "en"), "16,667,132.50 yuan"),
    ((358.42875, "wan_yuan", "en"), "3,584,287.50 yuan"),
    ((26145, "person_times", "en"), "26,145 person-times"),
    ((26145, "person_times", "zh"), "26145 人次"),
    ((1, "rank", "zh"), "第1名"),
    ((637.49, "yuan", "en"), "637.49 yuan"),
    ((9341.8, "yuan", "zh"), "9341.80 元"),
    ((9341.8, "yuan", "en"), "9,341.80 yuan"),
])
def test_format_value_examples(args, expected):
    """Figures read as the report writes them, with exact precision and the right unit per language."""
    assert format_value(*args) == expected


@pytest.mark.parametrize("lang", LANGUAGES)
def test_estimate_starts_with_approx(lang):
    """An estimate is marked with ≈ before the number."""
    assert format_value(2159, "people", lang, "estimate").replace(",", "").startswith("≈2159")


@pytest.mark.parametrize(("args", "expected"), [
    ((150, "people", "zh", "at_least"), "150多人"),
    ((500, "count", "zh", "at_least"), "500多"),
    ((200000, "views", "zh", "at_least"), "超20万次"),
    ((100, "wan_yuan", "zh", "at_least"), "100多万元"),
])
def test_lower_bounds_in_chinese_as_the_report_writes_them(args, expected):
    """Chinese lower bounds read as in the report: 150多人, 超20万 (never '150+' or an exact 200000)."""
    assert format_value(*args) == expected


@pytest.mark.parametrize(("args", "expected"), [
    ((150, "people", "en", "at_least"), "more than 150"),
    ((500, "count", "en", "at_least"), "more than 500"),
    ((200000, "views", "en", "at_least"), "over 200,000 views"),
    ((20, "percent", "en", "at_least"), "more than 20%"),
])
def test_lower_bounds_in_english_read_naturally(args, expected):
    """English lower bounds read 'more than 150', 'over 200,000'."""
    assert format_value(*args) == expected


@pytest.mark.parametrize(("number", "expected"), [(1, "1st"), (2, "2nd"), (3, "3rd"), (11, "11th"), (12, "12th"),
                                                  (13, "13th"), (21, "21st"), (27, "27th"), (37, "37th"), (112, "112th")])
def test_ranks_in_english_are_ordinals(number, expected):
    """An English rank is an ordinal (27th), never 'No. 27'."""
    assert format_value(number, "rank", "en") == expected


def test_every_fact_keeps_its_written_digits():
    """Every figure as shown in Chinese carries every digit written in facts.csv (9341.80 keeps its 0; a lower
    bound of whole ten-thousands is written in 万)."""
    import csv

    from lipu_data.model import DEFAULT_DATA_DIR

    with open(DEFAULT_DATA_DIR / "facts.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if not row["value"]:
                continue
            shown = format_value(float(row["value"]), row["unit"], "zh", row["qualifier"], row["period"])
            written = row["value"]
            if row["qualifier"] == "at_least" and float(written) >= 10000:
                written = str(int(float(written)) // 10000)
            assert written in shown, (row["fact_id"], shown)


def test_english_money_is_exact_in_yuan():
    """An amount in 万元 reads in yuan in English with every digit kept: 1666.71325 万元 = 16,667,132.50 yuan."""
    for wan, yuan in ((1666.71325, "16,667,132.50"), (3086.53, "30,865,300"), (1308.2845, "13,082,845")):
        assert format_value(wan, "wan_yuan", "en") == f"{yuan} yuan"


@pytest.mark.parametrize("value", [1666.71325, 358.42875, 0.1, 3086.53])
def test_format_value_keeps_every_written_digit(value):
    """No float noise and no rounding: the written digits come back unchanged."""
    assert format_value(value, "count", "zh") == repr(value)


def test_missing_value_is_a_dash():
    """A missing number shows as a dash, not 'nan'."""
    assert format_value(float("nan"), "count", "en") == "—"


@pytest.mark.parametrize(("period", "lang", "expected"), [
    ("2023-11-21", "zh", "2023年11月21日"),
    ("2023-11-21", "en", "21 Nov 2023"),
    ("2023-11", "zh", "2023年11月"),
    ("2023-11", "en", "Nov 2023"),
    ("2023", "zh", "2023年"),
    ("2023", "en", "2023"),
])
def test_format_date(period, lang, expected):
    """Dates keep the report's precision (day, month or year) in each language's style."""
    assert format_date(period, lang) == expected


def test_date_facts_format_their_period():
    """A date-unit fact shows its period as a date."""
    assert format_value(None, "date", "zh", period="2023-11-21") == "2023年11月21日"
    assert format_value(None, "date", "en", period="2023-11-21") == "21 Nov 2023"


@pytest.mark.parametrize(("lang", "expected"), [("zh", "2021—2023年"), ("en", "2021–2023")])
def test_format_period_span(lang, expected):
    """A span YYYY/YYYY is written as a range."""
    assert format_period("2021/2023", lang) == expected


@pytest.mark.parametrize(("locale", "expected"), [
    ("en-US", "en"), ("en", "en"), ("EN_gb", "en"), ("zh-CN", "zh"), ("zh-Hant-TW", "zh"),
    ("fr-FR", "zh"), ("", "zh"), (None, "zh"),
])
def test_language_from_locale(locale, expected):
    """English locales give English; everything else (or nothing) gives Chinese."""
    assert language_from_locale(locale) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("en", "en"), (" ZH ", "zh"), ("en-US", "en"), ("xx", None), ("", None), (None, None), (["en"], None),
    ("e\x00n", None),
])
def test_normalize_language(value, expected):
    """Only zh/en (any case, region ignored) are languages; anything else is None."""
    assert normalize_language(value) == expected


def test_pick_falls_back_to_other_language():
    """pick() returns the other language's text when the asked one is empty or missing."""
    assert pick({"name_zh": "职教中心", "name_en": ""}, "name", "en") == "职教中心"
    assert pick({"name_zh": "职教中心", "name_en": float("nan")}, "name", "en") == "职教中心"
    assert pick({"name_zh": "职教中心", "name_en": "Centre"}, "name", "en") == "Centre"
