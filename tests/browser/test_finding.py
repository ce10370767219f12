"""Finding things and not losing one's way, in real Chromium (desktop 1280 px and a 390 px phone, both languages):
one search and its result links, names in links, truthful empty states with a clear button, the explorer's
narrowed programme list, the phone menu closing after a choice, and labels that are never cut."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from lipu_data.i18n import t
from harness.serving import open_app, save_screenshot, wait_for_script

WAIT_MS = 30_000
EXPAND_SIDEBAR = '[data-testid="stExpandSidebarButton"]'

# Drawn chart text (Vega SVG) that ends in an ellipsis: a label cut short.
_CUT_CHART_TEXT_JS = """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"] svg.marks text')]
  .map(text => text.textContent).filter(text => text.endsWith('…'))"""
# Figure-card labels whose text is wider than their box or ends in an ellipsis.
_CUT_CARD_LABELS_JS = """() => [...document.querySelectorAll('[data-testid="stMetricLabel"]')]
  .filter(label => label.scrollWidth > label.clientWidth + 1 || label.innerText.trim().endsWith('…'))
  .map(label => label.innerText)"""


def test_search_finds_a_school_by_the_reports_short_name_and_opens_it(page):
    """/search?q=职校 (desktop, Chinese) lists the vocational centre; its link opens the explorer's view of it."""
    open_app(page, "/search?lang=zh&q=职校")
    result = page.get_by_role("link", name="荔浦市职业教育中心").or_(page.get_by_role("link", name=re.compile("职教中心")))
    expect(result.first).to_be_visible(timeout=WAIT_MS)
    save_screenshot(page, "search-zh-desktop", full_page=False)
    result.first.click()
    expect(page).to_have_url(re.compile(r"/explorer\?.*school=vocational_center"), timeout=WAIT_MS)


def test_search_on_a_phone_finds_the_after_school_figure_in_english(phone_page):
    """/search?q=after-school on a phone lists the 19 schools' figure; its link opens /resources on its programme."""
    page = phone_page
    open_app(page, "/search?lang=en&q=after-school")
    link = page.get_by_role("link", name=re.compile("after-school services", re.IGNORECASE)).first
    expect(link).to_be_visible(timeout=WAIT_MS)
    save_screenshot(page, "search-en-phone", full_page=False)
    link.click()
    expect(page).to_have_url(re.compile(r"/resources\?.*program=double_reduction"), timeout=WAIT_MS)
    wait_for_script(page)
    expect(page.locator('[data-testid="stMetricValue"]').filter(has_text=re.compile(r"^19$")).first).to_be_visible(
        timeout=WAIT_MS)


def test_a_school_name_in_a_link_becomes_its_id(page):
    """/explorer?school=荔浦中学 shows the school, and the address then carries its id."""
    open_app(page, "/explorer?lang=zh&school=荔浦中学")
    expect(page).to_have_url(re.compile("school=lipu_high_school"), timeout=WAIT_MS)
    expect(page.get_by_role("heading", name="荔浦中学").first).to_be_visible(timeout=WAIT_MS)


def test_no_figures_is_said_once_and_clear_filters_resets(phone_page):
    """On a phone, /levels?school=lipu_kindergarten says once that there are no figures but more below, and the
    Clear filters button brings back every figure and drops the school from the address."""
    page = phone_page
    open_app(page, "/levels?lang=en&school=lipu_kindergarten")
    notice = page.get_by_text(t("no_figures_more_below", "en"))
    expect(notice).to_have_count(1, timeout=WAIT_MS)
    expect(page.get_by_text(t("nothing_matches", "en"))).to_have_count(0)
    save_screenshot(page, "levels-empty-more-below-en-phone")
    page.get_by_role("button", name=t("clear_filters", "en")).click()
    expect(page).not_to_have_url(re.compile("school="), timeout=WAIT_MS)
    expect(page.get_by_text(t("no_figures_more_below", "en"))).to_have_count(0, timeout=WAIT_MS)


def test_explorer_offers_the_schools_programmes_first(page):
    """With a school chosen, the programme list opens with its own programmes; the others are marked."""
    open_app(page, "/explorer?lang=en&school=vocational_center")
    page.get_by_role("combobox", name=t("filter_program", "en")).click()
    options = page.get_by_role("option")
    expect(options.first).to_be_visible(timeout=WAIT_MS)
    names = [name.strip() for name in options.all_inner_texts()]
    assert names[0] == t("filter_all", "en")
    assert not names[1].endswith("(not linked to the chosen school)")
    assert names[-1].endswith("(not linked to the chosen school)")


def test_phone_menu_closes_after_choosing_a_page(phone_page):
    """On a phone, the menu opened and a page chosen in it: the new page shows with the menu closed."""
    page = phone_page
    open_app(page, "/levels?lang=zh")
    page.locator(EXPAND_SIDEBAR).click()
    sidebar = page.locator('[data-testid="stSidebar"]')
    link = sidebar.get_by_role("link", name=t("page_safety", "zh"))
    expect(link).to_be_in_viewport(timeout=WAIT_MS)
    link.click()
    expect(page).to_have_url(re.compile("/safety"), timeout=WAIT_MS)
    wait_for_script(page)
    expect(page.locator(EXPAND_SIDEBAR)).to_be_visible(timeout=WAIT_MS)  # shown only while the menu is closed
    expect(sidebar.get_by_role("link", name=t("page_levels", "zh"))).not_to_be_in_viewport(timeout=WAIT_MS)
    save_screenshot(page, "safety-after-menu-zh-phone", full_page=False)


def test_governance_chart_labels_are_whole_at_desktop_width(page):
    """At 1280 px no label of /governance's chart ends in '…' (the clean-school roles were cut)."""
    for lang in ("en", "zh"):
        open_app(page, f"/governance?lang={lang}")
        page.locator('[data-testid="stVegaLiteChart"] svg.marks').first.wait_for(timeout=WAIT_MS)
        assert page.evaluate(_CUT_CHART_TEXT_JS) == [], lang
    save_screenshot(page, "governance-zh-desktop")


def test_card_labels_are_whole_on_a_phone(phone_page):
    """At 390 px no figure card's label is cut (they wrap onto more lines)."""
    page = phone_page
    for path in ("/resources?lang=en", "/?lang=en", "/levels?lang=zh"):
        open_app(page, path)
        page.locator('[data-testid="stMetricLabel"]').first.wait_for(timeout=WAIT_MS)
        assert page.evaluate(_CUT_CARD_LABELS_JS) == [], path
    save_screenshot(page, "levels-cards-zh-phone")
