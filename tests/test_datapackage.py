"""datapackage.json: a valid Frictionless descriptor that lists and describes every CSV in data/."""

from __future__ import annotations

import csv
import json

import pytest
from frictionless import Package, validate

from lipu_data import COLUMNS


@pytest.fixture(scope="module")
def descriptor(data_dir) -> dict:
    return json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))


def test_descriptor_is_valid_frictionless_metadata(descriptor):
    """Frictionless finds no metadata errors in the descriptor."""
    assert [str(error) for error in Package.metadata_validate(descriptor)] == []


def test_package_metadata(descriptor):
    """Name, profile, bilingual title, sources and a licence note are present."""
    assert descriptor["name"] == "lipu-education-report"
    assert descriptor["profile"] == "tabular-data-package"
    assert "荔浦" in descriptor["title"] and "Lipu" in descriptor["title"]
    assert descriptor["sources"] and descriptor["licenses"]


def test_every_csv_is_listed_and_every_resource_exists(data_dir, descriptor):
    """The CSV files in data/ and the resources of datapackage.json are the same set."""
    listed = {resource["path"] for resource in descriptor["resources"]}
    on_disk = {path.name for path in data_dir.glob("*.csv")}
    assert listed == on_disk


def test_resources_are_the_data_model_tables(descriptor):
    """One resource per table of docs/data-model.md, fields in the documented column order."""
    fields = {resource["name"]: tuple(field["name"] for field in resource["schema"]["fields"])
              for resource in descriptor["resources"]}
    assert fields == COLUMNS


@pytest.mark.parametrize("table", list(COLUMNS))
def test_csv_header_equals_schema(data_dir, descriptor, table):
    """Each CSV's header row equals its schema's field names, in order."""
    resource = next(item for item in descriptor["resources"] if item["name"] == table)
    with open(data_dir / resource["path"], encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == [field["name"] for field in resource["schema"]["fields"]]


def test_every_field_is_documented(descriptor):
    """Every field has a type and a description."""
    for resource in descriptor["resources"]:
        for field in resource["schema"]["fields"]:
            assert field["type"] in {"string", "integer", "number", "boolean"}, field
            assert field.get("description"), (resource["name"], field["name"])


def test_frictionless_accepts_the_data(data_dir):
    """Frictionless validates every resource (types, constraints, keys) without errors."""
    report = validate(str(data_dir / "datapackage.json"))
    errors = report.flatten(["taskName", "rowNumber", "fieldName", "type", "note"])
    assert report.valid, errors


def test_frictionless_catches_a_type_error(data_copy):
    """The schema is not vacuous: frictionless rejects a non-integer in an integer column."""
    path = data_copy / "levels.csv"
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    rows[1][rows[0].index("sort_order")] = "first"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    report = validate(str(data_copy / "datapackage.json"))
    assert not report.valid
    assert "type-error" in {error[0] for error in report.flatten(["type"])}
