"""Validation of a data directory against datapackage.json and the rules of docs/data-model.md."""

from __future__ import annotations

import contextlib
import csv
import datetime
import gc
import io
import json
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .content_rules import check_charts, check_page_items, check_program_points
from .derive import evaluate_formula, formula_inputs, matches_at_precision, written_decimals
from .model import COLUMNS, DEFAULT_DATA_DIR, DESCRIPTOR_NAME, TABLES, Problem
from .schema import SCHEMAS, YEARS, field_rules
from .textnum import numbers_in_text

_INTEGER = re.compile(r"[+-]?[0-9]+")
# Stricter than float(): no "nan", "inf" or "1_000" sneaking in as numbers.
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_WHITESPACE = re.compile(r"\s+")
_DATE_PRECISION = {4: "year", 7: "month", 10: "day"}
QUOTED_TABLES = ("honours", "events", "projects", "school_programs")
# Characters no text cell may hold: controls (a newline ends a markdown line, U+2028/U+2029 end a Vega
# expression), invisible format characters that reorder or hide text (bidi overrides, zero-width spaces;
# the joiners U+200C/U+200D that emoji and some scripts need stay allowed), private use, unassigned.
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_SAFE_FORMAT = frozenset({"\u200c", "\u200d"})
# More digits than any sane integer: int() of thousands of digits is slow and int64 overflows at 19.
_MAX_INTEGER_DIGITS = 15
# A space at either end of a cell, in a column's cells joined by NUL (a NUL in a cell is caught as unsafe).
_EDGE_SPACE = re.compile(r"\0\s|\s\0")


def unsafe_character(text: str) -> str | None:
    """The first character of `text` that may not appear in data text (see _UNSAFE_CATEGORIES), or None."""
    for char in text:
        if char not in _SAFE_FORMAT and unicodedata.category(char) in _UNSAFE_CATEGORIES:
            return char
    return None


def describe_character(char: str) -> str:
    """U+2028 (LINE SEPARATOR): how a problem names an invisible character."""
    return f"U+{ord(char):04X} ({unicodedata.name(char, unicodedata.category(char))})"


def contained_path(base: Path, relative: object) -> tuple[Path | None, str | None]:
    """`base / relative` if it stays inside `base` (plain relative names, no symlink out), else None and why.

    Paths come from the editable data/ (datapackage.json, reports.csv): a path that leaves it would let an
    edit publish any file of the server (in the data-package zip, or quoted on the error page).
    """
    if not isinstance(relative, str) or not relative:
        return None, "is not a file name"
    if "\\" in relative or "\0" in relative or unsafe_character(relative):
        return None, "holds a backslash or control character"
    pure = PurePosixPath(relative)
    if pure.is_absolute() or re.match(r"^[A-Za-z]:", relative):
        return None, "is an absolute path (paths are relative to data/)"
    if any(part in ("..", ".", "") for part in relative.split("/")):
        return None, "leaves data/ or is not a plain path ('..', '.' or an empty part)"
    root = base.resolve()
    resolved = (root / pure).resolve()
    if not resolved.is_relative_to(root):
        return None, "resolves outside data/ (through a symbolic link)"
    return root / pure, None


def strip_whitespace(text: str) -> str:
    """`text` with all whitespace removed (quotes are compared this way)."""
    return _WHITESPACE.sub("", text)


@dataclass
class RawTable:
    """One CSV file as read: every cell a string, with the file line number of each row."""

    name: str
    file: str
    resource: dict
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    usable: bool = True  # False when the header differs from the schema: cells cannot be trusted
    _columns: list[tuple[str, ...]] | None = field(default=None, repr=False)

    @property
    def fields(self) -> list[dict]:
        return self.resource.get("schema", {}).get("fields", [])

    def column(self, name: str) -> tuple[str, ...]:
        """All cells of column `name`, in row order."""
        if self._columns is None:
            self._columns = list(zip(*self.rows)) if self.rows else [() for _ in self.header]
        return self._columns[self.header.index(name)]


def _resolve(data_dir: str | Path | None) -> Path:
    return Path(data_dir) if data_dir is not None else DEFAULT_DATA_DIR


def read_descriptor(data_dir: str | Path | None = None) -> tuple[dict | None, list[Problem]]:
    """The parsed datapackage.json, or None and the problems that prevent reading it."""
    base = _resolve(data_dir)
    path = base / DESCRIPTOR_NAME
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, [Problem(DESCRIPTOR_NAME, None, None, f"missing: no {DESCRIPTOR_NAME} in the data directory")]
    except OSError as error:
        # Never the OSError itself: its text names the absolute path.
        return None, [Problem(DESCRIPTOR_NAME, None, None, f"unreadable: {error.strerror or type(error).__name__}")]
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return None, [Problem(DESCRIPTOR_NAME, None, None, f"unreadable: {error}")]
    problems = []
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list):
        return None, [Problem(DESCRIPTOR_NAME, None, None, "has no list of resources")]
    names = {resource.get("name") for resource in resources if isinstance(resource, dict)}
    for name in TABLES:
        if name not in names:
            problems.append(Problem(DESCRIPTOR_NAME, None, None, f"no resource for table {name!r}"))
    for resource in resources:
        if not isinstance(resource, dict) or "path" not in resource or "name" not in resource:
            problems.append(Problem(DESCRIPTOR_NAME, None, None, f"resource without name or path: {str(resource)[:80]!r}"))
            continue
        if resource["name"] not in COLUMNS:
            problems.append(Problem(DESCRIPTOR_NAME, None, None,
                                    f"resource {str(resource['name'])[:40]!r} is not a table of the data model"))
            continue
        _, why = contained_path(base, resource["path"])
        if why:
            problems.append(Problem(DESCRIPTOR_NAME, None, None,
                                    f"resource {resource['name']!r} path {str(resource['path'])[:80]!r} {why}"))
        schema = resource.get("schema") if isinstance(resource.get("schema"), dict) else {}
        fields = schema.get("fields") if isinstance(schema.get("fields"), list) else []
        field_names = [item.get("name") if isinstance(item, dict) else None for item in fields]
        expected = COLUMNS[resource["name"]]
        if tuple(field_names) != expected:
            problems.append(Problem(
                DESCRIPTOR_NAME, None, None,
                f"resource {resource['name']!r} fields {field_names} differ from the data model's {list(expected)}",
            ))
        else:
            problems += _rule_differences(resource["name"], schema, fields)
    sources = descriptor.get("sources", [])
    for source in sources if isinstance(sources, list) else [sources]:
        path = source.get("path") if isinstance(source, dict) else None
        if path is not None:
            _, why = contained_path(base, path)
            if why:
                problems.append(Problem(DESCRIPTOR_NAME, None, None, f"source path {str(path)[:80]!r} {why}"))
    return descriptor, problems


def _rule_differences(name: str, schema: dict, fields: list[dict]) -> list[Problem]:
    """Where a resource's rules differ from the validator's own (lipu_data/schema.py): the checks apply
    the validator's, so the descriptor is reported rather than obeyed."""
    code = SCHEMAS[name]
    problems = []
    for spec, rules in zip(fields, code["fields"]):
        if field_rules(spec) != rules:
            stated = {key: value for key, value in field_rules(spec).items() if key != "name"}
            fixed = {key: value for key, value in rules.items() if key != "name"}
            problems.append(Problem(DESCRIPTOR_NAME, None, None,
                                    f"resource {name!r} field {rules['name']!r} states {stated}, but the "
                                    f"validator's rules (lipu_data/schema.py) are {fixed}"))
    for key, default in (("primaryKey", []), ("foreignKeys", [])):
        if schema.get(key, default) != code.get(key, default):
            problems.append(Problem(DESCRIPTOR_NAME, None, None,
                                    f"resource {name!r} {key} differs from the validator's (lipu_data/schema.py): "
                                    f"{code.get(key, default)}"))
    return problems


def checked_resource(resource: dict) -> dict:
    """A descriptor resource with the validator's own schema in place of the stated one."""
    return {**resource, "schema": SCHEMAS[resource["name"]]}


def read_raw_table(data_dir: str | Path | None, resource: dict) -> tuple[RawTable | None, list[Problem]]:
    """Read one resource's CSV; None when the file cannot be read at all."""
    base = _resolve(data_dir)
    file = str(resource["path"])
    path, why = contained_path(base, resource["path"])
    if path is None:
        return None, [Problem(DESCRIPTOR_NAME, None, None, f"resource {resource.get('name')!r} not read: its path {why}")]
    if not path.is_file():
        return None, [Problem(file, None, None, f"listed in {DESCRIPTOR_NAME} but missing")]
    try:
        data = path.read_bytes()
    except OSError as error:
        return None, [Problem(file, None, None, f"unreadable: {error.strerror or error}")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, [Problem(file, line, None, f"not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start})")]
    reader = csv.reader(io.StringIO(text, newline=""))
    problems: list[Problem] = []
    try:
        header = next(reader, None)
        if header is None:
            return None, [Problem(file, None, None, "empty file: no header row")]
        raw = RawTable(resource["name"], file, resource, header)
        expected = [item["name"] for item in raw.fields]
        if header != expected:
            raw.usable = False
            problems.append(Problem(file, 1, None, _header_message(header, expected)))
        width = len(header)
        rows = list(reader)
        if reader.line_num == len(rows) + 1:
            lines = list(range(2, len(rows) + 2))  # one record per line: line numbers are positions
        else:
            lines = _record_lines(text)
        if all(len(row) == width for row in rows):
            raw.rows, raw.lines = rows, lines
        else:
            for start, row in zip(lines, rows):
                if not row:
                    continue  # a blank line is not a record
                if len(row) != width:
                    problems.append(Problem(file, start, None, f"malformed row: {len(row)} cells, header has {width}"))
                    continue
                raw.rows.append(row)
                raw.lines.append(start)
    except csv.Error as error:
        return None, problems + [Problem(file, reader.line_num, None, f"malformed CSV: {error}")]
    return raw, problems


def _record_lines(text: str) -> list[int]:
    """First line number of every data record, for files where a quoted cell spans lines."""
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader, None)
    lines, previous = [], reader.line_num
    for _ in reader:
        lines.append(previous + 1)
        previous = reader.line_num
    return lines


def _header_message(header: list[str], expected: list[str]) -> str:
    missing = [name for name in expected if name not in header]
    extra = [name for name in header if name not in expected]
    details = []
    if missing:
        details.append(f"missing {', '.join(missing)}")
    if extra:
        details.append(f"unexpected {', '.join(extra)}")
    if not details:
        details.append("columns out of order")
    return f"header differs from schema ({'; '.join(details)}): expected {','.join(expected)}"


def check_cells(raw: RawTable) -> list[Problem]:
    """Types, required values, enums, patterns, ranges and unique keys of one table."""
    problems: list[Problem] = []
    if not raw.usable:
        return problems
    primary_key = raw.resource.get("schema", {}).get("primaryKey") or []
    if isinstance(primary_key, str):
        primary_key = [primary_key]
    for spec in raw.fields:
        cells = raw.column(spec["name"])
        problems += _check_column(raw, spec, cells, spec["name"] in primary_key)
        if spec.get("constraints", {}).get("unique") and [spec["name"]] != primary_key:
            problems += _duplicates(raw, [spec["name"]], "unique value")
    if primary_key:
        problems += _duplicates(raw, primary_key, "primary key")
    return problems


def _check_column(raw: RawTable, spec: dict, cells: list[str], in_primary_key: bool) -> list[Problem]:
    # Each distinct value is judged once, and only the rows holding a bad value are then located:
    # ids are distinct, but most other columns repeat a handful of values over thousands of rows.
    name, kind = spec["name"], spec.get("type", "string")
    constraints = spec.get("constraints", {})
    required = constraints.get("required", False) or in_primary_key
    if kind == "string" and "enum" not in constraints and "pattern" not in constraints:
        # Free text: emptiness and unsafe characters matter; hashing every long quote would cost the most.
        problems = _text_problems(raw, name, cells)
        if not required or "" not in cells:
            return problems
        return problems + [Problem(raw.file, line, name, "required value missing")
                           for line, cell in zip(raw.lines, cells) if cell == ""]
    distinct = set(cells)
    verdicts: dict[str, str] = {}
    if "" in distinct:
        distinct.discard("")
        if required:
            verdicts[""] = "required value missing"
    if kind in ("integer", "number"):
        syntax, noun = (_INTEGER, "an integer") if kind == "integer" else (_NUMBER, "a number")
        for value in [value for value in distinct if not syntax.fullmatch(value)]:
            verdicts[value] = f"{value[:40]!r} is not {noun}"
            distinct.discard(value)
        for value in [value for value in distinct
                      if (kind == "integer" and len(value.lstrip("+-")) > _MAX_INTEGER_DIGITS)
                      or not math.isfinite(float(value))]:
            verdicts[value] = f"{value[:40]} is out of range (too large to be a figure)"
            distinct.discard(value)
        minimum, maximum = constraints.get("minimum"), constraints.get("maximum")
        if minimum is not None or maximum is not None:
            for value in distinct:
                if minimum is not None and float(value) < minimum:
                    verdicts[value] = f"{value} is below the minimum {minimum}"
                elif maximum is not None and float(value) > maximum:
                    verdicts[value] = f"{value} is above the maximum {maximum}"
    elif kind == "boolean":
        for value in distinct - set(spec.get("trueValues", ["true"])) - set(spec.get("falseValues", ["false"])):
            verdicts[value] = f"{value!r} is not a boolean (write true or false)"
            distinct.discard(value)
    if constraints.get("enum"):
        for value in distinct - set(constraints["enum"]):
            verdicts[value] = f"{value!r} is not one of {', '.join(constraints['enum'])}"
    if constraints.get("pattern"):
        pattern = re.compile(constraints["pattern"])
        for value in distinct:
            if value not in verdicts and not pattern.fullmatch(value):
                verdicts[value] = f"{value!r} does not match the pattern {pattern.pattern}"
    if not verdicts:
        return []
    return [Problem(raw.file, line, name, verdicts[cell]) for line, cell in zip(raw.lines, cells) if cell in verdicts]


def _text_problems(raw: RawTable, name: str, cells: tuple[str, ...]) -> list[Problem]:
    """Free-text cells hold no unsafe character and no leading or trailing space (which markdown drops)."""
    # One pass over the column's distinct characters, then the rows of any offender: a column of long
    # quotes holds a few thousand distinct characters at most.
    joined = "\0".join(cells)
    if (unsafe_character("".join(set(joined) - {"\0"})) is None and joined.count("\0") == max(len(cells) - 1, 0)
            and not (joined[:1].isspace() or joined[-1:].isspace() or _EDGE_SPACE.search(joined))):
        return []
    problems = []
    for line, cell in zip(raw.lines, cells):
        char = unsafe_character(cell)
        if char is not None:
            problems.append(Problem(raw.file, line, name, f"holds the invisible or control character "
                                                          f"{describe_character(char)}: remove it"))
        elif cell != cell.strip():
            problems.append(Problem(raw.file, line, name, "starts or ends with a space"))
    return problems


def _duplicates(raw: RawTable, columns: list[str], what: str) -> list[Problem]:
    keys = list(zip(*(raw.column(name) for name in columns)))
    if len(set(keys)) == len(keys):
        return []
    first_seen: dict[tuple[str, ...], int] = {}
    problems = []
    for line, key in zip(raw.lines, keys):
        if "" in key:
            continue  # reported as a missing required value
        if key in first_seen:
            shown = ", ".join(key)
            problems.append(Problem(raw.file, line, columns[0], f"duplicate {what} {shown!r} (first at line {first_seen[key]})"))
        else:
            first_seen[key] = line
    return problems


def check_foreign_keys(tables: dict[str, RawTable]) -> list[Problem]:
    """Every non-empty reference names an existing row; an empty cell means no reference."""
    problems: list[Problem] = []
    key_sets: dict[tuple[str, tuple[str, ...]], set] = {}
    for raw in tables.values():
        if not raw.usable:
            continue
        for foreign_key in raw.resource.get("schema", {}).get("foreignKeys", []):
            columns = _as_list(foreign_key["fields"])
            target_name = foreign_key["reference"].get("resource") or raw.name
            target_columns = _as_list(foreign_key["reference"]["fields"])
            target = tables.get(target_name)
            if target is None or not target.usable:
                continue
            cache_key = (target_name, tuple(target_columns))
            # Single-column keys stay plain strings: most references are one id, and building a
            # tuple per cell would cost more than the whole comparison.
            single = len(columns) == 1 and len(target_columns) == 1
            if cache_key not in key_sets:
                key_sets[cache_key] = (set(target.column(target_columns[0])) if single
                                       else set(zip(*(target.column(name) for name in target_columns))))
            if single:
                cells = raw.column(columns[0])
                dangling = set(cells) - key_sets[cache_key] - {""}
                problems += [
                    Problem(raw.file, line, columns[0], f"{cell!r} is not a {target_columns[0]} in {target.file}")
                    for line, cell in zip(raw.lines, cells) if cell in dangling
                ]
                continue
            keys = list(zip(*(raw.column(name) for name in columns)))
            dangling = set(keys) - key_sets[cache_key] - {("",) * len(columns)}
            for line, key in zip(raw.lines, keys) if dangling else ():
                if key in dangling:
                    problems.append(Problem(
                        raw.file, line, columns[0],
                        f"{', '.join(key)!r} is not a {'/'.join(target_columns)} in {target.file}",
                    ))
    return problems


def _as_list(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _records(raw: RawTable) -> Iterable[tuple[int, dict[str, str]]]:
    header = raw.header
    for line, row in zip(raw.lines, raw.rows):
        yield line, dict(zip(header, row))


def check_report_texts(tables: dict[str, RawTable], data_dir: Path) -> tuple[list[Problem], dict[str, str]]:
    """Paragraphs are the report texts' non-empty lines, verbatim and in order.

    Returns the problems and, for later quote checks, each paragraph's text without whitespace.
    """
    problems: list[Problem] = []
    reports, paragraphs = tables.get("reports"), tables.get("paragraphs")
    compact = {}
    if paragraphs is not None and paragraphs.usable:
        compact = {pid: strip_whitespace(text) for pid, text in zip(paragraphs.column("paragraph_id"), paragraphs.column("text"))}
    if reports is None or not reports.usable or paragraphs is None or not paragraphs.usable:
        return problems, compact
    by_year: dict[str, list[tuple[int, str]]] = {}
    for line, year, text in zip(paragraphs.lines, paragraphs.column("year"), paragraphs.column("text")):
        by_year.setdefault(year, []).append((line, text))
    for line, record in _records(reports):
        text_path = record["text_path"]
        if not text_path:
            continue
        path, why = contained_path(data_dir, text_path)
        if path is None:
            problems.append(Problem(reports.file, line, "text_path", f"{text_path[:80]!r} {why}"))
            continue
        if path.exists() and not path.is_file():
            # A folder, a pipe or a device: reading a pipe would block the app.
            problems.append(Problem(reports.file, line, "text_path", f"{text_path[:80]!r} is not a regular file"))
            continue
        try:
            report_text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            problems.append(Problem(reports.file, line, "text_path", f"report text {text_path} not found"))
            continue
        except OSError as error:
            problems.append(Problem(reports.file, line, "text_path",
                                    f"report text {text_path} unreadable: {error.strerror or type(error).__name__}"))
            continue
        except UnicodeDecodeError as error:
            problems.append(Problem(reports.file, line, "text_path", f"report text {text_path} unreadable: {error}"))
            continue
        numbered = [(number, text.strip()) for number, text in enumerate(report_text.splitlines(), 1) if text.strip()]
        problems += _match_lines(paragraphs.file, by_year.get(record["year"], []), numbered, text_path)
    return problems, compact


def _match_lines(file: str, paragraphs: list[tuple[int, str]], numbered: list[tuple[int, str]], text_path: str) -> list[Problem]:
    problems = []
    positions: dict[str, list[int]] = {}
    for index, (_, text) in enumerate(numbered):
        positions.setdefault(text, []).append(index)
    cursor = 0
    for line, text in paragraphs:
        candidates = positions.get(text)
        if not candidates:
            problems.append(Problem(file, line, "text", f"not a line of {text_path} (paragraph text must be verbatim)"))
            continue
        later = [index for index in candidates if index >= cursor]
        if not later:
            problems.append(Problem(file, line, "text", f"out of order or repeated: this line of {text_path} is already matched earlier"))
            continue
        for skipped in range(cursor, later[0]):
            number, missing = numbered[skipped]
            problems.append(Problem(file, line, "text", f"{text_path} line {number} is missing from paragraphs before this row: {missing[:40]!r}"))
        cursor = later[0] + 1
    for number, missing in numbered[cursor:]:
        problems.append(Problem(file, None, "text", f"{text_path} line {number} is missing from paragraphs: {missing[:40]!r}"))
    return problems


def _quote_problem(file: str, line: int, quote: str, paragraph_id: str, compact: dict[str, str]) -> Problem | None:
    if not paragraph_id or paragraph_id not in compact:
        return None  # a missing or dangling paragraph_id is reported by the required/foreign-key checks
    if strip_whitespace(quote) not in compact[paragraph_id]:
        return Problem(file, line, "quote", f"quote not found in paragraph {paragraph_id} (whitespace aside): {quote[:40]!r}")
    return None


def check_facts(raw: RawTable, compact: dict[str, str]) -> list[Problem]:
    """Quotes, values in quotes, formulas, recomputed values and agreements of the facts table."""
    problems: list[Problem] = []
    file = raw.file
    ids, kinds, value_cells = raw.column("fact_id"), raw.column("kind"), raw.column("value")
    values = {fact_id: float(cell) for fact_id, cell in zip(ids, value_cells) if _NUMBER.fullmatch(cell)}
    stated = {fact_id: cell for fact_id, kind, cell in zip(ids, kinds, value_cells) if kind == "stated"}
    known = set(ids)
    columns = zip(raw.lines, raw.rows, kinds, raw.column("unit"), value_cells, raw.column("quote"),
                  raw.column("paragraph_id"), raw.column("agrees_with"))
    for line, row, kind, unit, value_cell, quote, paragraph_id, agrees_with in columns:
        if value_cell == "" and unit != "date":
            problems.append(Problem(file, line, "value", "value missing (only facts with unit 'date' may have none)"))
        if quote:
            found = _quote_problem(file, line, quote, paragraph_id, compact)
            if found:
                problems.append(found)
        if kind == "stated":
            if not quote:
                problems.append(Problem(file, line, "quote", "stated fact has no quote"))
            elif unit == "date":
                problems += _date_in_quote(file, line, dict(zip(raw.header, row)))
            elif _NUMBER.fullmatch(value_cell) and not _value_in_quote(value_cell, quote):
                problems.append(Problem(file, line, "value", f"value {value_cell} does not occur in the quote {quote[:40]!r}"))
            if agrees_with:
                problems.append(Problem(file, line, "agrees_with", "only derived facts re-check another fact"))
        elif kind == "derived":
            problems += _check_derived(file, line, dict(zip(raw.header, row)), values, known, stated)
    return problems


def _value_in_quote(cell: str, quote: str) -> bool:
    # Fast path: the cell written as-is in the quote, not inside a longer number, is that number.
    # Only when it is absent (万, Chinese numerals, other spellings) is the full reading needed.
    start = quote.find(cell)
    while start != -1:
        end = start + len(cell)
        before = quote[start - 1] if start else ""
        after = quote[end : end + 2]
        if not (before.isdigit() or before in ".,") and not (
            after[:1].isdigit() or (after[:1] in ".," and after[1:2].isdigit())
        ):
            return True
        start = quote.find(cell, start + 1)
    return _has_number(numbers_in_text(quote), float(cell))


def _has_number(numbers: set[float], value: float) -> bool:
    if value in numbers:
        return True
    return any(abs(number - value) <= 1e-9 * max(1.0, abs(value)) for number in numbers)


def _date_in_quote(file: str, line: int, record: dict[str, str]) -> list[Problem]:
    parts = [part for part in re.split(r"[-/]", record["period"]) if part.isdigit()]
    # A report writes "12月" for December of its own year: the report's year may go unsaid.
    if parts and parts[0] == record["report_year"]:
        parts = parts[1:] or parts
    numbers = numbers_in_text(record["quote"])
    missing = [part for part in parts if not _has_number(numbers, float(part))]
    if missing:
        return [Problem(file, line, "period", f"date {record['period']}: {', '.join(missing)} not in the quote {record['quote'][:40]!r}")]
    return []


def _check_derived(
    file: str, line: int, record: dict[str, str], values: dict[str, float], known: set[str], stated: dict[str, str]
) -> list[Problem]:
    formula = record["formula"]
    if not formula:
        return [Problem(file, line, "formula", "derived fact has no formula")]
    try:
        inputs = formula_inputs(formula)
    except ValueError as error:
        return [Problem(file, line, "formula", str(error))]
    unknown = [name for name in inputs if name not in known]
    if unknown:
        # '-' is allowed in ids but is minus in a formula: say so when that is the likely cause.
        hint = " (a fact id containing '-' cannot be used in a formula)" if "-" in formula else ""
        return [Problem(file, line, "formula", f"formula refers to unknown fact(s) {', '.join(unknown)}{hint}")]
    if record["fact_id"] in inputs:
        return [Problem(file, line, "formula", "formula refers to its own fact")]
    try:
        computed = evaluate_formula(formula, values)
    except (ValueError, OverflowError) as error:
        return [Problem(file, line, "formula", str(error))]
    if not math.isfinite(computed):
        return [Problem(file, line, "formula", f"formula {formula!r} gives {computed}, not a figure")]
    problems = []
    value_cell = record["value"]
    if _NUMBER.fullmatch(value_cell) and not matches_at_precision(computed, value_cell):
        problems.append(Problem(
            file, line, "value",
            f"value {value_cell} differs from its formula's result {computed:.10g} "
            f"(checked to {written_decimals(value_cell)} decimals)",
        ))
    stated_id = record["agrees_with"]
    if stated_id and stated_id in known:  # an unknown id is reported by the foreign-key check
        stated_cell = stated.get(stated_id)
        if stated_cell is None:
            problems.append(Problem(file, line, "agrees_with", f"{stated_id} is not a stated fact"))
        elif _NUMBER.fullmatch(stated_cell) and not matches_at_precision(computed, stated_cell):
            problems.append(Problem(
                file, line, "agrees_with",
                f"computed {computed:.10g} does not agree with {stated_id} = {stated_cell} "
                f"(checked to {written_decimals(stated_cell)} decimals)",
            ))
    return problems


def check_quotes(raw: RawTable, compact: dict[str, str]) -> list[Problem]:
    """Every quote of an honours/events/projects/school_programs row occurs in its paragraph."""
    problems = []
    for line, quote, paragraph_id in zip(raw.lines, raw.column("quote"), raw.column("paragraph_id")):
        if quote:
            found = _quote_problem(raw.file, line, quote, paragraph_id, compact)
            if found:
                problems.append(found)
    return problems


def check_event_dates(raw: RawTable) -> list[Problem]:
    """An event's date is a real date whose form matches its date_precision."""
    problems = []
    for line, date, precision in zip(raw.lines, raw.column("date"), raw.column("date_precision")):
        expected = _DATE_PRECISION.get(len(date))
        if not date or expected is None:
            continue  # missing or malformed dates are reported by the cell checks
        if precision and precision != expected:
            problems.append(Problem(raw.file, line, "date_precision", f"{precision!r} does not match date {date} (expected {expected!r})"))
        try:
            datetime.date.fromisoformat((date + "-01-01")[:10])
        except ValueError:
            problems.append(Problem(raw.file, line, "date", f"{date} is not a real date"))
    return problems


def check_periods(raw: RawTable) -> list[Problem]:
    """A fact's period is a real year, month or day, or a span of years whose start comes before its end."""
    # Judged once per distinct period (a few dozen), then located.
    verdicts = {period: verdict for period in set(raw.column("period")) if (verdict := _period_problem(period))}
    return [Problem(raw.file, line, "period", verdicts[period])
            for line, period in zip(raw.lines, raw.column("period")) if period in verdicts]


def _period_problem(period: str) -> str | None:
    if not re.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?|/[0-9]{4})?", period):
        return None  # empty or malformed: reported by the cell checks
    low, high = YEARS
    if "/" in period:
        start, end = (int(part) for part in period.split("/"))
        if not start < end:
            return f"span {period}: its start must come before its end"
        years = (start, end)
    else:
        try:
            datetime.date.fromisoformat((period + "-01-01")[:10] if len(period) < 10 else period)
        except ValueError:
            return f"{period} is not a real date (month 01-12, day of that month)"
        years = (int(period[:4]),)
    if any(not low <= year <= high for year in years):
        return f"{period}: years must lie in {low}-{high}"
    return None


def check_translations(tables: dict[str, RawTable]) -> list[Problem]:
    """Every paragraph has its English translation (a dangling one is reported by the foreign-key check)."""
    paragraphs, translations = tables.get("paragraphs"), tables.get("paragraph_translations")
    if paragraphs is None or translations is None or not paragraphs.usable or not translations.usable:
        return []
    translated = set(translations.column("paragraph_id"))
    return [Problem(paragraphs.file, line, "paragraph_id",
                    f"{paragraph_id} has no English translation in {translations.file}")
            for line, paragraph_id in zip(paragraphs.lines, paragraphs.column("paragraph_id"))
            if paragraph_id not in translated]


# Where a Chinese label uses a term, its English label must use the term's rendering: (table, zh, en).
TERM_LABELS = (("facts", "label_zh", "label_en"), ("programs", "name_zh", "name_en"),
               ("honours", "honour_zh", "honour_en"), ("events", "title_zh", "title_en"))


def _split_list(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def _english_key(text: str) -> str:
    """English as term matching compares it: case-folded, hyphens read as spaces ("cut-off" = "cut off")."""
    return " ".join(text.casefold().replace("-", " ").split())


def check_terms(tables: dict[str, RawTable], compact: dict[str, str]) -> list[Problem]:
    """The terminology table against the report and the labels.

    A term occurs in the report text; each listed paragraph exists and uses the term (or one of its
    Chinese forms); and wherever a Chinese label of a fact, programme, honour or event uses a term, the
    English label uses the term's English rendering or one of its listed variants (case-insensitive,
    hyphens read as spaces).
    """
    raw = tables.get("terms")
    if raw is None or not raw.usable:
        return []
    problems: list[Problem] = []
    whole_text = "\n".join(compact.values())
    rules = []  # (term_id, Chinese forms, English forms)
    for line, record in _records(raw):
        term_zh = strip_whitespace(record["term_zh"])
        forms = [term_zh, *(strip_whitespace(form) for form in _split_list(record["forms_zh"]))]
        if term_zh and compact and term_zh not in whole_text:
            problems.append(Problem(raw.file, line, "term_zh", f"{record['term_zh']!r} does not occur in the report text"))
        for paragraph_id in _split_list(record["paragraph_ids"]):
            if paragraph_id not in compact:
                if compact:
                    problems.append(Problem(raw.file, line, "paragraph_ids", f"{paragraph_id!r} is not a paragraph_id in paragraphs.csv"))
            elif not any(form and form in compact[paragraph_id] for form in forms):
                problems.append(Problem(raw.file, line, "paragraph_ids",
                                        f"paragraph {paragraph_id} does not use {record['term_zh']!r}"))
        english = [record["term_en"], *_split_list(record["variants_en"])]
        rules.append((record["term_id"], [form for form in forms if form], [_english_key(word) for word in english if word]))
    for table, zh_column, en_column in TERM_LABELS:
        labelled = tables.get(table)
        if labelled is None or not labelled.usable:
            continue
        for line, zh, en in zip(labelled.lines, labelled.column(zh_column), labelled.column(en_column)):
            zh_compact, en_folded = strip_whitespace(zh), _english_key(en)
            for term_id, forms, english in rules:
                if en and any(form in zh_compact for form in forms) and not any(word in en_folded for word in english):
                    problems.append(Problem(
                        labelled.file, line, en_column,
                        f"{zh_column} uses the term {forms[0]} ({term_id}) but {en_column} has neither "
                        f"{english[0]!r} nor a variant ({', '.join(english[1:]) or 'none listed'}): {en[:50]!r}",
                    ))
    return problems


@contextlib.contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    # Reading allocates tens of thousands of small, acyclic lists and strings; the cyclic
    # collector would otherwise rescan them repeatedly and cost about a third of the run time.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def collect(data_dir: str | Path | None = None) -> tuple[list[Problem], dict[str, RawTable]]:
    """All problems of a data directory, and the raw tables read on the way (for the loader)."""
    with _without_cyclic_gc():
        return _collect(_resolve(data_dir))


def _collect(base: Path) -> tuple[list[Problem], dict[str, RawTable]]:
    descriptor, problems = read_descriptor(base)
    if descriptor is None:
        return problems, {}
    tables: dict[str, RawTable] = {}
    listed = set()
    for resource in descriptor["resources"]:
        if not isinstance(resource, dict) or "path" not in resource or resource.get("name") not in COLUMNS:
            continue  # reported by read_descriptor
        if contained_path(base, resource["path"])[1]:
            continue  # reported by read_descriptor; never read
        listed.add(Path(resource["path"]).as_posix())
        raw, found = read_raw_table(base, checked_resource(resource))
        problems += found
        if raw is not None:
            problems += check_cells(raw)
            tables[raw.name] = raw
    for path in sorted(base.glob("*.csv")):
        if path.name not in listed:
            problems.append(Problem(path.name, None, None, f"CSV file not listed in {DESCRIPTOR_NAME}"))
    problems += check_foreign_keys(tables)
    text_problems, compact = check_report_texts(tables, base)
    problems += text_problems
    facts = tables.get("facts")
    if facts is not None and facts.usable:
        problems += check_facts(facts, compact)
        problems += check_periods(facts)
    for name in QUOTED_TABLES:
        raw = tables.get(name)
        if raw is not None and raw.usable:
            problems += check_quotes(raw, compact)
    events = tables.get("events")
    if events is not None and events.usable:
        problems += check_event_dates(events)
    problems += check_terms(tables, compact)
    problems += check_translations(tables)
    problems += check_charts(tables) + check_page_items(tables) + check_program_points(tables, compact)
    # Sorted by place, so a maintainer reads each file's problems top to bottom.
    problems.sort(key=lambda problem: (problem.file, problem.row or 0))
    return problems, tables


def validate_data_dir(data_dir: str | Path | None = None) -> list[Problem]:
    """Every problem found in `data_dir` (default: the shipped data); empty when the data is valid."""
    return collect(data_dir)[0]
