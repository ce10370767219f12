"""What a fact's period is: its kind (a year, a year to a month, a day, a span of n years) and its sort key."""

from __future__ import annotations


def period_sort_key(period: str) -> str:
    """Sort key for periods: a span sorts by its end, so 2021/2023 sits with 2023."""
    return str(period).split("/")[-1]


def period_kind(period: str) -> str:
    """What kind of period a figure covers: "year" (2023), "year_to_month" (2023-11: the year up to a month),
    "day" (2023-11-21) or "span_<n>" (2021/2023: n years). A chart compares figures of one kind only."""
    text = str(period)
    if "/" in text:
        start, end = text.split("/", 1)
        return f"span_{int(end[:4]) - int(start[:4]) + 1}"
    return {4: "year", 7: "year_to_month", 10: "day"}.get(len(text), "other")
