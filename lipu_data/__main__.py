"""Command line: `python -m lipu_data validate [DATA_DIR]` checks the data; `python -m lipu_data briefing ...` writes a PDF."""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

from .load import load_dataset
from .model import DEFAULT_DATA_DIR, DataValidationError

USAGE = ("usage: python -m lipu_data validate [DATA_DIR]\n  (DATA_DIR defaults to the shipped data: {})\n"
         "   or: python -m lipu_data briefing [--lang zh|en] [--section N | --all] [--school ID] [--program ID]"
         " [--level ID] -o FILE.pdf")


def briefing_main(args: list[str]) -> int:
    """Write one briefing PDF; exit 0 with the file, 2 with one line for an unknown section or id, 1 if it
    cannot be built (the reason on stderr)."""
    from .briefing import BriefingError, BriefingRequest, BriefingRequestError, DEFAULT_BASE_URL, build_briefing

    parser = argparse.ArgumentParser(prog="python -m lipu_data briefing",
                                     description="Write a print-ready PDF briefing of a section, a school or "
                                                 "programme, or the whole report.")
    parser.add_argument("--lang", default="zh", help="zh (default) or en")
    scope = parser.add_mutually_exclusive_group()
    scope.add_argument("--section", type=int, help="report section 1-7")
    scope.add_argument("--all", action="store_true", help="the whole report")
    parser.add_argument("--school", help="school id (a section's filter, or a school fact sheet without --section)")
    parser.add_argument("--program", help="programme id (a section's filter, or a programme fact sheet)")
    parser.add_argument("--level", help="education level id (sections 3 and 4)")
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR, help="data directory (default: data/)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the PDF file to write")
    options = parser.parse_args(args)
    if options.section is not None:
        kind = "section"
    elif options.all:
        kind = "report"
    elif options.school or options.program:
        kind = "explorer"
    else:
        print("briefing: choose --section N, --all, or --school/--program for a fact sheet", file=sys.stderr)
        return 2
    request = BriefingRequest(kind, options.lang, options.section, options.school, options.program, options.level,
                              base_url=os.environ.get("LIPU_PUBLIC_URL", "").strip() or DEFAULT_BASE_URL)
    try:
        dataset = load_dataset(options.data_dir)
        pdf = build_briefing(dataset, request)
    except BriefingRequestError as error:
        print(f"briefing: {error}", file=sys.stderr)
        return 2
    except DataValidationError as error:
        print(f"briefing: the data is not valid ({len(error.problems)} problem(s)); run python -m lipu_data validate",
              file=sys.stderr)
        return 1
    except BriefingError as error:
        print(f"briefing: {error}", file=sys.stderr)
        return 1
    options.output.write_bytes(pdf)
    print(f"wrote {options.output} ({len(pdf)} bytes)")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 valid, 1 problems, 2 usage)."""
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] == "briefing":
        return briefing_main(args[1:])
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
