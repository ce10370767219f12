"""Command line: `python -m lipu_data validate [DATA_DIR]` checks a data directory and reports every problem."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from .load import load_dataset
from .model import DEFAULT_DATA_DIR, DataValidationError

USAGE = "usage: python -m lipu_data validate [DATA_DIR]\n  (DATA_DIR defaults to the shipped data: {})"


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 valid, 1 problems, 2 usage)."""
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] != "validate" or len(args) > 2:
        print(USAGE.format(DEFAULT_DATA_DIR), file=sys.stderr)
        return 2
    data_dir = Path(args[1]) if len(args) == 2 else DEFAULT_DATA_DIR
    try:
        dataset = load_dataset(data_dir)
    except DataValidationError as error:
        for problem in error.problems:
            print(problem)
        files = len({problem.file for problem in error.problems})
        print(f"{len(error.problems)} problem(s) in {files} file(s) under {data_dir}", file=sys.stderr)
        return 1
    rows = ", ".join(f"{name} {count}" for name, count in dataset.row_counts().items())
    sections = Counter(int(section) for section in dataset.facts["section"])
    per_section = ", ".join(f"s{section} {count}" for section, count in sorted(sections.items()))
    print(f"OK {data_dir}: {rows}; facts per section: {per_section}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
