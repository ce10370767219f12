"""What the pages show, as plain localized DataFrames: chart frames, figure cards, tables (no streamlit).

Pages pick by metric, never by fact id, and take each metric's latest period: a next year's report
added as rows shows up here without code changes, with the change over the previous period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlencode

import pandas as pd

from lipu_data.derive import formula_inputs
from lipu_data.i18n import chart_value, format_date, format_period, format_value, pick, t
from lipu_data.filters import paragraph_counts
from lipu_data.model import Dataset

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


def _sort_period(period: str) -> str:
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


def latest_by_metric(facts: pd.DataFrame) -> pd.DataFrame:
    """One row per metric: its latest period (ties keep file order)."""
    if facts.empty:
        return facts
    ordered = facts.assign(_key=facts["period"].map(_sort_period)).sort_values("_key", kind="stable")
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
    return _latest_before(facts[facts["metric"] == row["metric"]], row)


def _latest_before(same_metric: pd.DataFrame | None, row: pd.Series) -> pd.Series | None:
    """Of one metric's rows, the latest period before `row`'s (ties: the last in file order); none for dates."""
    if same_metric is None or row["unit"] == "date":
        return None
    keys = same_metric["period"].map(_sort_period)
    earlier = keys[(same_metric["fact_id"] != row["fact_id"]) & (keys < _sort_period(row["period"]))]
    if earlier.empty:
        return None
    return same_metric.loc[earlier.sort_values(kind="stable").index[-1]]


@dataclass(frozen=True)
class FigureCard:
    """What one figure card shows: st.metric's arguments, already localized and escaped."""

    fact_id: str
    label: str
    value: str
    delta: str | None
    delta_color: str
    icon: str | None
    source: str  # markdown for the card's tooltip: the figure's name, then provenance_markdown


def figure_cards(shown: pd.DataFrame, all_facts: pd.DataFrame, lang: str,
                 terms: pd.DataFrame | None = None) -> list[FigureCard]:
    """The cards of `shown` facts: value, change over the same metric's previous period in `all_facts`
    (same unit, never for dates), and the source tooltip, ending with the definitions of the `terms` its
    Chinese label uses. One pass over the metrics shown, so a page of dozens of cards stays cheap at 100x
    the data."""
    history = dict(tuple(all_facts[all_facts["metric"].isin(set(shown["metric"]))].groupby("metric", sort=False)))
    cards = []
    for _, row in shown.iterrows():
        delta = None
        previous = _latest_before(history.get(row["metric"]), row)
        if previous is not None and previous["unit"] == row["unit"]:
            change = row["value"] - previous["value"]
            change_text = format_value(abs(change), row["unit"], lang, "exact", row["period"])
            since = comparison_text(row, previous, lang)
            delta = f"{'+' if change >= 0 else '-'}{change_text} {since}"
        name = escape_markdown(pick(row, "label", lang))
        label = f"{name} · {kind_text(row, lang)}" if row["kind"] == "derived" else name
        cards.append(FigureCard(
            fact_id=row["fact_id"], label=label,
            value=format_value(row["value"], row["unit"], lang, row["qualifier"], row["period"]), delta=delta,
            delta_color="off" if row["unit"] in ("rank", "date") else "normal",
            icon=":material/calculate:" if row["kind"] == "derived" else None,
            # The name first: a card one phone wide cuts a long one short ("Gaokao undergraduate (bachelor's)
            # admissi…"), and the tooltip is where a reader looks for more.
            source="\n\n".join(part for part in (f"**{name}**", provenance_markdown(row, all_facts, lang),
                                                   terms_markdown(row["label_zh"], terms, lang)) if part),
        ))
    return cards


def comparison_text(row: pd.Series, previous: pd.Series, lang: str) -> str:
    """What a card's change is measured against, saying only what the report says: where the earlier figure's
    year is ours (the report says 近3年 "the last 3 years", not 2021), the span, not the year."""
    start, end = _sort_period(previous["period"])[:4], _sort_period(row["period"])[:4]
    quote = previous["quote"] if isinstance(previous["quote"], str) else ""
    if previous["kind"] == "stated" and start.isdigit() and end.isdigit() and start not in quote:
        return t("vs_span_start", lang, n=int(end) - int(start) + 1)
    return t("vs_2022", lang) if start == "2022" else format_period(previous["period"], lang)


def kind_text(row: pd.Series, lang: str) -> str:
    """'Stated', 'Derived' or 'Estimate' in the reader's language."""
    if row["kind"] == "derived":
        return t("estimate" if row["qualifier"] == "estimate" else "derived", lang)
    return t("stated", lang)


def provenance_markdown(row: pd.Series, facts: pd.DataFrame, lang: str) -> str:
    """A figure's source as markdown (a card's tooltip, a clicked bar's note): kind and period, then the
    verbatim sentence (stated) or the formula with each input's value (derived), the data note, and a
    link to its paragraph on the sources page. Every piece of data is escaped, so it shows as written.

    The link is relative ("sources?…"): every page sits one level below the app's root, so it works
    behind any path prefix a proxy adds.
    """
    parts = [f"**{escape_markdown(kind_text(row, lang))}** · {escape_markdown(format_period(row['period'], lang))}"]
    if row["kind"] == "stated":
        parts.append(f"“{escape_markdown(row['quote'])}”")
    else:
        # The formula as a reader reads it: the figures' names, not their ids (学生资助资金 × 10000 ÷ 受助人次).
        names = formula_inputs(row["formula"])
        indexed = facts[facts["fact_id"].isin(names)].drop_duplicates("fact_id").set_index("fact_id")
        labels = {name: pick(indexed.loc[name], "label", lang) for name in names if name in indexed.index}
        if lang == "en":  # "× 10000" turns 万元 into yuan: say which inputs are in 万元
            labels = {name: label + (" (in 万元)" if indexed.loc[name, "unit"] == "wan_yuan" else "")
                      for name, label in labels.items()}
        parts.append(f"{escape_markdown(t('formula', lang))}: {escape_markdown(formula_text(row['formula'], labels))}")
        inputs = []
        for name in names:
            if name in indexed.index:
                source = indexed.loc[name]
                value = format_value(source["value"], source["unit"], lang, source["qualifier"], source["period"])
                if source["unit"] == "wan_yuan" and lang == "en":
                    value = f"{format_value(source['value'], 'wan_yuan', 'zh')} = {value}"
                inputs.append(f"{escape_markdown(labels[name])} = {escape_markdown(value)}")
        if inputs:
            parts.append(f"{escape_markdown(t('inputs', lang))}:  \n" + "  \n".join(inputs))
    if row["unit"] == "wan_yuan" and lang == "en" and row["kind"] == "stated":
        # The card shows yuan; the report's own figure is in 万元 (units of 10,000 yuan): show both, exact.
        parts.append(escape_markdown(t("report_amount", lang, wan=format_value(row["value"], "wan_yuan", "zh"),
                                       yuan=format_value(row["value"], "wan_yuan", "en", row["qualifier"]))))
    note = pick(row, "note", lang)
    if note:
        parts.append(f"*{escape_markdown(note)}*")
    query = urlencode({"lang": lang, "para": row["paragraph_id"]})
    parts.append(f"[{escape_markdown(t('open_in_report', lang))} ¶{escape_markdown(row['paragraph_id'])}](sources?{query})")
    return "\n\n".join(parts)


_FORMULA_TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|\*\*|[-+*/()]|[0-9.]+")
_OPERATORS = {"*": "×", "/": "÷", "-": "−", "+": "+", "(": "(", ")": ")"}


def formula_text(formula: str, names: dict[str, str]) -> str:
    """A formula over fact ids written with the figures' names and ×, ÷, −: what a reader sees instead of
    `student_aid_amount_2023 * 10000 / student_aid_beneficiaries_2023`. Plain text (escape it for markdown)."""
    pieces = []
    for token in _FORMULA_TOKEN.findall(str(formula)):
        if token in _OPERATORS:
            pieces.append(_OPERATORS[token])
        else:
            pieces.append(names.get(token, token))
    text = " ".join(pieces)
    return text.replace("( ", "(").replace(" )", ")")


def fact_names(facts: pd.DataFrame, lang: str) -> dict[str, str]:
    """Fact id -> label in `lang` (other language where empty), for writing formulas."""
    return localized_names(facts, "fact_id", lang, "label")


def chart_frame(facts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Facts as a chart frame: label, value (plotted), value_text, kind, kind_text, qualifier, period_text."""
    rows = []
    for _, row in facts.iterrows():
        rows.append({
            "fact_id": row["fact_id"],
            "label": pick(row, "label", lang),
            "value": chart_value(row["value"], row["unit"], lang),
            "value_text": format_value(row["value"], row["unit"], lang, row["qualifier"], row["period"]),
            "unit": row["unit"],
            "kind": row["kind"],
            "kind_text": kind_text(row, lang),
            "qualifier": row["qualifier"],
            "period": row["period"],
            "period_text": format_period(row["period"], lang),
            "paragraph_id": row["paragraph_id"],
        })
    columns = ["fact_id", "label", "value", "value_text", "unit", "kind", "kind_text", "qualifier", "period",
               "period_text", "paragraph_id"]
    return pd.DataFrame(rows, columns=columns)


def comparison_frame(facts: pd.DataFrame, metrics: tuple[str, ...], lang: str) -> pd.DataFrame:
    """Every period of each metric, labelled by the metric's latest label without a '(2022, implied)' tail."""
    chosen = select_metrics(facts, metrics, latest=False)
    frame = chart_frame(chosen, lang)
    latest_labels = {row["metric"]: pick(row, "label", lang) for _, row in latest_by_metric(chosen).iterrows()}
    frame["label"] = [latest_labels[metric] for metric in chosen["metric"]]
    return frame


def aid_share_frame(facts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Student aid split into students from households lifted out of poverty or monitored for relapse (脱贫户、
    监测户) and other students, by person-times and by amount."""
    by_metric = {row["metric"]: row for _, row in latest_by_metric(facts).iterrows()}
    needed = AID_SHARE_METRICS
    if not all(metric in by_metric for metric in needed):
        return pd.DataFrame(columns=["measure", "part", "part_order", "share", "value_text", "share_text"])
    parts = {"zh": ("脱贫户、监测户学生", "其他学生"),
             "en": ("Students from households lifted out of poverty or monitored", "Other students")}[lang]
    measures = {"zh": ("按受益人次", "按金额"), "en": ("By person-times", "By amount")}[lang]
    rows = []
    for measure, (poverty, other) in zip(measures, (needed[:2], needed[2:])):
        total = by_metric[poverty]["value"] + by_metric[other]["value"]
        for order, (part, metric) in enumerate(zip(parts, (poverty, other))):
            row = by_metric[metric]
            rows.append({"measure": measure, "part": part, "part_order": order,
                         "share": row["value"] / total,
                         "value_text": format_value(row["value"], row["unit"], lang, row["qualifier"], row["period"]),
                         "share_text": f"{100 * row['value'] / total:.2f}%"})
    return pd.DataFrame(rows)


def timeline_frame(events: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Events with a date bucket at the report's precision: year-only events form their own bucket."""
    rows = []
    for _, row in events.iterrows():
        date = str(row["date"])
        if row["date_precision"] == "year":
            text = f"{date}年（月份未注明）" if lang == "zh" else f"{date} (month not stated)"
            sort_key = f"{date}-00"
        else:
            text = format_date(date[:7], lang)
            sort_key = date
        rows.append({"event_id": row["event_id"], "title": pick(row, "title", lang), "date_text": text,
                     "date_full": format_date(date, lang), "date_sort": sort_key,
                     "month_known": row["date_precision"] != "year",
                     "paragraph_id": row["paragraph_id"], "quote": row["quote"]})
    return pd.DataFrame(rows, columns=["event_id", "title", "date_text", "date_full", "date_sort", "month_known",
                                       "paragraph_id", "quote"])


def timeline_markdown(timeline: pd.DataFrame, lang: str) -> str:
    """The timeline as a markdown list in date order: date, event, and a link to its paragraph (escaped).

    The overview shows this list at load and keeps the timeline chart one click away: a list is one
    element, a chart pulls in the whole Vega bundle (bench/findings.md).
    """
    lines = []
    for row in timeline.sort_values("date_sort", kind="stable").itertuples():
        link = f"sources?{urlencode({'lang': lang, 'para': row.paragraph_id})}"
        lines.append(f"- **{escape_markdown(row.date_full)}** · {escape_markdown(row.title)} · "
                     f"[¶{escape_markdown(row.paragraph_id)}]({link})")
    return "\n".join(lines)


def projects_frame(dataset: Dataset, projects: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Projects with their school and township names ('not stated' where the report does not say)."""
    schools = dataset.schools.set_index("school_id")
    townships = dataset.townships.set_index("township_code")
    rows = []
    for _, row in projects.iterrows():
        school = row["school_id"]
        township = row["township_code"]
        rows.append({
            "project_id": row["project_id"],
            "name": pick(row, "name", lang),
            "school": pick(schools.loc[school], "name", lang) if isinstance(school, str) else "",
            "township_code": township if isinstance(township, str) else "",
            "township": pick(townships.loc[township], "name", lang) if isinstance(township, str)
            else t("township_unknown", lang),
            "kind_text": t(f"kind_{row['kind']}", lang),
            "status_text": t(f"status_{row['status']}", lang),
            "paragraph_id": row["paragraph_id"],
            "quote": row["quote"],
        })
    return pd.DataFrame(rows, columns=["project_id", "name", "school", "township_code", "township", "kind_text",
                                       "status_text", "paragraph_id", "quote"])


def honours_frame(honours: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Honours as a readable table."""
    return pd.DataFrame({
        t("recipient", lang): [pick(row, "recipient", lang) for _, row in honours.iterrows()],
        t("honour", lang): [pick(row, "honour", lang) for _, row in honours.iterrows()],
        t("scope", lang): [t(f"scope_{scope}", lang) for scope in honours["scope"]],
        t("year", lang): [str(year) if pd.notna(year) else "" for year in honours["year"]],
        t("source", lang): list(honours["quote"]),
        "paragraph_id": list(honours["paragraph_id"]),
    })


def facts_table(facts: pd.DataFrame, lang: str, all_facts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Facts as a readable, downloadable table with their provenance (a derived figure's formula written
    with the names of its inputs, looked up in `all_facts`, default `facts`)."""
    names = fact_names(facts if all_facts is None else all_facts, lang)
    return pd.DataFrame({
        "fact_id": list(facts["fact_id"]),
        t("label", lang): [pick(row, "label", lang) for _, row in facts.iterrows()],
        t("value", lang): [format_value(row["value"], row["unit"], lang, row["qualifier"], row["period"])
                           for _, row in facts.iterrows()],
        t("period", lang): [format_period(period, lang) for period in facts["period"]],
        t("kind", lang): [kind_text(row, lang) for _, row in facts.iterrows()],
        t("source", lang): [row["quote"] if row["kind"] == "stated" else formula_text(row["formula"], names)
                            for _, row in facts.iterrows()],
        "paragraph_id": list(facts["paragraph_id"]),
    })


@dataclass(frozen=True)
class FilterOptions:
    """The ids a page's filters offer, in display order."""

    schools: list[str]
    programs: list[str]
    levels: list[str]


def filter_options(dataset: Dataset, facts: pd.DataFrame, *extra: pd.DataFrame) -> FilterOptions:
    """Schools, programs and levels that narrow what a page shows (ids present in its facts or tables)."""
    frames = (facts, *extra)
    schools = set().union(*(set(f["school_id"].dropna()) for f in frames if "school_id" in f))
    programs = set().union(*(set(f["program_id"].dropna()) for f in frames if "program_id" in f))
    levels = set(facts["level"].dropna())
    return FilterOptions(
        schools=[s for s in dataset.schools["school_id"] if s in schools],
        programs=[p for p in dataset.programs["program_id"] if p in programs],
        levels=[lv for lv in dataset.levels["level_id"] if lv in levels],
    )


def narrow(frame: pd.DataFrame, *, school: str | None = None, program: str | None = None,
           level: str | None = None) -> pd.DataFrame:
    """Rows of any table matching the chosen school/program/level, on the columns the table has."""
    mask = pd.Series(True, index=frame.index)
    for column, wanted in (("school_id", school), ("program_id", program), ("level", level)):
        if wanted is not None and column in frame:
            mask &= frame[column] == wanted
        elif wanted is not None:
            mask &= False
    return frame[mask]


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$&])")
# Line breaks and other controls: in markdown a line break can start a heading, a list or a table row.
_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def escape_markdown(text: str) -> str:
    """Text shown through st.markdown as itself: markdown, directives, LaTeX, HTML and entities (`&amp;`)
    are escaped, and line breaks become spaces (the text stays one line: no heading, list or table)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _BREAKS.sub(" ", str(text)))


def code_span(text: str) -> str:
    """`text` as inline code whatever it holds: a fence longer than its longest run of backticks, no line
    breaks (a backtick in the text cannot close the span early)."""
    text = _BREAKS.sub(" ", str(text))
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def mark_quotes(text: str, quotes: list[str]) -> str:
    """Escaped markdown of `text` with each quote that occurs in it highlighted (figures marked): on blue and in
    bold, so the mark does not rest on colour alone (WCAG 1.4.1)."""
    spans: list[tuple[int, int]] = []
    for quote in sorted({q for q in quotes if q}, key=len, reverse=True):
        start = text.find(quote)
        if start >= 0 and not any(s < start + len(quote) and start < e for s, e in spans):
            spans.append((start, start + len(quote)))
    pieces, cursor = [], 0
    for start, end in sorted(spans):
        pieces.append(escape_markdown(text[cursor:start]))
        pieces.append(f":blue-background[**{escape_markdown(text[start:end])}**]")
        cursor = end
    pieces.append(escape_markdown(text[cursor:]))
    return "".join(pieces)


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


def localized_names(frame: pd.DataFrame, id_column: str, lang: str, field: str = "name") -> dict[str, str]:
    """Id -> `<field>_<lang>`, falling back to the other language where empty (as `pick`), for a whole table
    at once: filters and groupings need every name, and row-by-row lookups cost seconds at 100x."""
    other = "zh" if lang == "en" else "en"
    wanted = frame[f"{field}_{lang}"].fillna("").astype(str)
    fallback = frame[f"{field}_{other}"].fillna("").astype(str)
    return dict(zip(frame[id_column], wanted.where(wanted != "", fallback)))


def facts_by_program(dataset: Dataset, facts: pd.DataFrame, lang: str) -> list[tuple[str, pd.DataFrame]]:
    """Facts grouped under their program's name (data order), each group its metrics' latest rows."""
    groups = []
    names = localized_names(dataset.programs, "program_id", lang)
    for program_id in dict.fromkeys(facts["program_id"].fillna("")):
        group = latest_by_metric(facts[facts["program_id"].fillna("") == program_id])
        groups.append((names.get(program_id, t("facts", lang)), group))
    return groups


def school_roles_frame(dataset: Dataset, links: pd.DataFrame, lang: str) -> pd.DataFrame:
    """School-program links as a table: school, program, role, source sentence, paragraph."""
    schools = dataset.schools.set_index("school_id")
    programs = dataset.programs.set_index("program_id")
    return pd.DataFrame({
        t("filter_school", lang): [pick(schools.loc[s], "name", lang) for s in links["school_id"]],
        t("filter_program", lang): [pick(programs.loc[p], "name", lang) for p in links["program_id"]],
        t("role", lang): [pick(row, "role", lang) for _, row in links.iterrows()],
        t("source", lang): list(links["quote"]),
        "paragraph_id": list(links["paragraph_id"]),
    })


def section_fact_counts(dataset: Dataset, lang: str) -> pd.DataFrame:
    """How many figures each section of each report holds, stated and derived."""
    facts = dataset.facts
    rows = []
    for (year, section), group in facts.groupby(["report_year", "section"], sort=True):
        rows.append({t("year", lang): int(year), "§": int(section),
                     t("stated", lang): int((group["kind"] == "stated").sum()),
                     t("derived", lang): int((group["kind"] == "derived").sum())})
    return pd.DataFrame(rows)


# Measures elsewhere in the report that carry out section 一's leadership (supervision of the school
# leadership, integrity talks, the teacher reform the bureau leads).
LEADERSHIP_RELATED_PROGRAMS = ("daily_supervision", "integrity_models", "county_managed_teachers")


def school_links_frame(dataset: Dataset, links: pd.DataFrame, lang: str) -> pd.DataFrame:
    """School-program links with the school's level, for charts counting named schools by role."""
    schools = dataset.schools.set_index("school_id")
    levels = dataset.levels.set_index("level_id")
    return pd.DataFrame({
        "school_id": list(links["school_id"]),
        "school": [pick(schools.loc[s], "name", lang) for s in links["school_id"]],
        "role": [pick(row, "role", lang) for _, row in links.iterrows()],
        "level": [pick(levels.loc[schools.loc[s, "level"]], "name", lang) for s in links["school_id"]],
        "quote": list(links["quote"]),
        "paragraph_id": list(links["paragraph_id"]),
    })


def school_directory(dataset: Dataset, lang: str) -> pd.DataFrame:
    """Every school with its names, level, township ('not stated' where the report is silent) and the
    number of report paragraphs that mention it; columns are fixed (localize with `directory_table`)."""
    levels = dataset.levels.set_index("level_id")
    townships = dataset.townships.set_index("township_code")
    counts = paragraph_counts(dataset, "school_id")
    rows = []
    for _, row in dataset.schools.iterrows():
        township = row["township_code"]
        rows.append({
            "id": row["school_id"],
            "name": pick(row, "name", lang),
            "name_zh": row["name_zh"],
            "name_en": row["name_en"] or "",
            "level": pick(levels.loc[row["level"]], "name", lang) if row["level"] in levels.index else "",
            "township": pick(townships.loc[township], "name", lang) if isinstance(township, str)
            else t("township_unknown", lang),
            "mentions": counts.get(row["school_id"], 0),
        })
    return pd.DataFrame(rows, columns=["id", "name", "name_zh", "name_en", "level", "township", "mentions"])


def program_directory(dataset: Dataset, lang: str) -> pd.DataFrame:
    """Every program with its names, report section and the number of paragraphs about it (fixed columns)."""
    counts = paragraph_counts(dataset, "program_id")
    rows = []
    for _, row in dataset.programs.iterrows():
        rows.append({
            "id": row["program_id"],
            "name": pick(row, "name", lang),
            "name_zh": row["name_zh"],
            "name_en": row["name_en"] or "",
            "section": int(row["section"]),
            "mentions": counts.get(row["program_id"], 0),
        })
    return pd.DataFrame(rows, columns=["id", "name", "name_zh", "name_en", "section", "mentions"])


def directory_table(directory: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A school or program directory with localized headers and without the working columns."""
    headers = {"name_zh": t("name_zh", lang), "name_en": t("name_en", lang), "level": t("level", lang),
               "township": t("township", lang), "section": t("section", lang), "mentions": t("paragraph_count", lang)}
    return directory[[c for c in headers if c in directory]].rename(columns=headers)


def school_profile(dataset: Dataset, school_id: str, lang: str) -> dict[str, object]:
    """What the explorer's header says about a school: names, level, township and its evidence, aliases."""
    row = dataset.schools.set_index("school_id").loc[school_id]
    levels = dataset.levels.set_index("level_id")
    townships = dataset.townships.set_index("township_code")
    township = row["township_code"]
    aliases = row["aliases_zh"]
    return {
        "name_zh": row["name_zh"],
        "name_en": row["name_en"] or "",
        "name_en_official": bool(row["name_en_official"]) if pd.notna(row["name_en_official"]) else False,
        "level": pick(levels.loc[row["level"]], "name", lang) if row["level"] in levels.index else "",
        "township": pick(townships.loc[township], "name", lang) if isinstance(township, str) else "",
        "township_evidence": row["township_evidence"] if isinstance(row["township_evidence"], str) else "",
        "aliases": [a.strip() for a in aliases.split(";") if a.strip()] if isinstance(aliases, str) else [],
        "note_en": row["note_en"] if isinstance(row["note_en"], str) else "",
    }


def program_profile(dataset: Dataset, program_id: str, lang: str) -> dict[str, object]:
    """What the explorer's header says about a program: names, summary, report section and paragraph."""
    row = dataset.programs.set_index("program_id").loc[program_id]
    return {
        "name_zh": row["name_zh"],
        "name_en": row["name_en"] or "",
        "summary": pick(row, "summary", lang),
        "summary_zh": row["summary_zh"] or "",
        "section": int(row["section"]),
        "paragraph_id": row["paragraph_id"],
    }


def people_frame(dataset: Dataset, people: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Named people with role and school (English names are pinyin, unofficial)."""
    schools = dataset.schools.set_index("school_id")
    return pd.DataFrame({
        t("name_zh", lang): list(people["name_zh"]),
        t("name_en", lang): [name or "" for name in people["name_en"]],
        t("role", lang): [pick(row, "role", lang) for _, row in people.iterrows()],
        t("filter_school", lang): [pick(schools.loc[s], "name", lang) if isinstance(s, str) and s in schools.index
                                   else "" for s in people["school_id"]],
    })


def events_table(events: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Events as a readable table: date (at the report's precision), title, source sentence, paragraph."""
    frame = timeline_frame(events, lang).sort_values("date_sort", kind="stable")
    return pd.DataFrame({
        t("date", lang): list(frame["date_text"]),
        t("events", lang): list(frame["title"]),
        t("source", lang): list(frame["quote"]),
        "paragraph_id": list(frame["paragraph_id"]),
    })


def projects_table(dataset: Dataset, projects: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Projects as a readable table (localized headers, see `projects_frame`)."""
    frame = projects_frame(dataset, projects, lang)
    return pd.DataFrame({
        t("projects", lang): list(frame["name"]),
        t("filter_school", lang): list(frame["school"]),
        t("township", lang): list(frame["township"]),
        t("kind", lang): list(frame["kind_text"]),
        t("status", lang): list(frame["status_text"]),
        t("source", lang): list(frame["quote"]),
        "paragraph_id": list(frame["paragraph_id"]),
    })


_WHITESPACE = re.compile(r"\s+")


def term_forms(terms: pd.DataFrame) -> dict[str, list[str]]:
    """Term id -> its Chinese forms (the report's form first), as labels and paragraphs may write it."""
    forms = {}
    for term_id, term_zh, others in zip(terms["term_id"], terms["term_zh"], terms["forms_zh"]):
        extra = [form.strip() for form in others.split(";") if form.strip()] if isinstance(others, str) else []
        forms[term_id] = [term_zh, *extra]
    return forms


def terms_used(text: str, terms: pd.DataFrame) -> list[str]:
    """The ids of the terms a Chinese text uses (whitespace aside), in table order."""
    compact = _WHITESPACE.sub("", str(text))
    return [term_id for term_id, forms in term_forms(terms).items()
            if any(_WHITESPACE.sub("", form) in compact for form in forms)]


def search_key(text: str) -> str:
    """Text as search compares it: case-folded, all whitespace removed (the report spaces digits)."""
    return _WHITESPACE.sub("", str(text)).casefold()


def search_paragraphs(paragraphs: pd.DataFrame, query: str, translations: pd.DataFrame | None = None,
                      terms: pd.DataFrame | None = None) -> pd.DataFrame:
    """Paragraphs matching the query (case- and whitespace-insensitive) in either language: in their text,
    in their English translation, or through a glossary term (its Chinese forms, English rendering or a
    variant) whose paragraphs they are. All paragraphs for an empty query."""
    wanted = search_key(query or "")
    if not wanted:
        return paragraphs
    english = dict(zip(translations["paragraph_id"], translations["text_en"])) if translations is not None else {}
    via_terms: set[str] = set()
    if terms is not None:
        for row in terms.itertuples():
            words = [row.term_zh, row.forms_zh, row.term_en, row.variants_en]
            if any(isinstance(word, str) and wanted in search_key(word) for word in words):
                via_terms.update(part for part in str(row.paragraph_ids).split(";") if part)
    return paragraphs[[wanted in search_key(text) or wanted in search_key(english.get(pid, "")) or pid in via_terms
                       for pid, text in zip(paragraphs["paragraph_id"], paragraphs["text"])]]


@dataclass(frozen=True)
class GlossaryEntry:
    """One term as a reader sees it: the report's word, its English rendering, the definition in the
    reader's language, and the paragraphs that use it."""

    term_id: str
    term_zh: str
    term_en: str
    definition: str
    paragraph_ids: tuple[str, ...]


def glossary(terms: pd.DataFrame, lang: str, term_ids: list[str] | None = None) -> list[GlossaryEntry]:
    """The glossary (all terms, or the given ids in that order) in the reader's language."""
    by_id = {row["term_id"]: row for _, row in terms.iterrows()}
    chosen = list(by_id) if term_ids is None else [term_id for term_id in term_ids if term_id in by_id]
    return [GlossaryEntry(term_id, by_id[term_id]["term_zh"], by_id[term_id]["term_en"],
                          pick(by_id[term_id], "definition", lang),
                          tuple(part for part in str(by_id[term_id]["paragraph_ids"]).split(";") if part))
            for term_id in chosen]


def search_glossary(entries: list[GlossaryEntry], terms: pd.DataFrame, query: str) -> list[GlossaryEntry]:
    """Glossary entries whose Chinese or English forms or definitions contain the query (both languages)."""
    wanted = search_key(query or "")
    if not wanted:
        return entries
    rows = {row.term_id: row for row in terms.itertuples()}
    def matches(entry: GlossaryEntry) -> bool:
        row = rows[entry.term_id]
        words = (row.term_zh, row.forms_zh, row.term_en, row.variants_en, row.definition_zh, row.definition_en)
        return any(isinstance(word, str) and wanted in search_key(word) for word in words)
    return [entry for entry in entries if matches(entry)]


def glossary_link(term_id: str, lang: str) -> str:
    """The relative link that opens a term in the glossary on /sources."""
    return f"sources?{urlencode({'lang': lang, 'term': term_id})}"


def terms_markdown(text_zh: str, terms: pd.DataFrame | None, lang: str) -> str:
    """Markdown defining the terms a Chinese text uses, one line each, linked to the glossary (escaped);
    empty when it uses none."""
    if terms is None or terms.empty:
        return ""
    lines = []
    for entry in glossary(terms, lang, terms_used(text_zh, terms)):
        name = entry.term_zh if lang == "zh" else f"{entry.term_en} ({entry.term_zh})"
        lines.append(f"[{escape_markdown(name)}]({glossary_link(entry.term_id, lang)}): {escape_markdown(entry.definition)}")
    return "  \n".join(lines)


def paragraph_translations(dataset: Dataset) -> dict[str, str]:
    """Paragraph id -> its unofficial English translation."""
    table = dataset.paragraph_translations
    return dict(zip(table["paragraph_id"], table["text_en"]))


def paragraph_quotes(dataset: Dataset) -> dict[str, list[str]]:
    """The quotes of stated facts, per paragraph (what the report text marks as figures)."""
    stated = dataset.facts[dataset.facts["kind"] == "stated"]
    quotes: dict[str, list[str]] = {}
    for pid, quote in zip(stated["paragraph_id"], stated["quote"]):
        if isinstance(quote, str) and quote:
            quotes.setdefault(pid, []).append(quote)
    return quotes


def paragraph_location(dataset: Dataset, paragraph_id: str) -> list[str]:
    """The headings a paragraph stands under: its section's, then its subsection's (if any)."""
    paragraphs = dataset.paragraphs
    row = paragraphs.set_index("paragraph_id").loc[paragraph_id]
    same_year = paragraphs[(paragraphs["year"] == row["year"]) & (paragraphs["role"] == "heading")
                           & (paragraphs["section"] == row["section"])]
    headings = []
    for subsection in (0, row["subsection"]) if row["subsection"] else (0,):
        found = same_year[same_year["subsection"] == subsection]
        if not found.empty and found.iloc[0]["paragraph_id"] != paragraph_id:
            headings.append(found.iloc[0]["text"])
    return headings


def paragraph_citations(dataset: Dataset, paragraph_id: str, lang: str) -> pd.DataFrame:
    """Everything in the data that cites one paragraph: figures (with values), honours, events,
    projects, school roles, programs and notes; localized headers."""
    rows: list[tuple[str, str, str, str]] = []
    cited = dataset.facts[dataset.facts["paragraph_id"] == paragraph_id]
    names = fact_names(dataset.facts, lang) if (cited["kind"] == "derived").any() else {}
    for _, row in cited.iterrows():
        rows.append((t("facts", lang), pick(row, "label", lang),
                     format_value(row["value"], row["unit"], lang, row["qualifier"], row["period"]),
                     row["quote"] if row["kind"] == "stated" else formula_text(row["formula"], names)))
    for _, row in dataset.honours[dataset.honours["paragraph_id"] == paragraph_id].iterrows():
        rows.append((t("honours", lang), pick(row, "honour", lang), pick(row, "recipient", lang), row["quote"]))
    for _, row in dataset.events[dataset.events["paragraph_id"] == paragraph_id].iterrows():
        rows.append((t("events", lang), pick(row, "title", lang), format_date(str(row["date"]), lang), row["quote"]))
    projects = dataset.projects[dataset.projects["paragraph_id"] == paragraph_id]
    for _, row in projects_frame(dataset, projects, lang).iterrows():
        rows.append((t("projects", lang), row["name"], row["status_text"], row["quote"]))
    links = dataset.school_programs[dataset.school_programs["paragraph_id"] == paragraph_id]
    schools = dataset.schools.set_index("school_id")
    for _, row in links.iterrows():
        rows.append((t("role", lang), pick(schools.loc[row["school_id"]], "name", lang), pick(row, "role", lang),
                     row["quote"]))
    for _, row in dataset.programs[dataset.programs["paragraph_id"] == paragraph_id].iterrows():
        rows.append((t("programs", lang), pick(row, "name", lang), "", pick(row, "summary", lang)))
    for _, row in dataset.notes[dataset.notes["paragraph_id"] == paragraph_id].iterrows():
        rows.append((t("data_notes", lang), t(f"topic_{row['topic']}", lang), "", pick(row, "text", lang)))
    headers = [t("kind", lang), t("label", lang), t("value", lang), t("source", lang)]
    return pd.DataFrame(rows, columns=headers)


NOTE_TOPICS = ("oddity", "reading", "derivation")


def notes_frame(dataset: Dataset, lang: str, notes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Data notes (all, or the given rows) in topic order (oddity, reading, derivation) with their text in the
    reader's language and the figure each concerns (label, value, report section); fixed columns."""
    facts = dataset.facts.set_index("fact_id")
    order = {topic: i for i, topic in enumerate(NOTE_TOPICS)}
    notes = dataset.notes if notes is None else notes
    notes = notes.assign(_order=notes["topic"].map(order)).sort_values("_order", kind="stable")
    rows = []
    for _, row in notes.iterrows():
        fact_id = row["fact_id"] if isinstance(row["fact_id"], str) and row["fact_id"] in facts.index else ""
        fact = facts.loc[fact_id] if fact_id else None
        rows.append({
            "note_id": row["note_id"],
            "topic": row["topic"],
            "text": pick(row, "text", lang),
            "paragraph_id": row["paragraph_id"] if isinstance(row["paragraph_id"], str) else "",
            "fact_id": fact_id,
            "fact_label": pick(fact, "label", lang) if fact is not None else "",
            "fact_value": format_value(fact["value"], fact["unit"], lang, fact["qualifier"], fact["period"])
            if fact is not None else "",
            "fact_section": int(fact["section"]) if fact is not None else None,
        })
    return pd.DataFrame(rows, columns=["note_id", "topic", "text", "paragraph_id", "fact_id", "fact_label",
                                       "fact_value", "fact_section"])


def table_list(dataset: Dataset) -> pd.DataFrame:
    """The data tables and their row counts, in package order (name, rows)."""
    counts = dataset.row_counts()
    return pd.DataFrame({"name": list(counts), "rows": list(counts.values())})


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


def section_people(dataset: Dataset, honours: pd.DataFrame) -> pd.DataFrame:
    """People named in the given honours."""
    return dataset.people[dataset.people["person_id"].isin(honours["person_id"].dropna())]


def intersection_paragraphs(dataset: Dataset, found) -> list[str]:
    """For a school and a program together: only the paragraphs cited by rows concerning both (not every
    paragraph naming the school), in report order. `found` is a filters.Mentions."""
    cited: set[str] = set()
    for frame in (found.facts, found.projects, found.honours, found.events, found.school_programs):
        cited |= set(frame["paragraph_id"].dropna())
    return [pid for pid in dataset.paragraphs["paragraph_id"] if pid in cited]


# Column names of prepared frames, shown to readers in their language (ids keep their names).
DISPLAY_COLUMNS = {
    "label": "label", "value_text": "value", "period_text": "period", "kind_text": "kind", "paragraph_id": "paragraph",
    "school": "filter_school", "role": "role", "level": "level", "quote": "source", "name": "label",
    "township": "township", "status_text": "status", "title": "events", "date_full": "date", "date_text": "date",
    "measure": "label", "part": "recipient", "share_text": "share_of_total",
}


# Columns that hold ids: kept in downloads (a maintainer joins tables on them), never shown to readers.
ID_COLUMNS = ("id", "fact_id", "program_id", "school_id", "project_id", "event_id", "honour_id", "person_id",
              "note_id", "term_id", "township_code", "metric")


def without_ids(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame as a reader sees it: without its id columns."""
    return frame.drop(columns=[column for column in ID_COLUMNS if column in frame.columns])


def display_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A prepared frame with reader-facing column names in the reader's language."""
    names = {column: t(key, lang) for column, key in DISPLAY_COLUMNS.items() if column in frame.columns}
    return frame.rename(columns=names)
