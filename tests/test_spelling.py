"""One English: British spelling in every English text a reader or maintainer reads (interface strings, the
data's English columns, the README and docs); ids and URL parameters (`program`) keep their names."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from lipu_data.i18n import STRINGS
from lipu_data.model import DEFAULT_DATA_DIR, DESCRIPTOR_NAME

ROOT = Path(__file__).resolve().parent.parent

# American spellings of words the project uses (docs/data-model.md, "One English"). "fiber" is left out on
# purpose: the benchmark notes name React's Fiber, a proper noun.
AMERICAN = re.compile(
    r"(?<![→/_{\w-])(programs?|organizations?|organiz(e|ed|es|ing)|informatization|moderniz(ation|ations|e|ed)|"
    r"publiciz(e|ed|es|ing)|standardiz(e|ed|es|ing)|recogniz(e|ed|es|ing)|localiz(e|ed|es|ing|ation)|"
    r"summariz(e|ed|es|ing)|colors?|centers?|honors?|behaviors?|licenses?|labor|favor|catalog|analyz(e|ed|es|ing)|"
    r"neighborhoods?|gray|enrollments?)(?![\w_=(]|\.\w)",
    re.IGNORECASE)


def american_words(text: str) -> list[str]:
    """The American spellings in prose: code spans, fenced code, link targets and URLs are not prose."""
    prose = re.sub(r"```.*?```|`[^`\n]*`|\]\([^)]*\)|https?://\S+", " ", text, flags=re.S)
    return [match.group(0) for match in AMERICAN.finditer(prose)]


def english_cells() -> list[tuple[str, str]]:
    """(where, text) of every English cell of data/: columns ending in _en, the English source note,
    units' descriptions, and the English descriptions in datapackage.json."""
    cells = []
    for path in sorted(DEFAULT_DATA_DIR.glob("*.csv")):
        with open(path, encoding="utf-8") as handle:
            for line, row in enumerate(csv.DictReader(handle), 2):
                for column, value in row.items():
                    if column.endswith("_en") or column == "source_note":
                        cells.append((f"{path.name}:{line}:{column}", value))
    descriptor = json.loads((DEFAULT_DATA_DIR / DESCRIPTOR_NAME).read_text(encoding="utf-8"))
    cells.append((DESCRIPTOR_NAME, descriptor.get("description", "")))
    for resource in descriptor["resources"]:
        cells.append((f"{DESCRIPTOR_NAME} {resource['name']}", resource.get("description", "")))
        for field in resource.get("schema", {}).get("fields", []):
            cells.append((f"{DESCRIPTOR_NAME} {resource['name']}.{field['name']}", field.get("description", "")))
    return cells


DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


@pytest.mark.parametrize("text, expected", [
    ("Pick a program", ["program"]), ("the Lipu organization", ["organization"]), ("Informatization", ["Informatization"]),
    ("Center of town", ["Center"]), ("`program` parameter and ?program=x", []), ("→programs", []),
    ("programme, organisation, centre, honour, licence, colour, behaviour, informatisation", []),
])
def test_the_check_knows_american_from_british(text, expected):
    """The check flags American spellings in prose and leaves code, ids and British spellings alone."""
    assert american_words(text) == expected


def test_interface_strings_are_british():
    """No English interface string uses an American spelling."""
    found = {key: american_words(value["en"]) for key, value in STRINGS.items() if american_words(value["en"])}
    assert found == {}


def test_data_english_is_british():
    """No English cell of data/ (labels, names, summaries, notes, translations, descriptions) is American."""
    found = [(where, words) for where, text in english_cells() if (words := american_words(text))]
    assert found == []


@pytest.mark.parametrize("path", DOCS, ids=lambda path: path.name)
def test_docs_are_british(path):
    """The README and every document in docs/ write British spelling in their prose."""
    found = [(number, words) for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if (words := american_words(line))]
    assert found == []
