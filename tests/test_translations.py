"""Paragraph translations: an English reader reads and searches the report; the Chinese stays the source."""

from __future__ import annotations

import pytest

from lipu_data import load_dataset, provenance, report_text
from lipu_data.i18n import t
from lipu_data.markdown import escape_markdown
from tests.apptest_helpers import open_page

DOUBLE_REDUCTION = "2023-s4-3-p1"


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


def shown_text(at) -> str:
    return "\n".join([element.value for element in at.markdown] + [element.value for element in at.get("text")])


def test_every_paragraph_has_a_translation(dataset):
    """Each paragraph of the report has a non-empty English translation (validation enforces it too)."""
    translations = report_text.paragraph_translations(dataset)
    assert all(translations.get(pid, "").strip() for pid in dataset.paragraphs["paragraph_id"])


@pytest.mark.parametrize("query", ["double reduction", "Double  Reduction", "双减", "five managements"])
def test_search_finds_the_double_reduction_paragraph(dataset, query):
    """Searching in English or Chinese finds the 双减 paragraph (text, translation or glossary)."""
    found = report_text.search_paragraphs(dataset.paragraphs, query, dataset.paragraph_translations, dataset.terms)
    assert DOUBLE_REDUCTION in set(found["paragraph_id"])


def test_search_through_the_glossary_only(dataset):
    """A term's English variant that no translation writes still finds the paragraphs using the term."""
    found = report_text.search_paragraphs(dataset.paragraphs, "person-time", None, dataset.terms)
    assert "2023-s4-4-p1" in set(found["paragraph_id"])
    assert report_text.search_paragraphs(dataset.paragraphs, "person-time").empty


def test_sources_search_in_english_finds_double_reduction(dataset):
    """/sources?lang=en&q=double reduction lists the 双减 paragraph, with its translation."""
    at = open_page("sources", lang="en", q="double reduction")
    shown = shown_text(at)
    assert f"¶{DOUBLE_REDUCTION}" in shown
    assert escape_markdown(report_text.paragraph_translations(dataset)[DOUBLE_REDUCTION]) in shown


def test_sources_in_english_shows_each_translation_under_its_paragraph(dataset):
    """In English the report text shows every body paragraph's translation, marked as unofficial."""
    at = open_page("sources", lang="en")
    shown = shown_text(at)
    translations = report_text.paragraph_translations(dataset)
    bodies = dataset.paragraphs[dataset.paragraphs["role"] == "body"]["paragraph_id"]
    assert all(escape_markdown(translations[pid]) in shown for pid in bodies)
    assert t("unofficial_translation", "en") in shown


def test_sources_in_chinese_shows_no_translation(dataset):
    """In Chinese the report text is the Chinese alone."""
    shown = shown_text(open_page("sources", lang="zh"))
    assert escape_markdown(report_text.paragraph_translations(dataset)[DOUBLE_REDUCTION]) not in shown


def test_selected_paragraph_shows_its_translation(dataset):
    """/sources?para=…&lang=en frames the paragraph with its translation."""
    at = open_page("sources", lang="en", para="2023-s4-4-p1")
    assert escape_markdown(report_text.paragraph_translations(dataset)["2023-s4-4-p1"]) in shown_text(at)


def test_explorer_source_sentences_are_translated(dataset):
    """The explorer's source sentences carry their translation in English."""
    at = open_page("explorer", lang="en", program="double_reduction")
    shown = shown_text(at)
    assert dataset.paragraphs.set_index("paragraph_id").loc[DOUBLE_REDUCTION, "text"] in shown
    assert escape_markdown(report_text.paragraph_translations(dataset)[DOUBLE_REDUCTION]) in shown


def test_section_page_source_paragraphs_are_translated(dataset):
    """A section page's source paragraphs, once opened, show the translation in English."""
    at = open_page("resources", lang="en", opened=("sources_resources",))
    assert escape_markdown(report_text.paragraph_translations(dataset)[DOUBLE_REDUCTION]) in shown_text(at)


# The glossary: on /sources, linkable, and where a term is used.

def test_glossary_link_opens_the_term(dataset):
    """/sources?term=shuangjian&lang=en opens the glossary with 双减 first, framed, and its definition."""
    at = open_page("sources", lang="en", term="shuangjian")
    row = dataset.terms.set_index("term_id").loc["shuangjian"]
    shown = shown_text(at)
    assert escape_markdown(row["definition_en"]) in shown
    assert at.success and at.success[0].value == t("selected_term", "en")
    assert not at.exception


def test_unknown_term_is_dropped_with_a_notice():
    """An unknown term id is ignored with the usual notice, and the report text opens."""
    at = open_page("sources", lang="en", term="no_such_term")
    assert any(info.value.startswith("The link's term=") for info in at.info)
    assert "term" not in at.query_params


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_card_tooltip_defines_the_terms_of_its_label(dataset, lang):
    """A 上线 figure's card tooltip carries the definition of 上线 in the reader's language, linked to the glossary."""
    facts = dataset.facts[dataset.facts["fact_id"] == "gaokao_tier1_admitted_2023"]
    card = provenance.figure_cards(facts, dataset.facts, lang, units=dataset.unit_formats, terms=dataset.terms)[0]
    definition = dataset.terms.set_index("term_id").loc["cut_off", f"definition_{lang}"]
    assert escape_markdown(definition) in card.source
    assert "sources?lang=" + lang + "&term=cut_off" in card.source


def test_explorer_programme_view_defines_its_terms(dataset):
    """The explorer's view of the 双减 programme defines 双减 and 五项管理."""
    at = open_page("explorer", lang="en", program="double_reduction")
    terms = dataset.terms.set_index("term_id")
    shown = shown_text(at)
    assert all(escape_markdown(terms.loc[term_id, "definition_en"]) in shown
               for term_id in ("shuangjian", "five_managements"))


def test_glossary_follows_the_search(dataset):
    """With a search (q), the glossary lists the terms matching it in either language: 'cut-off' finds 上线."""
    from tests.apptest_helpers import new_app

    at = new_app("sources", params={"lang": "en", "q": "cut-off"})
    at.session_state["sources_tabs_en"] = t("glossary", "en")
    at.run()
    shown = shown_text(at)
    terms = dataset.terms.set_index("term_id")
    assert escape_markdown(terms.loc["cut_off", "definition_en"]) in shown
    assert escape_markdown(terms.loc["shuangjian", "definition_en"]) not in shown


def test_search_glossary_matches_either_language(dataset):
    """The glossary search finds a term by its Chinese form, its English rendering or its definition."""
    entries = report_text.glossary(dataset.terms, "en")
    for query in ("双减", "double reduction", "off-campus tutoring"):
        assert "shuangjian" in {entry.term_id for entry in report_text.search_glossary(entries, dataset.terms, query)}
