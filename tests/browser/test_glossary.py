"""Real browser: a glossary link opens its term on /sources, and a figure card's tooltip defines its terms."""

from __future__ import annotations

import re

from playwright.sync_api import expect

import lipu_data
from harness.serving import open_app, save_screenshot

WAIT_MS = 60_000
METRIC = '[data-testid="stMetric"]'


def test_glossary_link_opens_the_term(page):
    """/sources?term=shuangjian&lang=en opens the glossary tab with 双减 framed and defined."""
    terms = lipu_data.load_dataset().terms.set_index("term_id")
    open_app(page, "/sources?term=shuangjian&lang=en", timeout=WAIT_MS)
    expect(page.get_by_role("tab", name="Glossary")).to_have_attribute("aria-selected", "true", timeout=WAIT_MS)
    entry = page.locator(".st-key-term_shuangjian")
    expect(entry).to_contain_text(terms.loc["shuangjian", "definition_en"], timeout=WAIT_MS)
    expect(entry).to_contain_text("The term the link points to")
    save_screenshot(page, "glossary-term-en", full_page=False)


def test_card_tooltip_defines_the_term_and_links_to_the_glossary(page):
    """Hovering the ? of a 上线 figure shows the definition of 上线; its link opens the term in the glossary."""
    dataset = lipu_data.load_dataset()
    fact = dataset.facts.set_index("fact_id").loc["gaokao_tier1_admitted_2023"]
    definition = dataset.terms.set_index("term_id").loc["cut_off", "definition_en"]
    open_app(page, "/levels?lang=en&program=senior_high_quality", timeout=WAIT_MS)
    card = page.locator(METRIC).filter(has_text=fact["label_en"]).first
    card.scroll_into_view_if_needed()
    card.locator('[data-testid="stTooltipHoverTarget"]').first.hover()
    tooltip = page.locator('[data-testid="stTooltipContent"]')
    expect(tooltip).to_contain_text(definition, timeout=WAIT_MS)
    link = tooltip.get_by_role("link", name=re.compile(r"reaching the cut-off"))
    assert link.get_attribute("href").endswith("sources?lang=en&term=cut_off")
    save_screenshot(page, "glossary-card-tooltip-en", full_page=False)
    with page.context.expect_page(timeout=WAIT_MS) as opened:  # Streamlit opens markdown links in a new tab
        link.click()
    glossary = opened.value
    glossary.wait_for_url(re.compile(r"/sources\?.*term=cut_off"), timeout=WAIT_MS)
    expect(glossary.locator(".st-key-term_cut_off")).to_contain_text(definition, timeout=WAIT_MS)
