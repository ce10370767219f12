"""Next year's report without code (issue 20): a fictitious 2024 report added as data only (tests/fixtures/report_2024,
built by tests/next_year.py) validates, and the pages show its figures with their change over 2023, its new measure
on an existing chart and its new chart, in both languages; each mistake made on purpose is named by file, line and
column.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pytest

from lipu_data import DEFAULT_DATA_DIR, load_dataset, validate_data_dir
from lipu_data.i18n import t
from tests.apptest_helpers import metrics_in_every_figure_tab, open_page
from tests.next_year import FIXTURE, build_2024_data

ROOT = Path(__file__).resolve().parents[1]
EDITED = FIXTURE / "edited"  # rows of data/ the 2024 report changes (chart titles, tab labels)
LANGS = ("zh", "en")


def fixture_rows(name: str, folder: Path = FIXTURE) -> list[dict[str, str]]:
    with (folder / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def fixture_row(name: str, column: str, value: str, folder: Path = FIXTURE) -> dict[str, str]:
    [row] = [row for row in fixture_rows(name, folder) if row[column] == value]
    return row


FACTS = {row["fact_id"]: row for row in fixture_rows("facts.csv")}
NEW_CHART = fixture_rows("charts.csv")[0]  # the 2024 report's new chart (teachers: training by tier)
NEW_MEASURE = fixture_row("chart_metrics.csv", "chart_id", "safety_people")  # a new measure on an existing chart


@pytest.fixture(scope="module")
def data_2024(tmp_path_factory):
    """data/ plus the 2024 overlay, built once; the app reads it (LIPU_DATA_DIR) while this module runs."""
    directory = build_2024_data(tmp_path_factory.mktemp("report_2024") / "data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LIPU_DATA_DIR", str(directory))
        yield directory


@pytest.fixture(scope="module")
def page(data_2024):
    """A page opened on the 2024 data, once per page and language (tests only read it or open its tabs)."""
    opened = {}

    def open_once(key: str, lang: str):
        if (key, lang) not in opened:
            opened[key, lang] = open_page(key, lang=lang)
            assert not opened[key, lang].exception, [element.value for element in opened[key, lang].exception]
        return opened[key, lang]

    return open_once


def plain(label: str) -> str:
    """A card's label as the fact's: without the markdown escapes st.metric gets, or the " · Derived" of a derived figure."""
    return label.replace("\\", "").split(" · ")[0]


def cards(at, page_key: str, lang: str) -> dict[str, tuple[str, str]]:
    """Every figure card a reader can reach on a section page (each programme's tab opened): label -> (value, delta)."""
    return {plain(card.label): (card.value, card.proto.delta) for card in metrics_in_every_figure_tab(at, page_key, lang)}


def label(fact_id: str, lang: str) -> str:
    return FACTS[fact_id][f"label_{lang}"]


def chart_rows(element) -> list[dict]:
    """The rows a drawn chart plots (its Arrow dataset)."""
    [dataset] = element.proto.datasets
    return pa.ipc.open_stream(dataset.data.data).read_all().to_pylist()


def chart_title(element) -> str:
    """The chart's title as drawn (the chart fits it to the width: the widest form is the whole title)."""
    return json.dumps(json.loads(element.proto.spec)["title"], ensure_ascii=False)


# The fixture as data --------------------------------------------------------------------------------------------

def test_the_fixture_adds_rows_and_never_copies_data():
    """Every top-level overlay row is new (its primary key is not in data/); every edited row replaces one of data/;
    the overlay's headers are data/'s."""
    descriptor = json.loads((DEFAULT_DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    keys = {resource["path"]: resource["schema"]["primaryKey"] for resource in descriptor["resources"]}

    def key_set(path: Path, columns) -> set[tuple[str, ...]]:
        columns = [columns] if isinstance(columns, str) else columns
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return {tuple(row[column] for column in columns) for row in csv.DictReader(handle)}

    overlays = sorted(FIXTURE.glob("*.csv"))
    assert {path.name for path in overlays} >= {"reports.csv", "paragraphs.csv", "paragraph_translations.csv",
                                                 "facts.csv", "charts.csv", "chart_metrics.csv"}
    for overlay in [*overlays, *sorted(EDITED.glob("*.csv"))]:
        shipped = DEFAULT_DATA_DIR / overlay.name
        assert overlay.read_text(encoding="utf-8").splitlines()[0] == shipped.read_text(encoding="utf-8-sig").splitlines()[0]
        new, old = key_set(overlay, keys[overlay.name]), key_set(shipped, keys[overlay.name])
        assert (new & old) == (new if overlay.parent == EDITED else set()), overlay


def test_the_report_text_says_it_is_fictitious():
    """No one mistakes the fixture for the bureau's report: its title line says it is invented test data."""
    [text] = (FIXTURE / "report").glob("*.txt")
    first_line = next(line for line in text.read_text(encoding="utf-8").splitlines() if line.strip())
    assert "测试用虚构数据" in first_line
    assert "fictitious" in fixture_rows("reports.csv")[0]["title_en"]


def test_the_builder_never_writes_into_data(tmp_path):
    """build_2024_data refuses data/ itself and a directory that exists."""
    with pytest.raises(ValueError):
        build_2024_data(DEFAULT_DATA_DIR)
    with pytest.raises(ValueError):
        build_2024_data(tmp_path)


def test_the_builder_command_prints_the_directory(tmp_path):
    """`python -m tests.next_year <dir>` builds the 2024 data there and prints the directory, for LIPU_DATA_DIR."""
    target = tmp_path / "lipu-2024"
    done = subprocess.run([sys.executable, "-m", "tests.next_year", str(target)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(target.resolve())
    assert (target / "report" / "lipu-education-2024.txt").is_file()


# Validation accepts it --------------------------------------------------------------------------------------------

def test_validation_accepts_the_2024_report(data_2024):
    """`python -m lipu_data validate <dir>` finds no problem and exits 0; the loader sees two reports."""
    assert validate_data_dir(data_2024) == []
    done = subprocess.run([sys.executable, "-m", "lipu_data", "validate", str(data_2024)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    dataset = load_dataset(data_2024)
    assert sorted(dataset.reports["year"]) == [2023, 2024]
    assert set(dataset.facts.loc[dataset.facts["report_year"] == 2024, "fact_id"]) == set(FACTS)


# The pages show it ------------------------------------------------------------------------------------------------

# (page, 2024 fact, its card's value and the start of its change over 2023, per language)
FIGURES = [
    ("levels", "gaokao_tier1_admitted_2024", {"zh": ("502 人", "+34 人"), "en": ("502", "+34")}),
    ("levels", "kg_demo_regional_2024", {"zh": ("3", "+1"), "en": ("3", "+1")}),
    ("resources", "student_aid_beneficiaries_2024", {"zh": ("27030 人次", "+885 人次"),
                                                     "en": ("27,030 person-times", "+885 person-times")}),
    ("safety", "legal_vice_principals_2024", {"zh": ("52 人", "+3 人"), "en": ("52", "+3")}),
]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("page_key", "fact_id", "expected"), FIGURES, ids=[case[1] for case in FIGURES])
def test_a_page_shows_the_2024_figure_and_its_change(page, page_key, fact_id, expected, lang):
    """The section page's card of a metric the 2024 report states again shows the 2024 value and its change over 2023."""
    shown = cards(page(page_key, lang), page_key, lang)
    value, delta = shown[label(fact_id, lang)]
    want_value, want_delta = expected[lang]
    assert value == want_value
    assert delta.split(" ")[0] == want_delta.split(" ")[0] and delta.startswith(want_delta)


@pytest.mark.parametrize("lang", LANGS)
def test_a_change_between_lower_bounds_is_not_claimed(page, lang):
    """600多 in 2024 after 500多 in 2023: the change is not known, so the card shows the bound and no change."""
    value, delta = cards(page("publicity", lang), "publicity", lang)[label("wechat_articles_2024", lang)]
    assert value == {"zh": "600多", "en": "more than 600"}[lang]
    assert not delta


@pytest.mark.parametrize("lang", LANGS)
def test_a_page_shows_the_2024_report_not_2023(page, lang):
    """A section page shows the newest report's section: 2023's figures of a metric 2024 restates are gone, and so
    are 2023's figures 2024 does not restate (the student loans)."""
    shown = cards(page("resources", lang), "resources", lang)
    assert label("construction_spending_2024", lang) in shown
    dataset = load_dataset(DEFAULT_DATA_DIR)
    loans = dataset.facts.set_index("fact_id").loc["student_loans_amount_2023", f"label_{lang}"]
    assert loans not in shown


@pytest.mark.parametrize("lang", LANGS)
def test_the_new_measure_is_on_its_existing_chart(page, lang):
    """One chart_metrics.csv row put the 2024 report's new metric (people trained in campus safety) on the
    existing safety chart, beside the 2024 figures of the chart's other metrics, labelled in the reader's language."""
    at = page("safety", lang)
    [element] = at.get("vega_lite_chart")
    rows = chart_rows(element)
    fact_id = f"{NEW_MEASURE['metric']}_2024"
    [plotted] = [row for row in rows if row["fact_id"] == fact_id]
    assert plotted["label"] == label(fact_id, lang) and plotted["value"] == 1260
    assert {row["fact_id"] for row in rows} == {"legal_vice_principals_2024", "drowning_deaths_2024", fact_id}
    edited = fixture_row("charts.csv", "chart_id", "safety_people", EDITED)
    assert edited[f"title_{lang}"] in chart_title(element)


@pytest.mark.parametrize("lang", LANGS)
def test_the_new_chart_is_drawn_in_its_tab(page, lang):
    """One charts.csv row and its chart_metrics.csv rows give the teachers page a second chart: the page's charts sit
    in tabs labelled as charts.csv says (the honours tab only when the report names honours: 2024's names none),
    and the new one, opened, draws the three 2024 training figures."""
    at = page("teachers", lang)
    tab_labels = [tab.label for tab in at.tabs]
    assert NEW_CHART[f"tab_{lang}"] in tab_labels
    at.session_state[f"teachers_charts_{lang}"] = NEW_CHART[f"tab_{lang}"]
    at.run()
    assert not at.exception
    [element] = at.get("vega_lite_chart")
    assert NEW_CHART[f"title_{lang}"] in chart_title(element)
    measures = [row["metric"] for row in fixture_rows("chart_metrics.csv") if row["chart_id"] == NEW_CHART["chart_id"]]
    assert [row["label"] for row in chart_rows(element)] == [label(f"{metric}_2024", lang) for metric in measures]


# (headline metric's 2024 fact, its card's value per language)
HEADLINES = [
    ("gaokao_tier1_admitted_2024", {"zh": "502 人", "en": "502"}),
    ("kg_demo_total_2024", {"zh": "16", "en": "16"}),
    ("construction_spending_2024", {"zh": "2517.36 万元", "en": "25,173,600 yuan"}),
    ("legal_vice_principals_2024", {"zh": "52 人", "en": "52"}),
    ("wechat_articles_2024", {"zh": "600多", "en": "more than 600"}),
    ("teacher_training_national_2024", {"zh": "320 人次", "en": "320 person-times"}),  # new headline (page_items.csv)
    ("safety_trained_staff_2024", {"zh": "1260 人", "en": "1,260"}),  # the new measure, as a headline too
]


@pytest.mark.parametrize("lang", LANGS)
def test_the_overview_headlines_show_2024(page, lang):
    """The overview's headline figures are the 2024 report's where it restates them, and page_items.csv rows add
    the 2024 report's new metrics as headlines."""
    shown = {plain(card.label): card.value for card in page("overview", lang).metric}
    assert {fact_id: shown.get(label(fact_id, lang)) for fact_id, _ in HEADLINES} == {
        fact_id: values[lang] for fact_id, values in HEADLINES}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page_key", ["levels", "resources", "teachers", "safety", "publicity"])
def test_the_briefing_has_the_pages_charts(page, data_2024, page_key, lang):
    """A section's PDF briefing typesets as many charts as its page offers (one per tab, or the one drawn)."""
    from lipu_data.briefing import BriefingRequest, briefing_document
    from lipu_data.sitemap import PAGE_BY_KEY

    at = page(page_key, lang)
    dataset = load_dataset(data_2024)
    page_charts = dataset.charts[dataset.charts["page"] == page_key]
    tab_labels = set(page_charts[f"tab_{lang}"].dropna())
    shown = [tab for tab in at.tabs if tab.label in tab_labels] if len(page_charts) > 1 else at.get("vega_lite_chart")
    _, chart_specs = briefing_document(dataset, BriefingRequest("section", lang, section=PAGE_BY_KEY[page_key].section))
    assert len(chart_specs) == len(shown) > 0


# Found with the 2024 data, and fixed: changes, baselines, titles and years follow the newest report -------------

@pytest.mark.parametrize(("lang", "want"), [("zh", "+285.28"), ("en", "+2,852,800")])
def test_a_change_is_written_at_the_figures_precision(page, lang, want):
    """2517.36 - 2232.08 万元 is 285.28 万元 (2,852,800 yuan), as the report would write it."""
    value, delta = cards(page("resources", lang), "resources", lang)[label("construction_spending_2024", lang)]
    assert delta.split(" ")[0] == want


@pytest.mark.parametrize(("lang", "want"), [("zh", "比 2023 年"), ("en", "vs 2023")])
def test_a_change_names_2023_as_its_baseline(page, lang, want):
    """The 2024 report's figure compared with the 2023 report's figure for 2023 says so, as "vs 2022" does for 2022."""
    shown = cards(page("levels", lang), "levels", lang)
    deltas = [shown[label(fact_id, lang)][1] for fact_id in ("gaokao_tier1_admitted_2024", "kg_demo_total_2024")]
    assert all(delta.endswith(want) for delta in deltas), deltas


@pytest.mark.parametrize("lang", LANGS)
def test_the_title_names_the_newest_report(page, lang):
    at = page("overview", lang)
    assert "2024" in at.title[0].value
    assert "2023" not in at.title[0].value


@pytest.mark.parametrize("lang", LANGS)
def test_a_section_without_2024_figures_does_not_blame_the_filters(page, lang):
    """/governance has no 2024 figures and no filter is set: it says the report part has none, not the filters."""
    texts = [info.value for info in page("governance", lang).info]
    assert t("section_without_figures", lang) in texts
    assert t("no_figures_more_below", lang) not in texts


@pytest.mark.parametrize("lang", LANGS)
def test_a_page_shows_only_the_newest_reports_honours(page, lang):
    """The 2024 report names no honours: /teachers shows none of 2023's (it shows one report, not a mix)."""
    at = page("teachers", lang)
    honours_tab = fixture_row("charts.csv", "chart_id", "teacher_honours", EDITED)[f"tab_{lang}"]
    assert honours_tab not in [tab.label for tab in at.tabs]
    people = t("people_count", lang, count=0).split("0")[0]  # "People the report names (" without the count
    assert not [expander for expander in at.expander if expander.label.startswith(people)]


@pytest.mark.parametrize("lang", LANGS)
def test_about_the_report_is_the_newest_report(page, lang):
    report = fixture_rows("reports.csv")[0]
    assert any(report[f"title_{lang}"] in element.value.replace("\\", "") for element in page("overview", lang).markdown)


@pytest.mark.parametrize("lang", LANGS)
def test_a_report_without_dated_events_says_so_instead_of_an_empty_timeline(page, lang):
    """The 2024 fixture records no events: the overview says the 2024 report has none and offers no chart of them."""
    at = page("overview", lang)
    assert t("timeline_empty", lang, year=2024) in [caption.value for caption in at.caption]
    assert not [expander for expander in at.expander if expander.label == t("timeline_chart", lang)]


@pytest.mark.parametrize("lang", LANGS)
def test_the_projects_chart_counts_only_the_newest_reports_projects(page, data_2024, lang):
    """The 2024 report lists no project rows, so the resources page offers no chart of new projects by township."""
    projects_tab = load_dataset(data_2024).charts.set_index("chart_id").loc["projects_by_township", f"tab_{lang}"]
    assert projects_tab not in [tab.label for tab in page("resources", lang).tabs]


# Mistakes made on purpose are named by file, line and column ------------------------------------------------------

def _table_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _csv_line(cells: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(cells)
    return buffer.getvalue()


def append_row(directory: Path, table: str, values: dict[str, str]) -> int:
    """Append a row (missing cells empty); returns its line number (header = 1)."""
    path = directory / table
    lines = _table_lines(path)
    header = next(csv.reader([lines[0]]))
    lines.append(_csv_line([values.get(column, "") for column in header]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def edit_cell(directory: Path, table: str, key: tuple[str, str], column: str, value: str) -> int:
    """Set one cell of the row whose `key[0]` column is `key[1]`; returns the row's line number."""
    path = directory / table
    lines = _table_lines(path)
    header = next(csv.reader([lines[0]]))
    for number, line in enumerate(lines[1:], start=2):
        cells = next(csv.reader([line]))
        if cells[header.index(key[0])] == key[1]:
            cells[header.index(column)] = value
            lines[number - 1] = _csv_line(cells)
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            return number
    raise LookupError(f"{table}: no row with {key[0]} = {key[1]}")


# name -> (the mistake: directory -> its line, file, column, a word of the message)
MISTAKES = {
    "measure_in_another_unit": (lambda d: append_row(d, "chart_metrics.csv", {
        "chart_id": "safety_people", "position": "5", "metric": "construction_spending"}),
        "chart_metrics.csv", "metric", "one unit"),
    "measure_of_unknown_metric": (lambda d: append_row(d, "chart_metrics.csv", {
        "chart_id": NEW_CHART["chart_id"], "position": "4", "metric": "teacher_training_county"}),
        "chart_metrics.csv", "metric", "not a metric"),
    "new_chart_without_tab_label": (lambda d: edit_cell(d, "charts.csv", ("chart_id", NEW_CHART["chart_id"]), "tab_zh", ""),
                                    "charts.csv", "tab_zh", "tab label"),
    "quote_not_in_paragraph": (lambda d: edit_cell(d, "facts.csv", ("fact_id", "legal_vice_principals_2024"), "quote",
                                                   "选聘52名骨干担任学校法治副校长"),
                               "facts.csv", "quote", "not found"),
    "value_not_in_quote": (lambda d: edit_cell(d, "facts.csv", ("fact_id", "legal_vice_principals_2024"), "value", "53"),
                           "facts.csv", "value", "does not occur"),
    "headline_of_unknown_metric": (lambda d: append_row(d, "page_items.csv", {
        "page": "teachers", "item": "headline", "position": "3", "ref": "teacher_training_total"}),
        "page_items.csv", "ref", "not a metric"),
    "chart_on_unknown_page": (lambda d: edit_cell(d, "charts.csv", ("chart_id", NEW_CHART["chart_id"]), "page", "training"),
                              "charts.csv", "page", "not one of"),
}


@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_a_mistake_is_named_by_file_line_and_column(data_2024, tmp_path, mistake):
    """One wrong edit of the 2024 data: validation reports exactly that cell, and says what is wrong."""
    make, file, column, word = MISTAKES[mistake]
    broken = tmp_path / "data"
    shutil.copytree(data_2024, broken)
    line = make(broken)
    problems = validate_data_dir(broken)
    assert [(problem.file, problem.row, problem.column) for problem in problems] == [(file, line, column)], problems
    assert word in problems[0].message


def test_the_command_prints_file_line_column(data_2024, tmp_path):
    """`python -m lipu_data validate` prints a mistake as file:line:column: message and exits non-zero."""
    broken = tmp_path / "data"
    shutil.copytree(data_2024, broken)
    line = MISTAKES["measure_of_unknown_metric"][0](broken)
    done = subprocess.run([sys.executable, "-m", "lipu_data", "validate", str(broken)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, env={**os.environ, "LIPU_DATA_DIR": ""})
    assert done.returncode != 0
    assert f"chart_metrics.csv:{line}:metric: 'teacher_training_county' is not a metric" in done.stdout + done.stderr
