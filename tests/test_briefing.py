"""Briefing PDFs (lipu_data.briefing): what a reader finds in the text of the PDF, its charts, its QR code, the
command line, literal typesetting of poisoned text, and the page's Make PDF / Download PDF buttons (AppTest)."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest
from pypdf import PdfReader

from lipu_data import i18n, load_dataset, metrics, provenance
from lipu_data.derive import formula_inputs
from lipu_data.briefing import (BriefingRequest, BriefingRequestError, build_briefing, chart_image, explained_chart,
                                filters_in_words)
from lipu_data.formatting import format_fact
from lipu_data.i18n import pick, t
from lipu_data.section_charts import section_chart_plans
from tests.apptest_helpers import open_page

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(shutil.which("fc-list") is None and not Path("/usr/share/fonts/opentype/noto").exists(),
                                reason="needs the Noto CJK fonts (scripts/setup.sh --dev)")


@lru_cache(maxsize=None)
def _pdf(request: BriefingRequest) -> bytes:
    return build_briefing(load_dataset(), request)


def pdf_text(request: BriefingRequest) -> str:
    """The text a reader copies out of the briefing, whitespace removed (line breaks split phrases anywhere)."""
    reader = PdfReader(io.BytesIO(_pdf(request)))
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", str(text))


SECTIONS = range(1, 8)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("section", SECTIONS)
def test_section_briefing_lists_every_figure_with_its_value_and_quote(dataset, section, lang):
    """Every figure of the section appears with its value as the app shows it, each stated figure's quote, and
    each derived figure's formula written with its inputs' names."""
    text = pdf_text(BriefingRequest("section", lang, section))
    facts = metrics.section_facts(dataset, section)
    facts_by_id = dataset.facts.set_index("fact_id")
    for _, row in facts.iterrows():
        assert squeeze(pick(row, "label", lang)) in text, row["fact_id"]
        assert squeeze(format_fact(row, dataset.unit_formats, lang)) in text, row["fact_id"]
        if row["kind"] == "stated":
            assert squeeze(row["quote"]) in text, row["fact_id"]
        else:  # the formula, written with its inputs' names
            labels = {name: pick(facts_by_id.loc[name], "label", lang) for name in formula_inputs(row["formula"])}
            assert squeeze(provenance.formula_text(row["formula"], labels)) in text, row["fact_id"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_briefing_names_its_filters_in_words(dataset, lang):
    """The filters applied are written out with the school's and programme's names, and the link carries their ids."""
    request = BriefingRequest("section", lang, 4, program="student_aid")
    text = pdf_text(request)
    program_name = i18n.localized_names(dataset.programs, "program_id", lang)["student_aid"]
    assert squeeze(filters_in_words(dataset, "resources", lang, {"program": "student_aid"})) in text
    assert squeeze(program_name) in text
    assert "program=student_aid" in text


@pytest.mark.parametrize("section, filters", [(3, {}), (4, {}), (3, {"level": "preschool"}), (4, {"program": "student_aid"}),
                                              (2, {}), (5, {}), (7, {}), (3, {"level": "compulsory"})])
def test_briefing_has_as_many_charts_as_the_page_can_show(dataset, section, filters):
    """The chart captions ("Chart n") in the PDF number exactly the charts the page offers for those filters."""
    request = BriefingRequest("section", "en", section, **filters)
    planned = section_chart_plans(dataset, section, request.filters, "en")
    assert len(re.findall(r"Chart\d+\.", pdf_text(request))) == len(planned)


def test_page_offers_the_same_charts_the_briefing_plans(dataset):
    """/levels with a level filter shows one chart tab per planned chart (the page and the PDF share one plan)."""
    at = open_page("levels", lang="en", level="preschool")
    planned = section_chart_plans(dataset, 3, BriefingRequest("section", "en", 3, level="preschool").filters, "en")
    tab_labels = [tab.label for tab in at.tabs]
    for plan in planned:
        assert plan.tab in tab_labels
    assert planned, "the preschool level has kindergarten charts"


def test_whole_report_contains_every_fact_and_all_of_the_source_text(dataset):
    """The whole-report PDF holds every fact of facts.csv (label and value) and every paragraph of the report,
    character for character (no missing glyph: each character survives extraction)."""
    text = pdf_text(BriefingRequest("report", "zh"))
    for _, row in dataset.facts.iterrows():
        assert squeeze(pick(row, "label", "zh")) in text, row["fact_id"]
        assert squeeze(format_fact(row, dataset.unit_formats, "zh")) in text, row["fact_id"]
    for row in dataset.paragraphs.itertuples():
        assert squeeze(row.text) in text, row.paragraph_id
        assert row.paragraph_id in text


def test_whole_report_has_a_contents_list_with_page_numbers():
    """The second page lists the seven sections with the page each starts on."""
    reader = PdfReader(io.BytesIO(_pdf(BriefingRequest("report", "en"))))
    contents = reader.pages[1].extract_text()
    assert "Contents" in contents
    for key in ("leadership", "governance", "levels", "resources", "teachers", "safety", "publicity"):
        assert re.search(re.escape(t(f"page_{key}", "en")) + r"[ .]*\d+", contents), key


def test_qr_code_in_the_briefing_decodes_to_the_views_link():
    """The QR code printed at the end opens the same view: page, filters and language."""
    zxingcpp = pytest.importorskip("zxingcpp")
    request = BriefingRequest("section", "en", 3, level="preschool", base_url="https://edu.example.org/lipu")
    reader = PdfReader(io.BytesIO(_pdf(request)))
    decoded = [result.text for page in reader.pages for image in page.images
               for result in zxingcpp.read_barcodes(image.image)]
    assert decoded and set(decoded) == {"https://edu.example.org/lipu/levels?lang=en&level=preschool"}


def test_filters_that_leave_nothing_give_a_short_document_that_says_so():
    """A school the section never names gives a one-page briefing that says there is nothing, not an error."""
    request = BriefingRequest("section", "en", 7, school="shajie_primary")
    reader = PdfReader(io.BytesIO(_pdf(request)))
    assert len(reader.pages) == 1
    assert squeeze(t("briefing_nothing", "en")) in pdf_text(request)


def test_school_fact_sheet_holds_everything_the_report_says_about_the_school(dataset):
    """/explorer's fact sheet of a school: its names, every paragraph that mentions it, in full."""
    text = pdf_text(BriefingRequest("explorer", "zh", school="vocational_center"))
    from lipu_data.filters import mentions

    found = mentions(dataset, school="vocational_center")
    assert found.paragraph_ids
    texts = dataset.paragraphs.set_index("paragraph_id")["text"]
    for pid in found.paragraph_ids:
        assert squeeze(texts[pid]) in text, pid
    for _, row in found.facts.iterrows():
        assert squeeze(pick(row, "label", "zh")) in text


@pytest.mark.parametrize("request_args", [{"section": 9}, {"section": 3, "school": "nowhere"},
                                          {"section": 1, "level": "preschool"}])
def test_unknown_section_or_id_is_refused_with_a_reason(dataset, request_args):
    """An unknown section or id, or a filter the page does not have, is a BriefingRequestError naming it."""
    with pytest.raises(BriefingRequestError):
        build_briefing(dataset, BriefingRequest("section", "en", **request_args))


POISON = "#set text(red) $x$ *b* _i_ `c` <l> @ref [a] \\ // c /* d */ <script>alert(1)</script> &amp;"


# Every kind of text a briefing typesets, by table and column (both languages where the table has two).
POISONED_TEXT = {
    "reports": ("title_en", "publisher_en"),
    "facts": ("label_en", "quote", "note_en"),
    "programs": ("name_en", "summary_en"),
    "schools": ("name_en",),
    "honours": ("recipient_en", "honour_en"),
    "projects": ("name_en",),
    "school_programs": ("role_en",),
    "events": ("title_en",),
    "notes": ("text_en",),
    "paragraphs": ("text",),
}


def poisoned(dataset, marker: str):
    """The dataset with POISON and a per-column tag appended to every text column a briefing shows (in memory:
    the validator may rightly refuse some of these characters in data/, but the typesetter must never depend on it)."""
    tables = {}
    for table, columns in POISONED_TEXT.items():
        frame = getattr(dataset, table).copy()
        for column in columns:
            frame[column] = [f"{value} {marker}{table}.{column} {POISON}" for value in frame[column].fillna("")]
        tables[table] = frame
    return dataclasses.replace(dataset, **tables)


@pytest.mark.parametrize("request_args, kinds", [
    ({"scope": "section", "section": 4}, ("reports.title_en", "facts.label_en", "facts.quote", "projects.name_en")),
    ({"scope": "section", "section": 5}, ("honours.recipient_en", "honours.honour_en", "notes.text_en")),
    ({"scope": "section", "section": 2}, ("programs.name_en", "programs.summary_en", "school_programs.role_en")),
    ({"scope": "explorer", "school": "special_school"}, ("schools.name_en", "paragraphs.text", "honours.honour_en")),
], ids=["resources", "teachers", "governance", "explorer"])
def test_markup_in_data_text_is_typeset_literally(dataset, request_args, kinds):
    """Typst markup and HTML in every kind of text (titles, labels, quotes, names, summaries, roles, notes, the
    report text) come out of the PDF exactly as written, never interpreted."""
    text = pdf_text_of(build_briefing(poisoned(dataset, "P:"), BriefingRequest(lang="en", **request_args)))
    for kind in kinds:
        assert squeeze(f"P:{kind} {POISON}") in text, kind


def pdf_text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def test_chart_image_carries_its_title_filters_source_and_link(dataset):
    """A chart picture forwarded alone says what it shows: title, filters, source paragraphs and the link are
    drawn inside the SVG, and the PNG is a real PNG."""
    plan = section_chart_plans(dataset, 4, BriefingRequest("section", "zh", 4).filters, "zh")[0]
    from lipu_data.section_charts import prepare_chart

    chart = prepare_chart(plan, "zh", units=dataset.unit_formats)
    spec = explained_chart(chart.spec, title=chart.title, filters="筛选：学校：全部", source="出处：段落 2023-s4-1-p1",
                           link="https://edu.example.org/lipu/resources?lang=zh")
    svg = chart_image(spec, "svg").decode("utf-8")
    for text in (chart.title, "筛选：学校：全部", "2023-s4-1-p1", "https://edu.example.org/lipu/resources?lang=zh"):
        assert text in svg
    assert chart_image(spec, "png").startswith(b"\x89PNG")


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lipu_data", "briefing", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_command_line_writes_a_pdf(tmp_path):
    """`python -m lipu_data briefing --section 6 --lang en -o FILE` exits 0 and writes a PDF."""
    out = tmp_path / "safety.pdf"
    result = run_cli("--section", "6", "--lang", "en", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("args", [("--section", "8"), ("--school", "no_such_school")])
def test_command_line_refuses_unknown_ids_with_exit_2_and_one_line(tmp_path, args):
    """An unknown section or id: exit 2, one clear line on stderr, no file."""
    out = tmp_path / "x.pdf"
    result = run_cli(*args, "-o", str(out))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "unknown" in result.stderr
    assert not out.exists()


def test_page_makes_the_pdf_only_when_asked_and_then_offers_it():
    """/safety opens with a Make PDF button and no PDF built; after the click, a Download PDF button holds the
    briefing of the page's view."""
    at = open_page("safety", lang="en")
    assert not [button for button in at.get("download_button") if button.proto.label == t("download_pdf", "en")]
    at.button(key="make_pdf_safety").click().run()
    assert not at.exception
    labels = [button.proto.label for button in at.get("download_button")]
    assert t("download_pdf", "en") in labels


def test_a_failed_briefing_shows_its_reason_and_keeps_the_page(monkeypatch):
    """When the typesetter fails, the page says why in one message and everything else still shows."""
    at = open_page("publicity", lang="en")
    import lipu_data.briefing as briefing_module

    def broken(*args, **kwargs):
        raise briefing_module.BriefingError("font missing: Noto Sans CJK SC")

    monkeypatch.setattr(briefing_module, "typeset", broken)
    at.button(key="make_pdf_publicity").click().run()
    assert not at.exception
    assert any("font missing" in error.value for error in at.error)
    assert at.get("vega_lite_chart")


@pytest.mark.parametrize("page_key, params", [*((key, {}) for key in ("leadership", "governance", "levels", "resources",
                                                                    "teachers", "safety", "publicity", "sources")),
                                              ("explorer", {"school": "vocational_center"})])
def test_every_section_page_explorer_and_sources_offer_the_pdf(page_key, params):
    """Make PDF is on every section page, on /explorer once a school is chosen, and on /sources (the whole report)."""
    at = open_page(page_key, lang="zh", **params)
    assert at.button(key=f"make_pdf_{page_key}").label == t("make_pdf", "zh")
