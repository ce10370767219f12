"""Figures, dates and units are written as readers of each language expect, with units from data/units.csv."""

from __future__ import annotations

import pytest

from lipu_data import load_dataset
from lipu_data.formatting import UnitFormats, format_date, format_period, format_value, unit_axis_title
from lipu_data.i18n import LANGUAGES
from lipu_data.tables import chart_frame


def show(units: UnitFormats, value, unit_id: str, *rest, **options) -> str:
    """format_value with the unit looked up by id, as callers do."""
    return format_value(value, units[unit_id], *rest, **options)


@pytest.mark.parametrize(("args", "expected"), [
    ((2232.08, "wan_yuan", "zh"), "2232.08 万元"),
    ((2232.08, "wan_yuan", "en"), "22,320,800 yuan"),
    ((75.64, "percent", "zh"), "75.64%"),
    ((75.64, "percent", "en"), "75.64%"),
    ((1666.71325, "wan_yuan", "zh"), "1666.71325 万元"),
    ((1666.71325, "wan_yuan", "en"), "16,667,132.50 yuan"),
    ((358.42875, "wan_yuan", "en"), "3,584,287.50 yuan"),
    ((26145, "person_times", "en"), "26,145 person-times"),
    ((26145, "person_times", "zh"), "26145 人次"),
    ((1, "rank", "zh"), "第1名"),
    ((637.49, "yuan", "en"), "637.49 yuan"),
    ((9341.8, "yuan", "zh"), "9341.80 元"),
    ((9341.8, "yuan", "en"), "9,341.80 yuan"),
])
def test_format_value_examples(args, expected, units):
    """Figures read as the report writes them, with exact precision and the right unit per language."""
    assert show(units, *args) == expected


@pytest.mark.parametrize("lang", LANGUAGES)
def test_estimate_starts_with_approx(lang, units):
    """An estimate is marked with ≈ before the number."""
    assert show(units, 2159, "people", lang, "estimate").replace(",", "").startswith("≈2159")


@pytest.mark.parametrize(("args", "expected"), [
    ((150, "people", "zh", "at_least"), "150多人"),
    ((500, "count", "zh", "at_least"), "500多"),
    ((200000, "views", "zh", "at_least"), "超20万次"),
    ((100, "wan_yuan", "zh", "at_least"), "100多万元"),
])
def test_lower_bounds_in_chinese_as_the_report_writes_them(args, expected, units):
    """Chinese lower bounds read as in the report: 150多人, 超20万 (never '150+' or an exact 200000)."""
    assert show(units, *args) == expected


@pytest.mark.parametrize(("args", "expected"), [
    ((150, "people", "en", "at_least"), "more than 150"),
    ((500, "count", "en", "at_least"), "more than 500"),
    ((200000, "views", "en", "at_least"), "over 200,000 views"),
    ((20, "percent", "en", "at_least"), "more than 20%"),
])
def test_lower_bounds_in_english_read_naturally(args, expected, units):
    """English lower bounds read 'more than 150', 'over 200,000'."""
    assert show(units, *args) == expected


@pytest.mark.parametrize(("number", "expected"), [(1, "1st"), (2, "2nd"), (3, "3rd"), (11, "11th"), (12, "12th"),
                                                  (13, "13th"), (21, "21st"), (27, "27th"), (37, "37th"), (112, "112th")])
def test_ranks_in_english_are_ordinals(number, expected, units):
    """An English rank is an ordinal (27th), never 'No. 27'."""
    assert show(units, number, "rank", "en") == expected


def test_every_fact_keeps_its_written_digits(units):
    """Every figure as shown in Chinese carries every digit written in facts.csv (9341.80 keeps its 0; a lower
    bound of whole ten-thousands is written in 万)."""
    import csv

    from lipu_data.model import DEFAULT_DATA_DIR

    with open(DEFAULT_DATA_DIR / "facts.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if not row["value"]:
                continue
            shown = show(units, float(row["value"]), row["unit"], "zh", row["qualifier"], row["period"])
            written = row["value"]
            if row["qualifier"] == "at_least" and float(written) >= 10000:
                written = str(int(float(written)) // 10000)
            assert written in shown, (row["fact_id"], shown)


def test_english_money_is_exact_in_yuan(units):
    """An amount in 万元 reads in yuan in English with every digit kept: 1666.71325 万元 = 16,667,132.50 yuan."""
    for wan, yuan in ((1666.71325, "16,667,132.50"), (3086.53, "30,865,300"), (1308.2845, "13,082,845")):
        assert show(units, wan, "wan_yuan", "en") == f"{yuan} yuan"


@pytest.mark.parametrize("value", [1666.71325, 358.42875, 0.1, 3086.53])
def test_format_value_keeps_every_written_digit(value, units):
    """No float noise and no rounding: the written digits come back unchanged."""
    assert show(units, value, "count", "zh") == repr(value)


def test_missing_value_is_a_dash(units):
    """A missing number shows as a dash, not 'nan'."""
    assert show(units, float("nan"), "count", "en") == "—"


@pytest.mark.parametrize(("period", "lang", "expected"), [
    ("2023-11-21", "zh", "2023年11月21日"),
    ("2023-11-21", "en", "21 Nov 2023"),
    ("2023-11", "zh", "2023年11月"),
    ("2023-11", "en", "Nov 2023"),
    ("2023", "zh", "2023年"),
    ("2023", "en", "2023"),
])
def test_format_date(period, lang, expected):
    """Dates keep the report's precision (day, month or year) in each language's style."""
    assert format_date(period, lang) == expected


def test_date_facts_format_their_period(units):
    """A date-unit fact shows its period as a date."""
    assert show(units, None, "date", "zh", period="2023-11-21") == "2023年11月21日"
    assert show(units, None, "date", "en", period="2023-11-21") == "21 Nov 2023"


@pytest.mark.parametrize(("lang", "expected"), [("zh", "2021—2023年"), ("en", "2021–2023")])
def test_format_period_span(lang, expected):
    """A span YYYY/YYYY is written as a range."""
    assert format_period("2021/2023", lang) == expected


@pytest.mark.parametrize(("unit_id", "lang", "expected"), [
    ("wan_yuan", "zh", "金额（万元）"), ("wan_yuan", "en", "Amount (million yuan)"), ("people", "zh", "人数"),
    ("people", "en", "People"), ("percent", "zh", "百分比（%）"), ("mbps", "en", "Bandwidth (Mbps)"),
])
def test_axis_titles_come_from_the_units_table(unit_id, lang, expected, units):
    """A chart's axis title for a unit is the units table's (as the code wrote it before the table held it)."""
    assert unit_axis_title(units[unit_id], lang) == expected


def test_an_unknown_unit_is_a_plain_number(units):
    """A unit missing from the table is written as a plain number, and its axis title is its id."""
    assert show(units, 1234, "no_such_unit", "en") == "1,234"
    assert unit_axis_title(units["no_such_unit"], "zh") == "no_such_unit"


def test_a_new_unit_shows_with_its_suffix_without_code(data_copy):
    """A unit added as a row of units.csv (classrooms, 间) shows with its suffix and axis title in both languages,
    on its own and in a chart's frame, with no code change."""
    with open(data_copy / "units.csv", "a", encoding="utf-8") as handle:
        handle.write("classrooms,classrooms,number,间,classrooms,教室数,Classrooms,Rooms used for teaching.\n")
    with open(data_copy / "facts.csv", encoding="utf-8") as handle:
        header = handle.readline().rstrip("\n").split(",")
    row = dict.fromkeys(header, "")
    row.update(fact_id="classrooms_added_2023", metric="classrooms_added", report_year="2023", section="4",
               subsection="1", paragraph_id="2023-s4-1-p1", label_zh="新增教室", label_en="Classrooms added",
               value="12", unit="classrooms", period="2023", qualifier="at_least", kind="derived", formula="12")
    with open(data_copy / "facts.csv", "a", encoding="utf-8") as handle:
        handle.write(",".join(row[column] for column in header) + "\n")
    dataset = load_dataset(data_copy)
    units = dataset.unit_formats
    assert show(units, 12, "classrooms", "zh") == "12 间"
    assert show(units, 12, "classrooms", "en") == "12 classrooms"
    assert show(units, 12, "classrooms", "zh", "at_least") == "12多间"
    assert show(units, 12, "classrooms", "en", "at_least") == "more than 12 classrooms"
    assert unit_axis_title(units["classrooms"], "zh") == "教室数"
    frame = chart_frame(dataset.facts[dataset.facts["unit"] == "classrooms"], "zh", units=units)
    assert list(frame["value_text"]) == ["12多间"]


def test_units_come_from_the_data_directory_loaded(data_copy, units):
    """Two data directories, two unit tables: a suffix edited in one copy changes that copy's figures only."""
    text = (data_copy / "units.csv").read_text("utf-8").replace("person_times,person-times,number,人次,person-times",
                                                                 "person_times,person-times,number,人次,beneficiaries")
    (data_copy / "units.csv").write_text(text, "utf-8")
    edited = load_dataset(data_copy).unit_formats
    assert show(edited, 26145, "person_times", "en") == "26,145 beneficiaries"
    assert show(units, 26145, "person_times", "en") == "26,145 person-times"
