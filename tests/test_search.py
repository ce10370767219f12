"""One search (lipu_data.search and /search) and names in links resolved to ids (every page)."""

from __future__ import annotations

import pandas as pd
import pytest

from lipu_data import load_dataset
from lipu_data.search import MAX_QUERY, build_index, resolve_name, search
from tests.apptest_helpers import info_texts, open_page


@pytest.fixture(scope="module")
def index(dataset):
    return build_index(dataset)


@pytest.mark.parametrize("query, kind, item_id", [
    ("职校", "school", "vocational_center"),                       # an alias the report uses
    ("Lipu Vocational Education Centre", "school", "vocational_center"),
    ("after-school", "figure", "after_school_service_schools_2023"),
    ("课后服务", "figure", "after_school_service_schools_2023"),
    ("468", "figure", "gaokao_tier1_admitted_2023"),                # a value as the report writes it
    ("vocatonal centre", "school", "vocational_center"),           # a typo
    ("双减", "program", "double_reduction"),
    ("double reduction", "term", "shuangjian"),                   # a glossary term, by its English rendering
    ("cut-off", "term", None),                                      # found in the glossary whatever its id
])
def test_search_finds_it_in_either_language(index, query, kind, item_id):
    """Figures, schools (names, aliases, English names) and programmes are found whatever the language typed."""
    hits = search(index, query)
    found = [(hit.kind, hit.item_id if item_id else None) for hit in hits[:8]]
    assert (kind, item_id) in found, found


def test_search_result_links_to_the_view_that_shows_it(index):
    """A figure links to its section page narrowed to its programme; a school to its explorer view."""
    hits = {(hit.kind, hit.item_id): hit for hit in search(index, "课后服务") + search(index, "职校")}
    figure = hits[("figure", "after_school_service_schools_2023")]
    assert figure.url_path == "resources" and dict(figure.params) == {"program": "double_reduction"}
    school = hits[("school", "vocational_center")]
    assert school.url_path == "explorer" and dict(school.params) == {"school": "vocational_center"}


def test_search_of_nonsense_finds_nothing_and_a_long_query_is_capped(index):
    """A query matching nothing returns no hit; only the first MAX_QUERY characters are used."""
    assert search(index, "qqqzzzxxx") == []
    assert search(index, "职校" + "x" * 500) == search(index, ("职校" + "x" * 500)[:MAX_QUERY])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_search_page_shows_results_from_the_address(lang):
    """/search?q=课后服务 opens with the box filled and the after-school figure among the results, linked."""
    at = open_page("search", lang=lang, q="课后服务")
    assert not at.exception
    assert at.text_input(key="q").value == "课后服务"
    links = [str(element.proto) for element in at.get("page_link")] + [markdown.value for markdown in at.markdown]
    assert any("program=double_reduction" in link for link in links)


@pytest.mark.parametrize("param, value, expected", [
    ("school", "荔浦中学", "lipu_high_school"),
    ("school", "职校", "vocational_center"),
    ("school", "lipu high school", "lipu_high_school"),
])
def test_a_name_in_a_link_is_rewritten_to_its_id(param, value, expected):
    """/explorer?school=荔浦中学 opens that school's view, and the address then carries its id."""
    at = open_page("explorer", lang="en", **{param: value})
    assert not at.exception
    assert at.query_params[param] == [expected] or at.query_params[param] == expected
    assert at.selectbox(key=f"filter_{param}").value == expected
    assert not [text for text in info_texts(at) if "not" in text and value in text]


def test_an_ambiguous_name_in_a_link_offers_the_choices(data_copy, monkeypatch):
    """A name two schools share (here an alias given to both) is not guessed: a notice links each choice."""
    schools = pd.read_csv(data_copy / "schools.csv", dtype=str, keep_default_na=False)
    for school_id in ("binjiang_primary", "shajie_primary"):
        schools.loc[schools["school_id"] == school_id, "aliases_zh"] = "城区小学"
    schools.to_csv(data_copy / "schools.csv", index=False)
    dataset = load_dataset(data_copy)
    assert sorted(resolve_name(dataset, "school", "城区小学")) == ["binjiang_primary", "shajie_primary"]
    monkeypatch.setenv("LIPU_DATA_DIR", str(data_copy))
    at = open_page("explorer", lang="zh", school="城区小学")
    notice = next(text for text in info_texts(at) if "城区小学" in text)
    assert "school=binjiang_primary" in notice and "school=shajie_primary" in notice
    assert "school" not in at.query_params
