"""WCAG 2.2 AA in real Chromium: the axe-core rule engine over every page in both languages (desktop and phone), the
document language, headings in order, the current page in the menu, keyboard-only use of every filter, the
language and text-size switches and the share box, larger text on a phone, and the chat browser's download hint.

The page-by-page pass runs once per module (fixture `scans`) and several tests read it: every page in both
languages on a desktop at the default text size and on a 390 px phone at the largest (the phone pass checks
larger text too; the default size's tap targets were checked on phones when the app was measured, see
docs/accessibility.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from lipu_data.i18n import t
from lipu_data.sitemap import PAGES
from harness.a11y import Finding, axe_findings, failing
from harness.serving import after_rerun, new_app_page, open_app, save_screenshot, script_runs, wait_for_script

LANGS = ("zh", "en")
DOCUMENT_LANGS = {"zh": "zh-CN", "en": "en"}
CHART_DRAWN = '[data-testid="stVegaLiteChart"] canvas.marks, [data-testid="stVegaLiteChart"] svg.marks'
WAIT_MS = 60_000
WECHAT_UA = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
             "Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN")

# Heading levels of the visible page in document order (sidebar and main), as a screen reader lists them.
HEADING_LEVELS_JS = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
  .filter((h) => h.offsetParent !== null && h.innerText.trim() !== '')
  .map((h) => [Number(h.tagName[1]), h.innerText.trim().slice(0, 40)])"""
# How far the widest thing reaches past the window: the document's and Streamlit's scrolling main area's.
OVERFLOW_JS = """() => { const main = document.querySelector('[data-testid="stMain"]');
  return [document.documentElement.scrollWidth - window.innerWidth, main ? main.scrollWidth - main.clientWidth : 0]; }"""

# Figure-card values (st.metric) drawn wider than their box, which Streamlit cuts with an ellipsis.
CUT_METRIC_VALUES_JS = """() => [...document.querySelectorAll('[data-testid="stMetricValue"]')].filter(value =>
  [value, ...value.querySelectorAll('*')].some(node => node.scrollWidth > node.clientWidth + 1))
  .map(value => value.textContent)"""


@dataclass(frozen=True)
class Scan:
    """What one page view showed: the rule engine's findings, <html lang>, heading levels, the aria-current link."""

    findings: list[Finding]
    document_lang: str
    headings: list[list]
    current: list[str]
    font_size: str  # the root font size: what the text size control sets
    overflow: list[int]  # px past the window's width (document, main area)
    cut_values: list[str]  # figure cards' values cut short with an ellipsis


def _view(page) -> Scan:
    return Scan(
        findings=axe_findings(page),
        document_lang=page.evaluate("document.documentElement.lang"),
        headings=page.evaluate(HEADING_LEVELS_JS),
        current=[text.strip() for text in page.locator('[aria-current="page"]').all_inner_texts()],
        font_size=page.evaluate("getComputedStyle(document.documentElement).fontSize"),
        overflow=page.evaluate(OVERFLOW_JS),
        cut_values=page.evaluate(CUT_METRIC_VALUES_JS),
    )


@pytest.fixture(scope="module")
def scans(browser, app_server) -> dict[tuple[str, str, str], Scan]:
    """Every page in both languages, on a desktop (default text size) and a phone (largest text size, screenshots
    saved), opened once: (form, page key, lang) -> Scan."""
    results = {}
    for form, size in (("desktop", ""), ("phone", "&size=l")):
        app_page = new_app_page(browser, app_server.url, phone=form == "phone")
        try:
            for info in PAGES:
                for lang in LANGS:
                    open_app(app_page, f"/{info.url_path}?lang={lang}{size}")
                    if info.has_charts:
                        app_page.wait_for_selector(CHART_DRAWN, state="attached", timeout=WAIT_MS)
                    results[form, info.key, lang] = _view(app_page)
                    if form == "phone":
                        save_screenshot(app_page, f"{info.key}-{lang}-phone-large")
        finally:
            app_page.context.close()
    return results


@pytest.mark.parametrize("form", ["desktop", "phone"])
def test_no_serious_or_critical_wcag_violation(scans, form):
    """axe-core (WCAG 2.0-2.2 A/AA and best practices) finds nothing serious or critical on any page, either language."""
    problems = {f"{key}-{lang}": [str(finding) for finding in failing(scan.findings)]
                for (shown_form, key, lang), scan in scans.items() if shown_form == form}
    assert {view: found for view, found in problems.items() if found} == {}


def test_document_language_is_the_pages_language(scans):
    """<html lang> is zh-CN on Chinese pages and en on English ones, so screen readers read each in its language."""
    wrong = {view: scan.document_lang for view, scan in scans.items() if scan.document_lang != DOCUMENT_LANGS[view[2]]}
    assert wrong == {}


def test_headings_never_skip_a_level(scans):
    """Every page starts at h1 and each heading is at most one level below the one before (no h1 -> h3)."""
    skips = {}
    for view, scan in scans.items():
        levels = [level for level, _ in scan.headings]
        jumps = [scan.headings[i] for i in range(1, len(levels)) if levels[i] > levels[i - 1] + 1]
        if not levels or levels[0] != 1 or jumps:
            skips[view] = scan.headings
    assert skips == {}


def test_menu_marks_only_the_current_page(scans):
    """On the desktop (sidebar open) the menu's link to the page one is on, and only it, has aria-current="page"."""
    wrong = {view: scan.current for view, scan in scans.items()
             if view[0] == "desktop" and scan.current != [t(f"page_{view[1]}", view[2])]}
    assert wrong == {}


# Keyboard only.

def tab_to(page, locator, limit: int = 60) -> None:
    """Press Tab until `locator` has the keyboard focus (fails after `limit` presses)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {locator}")


def test_keyboard_alone_changes_every_filter(page):
    """With Tab, arrow keys and Enter a reader picks a school, a program and a level on /levels; each lands in the URL."""
    open_app(page, "/levels?lang=en")
    for label, param in ((t("filter_school", "en"), "school"), (t("filter_program", "en"), "program"),
                         (t("filter_level", "en"), "level")):
        combobox = page.get_by_role("combobox", name=label, exact=True)
        tab_to(page, combobox)
        page.keyboard.press("ArrowDown")
        expect(page.get_by_role("listbox")).to_be_visible(timeout=WAIT_MS)
        page.keyboard.press("ArrowDown")
        runs = script_runs(page)
        page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile(rf"[?&]{param}="), timeout=WAIT_MS)
        # The URL changes as the run starts; wait for it to end (a fragment's run is not always counted, so
        # the idle state after the click's run is what is waited for, not one more run).
        wait_for_script(page, min_runs=runs, timeout=WAIT_MS)
    query = parse_qs(urlsplit(page.url).query)
    assert {"school", "program", "level"} <= set(query), query


def test_keyboard_alone_switches_language_and_text_size(page):
    """Tab to the language switch, an arrow key and Space choose English; the same way, Large text (size=l)."""
    open_app(page, "/leadership?lang=zh")
    tab_to(page, page.get_by_role("radio", name="中文"))
    page.keyboard.press("ArrowRight")
    after_rerun(page, lambda: page.keyboard.press("Space"))
    expect(page.get_by_role("heading", level=1)).to_have_text(t("page_leadership", "en"), timeout=WAIT_MS)
    tab_to(page, page.get_by_role("radio", name=t("text_size_s", "en")))
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    after_rerun(page, lambda: page.keyboard.press("Space"))
    query = parse_qs(urlsplit(page.url).query)
    assert (query.get("lang"), query.get("size")) == (["en"], ["l"])
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "20px"


def test_keyboard_alone_opens_the_share_box_with_a_visible_focus(page):
    """Tab reaches the share box's header with a visible outline, and Enter opens it on the view's link."""
    open_app(page, "/governance?lang=en")
    header = page.locator('[data-testid="stMain"] summary').filter(has_text=t("share", "en"))
    tab_to(page, header)
    outline = header.evaluate("e => [getComputedStyle(e).outlineStyle, parseFloat(getComputedStyle(e).outlineWidth)]")
    assert outline[0] != "none" and outline[1] >= 2, outline
    after_rerun(page, lambda: page.keyboard.press("Enter"))
    expect(page.locator('[data-testid="stMain"] [data-testid="stCode"]')).to_contain_text(
        "/governance?lang=en", timeout=WAIT_MS)


def test_footer_link_opens_the_accessibility_statement(page):
    """The footer's link on any page opens /sources (in a new tab) at the statement's heading, in the same language."""
    open_app(page, "/teachers?lang=en")
    with page.context.expect_page() as opened:  # Streamlit opens a markdown link in a new tab
        page.get_by_role("link", name=t("accessibility_statement", "en")).click()
    statement = opened.value
    heading = statement.get_by_role("heading", name=t("accessibility_statement", "en"))
    expect(heading).to_be_in_viewport(timeout=WAIT_MS)
    assert urlsplit(statement.url).path.endswith("/sources") and urlsplit(statement.url).fragment == "accessibility"
    assert parse_qs(urlsplit(statement.url).query) == {"lang": ["en"]}


# Larger text on a phone.

def test_largest_text_fits_a_phone(scans):
    """At size=l on a 390 px phone every page, in either language, has the larger root font, is no wider than the
    screen and shows every figure whole (screenshots in test-artifacts/screenshots/*-phone-large.png)."""
    phone = {f"{key}-{lang}": scan for (form, key, lang), scan in scans.items() if form == "phone"}
    assert {view: scan.font_size for view, scan in phone.items() if scan.font_size != "20px"} == {}
    assert {view: scan.overflow for view, scan in phone.items() if max(scan.overflow) > 0} == {}
    assert {view: scan.cut_values for view, scan in phone.items() if scan.cut_values} == {}


# The phone chat browser.

@pytest.mark.parametrize(("user_agent", "shown"), [(WECHAT_UA, True), (None, False)])
def test_download_hint_shows_only_in_the_chat_browser(browser, app_server, user_agent, shown):
    """In WeChat's browser the data tables tab says how to open the page in the phone's browser; elsewhere nothing."""
    options = {"user_agent": user_agent} if user_agent else {}
    app_page = new_app_page(browser, app_server.url, phone=True, **options)
    try:
        open_app(app_page, "/sources?lang=zh")
        after_rerun(app_page, lambda: app_page.get_by_role("tab", name=t("tables", "zh")).click())
        expect(app_page.get_by_role("button", name=t("download_package", "zh"))).to_be_visible(timeout=WAIT_MS)
        hint = app_page.get_by_text(t("chat_browser_hint", "zh"))
        assert hint.count() == (1 if shown else 0)
    finally:
        app_page.context.close()


def test_a_huge_user_agent_never_breaks_a_page(browser, app_server):
    """A User-Agent of 8000 odd characters (MicroMessenger among them) still opens a page with its hint, no error."""
    agent = ("Mozilla/5.0 <script>\"'%00 " * 300)[:7900] + " MicroMessenger/8.0"
    app_page = new_app_page(browser, app_server.url, user_agent=agent)
    try:
        open_app(app_page, "/levels?lang=en")
        expect(app_page.get_by_role("heading", level=1)).to_have_text(t("page_levels", "en"), timeout=WAIT_MS)
        assert app_page.locator('[data-testid="stException"]').count() == 0
    finally:
        app_page.context.close()
