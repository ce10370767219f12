"""Charts compare like with like (docs/charts.md), checked over every chart the section pages can draw for every
single filter value, and the overview's timeline keeps events without a month off its date axis."""

from __future__ import annotations

import json

import pytest

from lipu_data import metrics
from lipu_data.i18n import t
from lipu_data.periods import period_kind
from lipu_data.section_charts import SectionFilters, prepare_chart, section_chart_plans
from lipu_data.sitemap import PAGES
from tests.apptest_helpers import chart_specs, open_page

SECTION_PAGES = [page for page in PAGES if page.section]
# The fields a chart writes its figures with: a fact's formatted value, a share, a count.
VALUE_FIELDS = {"value_text", "share_text"}


def every_view(dataset):
    """(section, filters) for no filter and for each single filter value a section page offers."""
    ids = {"school": dataset.schools["school_id"], "program": dataset.programs["program_id"],
           "level": dataset.levels["level_id"]}
    for page in SECTION_PAGES:
        yield page.section, SectionFilters()
        for param in page.filters:
            for value in ids[param]:
                yield page.section, SectionFilters(**{param: value})


def all_plans(dataset, lang="en"):
    for section, chosen in every_view(dataset):
        for plan in section_chart_plans(dataset, section, chosen, lang):
            yield section, chosen, plan


def plan_rows(plan):
    """The figures a plan draws, with their units and periods (facts), or its frame (other charts)."""
    if plan.is_fact_chart:
        return metrics.select_metrics(plan.facts, plan.metrics, latest=plan.latest)
    return plan.frame


def text_marks(spec: dict) -> list[dict]:
    found = []

    def walk(node):
        if isinstance(node, dict):
            mark = node.get("mark")
            if (mark == "text" or (isinstance(mark, dict) and mark.get("type") == "text")) and "encoding" in node:
                found.append(node["encoding"].get("text", {}))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(spec)
    return found


def test_every_chart_holds_one_unit_and_one_kind_of_period(dataset):
    """No chart puts figures of two units, or a one-year figure beside a multi-year total, on one axis."""
    for section, chosen, plan in all_plans(dataset):
        rows = plan_rows(plan)
        if "unit" in rows and "period" in rows:
            assert rows["unit"].nunique() == 1, (section, chosen, plan.key, sorted(set(rows["unit"])))
            kinds = set(rows["period"].map(period_kind))
            assert len(kinds) == 1, (section, chosen, plan.key, kinds)


def test_count_charts_never_add_different_things_into_one_bar(dataset):
    """A count chart counts rows of one kind (new construction projects, not projects and IT rooms together)."""
    checked = 0
    for section, chosen, plan in all_plans(dataset):
        if not plan.is_fact_chart and "project_id" in plan.frame:
            kinds = set(dataset.projects.set_index("project_id").loc[list(plan.frame["project_id"]), "kind"])
            assert len(kinds) == 1, (section, chosen, plan.key, kinds)
            checked += 1
    assert checked, "the projects chart was checked at least once"


def test_every_bar_shows_its_value(dataset):
    """Every chart a section draws writes each bar's figure beside it (a value, a share or a count)."""
    seen = set()
    for section, chosen, plan in all_plans(dataset):
        if plan.key in seen:  # the labels are in the spec whatever the rows: one build per chart is enough
            continue
        seen.add(plan.key)
        chart = prepare_chart(plan, "en", units=dataset.unit_formats)
        labels = text_marks(chart.spec)
        assert any(label.get("field") in VALUE_FIELDS or label.get("aggregate") == "count" for label in labels), \
            (section, chosen, plan.key)


def test_spending_of_one_year_and_of_three_years_are_separate_charts(dataset):
    """The 2023 construction spending and the three-year equipment spending are not bars on one axis."""
    plans = {plan.key: plan for plan in section_chart_plans(dataset, 4, SectionFilters(), "zh")}
    one_year = plan_rows(plans["spending"])
    three_years = plan_rows(plans["equipment_spending"])
    assert set(one_year["period"]) == {"2023"}
    assert set(three_years["period"]) == {"2021/2023"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_timeline_chart_keeps_events_without_a_month_off_its_axis(dataset, lang):
    """The overview's timeline chart draws dated events only; those with a year alone are named in a caption as
    listed above, not stacked in one 'month not stated' column."""
    at = open_page("overview", lang=lang, opened=("timeline_chart",))
    (spec,) = chart_specs(at)
    undated = dataset.events[dataset.events["date_precision"] == "year"]
    assert len(undated) > 0
    assert "月份未注明" not in json.dumps(spec, ensure_ascii=False) and "month not stated" not in json.dumps(spec)
    assert any(t("timeline_undated", lang, n=len(undated)) == caption.value for caption in at.caption)
