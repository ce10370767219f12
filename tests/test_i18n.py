"""Interface strings exist in both languages; languages are read from links and browsers as readers expect."""

from __future__ import annotations

import string

import pytest

from lipu_data.i18n import LANGUAGES, STRINGS, language_from_locale, localized_names, normalize_language, pick, t


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


def test_localized_names_match_pick_row_by_row(dataset):
    """localized_names gives each id the name `pick` gives its row, in both languages (English falls back to
    Chinese where a name has no English)."""
    for table, id_column in ((dataset.schools, "school_id"), (dataset.programs, "program_id"), (dataset.levels, "level_id")):
        for lang in ("zh", "en"):
            expected = {row[id_column]: pick(row, "name", lang) for _, row in table.iterrows()}
            assert localized_names(table, id_column, lang) == expected
