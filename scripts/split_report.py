"""Splits a report text into addressable paragraphs (data/paragraphs.csv rows) for a maintainer to review.

Usage: python scripts/split_report.py data/report/lipu-education-2024.txt 2024 >> data/paragraphs.csv
Every non-empty line becomes one paragraph, verbatim. Sections open with "一、" .. "七、"; subsections
with "（一）" ..; the title and preface are section 0, the text after section 七 that closes the
report is section 8 (its first line after the last section's body is found by hand: check the output).
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

CHINESE_DIGITS = "一二三四五六七八九十"
SECTION_HEADING = re.compile(rf"^([{CHINESE_DIGITS}])、")
SUBSECTION_HEADING = re.compile(rf"^（([{CHINESE_DIGITS}])）")


def split_paragraphs(text: str, year: int) -> list[dict[str, object]]:
    """Return one row per non-empty line, with section, subsection and number assigned."""
    rows: list[dict[str, object]] = []
    section, subsection, number = 0, 0, 0
    for line in text.splitlines():
        if not line.strip():
            continue
        role = "body"
        if (match := SECTION_HEADING.match(line)) is not None:
            section, subsection, number = CHINESE_DIGITS.index(match.group(1)) + 1, 0, 0
            role = "heading"
        elif (match := SUBSECTION_HEADING.match(line)) is not None:
            subsection, number = CHINESE_DIGITS.index(match.group(1)) + 1, 0
            # A short line is a heading of its own; a long one is a body paragraph opening with its number.
            if len(line) <= 30:
                role = "heading"
            else:
                number = 1
        elif not rows:
            role = "heading"  # the report's title
        else:
            number += 1
        suffix = "h" if role == "heading" else f"p{number}"
        paragraph_id = f"{year}-s{section}-{subsection}-{suffix}" if subsection else f"{year}-s{section}-{suffix}"
        rows.append({"paragraph_id": paragraph_id, "year": year, "section": section,
                     "subsection": subsection, "number": 0 if role == "heading" else number,
                     "role": role, "text": line})
    return rows


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    rows = split_paragraphs(Path(argv[1]).read_text(encoding="utf-8"), int(argv[2]))
    writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writerows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
