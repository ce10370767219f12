"""The validator's own table schemas: types, required values, id patterns, enums, ranges and keys (no streamlit).

These rules are what the pages rely on (an id is a URL-safe slug, a year is a year, a number is finite), so
they live in code, not only in the editable datapackage.json: the descriptor must state the same rules (the
validator reports any difference), and the checks always apply these, so editing the descriptor cannot
loosen them. The descriptor keeps the descriptions; a new rule is a change here and there together.
"""

from __future__ import annotations

from .sitemap import PAGES

ID_PATTERN = "^[a-z0-9][a-z0-9_-]*$"
# Fact ids appear in formulas, where '-' would be minus: letters, digits and '_' only.
FACT_ID_PATTERN = "^[a-z][a-z0-9_]*$"
TOWNSHIP_CODE_PATTERN = "^[0-9]{9}$"
# Wide enough for the benchmarks' synthetic century of reports (harness/make_scaled_data.py, 100x: 2023-2122).
YEARS = (1900, 2199)
# Beyond 2**53 (about 9e15) a float no longer holds every integer: no report figure comes near.
NUMBER_LIMIT = 10**15
# The formatting rules a unit may name (lipu_data/formatting.py writes numbers by them).
UNIT_STYLES = ("number", "wan_yuan", "yuan", "percent", "rank", "date")
# The pages a chart or page item can belong to: the section pages of the registry (lipu_data/sitemap.py).
SECTION_PAGES = tuple(page.key for page in PAGES if page.section is not None)
CHART_KINDS = ("bars", "comparison", "share", "count")
CHART_PERIODS = ("latest", "all")
# What a count chart counts: rows of another table, each grouped by code in lipu_data/section_charts.py.
COUNT_SOURCES = ("school_roles", "construction_projects", "honours")
PAGE_ITEMS = ("headline", "related_program")


def _field(name: str, kind: str, constraints: dict, *, required: bool, unique: bool) -> dict:
    constraints = dict(constraints)
    if required:
        constraints["required"] = True
    if unique:
        constraints["unique"] = True
    spec = {"name": name, "type": kind}
    if constraints:
        spec["constraints"] = constraints
    return spec


def _text(name: str, *, required: bool = False) -> dict:
    return _field(name, "string", {}, required=required, unique=False)


def _id(name: str, *, required: bool = False, unique: bool = False) -> dict:
    return _field(name, "string", {"pattern": ID_PATTERN}, required=required, unique=unique)


def _fact_id(name: str, *, required: bool = False, unique: bool = False) -> dict:
    return _field(name, "string", {"pattern": FACT_ID_PATTERN}, required=required, unique=unique)


def _township_code(name: str, *, required: bool = False, unique: bool = False) -> dict:
    return _field(name, "string", {"pattern": TOWNSHIP_CODE_PATTERN}, required=required, unique=unique)


def _pattern(name: str, pattern: str, *, required: bool = False) -> dict:
    return _field(name, "string", {"pattern": pattern}, required=required, unique=False)


def _enum(name: str, values: tuple[str, ...], *, required: bool = False) -> dict:
    return _field(name, "string", {"enum": list(values)}, required=required, unique=False)


def _integer(name: str, bounds: tuple[int, int], *, required: bool = False, unique: bool = False) -> dict:
    return _field(name, "integer", {"minimum": bounds[0], "maximum": bounds[1]}, required=required, unique=unique)


def _number(name: str, *, required: bool = False) -> dict:
    return _field(name, "number", {"minimum": -NUMBER_LIMIT, "maximum": NUMBER_LIMIT}, required=required, unique=False)


def _boolean(name: str, *, required: bool = False) -> dict:
    spec = _field(name, "boolean", {}, required=required, unique=False)
    # Key order as in the descriptor: name, type, trueValues, falseValues, constraints.
    constraints = spec.pop("constraints", None)
    spec.update({"trueValues": ["true"], "falseValues": ["false"]})
    if constraints:
        spec["constraints"] = constraints
    return spec


def _table(fields: list[dict], primary_key: list[str], foreign_keys: list[tuple[str, str, str]]) -> dict:
    schema = {"fields": fields, "primaryKey": primary_key}
    if foreign_keys:
        schema["foreignKeys"] = [{"fields": [column], "reference": {"resource": resource, "fields": [target]}}
                                 for column, resource, target in foreign_keys]
    return schema


# One schema per table, in the Frictionless form of datapackage.json (without descriptions).
SCHEMAS: dict[str, dict] = {
    "reports": _table(
        [
            _integer("year", YEARS, required=True, unique=True),
            _text("title_zh", required=True),
            _text("title_en", required=True),
            _text("text_path", required=True),
            _text("publisher_zh", required=True),
            _text("publisher_en", required=True),
            _text("source_note"),
            _text("source_note_zh", required=True),
        ],
        ["year"],
        [],
    ),
    "paragraphs": _table(
        [
            _id("paragraph_id", required=True, unique=True),
            _integer("year", YEARS, required=True),
            _integer("section", (0, 8), required=True),
            _integer("subsection", (0, 99), required=True),
            _integer("number", (0, 9999), required=True),
            _enum("role", ("heading", "body"), required=True),
            _text("text", required=True),
        ],
        ["paragraph_id"],
        [("year", "reports", "year")],
    ),
    "units": _table(
        [
            _id("unit_id", required=True, unique=True),
            _text("name_en", required=True),
            _enum("style", UNIT_STYLES, required=True),
            _text("suffix_zh"),
            _text("suffix_en"),
            _text("axis_title_zh"),
            _text("axis_title_en"),
            _text("description_en"),
        ],
        ["unit_id"],
        [],
    ),
    "levels": _table(
        [
            _id("level_id", required=True, unique=True),
            _text("name_zh", required=True),
            _text("name_en", required=True),
            _integer("sort_order", (0, 999), required=True),
        ],
        ["level_id"],
        [],
    ),
    "townships": _table(
        [
            _township_code("township_code", required=True, unique=True),
            _text("name_zh", required=True),
            _text("name_en", required=True),
            _enum("kind", ("town", "township"), required=True),
        ],
        ["township_code"],
        [],
    ),
    "schools": _table(
        [
            _id("school_id", required=True, unique=True),
            _text("name_zh", required=True),
            _text("aliases_zh"),
            _text("name_en", required=True),
            _boolean("name_en_official", required=True),
            _id("level"),
            _township_code("township_code"),
            _text("township_evidence"),
            _text("note_en"),
        ],
        ["school_id"],
        [("level", "levels", "level_id"), ("township_code", "townships", "township_code")],
    ),
    "programs": _table(
        [
            _id("program_id", required=True, unique=True),
            _integer("section", (0, 8), required=True),
            _text("name_zh", required=True),
            _text("name_en", required=True),
            _text("summary_zh"),
            _text("summary_en"),
            _id("paragraph_id", required=True),
        ],
        ["program_id"],
        [("paragraph_id", "paragraphs", "paragraph_id")],
    ),
    "facts": _table(
        [
            _fact_id("fact_id", required=True, unique=True),
            _id("metric", required=True),
            _integer("report_year", YEARS, required=True),
            _integer("section", (1, 7), required=True),
            _integer("subsection", (0, 99), required=True),
            _id("paragraph_id", required=True),
            _text("label_zh", required=True),
            _text("label_en", required=True),
            _number("value"),
            _id("unit", required=True),
            _pattern("period", '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?|/[0-9]{4})?$', required=True),
            _enum("qualifier", ("exact", "at_least", "estimate"), required=True),
            _enum("kind", ("stated", "derived"), required=True),
            _text("quote"),
            _text("formula"),
            _fact_id("agrees_with"),
            _id("school_id"),
            _id("program_id"),
            _id("level"),
            _text("note_zh"),
            _text("note_en"),
        ],
        ["fact_id"],
        [("report_year", "reports", "year"), ("paragraph_id", "paragraphs", "paragraph_id"), ("unit", "units", "unit_id"), ("agrees_with", "", "fact_id"), ("school_id", "schools", "school_id"), ("program_id", "programs", "program_id"), ("level", "levels", "level_id")],
    ),
    "people": _table(
        [
            _id("person_id", required=True, unique=True),
            _text("name_zh", required=True),
            _text("name_en", required=True),
            _text("role_zh"),
            _text("role_en"),
            _id("school_id"),
            _text("note_en"),
        ],
        ["person_id"],
        [("school_id", "schools", "school_id")],
    ),
    "honours": _table(
        [
            _id("honour_id", required=True, unique=True),
            _integer("report_year", YEARS, required=True),
            _enum("recipient_type", ("person", "school", "institution", "city", "media"), required=True),
            _id("person_id"),
            _id("school_id"),
            _text("recipient_zh", required=True),
            _text("recipient_en", required=True),
            _text("honour_zh", required=True),
            _text("honour_en", required=True),
            _enum("scope", ("national", "regional", "city", "county"), required=True),
            _integer("year", YEARS),
            _text("quote", required=True),
            _id("paragraph_id", required=True),
            _id("program_id"),
        ],
        ["honour_id"],
        [("report_year", "reports", "year"), ("person_id", "people", "person_id"), ("school_id", "schools", "school_id"), ("paragraph_id", "paragraphs", "paragraph_id"), ("program_id", "programs", "program_id")],
    ),
    "events": _table(
        [
            _id("event_id", required=True, unique=True),
            _integer("report_year", YEARS, required=True),
            _pattern("date", '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$', required=True),
            _enum("date_precision", ("year", "month", "day"), required=True),
            _text("title_zh", required=True),
            _text("title_en", required=True),
            _text("quote", required=True),
            _id("paragraph_id", required=True),
            _id("program_id"),
            _id("school_id"),
        ],
        ["event_id"],
        [("report_year", "reports", "year"), ("paragraph_id", "paragraphs", "paragraph_id"), ("program_id", "programs", "program_id"), ("school_id", "schools", "school_id")],
    ),
    "projects": _table(
        [
            _id("project_id", required=True, unique=True),
            _integer("report_year", YEARS, required=True),
            _enum("kind", ("construction", "it"), required=True),
            _text("name_zh", required=True),
            _text("name_en", required=True),
            _id("school_id"),
            _township_code("township_code"),
            _enum("status", ("started", "completed"), required=True),
            _text("quote", required=True),
            _id("paragraph_id", required=True),
            _id("program_id"),
        ],
        ["project_id"],
        [("report_year", "reports", "year"), ("school_id", "schools", "school_id"), ("township_code", "townships", "township_code"), ("paragraph_id", "paragraphs", "paragraph_id"), ("program_id", "programs", "program_id")],
    ),
    "school_programs": _table(
        [
            _id("school_id", required=True),
            _id("program_id", required=True),
            _integer("report_year", YEARS, required=True),
            _text("role_zh"),
            _text("role_en"),
            _text("quote", required=True),
            _id("paragraph_id", required=True),
        ],
        ["school_id", "program_id", "report_year"],
        [("school_id", "schools", "school_id"), ("program_id", "programs", "program_id"), ("report_year", "reports", "year"), ("paragraph_id", "paragraphs", "paragraph_id")],
    ),
    "notes": _table(
        [
            _id("note_id", required=True, unique=True),
            _enum("topic", ("oddity", "derivation", "reading"), required=True),
            _text("text_zh"),
            _text("text_en", required=True),
            _id("paragraph_id"),
            _id("fact_id"),
        ],
        ["note_id"],
        [("paragraph_id", "paragraphs", "paragraph_id"), ("fact_id", "facts", "fact_id")],
    ),
    "terms": _table(
        [
            _id("term_id", required=True, unique=True),
            _text("term_zh", required=True),
            _text("forms_zh"),
            _text("term_en", required=True),
            _text("variants_en"),
            _text("definition_zh", required=True),
            _text("definition_en", required=True),
            _pattern("paragraph_ids", "^[a-z0-9][a-z0-9_-]*(;[a-z0-9][a-z0-9_-]*)*$", required=True),
        ],
        ["term_id"],
        [],
    ),
    "paragraph_translations": _table(
        [
            _id("paragraph_id", required=True, unique=True),
            _text("text_en", required=True),
        ],
        ["paragraph_id"],
        [("paragraph_id", "paragraphs", "paragraph_id")],
    ),
    "charts": _table(
        [
            _id("chart_id", required=True, unique=True),
            _enum("page", SECTION_PAGES, required=True),
            _integer("position", (1, 99), required=True),
            _enum("kind", CHART_KINDS, required=True),
            _enum("periods", CHART_PERIODS),
            _enum("counts", COUNT_SOURCES),
            _text("tab_zh"),
            _text("tab_en"),
            _text("title_zh", required=True),
            _text("title_en", required=True),
        ],
        ["chart_id"],
        [],
    ),
    "chart_metrics": _table(
        [
            _id("chart_id", required=True),
            _integer("position", (1, 99), required=True),
            _id("metric", required=True),
            _text("group_zh"),
            _text("group_en"),
            _text("part_zh"),
            _text("part_en"),
        ],
        ["chart_id", "position"],
        [("chart_id", "charts", "chart_id")],
    ),
    "page_items": _table(
        [
            _enum("page", SECTION_PAGES, required=True),
            _enum("item", PAGE_ITEMS, required=True),
            _integer("position", (1, 99), required=True),
            _id("ref", required=True),
        ],
        ["page", "item", "position"],
        [],
    ),
    "program_points": _table(
        [
            _id("program_id", required=True),
            _integer("position", (1, 99), required=True),
            _text("text_zh", required=True),
            _text("text_en", required=True),
            _id("paragraph_id", required=True),
        ],
        ["program_id", "position"],
        [("program_id", "programs", "program_id"), ("paragraph_id", "paragraphs", "paragraph_id")],
    ),
}

# What of a descriptor field is a rule (compared with SCHEMAS); everything else (description) is free.
RULE_KEYS = ("name", "type", "trueValues", "falseValues", "constraints")


def field_rules(spec: dict) -> dict:
    """The rule-bearing part of a descriptor field."""
    return {key: spec[key] for key in RULE_KEYS if key in spec}
