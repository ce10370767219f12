"""Fixtures for real-browser tests: one app server per session, one headless Chromium per module, and per module one
desktop and one phone tab that its tests take in turn (`page`, `phone_page`).

Reusing the tab (harness.serving.ModuleTab, reset after each test) keeps the frontend loaded, so a page load costs
about half what it does in a fresh context (README, "Run the tests"). Each page.goto still opens a new Streamlit
session. A test that needs a context of its own (a first visit, another user agent, a second person) makes one with
new_app_page.

Tests here are marked `browser` automatically. Helpers (open_app, console_errors, save_screenshot,
new_app_page, start_streamlit) live in harness/serving.py so the proxy test, benches and scripts share them.
Without /usr/bin/chromium or Playwright these tests skip with the reason, except under CI=true,
where they fail: a CI run that silently skips the browser is not a passing CI run.
"""

from __future__ import annotations

import os

import pytest

from harness.serving import (
    ModuleTab,
    browser_unavailable_reason,
    launch_chromium,
    new_app_context,
    start_streamlit,
)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in item.nodeid.replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


def require_browser() -> None:
    """Skip (or under CI=true, fail) when Chromium or Playwright is missing."""
    reason = browser_unavailable_reason()
    if reason is None:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but the browser tests cannot run: {reason}", pytrace=False)
    pytest.skip(f"BROWSER TESTS SKIPPED: {reason}")


@pytest.fixture(scope="session")
def app_server():
    """A fresh `streamlit run app.py` of this repository on a free loopback port (harness.serving.Server)."""
    require_browser()
    server = start_streamlit()
    yield server
    server.stop()


# Module scope, not session: while a sync Playwright is alive it keeps an asyncio loop running in
# the main thread, and every later test that calls asyncio.run() (AppTest, the load tests) fails
# with "cannot be called from a running event loop". Stopping it after each browser module frees it.
@pytest.fixture(scope="module")
def playwright_instance():
    require_browser()
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    yield playwright
    playwright.stop()


@pytest.fixture(scope="module")
def browser(playwright_instance):
    """Headless Debian Chromium, closed explicitly at the end (it leaves defunct children otherwise)."""
    chromium = launch_chromium(playwright_instance)
    yield chromium
    chromium.close()


@pytest.fixture(scope="module")
def desktop_context(browser, app_server):
    """The module's desktop (1280x900) context."""
    context = new_app_context(browser, app_server.url)
    yield context
    context.close()


@pytest.fixture(scope="module")
def phone_context(browser, app_server):
    """The module's 390x844 touch (is_mobile, has_touch) context."""
    context = new_app_context(browser, app_server.url, phone=True)
    yield context
    context.close()


@pytest.fixture(scope="module")
def desktop_tab(desktop_context):
    return ModuleTab(desktop_context)


@pytest.fixture(scope="module")
def phone_tab(phone_context):
    return ModuleTab(phone_context)


@pytest.fixture
def page(desktop_tab):
    """A desktop-sized (1280x900) page; relative URLs go to `app_server`."""
    yield desktop_tab.for_a_test()
    desktop_tab.reset()


@pytest.fixture
def phone_page(phone_tab):
    """A 390x844 touch page (is_mobile, has_touch); relative URLs go to `app_server`."""
    yield phone_tab.for_a_test()
    phone_tab.reset()
