"""Where a figure comes from, in the reader's language: figure cards, the source tooltip, formulas (no streamlit)."""

from __future__ import annotations

import re
from decimal import Decimal
from dataclasses import dataclass
from urllib.parse import urlencode

import pandas as pd

from lipu_data.derive import formula_inputs
from lipu_data.formatting import UnitFormats, format_period, format_value
from lipu_data.i18n import localized_names, pick, t
from lipu_data.markdown import escape_markdown
from lipu_data.metrics import latest_before
from lipu_data.periods import period_sort_key
from lipu_data.report_text import terms_markdown


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


def figure_cards(shown: pd.DataFrame, all_facts: pd.DataFrame, lang: str, *, units: UnitFormats,
                 terms: pd.DataFrame | None = None) -> list[FigureCard]:
    """The cards of `shown` facts: value, change over the same metric's previous period in `all_facts`
    (same unit, never for dates), and the source tooltip, ending with the definitions of the `terms` its
    Chinese label uses. One pass over the metrics shown, so a page of dozens of cards stays cheap at 100x
    the data."""
    history = dict(tuple(all_facts[all_facts["metric"].isin(set(shown["metric"]))].groupby("metric", sort=False)))
    cards = []
    for _, row in shown.iterrows():
        delta = None
        unit = units[row["unit"]]
        previous = latest_before(history.get(row["metric"]), row)
        # A change between lower bounds (500多 → 600多) is not known: no badge rather than a precise claim.
        if (previous is not None and previous["unit"] == row["unit"]
                and "at_least" not in (row["qualifier"], previous["qualifier"])):
            # In decimal, as written: 2517.36 - 2232.08 is 285.28, not 285.2800000000002.
            change = float(Decimal(repr(float(row["value"]))) - Decimal(repr(float(previous["value"]))))
            change_text = format_value(abs(change), unit, lang, "exact", row["period"])
            since = comparison_text(row, previous, lang)
            delta = f"{'+' if change >= 0 else '-'}{change_text} {since}"
        name = escape_markdown(pick(row, "label", lang))
        label = f"{name} · {kind_text(row, lang)}" if row["kind"] == "derived" else name
        cards.append(FigureCard(
            fact_id=row["fact_id"], label=label,
            value=format_value(row["value"], unit, lang, row["qualifier"], row["period"]), delta=delta,
            delta_color="off" if unit.style in ("rank", "date") else "normal",
            icon=":material/calculate:" if row["kind"] == "derived" else None,
            # The name first: a card one phone wide cuts a long one short ("Gaokao undergraduate (bachelor's)
            # admissi…"), and the tooltip is where a reader looks for more.
            source="\n\n".join(part for part in (f"**{name}**", provenance_markdown(row, all_facts, lang, units=units),
                                                   terms_markdown(row["label_zh"], terms, lang)) if part),
        ))
    return cards


def comparison_text(row: pd.Series, previous: pd.Series, lang: str) -> str:
    """What a card's change is measured against, saying only what the report says: where the earlier figure's
    year is ours (the same report says 近3年 "the last 3 years", not 2021), the span, not the year; otherwise the
    earlier period ("vs 2022", "vs 2023": an earlier report's own figure for its year)."""
    start, end = period_sort_key(previous["period"])[:4], period_sort_key(row["period"])[:4]
    quote = previous["quote"] if isinstance(previous["quote"], str) else ""
    same_report = previous["report_year"] == row["report_year"]
    if same_report and previous["kind"] == "stated" and start.isdigit() and end.isdigit() and start not in quote:
        return t("vs_span_start", lang, n=int(end) - int(start) + 1)
    if len(str(previous["period"])) == 4:
        return t("vs_year", lang, year=previous["period"])
    return t("vs_period", lang, period=format_period(previous["period"], lang))


def kind_text(row: pd.Series, lang: str) -> str:
    """'Stated', 'Derived' or 'Estimate' in the reader's language."""
    if row["kind"] == "derived":
        return t("estimate" if row["qualifier"] == "estimate" else "derived", lang)
    return t("stated", lang)


def provenance_markdown(row: pd.Series, facts: pd.DataFrame, lang: str, *, units: UnitFormats) -> str:
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
            labels = {name: label + (" (in 万元)" if units[indexed.loc[name, "unit"]].style == "wan_yuan" else "")
                      for name, label in labels.items()}
        parts.append(f"{escape_markdown(t('formula', lang))}: {escape_markdown(formula_text(row['formula'], labels))}")
        inputs = []
        for name in names:
            if name in indexed.index:
                source = indexed.loc[name]
                unit = units[source["unit"]]
                value = format_value(source["value"], unit, lang, source["qualifier"], source["period"])
                if unit.style == "wan_yuan" and lang == "en":
                    value = f"{format_value(source['value'], unit, 'zh')} = {value}"
                inputs.append(f"{escape_markdown(labels[name])} = {escape_markdown(value)}")
        if inputs:
            parts.append(f"{escape_markdown(t('inputs', lang))}:  \n" + "  \n".join(inputs))
    unit = units[row["unit"]]
    if unit.style == "wan_yuan" and lang == "en" and row["kind"] == "stated":
        # The card shows yuan; the report's own figure is in 万元 (units of 10,000 yuan): show both, exact.
        parts.append(escape_markdown(t("report_amount", lang, wan=format_value(row["value"], unit, "zh"),
                                       yuan=format_value(row["value"], unit, "en", row["qualifier"]))))
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
