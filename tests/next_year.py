"""Builds a data directory with a (fictitious) 2024 report: data/ plus the rows of tests/fixtures/report_2024.

    python -m tests.next_year /tmp/lipu-2024          # prints the directory it built
    LIPU_DATA_DIR=/tmp/lipu-2024 ./scripts/run.sh      # the app on the 2024 data

The fixture is an overlay, not a copy of data/ (a copy would drift from it): each CSV at its top level has the
header of the data/ table of the same name and only the rows a maintainer adds for a new year; each CSV in
`edited/` holds rows of data/ a maintainer changes (found by the table's primary key, replaced whole); files
under `report/` are new report texts. Everything else is data/ as it is. Never written into data/.
"""

from __future__ import annotations

import csv
import json
import shutil
import sys
from pathlib import Path

from lipu_data import DEFAULT_DATA_DIR

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "report_2024"


def _lines(path: Path) -> list[str]:
    # Cells of data/ never hold a line break (validation refuses them), so a line is a row.
    return path.read_text(encoding="utf-8-sig").splitlines()


def _row(line: str) -> list[str]:
    return next(csv.reader([line]))


def _primary_keys(data_dir: Path) -> dict[str, list[str]]:
    """File name -> the columns of its primary key, as datapackage.json states them."""
    descriptor = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    keys = {}
    for resource in descriptor["resources"]:
        key = resource["schema"]["primaryKey"]
        keys[resource["path"]] = [key] if isinstance(key, str) else list(key)
    return keys


def _overlay_rows(overlay: Path, target: Path) -> tuple[list[str], list[str]]:
    """The overlay's header and rows, after checking the header is the target table's."""
    if not target.is_file():
        raise ValueError(f"{overlay.name}: no table of that name in the data directory")
    header, *rows = _lines(overlay)
    if _row(header) != _row(_lines(target)[0]):
        raise ValueError(f"{overlay}: header differs from {target.name}'s")
    return header, [row for row in rows if row.strip()]


def append_rows(overlay: Path, target: Path) -> int:
    """Append the overlay's rows to the table `target` (same header); returns how many."""
    _, rows = _overlay_rows(overlay, target)
    text = target.read_text(encoding="utf-8")
    if text and not text.endswith("\n"):
        text += "\n"
    target.write_text(text + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    return len(rows)


def replace_rows(overlay: Path, target: Path, key: list[str]) -> int:
    """Replace the rows of `target` whose primary key equals an overlay row's; every overlay row must match one."""
    header, rows = _overlay_rows(overlay, target)
    columns = _row(header)
    positions = [columns.index(column) for column in key]
    edits = {tuple(_row(row)[i] for i in positions): row for row in rows}
    lines = _lines(target)
    found = set()
    for number, line in enumerate(lines[1:], start=1):
        row_key = tuple(_row(line)[i] for i in positions)
        if row_key in edits:
            lines[number] = edits[row_key]
            found.add(row_key)
    if missing := set(edits) - found:
        raise ValueError(f"{overlay}: no row of {target.name} has the key {sorted(missing)}")
    target.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return len(edits)


def build_2024_data(target: str | Path, fixture: Path = FIXTURE) -> Path:
    """Copy data/ to `target` (which must not exist) and add the fixture's 2024 report; returns `target`."""
    target = Path(target).resolve()
    if target == DEFAULT_DATA_DIR.resolve() or target.exists():
        raise ValueError(f"{target}: give a new directory (never data/ itself)")
    shutil.copytree(DEFAULT_DATA_DIR, target)
    keys = _primary_keys(target)
    for edited in sorted((fixture / "edited").glob("*.csv")):
        replace_rows(edited, target / edited.name, keys[edited.name])
    for overlay in sorted(fixture.glob("*.csv")):
        append_rows(overlay, target / overlay.name)
    for text in sorted((fixture / "report").glob("*.txt")):
        shutil.copy2(text, target / "report" / text.name)
    return target


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tests.next_year <new directory>", file=sys.stderr)
        return 2
    try:
        print(build_2024_data(argv[0]))
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
