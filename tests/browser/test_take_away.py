"""What leaves the browser, in real Chromium: the PDF download, a chart picture download, the printed page, and
the QR link of a briefing opening the same view."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from lipu_data.i18n import t
from lipu_data.sitemap import PAGES
from harness.serving import open_app, save_screenshot


def test_pdf_download_in_chromium_gives_the_views_briefing(page):
    """On /levels?level=preschool, Make PDF then Download PDF saves a PDF whose first line is the page's title and
    whose text names the chosen level."""
    open_app(page, "/levels?lang=en&level=preschool")
    page.get_by_role("button", name=t("make_pdf", "en")).click()
    download_button = page.get_by_role("button", name=t("download_pdf", "en"))
    download_button.wait_for(timeout=60_000)
    save_screenshot(page, "levels-pdf-ready-en", full_page=False)
    with page.expect_download(timeout=60_000) as info:
        download_button.click()
    data = open(info.value.path(), "rb").read()
    assert data.startswith(b"%PDF-")
    first_page = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert first_page.splitlines()[0].startswith(t("app_title", "en", year=2023))  # the running header
    assert t("page_levels", "en") in first_page and "Preschool" in first_page


def test_chart_picture_download_is_an_explained_png(page):
    """The PNG button under a chart saves a PNG image (the picture that carries title, filters, source, link)."""
    open_app(page, "/publicity?lang=en")
    page.locator('[data-testid="stVegaLiteChart"]').first.wait_for()
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name=t("download_png", "en")).first.click()
    assert open(info.value.path(), "rb").read().startswith(b"\x89PNG")
    assert info.value.suggested_filename.endswith("-en.png")


@pytest.mark.parametrize("page_info", [info for info in PAGES], ids=[info.key for info in PAGES])
def test_printed_page_has_no_sidebar_no_controls_and_no_blank_pages(page, page_info):
    """Chromium's print (A4) of every page: no menu or language switch, no buttons, the note pointing to the PDF,
    and no page left blank."""
    open_app(page, f"/{page_info.url_path}?lang=en")
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    texts = [printed.extract_text() for printed in reader.pages]
    whole = "\n".join(texts)
    assert t("menu", "en") not in whole and t("language", "en") not in whole  # the sidebar
    flat = re.sub(r"\s+", " ", whole)
    assert flat.count(t("make_pdf", "en")) == 1  # in the print note pointing to the PDF, not as a button
    assert "Make PDF" in re.sub(r"\s+", " ", texts[0])
    assert t("download_png", "en") not in flat  # no download buttons
    assert all(text.strip() for text in texts), f"blank page in a {len(texts)}-page printout"


def test_qr_code_of_a_briefing_opens_the_same_view(page, app_server, dataset):
    """The QR code printed in a briefing of /levels?level=preschool, decoded and opened, shows that view."""
    zxingcpp = pytest.importorskip("zxingcpp")
    from lipu_data.briefing import BriefingRequest, build_briefing

    pdf = build_briefing(dataset, BriefingRequest("section", "en", 3, level="preschool", base_url=app_server.url))
    links = {result.text for printed in PdfReader(io.BytesIO(pdf)).pages for image in printed.images
             for result in zxingcpp.read_barcodes(image.image)}
    assert len(links) == 1
    (link,) = links
    open_app(page, link)
    level = page.get_by_role("combobox", name=t("filter_level", "en"))
    assert level.input_value() == "Preschool"
    assert page.get_by_role("heading", name=t("page_levels", "en")).is_visible()
