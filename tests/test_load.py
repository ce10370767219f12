"""Data layer: loaders return every table with the documented columns and pandas dtypes."""

from __future__ import annotations

import dataclasses
import json

import pandas as pd
import pytest

import lipu_data
from lipu_data import COLUMNS, TABLES, load_dataset, load_report_text
from lipu_data.model import PANDAS_DTYPES

LOADERS = {name: getattr(lipu_data, f"load_{name}") for name in TABLES}



@pytest.fixture(scope="module")
def field_types(data_dir) -> dict[str, dict[str, str]]:
    descriptor = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    return {
        resource["name"]: {field["name"]: field["type"] for field in resource["schema"]["fields"]}
        for resource in descriptor["resources"]
    }


def test_dataset_has_every_table_non_empty(dataset):
    """load_dataset returns one non-empty DataFrame per table of the data model."""
    for name in TABLES:
        assert isinstance(dataset.table(name), pd.DataFrame)
        assert len(dataset.table(name)) > 0, name


@pytest.mark.parametrize("table", TABLES)
def test_loader_columns_follow_the_data_model(data_dir, table):
    """Each load_<table> returns exactly the documented columns, in order."""
    assert tuple(LOADERS[table](data_dir).columns) == COLUMNS[table]


@pytest.mark.parametrize("table", TABLES)
def test_loader_dtypes_follow_the_schema(data_dir, field_types, table):
    """Integers are Int64, numbers float64, booleans boolean, strings plain object columns."""
    frame = LOADERS[table](data_dir)
    for column, kind in field_types[table].items():
        assert str(frame[column].dtype) == PANDAS_DTYPES[kind], (table, column)


@pytest.mark.parametrize("table", TABLES)
def test_string_cells_are_str_or_none(dataset, table):
    """Missing strings are None (not NaN or pd.NA), so `== "x"` and `is None` behave."""
    frame = dataset.table(table)
    for column in frame.columns[frame.dtypes == object]:
        assert all(value is None or (isinstance(value, str) and value) for value in frame[column]), column


@pytest.mark.parametrize("table", TABLES)
def test_single_loader_matches_dataset(data_dir, dataset, table):
    """A single-table loader returns the same frame as the validated dataset."""
    pd.testing.assert_frame_equal(LOADERS[table](data_dir), dataset.table(table))


def test_fact_ids_are_unique(dataset):
    """Every fact_id occurs once."""
    assert dataset.facts["fact_id"].is_unique


def test_only_date_facts_lack_a_value(dataset):
    """value is NaN exactly for some facts whose unit is date."""
    missing = dataset.facts[dataset.facts["value"].isna()]
    assert (missing["unit"] == "date").all()


def test_dataset_is_frozen(dataset):
    """Dataset attributes cannot be rebound."""
    with pytest.raises(dataclasses.FrozenInstanceError):
        dataset.facts = dataset.facts.head(0)


def test_default_data_dir_does_not_depend_on_cwd(tmp_path, monkeypatch, data_dir):
    """Without an argument the loaders find data/ next to the package, whatever the working directory."""
    monkeypatch.chdir(tmp_path)
    assert load_dataset().data_dir == data_dir
    assert len(lipu_data.load_facts()) == len(load_dataset(data_dir).facts)


def test_loader_reads_the_given_data_dir(data_copy):
    """A loader's data_dir argument overrides the shipped data."""
    path = data_copy / "levels.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Preschool", "Pre-school"), encoding="utf-8")
    assert "Pre-school" in set(lipu_data.load_levels(data_copy)["name_en"])


def test_report_text_is_the_verbatim_file(data_dir, dataset):
    """load_report_text(year) returns the file named by reports.csv text_path."""
    path = data_dir / dataset.reports.loc[dataset.reports["year"] == 2023, "text_path"].iloc[0]
    assert load_report_text(2023, data_dir) == path.read_text(encoding="utf-8")


def test_report_text_unknown_year(data_dir):
    """Asking for a year without a report raises KeyError naming the known years."""
    with pytest.raises(KeyError, match="2023"):
        load_report_text(1999, data_dir)
