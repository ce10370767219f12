"""On a 390x844 phone every page fits the screen width and its menu can be reached."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from lipu_data.sitemap import PAGES
from tests.serving import open_app, save_screenshot

MENU_LINK = '[data-testid="stPageLink"]'
# Streamlit 1.67 shows this button in the header while the sidebar is collapsed (always, on narrow screens).
EXPAND_SIDEBAR = '[data-testid="stExpandSidebarButton"]'


def in_viewport(locator) -> bool:
    """True when the element has a box that overlaps the visible window (a collapsed sidebar sits off-screen)."""
    return locator.evaluate(
        """el => { const r = el.getBoundingClientRect();
                   return r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0
                          && r.left < window.innerWidth && r.top < window.innerHeight; }"""
    )


@pytest.mark.parametrize("info", PAGES, ids=[info.key for info in PAGES])
def test_no_sideways_scroll_on_phone(phone_page, info):
    """The document is no wider than the phone's window: nothing forces horizontal scrolling."""
    open_app(phone_page, f"/{info.url_path}?lang=zh")
    save_screenshot(phone_page, f"{info.key}-zh-phone")
    scroll_width, inner_width = phone_page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert scroll_width <= inner_width, f"{phone_page.url}: scrollWidth {scroll_width} > innerWidth {inner_width}"


@pytest.mark.parametrize("info", PAGES, ids=[info.key for info in PAGES])
def test_menu_reachable_on_phone(phone_page, info):
    """The localized menu is on screen, or one tap on the sidebar button brings it on screen."""
    open_app(phone_page, f"/{info.url_path}?lang=en")
    # The menu is the sidebar's page links when there is a sidebar (body links to other pages do not count).
    in_sidebar = phone_page.locator(f'[data-testid="stSidebar"] {MENU_LINK}')
    links = in_sidebar if in_sidebar.count() else phone_page.locator(MENU_LINK)
    assert links.count() > 0, f"{phone_page.url}: no menu links (stPageLink) on the page"
    if not in_viewport(links.first):
        expand = phone_page.locator(EXPAND_SIDEBAR)
        expect(expand, "the menu is off-screen and there is no sidebar button").to_be_visible()
        expand.click()
    # The sidebar slides in; the expectation retries until the link is (almost) wholly on screen.
    expect(links.first, "the menu link is not on screen").to_be_in_viewport(ratio=0.9)
    save_screenshot(phone_page, f"{info.key}-en-phone-menu", full_page=False)
