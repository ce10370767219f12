"""What a reader reads, on every page in both languages (AppTest): in Chinese no English sentence, and
nowhere an internal name (a fact id, a column name such as `paragraph_id`)."""

from __future__ import annotations

import re

import pytest

from lipu_data import load_dataset
from lipu_data.i18n import t
from tests.apptest_helpers import PAGE_KEYS, iter_elements, open_page

LANGS = ("zh", "en")
TEXT_FIELDS = ("body", "label", "help", "alt")
# Four Latin-script words in a row: a sentence or a phrase, not a name's initials or a unit.
ENGLISH_RUN = re.compile(r"[A-Za-z][A-Za-z'’]*(?:[ ,:;-]+[A-Za-z][A-Za-z'’]*){3,}")
LINK_TARGET = re.compile(r"\]\([^)]*\)|https?://\S+")
MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()<>#+\-.!|~:$])")


def _views(key: str) -> list[dict]:
    """The views of a page a reader reaches: as opened, plus its boxes and tabs built on request."""
    if key == "sources":
        return [{}, {"tab": "glossary"}, {"tab": "tables"}, {"tab": "data_notes"}, {"para": "2023-s4-4-p1"}]
    if key == "explorer":
        return [{}, {"program": "student_aid"}, {"school": "special_school"}, {"school": "vocational_center"}]
    if key == "overview":
        return [{"opened": ("timeline_chart", "show_data_timeline", "share_box")}]
    return [{"opened": (f"details_{key}", f"sources_{key}", "share_box")}]


def _open(key: str, lang: str, view: dict):
    params = {name: value for name, value in view.items() if name not in ("opened", "tab")}
    if "tab" in view:
        from tests.apptest_helpers import new_app

        at = new_app(key, params={"lang": lang, **params})
        at.session_state[f"sources_tabs_{lang}"] = t(view["tab"], lang)
        return at.run()
    return open_page(key, lang=lang, opened=view.get("opened", ()), **params)


def reader_texts(at) -> list[str]:
    """Every text the page shows a reader: bodies, labels, tooltips, chart descriptions, table headers and
    cells, options (the share link's code block is an address, not text)."""
    texts = []
    for element in iter_elements(at):
        if element.type == "code":
            continue
        if element.type == "html":  # the page's styles and scripts are not read; a note printed on paper is
            body = re.sub(r"<(style|script)[^>]*>.*?</\1>", "", element.proto.body, flags=re.S)
            texts.append(LINK_TARGET.sub("]", re.sub(r"<[^>]+>", " ", body)))
            continue
        for field, value in element.proto.ListFields():
            if field.name in TEXT_FIELDS and isinstance(value, str):
                texts.append(MARKDOWN_ESCAPE.sub(r"\1", LINK_TARGET.sub("]", value)))
        if element.type == "selectbox":
            texts.extend(element.options)
        if element.type == "dataframe":
            frame = element.value
            texts.extend(str(column) for column in frame.columns)
            texts.extend(str(value) for value in frame.to_numpy().ravel())
    return texts


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


@pytest.fixture(scope="module")
def english_names(dataset) -> list[str]:
    """English names a Chinese page may show beside the Chinese one, as names (longest first)."""
    names = set()
    for table in ("schools", "programs", "people", "projects", "townships", "levels"):
        names |= set(dataset.table(table)["name_en"].dropna())
    names |= set(dataset.terms["term_en"])  # the glossary gives each term's English rendering
    return sorted(names, key=len, reverse=True)


@pytest.fixture(scope="module")
def internal_names(dataset) -> re.Pattern:
    """Ids with an underscore (facts, metrics, programmes, schools, terms) and column names of data/."""
    ids = (set(dataset.facts["fact_id"]) | set(dataset.facts["metric"]) | set(dataset.terms["term_id"])
           | set(dataset.programs["program_id"]) | set(dataset.schools["school_id"]))
    ids = {value for value in ids if "_" in value}  # "gaokao" or "integrity" are words as well as ids
    ids |= {"paragraph_id", "fact_id", "school_id", "program_id", "kind_text", "period_text", "value_text", "label_zh",
            "label_en", "project_id", "township_code", "event_id", "LIPU_PUBLIC_URL", "LIPU_DATA_DIR"}
    return re.compile(r"(?<![\w/.=-])(" + "|".join(sorted(map(re.escape, ids), key=len, reverse=True)) + r")(?![\w-])")


PAGE_VIEWS = [(key, index) for key in PAGE_KEYS for index in range(len(_views(key)))]


@pytest.fixture(scope="module")
def rendered():
    cache = {}

    def get(key: str, index: int, lang: str) -> list[str]:
        if (key, index, lang) not in cache:
            at = _open(key, lang, _views(key)[index])
            assert not at.exception, [error.value for error in at.exception]
            cache[key, index, lang] = reader_texts(at)
        return cache[key, index, lang]

    return get


@pytest.mark.parametrize("key, index", PAGE_VIEWS)
def test_no_english_sentence_in_chinese(rendered, english_names, key, index):
    """A Chinese page shows no English sentence (English names of schools and programmes beside their Chinese
    names aside)."""
    found = []
    for text in rendered(key, index, "zh"):
        for name in english_names:
            text = text.replace(name, " ")
        found += ENGLISH_RUN.findall(text)
    assert found == []


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("key, index", PAGE_VIEWS)
def test_no_internal_name_on_screen(rendered, internal_names, key, index, lang):
    """No page shows a reader an id or a column name (links may carry ids; the text does not)."""
    found = [match for text in rendered(key, index, lang) for match in internal_names.findall(text)]
    assert found == []
