"""Find the numbers a Chinese passage writes, in Arabic digits or Chinese numerals.

The validator uses this to check that a stated figure really occurs in its quote. The reading is
deliberately simple and generous: a passage "contains" every number any plausible reading of it
gives, because a false alarm costs a maintainer more time than the rare false pass it prevents.

Rules:
- Arabic numbers, with optional ASCII thousands commas and decimals: "1,633", "1666.71325",
  "75.64%" (a percentage gives its number as written: 75.64). "1,633" also gives 1 and 633, since
  an ASCII comma may separate two numbers as well.
- Full-width digits are read like ASCII digits.
- A number directly followed by 万 also counts ×10,000: "20万" → {20, 200000}.
- Chinese numerals 零〇0 一1 二2 两2 三3 四4 五5 六6 七7 八8 九9 十10 百100 千1000: every single
  character counts on its own, and a run of them also counts as a compound number when it is one:
  十二 → 12, 二十 → 20, 三百零五 → 305, 一千二百 → 1200. A run that is not a well-formed compound
  (e.g. 一二) only gives its single characters. A run followed by 万 also counts ×10,000.
"""

from __future__ import annotations

import math
import re

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
           "八": 8, "九": 9}
_MULTIPLIERS = {"十": 10, "百": 100, "千": 1000}
_CHINESE_CHARS = "".join(_DIGITS) + "".join(_MULTIPLIERS)

_ARABIC = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(万)?")
_CHINESE = re.compile(f"([{_CHINESE_CHARS}]+)(万)?")
# The full-width comma is punctuation in Chinese text, never a thousands separator.
_FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")
_HAS_FULLWIDTH = re.compile("[０-９．]")
_VALUES = {char: float(value) for char, value in {**_DIGITS, **_MULTIPLIERS}.items()}

TEN_THOUSAND = 10_000


def _compound(run: str) -> int | None:
    """Value of a well-formed Chinese numeral below 10,000, or None if `run` is not one."""
    total = 0
    digit: int | None = None
    last_multiplier = 10_000
    pending_zero = False
    for char in run:
        if char in _DIGITS:
            value = _DIGITS[char]
            if digit is not None:
                return None  # two digits in a row: a list like 一二, not a compound
            if value == 0:
                pending_zero = True
                continue
            digit = value
        else:
            multiplier = _MULTIPLIERS[char]
            if multiplier >= last_multiplier:
                return None  # 十百, 百百: multipliers must fall
            if digit is None:
                if multiplier != 10 or total:
                    return None  # a bare 十 only opens a number (十二 = 12)
                digit = 1
            total += digit * multiplier
            last_multiplier = multiplier
            digit = None
            pending_zero = False
    if digit is not None:
        total += digit
    elif pending_zero:
        return None
    if total == 0 and any(char not in "零〇" for char in run):
        return None
    return total


def numbers_in_text(text: str) -> set[float]:
    """Every number the passage writes, read by the rules in this module's docstring."""
    if _HAS_FULLWIDTH.search(text):
        text = text.translate(_FULLWIDTH)
    found: set[float] = set()
    for match in _ARABIC.finditer(text):
        integer_part = match.group(1)
        number = float(integer_part.replace(",", "") + ("." + match.group(2) if match.group(2) else ""))
        found.add(number)
        if "," in integer_part:
            found |= {float(piece) for piece in integer_part.split(",")}
        if match.group(3):
            found.add(number * TEN_THOUSAND)
    for match in _CHINESE.finditer(text):
        run = match.group(1)
        if len(run) == 1 and not match.group(2):
            found.add(_VALUES[run])  # the common case, kept cheap: validation reads every quote
            continue
        values = {_VALUES[char] for char in run}
        compound = _compound(run)
        if compound is not None:
            values.add(float(compound))
        found |= values
        if match.group(2):
            found |= {value * TEN_THOUSAND for value in values}
    return found


def text_has_number(text: str, value: float) -> bool:
    """Whether `value` is one of the numbers in `text`, allowing float noise."""
    return any(math.isclose(value, number, rel_tol=1e-9, abs_tol=1e-9) for number in numbers_in_text(text))
