"""On a 390x844 phone every page fits the screen width, its menu can be reached, every chart's text (titles,
labels, legends, axes) stays readable inside the chart, and figure values are shown whole (in a desktop's
two columns of cards too)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from lipu_data.i18n import t
from lipu_data.sitemap import PAGES
from harness.serving import after_rerun, open_app, save_screenshot

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


# The text of drawn charts (Vega's SVG) whose right edge is past its chart's right edge.
_TEXT_PAST_CHART_JS = """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"] svg.marks')].flatMap(svg => {
  const right = svg.getBoundingClientRect().right;
  return [...svg.querySelectorAll('text')].filter(text => text.getBoundingClientRect().right > right)
    .map(text => text.textContent);
})"""


# Chart titles (Vega's title group) cut short with an ellipsis.
_CUT_TITLES_JS = """() => [...document.querySelectorAll(
  '[data-testid="stVegaLiteChart"] svg.marks .role-title text')].map(text => text.textContent)
  .filter(text => text.endsWith('…'))"""

# Shown axis labels of one axis that overlap one another (side-by-side groups of bars with long names). Vega
# hides labels that would overlap on a dense numeric axis by drawing them transparent: those do not count.
_OVERLAPPING_AXIS_LABELS_JS = """() => [...document.querySelectorAll(
  '[data-testid="stVegaLiteChart"] svg.marks .role-axis-label')].flatMap(axis => {
  const boxes = [...axis.querySelectorAll('text')].filter(text => getComputedStyle(text).opacity !== '0')
    .map(text => [text.textContent, text.getBoundingClientRect()]).filter(([, box]) => box.width > 0);
  return boxes.flatMap(([name, box], i) => boxes.slice(i + 1)
    .filter(([, other]) => box.left < other.right - 1 && other.left < box.right - 1
                           && box.top < other.bottom - 1 && other.top < box.bottom - 1)
    .map(([otherName]) => `${name} / ${otherName}`));
})"""


def chart_text_problems(page) -> dict[str, list[str]]:
    """What on the page's drawn charts would not read well on a phone, by kind (empty lists when none)."""
    return {problem: page.evaluate(script) for problem, script in (
        ("runs past the chart's edge", _TEXT_PAST_CHART_JS), ("title cut short", _CUT_TITLES_JS),
        ("axis labels overlap", _OVERLAPPING_AXIS_LABELS_JS))}


# Every page whose first view draws a chart: fact bars with labels longer than a phone is wide (/levels,
# /resources, /safety), long titles, and legends of long names (/teachers, /governance).
CHART_PAGES = ["/levels?level=preschool", "/resources", "/governance", "/teachers", "/safety", "/publicity"]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("path", CHART_PAGES)
def test_chart_text_stays_inside_chart_on_phone(phone_page, path, lang):
    """On a phone no chart text runs off the chart: a bar label longer than the chart ends in an ellipsis
    at its edge (the bar's tooltip shows it whole), a long title wraps onto more lines instead of being cut,
    legend entries stack under one another, and no two axis labels overlap."""
    open_app(phone_page, f"{path}{'&' if '?' in path else '?'}lang={lang}")
    phone_page.locator('[data-testid="stVegaLiteChart"] svg.marks').first.wait_for()
    problems = chart_text_problems(phone_page)
    assert not any(problems.values()), f"{phone_page.url}: {problems}"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("path", ["/levels", "/resources"])
def test_every_chart_tab_fits_a_phone(phone_page, path, lang):
    """Each chart tab of the pages with several charts, opened on a phone: no chart text runs off the chart,
    no title is cut short, and no two axis labels overlap (the gaokao measures' long names wrap)."""
    open_app(phone_page, f"{path}?lang={lang}")
    tabs = phone_page.locator('[data-testid="stTabs"]').first.get_by_role("tab")
    names = tabs.all_inner_texts()
    assert len(names) >= 3, f"{phone_page.url}: expected a strip of chart tabs, found {names}"
    for index, name in enumerate(names):
        if index:
            after_rerun(phone_page, tabs.nth(index).click)
        chart = phone_page.locator('[data-testid="stVegaLiteChart"]:visible svg.marks')
        expect(chart, f"tab {name}: no chart drawn").to_have_count(1)
        problems = chart_text_problems(phone_page)
        assert not any(problems.values()), f"{phone_page.url}, tab {name}: {problems}"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_timeline_chart_fits_a_phone(phone_page, lang):
    """The overview's timeline chart, opened on a phone: event names and date columns stay inside the chart
    and no two date names overlap (they sat on top of one another beside names taking half the width)."""
    open_app(phone_page, f"/?lang={lang}")
    opener = phone_page.locator('[data-testid="stExpander"] summary').filter(
        has_text=t("timeline_chart", lang))
    after_rerun(phone_page, opener.click)
    expect(phone_page.locator('[data-testid="stVegaLiteChart"] svg.marks'), "no timeline chart").to_have_count(1)
    problems = chart_text_problems(phone_page)
    assert not any(problems.values()), f"{phone_page.url}: {problems}"


# Figure-card values (st.metric) drawn wider than their box: Streamlit cuts them with an ellipsis.
_CUT_METRIC_VALUES_JS = """() => [...document.querySelectorAll('[data-testid="stMetricValue"]')].filter(value =>
  [value, ...value.querySelectorAll('*')].some(node => node.scrollWidth > node.clientWidth + 1))
  .map(value => value.textContent)"""


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("path", ["/?lang=en", "/resources?lang=en", "/resources?lang=zh"])
def test_figure_values_are_shown_whole(request, viewport, path):
    """Every figure card's value is drawn whole, unit included, on a phone and in the overview's two columns
    on a desktop ("16.6671325 million yuan" was cut to "16.6671325 million y…")."""
    shown = request.getfixturevalue("phone_page" if viewport == "phone" else "page")
    open_app(shown, path)
    expect(shown.locator('[data-testid="stMetricValue"]').first).to_be_visible()
    cut = shown.evaluate(_CUT_METRIC_VALUES_JS)
    assert cut == [], f"{shown.url} ({viewport}): figure values cut short: {cut}"
