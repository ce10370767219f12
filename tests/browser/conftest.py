"""Fixtures for real-browser tests: one app server per session, one headless Chromium per module, a new page per test.

A test's page is its module's desktop or phone tab, so from the second test on the frontend is neither downloaded
nor started again (a page load took 1.2 s instead of 2.6 s in a fresh context, 1.8 s in a new tab, measured here).
Each test still starts as a new visitor: when it ends, its app document is unloaded (so its goodbye messages are its
own), and everything it could leave behind is cleared: other tabs it opened, cookies, local and session storage,
permissions, emulated media, the window size, the recorded console errors. Each page.goto opens a new Streamlit
session. A test that needs a context of its own (a first visit, another user agent) makes one with new_app_page.

Tests here are marked `browser` automatically. Helpers (open_app, console_errors, save_screenshot,
new_app_page, start_streamlit) live in harness/serving.py so the proxy test, benches and scripts share them.
Without /usr/bin/chromium or Playwright these tests skip with the reason, except under CI=true,
where they fail: a CI run that silently skips the browser is not a passing CI run.
"""

from __future__ import annotations

import contextlib
import os

import pytest

from harness.serving import (
    browser_unavailable_reason,
    launch_chromium,
    new_app_context,
    new_page_in,
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


class ModuleTab:
    """One tab of a module's context, handed to each test in turn and reset between them (see the module docstring)."""

    def __init__(self, context):
        self.context = context
        self.tab = None
        self.viewport = None

    def for_a_test(self):
        if self.tab is None or self.tab.is_closed():
            self.tab = new_page_in(self.context)
            self.viewport = self.tab.viewport_size
        self.tab.lipu_console.clear()
        self.tab.lipu_inflight.clear()
        return self.tab

    def reset(self) -> None:
        tab = self.tab
        for opened in [other for other in self.context.pages if other is not tab]:
            opened.close()
        if tab.is_closed():
            return
        with contextlib.suppress(Exception):  # a crashed page cannot be asked to clear its storage
            tab.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
        tab.goto("about:blank")
        tab.emulate_media(media="null", color_scheme="null", reduced_motion="null", forced_colors="null",
                          contrast="null")
        tab.set_viewport_size(self.viewport)
        self.context.clear_cookies()
        self.context.clear_permissions()


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
