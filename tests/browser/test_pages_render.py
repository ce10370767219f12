"""Every page renders in a real Chromium in both languages; a deep link on a fresh server matches later visits."""

from __future__ import annotations

import pytest

from lipu_data.sitemap import PAGES
from harness.serving import console_errors, new_app_page, open_app, save_screenshot, start_streamlit

LANGS = ("zh", "en")
CHART_DRAWN = '[data-testid="stVegaLiteChart"] canvas.marks, [data-testid="stVegaLiteChart"] svg.marks'


def page_url(url_path: str, lang: str | None = None) -> str:
    return f"/{url_path}" + (f"?lang={lang}" if lang else "")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("info", PAGES, ids=[info.key for info in PAGES])
def test_page_renders_without_errors(page, info, lang):
    """The page's script finishes with no exception element and no console error; charted pages draw a chart."""
    open_app(page, page_url(info.url_path, lang))
    try:
        if info.has_charts:
            # The chart component and Vega load lazily after the run ends: give them time, never time them.
            page.wait_for_selector(CHART_DRAWN, state="attached", timeout=30_000)
    except Exception:
        pass  # the assertion below reports what is missing
    finally:
        save_screenshot(page, f"{info.key}-{lang}")

    exceptions = page.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, f"exception shown on {page.url}:\n{exceptions.first.inner_text()}"
    assert console_errors(page) == [], f"console errors on {page.url}"
    if info.has_charts:
        charts = page.locator('[data-testid="stVegaLiteChart"]').count()
        drawn = page.locator(CHART_DRAWN).count()
        assert charts >= 1 and drawn >= 1, f"{page.url}: {charts} chart elements, {drawn} with a drawn canvas/svg"


@pytest.fixture
def fresh_server():
    """A server nobody has visited yet: the deep-link trap only shows on the first session after a start."""
    server = start_streamlit()
    yield server
    server.stop()


def title_and_menu(browser, base_url: str, path: str) -> tuple[str, list[str], int]:
    """Open `path` in a new context; return the tab title, the in-page menu link texts, and the file-name nav count."""
    app_page = new_app_page(browser, base_url)
    try:
        open_app(app_page, path)
        # The menu is the sidebar's page links; pages also link to each other in their body (cards, lists).
        in_sidebar = app_page.locator('[data-testid="stSidebar"] [data-testid="stPageLink"]')
        links = in_sidebar if in_sidebar.count() else app_page.locator('[data-testid="stPageLink"]')
        menu = [text.strip() for text in links.all_inner_texts()]
        file_nav = app_page.locator('[data-testid="stSidebarNav"]').count()
        return app_page.title(), menu, file_nav
    finally:
        app_page.context.close()


def test_deep_link_first_matches_later_visits(browser, fresh_server):
    """On a fresh server, /levels opened before anyone visits / shows the same title and localized menu as later visits."""
    first_title, first_menu, first_nav = title_and_menu(browser, fresh_server.url, "/levels")
    root_title, root_menu, root_nav = title_and_menu(browser, fresh_server.url, "/")
    again_title, again_menu, again_nav = title_and_menu(browser, fresh_server.url, "/levels")

    assert first_menu, "the first deep link shows no localized menu (no stPageLink elements)"
    assert first_title != "levels", "the tab title is the file name: the page ran without the shared frame"
    assert (first_nav, root_nav, again_nav) == (0, 0, 0), "the file-name sidebar menu (stSidebarNav) is shown"
    assert root_menu == first_menu
    assert (again_title, again_menu) == (first_title, first_menu)
