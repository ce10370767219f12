"""Pages (AppTest): every page renders in both languages, filters and chart clicks narrow the view as the data
says, links (language, filters, share box) round-trip, and every shown figure carries its source."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest

from lipu_data import app_frame, filters, mentions, metrics, profiles, provenance
from lipu_data.section_charts import chart_metric_ids
from lipu_data.i18n import t
from lipu_data.markdown import escape_markdown
from lipu_data.sitemap import PAGE_BY_KEY
from lipu_data.tables import notes_frame, projects_frame, table_list, timeline_frame
from tests.apptest_helpers import (
    CHART_PAGE_KEYS,
    PAGE_KEYS,
    cards_in_every_figure_tab,
    chart_specs,
    chart_tab_keys,
    figure_tab_labels,
    has_chart_key,
    info_texts,
    metric_labels,
    metrics_in_every_figure_tab,
    new_app,
    open_chart_tab,
    open_page,
    select_point,
    share_codes,
    success_texts,
)

LANGS = ("zh", "en")
SCHOOL_ROWS = "rows_governance_schools"  # the named schools' table on /governance, built when opened



@pytest.fixture(scope="module")
def rendered():
    """Each page × language rendered once per module (several tests read the same run)."""
    cache = {}

    def get(key: str, lang: str):
        if (key, lang) not in cache:
            cache[key, lang] = open_page(key, lang=lang)
        return cache[key, lang]

    return get


def card_label(row: pd.Series, lang: str) -> str:
    """The label a figure card shows for a fact (escaped; derived figures say so)."""
    label = escape_markdown(row[f"label_{lang}"] or row["label_zh"])
    if row["kind"] == "derived":
        label = f"{label} · {provenance.kind_text(row, lang)}"
    return label


def latest_rows(facts: pd.DataFrame) -> pd.DataFrame:
    """Each metric's row with the latest period (a span counts by its end), written in plain pandas."""
    ends = facts["period"].astype(str).str.split("/").str[-1]
    return facts.assign(_end=ends).sort_values("_end", kind="stable").groupby("metric").tail(1)


def expected_cards(facts: pd.DataFrame, lang: str) -> list[str]:
    return sorted(card_label(row, lang) for _, row in latest_rows(facts).iterrows())


def notices(at, lang: str) -> list[str]:
    """The page's notices about ignored URL values."""
    prefix = t("unknown_param", lang, param="\0", value="").split("\0")[0]
    return [text for text in info_texts(at) if text.startswith(prefix)]


def frame_with_column(at, column: str) -> pd.DataFrame:
    """The page's table with that column: the last one (a chart's own data table comes before it)."""
    frames = [element.value for element in at.dataframe if column in element.value.columns]
    assert frames, f"no table with a {column!r} column"
    return frames[-1]


# Every page, both languages.

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("key", PAGE_KEYS)
def test_page_runs_without_exception(rendered, key, lang):
    """Each page, opened alone (as by a deep link), runs to the end in each language."""
    at = rendered(key, lang)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "page shows no title"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("key", PAGE_KEYS)
def test_page_title_is_localized(rendered, key, lang):
    """The page title is the page's name from i18n (the app title on the overview)."""
    expected = t("app_title", lang, year=2023) if PAGE_BY_KEY[key].url_path == "" else t(f"page_{key}", lang)
    assert rendered(key, lang).title[0].value == expected


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("key", CHART_PAGE_KEYS)
def test_chart_pages_show_a_chart(rendered, key, lang):
    """Every page the sitemap marks as having charts shows at least one, each with a title."""
    specs = chart_specs(rendered(key, lang))
    assert specs
    assert all(spec.get("title") for spec in specs)


@pytest.mark.parametrize("key", ["overview", "governance", "levels", "resources", "teachers", "safety", "publicity"])
def test_english_page_shows_english_fact_labels(rendered, dataset, key):
    """In English, figure cards carry the facts' English labels (of the page's section; any on the overview)."""
    section = PAGE_BY_KEY[key].section
    facts = dataset.facts if section is None else dataset.facts[dataset.facts["section"] == section]
    english = {escape_markdown(label) for label in facts["label_en"] if label}
    labels = metric_labels(rendered(key, "en"))
    assert labels
    assert all(label.split(" · ")[0] in english for label in labels)


def test_english_leadership_page_names_measures_in_english(rendered, dataset):
    """The leadership page (no figures) names its measures by their English names in English."""
    at = rendered("leadership", "en")
    names = dataset.programs.loc[dataset.programs["section"] == 1, "name_en"]
    bodies = {element.value for element in at.markdown}
    assert all(f"**{escape_markdown(name)}**" in bodies for name in names)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("key", PAGE_KEYS)
def test_language_is_written_back_to_the_url(rendered, key, lang):
    """The resolved language is in the address, so a copied link opens in the same language."""
    assert rendered(key, lang).query_params.get("lang") == lang


# Language resolution.

@pytest.mark.parametrize(("locale", "lang"), [("en-US", "en"), ("en-GB", "en"), ("zh-CN", "zh"), ("fr-FR", "zh"),
                                              (None, "zh")])
def test_default_language_follows_browser_locale(locale, lang):
    """Without ?lang, English locales get English and everything else Chinese."""
    at = open_page("leadership", locale=locale)
    assert at.title[0].value == t("page_leadership", lang)
    assert at.query_params["lang"] == lang


def test_lang_param_overrides_locale():
    """?lang=en wins over a Chinese browser locale."""
    at = open_page("leadership", locale="zh-CN", lang="en")
    assert at.title[0].value == t("page_leadership", "en")


@pytest.mark.parametrize(("locale", "fallback"), [("en-US", "en"), ("fr-FR", "zh")])
def test_invalid_lang_shows_notice_and_falls_back(locale, fallback):
    """?lang=xx is ignored with a notice; the page uses the locale's language and the URL says so."""
    at = open_page("leadership", locale=locale, lang="xx")
    assert not at.exception
    assert any("lang=xx" in text for text in info_texts(at))
    assert at.title[0].value == t("page_leadership", fallback)
    assert at.query_params["lang"] == fallback


def test_language_switch_changes_page_and_url():
    """Choosing English in the sidebar switch re-renders in English and writes lang=en to the URL."""
    at = open_page("leadership", lang="zh")
    at.segmented_control(key="lang_switch").set_value("en").run()
    assert at.title[0].value == t("page_leadership", "en")
    assert at.query_params["lang"] == "en"


# Filters from the URL narrow the page exactly as the data says.

def test_levels_level_filter_matches_data(dataset):
    """levels?level=preschool shows exactly the latest figures of section 3's preschool facts."""
    at = open_page("levels", lang="en", level="preschool")
    section = dataset.facts[dataset.facts["section"] == 3]
    expected = expected_cards(section[section["level"] == "preschool"], "en")
    assert expected and len(expected) < len(expected_cards(section, "en"))
    assert sorted(cards_in_every_figure_tab(at, "levels", "en")) == expected
    assert at.selectbox(key="filter_level").value == "preschool"


def test_resources_program_filter_matches_data(dataset):
    """resources?program=student_aid shows exactly the latest figures of section 4's student-aid facts."""
    at = open_page("resources", lang="en", program="student_aid")
    section = dataset.facts[dataset.facts["section"] == 4]
    expected = expected_cards(section[section["program_id"] == "student_aid"], "en")
    assert expected and len(expected) < len(expected_cards(section, "en"))
    assert sorted(cards_in_every_figure_tab(at, "resources", "en")) == expected


def test_governance_school_filter_matches_data(dataset):
    """governance?school=binjiang_primary lists only that school's clean-school roles, and its figures only."""
    at = open_page("governance", lang="en", school="binjiang_primary", opened=(SCHOOL_ROWS,))
    programs = set(dataset.programs.loc[dataset.programs["section"] == 2, "program_id"])
    links = dataset.school_programs
    expected = links[links["program_id"].isin(programs) & (links["school_id"] == "binjiang_primary")]
    shown = frame_with_column(at, t("role", "en"))
    names = dataset.schools.set_index("school_id")["name_en"]
    assert len(expected) > 0
    assert sorted(shown[t("filter_school", "en")]) == sorted(names[expected["school_id"]])
    assert sorted(shown[t("source", "en")]) == sorted(expected["quote"])
    section = dataset.facts[dataset.facts["section"] == 2]
    assert len(at.metric) == int((section["school_id"] == "binjiang_primary").sum())


def test_governance_unfiltered_lists_every_named_school(dataset):
    """Without a filter the governance table lists every school-program link of section 2."""
    at = open_page("governance", lang="en", opened=(SCHOOL_ROWS,))
    programs = set(dataset.programs.loc[dataset.programs["section"] == 2, "program_id"])
    expected = dataset.school_programs[dataset.school_programs["program_id"].isin(programs)]
    assert len(frame_with_column(at, t("role", "en"))) == len(expected) > 1


EXPLORER_CASES = [
    {"school": "vocational_center"},
    {"program": "student_aid"},
    {"school": "vocational_center", "program": "vocational_education"},
]


@pytest.mark.parametrize("chosen", EXPLORER_CASES, ids=lambda chosen: "+".join(chosen.values()))
def test_explorer_counts_equal_mentions(dataset, chosen):
    """The explorer's mention counts equal what lipu_data.mentions returns for the same choice."""
    at = open_page("explorer", lang="en", **chosen)
    found = mentions(dataset, school=chosen.get("school"), program=chosen.get("program"))
    counts = found.counts
    both = len(chosen) == 2
    related = (counts["programs"] if "program" not in chosen else
               counts["schools"] if "school" not in chosen else counts["school_programs"])
    paragraphs = len(profiles.intersection_paragraphs(dataset, found)) if both else counts["paragraphs"]
    # The count cards, in page order: figures, projects, honours, events, related rows, paragraphs.
    expected = [counts["facts"], counts["projects"], counts["honours"], counts["events"], related, paragraphs]
    assert [element.value for element in at.metric[:6]] == [str(value) for value in expected]
    for param, value in chosen.items():
        assert at.selectbox(key=f"filter_{param}").value == value


def test_explorer_pair_with_nothing_in_common_says_so_in_one_line(dataset):
    """A school and a programme the report never mentions together: one line saying so, links to each on its own,
    and no row of zero counts."""
    assert not profiles.intersection_paragraphs(dataset, mentions(dataset, school="vocational_center", program="student_aid"))
    at = open_page("explorer", lang="en", school="vocational_center", program="student_aid")
    assert not at.exception
    assert any(text.startswith("The report says nothing that concerns both") for text in info_texts(at))
    assert not at.metric


def test_explorer_offers_a_schools_own_programmes_first(dataset):
    """With a school chosen, the programme list starts with the programmes the report links to it; the others
    follow, marked as not linked."""
    at = open_page("explorer", lang="en", school="vocational_center")
    linked = set(mentions(dataset, school="vocational_center").programs["program_id"])
    options = at.selectbox(key="filter_program").options
    marked = [option for option in options if option.endswith("(not linked to the chosen school)")]
    assert len(options) - 1 - len(marked) == len(linked) > 0  # "All" first, then the school's own
    assert options[1 + len(linked):] == marked


def test_clear_filters_button_resets_every_filter_and_the_address():
    """Wherever a filter is set, a button clears them all, in the widgets and in the URL."""
    at = open_page("levels", lang="en", level="preschool", program="kindergarten_groups")
    at.button(key="clear_filters").click().run()
    assert at.selectbox(key="filter_level").value is None or at.selectbox(key="filter_level").value == ""
    assert "level" not in at.query_params and "program" not in at.query_params
    assert not [button for button in at.button if button.key == "clear_filters"]


def test_a_school_with_no_figures_is_not_told_nothing_above_content(dataset):
    """/levels?school=lipu_kindergarten: no figures, but the named-schools table lists it: the page says it has
    no figures yet more below, once, with a link to the explorer's view of that kindergarten."""
    at = open_page("levels", lang="en", school="lipu_kindergarten")
    texts = info_texts(at)
    assert t("no_figures_more_below", "en") in texts
    assert t("nothing_matches", "en") not in texts and texts.count(t("no_figures_more_below", "en")) == 1
    assert any("school=lipu_kindergarten" in str(element.proto) for element in at.get("page_link")) or any(
        "school=lipu_kindergarten" in markdown.value for markdown in at.markdown)
    assert [expander for expander in at.expander if expander.label.startswith(t("schools_named", "en", count=1)[:10])]


# Filters through the widgets.

def test_level_widget_narrows_page_and_writes_url(dataset):
    """Choosing a level in the selectbox narrows the figures and puts level=<id> in the URL."""
    at = open_page("levels", lang="en")
    before = figure_tab_labels(at, "en")
    at.selectbox(key="filter_level").set_value("preschool").run()
    section = dataset.facts[dataset.facts["section"] == 3]
    assert at.query_params.get("level") == "preschool"
    assert len(figure_tab_labels(at, "en")) < len(before)
    assert sorted(cards_in_every_figure_tab(at, "levels", "en")) == expected_cards(
        section[section["level"] == "preschool"], "en")


def test_choosing_all_removes_the_filter_from_url(dataset):
    """Choosing "" (All) again drops `level` from the URL and shows every figure."""
    at = open_page("levels", lang="en", level="preschool")
    at.selectbox(key="filter_level").set_value("").run()
    assert "level" not in at.query_params
    assert sorted(cards_in_every_figure_tab(at, "levels", "en")) == expected_cards(
        dataset.facts[dataset.facts["section"] == 3], "en")


def test_school_widget_narrows_governance_and_writes_url():
    """Choosing a school on the governance page narrows its table and writes school=<id> to the URL."""
    at = open_page("governance", lang="zh", opened=(SCHOOL_ROWS,))
    at.selectbox(key="filter_school").set_value("binjiang_primary").run()
    assert set(frame_with_column(at, t("role", "zh"))[t("filter_school", "zh")]) == {"滨江小学"}
    assert at.query_params.get("school") == "binjiang_primary"


# Deep links.

DEEP_LINKS = [
    ("levels", {"school": "vocational_center", "program": "vocational_education", "level": "vocational", "lang": "en"}),
    ("resources", {"program": "student_aid", "level": "all", "lang": "zh"}),
    ("governance", {"school": "binjiang_primary", "program": "clean_schools", "lang": "en"}),
    ("explorer", {"school": "vocational_center", "program": "vocational_education", "lang": "zh"}),
    ("safety", {"program": "drowning_prevention", "lang": "en"}),
]


@pytest.mark.parametrize(("key", "params"), DEEP_LINKS, ids=[key for key, _ in DEEP_LINKS])
def test_deep_link_opens_the_linked_view(key, params):
    """A shared link with ids opens the page with each filter set to that id, in the link's language."""
    at = open_page(key, **params)
    assert not at.exception
    assert not notices(at, params["lang"])
    for param in ("school", "program", "level"):
        if param in params:
            assert at.selectbox(key=f"filter_{param}").value == params[param]
            assert at.query_params[param] == params[param]
    assert at.title[0].value == t(f"page_{key}", params["lang"])


# Unknown values are ignored with a notice.

UNKNOWN = [
    ("governance", "school", "nope"),
    ("governance", "program", "<script>alert(1)</script>"),
    ("levels", "level", ""),
    ("governance", "school", ["binjiang_primary", "nope"]),
]


@pytest.mark.parametrize(("key", "param", "value"), UNKNOWN, ids=[f"{k}-{p}-{v!r}" for k, p, v in UNKNOWN])
def test_unknown_filter_value_is_dropped_with_notice(key, param, value):
    """An unknown id (or a repeated parameter whose last value is unknown) is ignored: notice, removed, All shown."""
    at = open_page(key, lang="en", **{param: value})
    assert not at.exception
    assert any(text.startswith(f"The link's {param}=") for text in notices(at, "en"))
    assert param not in at.query_params
    assert at.selectbox(key=f"filter_{param}").value == ""


def test_repeated_parameter_uses_its_last_valid_value():
    """school=nope&school=binjiang_primary opens the valid last value, reduced to one parameter."""
    at = open_page("governance", lang="en", school=["nope", "binjiang_primary"])
    assert not at.exception
    assert at.selectbox(key="filter_school").value == "binjiang_primary"
    assert at.query_params["school"] == "binjiang_primary"


def test_unknown_parameter_name_shows_notice():
    """A parameter the app does not know (?foo=bar) is reported by name and never breaks the page."""
    at = open_page("levels", lang="en", foo="bar")
    assert not at.exception
    assert any("foo" in text for text in info_texts(at) if text.startswith(unknown_names_prefix("en")))


def unknown_names_prefix(lang: str) -> str:
    return t("unknown_params", lang, n="\0", names="").split("\0")[0]


def test_many_unknown_parameters_share_one_notice():
    """A link with a hundred unknown parameters gets one notice (with their count), not a hundred."""
    at = open_page("leadership", lang="en", **{f"p{number}": "x" for number in range(100)})
    assert not at.exception
    notices = [text for text in info_texts(at) if text.startswith(unknown_names_prefix("en"))]
    assert len(notices) == 1 and "100" in notices[0]


# Chart clicks narrow the page.

def test_clicking_a_kindergarten_bar_narrows_to_that_fact(dataset):
    """A click on the county-level bar shows 'Selected: ...' and only that figure's card."""
    at = open_page("levels", lang="en")
    select_point(at, "kindergarten_tiers", "pick", [{"fact_id": "kg_demo_county_2023"}])
    at.run()
    fact = dataset.facts.set_index("fact_id").loc["kg_demo_county_2023"]
    [selected] = success_texts(at)
    assert selected.startswith(t("selected", "en", label=escape_markdown(fact["label_en"])))
    assert f"“{escape_markdown(fact['quote'])}”" in selected
    assert metric_labels(at) == [escape_markdown(fact["label_en"])]
    assert list(at.query_params.keys()) == ["lang"]


def test_a_click_on_a_figure_the_filters_then_remove_is_ignored(dataset):
    """A bar clicked under one program, then another program chosen: the chart (kept by the browser) may
    still hold that click, but the page shows the new program's figures instead of narrowing to nothing."""
    at = open_page("resources", lang="en", program="infrastructure")
    select_point(at, "spending", "pick", [{"fact_id": "construction_spending_2023"}])
    at.run()
    assert len(success_texts(at)) == 1
    at.selectbox(key="filter_program").set_value("informatization").run()
    section = metrics.section_facts(dataset, 4)
    expected = latest_rows(section[section["program_id"] == "informatization"])
    assert not success_texts(at)
    assert len(at.metric) == len(expected) > 0


def test_clicking_a_township_bar_narrows_projects(dataset):
    """A click on a township in 'new construction projects by township' keeps only that township's construction
    projects in the table under the chart."""
    projects = dataset.projects[dataset.projects["program_id"].isin(
        dataset.programs.loc[dataset.programs["section"] == 4, "program_id"]) & (dataset.projects["kind"] == "construction")]
    frame = projects_frame(dataset, projects, "en")
    township = frame["township"].value_counts().index[0]
    expected = sorted(frame.loc[frame["township"] == township, "name"])
    assert 0 < len(expected) < len(frame)
    at = open_page("resources", lang="en")
    select_point(at, "projects_by_township", "category_pick", [{"township": township}])
    at.run()
    assert t("selected", "en", label=township) in success_texts(at)
    narrowed, others = [element.value for element in at.dataframe if t("status", "en") in element.value.columns]
    assert sorted(narrowed[t("label", "en")]) == expected
    it_rooms = dataset.projects[dataset.projects["kind"] == "it"]
    assert set(others[t("label", "en")]) == set(projects_frame(dataset, it_rooms, "en")["name"])


# Lazy boxes: tables and source paragraphs are built only when their expander is opened.

def test_closed_boxes_send_no_table(rendered):
    """As it opens, the levels page holds its charts and cards but no data table and no source paragraph text."""
    at = rendered("levels", "en")
    labels = [expander.label for expander in at.expander]
    assert t("show_data", "en") in labels and any(label.startswith("Source paragraphs (") for label in labels)
    assert at.get("vega_lite_chart") and at.metric
    assert not at.dataframe and not at.text


def test_opened_boxes_show_the_figures_table_chart_data_and_paragraphs(dataset):
    """Opening 'All figures as a table', a chart's 'Show data' and 'Source paragraphs' shows each of them:
    every figure of the page with its source, the chart's rows, and the paragraphs' verbatim text."""
    at = open_page("levels", lang="en", opened=("details_levels", "show_data_kindergarten_tiers", "sources_levels"))
    assert not at.exception
    shown = metrics.section_facts(dataset, 3)
    label = t("label", "en")
    figures = frame_with_column(at, t("source", "en"))
    assert sorted(figures[label]) == sorted(shown["label_en"])
    chart_table = at.dataframe[0].value
    assert set(chart_table[label]) <= set(dataset.facts.loc[dataset.facts["metric"].isin(
        chart_metric_ids(dataset, "kindergarten_tiers")), "label_en"]) and len(chart_table) > 0
    assert not any("fact_id" in frame.value.columns for frame in at.dataframe)  # ids stay in the downloads
    download_ids = [button.proto.id for button in at.get("download_button")]
    assert all(any(button_id.endswith(f"-download_{key}") for button_id in download_ids)
               for key in ("kindergarten_tiers", "levels_facts"))
    texts = {element.value for element in at.text}
    paragraphs = dataset.paragraphs.set_index("paragraph_id")["text"]
    assert all(paragraphs[pid] in texts for pid in shown["paragraph_id"].unique())


# The overview's timeline: a list at load, the chart on request.

@pytest.mark.parametrize("lang", LANGS)
def test_overview_lists_every_event_with_its_paragraph(rendered, dataset, lang):
    """The timeline list names every event of the report, in date order, each linking to its paragraph."""
    at = rendered("overview", lang)
    timeline = timeline_frame(dataset.events, lang).sort_values("date_sort", kind="stable")
    [listing] = [element.value for element in at.markdown if element.value.startswith("- **")]
    lines = listing.split("\n")
    assert len(lines) == len(dataset.events)
    for line, row in zip(lines, timeline.itertuples()):
        assert escape_markdown(row.title) in line and f"para={row.paragraph_id})" in line
    assert not chart_specs(at)


def test_overview_timeline_chart_opens_on_request():
    """Opening 'Timeline as a chart' draws the timeline chart with its title; its 'Show data' opens too."""
    at = open_page("overview", lang="en", opened=("timeline_chart", "show_data_timeline"))
    assert not at.exception
    assert len(at.dataframe) == 1
    [spec] = chart_specs(at)
    assert chart_title(spec) == t("timeline", "en", year=2023) == "Events of 2023"


@pytest.mark.parametrize(("page", "section"), [("governance", 2), ("resources", 4), ("publicity", 7)])
def test_opened_honours_box_lists_the_sections_honours(dataset, page, section):
    """Closed, the honours box sends no table; opened, it lists every honour of the section with its quote."""
    key = f"honours_{page}"
    closed = open_page(page, lang="en")
    assert not any(t("honour", "en") in element.value.columns for element in closed.dataframe)
    at = open_page(page, lang="en", opened=(key,))
    expected = metrics.section_rows(dataset, dataset.honours, section)
    shown = frame_with_column(at, t("honour", "en"))
    assert len(expected) > 0
    assert sorted(shown[t("source", "en")]) == sorted(expected["quote"])


def test_opened_people_box_names_the_honoured_teachers(dataset):
    """The teachers page's people box, opened, lists each person named in the section's honours."""
    at = open_page("teachers", lang="zh", opened=("people_teachers",))
    honours = metrics.section_rows(dataset, dataset.honours, 5)
    expected = dataset.people[dataset.people["person_id"].isin(honours["person_id"].dropna())]
    assert len(expected) > 0
    shown = "\n".join(str(value) for element in at.dataframe for value in element.value.to_numpy().ravel())
    assert all(name in shown for name in expected["name_zh"])


# The sources page's tabs: the report text at load, tables and notes on request.

def open_sources_tab(label_key: str, lang: str = "en"):
    at = new_app("sources", params={"lang": lang})
    at.session_state[f"sources_tabs_{lang}"] = t(label_key, lang)
    return at.run()


def test_sources_page_opens_on_the_report_text_only(rendered, dataset):
    """As it opens, the sources page shows the newest report's paragraphs, and neither tables nor notes."""
    at = rendered("sources", "en")
    assert [tab.label for tab in at.tabs] == [t(key, "en") for key in ("report_text", "glossary", "tables", "data_notes")]
    assert not at.get("download_button")
    shown = "\n".join(element.value for element in at.markdown)
    assert all(f"¶{pid}" in shown for pid in dataset.paragraphs.loc[dataset.paragraphs["role"] != "heading", "paragraph_id"])


def test_sources_tables_tab_offers_every_table(dataset):
    """The data tables tab offers the package zip and one download per table of the data package."""
    at = open_sources_tab("tables")
    keys = [button.proto.id for button in at.get("download_button")]
    tables = list(table_list(dataset)["name"])
    assert any(key.endswith("-download_package") for key in keys)
    assert all(any(key.endswith(f"-download_table_{name}") for key in keys) for name in tables)


def test_sources_notes_tab_shows_every_note(dataset):
    """The data notes tab shows the text of every data note and the derived-figures table."""
    at = open_sources_tab("data_notes")
    shown = "\n".join(element.value for element in at.markdown)
    notes = notes_frame(dataset, "en")
    assert len(notes) > 0 and all(escape_markdown(text) in shown for text in notes["text"])
    assert sorted(frame_with_column(at, t("source", "en"))[t("label", "en")]) == sorted(
        dataset.facts.loc[dataset.facts["kind"] == "derived", "label_en"])


# Chart tabs: one chart is built at a time.

def chart_title(spec: dict) -> str:
    """The chart's whole title; a long one is an expression (wrapped by the chart's width) whose first
    choice is the whole title."""
    title = spec.get("title", "")
    text = title.get("text", "") if isinstance(title, dict) else title
    if isinstance(text, dict):
        expression = text["expr"]
        text, _ = json.JSONDecoder().raw_decode(expression, expression.index("? ") + 2)
    return text


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", ["levels", "resources"])
def test_each_chart_tab_builds_its_chart_alone(page, lang):
    """Each chart tab on levels/resources, once opened, shows exactly one chart, a different one per tab
    (clickable charts carry their own key); the rest wait for their tab."""
    chart_keys = chart_tab_keys(page)
    titles = []
    for chart_key in chart_keys:
        at = new_app(page, params={"lang": lang})
        open_chart_tab(at, chart_key)
        at.run()
        assert not at.exception
        [spec] = chart_specs(at)
        titles.append(chart_title(spec))
        if spec.get("params") or any("params" in layer for layer in spec.get("layer", [])):
            assert has_chart_key(at, chart_key)
    assert len(set(titles)) == len(chart_keys) and all(titles)


@pytest.mark.parametrize("page", ["levels", "resources"])
def test_chart_tabs_list_only_charts_with_data(dataset, page):
    """Filtered to student aid, the resources page offers only the aid tabs; levels=vocational only vocational."""
    params = {"program": "student_aid"} if page == "resources" else {"level": "vocational"}
    at = open_page(page, lang="en", **params)
    labels = [tab.label for tab in at.tabs]
    tabs = dataset.charts.set_index("chart_id")["tab_en"]
    expected = ([tabs[key] for key in ("aid_share", "aid_amounts", "aid_per_unit")] if page == "resources"
                else [tabs["vocational_rates"]])
    assert labels == expected



# Key figures: a tab per program, only the open tab's cards are built.

@pytest.mark.parametrize("page", ["levels", "resources", "safety"])
def test_figure_tabs_are_the_programs_and_each_shows_its_own_cards(dataset, page):
    """The key-figure tabs are the programs of the page's figures, in the data's order; the first opens
    with that program's cards alone, and each other tab, once opened, shows its program's cards instead."""
    section = dataset.facts[dataset.facts["section"] == PAGE_BY_KEY[page].section]
    programs = dataset.programs.set_index("program_id")
    program_ids = list(dict.fromkeys(section["program_id"]))
    names = [escape_markdown(programs.loc[program_id, "name_en"]) for program_id in program_ids]
    at = open_page(page, lang="en")
    assert figure_tab_labels(at, "en") == names
    for position, (program_id, name) in enumerate(zip(program_ids, names)):
        if position:
            at.session_state[f"figures_{page}_en"] = name
            at.run()
        assert sorted(metric_labels(at)) == expected_cards(section[section["program_id"] == program_id], "en")


# The share box.

def test_share_link_holds_page_path_and_query():
    """The share box's link names the page path and exactly the view's parameters (ids and language)."""
    at = open_page("levels", lang="en", level="preschool", foo="bar", opened=("share_box",))
    [link] = share_codes(at)
    parts = urlsplit(link)
    assert parts.path.endswith("/levels")
    assert parse_qs(parts.query) == {"lang": ["en"], "level": ["preschool"]}


def test_share_link_uses_public_url(monkeypatch):
    """With LIPU_PUBLIC_URL set, the link starts with that base followed by the page path."""
    monkeypatch.setenv(app_frame.PUBLIC_URL_ENV, "https://example.org/lipu")
    at = open_page("governance", lang="zh", school="binjiang_primary", opened=("share_box",))
    assert share_codes(at) == ["https://example.org/lipu/governance?lang=zh&school=binjiang_primary"]


def test_share_link_of_overview_is_the_root(monkeypatch):
    """The overview's link is the base address itself (with the language)."""
    monkeypatch.setenv(app_frame.PUBLIC_URL_ENV, "https://example.org/lipu/")
    at = open_page("overview", lang="en", opened=("share_box",))
    assert share_codes(at) == ["https://example.org/lipu/?lang=en"]


def test_share_box_shows_qr_image():
    """The opened share box holds an image (the QR code of the link)."""
    assert len(open_page("leadership", lang="zh", opened=("share_box",)).image) == 1


def test_closed_share_box_builds_nothing(rendered):
    """Closed (as every page opens), the share box sends neither the link nor its QR code to the browser."""
    at = rendered("leadership", "zh")
    assert not share_codes(at) and not at.image
    assert t("share", "zh") in [expander.label for expander in at.expander]
    assert not at.sidebar.expander  # on the page itself, not in the menu a phone keeps closed


def test_qr_png_is_png():
    """qr_png returns PNG bytes."""
    assert app_frame.qr_png("https://example.org/lipu/levels?lang=en").startswith(b"\x89PNG\r\n\x1a\n")


# Provenance.

def card_sources(at, page_key: str, lang: str) -> dict[str, str]:
    """Each figure card's label and the markdown of its source tooltip (cards of every program tab)."""
    return {element.proto.label: element.proto.help for element in metrics_in_every_figure_tab(at, page_key, lang)}


def test_every_levels_figure_shows_its_source(rendered, dataset):
    """Each figure card on the levels page carries its quote (stated) or formula (derived, written with the
    figures' names) and a link to its paragraph in its tooltip."""
    at = rendered("levels", "en")
    sources = card_sources(at, "levels", "en")
    shown = latest_rows(dataset.facts[dataset.facts["section"] == 3])
    assert len(shown) == len(sources)
    missing = []
    for _, row in shown.iterrows():
        tooltip = sources.get(card_label(row, "en"), "")
        expected = (f"“{escape_markdown(row['quote'])}”" if row["kind"] == "stated"
                    else escape_markdown(provenance.formula_text(row["formula"], provenance.fact_names(dataset.facts, "en"))))
        if expected not in tooltip or f"para={row['paragraph_id']})" not in tooltip:
            missing.append(row["fact_id"])
    assert not missing


@pytest.mark.parametrize("key", ["resources", "safety", "publicity", "teachers", "governance"])
def test_every_stated_quote_of_a_section_page_is_shown(rendered, dataset, key):
    """On each section page, every stated figure shown has its verbatim quote in its card's tooltip."""
    at = rendered(key, "zh")
    sources = card_sources(at, key, "zh")
    section = dataset.facts[dataset.facts["section"] == PAGE_BY_KEY[key].section]
    shown = [row for _, row in section.iterrows() if card_label(row, "zh") in sources and row["kind"] == "stated"]
    assert len(shown) > 0 or not sources
    assert all(f"“{escape_markdown(row['quote'])}”" in sources[card_label(row, "zh")] for row in shown)


def _chart_section_views(dataset) -> list[tuple[str, dict[str, str]]]:
    """Every level of /levels and every program of the other chart-tab and single-chart section pages."""
    cases = [("levels", {"level": level}) for level in dataset.levels["level_id"]]
    for key, section in (("resources", 4), ("safety", 6), ("publicity", 7)):
        programs = dict.fromkeys(metrics.section_facts(dataset, section)["program_id"].dropna())
        cases += [(key, {"program": program}) for program in programs]
    return cases


def test_the_charts_section_never_stands_empty(dataset):
    """Under every level (/levels) and program (section pages) the charts section shows a chart, says that
    the selection has no chart (its figures being below), or says that nothing matches: never a bare
    heading."""
    note = t("no_chart", "en")
    outcomes = set()
    for key, params in _chart_section_views(dataset):
        at = open_page(key, lang="en", **params)
        has_chart = bool(at.get("vega_lite_chart"))
        noted = note in [caption.value for caption in at.caption]
        empty = t("nothing_matches", "en") in info_texts(at)
        assert [has_chart, noted, empty].count(True) == 1, (key, params, has_chart, noted, empty)
        outcomes.add("chart" if has_chart else "note" if noted else "empty")
    assert {"chart", "note"} <= outcomes  # both cases occur in the report's data


def test_publicity_explains_lower_bounds_only_under_a_chart_that_draws_them(dataset):
    """/publicity's "lower bound" caption (the key to the chart's dashed outlines) stands under the chart
    in every view whose chart shows a lower bound, and nowhere else (e.g. a school the section names
    only for an honour: no figures, no chart)."""
    caption = t("lower_bound", "en")
    facts = metrics.section_facts(dataset, 7)
    options = filters.filter_options(dataset, facts, metrics.section_rows(dataset, dataset.honours, 7))
    views_seen = set()
    for params in [{}, *({"school": school} for school in options.schools),
                   *({"program": program} for program in options.programs)]:
        at = open_page("publicity", lang="en", **params)
        captioned = caption in [c.value for c in at.caption]
        expected = metrics.has_lower_bounds(filters.filter_rows(facts, **params), chart_metric_ids(dataset, "publicity_output"))
        assert captioned == expected, params
        assert not captioned or at.get("vega_lite_chart"), params
        views_seen.add(captioned)
    assert views_seen == {True, False}  # both kinds of view occur in the report's data


def test_compulsory_level_says_it_has_no_chart_and_shows_its_figure(dataset):
    """The report charts nothing for compulsory education on /levels: the page says so and still shows the
    level's figure card."""
    at = open_page("levels", lang="en", level="compulsory")
    assert not at.get("vega_lite_chart")
    assert t("no_chart", "en") in [caption.value for caption in at.caption]
    expected = metrics.section_facts(dataset, 3)
    assert len(at.metric) == len(latest_rows(expected[expected["level"] == "compulsory"]))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_level_filter_offers_all_once(lang):
    """The level filter's 'all' appears once; the level meaning 'covers every level' is named as system-wide, so it
    cannot be taken for the filter's 'all'."""
    at = open_page("levels", lang=lang)
    options = at.selectbox(key="filter_level").options
    everything = t("filter_all", lang)
    assert options.count(everything) == 1
    others = [option for option in options if option != everything]
    assert not [option for option in others if everything.casefold() in option.casefold() or "全学段" in option]
