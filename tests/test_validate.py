"""Data layer: validation accepts the shipped data and names each corruption by file:row:column."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from lipu_data import package_zip
from lipu_data import DataValidationError, Problem, load_dataset, numbers_in_text, validate_data_dir

Row = dict[str, str]


def read_table(data_dir: Path, table: str) -> tuple[list[str], list[list[str]], list[int]]:
    """Header, data rows and each row's file line number (header = line 1)."""
    with open(data_dir / f"{table}.csv", encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows, lines, previous = [], [], reader.line_num
        for row in reader:
            rows.append(row)
            lines.append(previous + 1)
            previous = reader.line_num
    return header, rows, lines


def write_table(data_dir: Path, table: str, header: list[str], rows: list[list[str]]) -> None:
    with open(data_dir / f"{table}.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def first_row(data_dir: Path, table: str, where: Callable[[Row], bool] = lambda row: True) -> tuple[int, Row]:
    """Line number and cells of the first row matching `where`."""
    header, rows, lines = read_table(data_dir, table)
    for line, row in zip(lines, rows):
        record = dict(zip(header, row))
        if where(record):
            return line, record
    raise LookupError(f"no row of {table}.csv matches")


def edit_cell(data_dir: Path, table: str, column: str, value: str, where: Callable[[Row], bool] = lambda row: True) -> int:
    """Set `column` of the first row matching `where` to `value`; returns that row's line number."""
    header, rows, lines = read_table(data_dir, table)
    position = header.index(column)
    for line, row in zip(lines, rows):
        if where(dict(zip(header, row))):
            row[position] = value
            write_table(data_dir, table, header, rows)
            return line
    raise LookupError(f"no row of {table}.csv matches")


def messages(data_dir: Path) -> list[str]:
    return [str(problem) for problem in validate_data_dir(data_dir)]


def assert_reported(data_dir: Path, prefix: str, *words: str) -> None:
    """Some problem starts with `prefix` and mentions every word."""
    found = messages(data_dir)
    hits = [text for text in found if text.startswith(prefix) and all(word in text for word in words)]
    assert hits, f"no problem {prefix!r} with {words}; got:\n" + "\n".join(found)


def stated_number(row: Row) -> bool:
    return row["kind"] == "stated" and row["unit"] != "date" and row["value"] != ""


def derived(row: Row) -> bool:
    return row["kind"] == "derived"


def derived_with_decimals(row: Row) -> bool:
    return derived(row) and "." in row["value"]


# --- the shipped data -------------------------------------------------------------------------


def test_shipped_data_has_no_problems(data_dir):
    """The data directory in the repository passes every rule."""
    assert messages(data_dir) == []


def test_problem_str_is_file_row_column():
    """Problems print as file:row:column: message, or file: message without a location."""
    assert str(Problem("facts.csv", 12, "value", "bad")) == "facts.csv:12:value: bad"
    assert str(Problem("facts.csv", 1, None, "bad header")) == "facts.csv:1: bad header"
    assert str(Problem("extra.csv", None, None, "not listed")) == "extra.csv: not listed"


# --- corruptions, one per rule ------------------------------------------------------------------


def corrupt_encoding(d: Path) -> tuple[str, tuple[str, ...]]:
    with open(d / "units.csv", "ab") as handle:
        handle.write(b"bad,\xff\xfe,x,y,z\n")
    return "units.csv:", ("UTF-8",)


def corrupt_row_width(d: Path) -> tuple[str, tuple[str, ...]]:
    header, rows, lines = read_table(d, "levels")
    rows.append(["extra_level", "多余"])
    write_table(d, "levels", header, rows)
    return f"levels.csv:{lines[-1] + 1}: ", ("malformed row", "2 cells")


def corrupt_header(d: Path) -> tuple[str, tuple[str, ...]]:
    header, rows, _ = read_table(d, "townships")
    header[header.index("kind")] = "type"
    write_table(d, "townships", header, rows)
    return "townships.csv:1: ", ("header differs", "kind")


def corrupt_unlisted_csv(d: Path) -> tuple[str, tuple[str, ...]]:
    (d / "extra.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    return "extra.csv: ", ("not listed", "datapackage.json")


def corrupt_missing_resource(d: Path) -> tuple[str, tuple[str, ...]]:
    (d / "notes.csv").unlink()
    return "notes.csv: ", ("missing",)


def corrupt_required(d: Path) -> tuple[str, tuple[str, ...]]:
    line = edit_cell(d, "facts", "label_en", "")
    return f"facts.csv:{line}:label_en: ", ("required",)


def corrupt_integer(d: Path) -> tuple[str, tuple[str, ...]]:
    line = edit_cell(d, "facts", "section", "three")
    return f"facts.csv:{line}:section: ", ("'three'", "not an integer")


def corrupt_number(d: Path) -> tuple[str, tuple[str, ...]]:
    line = edit_cell(d, "facts", "value", "12a", stated_number)
    return f"facts.csv:{line}:value: ", ("'12a'", "not a number")


def corrupt_boolean(d: Path) -> tuple[str, tuple[str, ...]]:
    line = edit_cell(d, "schools", "name_en_official", "yes")
    return f"schools.csv:{line}:name_en_official: ", ("'yes'", "not a boolean")


def corrupt_enum(d: Path) -> tuple[str, tuple[str, ...]]:
    line = edit_cell(d, "facts", "qualifier", "about")
    return f"facts.csv:{line}:qualifier: ", ("'about'", "not one of", "exact")


def corrupt_pattern(d: Path) -> tuple[str, tuple[str, ...]]:
    line = edit_cell(d, "levels", "level_id", "Bad Level")
    return f"levels.csv:{line}:level_id: ", ("'Bad Level'", "pattern")


def corrupt_township_code(d: Path) -> tuple[str, tuple[str, ...]]:
    line = edit_cell(d, "townships", "township_code", "45038110")
    return f"townships.csv:{line}:township_code: ", ("pattern", "[0-9]{9}")


def corrupt_duplicate_key(d: Path) -> tuple[str, tuple[str, ...]]:
    header, rows, lines = read_table(d, "facts")
    rows[1][0] = rows[0][0]
    write_table(d, "facts", header, rows)
    return f"facts.csv:{lines[1]}:fact_id: ", ("duplicate primary key", rows[0][0], f"line {lines[0]}")


def corrupt_foreign_key(d: Path) -> tuple[str, tuple[str, ...]]:
    line = edit_cell(d, "facts", "unit", "kilogram")
    return f"facts.csv:{line}:unit: ", ("'kilogram'", "units.csv")


def corrupt_paragraph_text(d: Path) -> tuple[str, tuple[str, ...]]:
    line = edit_cell(d, "paragraphs", "text", "这一行不在报告里。", lambda row: row["role"] == "body")
    return f"paragraphs.csv:{line}:text: ", ("not a line of", "verbatim")


def corrupt_paragraph_dropped(d: Path) -> tuple[str, tuple[str, ...]]:
    header, rows, _ = read_table(d, "paragraphs")
    del rows[-1]
    write_table(d, "paragraphs", header, rows)
    return "paragraphs.csv:", ("missing from paragraphs",)


def corrupt_report_text_path(d: Path) -> tuple[str, tuple[str, ...]]:
    line = edit_cell(d, "reports", "text_path", "report/nowhere.txt")
    return f"reports.csv:{line}:text_path: ", ("not found",)


def corrupt_fact_quote(d: Path) -> tuple[str, tuple[str, ...]]:
    line = edit_cell(d, "facts", "quote", "报告里没有这句话", stated_number)
    return f"facts.csv:{line}:quote: ", ("not found in paragraph",)


def corrupt_value_not_in_quote(d: Path) -> tuple[str, tuple[str, ...]]:
    line, row = first_row(d, "facts", stated_number)
    edit_cell(d, "facts", "value", "987654321", lambda other: other["fact_id"] == row["fact_id"])
    return f"facts.csv:{line}:value: ", ("987654321", "does not occur in the quote")


def corrupt_stated_without_quote(d: Path) -> tuple[str, tuple[str, ...]]:
    line = edit_cell(d, "facts", "quote", "", stated_number)
    return f"facts.csv:{line}:quote: ", ("stated fact has no quote",)


def corrupt_derived_without_formula(d: Path) -> tuple[str, tuple[str, ...]]:
    line = edit_cell(d, "facts", "formula", "", derived)
    return f"facts.csv:{line}:formula: ", ("derived fact has no formula",)


def corrupt_formula_unknown_fact(d: Path) -> tuple[str, tuple[str, ...]]:
    line = edit_cell(d, "facts", "formula", "no_such_fact_2023 + 1", derived)
    return f"facts.csv:{line}:formula: ", ("unknown fact", "no_such_fact_2023")


def corrupt_formula_syntax(d: Path) -> tuple[str, tuple[str, ...]]:
    line, row = first_row(d, "facts", derived)
    edit_cell(d, "facts", "formula", row["formula"] + " +", lambda other: other["fact_id"] == row["fact_id"])
    return f"facts.csv:{line}:formula: ", ("not valid arithmetic",)


def corrupt_formula_unsafe(d: Path) -> tuple[str, tuple[str, ...]]:
    line = edit_cell(d, "facts", "formula", "__import__('os').getcwd()", derived)
    return f"facts.csv:{line}:formula: ", ("not allowed",)


def corrupt_derived_value(d: Path) -> tuple[str, tuple[str, ...]]:
    line, row = first_row(d, "facts", derived_with_decimals)
    decimals = len(row["value"].split(".")[1])
    wrong = f"{float(row['value']) + 10 ** -decimals:.{decimals}f}"
    edit_cell(d, "facts", "value", wrong, lambda other: other["fact_id"] == row["fact_id"])
    return f"facts.csv:{line}:value: ", (wrong, "differs from its formula", f"{decimals} decimals")


def corrupt_agrees_with(d: Path) -> tuple[str, tuple[str, ...]]:
    _, target = first_row(d, "facts", lambda row: stated_number(row) and float(row["value"]) > 1000)
    line = edit_cell(d, "facts", "agrees_with", target["fact_id"], lambda row: derived(row) and not row["agrees_with"])
    return f"facts.csv:{line}:agrees_with: ", ("does not agree with", target["fact_id"])


def corrupt_date_fact_period(d: Path) -> tuple[str, tuple[str, ...]]:
    line, row = first_row(d, "facts", lambda row: row["unit"] == "date" and len(row["period"]) == 10)
    wrong = row["period"][:-2] + ("28" if row["period"][-2:] != "28" else "27")
    edit_cell(d, "facts", "period", wrong, lambda other: other["fact_id"] == row["fact_id"])
    return f"facts.csv:{line}:period: ", (wrong, "not in the quote")


def corrupt_value_missing(d: Path) -> tuple[str, tuple[str, ...]]:
    line = edit_cell(d, "facts", "value", "", stated_number)
    return f"facts.csv:{line}:value: ", ("value missing",)


def corrupt_date_precision(d: Path) -> tuple[str, tuple[str, ...]]:
    line, row = first_row(d, "events")
    wrong = "day" if row["date_precision"] != "day" else "year"
    edit_cell(d, "events", "date_precision", wrong, lambda other: other["event_id"] == row["event_id"])
    return f"events.csv:{line}:date_precision: ", (repr(wrong), "does not match date")


def corrupt_event_date(d: Path) -> tuple[str, tuple[str, ...]]:
    line, row = first_row(d, "events")
    edit_cell(d, "events", "date", "2023-02-30", lambda other: other["event_id"] == row["event_id"])
    edit_cell(d, "events", "date_precision", "day", lambda other: other["event_id"] == row["event_id"])
    return f"events.csv:{line}:date: ", ("not a real date",)


def edit_descriptor(d: Path, change: Callable[[dict], None]) -> None:
    """Apply `change` to the parsed datapackage.json of `d` and write it back."""
    path = d / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    change(descriptor)
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")


def resource(descriptor: dict, name: str) -> dict:
    return next(item for item in descriptor["resources"] if item["name"] == name)


def schema_field(descriptor: dict, table: str, name: str) -> dict:
    return next(item for item in resource(descriptor, table)["schema"]["fields"] if item["name"] == name)


# Nothing outside data/ (issue 18).

def corrupt_source_absolute(d: Path) -> tuple[str, tuple[str, ...]]:
    edit_descriptor(d, lambda desc: desc["sources"].append({"title": "x", "path": "/etc/passwd"}))
    return "datapackage.json: ", ("source path", "'/etc/passwd'", "absolute")


def corrupt_source_parent(d: Path) -> tuple[str, tuple[str, ...]]:
    edit_descriptor(d, lambda desc: desc["sources"].append({"title": "x", "path": "../../../../etc/hostname"}))
    return "datapackage.json: ", ("source path", "../../../../etc/hostname", "leaves data/")


def corrupt_resource_parent(d: Path) -> tuple[str, tuple[str, ...]]:
    shutil.copy(d / "units.csv", d.parent / "units.csv")
    edit_descriptor(d, lambda desc: resource(desc, "units").update(path="../units.csv"))
    return "datapackage.json: ", ("resource 'units'", "'../units.csv'", "leaves data/")


def corrupt_resource_symlink(d: Path) -> tuple[str, tuple[str, ...]]:
    outside = d.parent / "outside-levels.csv"
    shutil.copy(d / "levels.csv", outside)
    (d / "levels.csv").unlink()
    (d / "levels.csv").symlink_to(outside)
    return "datapackage.json: ", ("resource 'levels'", "symbolic link")


def corrupt_text_path_absolute(d: Path) -> tuple[str, tuple[str, ...]]:
    line = edit_cell(d, "reports", "text_path", "/etc/hostname")
    return f"reports.csv:{line}:text_path: ", ("'/etc/hostname'", "absolute")


def corrupt_text_path_parent(d: Path) -> tuple[str, tuple[str, ...]]:
    line = edit_cell(d, "reports", "text_path", "report/../../../../etc/hostname")
    return f"reports.csv:{line}:text_path: ", ("leaves data/",)


def corrupt_text_path_symlink(d: Path) -> tuple[str, tuple[str, ...]]:
    (d / "report" / "elsewhere.txt").symlink_to("/etc/hostname")
    line = edit_cell(d, "reports", "text_path", "report/elsewhere.txt")
    return f"reports.csv:{line}:text_path: ", ("symbolic link",)


def corrupt_text_path_pipe(d: Path) -> tuple[str, tuple[str, ...]]:
    os.mkfifo(d / "report" / "pipe.txt")
    line = edit_cell(d, "reports", "text_path", "report/pipe.txt")
    return f"reports.csv:{line}:text_path: ", ("not a regular file",)


def corrupt_loosened_pattern(d: Path) -> tuple[str, tuple[str, ...]]:
    """Removing an id pattern from the descriptor neither loosens the check nor passes unnoticed."""
    edit_descriptor(d, lambda desc: schema_field(desc, "paragraphs", "paragraph_id")["constraints"].pop("pattern"))
    return "datapackage.json: ", ("'paragraphs'", "'paragraph_id'", "lipu_data/schema.py")


def corrupt_id_injection_despite_descriptor(d: Path) -> tuple[str, tuple[str, ...]]:
    edit_descriptor(d, lambda desc: schema_field(desc, "levels", "level_id")["constraints"].pop("pattern"))
    line = edit_cell(d, "levels", "level_id", "x](https://evil.example)")
    return f"levels.csv:{line}:level_id: ", ("pattern",)


def corrupt_loosened_enum(d: Path) -> tuple[str, tuple[str, ...]]:
    edit_descriptor(d, lambda desc: schema_field(desc, "facts", "qualifier")["constraints"]["enum"].append("about"))
    line = edit_cell(d, "facts", "qualifier", "about")
    return f"facts.csv:{line}:qualifier: ", ("'about'", "not one of")


def corrupt_type_changed(d: Path) -> tuple[str, tuple[str, ...]]:
    edit_descriptor(d, lambda desc: schema_field(desc, "levels", "sort_order").update(type="string"))
    line = edit_cell(d, "levels", "sort_order", "first")
    return f"levels.csv:{line}:sort_order: ", ("not an integer",)


def corrupt_required_dropped(d: Path) -> tuple[str, tuple[str, ...]]:
    edit_descriptor(d, lambda desc: schema_field(desc, "facts", "label_en").pop("constraints"))
    line = edit_cell(d, "facts", "label_en", "")
    return f"facts.csv:{line}:label_en: ", ("required",)


# Values that cannot break a page (issue 18).

def corrupt_period_month(d: Path) -> tuple[str, tuple[str, ...]]:
    line = edit_cell(d, "facts", "period", "2023-13", stated_number)
    return f"facts.csv:{line}:period: ", ("2023-13", "not a real date")


def corrupt_period_day(d: Path) -> tuple[str, tuple[str, ...]]:
    line = edit_cell(d, "facts", "period", "2023-02-30", stated_number)
    return f"facts.csv:{line}:period: ", ("2023-02-30", "not a real date")


def corrupt_period_span_order(d: Path) -> tuple[str, tuple[str, ...]]:
    line = edit_cell(d, "facts", "period", "2023/2021", stated_number)
    return f"facts.csv:{line}:period: ", ("2023/2021", "before its end")


def corrupt_value_infinite(d: Path) -> tuple[str, tuple[str, ...]]:
    line = edit_cell(d, "facts", "value", "1e999", derived)
    return f"facts.csv:{line}:value: ", ("1e999", "out of range")


def corrupt_value_too_large(d: Path) -> tuple[str, tuple[str, ...]]:
    line = edit_cell(d, "facts", "value", "1e300", stated_number)
    return f"facts.csv:{line}:value: ", ("1e300", "above the maximum")


def corrupt_formula_overflow(d: Path) -> tuple[str, tuple[str, ...]]:
    line = edit_cell(d, "facts", "formula", "1e308 * 10", derived)
    return f"facts.csv:{line}:formula: ", ("inf", "not a figure")


def corrupt_sort_order_digits(d: Path) -> tuple[str, tuple[str, ...]]:
    line = edit_cell(d, "levels", "sort_order", "12345678901234567890")
    return f"levels.csv:{line}:sort_order: ", ("12345678901234567890", "out of range")


def corrupt_sort_order_range(d: Path) -> tuple[str, tuple[str, ...]]:
    line = edit_cell(d, "levels", "sort_order", "100000")
    return f"levels.csv:{line}:sort_order: ", ("100000", "above the maximum 999")


def corrupt_year_range(d: Path) -> tuple[str, tuple[str, ...]]:
    line = edit_cell(d, "honours", "year", "20230", lambda row: row["year"] != "")
    return f"honours.csv:{line}:year: ", ("20230", "above the maximum 2199")


def corrupt_formula_comment(d: Path) -> tuple[str, tuple[str, ...]]:
    line, row = first_row(d, "facts", derived)
    edit_cell(d, "facts", "formula", row["formula"] + " # ` [x](https://evil.example)",
              lambda other: other["fact_id"] == row["fact_id"])
    return f"facts.csv:{line}:formula: ", ("'#' is not allowed",)


def corrupt_label_line_separator(d: Path) -> tuple[str, tuple[str, ...]]:
    line = edit_cell(d, "facts", "label_en", "Tier-one\u2028admissions", lambda row: row["metric"] == "gaokao_tier1_admitted")
    return f"facts.csv:{line}:label_en: ", ("U+2028", "LINE SEPARATOR")


def corrupt_label_control(d: Path) -> tuple[str, tuple[str, ...]]:
    line = edit_cell(d, "schools", "name_en", "School\x1b[31m")
    return f"schools.csv:{line}:name_en: ", ("U+001B",)


def corrupt_title_newline(d: Path) -> tuple[str, tuple[str, ...]]:
    line = edit_cell(d, "reports", "title_en", "Report\n# Heading")
    return f"reports.csv:{line}:title_en: ", ("U+000A",)


def corrupt_note_bidi(d: Path) -> tuple[str, tuple[str, ...]]:
    line = edit_cell(d, "notes", "text_en", "note \u202e reversed")
    return f"notes.csv:{line}:text_en: ", ("U+202E",)


def corrupt_label_leading_space(d: Path) -> tuple[str, tuple[str, ...]]:
    line = edit_cell(d, "events", "title_en", "    indented")
    return f"events.csv:{line}:title_en: ", ("starts or ends with a space",)


def quote_corruption(table: str) -> Callable[[Path], tuple[str, tuple[str, ...]]]:
    def corrupt(d: Path) -> tuple[str, tuple[str, ...]]:
        line = edit_cell(d, table, "quote", "报告里没有这句话")
        return f"{table}.csv:{line}:quote: ", ("not found in paragraph",)

    return corrupt


def corrupt_term_not_in_report(d: Path) -> tuple[str, tuple[str, ...]]:
    line = edit_cell(d, "terms", "term_zh", "报告里没有的词")
    return f"terms.csv:{line}:term_zh: ", ("does not occur in the report",)


def corrupt_term_paragraph_unknown(d: Path) -> tuple[str, tuple[str, ...]]:
    line = edit_cell(d, "terms", "paragraph_ids", "2023-s9-p9")
    return f"terms.csv:{line}:paragraph_ids: ", ("'2023-s9-p9'", "not a paragraph_id")


def corrupt_term_paragraph_unused(d: Path) -> tuple[str, tuple[str, ...]]:
    line = edit_cell(d, "terms", "paragraph_ids", "2023-s4-3-p1;2023-s1-p1", lambda row: row["term_id"] == "shuangjian")
    return f"terms.csv:{line}:paragraph_ids: ", ("2023-s1-p1", "does not use", "双减")


def term_label_corruption(table: str, column: str, where: Callable[[Row], bool], english: str,
                          term_id: str) -> Callable[[Path], tuple[str, tuple[str, ...]]]:
    def corrupt(d: Path) -> tuple[str, tuple[str, ...]]:
        line = edit_cell(d, table, column, english, where)
        return f"{table}.csv:{line}:{column}: ", (term_id,)

    return corrupt


def corrupt_translation_missing(d: Path) -> tuple[str, tuple[str, ...]]:
    header, rows, _ = read_table(d, "paragraph_translations")
    dropped = rows.pop(5)
    write_table(d, "paragraph_translations", header, rows)
    line, _ = first_row(d, "paragraphs", lambda row: row["paragraph_id"] == dropped[0])
    return f"paragraphs.csv:{line}:paragraph_id: ", (dropped[0], "no English translation")


CORRUPTIONS = {
    "non-utf8": corrupt_encoding,
    "row-width": corrupt_row_width,
    "header": corrupt_header,
    "unlisted-csv": corrupt_unlisted_csv,
    "missing-resource": corrupt_missing_resource,
    "required": corrupt_required,
    "integer-type": corrupt_integer,
    "number-type": corrupt_number,
    "boolean-type": corrupt_boolean,
    "enum": corrupt_enum,
    "id-pattern": corrupt_pattern,
    "township-code-pattern": corrupt_township_code,
    "duplicate-key": corrupt_duplicate_key,
    "foreign-key": corrupt_foreign_key,
    "paragraph-not-verbatim": corrupt_paragraph_text,
    "report-line-missing": corrupt_paragraph_dropped,
    "report-text-missing": corrupt_report_text_path,
    "fact-quote": corrupt_fact_quote,
    "value-not-in-quote": corrupt_value_not_in_quote,
    "stated-without-quote": corrupt_stated_without_quote,
    "derived-without-formula": corrupt_derived_without_formula,
    "formula-unknown-fact": corrupt_formula_unknown_fact,
    "formula-syntax": corrupt_formula_syntax,
    "formula-unsafe": corrupt_formula_unsafe,
    "derived-value": corrupt_derived_value,
    "agrees-with": corrupt_agrees_with,
    "date-fact-period": corrupt_date_fact_period,
    "value-missing": corrupt_value_missing,
    "date-precision": corrupt_date_precision,
    "event-date": corrupt_event_date,
    "honours-quote": quote_corruption("honours"),
    "events-quote": quote_corruption("events"),
    "projects-quote": quote_corruption("projects"),
    "school-programs-quote": quote_corruption("school_programs"),
    "source-path-absolute": corrupt_source_absolute,
    "source-path-parent": corrupt_source_parent,
    "resource-path-parent": corrupt_resource_parent,
    "resource-path-symlink": corrupt_resource_symlink,
    "text-path-absolute": corrupt_text_path_absolute,
    "text-path-parent": corrupt_text_path_parent,
    "text-path-symlink": corrupt_text_path_symlink,
    "text-path-pipe": corrupt_text_path_pipe,
    "descriptor-pattern-removed": corrupt_loosened_pattern,
    "id-injection-despite-descriptor": corrupt_id_injection_despite_descriptor,
    "descriptor-enum-widened": corrupt_loosened_enum,
    "descriptor-type-changed": corrupt_type_changed,
    "descriptor-required-dropped": corrupt_required_dropped,
    "period-month": corrupt_period_month,
    "period-day": corrupt_period_day,
    "period-span-order": corrupt_period_span_order,
    "value-infinite": corrupt_value_infinite,
    "value-too-large": corrupt_value_too_large,
    "formula-overflow": corrupt_formula_overflow,
    "sort-order-digits": corrupt_sort_order_digits,
    "sort-order-range": corrupt_sort_order_range,
    "year-range": corrupt_year_range,
    "formula-comment": corrupt_formula_comment,
    "label-line-separator": corrupt_label_line_separator,
    "label-control-character": corrupt_label_control,
    "title-newline": corrupt_title_newline,
    "note-bidi-override": corrupt_note_bidi,
    "label-leading-space": corrupt_label_leading_space,
    "translation-missing": corrupt_translation_missing,
    "term-not-in-report": corrupt_term_not_in_report,
    "term-paragraph-unknown": corrupt_term_paragraph_unknown,
    "term-paragraph-unused": corrupt_term_paragraph_unused,
    "term-fact-label": term_label_corruption("facts", "label_en", lambda row: row["fact_id"] == "gaokao_tier1_admitted_2023",
                                             "Gaokao first-tier admissions", "cut_off"),
    "term-program-name": term_label_corruption("programs", "name_en", lambda row: row["program_id"] == "dropout_control",
                                               "Keeping children in school", "dropout_control"),
    "term-honour": term_label_corruption("honours", "honour_en", lambda row: row["honour_id"] == "xiong_bifang_march8_red_banner",
                                         "Regional women's model", "march8_red_banner"),
    "term-event-title": term_label_corruption("events", "title_en", lambda row: row["event_id"] == "zero_drowning_2023",
                                              "No pupil lost to water", "drowning_death"),
}


@pytest.mark.parametrize("corrupt", list(CORRUPTIONS.values()), ids=list(CORRUPTIONS))
def test_corruption_is_reported_at_its_place(data_copy, corrupt):
    """Each kind of corruption yields a problem located at the corrupted file, row and column."""
    prefix, words = corrupt(data_copy)
    assert_reported(data_copy, prefix, *words)


def test_load_dataset_refuses_corrupted_data(data_copy):
    """load_dataset raises DataValidationError listing the problem; it never returns partial data."""
    line = edit_cell(data_copy, "facts", "unit", "kilogram")
    with pytest.raises(DataValidationError) as caught:
        load_dataset(data_copy)
    assert any(str(problem).startswith(f"facts.csv:{line}:unit:") for problem in caught.value.problems)
    assert f"facts.csv:{line}:unit:" in str(caught.value)


def test_problems_are_all_collected(data_copy):
    """Validation does not stop at the first problem: two corruptions in two files give two problems."""
    fact_line = edit_cell(data_copy, "facts", "qualifier", "about")
    level_line = edit_cell(data_copy, "levels", "sort_order", "first")
    found = messages(data_copy)
    assert any(text.startswith(f"facts.csv:{fact_line}:qualifier:") for text in found)
    assert any(text.startswith(f"levels.csv:{level_line}:sort_order:") for text in found)


def test_empty_optional_foreign_key_is_no_reference(data_copy):
    """An empty optional reference (here a fact's school_id) is valid: empty means no reference."""
    edit_cell(data_copy, "facts", "school_id", "", lambda row: row["school_id"] != "")
    assert messages(data_copy) == []


# --- the command line ---------------------------------------------------------------------------


def run_cli(*args: str) -> subprocess.CompletedProcess:
    root = Path(__file__).resolve().parent.parent
    return subprocess.run([sys.executable, "-m", "lipu_data", *args], capture_output=True, text=True, cwd=root, timeout=120)


def test_cli_accepts_shipped_data():
    """`python -m lipu_data validate` exits 0 with a one-line OK summary on the shipped data."""
    result = run_cli("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("OK ") and "facts" in result.stdout


def test_cli_reports_problem_location(data_copy):
    """On corrupted data the CLI exits 1 and prints the problem as file:row:column."""
    line = edit_cell(data_copy, "facts", "qualifier", "about")
    result = run_cli("validate", str(data_copy))
    assert result.returncode == 1
    assert f"facts.csv:{line}:qualifier: " in result.stdout
    assert "problem" in result.stderr


def test_cli_without_arguments_prints_usage():
    """`python -m lipu_data` alone prints usage and exits 2."""
    result = run_cli()
    assert result.returncode == 2
    assert "usage" in result.stderr


# --- reading numbers in quotes ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("全市一本上线468人", 468),
        ("本科上线率为75.64%", 75.64),
        ("发放各类学生资助资金1666.71325万元", 1666.71325),
        ("单个视频播放量超20万人", 200000),
        ("单个视频播放量超20万人", 20),
        ("成为广西唯一的全国改革试点，全国十个改革试点之一", 10),
        ("近三年共投入", 3),
        ("实现零溺亡目标", 0),
        ("十二所", 12),
        ("二十所", 20),
        ("三百零五", 305),
        ("１２３人", 123),
    ],
)
def test_numbers_in_text_finds(text, number):
    """numbers_in_text reads Arabic digits, decimals, 万, and simple Chinese numerals."""
    assert any(abs(found - number) < 1e-9 for found in numbers_in_text(text))


def test_numbers_in_text_does_not_invent():
    """Adjacent digits are one number: 468 does not contain 46, and 一二 is not twelve."""
    assert 46 not in numbers_in_text("上线468人")
    assert 12 not in numbers_in_text("一二")


# --- nothing outside data/ reaches the data-package zip (issue 18) ------------------------------


def test_zip_carries_only_files_inside_data(data_copy, tmp_path):
    """Sources and resources naming /etc/passwd, a '../' path or a symbolic link out are left out of the zip, and
    every entry is a plain relative name inside the package folder."""
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-OUTSIDE-DATA", encoding="utf-8")
    (data_copy / "report" / "linked.txt").symlink_to(secret)
    edit_descriptor(data_copy, lambda desc: desc["sources"].extend(
        [{"title": "a", "path": "/etc/passwd"}, {"title": "b", "path": "../../../../etc/hostname"},
         {"title": "c", "path": "../secret.txt"}, {"title": "d", "path": "report/linked.txt"}]))
    archive = zipfile.ZipFile(io.BytesIO(package_zip.build_zip(data_copy)))
    for name in archive.namelist():
        parts = name.split("/")
        assert parts[0] == package_zip.PACKAGE_FOLDER and not name.startswith("/") and "\\" not in name
        assert ".." not in parts and "" not in parts and "." not in parts, name
    contents = b"".join(archive.read(name) for name in archive.namelist())
    assert b"SECRET-OUTSIDE-DATA" not in contents and b"root:" not in contents
    assert f"{package_zip.PACKAGE_FOLDER}/report/lipu-education-2023.txt" in archive.namelist()


def test_problems_never_name_the_absolute_data_path(data_copy):
    """A missing descriptor is reported relative to the data directory, never by its absolute path."""
    (data_copy / "datapackage.json").unlink()
    assert all(str(data_copy) not in text for text in messages(data_copy))
