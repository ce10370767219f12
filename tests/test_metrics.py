"""Metrics: each metric's latest period and the one before it, as plain pandas would pick them."""

from __future__ import annotations

import pytest

from lipu_data import filters, metrics
from lipu_data.section_charts import chart_metric_ids


def period_end(period) -> str:
    return str(period).split("/")[-1]


def test_latest_by_metric_keeps_one_row_per_metric(facts):
    """latest_by_metric returns each metric exactly once."""
    latest = metrics.latest_by_metric(facts)
    assert sorted(latest["metric"]) == sorted(facts["metric"].unique())


def test_latest_by_metric_keeps_the_latest_period(facts):
    """Each metric's kept row has the greatest period (a span counts by its end year) of that metric."""
    latest = metrics.latest_by_metric(facts).set_index("metric")
    expected = facts.assign(end=facts["period"].map(period_end)).groupby("metric")["end"].max()
    assert (latest["period"].map(period_end) == expected.loc[latest.index]).all()
    assert latest.loc["gaokao_tier1_admitted", "fact_id"] == "gaokao_tier1_admitted_2023"


def test_latest_by_metric_keeps_file_order(facts):
    """The kept rows stay in the data's order (pages list figures as the report does)."""
    latest = metrics.latest_by_metric(facts)
    assert list(latest.index) == sorted(latest.index)


@pytest.mark.parametrize("level", [None, "preschool", "compulsory", "vocational"])
@pytest.mark.parametrize("chart_id", ["kindergarten_tiers", "vocational_rates", "spending", "aid_amounts", None])
def test_has_metrics_says_whether_select_metrics_finds_rows(dataset, facts, level, chart_id):
    """A chart tab is offered exactly when its metrics have rows under the filters (the quick check agrees
    with building the chart's frame)."""
    chosen = chart_metric_ids(dataset, chart_id) if chart_id else ("no_such_metric",)
    shown = filters.filter_rows(facts, level=level)
    assert metrics.has_metrics(shown, chosen) == (not metrics.select_metrics(shown, chosen).empty)


def test_previous_value_finds_2022_gaokao_baseline(facts):
    """The 2023 first-tier gaokao figure's previous value is the implied 2022 baseline (468 - 111)."""
    row = facts.set_index("fact_id", drop=False).loc["gaokao_tier1_admitted_2023"]
    previous = metrics.previous_value(facts, row)
    assert previous["fact_id"] == "gaokao_tier1_admitted_2022"
    assert previous["value"] == 357


def test_previous_value_is_none_without_earlier_period(facts):
    """A metric stated for one period only has no previous value."""
    counts = facts["metric"].value_counts()
    single = facts[facts["metric"].isin(counts[counts == 1].index) & (facts["unit"] != "date")].iloc[0]
    assert metrics.previous_value(facts, single) is None
