"""Which figures a page shows: metrics by latest period and the one before, a section's rows (no streamlit).

Pages pick by metric, never by fact id, and take each metric's latest period: a next year's report
added as rows shows up without code changes, with the change over the previous period.
"""

from __future__ import annotations

import pandas as pd

from lipu_data.i18n import localized_names, pick, t
from lipu_data.model import Dataset
from lipu_data.periods import period_sort_key

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


def report_words(dataset: Dataset, lang: str) -> dict[str, object]:
    """How the interface names the report it shows (the newest): its year, title and publisher, for strings such
    as the app title, the footer and a chart's source line."""
    report = dataset.reports.loc[dataset.reports["year"] == latest_report_year(dataset)].iloc[0]
    return {"year": int(report["year"]), "report": pick(report, "title", lang), "publisher": pick(report, "publisher", lang)}


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


def section_rows(dataset: Dataset, frame: pd.DataFrame, section: int) -> pd.DataFrame:
    """Rows of a table (honours, events, projects) whose paragraph lies in the given section of the newest
    report: a page shows one report, so last year's honours are not shown as this year's."""
    sections = frame["paragraph_id"].str.extract(r"-s(\d+)", expand=False).astype("Int64")
    return frame[(sections == section) & (frame["report_year"] == latest_report_year(dataset))]


def section_programs(dataset: Dataset, section: int) -> pd.DataFrame:
    """The programs of a report section, as the newest report describes them (a program belongs to the
    report its describing paragraph comes from), so next year's report replaces rather than doubles them."""
    years = dataset.paragraphs.set_index("paragraph_id")["year"]
    in_newest = dataset.programs["paragraph_id"].map(years) == latest_report_year(dataset)
    return dataset.programs[(dataset.programs["section"] == section) & in_newest]
