"""Which figures a page shows: metrics by latest period and the one before, a section's rows (no streamlit).

Pages pick by metric, never by fact id, and take each metric's latest period: a next year's report
added as rows shows up without code changes, with the change over the previous period.
"""

from __future__ import annotations

import pandas as pd

from lipu_data.i18n import localized_names, t
from lipu_data.model import Dataset
from lipu_data.periods import period_sort_key

# Charts choose their measures by metric (stable across years).
KINDERGARTEN_TIER_METRICS = ("kg_demo_regional", "kg_demo_guilin", "kg_demo_county", "kg_inclusive_private")
KINDERGARTEN_GROUP_METRICS = ("kg_group_leads", "kg_group_members")
GAOKAO_METRICS = ("gaokao_tier1_admitted", "gaokao_tier2plus_admitted")
VOCATIONAL_RATE_METRICS = ("voc_bachelor_exam_rate", "voc_bachelor_exam_rate_check", "voc_employment_rate",
                           "voc_matched_employment_rate", "voc_matched_satisfaction")
# One year's spending and a three-year span's are different kinds of period: never bars on one axis.
SPENDING_METRICS = ("construction_spending",)
EQUIPMENT_SPENDING_METRICS = ("equipment_spending_3yr", "equipment_spending_per_year")
AID_AMOUNT_METRICS = ("student_loans_amount", "student_aid_amount", "student_aid_poverty_amount")
AID_SHARE_METRICS = ("student_aid_poverty_beneficiaries", "student_aid_other_beneficiaries",
                     "student_aid_poverty_amount", "student_aid_other_amount")
AID_PER_UNIT_METRICS = ("student_loan_average", "student_aid_per_beneficiary", "student_aid_poverty_per_beneficiary")
PUBLICITY_METRICS = ("wechat_articles", "city_media_articles", "feature_articles_higher_media",
                     "most_beautiful_teacher_reports")
SAFETY_METRICS = ("legal_vice_principals", "safety_meeting_attendance", "drowning_deaths")
TEACHER_METRICS = ("teacher_reform_pilots_national",)

# The overview's headline figure of each section page (by metric).
HEADLINE_METRICS: dict[str, tuple[str, ...]] = {
    "governance": ("clean_campus_broadcast_date",),
    "levels": ("gaokao_tier1_admitted", "gaokao_undergrad_rate", "kg_demo_total"),
    "resources": ("construction_spending", "student_aid_amount", "student_aid_poverty_share_amount"),
    "teachers": ("teacher_reform_pilots_national",),
    "safety": ("legal_vice_principals", "drowning_deaths"),
    "publicity": ("wechat_articles",),
}


def latest_by_metric(facts: pd.DataFrame) -> pd.DataFrame:
    """One row per metric: its latest period (ties keep file order)."""
    if facts.empty:
        return facts
    ordered = facts.assign(_key=facts["period"].map(period_sort_key)).sort_values("_key", kind="stable")
    latest = ordered.drop_duplicates("metric", keep="last").drop(columns="_key")
    return latest.loc[[i for i in facts.index if i in latest.index]]


def has_metrics(facts: pd.DataFrame, metrics: tuple[str, ...]) -> bool:
    """Whether any of the given metrics has a row: what decides if a chart of them is offered, without
    building its frame."""
    return bool(facts["metric"].isin(metrics).any())


def has_lower_bounds(facts: pd.DataFrame, metrics: tuple[str, ...]) -> bool:
    """Whether the latest rows of the given metrics include a lower bound (the report's "500多篇", stored as
    500 and qualified `at_least`): a chart of them then draws dashed outlines, and a caption says why."""
    return bool((select_metrics(facts, metrics, latest=True)["qualifier"] == "at_least").any())


def select_metrics(facts: pd.DataFrame, metrics: tuple[str, ...], *, latest: bool = True) -> pd.DataFrame:
    """The rows of the given metrics, in the given order; by default only each metric's latest period."""
    chosen = facts[facts["metric"].isin(metrics)]
    if latest:
        chosen = latest_by_metric(chosen)
    order = {metric: i for i, metric in enumerate(metrics)}
    return chosen.assign(_order=chosen["metric"].map(order)).sort_values(
        ["_order", "period"], kind="stable").drop(columns="_order")


def previous_value(facts: pd.DataFrame, row: pd.Series) -> pd.Series | None:
    """The same metric's fact for the latest period before `row`'s (e.g. the implied 2022 baseline)."""
    return latest_before(facts[facts["metric"] == row["metric"]], row)


def latest_before(same_metric: pd.DataFrame | None, row: pd.Series) -> pd.Series | None:
    """Of one metric's rows, the latest period before `row`'s (ties: the last in file order); none for dates."""
    if same_metric is None or row["unit"] == "date":
        return None
    keys = same_metric["period"].map(period_sort_key)
    earlier = keys[(same_metric["fact_id"] != row["fact_id"]) & (keys < period_sort_key(row["period"]))]
    if earlier.empty:
        return None
    return same_metric.loc[earlier.sort_values(kind="stable").index[-1]]


def latest_report_year(dataset: Dataset) -> int:
    """The year of the newest report in the data."""
    return int(dataset.reports["year"].max())


def section_facts(dataset: Dataset, section: int, report_year: int | None = None) -> pd.DataFrame:
    """The facts of one section of one report (default: the newest), in file order.

    Earlier reports' figures stay reachable as the previous periods of the same metrics (deltas,
    comparisons), but a page shows one report's section, so it does not grow with the years of data.
    """
    year = latest_report_year(dataset) if report_year is None else report_year
    facts = dataset.facts
    return facts[(facts["section"] == section) & (facts["report_year"] == year)]


def facts_by_program(dataset: Dataset, facts: pd.DataFrame, lang: str) -> list[tuple[str, pd.DataFrame]]:
    """Facts grouped under their program's name (data order), each group its metrics' latest rows."""
    groups = []
    names = localized_names(dataset.programs, "program_id", lang)
    for program_id in dict.fromkeys(facts["program_id"].fillna("")):
        group = latest_by_metric(facts[facts["program_id"].fillna("") == program_id])
        groups.append((names.get(program_id, t("facts", lang)), group))
    return groups


# Measures elsewhere in the report that carry out section 一's leadership (supervision of the school
# leadership, integrity talks, the teacher reform the bureau leads).
LEADERSHIP_RELATED_PROGRAMS = ("daily_supervision", "integrity_models", "county_managed_teachers")


def section_rows(frame: pd.DataFrame, section: int) -> pd.DataFrame:
    """Rows of a table (honours, events, projects) whose paragraph lies in the given section of the
    newest report the table mentions."""
    sections = frame["paragraph_id"].str.extract(r"-s(\d+)", expand=False).astype("Int64")
    newest = frame["report_year"] == frame["report_year"].max()
    return frame[(sections == section) & newest]


def section_programs(dataset: Dataset, section: int) -> pd.DataFrame:
    """The programs of a report section, as the newest report describes them (a program belongs to the
    report its describing paragraph comes from), so next year's report replaces rather than doubles them."""
    years = dataset.paragraphs.set_index("paragraph_id")["year"]
    in_newest = dataset.programs["paragraph_id"].map(years) == latest_report_year(dataset)
    return dataset.programs[(dataset.programs["section"] == section) & in_newest]


# The four dimensions of the school-district reform, as the levels page lists them.
REFORM_DIMENSIONS = (
    {"zh": "运行机制一体化", "en": "Integrated operating mechanisms"},
    {"zh": "教育资源共享化", "en": "Shared educational resources"},
    {"zh": "师资力量均衡化", "en": "Balanced teaching staff"},
    {"zh": "文化建设特色化", "en": "Distinctive school culture"},
)
