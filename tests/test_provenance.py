"""Provenance: a figure card says its change over the previous period in the report's terms, and its tooltip
gives the figure's whole name and its source sentence or formula."""

from __future__ import annotations

from lipu_data import provenance
from lipu_data.i18n import t
from lipu_data.markdown import escape_markdown


def test_figure_card_shows_change_over_previous_period(facts, units):
    """The 2023 first-tier gaokao card says +111 against the implied 2022 baseline, and cites its paragraph."""
    shown = facts[facts["fact_id"] == "gaokao_tier1_admitted_2023"]
    [card] = provenance.figure_cards(shown, facts, "en", units=units)
    assert card.delta.startswith("+111") and card.delta.endswith(t("vs_year", "en", year="2022"))
    assert card.icon is None and card.delta_color == "normal"
    assert f"para={shown.iloc[0]['paragraph_id']})" in card.source


def test_figure_card_tooltip_starts_with_the_whole_name(facts, units):
    """A card's tooltip opens with the figure's whole name (markdown-escaped), which a narrow card cuts short."""
    shown = facts[facts["label_en"].str.len() > 40]
    assert not shown.empty
    for card, (_, row) in zip(provenance.figure_cards(shown, facts, "en", units=units), shown.iterrows()):
        assert card.source.startswith(f"**{escape_markdown(row['label_en'])}**\n\n"), card.source


def test_figure_cards_of_derived_and_dated_figures(facts, units):
    """A derived figure's card is marked (label and icon) and its tooltip gives the formula; a date has no change."""
    derived = facts[facts["kind"] == "derived"].iloc[[0]]
    [card] = provenance.figure_cards(derived, facts, "en", units=units)
    assert card.label.endswith(provenance.kind_text(derived.iloc[0], "en")) and card.icon == ":material/calculate:"
    formula = provenance.formula_text(derived.iloc[0]["formula"], provenance.fact_names(facts, "en"))
    assert escape_markdown(formula) in card.source and derived.iloc[0]["formula"] not in card.source
    dates = facts[facts["unit"] == "date"]
    assert all(card.delta is None and card.delta_color == "off" for card in provenance.figure_cards(dates, facts, "zh", units=units))


def test_comparison_badge_says_only_what_the_report_says(facts, units):
    """The regional demonstration kindergartens' change is 'since the start of the last 3 years' (近3年), not
    'vs 2021', a year the report never writes; the gaokao change stays 'vs 2022', as the report writes it."""
    kindergartens = facts[facts["fact_id"] == "kg_demo_regional_2023"]
    for lang, words in (("zh", "较近3年之初"), ("en", "since the start of the last 3 years")):
        [card] = provenance.figure_cards(kindergartens, facts, lang, units=units)
        assert card.delta.endswith(words) and "2021" not in card.delta
    [gaokao] = provenance.figure_cards(facts[facts["fact_id"] == "gaokao_tier1_admitted_2023"], facts, "en",
                                       units=units)
    assert gaokao.delta == "+111 vs 2022"
