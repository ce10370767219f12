"""Numbers, money, dates, periods and units as a reader of each language writes them (no streamlit).

What a unit looks like on screen (its suffix, its axis title, which rule writes its numbers) is a row of
data/units.csv, read into `UnitFormats` with the dataset (`Dataset.unit_formats`) and passed in: a new unit
is a new row, and a test's data directory brings its own units. The rules themselves (a `style`) live here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType
from typing import Any, Mapping

import pandas as pd

MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# The rules a unit's `style` (units.csv) names: how its numbers are written, whatever its suffix.
STYLES = ("number", "wan_yuan", "yuan", "percent", "rank", "date")


@dataclass(frozen=True)
class UnitFormat:
    """How one unit is written: the rule (`style`), the word after a number and the axis title, per language."""

    unit_id: str
    style: str = "number"
    suffix_zh: str = ""
    suffix_en: str = ""
    axis_title_zh: str = ""
    axis_title_en: str = ""

    def suffix(self, lang: str) -> str:
        return self.suffix_zh if lang == "zh" else self.suffix_en

    def axis_title(self, lang: str) -> str:
        """The unit as an axis title ("金额（万元）", "Amount (million yuan)"); its id where the table has none."""
        return (self.axis_title_zh if lang == "zh" else self.axis_title_en) or self.unit_id


class UnitFormats:
    """Every unit's format by id (read only). A unit the table lacks is written as a plain number."""

    def __init__(self, formats: Mapping[str, UnitFormat]):
        self._formats = MappingProxyType(dict(formats))

    @classmethod
    def from_table(cls, units: pd.DataFrame) -> UnitFormats:
        """From the units table (columns unit_id, style, suffix_zh/en, axis_title_zh/en; empty cells are "")."""
        def text(value: Any) -> str:
            return value if isinstance(value, str) else ""
        return cls({row.unit_id: UnitFormat(row.unit_id, text(row.style) or "number", text(row.suffix_zh),
                                            text(row.suffix_en), text(row.axis_title_zh), text(row.axis_title_en))
                    for row in units.itertuples()})

    def __getitem__(self, unit_id: str) -> UnitFormat:
        found = self._formats.get(unit_id)
        return found if found is not None else UnitFormat(str(unit_id))

    def __contains__(self, unit_id: object) -> bool:
        return unit_id in self._formats

    def __iter__(self):
        return iter(self._formats)

    def __len__(self) -> int:
        return len(self._formats)


def _plain_number(value: float) -> str:
    """Write a number without float noise or trailing zeros (1666.71325 stays 1666.71325)."""
    return format(Decimal(repr(float(value))).normalize(), "f")


def _grouped(value: float, lang: str) -> str:
    """Group thousands for English readers; Chinese reports write plain digits."""
    text = _plain_number(value)
    if lang != "en":
        return text
    whole, _, fraction = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    grouped = f"{int(whole):,}"
    return f"{sign}{grouped}.{fraction}" if fraction else f"{sign}{grouped}"


def format_date(period: str, lang: str) -> str:
    """A date of year, month or day precision, written for the language."""
    parts = [int(p) for p in str(period).split("-")]
    if lang == "zh":
        suffixes = ("年", "月", "日")
        return "".join(f"{p}{s}" for p, s in zip(parts, suffixes))
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return f"{MONTHS_EN[parts[1] - 1]} {parts[0]}"
    return f"{parts[2]} {MONTHS_EN[parts[1] - 1]} {parts[0]}"


def format_period(period: str, lang: str) -> str:
    """A period: a year, an as-of month, a date or a span YYYY/YYYY."""
    period = str(period)
    if "/" in period:
        start, end = period.split("/")
        return f"{start}—{end}年" if lang == "zh" else f"{start}–{end}"
    return format_date(period, lang)


def ordinal(number: int) -> str:
    """An English ordinal: 1st, 2nd, 3rd, 11th, 27th, 37th."""
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th')}"


def _money(yuan: Decimal, lang: str) -> str:
    """Yuan, exact: whole yuan as an integer, anything finer to the fen (two decimals, as money is written),
    never rounded (a value finer than the fen keeps its digits)."""
    yuan = yuan.normalize()
    decimals = max(0, -yuan.as_tuple().exponent)
    if decimals:
        yuan = yuan.quantize(Decimal(1).scaleb(-max(2, decimals)))
    text = format(yuan, "f")
    if lang != "en":
        return text
    whole, _, fraction = text.partition(".")
    return f"{int(whole):,}" + (f".{fraction}" if fraction else "")


def _spaced(suffix: str) -> str:
    """A unit word after a number, one space apart (none for a unit without a word)."""
    return f" {suffix}" if suffix else ""


def _lower_bound(number: str, value: float, suffix: str, lang: str) -> str:
    """A lower bound as the report writes it in Chinese (150多人; 超20万 for whole ten-thousands) and as an
    English reader writes it ("more than 150"; "over 200,000")."""
    large = value >= 10000 and value % 10000 == 0
    if lang == "zh":
        return f"超{_plain_number(value / 10000)}万{suffix}" if large else f"{number}多{suffix}"
    return f"{'over' if large else 'more than'} {number}{_spaced(suffix)}"


def format_value(value: float | None, unit: UnitFormat, lang: str, qualifier: str = "exact", period: str = "") -> str:
    """A figure as a native reader writes it: '2232.08 万元' / '22,320,800 yuan', '150多人' / 'more than 150',
    '第27名' / '27th', '≈2159', dates; the unit's suffix comes from its row of units.csv.

    Amounts in 万元 are exact in English too: converted to yuan by shifting the decimal point (no rounding)
    and written to the fen where they have a fraction (1666.71325 万元 = 16,667,132.50 yuan). Yuan amounts
    with a fraction are written to the fen in both languages, so 9341.80 keeps its written zero.
    """
    style = unit.style
    if style == "date":
        return format_date(period, lang)
    if value is None or value != value:
        return "—"
    at_least = qualifier == "at_least"
    approx = "≈" if qualifier == "estimate" else ""
    suffix = unit.suffix(lang)
    if style in ("wan_yuan", "yuan"):
        if style == "wan_yuan" and lang == "zh":
            number = _plain_number(value)
            return f"{number}多{suffix}" if at_least else f"{approx}{number}{_spaced(suffix)}"
        amount = Decimal(repr(float(value)))
        yuan = amount * 10000 if style == "wan_yuan" else amount
        number = _money(yuan, lang)
        if at_least:
            return _lower_bound(number, float(yuan), suffix, lang)
        return f"{approx}{number}{_spaced(suffix)}"
    number = _grouped(value, lang)
    if style == "percent":
        if at_least:
            return f"{number}{suffix}以上" if lang == "zh" else f"more than {number}{suffix}"
        return f"{approx}{number}{suffix}"
    if style == "rank":
        return f"第{number}{suffix}" if lang == "zh" else ordinal(int(value))
    if at_least:
        return _lower_bound(number, value, suffix, lang)
    return f"{approx}{number}{_spaced(suffix)}"


def format_fact(row: Mapping[str, Any], units: UnitFormats, lang: str) -> str:
    """A fact row's value as `format_value` writes it (value, unit, qualifier and period of the row)."""
    return format_value(row["value"], units[row["unit"]], lang, row["qualifier"], row["period"])


def unit_axis_title(unit: UnitFormat, lang: str) -> str:
    """The unit as an axis title."""
    return unit.axis_title(lang)


def chart_value(value: float, unit: UnitFormat, lang: str) -> float:
    """The number a chart plots: 万元 become millions of yuan in English (÷100), as the axis says."""
    if unit.style == "wan_yuan" and lang == "en":
        return float(Decimal(repr(float(value))) / Decimal(100))
    return float(value)
