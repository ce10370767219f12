"""Data layer: the report-content tables (charts, their measures, page items, programme points) keep like with
like and refer to what exists; each mistake is named by file, line and column (lipu_data/content_rules.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lipu_data import validate_data_dir


def append(data_dir: Path, table: str, *lines: str) -> int:
    """Append CSV lines to a table; returns the file line number of the first one."""
    path = data_dir / f"{table}.csv"
    text = path.read_text(encoding="utf-8")
    first = text.count("\n") + 1
    path.write_text(text + "".join(line + "\n" for line in lines), encoding="utf-8")
    return first


def replace(data_dir: Path, table: str, old: str, new: str) -> int:
    """Replace the one line starting with `old` by `new`; returns its file line number."""
    path = data_dir / f"{table}.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    (number,) = [index for index, line in enumerate(lines) if line.startswith(old)]
    lines[number] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


def places(data_dir: Path) -> dict[tuple[str, int | None, str | None], str]:
    """Each problem's place -> its messages, joined (one cell can break two rules)."""
    found: dict[tuple[str, int | None, str | None], str] = {}
    for problem in validate_data_dir(data_dir):
        place = (problem.file, problem.row, problem.column)
        found[place] = f"{found[place]} | {problem.message}" if place in found else problem.message
    return found


def test_a_measure_in_another_unit_is_refused_on_its_line(data_copy):
    """A people count added to the aid amounts chart (万元) is named at its metric cell: one unit per chart."""
    line = append(data_copy, "chart_metrics", "aid_amounts,4,legal_vice_principals,,,,")
    found = places(data_copy)
    assert list(found) == [("chart_metrics.csv", line, "metric")]
    assert "one unit" in found[("chart_metrics.csv", line, "metric")]


def test_a_measure_of_another_kind_of_period_is_refused(data_copy):
    """The three-year equipment spending added to the 2023 construction spending chart: one kind of period."""
    line = append(data_copy, "chart_metrics", "spending,2,equipment_spending_3yr,,,,")
    found = places(data_copy)
    assert list(found) == [("chart_metrics.csv", line, "metric")]
    assert "one kind of period" in found[("chart_metrics.csv", line, "metric")]


def test_an_unknown_metric_is_named(data_copy):
    line = append(data_copy, "chart_metrics", "safety_people,4,drowning_deaths_typo,,,,")
    assert list(places(data_copy)) == [("chart_metrics.csv", line, "metric")]


def test_a_second_chart_on_a_page_needs_tab_labels(data_copy):
    """Safety gets a second chart, so both are drawn in tabs: each chart row without a tab label is named."""
    first = replace(data_copy, "charts", "safety_people,", "safety_people,safety,1,bars,latest,,,,法治副校长,Legal vice-principals")
    second = append(data_copy, "charts", "drowning,safety,2,bars,latest,,防溺水,Drowning,溺亡人数,Drowning deaths")
    append(data_copy, "chart_metrics", "drowning,1,drowning_deaths,,,,")
    assert set(places(data_copy)) == {("charts.csv", first, "tab_zh"), ("charts.csv", first, "tab_en")}
    assert second > first


def test_chart_kinds_keep_their_own_columns(data_copy):
    """A count chart names what it counts and has no measures; a figure chart has periods and measures; a share
    chart names each measure's group and part, with two parts at least per group."""
    count_line = append(data_copy, "charts", "more_honours,teachers,2,count,,,荣誉2,Honours 2,荣誉,Honours")
    measure_line = append(data_copy, "chart_metrics", "more_honours,1,wechat_articles,,,,")
    bars_line = append(data_copy, "charts", "empty_bars,publicity,2,bars,,,空,Empty,空,Empty")
    replace(data_copy, "charts", "teacher_honours,", "teacher_honours,teachers,1,count,,honours,荣誉,Honours,荣誉与称号,Honours and designations")
    replace(data_copy, "charts", "publicity_output,", "publicity_output,publicity,1,bars,latest,,稿件,Articles,稿件与报道（下限）,Articles and reports (lower bounds)")
    share_line = replace(data_copy, "chart_metrics", "aid_share,2,", "aid_share,2,student_aid_other_beneficiaries,按人数,By headcount,其他学生,Other students")
    found = places(data_copy)
    assert ("charts.csv", count_line, "counts") in found
    assert ("chart_metrics.csv", measure_line, "chart_id") in found
    assert {("charts.csv", bars_line, "periods"), ("charts.csv", bars_line, "chart_id")} <= set(found)
    # The edited measure left its group: two groups of one part each.
    assert {("chart_metrics.csv", share_line - 1, "group_en"), ("chart_metrics.csv", share_line, "group_en")} <= set(found)


@pytest.mark.parametrize(("line", "column", "word"), [
    ("levels,headline,4,no_such_metric", "ref", "metric"),
    ("leadership,related_program,4,no_such_programme", "ref", "program_id"),
])
def test_a_page_item_names_what_exists(data_copy, line, column, word):
    number = append(data_copy, "page_items", line)
    found = places(data_copy)
    assert list(found) == [("page_items.csv", number, column)]
    assert word in found[("page_items.csv", number, column)]


def test_a_programme_point_is_worded_as_in_its_paragraph(data_copy):
    number = append(data_copy, "program_points", "school_district_reform,5,管理现代化,Modern management,2023-s3-2-p1")
    assert list(places(data_copy)) == [("program_points.csv", number, "text_zh")]


def test_a_chart_on_an_unknown_page_is_refused(data_copy):
    number = append(data_copy, "charts", "lost,nowhere,1,bars,latest,,,,迷路,Lost")
    append(data_copy, "chart_metrics", "lost,1,wechat_articles,,,,")
    assert ("charts.csv", number, "page") in places(data_copy)
