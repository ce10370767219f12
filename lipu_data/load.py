"""Loaders: read the data directory into typed DataFrames, validated, or raise DataValidationError.

Column types follow datapackage.json: integer -> pandas nullable `Int64`, number -> `float64` (NaN
when missing), boolean -> pandas `boolean`, string -> plain `object` columns holding `str`, with
`None` for an empty cell (so `frame[col] == "x"` is a clean comparison and `frame[col].isna()`
finds missing values).

`load_dataset` checks every rule of docs/data-model.md across all tables. The single-table loaders
(`load_facts`, ...) check only their own table (file, header, types, required values, enums,
patterns, keys); use `load_dataset` when cross-table guarantees matter.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .model import DEFAULT_DATA_DIR, TABLES, DataValidationError, Dataset
from .validate import (RawTable, _without_cyclic_gc, check_cells, checked_resource, collect, contained_path,
                       read_descriptor, read_raw_table)

_TRUE = "true"


def _frame(raw: RawTable) -> pd.DataFrame:
    """Typed DataFrame of a table that passed validation."""
    data = {}
    for spec in raw.fields:
        cells = raw.column(spec["name"])
        kind = spec.get("type", "string")
        true_values = set(spec.get("trueValues", [_TRUE]))
        if kind == "integer":
            series = pd.Series(pd.array([int(cell) if cell else None for cell in cells], dtype="Int64"))
        elif kind == "number":
            series = pd.Series([float(cell) if cell else float("nan") for cell in cells], dtype="float64")
        elif kind == "boolean":
            series = pd.Series(pd.array([(cell in true_values) if cell else None for cell in cells], dtype="boolean"))
        else:
            series = pd.Series([cell if cell else None for cell in cells], dtype=object)
        data[spec["name"]] = series
    return pd.DataFrame(data, columns=[spec["name"] for spec in raw.fields])


def _data_path(data_dir: str | Path | None) -> Path:
    return Path(data_dir).resolve() if data_dir is not None else DEFAULT_DATA_DIR


def load_dataset(data_dir: str | Path | None = None) -> Dataset:
    """Read and validate every table of `data_dir` (default: the shipped data).

    Returns a frozen Dataset, one typed DataFrame per table, or raises DataValidationError listing
    every problem; never returns partial data.
    """
    base = _data_path(data_dir)
    problems, tables = collect(base)
    if problems:
        raise DataValidationError(problems)
    with _without_cyclic_gc():
        return Dataset(data_dir=base, **{name: _frame(tables[name]) for name in TABLES})


def load_table(name: str, data_dir: str | Path | None = None) -> pd.DataFrame:
    """One table as a typed DataFrame, after that table's own checks (see the module docstring)."""
    base = _data_path(data_dir)
    descriptor, problems = read_descriptor(base)
    if descriptor is None:
        raise DataValidationError(problems)
    resource = next((item for item in descriptor["resources"] if isinstance(item, dict) and item.get("name") == name), None)
    if resource is None:
        raise DataValidationError(problems or [])
    raw, found = read_raw_table(base, checked_resource(resource))
    problems = [problem for problem in problems if repr(name) in problem.message] + found
    if raw is not None:
        problems += check_cells(raw)
    if problems or raw is None:
        raise DataValidationError(problems)
    return _frame(raw)


def load_reports(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Annual reports. Columns: year (Int64), title_zh, title_en, text_path (relative to data/),
    publisher_zh, publisher_en, source_note (English), source_note_zh."""
    return load_table("reports", data_dir)


def load_paragraphs(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Report lines, verbatim and in order. Columns: paragraph_id, year (Int64), section (Int64, 0-8),
    subsection (Int64), number (Int64), role ('heading'/'body'), text."""
    return load_table("paragraphs", data_dir)


def load_units(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Units of measure. Columns: unit_id, symbol_zh, symbol_en, name_en, description_en."""
    return load_table("units", data_dir)


def load_levels(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Education levels. Columns: level_id, name_zh, name_en, sort_order (Int64)."""
    return load_table("levels", data_dir)


def load_townships(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Towns and townships. Columns: township_code (9-digit string), name_zh, name_en, kind ('town'/'township')."""
    return load_table("townships", data_dir)


def load_schools(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Schools and institutions. Columns: school_id, name_zh, aliases_zh (';'-separated), name_en,
    name_en_official (boolean), level, township_code, township_evidence, note_en."""
    return load_table("schools", data_dir)


def load_programs(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Programs and measures. Columns: program_id, section (Int64), name_zh, name_en, summary_zh,
    summary_en, paragraph_id."""
    return load_table("programs", data_dir)


def load_facts(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Figures. Columns: fact_id, metric, report_year (Int64), section (Int64), subsection (Int64),
    paragraph_id, label_zh, label_en, value (float64; NaN only for date facts), unit, period,
    qualifier ('exact'/'at_least'/'estimate'), kind ('stated'/'derived'), quote, formula,
    agrees_with, school_id, program_id, level, note_zh, note_en."""
    return load_table("facts", data_dir)


def load_people(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Named people. Columns: person_id, name_zh, name_en, role_zh, role_en, school_id, note_en."""
    return load_table("people", data_dir)


def load_honours(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Honours. Columns: honour_id, report_year (Int64), recipient_type, person_id, school_id,
    recipient_zh, recipient_en, honour_zh, honour_en, scope, year (Int64), quote, paragraph_id,
    program_id."""
    return load_table("honours", data_dir)


def load_events(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Dated events. Columns: event_id, report_year (Int64), date ('YYYY[-MM[-DD]]' string),
    date_precision ('year'/'month'/'day'), title_zh, title_en, quote, paragraph_id, program_id,
    school_id."""
    return load_table("events", data_dir)


def load_projects(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Construction and IT projects. Columns: project_id, report_year (Int64), kind
    ('construction'/'it'), name_zh, name_en, school_id, township_code, status ('started'/'completed'),
    quote, paragraph_id, program_id."""
    return load_table("projects", data_dir)


def load_school_programs(data_dir: str | Path | None = None) -> pd.DataFrame:
    """School participation in programs. Columns: school_id, program_id, report_year (Int64),
    role_zh, role_en, quote, paragraph_id."""
    return load_table("school_programs", data_dir)


def load_notes(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Data notes. Columns: note_id, topic ('oddity'/'derivation'/'reading'), text_zh, text_en,
    paragraph_id, fact_id."""
    return load_table("notes", data_dir)


def load_terms(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Terminology. Columns: term_id, term_zh, forms_zh (';'-separated), term_en, variants_en (';'-separated),
    definition_zh, definition_en, paragraph_ids (';'-separated)."""
    return load_table("terms", data_dir)


def load_paragraph_translations(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Unofficial English translations of the report's paragraphs. Columns: paragraph_id, text_en."""
    return load_table("paragraph_translations", data_dir)


def load_charts(data_dir: str | Path | None = None) -> pd.DataFrame:
    """The section pages' charts. Columns: chart_id, page, position, kind ('bars'/'comparison'/'share'/'count'),
    periods ('latest'/'all'), counts, tab_zh, tab_en, title_zh, title_en."""
    return load_table("charts", data_dir)


def load_chart_metrics(data_dir: str | Path | None = None) -> pd.DataFrame:
    """The measures on the charts of figures. Columns: chart_id, position, metric, group_zh, group_en, part_zh,
    part_en."""
    return load_table("chart_metrics", data_dir)


def load_page_items(data_dir: str | Path | None = None) -> pd.DataFrame:
    """What pages show by reference. Columns: page, item ('headline'/'related_program'), position, ref."""
    return load_table("page_items", data_dir)


def load_program_points(data_dir: str | Path | None = None) -> pd.DataFrame:
    """The points a programme lists. Columns: program_id, position, text_zh, text_en, paragraph_id."""
    return load_table("program_points", data_dir)


def load_report_text(year: int, data_dir: str | Path | None = None) -> str:
    """The verbatim text of the report for `year`, as named by reports.csv `text_path`."""
    base = _data_path(data_dir)
    reports = load_reports(base)
    match = reports.loc[reports["year"] == int(year), "text_path"]
    if match.empty:
        known = ", ".join(str(value) for value in reports["year"])
        raise KeyError(f"no report for year {year}; reports: {known}")
    path, why = contained_path(base, match.iloc[0])
    if path is None:
        raise ValueError(f"reports.csv text_path {match.iloc[0][:80]!r} {why}")
    return path.read_text(encoding="utf-8-sig")
