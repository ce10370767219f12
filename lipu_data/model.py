"""The data model's vocabulary: table names and columns, the Dataset, and validation problems."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

import pandas as pd

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DESCRIPTOR_NAME = "datapackage.json"

# Column order is the file order of docs/data-model.md and datapackage.json; a test keeps them equal.
COLUMNS: dict[str, tuple[str, ...]] = {
    "reports": ("year", "title_zh", "title_en", "text_path", "publisher_zh", "publisher_en", "source_note",
                "source_note_zh"),
    "paragraphs": ("paragraph_id", "year", "section", "subsection", "number", "role", "text"),
    "units": ("unit_id", "symbol_zh", "symbol_en", "name_en", "description_en"),
    "levels": ("level_id", "name_zh", "name_en", "sort_order"),
    "townships": ("township_code", "name_zh", "name_en", "kind"),
    "schools": ("school_id", "name_zh", "aliases_zh", "name_en", "name_en_official", "level", "township_code",
                "township_evidence", "note_en"),
    "programs": ("program_id", "section", "name_zh", "name_en", "summary_zh", "summary_en", "paragraph_id"),
    "facts": ("fact_id", "metric", "report_year", "section", "subsection", "paragraph_id", "label_zh", "label_en",
              "value", "unit", "period", "qualifier", "kind", "quote", "formula", "agrees_with", "school_id",
              "program_id", "level", "note_zh", "note_en"),
    "people": ("person_id", "name_zh", "name_en", "role_zh", "role_en", "school_id", "note_en"),
    "honours": ("honour_id", "report_year", "recipient_type", "person_id", "school_id", "recipient_zh",
                "recipient_en", "honour_zh", "honour_en", "scope", "year", "quote", "paragraph_id", "program_id"),
    "events": ("event_id", "report_year", "date", "date_precision", "title_zh", "title_en", "quote",
               "paragraph_id", "program_id", "school_id"),
    "projects": ("project_id", "report_year", "kind", "name_zh", "name_en", "school_id", "township_code", "status",
                 "quote", "paragraph_id", "program_id"),
    "school_programs": ("school_id", "program_id", "report_year", "role_zh", "role_en", "quote", "paragraph_id"),
    "notes": ("note_id", "topic", "text_zh", "text_en", "paragraph_id", "fact_id"),
    "terms": ("term_id", "term_zh", "forms_zh", "term_en", "variants_en", "definition_zh", "definition_en",
              "paragraph_ids"),
    "paragraph_translations": ("paragraph_id", "text_en"),
    # What the pages show, as data (docs/data-model.md, "Report content"): a new chart, a measure added to a
    # chart, a headline figure or a programme's listed points is a row, not code.
    "charts": ("chart_id", "page", "position", "kind", "periods", "counts", "tab_zh", "tab_en", "title_zh",
               "title_en"),
    "chart_metrics": ("chart_id", "position", "metric", "group_zh", "group_en", "part_zh", "part_en"),
    "page_items": ("page", "item", "position", "ref"),
    "program_points": ("program_id", "position", "text_zh", "text_en", "paragraph_id"),
}
TABLES: tuple[str, ...] = tuple(COLUMNS)

# Frictionless field type -> pandas dtype of the loaded column. Strings stay plain `object` columns
# holding str or None, so `frame[col] == "x"` is a clean boolean test and missing is `is None`/isna().
PANDAS_DTYPES: dict[str, str] = {"integer": "Int64", "number": "float64", "boolean": "boolean", "string": "object"}


@dataclass(frozen=True)
class Problem:
    """One validation finding, located by file, file line number (header = 1) and column."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.row is None and self.column is None:
            return f"{self.file}: {self.message}"
        location = ":".join(str(part) for part in (self.file, self.row, self.column) if part is not None)
        return f"{location}: {self.message}"


class DataValidationError(ValueError):
    """The data directory failed validation; `.problems` lists every finding."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        lines = [f"{len(self.problems)} data problem(s):"] + [str(problem) for problem in self.problems]
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class Dataset:
    """Every table of a validated data directory, one typed DataFrame per table (columns as in COLUMNS)."""

    data_dir: Path
    reports: pd.DataFrame
    paragraphs: pd.DataFrame
    units: pd.DataFrame
    levels: pd.DataFrame
    townships: pd.DataFrame
    schools: pd.DataFrame
    programs: pd.DataFrame
    facts: pd.DataFrame
    people: pd.DataFrame
    honours: pd.DataFrame
    events: pd.DataFrame
    projects: pd.DataFrame
    school_programs: pd.DataFrame
    notes: pd.DataFrame
    terms: pd.DataFrame
    paragraph_translations: pd.DataFrame
    charts: pd.DataFrame
    chart_metrics: pd.DataFrame
    page_items: pd.DataFrame
    program_points: pd.DataFrame

    def table(self, name: str) -> pd.DataFrame:
        """The table called `name` (one of TABLES)."""
        if name not in COLUMNS:
            raise KeyError(f"unknown table {name!r}; tables are {', '.join(TABLES)}")
        return getattr(self, name)

    def row_counts(self) -> dict[str, int]:
        """Number of rows per table, in TABLES order."""
        return {name: len(getattr(self, name)) for name in TABLES}


assert [field.name for field in fields(Dataset)][1:] == list(TABLES)
