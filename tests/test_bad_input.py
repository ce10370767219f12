"""Bad input never breaks a page: arbitrary URL values are ignored with a notice, HTML in the data is shown as
text, and broken data shows the validator's findings instead of partial figures."""

from __future__ import annotations

import csv
import logging
import os
import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

from lipu_data import app_frame, load_dataset, served_data, validate_data_dir
from lipu_data.i18n import DEFAULT_LANGUAGE, normalize_language, t
from lipu_data.sitemap import PAGE_BY_KEY
from lipu_data.markdown import escape_markdown
from tests.apptest_helpers import PAGE_KEYS, info_texts, iter_elements, new_app, open_page, select_point

DATASET = load_dataset()
KNOWN_IDS = {
    "school": set(DATASET.schools["school_id"]),
    "program": set(DATASET.programs["program_id"]),
    "level": set(DATASET.levels["level_id"]),
    "para": set(DATASET.paragraphs["paragraph_id"]),
}
FILTER_PARAMS = ("school", "program", "level")


def notices(at, lang: str) -> list[str]:
    """The page's notices about ignored URL values and unknown parameter names."""
    prefixes = (t("unknown_param", lang, param="\0", value="").split("\0")[0],
                t("unknown_params", lang, n="\0", names="").split("\0")[0])
    return [text for text in info_texts(at) if text.startswith(prefixes)]


def filter_keys(at) -> list[str]:
    return [f"filter_{param}" for param in FILTER_PARAMS if any(box.key == f"filter_{param}" for box in at.selectbox)]


# Arbitrary URL values (Hypothesis).

NASTY = st.sampled_from([
    "", " ", "<script>alert(1)</script>", "<b>x</b>", "**x**", ":red[x]", "$x$", "[x](https://evil.example)",
    "\x00", "\x1b[31m", "\r\n", "%00", "%", "&a=b", "#frag", "?q", "'; DROP TABLE x; --", "../../etc/passwd",
    "學校", "🙂" * 50, "\u202e", "nope", "EN", "en-US", "zh_TW", "x" * 5000,
])
VALUES = st.one_of(NASTY, st.text(max_size=60), st.text(min_size=1000, max_size=5000))
NAMES = st.text(min_size=1, max_size=30).filter(
    lambda name: name not in app_frame.PAGE_PARAMS and name not in app_frame.STREAMLIT_PARAMS)
PARAMS = st.fixed_dictionaries({}, optional={
    "school": VALUES, "program": VALUES, "level": VALUES, "lang": VALUES, "para": VALUES, "q": VALUES,
})
# Heavy pages (many figures and charts) get fewer examples to keep the suite fast.
EXAMPLES = {"overview": 5, "levels": 4, "resources": 4, "explorer": 6}


def run_arbitrary(key: str, params: dict, extra: dict) -> None:
    for name, value in params.items():
        if name in KNOWN_IDS:
            assume(value not in KNOWN_IDS[name])
    at = new_app(key, params={**params, **extra})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    raw_lang = params.get("lang")
    lang = normalize_language(raw_lang) or DEFAULT_LANGUAGE
    assert at.query_params["lang"] == lang
    assert at.title[0].value in (t(f"page_{key}", lang), t("app_title", lang, year=2023))
    # One notice per ignored value (a bad lang, each unknown filter id, a bad ¶ on the sources page), and one
    # for all unknown parameter names together.
    ignored = [name for name in FILTER_PARAMS if name in params]
    if raw_lang is not None and normalize_language(raw_lang) is None:
        ignored.append("lang")
    if key == "sources" and "para" in params:
        ignored.append("para")
    assert len(notices(at, lang)) == len(ignored) + (1 if extra else 0)
    for name in ignored:
        if name != "lang":
            assert name not in at.query_params
    for widget in filter_keys(at):
        assert at.selectbox(key=widget).value == ""


@pytest.mark.parametrize("key", PAGE_KEYS)
def test_arbitrary_url_values_are_ignored(key):
    """Any text in school/program/level/lang/para/q or an unknown parameter name: no exception, a notice per
    ignored value, the parameter dropped, filters on All and the language zh or en."""

    # No shrink phase: each example is a whole page run, and shrinking a 5000-character failure takes minutes.
    @settings(max_examples=EXAMPLES.get(key, 10), deadline=None, database=None,
              phases=(Phase.explicit, Phase.generate),
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
    @given(params=PARAMS, extra=st.dictionaries(NAMES, VALUES, max_size=2))
    def check(params, extra):
        run_arbitrary(key, params, extra)

    check()


def test_very_long_value_keeps_share_link_without_qr_code():
    """A 5000-character ?q= makes a link too long for a QR code: the page still runs and shows the link, no code."""
    at = open_page("leadership", lang="en", q="x" * 5000, opened=("share_box",))
    assert not at.exception, [e.value for e in at.exception]
    [link] = [element.value for element in at.code]
    assert "x" * 5000 in link
    assert not at.image


def test_qr_png_encodes_the_longest_link_the_share_box_shows():
    """qr_png handles a 2000-byte link, the longest one the share box turns into a QR code."""
    base = "https://example.org/lipu/sources?lang=en&q="
    assert app_frame.qr_png(base + "x" * (2000 - len(base))).startswith(b"\x89PNG")


# HTML and markdown in the data are shown as text.

PAYLOAD = "<script>alert(1)</script><b>x</b>"
RAW = re.compile(r"(?<!\\)<script>")


def read_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def write_rows(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def edit(data: Path, table: str, key: str, changes: dict[str, Callable[[str], str]]) -> int:
    """Change cells of the row whose first column is `key`; returns that row's line number (header = 1)."""
    path = data / f"{table}.csv"
    header, rows = read_rows(path)
    for number, row in enumerate(rows, start=2):
        if row[0] == key:
            for column, change in changes.items():
                row[header.index(column)] = change(row[header.index(column)])
            write_rows(path, header, rows)
            return number
    raise LookupError(f"{key} not in {table}.csv")


def append(value: str) -> str:
    return f"{value}{PAYLOAD}"


@pytest.fixture(scope="module")
def html_data(tmp_path_factory, data_dir):
    """A valid copy of data/ with HTML in a school's names, a fact's labels and note, a program's names, a school's
    role, a township's names and the report's title, publisher and source note."""
    copy = tmp_path_factory.mktemp("html") / "data"
    shutil.copytree(data_dir, copy)
    edit(copy, "schools", "binjiang_primary", {"name_zh": append, "name_en": append, "note_en": append})
    edit(copy, "facts", "kg_demo_county_2023", {"label_zh": append, "label_en": append, "note_en": append,
                                                "note_zh": append})
    edit(copy, "programs", "student_aid", {"name_zh": append, "name_en": append, "summary_en": append})
    edit(copy, "school_programs", "binjiang_primary", {"role_zh": append, "role_en": append})
    edit(copy, "townships", "450381202", {"name_zh": append, "name_en": append})
    edit(copy, "reports", "2023", {"title_zh": append, "title_en": append, "publisher_zh": append,
                                   "publisher_en": append, "source_note": append})
    assert validate_data_dir(copy) == []
    return copy


@pytest.fixture(scope="module")
def html_page(html_data):
    """Each view rendered once on the HTML data (several tests read the same run)."""
    cache = {}

    def get(key: str, params: dict, click: tuple | None = None):
        cache_key = (key, tuple(sorted(params.items())), click)
        if cache_key not in cache:
            with pytest.MonkeyPatch.context() as patch:
                patch.setenv(served_data.DATA_DIR_ENV, str(html_data))
                at = new_app(key, params=params)
                at.run()
                if click:
                    chart, selection, point = click
                    select_point(at, chart, selection, [dict(point)])
                    at.run()
            cache[cache_key] = at
        return cache[cache_key]

    return get


KG_CLICK = ("kindergarten_tiers", "pick", (("fact_id", "kg_demo_county_2023"),))
ROLE_CLICK = ("clean_school_roles", "category_pick", (("role", f"Clean-school demonstration point{PAYLOAD}"),))
TOWNSHIP_CLICK = ("projects_by_township", "category_pick", (("township", f"Pulu Yao Ethnic Township{PAYLOAD}"),))
HTML_VIEWS = [
    ("explorer", {"school": "binjiang_primary", "lang": "en"}, None),
    ("explorer", {"program": "student_aid", "lang": "zh"}, None),
    ("explorer", {"lang": "en"}, None),
    ("governance", {"lang": "en"}, None),
    ("levels", {"lang": "en"}, None),
    ("levels", {"lang": "zh"}, KG_CLICK),
    ("governance", {"lang": "en"}, ROLE_CLICK),
    ("resources", {"lang": "en"}, TOWNSHIP_CLICK),
    ("resources", {"program": "student_aid", "lang": "en"}, None),
    ("overview", {"lang": "zh"}, None),
    ("sources", {"para": "2023-s3-1-p1", "lang": "en"}, None),
]
HTML_IDS = ["-".join([key, *params.values(), *(["click"] if click else [])]) for key, params, click in HTML_VIEWS]


def html_allowed(element) -> bool:
    proto = element.proto
    return any(getattr(proto, name, False) is True for name in ("allow_html", "unsafe_allow_html"))


def markdown_strings(element) -> list[str]:
    """The strings of an element that Streamlit renders as markdown."""
    proto = element.proto
    strings = []
    if element.type in ("markdown", "caption", "latex", "divider", "heading", "title", "header", "subheader",
                        "info", "success", "warning", "error", "alert"):
        strings.append(getattr(proto, "body", ""))
    if element.type == "metric":
        strings.extend([proto.label, proto.help])
    if element.type == "expander":
        strings.append(element.label)
    if element.type == "popover":
        strings.append(proto.popover.label)
    return strings


def shown_as_text(at) -> str:
    """Everything shown verbatim: text and code elements, dataframe cells."""
    parts = [element.value for element in at.text] + [element.value for element in at.code]
    for frame in (element.value for element in at.dataframe):
        parts.extend(str(value) for value in frame.to_numpy().ravel())
    return "\n".join(parts)


@pytest.mark.parametrize(("key", "params", "click"), HTML_VIEWS, ids=HTML_IDS)
def test_html_in_data_is_never_rendered_as_html(html_page, key, params, click):
    """No element that allows HTML carries the data's <script>: Streamlit never renders it."""
    at = html_page(key, params, click)
    assert not at.exception
    unsafe = [element.type for element in iter_elements(at) if html_allowed(element)
              and "<script" in str(element.proto)]
    assert not unsafe


@pytest.mark.parametrize(("key", "params", "click"), HTML_VIEWS, ids=HTML_IDS)
def test_html_in_data_is_shown_escaped_or_as_text(html_page, key, params, click):
    """The payload reaches the reader as text: escaped in markdown, or verbatim in text/code/table elements."""
    at = html_page(key, params, click)
    escaped = r"\<script\>"
    in_markdown = any(escaped in text for element in iter_elements(at) for text in markdown_strings(element))
    assert in_markdown or PAYLOAD in shown_as_text(at)


@pytest.mark.parametrize(("key", "params", "click"), HTML_VIEWS, ids=HTML_IDS)
def test_markdown_elements_escape_data_text(html_page, key, params, click):
    """Data text inside markdown-rendered elements (markdown, headings, alerts incl. 'Selected: ...', metric and
    expander labels) is escaped, so names and labels show as written instead of losing their tags."""
    at = html_page(key, params, click)
    raw = sorted({f"{element.type}: {text[:120]}" for element in iter_elements(at)
                  for text in markdown_strings(element) if RAW.search(text)})
    assert not raw


@pytest.mark.parametrize(("key", "params", "click"), [view for view in HTML_VIEWS if view[2]],
                         ids=[view_id for view, view_id in zip(HTML_VIEWS, HTML_IDS) if view[2]])
def test_html_click_views_show_the_selection(html_page, key, params, click):
    """Each clicked view above really shows a 'Selected: ...' notice (so its escaping is checked)."""
    assert html_page(key, params, click).success


@pytest.mark.parametrize("value", ["[x](https://evil.example)", "<script>alert(1)</script>", "**x**"])
def test_url_values_in_notices_are_escaped(value):
    """A notice quotes the ignored URL value escaped, so a crafted link cannot put markdown or HTML in it."""
    at = open_page("leadership", lang="en", school=value)
    [notice] = notices(at, "en")
    assert escape_markdown(value) in notice


# Broken data: the validator's findings instead of a page.

def bad_type(data: Path) -> str:
    edit(data, "facts", "kg_demo_county_2023", {"value": lambda _: "eight"})
    return "facts.csv"


def dangling_key(data: Path) -> str:
    edit(data, "facts", "kg_demo_county_2023", {"school_id": lambda _: "no_such_school"})
    return "facts.csv"


def quote_not_in_paragraph(data: Path) -> str:
    edit(data, "facts", "kg_demo_county_2023", {"quote": lambda _: "县级示范园9999所"})
    return "facts.csv"


def derived_value_wrong(data: Path) -> str:
    edit(data, "facts", "kg_demo_total_2023", {"value": lambda value: str(int(value) + 1)})
    return "facts.csv"


def missing_csv(data: Path) -> str:
    (data / "levels.csv").unlink()
    return "levels.csv"


def malformed_row(data: Path) -> str:
    with open(data / "schools.csv", "a", encoding="utf-8") as handle:
        handle.write('broken_school,"unterminated,x,y\n')
    return "schools.csv"


CORRUPTIONS = {fn.__name__: fn for fn in (bad_type, dangling_key, quote_not_in_paragraph, derived_value_wrong,
                                          missing_csv, malformed_row)}
LOCATION = re.compile(r"^[\w.]+\.(csv|json|txt):\d+(:\w+)?: ", re.MULTILINE)


@pytest.fixture(scope="module")
def corrupted(tmp_path_factory, data_dir):
    """One corrupted copy of data/ per corruption class (made once), with the file its finding names."""
    copies = {}

    def get(corruption: str) -> tuple[Path, str]:
        if corruption not in copies:
            copy = tmp_path_factory.mktemp(corruption) / "data"
            shutil.copytree(data_dir, copy)
            copies[corruption] = (copy, CORRUPTIONS[corruption](copy))
        return copies[corruption]

    return get


@pytest.mark.parametrize("key", PAGE_KEYS)
@pytest.mark.parametrize("corruption", CORRUPTIONS)
def test_broken_data_shows_findings_not_figures(corrupted, monkeypatch, corruption, key):
    """Every page on broken data: no exception, the error title, the findings with file (and row:column where
    there is one), and no figure, chart or table (never partial data)."""
    copy, file_name = corrupted(corruption)
    monkeypatch.setenv(served_data.DATA_DIR_ENV, str(copy))
    lang = "en" if PAGE_KEYS.index(key) % 2 else "zh"
    at = open_page(key, lang=lang)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == t("data_error_title", lang)
    [findings] = [element.value for element in at.main.code]
    assert file_name in findings
    if corruption != "missing_csv":
        assert LOCATION.search(findings), findings
    assert not at.metric
    assert not at.get("vega_lite_chart")
    assert not at.dataframe


@pytest.mark.parametrize("corruption", CORRUPTIONS)
def test_corruption_is_reported_with_location(data_copy, corruption):
    """Each corruption used above is a real validation finding naming its file (so the page test is meaningful)."""
    file_name = CORRUPTIONS[corruption](data_copy)
    assert any(problem.file == file_name or file_name in str(problem) for problem in validate_data_dir(data_copy))


def test_page_recovers_when_data_is_fixed(data_copy, monkeypatch):
    """After the data is fixed the same directory serves the page again (the error is not cached)."""
    monkeypatch.setenv(served_data.DATA_DIR_ENV, str(data_copy))
    line = edit(data_copy, "facts", "kg_demo_county_2023", {"value": lambda _: "eight"})
    assert line > 1
    broken = open_page("teachers", lang="en")
    assert broken.title[0].value == t("data_error_title", "en")
    edit(data_copy, "facts", "kg_demo_county_2023", {"value": lambda _: "8"})
    fixed = open_page("teachers", lang="en")
    assert fixed.title[0].value == t("page_teachers", "en")
    assert PAGE_BY_KEY["teachers"].has_charts and fixed.get("vega_lite_chart")


def test_last_good_data_keeps_serving(data_copy, monkeypatch):
    """Load, corrupt, reload: the page keeps the last valid figures, says the data shown awaits corrections in
    one caption, shows no error page, and the validator's findings go to the server log."""
    monkeypatch.setenv(served_data.DATA_DIR_ENV, str(data_copy))
    good = open_page("levels", lang="en")
    figures = [(metric.label, metric.value) for metric in good.metric]
    assert figures and not any(t("stale_data", "en", version="\0").split("\0")[0] in c.value for c in good.caption)
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    served_data.LOGGER.addHandler(handler)
    try:
        line = edit(data_copy, "facts", "kg_demo_county_2023", {"value": lambda _: "eight"})
        later = time.time() + 5
        os.utime(data_copy / "facts.csv", (later, later))
        stale = open_page("levels", lang="en")
    finally:
        served_data.LOGGER.removeHandler(handler)
    assert not stale.exception, [e.value for e in stale.exception]
    assert stale.title[0].value == t("page_levels", "en")
    assert [(metric.label, metric.value) for metric in stale.metric] == figures
    prefix = t("stale_data", "en", version="\0").split("\0")[0]
    assert len([c for c in stale.caption if prefix in c.value]) == 1
    assert any(f"facts.csv:{line}:value" in record.getMessage() for record in records)


def test_downloads_keep_the_served_version(data_copy, monkeypatch):
    """While an edit awaits corrections, the data package offered is the version shown, not the broken files."""
    monkeypatch.setenv(served_data.DATA_DIR_ENV, str(data_copy))
    original = (data_copy / "facts.csv").read_bytes()
    assert open_page("sources", lang="en").title[0].value == t("page_sources", "en")
    edit(data_copy, "facts", "kg_demo_county_2023", {"value": lambda _: "eight"})
    later = time.time() + 5
    os.utime(data_copy / "facts.csv", (later, later))
    version, stale = served_data.served_version()
    assert stale
    assert version.package.table_bytes("facts") == original != (data_copy / "facts.csv").read_bytes()


def test_error_page_names_files_in_data_only(data_copy, monkeypatch, tmp_path):
    """With no valid version ever loaded, the error page lists findings relative to data/: never the absolute
    data path, and nothing of a file outside data/ that a text_path points to."""
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-LINE-OUTSIDE-DATA\n", encoding="utf-8")
    edit(data_copy, "reports", "2023", {"text_path": lambda _: "../../secret.txt"})
    monkeypatch.setenv(served_data.DATA_DIR_ENV, str(data_copy))
    at = open_page("overview", lang="en")
    assert at.title[0].value == t("data_error_title", "en")
    shown = "\n".join(element.value for element in at.main.code) + "\n".join(e.value for e in at.markdown)
    assert "reports.csv:2:text_path" in shown
    assert "SECRET-LINE" not in shown and str(tmp_path) not in shown and str(data_copy) not in shown


def test_search_query_from_a_link_is_capped_and_one_line():
    """A 5000-character ?q= with line breaks and a heading: the box holds at most 100 characters on one line, the
    address keeps that, and the results line shows it escaped, never as a heading."""
    query = "# Heading\n\n" + "x" * 5000
    at = open_page("sources", lang="en", q=query)
    assert not at.exception
    [box] = [box for box in at.text_input if box.key == "q"]
    assert box.proto.max_chars == 100
    assert len(box.value) <= 100 and "\n" not in box.value
    assert len(at.query_params["q"][0] if isinstance(at.query_params["q"], list) else at.query_params["q"]) <= 100
    lines = [text for element in iter_elements(at) for text in markdown_strings(element) if "Heading" in text]
    assert lines and all("\n" not in text and "\\# Heading" in text for text in lines)


def test_an_unforeseen_load_failure_shows_the_error_page_without_paths(data_copy, monkeypatch):
    """Should loading fail in a way validation did not foresee, a page still runs: the error page names the kind
    of failure, never the exception's text (which may hold absolute paths)."""
    def fail(directory):
        raise RuntimeError(f"cannot read {directory}/secret")

    monkeypatch.setattr(served_data, "load_dataset", fail)
    monkeypatch.setenv(served_data.DATA_DIR_ENV, str(data_copy))
    at = open_page("teachers", lang="en")
    assert not at.exception
    assert at.title[0].value == t("data_error_title", "en")
    [findings] = [element.value for element in at.main.code]
    assert "RuntimeError" in findings and str(data_copy) not in findings and "secret" not in findings
