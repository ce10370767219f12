"""Real-browser interactions: filters and language in the address, chart clicks, downloads, the share QR code, phones.

Each test drives the real UI of a running server (tests/browser/conftest.py) and checks what a reader
would see or get: the address bar after a choice, the same view in a fresh browser, the bytes of a
download, the text inside the QR code.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import zipfile
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest
from playwright.sync_api import expect

import lipu_data
from lipu_data import metrics, package_zip, tables
from lipu_data.app_frame import PUBLIC_URL_ENV
from lipu_data.formatting import format_fact
from lipu_data.i18n import t
from lipu_data.model import DEFAULT_DATA_DIR, DESCRIPTOR_NAME
from lipu_data.section_charts import chart_metric_ids
from harness.serving import after_rerun, new_app_page, open_app, save_screenshot

# Playwright's expect() retries for 5 s by default and open_app waits 30 s; the machine running these may be busy.
WAIT_MS = 60_000
CHART = '[data-testid="stVegaLiteChart"]'
CHART_DRAWN = f"{CHART} canvas.marks, {CHART} svg.marks"
METRIC = '[data-testid="stMetric"]'
SIDEBAR = '[data-testid="stSidebar"]'
EXPAND_SIDEBAR = '[data-testid="stExpandSidebarButton"]'
VEGA_TOOLTIP = "#vg-tooltip-element"
LONGEST_TIER = "Regional inclusive (affordable) private kindergartens"  # 38, the longest bar of the first levels chart


def chart_tab(chart_id: str, lang: str) -> str:
    """A chart's tab label, as charts.csv gives it."""
    return lipu_data.load_dataset().charts.set_index("chart_id").loc[chart_id, f"tab_{lang}"]


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def choose(page, label: str, option: str) -> None:
    """Pick `option` in the selectbox labelled `label` (a react-aria combobox in Streamlit 1.67)."""
    combobox = page.get_by_role("combobox", name=label, exact=True)
    wanted = page.get_by_role("option", name=option, exact=True)
    # react-aria closes an open list when the page scrolls, and right after a rerun that opened a box above the
    # filters the main area can still scroll once (seen here: 308 px, as the list opened). Open the list
    # until it stays open; a reader acting a moment later never meets this.
    for _ in range(3):
        combobox.click()
        try:
            expect(wanted).to_be_visible(timeout=3_000)
            break
        except AssertionError:
            page.keyboard.press("Escape")
    after_rerun(page, wanted.click)


def selectbox_text(page, label: str) -> str:
    """The option a selectbox shows (its input value, or the text of the widget when it is not an input)."""
    combobox = page.get_by_role("combobox", name=label, exact=True)
    value = combobox.evaluate("el => 'value' in el ? el.value : el.textContent")
    return (value or "").strip()


def metric_labels(page) -> list[str]:
    return [text.strip() for text in page.locator('[data-testid="stMetricLabel"]').all_inner_texts()]


def main_headings(page) -> list[str]:
    return [text.strip() for text in page.locator('[data-testid="stMain"] h1, [data-testid="stMain"] h2, '
                                                  '[data-testid="stMain"] h3').all_inner_texts()]


def view_of(page, labels: tuple[str, ...]) -> dict:
    """What identifies a view for a reader: path, selectbox choices, metric labels, headings and tabs."""
    return {
        "path": urlsplit(page.url).path,
        "selects": {label: selectbox_text(page, label) for label in labels},
        "metrics": metric_labels(page),
        "headings": main_headings(page),
        "tabs": [text.strip() for text in page.locator('[data-testid="stMain"] [data-testid="stTab"]').all_inner_texts()],
    }


def fresh_view(browser, base_url: str, url: str, labels: tuple[str, ...], screenshot: str | None = None) -> dict:
    """Open `url` in a new browser context (no cookies, no session) and return its view."""
    other = new_app_page(browser, base_url)
    try:
        open_app(other, url, timeout=WAIT_MS)
        if screenshot:
            save_screenshot(other, screenshot)
        return view_of(other, labels)
    finally:
        other.context.close()


def relative(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def open_share_box(page):
    """Expand the page's share expander (on the page itself, not in the menu); return the expander."""
    expander = page.locator('[data-testid="stMain"] [data-testid="stExpander"]').filter(
        has_text=re.compile("Share this view|分享此视图"))
    expect(expander).to_have_count(1, timeout=WAIT_MS)
    # Opening the box reruns the page (its content is built when opened): let that run end before the test reads
    # the link or makes its next choice, so the choice's run is not folded into the opening one.
    after_rerun(page, expander.locator("summary").click)
    expect(expander.locator('[data-testid="stCode"]')).to_be_visible(timeout=WAIT_MS)
    return expander


def share_link_text(expander) -> str:
    return "".join(expander.locator('[data-testid="stCode"] code').inner_text().split())


FILTER_CASES = [
    pytest.param("/levels?lang=en", "Education level", "Preschool", "level=preschool",
                 ("School", "Programme", "Education level"), id="level"),
    pytest.param("/resources?lang=en", "Programme", "Student financial aid", "program=student_aid",
                 ("School", "Programme", "Education level"), id="program"),
    pytest.param("/governance?lang=en", "School", "Binjiang Primary School", "school=binjiang_primary",
                 ("School", "Programme"), id="school"),
    pytest.param("/explorer?lang=en&school=licheng_no2_primary", "School", "Binjiang Primary School",
                 "school=binjiang_primary", ("School", "Programme"), id="explorer-school"),
]


@pytest.mark.parametrize(("start", "label", "option", "param", "labels"), FILTER_CASES)
def test_filter_choice_goes_to_url_and_restores(page, browser, app_server, start, label, option, param, labels):
    """A selectbox choice writes its id to the address; that address in a fresh browser shows the same view."""
    open_app(page, start, timeout=WAIT_MS)
    before = view_of(page, labels)
    choose(page, label, option)
    expect(page).to_have_url(re.compile(re.escape(param)), timeout=WAIT_MS)
    assert selectbox_text(page, label) == option
    chosen = view_of(page, labels)
    # The figures change, or (when the open program tab keeps its cards) the program tabs offered do, or (on
    # /explorer, whose count cards keep their labels) the headings naming the school do.
    assert (chosen["metrics"], chosen["tabs"], chosen["headings"]) != (before["metrics"], before["tabs"],
                                                                       before["headings"]) or not before["metrics"], \
        f"choosing {option} did not change the figures on {start}"
    name = urlsplit(start).path.strip("/")
    save_screenshot(page, f"interaction-filter-{name}")

    restored = fresh_view(browser, app_server.url, relative(page.url), labels,
                          screenshot=f"interaction-filter-{name}-fresh")
    assert restored == chosen


def test_explorer_directory_link_and_back_to_all(page):
    """On /explorer a directory link opens that school (its id in the address, its name in the selectbox
    and as the heading), and choosing "All" again brings the directory back and drops the id."""
    open_app(page, "/explorer?lang=en", timeout=WAIT_MS)
    link = page.locator('[data-testid="stMain"] [data-testid="stPageLink"]').filter(has_text="Binjiang Primary School")
    after_rerun(page, lambda: link.first.click())
    expect(page).to_have_url(re.compile("school=binjiang_primary"), timeout=WAIT_MS)
    expect(page.locator('[data-testid="stMain"] h2').filter(has_text="Binjiang Primary School")).to_be_visible(
        timeout=WAIT_MS)
    assert selectbox_text(page, "School") == "Binjiang Primary School"
    choose(page, "School", "All")
    expect(page).not_to_have_url(re.compile("school="), timeout=WAIT_MS)
    expect(page.locator('[data-testid="stMain"] [data-testid="stPageLink"]').filter(
        has_text="Binjiang Primary School")).to_have_count(1, timeout=WAIT_MS)


def test_language_switch_keeps_page_and_filters(page):
    """Clicking English in the sidebar keeps the path and the level filter, sets lang=en and translates the title."""
    open_app(page, "/levels?level=preschool&lang=zh", timeout=WAIT_MS)
    language = page.locator(SIDEBAR).get_by_role("radiogroup", name=t("language", "zh"))
    after_rerun(page, lambda: language.get_by_role("radio", name="English", exact=True).click())
    expect(page).to_have_url(re.compile(r"lang=en"), timeout=WAIT_MS)
    save_screenshot(page, "interaction-language-switch")

    parts = urlsplit(page.url)
    assert parts.path == "/levels"
    assert query(page.url)["lang"] == ["en"]
    assert query(page.url)["level"] == ["preschool"]
    expect(page.locator('[data-testid="stMain"] h1').first).to_have_text(t("page_levels", "en"), timeout=WAIT_MS)
    assert selectbox_text(page, "Education level") == "Preschool"


def test_filter_change_after_language_switch_keeps_other_filters(page):
    """After a language switch, choosing a program keeps the level chosen before (the browser must not send back
    the old language's label, which would reset the level to 'All')."""
    open_app(page, "/levels?level=preschool&lang=zh", timeout=WAIT_MS)
    language = page.locator(SIDEBAR).get_by_role("radiogroup", name=t("language", "zh"))
    after_rerun(page, lambda: language.get_by_role("radio", name="English", exact=True).click())
    expect(page.locator('[data-testid="stMain"] h1').first).to_have_text(t("page_levels", "en"), timeout=WAIT_MS)
    choose(page, "Programme", "Quality, inclusive preschool education")
    expect(page).to_have_url(re.compile("program=preschool_quality"), timeout=WAIT_MS)
    save_screenshot(page, "interaction-language-then-filter")
    assert query(page.url)["level"] == ["preschool"]
    assert selectbox_text(page, "Education level") == "Preschool"


def test_language_survives_menu_switch(page):
    """After switching to English, a sidebar menu link opens the next page in English with lang=en."""
    open_app(page, "/levels?lang=zh", timeout=WAIT_MS)
    language = page.locator(SIDEBAR).get_by_role("radiogroup", name=t("language", "zh"))
    after_rerun(page, lambda: language.get_by_role("radio", name="English", exact=True).click())
    expect(page.locator('[data-testid="stMain"] h1').first).to_have_text(t("page_levels", "en"), timeout=WAIT_MS)

    link = page.locator(f'{SIDEBAR} [data-testid="stPageLink"] a').filter(has_text=t("page_resources", "en"))
    expect(link).to_have_count(1, timeout=WAIT_MS)
    after_rerun(page, link.click)
    expect(page).to_have_url(re.compile(r"/resources\?(.*&)?lang=en"), timeout=WAIT_MS)
    expect(page.locator('[data-testid="stMain"] h1').first).to_have_text(t("page_resources", "en"), timeout=WAIT_MS)
    save_screenshot(page, "interaction-language-menu")
    expect(page.locator(SIDEBAR).get_by_role("radiogroup", name=t("language", "en"))).to_be_visible()
    assert page.get_by_role("combobox", name="Programme", exact=True).count() == 1


def hover_bar(page, chart, label: str) -> tuple[float, float]:
    """The centre of the bar whose tooltip names `label`, found by hovering; the mouse is left on it.

    With SVG marks the bars are DOM paths (checked longest first); with canvas marks, a vertical
    scan across the plot finds the bar by its tooltip.
    """
    tooltip = page.locator(VEGA_TOOLTIP)
    svg_bars = chart.locator("svg.marks g.mark-rect path")
    if svg_bars.count():
        boxes = [svg_bars.nth(i).bounding_box() for i in range(svg_bars.count())]
        candidates = sorted((box for box in boxes if box), key=lambda box: -box["width"] * box["height"])
        points = [(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2) for box in candidates]
    else:
        area = chart.locator("canvas.marks").bounding_box()
        points = [(area["x"] + area["width"] * 0.6, area["y"] + dy) for dy in range(4, int(area["height"]), 6)]
    for x, y in points:
        page.mouse.move(x, y)
        try:
            expect(tooltip).to_contain_text(label, timeout=1_500)
            return x, y
        except AssertionError:
            continue
    pytest.fail(f"no bar of the first chart shows a tooltip with {label!r}")


def test_chart_click_selects_and_narrows(page):
    """Clicking the longest bar of the first levels chart shows 'Selected: <label>' and narrows the figure cards."""
    open_app(page, "/levels?lang=en", timeout=WAIT_MS)
    chart = page.locator(CHART).first
    chart.locator("canvas.marks, svg.marks").wait_for(state="attached", timeout=WAIT_MS)
    chart.scroll_into_view_if_needed()
    cards_before = page.locator(METRIC).count()

    x, y = hover_bar(page, chart, LONGEST_TIER)
    expect(page.locator(VEGA_TOOLTIP)).to_contain_text("38")
    after_rerun(page, lambda: page.mouse.click(x, y))

    success = page.locator('[data-testid="stAlertContentSuccess"]')
    expect(success.first).to_contain_text(f"Selected: {LONGEST_TIER}", timeout=WAIT_MS)
    save_screenshot(page, "interaction-chart-click")
    cards_after = page.locator(METRIC).count()
    assert 0 < cards_after < cards_before, f"{cards_before} figure cards before the click, {cards_after} after"
    assert LONGEST_TIER in metric_labels(page)


def expected_tier_table() -> tuple[list[str], list[dict[str, str]], pd.DataFrame]:
    """The first levels chart's data table as the page builds it (English, no filter)."""
    dataset = lipu_data.load_dataset()
    chosen = metrics.select_metrics(metrics.section_facts(dataset, 3), chart_metric_ids(dataset, "kindergarten_tiers"),
                                    latest=False)
    frame = tables.chart_frame(chosen, "en", units=dataset.unit_formats)
    table = tables.display_table(frame[["fact_id", "label", "value_text", "period_text", "kind_text", "paragraph_id"]], "en")
    rows = [{column: str(value) for column, value in row.items()} for row in table.to_dict("records")]
    return list(table.columns), rows, chosen


def test_chart_csv_download_matches_data(page):
    """'Download CSV' under the first levels chart delivers the chart's facts (ids and formatted values match), as
    UTF-8 with a byte order mark for Excel."""
    open_app(page, "/levels?lang=en", timeout=WAIT_MS)
    chart = page.locator(CHART).first
    chart.wait_for(state="attached", timeout=WAIT_MS)
    expander = page.locator('[data-testid="stMain"] [data-testid="stExpander"]').filter(has_text="Show data").first
    after_rerun(page, expander.locator("summary").click)  # the box is built when opened (a rerun)
    button = expander.get_by_role("button", name=re.compile("Download CSV"))
    expect(button).to_be_visible(timeout=WAIT_MS)
    save_screenshot(page, "interaction-download-csv")
    with page.expect_download(timeout=WAIT_MS) as download_info:
        button.click()
    download = download_info.value
    assert download.suggested_filename == "kindergarten_tiers.csv"
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    body = data.decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(body))
    rows = list(reader)

    columns, expected_rows, chosen = expected_tier_table()
    assert reader.fieldnames == columns
    assert [row["fact_id"] for row in rows] == list(chosen["fact_id"])
    value_column = t("value", "en")
    assert [row[value_column] for row in rows] == [
        format_fact(row, lipu_data.load_dataset().unit_formats, "en") for _, row in chosen.iterrows()
    ]
    assert rows == expected_rows


def test_data_package_zip_download(page):
    """The sources page's data package zip holds datapackage.json, every CSV it lists, and facts.csv byte for byte."""
    open_app(page, "/sources?lang=en", timeout=WAIT_MS)
    page.get_by_role("tab", name=t("tables", "en")).click()
    button = page.get_by_role("button", name=re.compile(re.escape(t("download_package", "en"))))
    expect(button).to_be_visible(timeout=WAIT_MS)
    save_screenshot(page, "interaction-download-package", full_page=False)
    with page.expect_download(timeout=WAIT_MS) as download_info:
        button.click()
    download = download_info.value
    assert download.suggested_filename == f"{package_zip.PACKAGE_FOLDER}.zip"

    with zipfile.ZipFile(download.path()) as archive:
        assert archive.testzip() is None
        # Entries sit in one folder; compare paths inside it.
        prefix = f"{package_zip.PACKAGE_FOLDER}/"
        names = {name[len(prefix):] if name.startswith(prefix) else name: name for name in archive.namelist()}
        assert DESCRIPTOR_NAME in names, f"no {DESCRIPTOR_NAME} in {sorted(names)}"
        descriptor = json.loads(archive.read(names[DESCRIPTOR_NAME]).decode("utf-8"))
        listed = [resource["path"] for resource in descriptor["resources"]]
        assert listed and all(path.endswith(".csv") for path in listed)
        missing = [path for path in listed if path not in names]
        assert not missing, f"CSV files listed in {DESCRIPTOR_NAME} but not in the zip: {missing}"
        assert "facts.csv" in names
        assert archive.read(names["facts.csv"]) == (Path(DEFAULT_DATA_DIR) / "facts.csv").read_bytes()


def decode_qr(png: bytes) -> str:
    import zxingcpp
    from PIL import Image

    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert len(results) == 1, f"expected one QR code in the share image, found {len(results)}"
    return results[0].text


def test_share_qr_code_encodes_the_view(page, browser, app_server):
    """The share box's QR code decodes to the shown link of the current view, and that link opens the same view."""
    labels = ("School", "Programme", "Education level")
    open_app(page, "/levels?level=preschool&lang=en", timeout=WAIT_MS)
    shown = view_of(page, labels)
    expander = open_share_box(page)
    link = share_link_text(expander)
    image = expander.locator('[data-testid="stImage"] img')
    expect(image).to_be_visible(timeout=WAIT_MS)
    save_screenshot(page, "interaction-share-qr", full_page=False)
    src = image.get_attribute("src")
    response = page.request.get(src if src.startswith("http") else f"{app_server.url}{src}")
    assert response.ok, f"QR image {src}: HTTP {response.status}"

    decoded = decode_qr(response.body())
    assert decoded == link
    parts = urlsplit(decoded)
    assert parts.path.endswith("/levels")
    assert query(decoded)["level"] == ["preschool"]
    assert query(decoded)["lang"] == ["en"]

    base = (os.environ.get(PUBLIC_URL_ENV) or app_server.url).rstrip("/")
    assert decoded.startswith(f"{base}/"), f"the link {decoded!r} does not start with the server's address {base!r}"
    restored = fresh_view(browser, app_server.url, decoded[len(base):], labels)
    assert restored == shown


def test_share_box_and_filters_reachable_on_phone(phone_page):
    """At 390x844 the filters can be used and the page's share box opens (no menu to open first), showing the
    filtered view's link."""
    page = phone_page
    open_app(page, "/levels?lang=en", timeout=WAIT_MS)
    combobox = page.get_by_role("combobox", name="Education level", exact=True)
    combobox.scroll_into_view_if_needed()
    expect(combobox).to_be_in_viewport(timeout=WAIT_MS)
    choose(page, "Education level", "Preschool")
    expect(page).to_have_url(re.compile("level=preschool"), timeout=WAIT_MS)

    expander = open_share_box(page)
    code = expander.locator('[data-testid="stCode"]')
    code.scroll_into_view_if_needed()
    expect(code).to_be_in_viewport(timeout=WAIT_MS)
    save_screenshot(page, "interaction-phone-share", full_page=False)
    link = share_link_text(expander)
    assert query(link)["level"] == ["preschool"]
    assert query(link)["lang"] == ["en"]


def test_figure_source_tooltip_opens_on_tap(phone_page):
    """On a phone, tapping the ? of a figure card shows its verbatim sentence and a link to its paragraph."""
    page = phone_page
    open_app(page, "/safety?lang=zh", timeout=WAIT_MS)
    dataset = lipu_data.load_dataset()
    fact = dataset.facts.set_index("fact_id").loc["legal_vice_principals_2023"]
    card = page.locator(METRIC).filter(has_text=fact["label_zh"]).first
    card.scroll_into_view_if_needed()
    card.locator('[data-testid="stTooltipHoverTarget"]').first.tap()
    tooltip = page.locator('[data-testid="stTooltipContent"]')
    expect(tooltip).to_contain_text(fact["quote"], timeout=WAIT_MS)
    link = tooltip.get_by_role("link", name=re.compile(f"¶{fact['paragraph_id']}"))
    assert query(link.get_attribute("href")) == {"lang": ["zh"], "para": [fact["paragraph_id"]]}
    save_screenshot(page, "interaction-phone-source-tooltip", full_page=False)


def test_a_click_then_a_filter_change_leaves_no_bar_dimmed(page):
    """A bar clicked on /resources narrows the page; after another program is chosen, the chart (its rows
    swapped) shows no stale selection: no bar dimmed, no 'Selected' note, the new program's cards."""
    open_app(page, "/resources?lang=en&program=informatization", timeout=WAIT_MS)
    chart = page.locator(CHART).first
    bars = chart.locator("svg.marks g.mark-rect path")
    expect(bars).to_have_count(2, timeout=WAIT_MS)
    success = page.locator('[data-testid="stAlertContentSuccess"]')
    box = bars.first.bounding_box()
    after_rerun(page, lambda: page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2))
    expect(success).to_have_count(1, timeout=WAIT_MS)
    expect(bars.nth(1)).to_have_attribute("opacity", "0.35", timeout=WAIT_MS)

    choose(page, "Programme", "School infrastructure")
    expect(bars).to_have_count(1, timeout=WAIT_MS)
    expect(success).to_have_count(0, timeout=WAIT_MS)
    expect(bars.first).to_have_attribute("opacity", "1", timeout=WAIT_MS)
    section = metrics.section_facts(lipu_data.load_dataset(), 4)
    expected = metrics.latest_by_metric(section[section["program_id"] == "infrastructure"])
    expect(page.locator(METRIC)).to_have_count(len(expected), timeout=WAIT_MS)


def drawn_bar_kinds(page, chart, kinds: dict[str, str]) -> list[tuple[str, str]]:
    """(kind named in its tooltip, fill colour) of each drawn bar of `chart`; `kinds` maps kind texts to
    kind ids."""
    tooltip = page.locator(VEGA_TOOLTIP)
    bars = chart.locator("svg.marks g.mark-rect path")
    assert bars.count(), "the chart draws no SVG bars"
    found = []
    for index in range(bars.count()):
        box = bars.nth(index).bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        expect(tooltip).to_be_visible(timeout=WAIT_MS)
        text = tooltip.inner_text()
        [kind] = [kind for name, kind in kinds.items() if name in text]
        found.append((kind, bars.nth(index).get_attribute("fill").upper()))
        page.mouse.move(0, 0)
    return found


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_bars_have_their_kinds_colour_also_after_a_filter_change(page, lang):
    """Each bar of the equipment-spending chart on /resources (a stated three-year total and its derived yearly
    average) has its kind's colour, as its tooltip says, once drawn, and still after a programme change that
    redraws the page with the chart kept in place."""
    from lipu_data import theme

    kinds = {t("stated", lang): "stated", t("derived", lang): "derived"}
    colours = {"stated": theme.STATED_COLOR.upper(), "derived": theme.DERIVED_COLOR.upper()}
    open_app(page, f"/resources?lang={lang}", timeout=WAIT_MS)
    after_rerun(page, lambda: page.get_by_role("tab", name=chart_tab("equipment_spending", lang), exact=True).click())
    chart = page.locator(CHART).first
    chart.locator("svg.marks").wait_for(state="attached", timeout=WAIT_MS)
    at_load = drawn_bar_kinds(page, chart, kinds)
    assert {kind for kind, _ in at_load} == {"stated", "derived"}
    assert all(fill == colours[kind] for kind, fill in at_load), at_load

    program = lipu_data.load_dataset().programs.set_index("program_id").loc["informatization", f"name_{lang}"]
    choose(page, t("filter_program", lang), program)
    expect(chart.locator("svg.marks g.mark-rect path")).to_have_count(2, timeout=WAIT_MS)
    after_change = drawn_bar_kinds(page, chart, kinds)
    assert {kind for kind, _ in after_change} == {"stated", "derived"}
    assert all(fill == colours[kind] for kind, fill in after_change), after_change


def test_chart_tab_switch_draws_that_chart(page):
    """On /levels one chart is drawn at load; choosing the Gaokao tab draws the 2022/2023 comparison instead."""
    open_app(page, "/levels?lang=en", timeout=WAIT_MS)
    page.locator(CHART_DRAWN).first.wait_for(state="attached", timeout=WAIT_MS)
    assert page.locator(CHART).count() == 1
    after_rerun(page, lambda: page.get_by_role("tab", name=chart_tab("gaokao_comparison", "en"), exact=True).click())
    expect(page.locator(CHART)).to_have_count(1, timeout=WAIT_MS)
    expect(page.locator(CHART).first).to_have_attribute("aria-label", re.compile("Gaokao"), timeout=WAIT_MS)
    page.locator(CHART_DRAWN).first.wait_for(state="attached", timeout=WAIT_MS)
    save_screenshot(page, "interaction-chart-tab")



def test_figure_tab_switch_shows_that_programs_cards(page):
    """On /levels the key figures open on the first program; choosing the senior-high tab shows its cards
    (the gaokao figures) instead of the preschool ones."""
    dataset = lipu_data.load_dataset()
    programs = dataset.programs.set_index("program_id")
    facts = dataset.facts[dataset.facts["section"] == 3]
    first = facts.set_index("fact_id").loc["kg_demo_county_2023", "label_en"]
    senior = facts.set_index("fact_id").loc["gaokao_tier1_admitted_2023", "label_en"]
    open_app(page, "/levels?lang=en", timeout=WAIT_MS)
    assert first in metric_labels(page) and senior not in metric_labels(page)
    after_rerun(page, lambda: page.get_by_role("tab", name=programs.loc["senior_high_quality", "name_en"], exact=True).click())
    expect(page.locator(METRIC).filter(has_text=senior).first).to_be_visible(timeout=WAIT_MS)
    assert first not in metric_labels(page)
    save_screenshot(page, "interaction-figure-tab")

def test_open_share_box_follows_a_filter_change(page):
    """With the share box open, choosing a filter value (which reruns only the filtered part of the page)
    still leaves the box showing the new view's link."""
    open_app(page, "/levels?lang=en", timeout=WAIT_MS)
    expander = open_share_box(page)
    assert "level" not in query(share_link_text(expander))
    choose(page, "Education level", "Preschool")
    expect(page).to_have_url(re.compile("level=preschool"), timeout=WAIT_MS)
    expect(expander.locator('[data-testid="stCode"]')).to_contain_text("level=preschool", timeout=WAIT_MS)
    assert query(share_link_text(expander))["level"] == ["preschool"]
