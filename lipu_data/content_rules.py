"""The report-content tables' own rules (no streamlit): charts keep like with like, page items and points refer to what exists.

charts.csv, chart_metrics.csv, page_items.csv and program_points.csv say what the pages show. Their cells are
checked by the schema (lipu_data/schema.py); these are the rules across tables, each problem located by file,
line and column so a maintainer who adds a chart or a measure sees exactly which cell breaks what.
"""

from __future__ import annotations

from collections import defaultdict

from .model import Problem
from .periods import period_kind, period_sort_key

FIGURE_KINDS = ("bars", "comparison", "share")  # charts of facts' metrics (the others count rows)


def _records(raw) -> list[tuple[int, dict[str, str]]]:
    return [(line, dict(zip(raw.header, row))) for line, row in zip(raw.lines, raw.rows)]


def _usable(tables: dict, *names: str) -> bool:
    return all(tables.get(name) is not None and tables[name].usable for name in names)


def _metric_rows(facts) -> dict[str, list[tuple[str, str]]]:
    """metric -> its facts' (unit, period), in file order."""
    rows: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for metric, unit, period in zip(facts.column("metric"), facts.column("unit"), facts.column("period")):
        rows[metric].append((unit, period))
    return rows


def _shown_periods(rows: list[tuple[str, str]], periods: str) -> list[tuple[str, str]]:
    """The (unit, period) rows of one metric a chart shows: the latest period, or all of them."""
    if periods == "all" or not rows:
        return rows
    latest = max(period_sort_key(period) for _, period in rows)
    return [row for row in rows if period_sort_key(row[1]) == latest][-1:]


def check_charts(tables: dict) -> list[Problem]:
    """Each chart is well formed for its kind and keeps like with like; every measure names a metric of facts."""
    if not _usable(tables, "charts", "chart_metrics"):
        return []
    charts, measures = tables["charts"], tables["chart_metrics"]
    facts = tables["facts"] if _usable(tables, "facts") else None
    metric_rows = _metric_rows(facts) if facts is not None else {}
    problems: list[Problem] = []
    chart_records = _records(charts)
    by_chart: dict[str, list[tuple[int, dict[str, str]]]] = defaultdict(list)
    for line, record in _records(measures):
        by_chart[record["chart_id"]].append((line, record))
    pages: dict[str, list[tuple[int, dict[str, str]]]] = defaultdict(list)
    for line, chart in chart_records:
        pages[chart["page"]].append((line, chart))

    for page, rows in pages.items():
        seen: dict[str, int] = {}
        for line, chart in rows:
            if chart["position"] in seen:
                problems.append(Problem(charts.file, line, "position",
                                        f"page {page} already has a chart at position {chart['position']} (line {seen[chart['position']]})"))
            seen.setdefault(chart["position"], line)
            if len(rows) > 1:  # the page draws its charts in tabs: each needs its label
                for column in ("tab_zh", "tab_en"):
                    if not chart[column]:
                        problems.append(Problem(charts.file, line, column,
                                                f"page {page} has {len(rows)} charts, shown in tabs: {chart['chart_id']} needs a tab label"))

    for line, chart in chart_records:
        chart_id, kind = chart["chart_id"], chart["kind"]
        own = sorted(by_chart.get(chart_id, []), key=lambda item: int(item[1]["position"]))
        if kind == "count":
            if not chart["counts"]:
                problems.append(Problem(charts.file, line, "counts", f"count chart {chart_id} must say what it counts"))
            if chart["periods"]:
                problems.append(Problem(charts.file, line, "periods", f"count chart {chart_id} has no periods (leave empty)"))
            for measure_line, _ in own:
                problems.append(Problem(measures.file, measure_line, "chart_id",
                                        f"{chart_id} is a count chart: it counts {chart['counts'] or 'rows'}, not metrics"))
            continue
        if chart["counts"]:
            problems.append(Problem(charts.file, line, "counts", f"{kind} chart {chart_id} counts nothing (leave empty)"))
        if not chart["periods"]:
            problems.append(Problem(charts.file, line, "periods", f"{kind} chart {chart_id} needs periods: latest or all"))
        if not own:
            problems.append(Problem(charts.file, line, "chart_id", f"{kind} chart {chart_id} has no metrics in {measures.file}"))
            continue
        problems += _check_measures(measures.file, chart, own, metric_rows, facts is not None)
    return problems


def _check_measures(file: str, chart: dict[str, str], own: list, metric_rows: dict, have_facts: bool) -> list[Problem]:
    """One chart's measures: share columns only on share charts, known metrics, one unit and one kind of period."""
    problems: list[Problem] = []
    chart_id, kind = chart["chart_id"], chart["kind"]
    share_columns = ("group_zh", "group_en", "part_zh", "part_en")
    groups: dict[str, list] = defaultdict(list)
    for line, record in own:
        for column in share_columns:
            if kind == "share" and not record[column]:
                problems.append(Problem(file, line, column, f"share chart {chart_id}: every measure names its group and part"))
            elif kind != "share" and record[column]:
                problems.append(Problem(file, line, column, f"{kind} chart {chart_id} has no groups or parts (leave empty)"))
        if have_facts and record["metric"] not in metric_rows:
            problems.append(Problem(file, line, "metric", f"{record['metric']!r} is not a metric of facts.csv"))
            continue
        groups[record["group_en"] if kind == "share" else ""].append((line, record))
    if kind == "share":
        for group, members in groups.items():
            if len(members) < 2:
                problems.append(Problem(file, members[0][0], "group_en",
                                        f"share chart {chart_id}: group {group!r} needs at least two parts"))
    # Like with like: one unit per chart (per group for a share chart: shares of different totals sit side by
    # side, each group in its own unit) and one kind of period across the whole chart.
    for members in groups.values():
        first_unit = None
        for line, record in members:
            units = {unit for unit, _ in metric_rows.get(record["metric"], [])}
            if len(units) > 1:
                problems.append(Problem(file, line, "metric", f"{record['metric']} has facts in several units ({', '.join(sorted(units))})"))
                continue
            if not units:
                continue
            unit = next(iter(units))
            if first_unit is None:
                first_unit = (unit, record["metric"])
            elif unit != first_unit[0]:
                problems.append(Problem(file, line, "metric",
                                        f"{record['metric']} is in {unit} but {first_unit[1]} on chart {chart_id} is in "
                                        f"{first_unit[0]}: a chart shows one unit (add a chart for this one)"))
    first_kind = None
    for line, record in own:
        kinds = {period_kind(period) for _, period in _shown_periods(metric_rows.get(record["metric"], []), chart["periods"])}
        for found in sorted(kinds):
            if first_kind is None:
                first_kind = (found, record["metric"])
            elif found != first_kind[0]:
                problems.append(Problem(file, line, "metric",
                                        f"{record['metric']} shows a {found} period but {first_kind[1]} on chart {chart_id} "
                                        f"shows a {first_kind[0]} period: a chart compares one kind of period"))
                break
    return problems


def check_page_items(tables: dict) -> list[Problem]:
    """A headline names a metric of facts; a related programme names a programme."""
    if not _usable(tables, "page_items"):
        return []
    raw = tables["page_items"]
    known = {"headline": set(tables["facts"].column("metric")) if _usable(tables, "facts") else None,
             "related_program": set(tables["programs"].column("program_id")) if _usable(tables, "programs") else None}
    where = {"headline": "a metric of facts.csv", "related_program": "a program_id of programs.csv"}
    problems = []
    for line, record in _records(raw):
        ids = known.get(record["item"])
        if ids is not None and record["ref"] not in ids:
            problems.append(Problem(raw.file, line, "ref", f"{record['ref']!r} is not {where[record['item']]}"))
    return problems


def check_program_points(tables: dict, compact: dict[str, str]) -> list[Problem]:
    """A programme's point is worded as in its paragraph."""
    if not _usable(tables, "program_points") or not compact:
        return []
    raw = tables["program_points"]
    return [Problem(raw.file, line, "text_zh", f"{record['text_zh']!r} does not occur in paragraph {record['paragraph_id']}")
            for line, record in _records(raw)
            if record["paragraph_id"] in compact and "".join(record["text_zh"].split()) not in compact[record["paragraph_id"]]]
