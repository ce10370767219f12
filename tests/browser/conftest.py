"""Fixtures for real-browser tests: one app server per session, one headless Chromium per module, a fresh context per test.

Tests here are marked `browser` automatically. Helpers (open_app, console_errors, save_screenshot,
new_app_page, start_streamlit) live in harness/serving.py so the proxy test, benches and scripts share them.
Without /usr/bin/chromium or Playwright these tests skip with the reason, except under CI=true,
where they fail: a CI run that silently skips the browser is not a passing CI run.
"""

from __future__ import annotations

import os

import pytest

from harness.serving import (
    browser_unavailable_reason,
    launch_chromium,
    new_app_page,
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


@pytest.fixture
def page(browser, app_server):
    """A desktop-sized (1280x900) page in a fresh context; relative URLs go to `app_server`."""
    app_page = new_app_page(browser, app_server.url)
    yield app_page
    app_page.context.close()


@pytest.fixture
def phone_page(browser, app_server):
    """A 390x844 touch page (is_mobile, has_touch) in a fresh context; relative URLs go to `app_server`."""
    app_page = new_app_page(browser, app_server.url, phone=True)
    yield app_page
    app_page.context.close()
