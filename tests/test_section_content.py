"""Derive/filter layer: what a section page (and its PDF) shows for its filters, read from the tables and
the chart table (lipu_data/section_content.py, lipu_data/section_charts.py)."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from lipu_data.section_charts import SectionFilters, chart_measures, page_charts, section_chart_plans, share_frame
from lipu_data.section_content import headline_metrics, related_programs, section_content
from lipu_data.sitemap import PAGES

SECTION_PAGES = [page for page in PAGES if page.section]


@pytest.mark.parametrize("page", SECTION_PAGES, ids=lambda page: page.key)
def test_unfiltered_plans_are_the_chart_table_in_order(dataset, page):
    """With no filter, a section draws exactly the charts charts.csv lists for its page, in position order,
    with their titles and tab labels from the table (the shipped data has figures for every one)."""
    rows = page_charts(dataset, page.key)
    for lang in ("zh", "en"):
        plans = section_chart_plans(dataset, page.section, SectionFilters(), lang)
        assert [plan.key for plan in plans] == list(rows["chart_id"])
        assert [plan.title for plan in plans] == list(rows[f"title_{lang}"])
        assert [plan.tab for plan in plans] == [tab or "" for tab in rows[f"tab_{lang}"]]


def test_a_measure_added_to_the_chart_table_is_drawn(dataset):
    """A chart_metrics row is all it takes to put a metric on a chart (no code): here kg_demo_total joins the
    kindergarten groups chart (same unit, same year)."""
    measures = dataset.chart_metrics
    extra = measures.iloc[[0]].assign(chart_id="kindergarten_groups", position=9, metric="kg_demo_total")
    edited = dataclasses.replace(dataset, chart_metrics=pd.concat([measures, extra], ignore_index=True))
    [plan] = [plan for plan in section_chart_plans(edited, 3, SectionFilters(), "en") if plan.key == "kindergarten_groups"]
    assert plan.metrics[-1] == "kg_demo_total"


def test_headlines_follow_page_items(dataset):
    """The overview's headline metrics are page_items.csv's headline rows, per page in position order."""
    items = dataset.page_items[dataset.page_items["item"] == "headline"]
    headlines = headline_metrics(dataset)
    assert sum(len(metrics) for metrics in headlines.values()) == len(items)
    for page_key, metrics in headlines.items():
        rows = items[items["page"] == page_key].sort_values("position")
        assert metrics == tuple(rows["ref"])


def test_leadership_lists_its_related_programmes_in_order(dataset):
    items = dataset.page_items[(dataset.page_items["page"] == "leadership") & (dataset.page_items["item"] == "related_program")]
    assert list(related_programs(dataset, "leadership")["program_id"]) == list(items.sort_values("position")["ref"])


def test_a_level_hides_schools_and_honours_and_a_school_hides_measures(dataset):
    """Rows without a level (school roles, honours) go when a level is chosen; measures and their points go
    when a school or a level is chosen (a measure belongs to a programme)."""
    everything = section_content(dataset, 3, SectionFilters())
    assert not everything.links.empty and not everything.programs.empty and not everything.points.empty
    by_level = section_content(dataset, 3, SectionFilters(level="preschool"))
    assert by_level.links.empty and by_level.honours.empty and by_level.programs.empty and by_level.points.empty
    assert set(by_level.facts["level"]) == {"preschool"}
    school = everything.links["school_id"].iloc[0]
    by_school = section_content(dataset, 3, SectionFilters(school=school))
    assert by_school.programs.empty and set(by_school.links["school_id"]) == {school}


def test_the_reform_points_come_with_their_programme(dataset):
    """Section 三 lists the school-district reform's four points (program_points.csv) unless another
    programme is chosen."""
    points = section_content(dataset, 3, SectionFilters()).points
    assert list(points["text_zh"]) == ["运行机制一体化", "教育资源共享化", "师资力量均衡化", "文化建设特色化"]
    assert section_content(dataset, 3, SectionFilters(program="kindergarten_groups")).points.empty


def test_paragraph_ids_cover_every_row_once(dataset):
    content = section_content(dataset, 4, SectionFilters())
    ids = content.paragraph_ids
    assert len(ids) == len(set(ids))
    for frame in (content.facts, content.projects, content.honours, content.programs):
        assert set(frame["paragraph_id"]) <= set(ids)


# The share chart: groups and parts from chart_metrics.csv.

@pytest.fixture(scope="module")
def shares(dataset):
    return share_frame(dataset.facts, chart_measures(dataset, "aid_share"), "en", units=dataset.unit_formats)


def test_aid_shares_sum_to_one_per_measure(shares):
    """The two parts (脱贫户、监测户 students and other students) add up to 1 for each group (measure)."""
    assert len(shares) == 4
    assert shares.groupby("measure")["share"].sum().tolist() == pytest.approx([1.0, 1.0])


def test_aid_shares_match_the_report_figures(shares):
    """The 脱贫户、监测户 students' shares are 5617/26145 of person-times and 358.42875/1666.71325 of the amount;
    the groups and parts are named as chart_metrics.csv names them."""
    poverty = shares[shares["part_order"] == 0].set_index("measure")["share"]
    assert poverty["By person-times"] == pytest.approx(5617 / 26145)
    assert poverty["By amount"] == pytest.approx(358.42875 / 1666.71325)
    assert set(shares["part"]) == {"Students from households lifted out of poverty or monitored", "Other students"}


def test_share_frame_is_empty_without_its_inputs(dataset):
    """Filtered to facts lacking the aid counts, the share frame is empty (pages then skip the chart)."""
    facts = dataset.facts[dataset.facts["section"] == 3]
    frame = share_frame(facts, chart_measures(dataset, "aid_share"), "zh", units=dataset.unit_formats)
    assert frame.empty
    assert list(frame.columns) == ["measure", "part", "part_order", "share", "value_text", "share_text", "paragraph_id"]
