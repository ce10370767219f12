"""Lipu education report data: load, validate, derive and filter the tables in data/ (plain pandas, no streamlit)."""

from .derive import evaluate_formula, formula_inputs, recompute_derived, written_decimals
from .filters import Mentions, facts_for_school, filter_facts, mentions, metric_series
from .load import (
    load_dataset,
    load_events,
    load_facts,
    load_honours,
    load_levels,
    load_notes,
    load_paragraphs,
    load_people,
    load_programs,
    load_projects,
    load_report_text,
    load_reports,
    load_school_programs,
    load_schools,
    load_table,
    load_townships,
    load_units,
)
from .model import COLUMNS, DEFAULT_DATA_DIR, TABLES, DataValidationError, Dataset, Problem
from .textnum import numbers_in_text
from .validate import validate_data_dir

__all__ = [
    "COLUMNS",
    "DEFAULT_DATA_DIR",
    "TABLES",
    "DataValidationError",
    "Dataset",
    "Mentions",
    "Problem",
    "evaluate_formula",
    "facts_for_school",
    "filter_facts",
    "formula_inputs",
    "load_dataset",
    "load_events",
    "load_facts",
    "load_honours",
    "load_levels",
    "load_notes",
    "load_paragraphs",
    "load_people",
    "load_programs",
    "load_projects",
    "load_report_text",
    "load_reports",
    "load_school_programs",
    "load_schools",
    "load_table",
    "load_townships",
    "load_units",
    "mentions",
    "metric_series",
    "numbers_in_text",
    "recompute_derived",
    "validate_data_dir",
    "written_decimals",
]
