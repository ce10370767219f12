"""Filters: each filter equals the same selection written by hand in pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from lipu_data import facts_for_school, filter_rows, mentions, metric_series




def most_common(series: pd.Series):
    return series.dropna().value_counts().index[0]


@pytest.mark.parametrize(
    ("criterion", "column"),
    [("school", "school_id"), ("program", "program_id"), ("level", "level"), ("section", "section"),
     ("period", "period"), ("kind", "kind")],
)
def test_filter_rows_by_one_criterion(facts, criterion, column):
    """filter_rows(criterion=v) keeps exactly the rows whose column equals v."""
    wanted = most_common(facts[column])
    expected = facts[facts[column] == wanted]
    result = filter_rows(facts, **{criterion: wanted})
    assert len(result) > 0
    pd.testing.assert_frame_equal(result, expected)


def test_filter_rows_combines_criteria(facts):
    """Several criteria narrow together (logical and)."""
    program = most_common(facts["program_id"])
    section = int(facts.loc[facts["program_id"] == program, "section"].iloc[0])
    expected = facts[(facts["program_id"] == program) & (facts["section"] == section) & (facts["kind"] == "stated")]
    pd.testing.assert_frame_equal(filter_rows(facts, program=program, section=section, kind="stated"), expected)


def test_filter_rows_without_criteria_is_everything(facts):
    """All criteria None means no filter."""
    pd.testing.assert_frame_equal(filter_rows(facts), facts)


def test_filter_rows_unknown_value_is_empty(facts):
    """An id that is not in the data gives an empty frame with the same columns, not an error."""
    result = filter_rows(facts, school="no_such_school")
    assert result.empty and list(result.columns) == list(facts.columns)


def test_facts_for_school(dataset, facts):
    """facts_for_school returns the facts whose school_id is the school."""
    school = most_common(facts["school_id"])
    pd.testing.assert_frame_equal(facts_for_school(dataset, school), facts[facts["school_id"] == school])


def test_metric_series_is_one_metric_in_period_order(facts):
    """metric_series keeps one metric's rows, sorted by period."""
    metric = most_common(facts["metric"])
    result = metric_series(facts, metric)
    expected = facts[facts["metric"] == metric].sort_values("period", kind="stable")
    assert (result["metric"] == metric).all()
    assert list(result["period"]) == sorted(expected["period"])
    assert set(result["fact_id"]) == set(expected["fact_id"])


def test_mentions_of_a_school(dataset):
    """mentions(school=...) gathers the school's facts, projects, honours, events and programs."""
    school = most_common(dataset.school_programs["school_id"])
    found = mentions(dataset, school=school)
    for name in ("facts", "projects", "honours", "events", "school_programs"):
        table = dataset.table(name)
        pd.testing.assert_frame_equal(getattr(found, name), table[table["school_id"] == school])
    programs = set(dataset.school_programs.loc[dataset.school_programs["school_id"] == school, "program_id"])
    assert set(found.programs["program_id"]) == programs
    assert list(found.schools["school_id"]) == [school]


def test_mentions_of_a_program(dataset):
    """mentions(program=...) gathers the program's rows and its participating schools."""
    program = most_common(dataset.school_programs["program_id"])
    found = mentions(dataset, program=program)
    for name in ("facts", "projects", "honours", "events", "school_programs"):
        table = dataset.table(name)
        pd.testing.assert_frame_equal(getattr(found, name), table[table["program_id"] == program])
    schools = set(dataset.school_programs.loc[dataset.school_programs["program_id"] == program, "school_id"])
    assert set(found.schools["school_id"]) == schools
    assert list(found.programs["program_id"]) == [program]


def test_mentions_paragraphs_cover_cited_rows_in_report_order(dataset):
    """paragraph_ids holds every paragraph the found rows cite, once, in report order."""
    school = most_common(dataset.facts["school_id"])
    found = mentions(dataset, school=school)
    cited = set()
    for frame in (found.facts, found.projects, found.honours, found.events, found.school_programs):
        cited |= set(frame["paragraph_id"])
    assert cited <= set(found.paragraph_ids)
    order = list(dataset.paragraphs["paragraph_id"])
    assert found.paragraph_ids == sorted(set(found.paragraph_ids), key=order.index)


def test_mentions_paragraphs_include_text_naming_the_school(dataset):
    """A paragraph whose text contains the school's Chinese name counts as a mention."""
    school = dataset.schools.iloc[0]
    found = mentions(dataset, school=school["school_id"])
    naming = dataset.paragraphs.loc[dataset.paragraphs["text"].str.contains(school["name_zh"], regex=False), "paragraph_id"]
    assert set(naming) <= set(found.paragraph_ids)


def test_mentions_counts_match_frames(dataset):
    """counts holds the number of rows of each found frame and of paragraphs."""
    found = mentions(dataset, school=most_common(dataset.facts["school_id"]))
    for name, count in found.counts.items():
        expected = len(found.paragraph_ids) if name == "paragraphs" else len(getattr(found, name))
        assert count == expected, name


def test_mentions_of_nothing_is_empty(dataset):
    """Neither school nor program (or an unknown id) finds nothing."""
    assert mentions(dataset).empty
    assert mentions(dataset, school="no_such_school").empty


def test_paragraph_counts_equal_mentions_for_every_school_and_program(dataset):
    """The explorer's one-pass paragraph counts equal what mentions() counts for each school and program."""
    from lipu_data.filters import paragraph_counts

    schools = paragraph_counts(dataset, "school_id")
    programs = paragraph_counts(dataset, "program_id")
    for school_id in dataset.schools["school_id"]:
        assert schools.get(school_id, 0) == mentions(dataset, school=school_id).counts["paragraphs"], school_id
    for program_id in dataset.programs["program_id"]:
        assert programs.get(program_id, 0) == mentions(dataset, program=program_id).counts["paragraphs"], program_id


# filter_rows on any table

@pytest.mark.parametrize(("school", "program", "level"), [
    ("vocational_center", None, None),
    (None, "student_aid", None),
    (None, None, "preschool"),
    (None, "senior_high_quality", "senior_secondary"),
    ("binjiang_primary", "clean_schools", None),
    (None, None, None),
])
def test_filter_rows_equals_pandas(facts, school, program, level):
    """filter_rows() keeps exactly the rows a hand-written pandas mask keeps."""
    mask = pd.Series(True, index=facts.index)
    for column, wanted in (("school_id", school), ("program_id", program), ("level", level)):
        if wanted is not None:
            mask &= facts[column] == wanted
    pd.testing.assert_frame_equal(filter_rows(facts, school=school, program=program, level=level), facts[mask])


def test_filter_rows_on_table_without_the_column_is_empty(dataset):
    """A filter on a column the table lacks (programs have no school) matches nothing rather than everything."""
    assert filter_rows(dataset.programs, school="vocational_center").empty
    assert len(filter_rows(dataset.programs, program="student_aid")) == 1
