"""Tables: the localized frames pages and charts show equal the same selections written in plain pandas, with
figures written as a reader of each language writes them."""

from __future__ import annotations

import re

import pytest

from lipu_data import tables
from lipu_data.section_charts import chart_metric_ids

LANGS = ("zh", "en")


LOWER_BOUND = {"zh": r"^(\d+多|超\d+万)", "en": r"^(more than|over) \d"}


@pytest.mark.parametrize("lang", LANGS)
def test_chart_frame_writes_lower_bounds_as_bounds(facts, lang, units):
    """Every 'at least' figure reads as a bound, as a native reader writes one: 500多 / 超20万 in Chinese,
    'more than 500' / 'over 200,000' in English."""
    bounded = facts[facts["qualifier"] == "at_least"]
    frame = tables.chart_frame(bounded, lang, units=units)
    assert len(frame) > 0
    assert all(re.search(LOWER_BOUND[lang], text) for text in frame["value_text"])


def test_chart_frame_exact_figures_have_no_plus(facts, units):
    """Exact figures never read as bounds."""
    for lang in LANGS:
        frame = tables.chart_frame(facts[facts["qualifier"] == "exact"], lang, units=units)
        assert not any(re.search(LOWER_BOUND[lang], text) or "+" in text for text in frame["value_text"])


def test_chart_frame_plots_wan_yuan_as_millions_in_english(facts, units):
    """English charts plot 万元 as millions of yuan (÷100), matching the axis title; Chinese keep 万元."""
    row = facts[facts["fact_id"] == "student_aid_amount_2023"]
    assert tables.chart_frame(row, "en", units=units)["value"].iloc[0] == pytest.approx(16.6671325)
    assert tables.chart_frame(row, "zh", units=units)["value"].iloc[0] == pytest.approx(1666.71325)


def test_comparison_frame_labels_periods_by_latest_label(dataset, facts, units):
    """The gaokao comparison uses one label per metric (the 2023 label), so 2022 and 2023 bars group together."""
    frame = tables.comparison_frame(facts, chart_metric_ids(dataset, "gaokao_comparison"), "en", units=units)
    assert set(frame["period"]) == {"2022", "2023"}
    assert frame.groupby("label")["period"].nunique().eq(2).all()
    assert not any("implied" in label for label in frame["label"])


def test_timeline_keeps_year_only_events_in_their_own_bucket(dataset):
    """Events dated only by year form a bucket of their own, sorted before that year's months."""
    events = dataset.events
    frame = tables.timeline_frame(events, "en").set_index("event_id")
    year_only = events.loc[events["date_precision"] == "year", "event_id"]
    dated = events.loc[events["date_precision"] != "year", "event_id"]
    assert len(year_only) > 0 and len(dated) > 0
    assert set(frame.loc[year_only, "date_text"]) == {"2023 (month not stated)"}
    assert not set(frame.loc[dated, "date_text"]) & set(frame.loc[year_only, "date_text"])
    assert frame.loc[year_only, "date_sort"].max() < frame.loc[dated, "date_sort"].min()


def test_timeline_buckets_dated_events_by_month(dataset):
    """A day-precision event sits in its month's bucket and keeps its full date."""
    events = dataset.events
    day = events[events["date_precision"] == "day"].iloc[0]
    row = tables.timeline_frame(events, "zh").set_index("event_id").loc[day["event_id"]]
    year, month, date = (int(part) for part in str(day["date"]).split("-"))
    assert row["date_text"] == f"{year}年{month}月"
    assert row["date_full"] == f"{year}年{month}月{date}日"
