"""Views: the localized frames pages show equal the same selections written in plain pandas; text shown through
markdown is escaped."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from lipu_data import load_dataset, views
from lipu_data.i18n import t
from lipu_data.views import escape_markdown, mark_quotes

LANGS = ("zh", "en")




def period_end(period) -> str:
    return str(period).split("/")[-1]


# latest_by_metric / previous_value

def test_latest_by_metric_keeps_one_row_per_metric(facts):
    """latest_by_metric returns each metric exactly once."""
    latest = views.latest_by_metric(facts)
    assert sorted(latest["metric"]) == sorted(facts["metric"].unique())


def test_latest_by_metric_keeps_the_latest_period(facts):
    """Each metric's kept row has the greatest period (a span counts by its end year) of that metric."""
    latest = views.latest_by_metric(facts).set_index("metric")
    expected = facts.assign(end=facts["period"].map(period_end)).groupby("metric")["end"].max()
    assert (latest["period"].map(period_end) == expected.loc[latest.index]).all()
    assert latest.loc["gaokao_tier1_admitted", "fact_id"] == "gaokao_tier1_admitted_2023"


def test_latest_by_metric_keeps_file_order(facts):
    """The kept rows stay in the data's order (pages list figures as the report does)."""
    latest = views.latest_by_metric(facts)
    assert list(latest.index) == sorted(latest.index)



@pytest.mark.parametrize("level", [None, "preschool", "compulsory", "vocational"])
@pytest.mark.parametrize("metrics", [views.KINDERGARTEN_TIER_METRICS, views.VOCATIONAL_RATE_METRICS,
                                     views.SPENDING_METRICS, views.AID_AMOUNT_METRICS, ("no_such_metric",)])
def test_has_metrics_says_whether_select_metrics_finds_rows(facts, level, metrics):
    """A chart tab is offered exactly when its metrics have rows under the filters (the quick check agrees
    with building the chart's frame)."""
    shown = views.narrow(facts, level=level)
    assert views.has_metrics(shown, metrics) == (not views.select_metrics(shown, metrics).empty)

def test_previous_value_finds_2022_gaokao_baseline(facts):
    """The 2023 first-tier gaokao figure's previous value is the implied 2022 baseline (468 - 111)."""
    row = facts.set_index("fact_id", drop=False).loc["gaokao_tier1_admitted_2023"]
    previous = views.previous_value(facts, row)
    assert previous["fact_id"] == "gaokao_tier1_admitted_2022"
    assert previous["value"] == 357


def test_previous_value_is_none_without_earlier_period(facts):
    """A metric stated for one period only has no previous value."""
    counts = facts["metric"].value_counts()
    single = facts[facts["metric"].isin(counts[counts == 1].index) & (facts["unit"] != "date")].iloc[0]
    assert views.previous_value(facts, single) is None


# figure_cards

def test_figure_card_shows_change_over_previous_period(facts):
    """The 2023 first-tier gaokao card says +111 against the implied 2022 baseline, and cites its paragraph."""
    shown = facts[facts["fact_id"] == "gaokao_tier1_admitted_2023"]
    [card] = views.figure_cards(shown, facts, "en")
    assert card.delta.startswith("+111") and card.delta.endswith(t("vs_2022", "en"))
    assert card.icon is None and card.delta_color == "normal"
    assert f"para={shown.iloc[0]['paragraph_id']})" in card.source


def test_figure_card_tooltip_starts_with_the_whole_name(facts):
    """A card's tooltip opens with the figure's whole name (markdown-escaped), which a narrow card cuts short."""
    shown = facts[facts["label_en"].str.len() > 40]
    assert not shown.empty
    for card, (_, row) in zip(views.figure_cards(shown, facts, "en"), shown.iterrows()):
        assert card.source.startswith(f"**{escape_markdown(row['label_en'])}**\n\n"), card.source


def test_figure_cards_of_derived_and_dated_figures(facts):
    """A derived figure's card is marked (label and icon) and its tooltip gives the formula; a date has no change."""
    derived = facts[facts["kind"] == "derived"].iloc[[0]]
    [card] = views.figure_cards(derived, facts, "en")
    assert card.label.endswith(views.kind_text(derived.iloc[0], "en")) and card.icon == ":material/calculate:"
    formula = views.formula_text(derived.iloc[0]["formula"], views.fact_names(facts, "en"))
    assert escape_markdown(formula) in card.source and derived.iloc[0]["formula"] not in card.source
    dates = facts[facts["unit"] == "date"]
    assert all(card.delta is None and card.delta_color == "off" for card in views.figure_cards(dates, facts, "zh"))


def test_localized_names_match_pick_row_by_row(dataset):
    """localized_names gives each id the name `pick` gives its row, in both languages (English falls back to
    Chinese where a name has no English)."""
    from lipu_data.i18n import pick

    for table, id_column in ((dataset.schools, "school_id"), (dataset.programs, "program_id"), (dataset.levels, "level_id")):
        for lang in ("zh", "en"):
            expected = {row[id_column]: pick(row, "name", lang) for _, row in table.iterrows()}
            assert views.localized_names(table, id_column, lang) == expected


# chart_frame / comparison_frame

LOWER_BOUND = {"zh": r"^(\d+多|超\d+万)", "en": r"^(more than|over) \d"}


@pytest.mark.parametrize("lang", LANGS)
def test_chart_frame_writes_lower_bounds_as_bounds(facts, lang):
    """Every 'at least' figure reads as a bound, as a native reader writes one: 500多 / 超20万 in Chinese,
    'more than 500' / 'over 200,000' in English."""
    bounded = facts[facts["qualifier"] == "at_least"]
    frame = views.chart_frame(bounded, lang)
    assert len(frame) > 0
    assert all(re.search(LOWER_BOUND[lang], text) for text in frame["value_text"])


def test_chart_frame_exact_figures_have_no_plus(facts):
    """Exact figures never read as bounds."""
    for lang in LANGS:
        frame = views.chart_frame(facts[facts["qualifier"] == "exact"], lang)
        assert not any(re.search(LOWER_BOUND[lang], text) or "+" in text for text in frame["value_text"])


def test_chart_frame_plots_wan_yuan_as_millions_in_english(facts):
    """English charts plot 万元 as millions of yuan (÷100), matching the axis title; Chinese keep 万元."""
    row = facts[facts["fact_id"] == "student_aid_amount_2023"]
    assert views.chart_frame(row, "en")["value"].iloc[0] == pytest.approx(16.6671325)
    assert views.chart_frame(row, "zh")["value"].iloc[0] == pytest.approx(1666.71325)


def test_comparison_frame_labels_periods_by_latest_label(facts):
    """The gaokao comparison uses one label per metric (the 2023 label), so 2022 and 2023 bars group together."""
    frame = views.comparison_frame(facts, views.GAOKAO_METRICS, "en")
    assert set(frame["period"]) == {"2022", "2023"}
    assert frame.groupby("label")["period"].nunique().eq(2).all()
    assert not any("implied" in label for label in frame["label"])


# aid_share_frame

@pytest.fixture(scope="module")
def shares(facts):
    return views.aid_share_frame(facts, "en")


def test_aid_shares_sum_to_one_per_measure(shares):
    """The two parts (脱贫户、监测户 students and other students) add up to 1 for each measure."""
    assert len(shares) == 4
    assert shares.groupby("measure")["share"].sum().tolist() == pytest.approx([1.0, 1.0])


def test_aid_shares_match_the_report_figures(shares):
    """The 脱贫户、监测户 students' shares are 5617/26145 of person-times and 358.42875/1666.71325 of the amount."""
    poverty = shares[shares["part_order"] == 0].set_index("measure")["share"]
    assert poverty["By person-times"] == pytest.approx(5617 / 26145)
    assert poverty["By amount"] == pytest.approx(358.42875 / 1666.71325)


def test_aid_share_frame_is_empty_without_its_inputs(facts):
    """Filtered to facts lacking the aid counts, the share frame is empty (pages then skip the chart)."""
    frame = views.aid_share_frame(facts[facts["section"] == 3], "zh")
    assert frame.empty
    assert list(frame.columns) == ["measure", "part", "part_order", "share", "value_text", "share_text"]


# timeline_frame

def test_timeline_keeps_year_only_events_in_their_own_bucket(dataset):
    """Events dated only by year form a bucket of their own, sorted before that year's months."""
    events = dataset.events
    frame = views.timeline_frame(events, "en").set_index("event_id")
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
    row = views.timeline_frame(events, "zh").set_index("event_id").loc[day["event_id"]]
    year, month, date = (int(part) for part in str(day["date"]).split("-"))
    assert row["date_text"] == f"{year}年{month}月"
    assert row["date_full"] == f"{year}年{month}月{date}日"


# narrow

@pytest.mark.parametrize(("school", "program", "level"), [
    ("vocational_center", None, None),
    (None, "student_aid", None),
    (None, None, "preschool"),
    (None, "senior_high_quality", "senior_secondary"),
    ("binjiang_primary", "clean_schools", None),
    (None, None, None),
])
def test_narrow_equals_pandas(facts, school, program, level):
    """narrow() keeps exactly the rows a hand-written pandas mask keeps."""
    mask = pd.Series(True, index=facts.index)
    for column, wanted in (("school_id", school), ("program_id", program), ("level", level)):
        if wanted is not None:
            mask &= facts[column] == wanted
    pd.testing.assert_frame_equal(views.narrow(facts, school=school, program=program, level=level), facts[mask])


def test_narrow_on_table_without_the_column_is_empty(dataset):
    """A filter on a column the table lacks (programs have no school) matches nothing rather than everything."""
    assert views.narrow(dataset.programs, school="vocational_center").empty
    assert len(views.narrow(dataset.programs, program="student_aid")) == 1


# escape_markdown / mark_quotes

UNESCAPED = re.compile(r"(?<!\\)[*_`<>\[\]:$]")


@pytest.mark.parametrize("text", ["**x**", "<script>alert(1)</script>", ":red[x]", "$x$", "_x_", "`x`",
                                  "[a](https://example.org)", "# x", "<b>x</b>"])
def test_escape_markdown_neutralizes_syntax(text):
    """Markdown emphasis, HTML, colour directives, LaTeX, links and headings are all backslash-escaped."""
    escaped = escape_markdown(text)
    assert not UNESCAPED.search(escaped), escaped
    assert escaped.replace("\\", "") == text.replace("\\", "")


def test_escape_markdown_leaves_plain_chinese_alone():
    """Text without markdown syntax is unchanged (Chinese punctuation is not special)."""
    assert escape_markdown("荔浦市教育局，2023年") == "荔浦市教育局，2023年"


def test_mark_quotes_highlights_a_quote():
    """A quote found in the text is wrapped, in bold, in a blue-background directive, exactly once."""
    marked = mark_quotes("甲乙丙丁", ["乙丙"])
    assert marked == "甲:blue-background[**乙丙**]丁"


def test_mark_quotes_escapes_the_rest():
    """Text outside and inside the quote is escaped, so only the directive is markdown."""
    marked = mark_quotes("<b>x</b> 500多篇 **y**", ["500多篇"])
    assert marked == r"\<b\>x\</b\> :blue-background[**500多篇**] \*\*y\*\*"
    assert marked.count(":blue-background[") == 1


def test_mark_quotes_ignores_missing_and_overlapping_quotes():
    """Quotes not in the text are skipped; a quote inside a longer highlighted one is not marked twice."""
    marked = mark_quotes("一本上线468人，比2022年多111人", ["一本上线468人", "468人", "不存在"])
    assert marked.count(":blue-background[") == 1
    assert ":blue-background[**一本上线468人**]" in marked


def test_comparison_badge_says_only_what_the_report_says(facts):
    """The regional demonstration kindergartens' change is 'since the start of the last 3 years' (近3年), not
    'vs 2021', a year the report never writes; the gaokao change stays 'vs 2022', as the report writes it."""
    kindergartens = facts[facts["fact_id"] == "kg_demo_regional_2023"]
    for lang, words in (("zh", "较近3年之初"), ("en", "since the start of the last 3 years")):
        [card] = views.figure_cards(kindergartens, facts, lang)
        assert card.delta.endswith(words) and "2021" not in card.delta
    [gaokao] = views.figure_cards(facts[facts["fact_id"] == "gaokao_tier1_admitted_2023"], facts, "en")
    assert gaokao.delta == "+111 vs 2022"
