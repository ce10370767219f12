"""Synthetic data FACTOR times the 2023 report, valid under `python -m lipu_data validate`, for scale tests and benchmarks.

    .venv/bin/python -m harness.make_scaled_data 10 /tmp/lipu-10x

Copy k (k = 0..FACTOR-1) is the 2023 report published again as year 2023+k: same text (a new file
report/lipu-education-<year>.txt), paragraph ids with the year prefix shifted, facts, honours,
events, projects, school links and notes with ids suffixed `_y<year>`, periods and dates shifted by
k years (so every metric gets FACTOR periods, as year-over-year data would), and its own copies of
the schools, people and programs (ids suffixed `_y<year>`, names marked "(copy <year>)"), so filter
option lists grow too. Levels, townships, units, the terminology and the chart tables stay as they are. Copy 0 is the shipped
data unchanged, so every row count is exactly FACTOR times the original (levels, townships, units, terms
aside).

Never written into data/: the output directory must not be the shipped data directory.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SOURCE = REPO_ROOT / "data"
BASE_YEAR = 2023
# One vocabulary, not one per year: a glossary, and what the pages show (charts, their measures, page items).
FIXED_TABLES = ("units", "levels", "townships", "terms", "charts", "chart_metrics", "page_items")
_ID = re.compile(r"[a-z0-9][a-z0-9_]*")  # fact ids inside formulas ('-' is minus there)
_YEAR = re.compile(r"(?<![0-9])(\d{4})(?![0-9])")


def _read(name: str) -> tuple[list[str], list[dict[str, str]]]:
    with (SOURCE / f"{name}.csv").open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write(out: Path, name: str, header: list[str], rows: list[dict[str, str]]) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (out / f"{name}.csv").write_text(buffer.getvalue(), encoding="utf-8")


def _shift_years(text: str, k: int) -> str:
    """Every 4-digit year in a period/date shifted by k ('2021/2023' -> '2022/2024')."""
    return _YEAR.sub(lambda m: str(int(m.group(1)) + k), text) if text else text


class _Copy:
    """Id mapping for copy k (k = 0 is the original: every id maps to itself)."""

    def __init__(self, k: int):
        self.k = k
        self.year = BASE_YEAR + k

    def ident(self, value: str) -> str:
        return f"{value}_y{self.year}" if value and self.k else value

    def paragraph(self, value: str) -> str:
        if not value or not self.k:
            return value
        prefix, _, rest = value.partition("-")
        return f"{int(prefix) + self.k}-{rest}" if prefix.isdigit() else f"{value}-y{self.year}"

    def formula(self, value: str) -> str:
        # Numbers in a formula start with a digit and are kept; fact ids start with a letter.
        return _ID.sub(lambda m: self.ident(m.group(0)) if not m.group(0)[0].isdigit() else m.group(0), value)

    def name(self, value: str) -> str:
        return f"{value} (copy {self.year})" if value and self.k else value


def _copy_rows(name: str, rows: list[dict[str, str]], copy: _Copy) -> list[dict[str, str]]:
    out = []
    for source in rows:
        row = dict(source)
        if "report_year" in row:
            row["report_year"] = str(copy.year)
        if "paragraph_id" in row:
            row["paragraph_id"] = copy.paragraph(row["paragraph_id"])
        for column in ("school_id", "program_id", "person_id", "fact_id", "agrees_with"):
            if column in row:
                row[column] = copy.ident(row[column])
        if name == "reports":
            row["year"] = str(copy.year)
            row["text_path"] = f"report/lipu-education-{copy.year}.txt"
        elif name == "paragraphs":
            row["year"] = str(copy.year)
        elif name == "schools":
            row["name_zh"], row["name_en"] = copy.name(row["name_zh"]), copy.name(row["name_en"])
        elif name in ("programs", "people"):
            row["name_zh"], row["name_en"] = copy.name(row["name_zh"]), copy.name(row["name_en"])
        elif name == "facts":
            row["formula"] = copy.formula(row["formula"])
            # A date fact given as a bare year must find that year in its quote: keep it. A month or a
            # day may leave the report's own year unsaid, so those shift with the report.
            if not (row["unit"] == "date" and len(row["period"]) == 4):
                row["period"] = _shift_years(row["period"], copy.k)
        elif name == "events":
            row["date"] = _shift_years(row["date"], copy.k)
            row["event_id"] = copy.ident(row["event_id"])
        elif name == "honours":
            row["honour_id"] = copy.ident(row["honour_id"])
            row["year"] = _shift_years(row["year"], copy.k)
        elif name == "projects":
            row["project_id"] = copy.ident(row["project_id"])
        elif name == "notes":
            row["note_id"] = copy.ident(row["note_id"])
        out.append(row)
    return out


def make_scaled_data(factor: int, out_dir: str | Path) -> Path:
    """Write data `factor` times the shipped report into `out_dir` (created; must not be data/)."""
    if factor < 1:
        raise ValueError("factor must be >= 1")
    out = Path(out_dir).resolve()
    if out == SOURCE.resolve() or SOURCE.resolve() in out.parents:
        raise ValueError(f"refusing to write synthetic data into {SOURCE}")
    out.mkdir(parents=True, exist_ok=True)
    (out / "report").mkdir(exist_ok=True)
    descriptor = json.loads((SOURCE / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["title"] = f"{descriptor.get('title', 'Lipu education report')} (synthetic, {factor}x)"
    (out / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    reports_header, reports = _read("reports")
    texts = {row["year"]: (SOURCE / row["text_path"]).read_text(encoding="utf-8-sig") for row in reports}
    for resource in descriptor["resources"]:
        name = resource["name"]
        header, rows = _read(name)
        if name in FIXED_TABLES:
            shutil.copyfile(SOURCE / resource["path"], out / resource["path"])
            continue
        scaled = []
        for k in range(factor):
            scaled += _copy_rows(name, rows, _Copy(k))
        _write(out, name, header, scaled)
    for k in range(factor):
        for year, text in texts.items():
            (out / "report" / f"lipu-education-{int(year) + k}.txt").write_text(text, encoding="utf-8")
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not argv[0].isdigit():
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    out = make_scaled_data(int(argv[0]), argv[1])
    print(f"wrote {argv[0]}x data to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
