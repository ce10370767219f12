"""Benchmark: how long a briefing PDF takes to build, warm (section, fact sheet, whole report), and its page count.

Run: .venv/bin/python -m bench.briefing [--reps N] [--out bench/briefing_result.md]. Writes a markdown section
that bench/run.py puts into docs/benchmarks.md (and prints it). "Warm" means
the process has loaded the data and started the chart renderer once (the app's server is warm after its first
PDF); the app also caches each built PDF per data version, language and filters, so a repeat is a cache hit.
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
from pathlib import Path

from pypdf import PdfReader

from bench.timing import repeat_timed
from lipu_data import load_dataset
from lipu_data.briefing import BriefingRequest, build_briefing

CASES = [
    *(BriefingRequest("section", lang, section) for lang in ("zh", "en") for section in range(1, 8)),
    BriefingRequest("section", "zh", 4, program="student_aid"),
    BriefingRequest("explorer", "zh", school="vocational_center"),
    BriefingRequest("explorer", "en", program="student_aid"),
    BriefingRequest("report", "zh"),
    BriefingRequest("report", "en"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("briefing_result.md"))
    args = parser.parse_args()
    reps = args.reps
    started = datetime.datetime.now(datetime.timezone.utc)
    load = os.getloadavg()[0]
    dataset = load_dataset()
    build_briefing(dataset, CASES[0])  # warm-up: the chart renderer's engine starts on its first chart
    lines = [f"Run {started:%Y-%m-%d %H:%M} UTC: `.venv/bin/python -m bench.briefing --reps {reps}` (median of {reps} "
             f"builds each, warm, in one process; load average at start {load:.1f}). A repeat of the same view in the "
             "app is a cache hit (per data version, language and filters).", "",
             "| briefing | lang | pages | median s | max s | target |", "|---|---|---:|---:|---:|---|"]
    for request in CASES:
        median, worst, pdf = repeat_timed(lambda: build_briefing(dataset, request), reps)
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        target = 6.0 if request.scope == "report" else 2.0
        name = request.file_name(2023).removeprefix("lipu-2023-").removesuffix(f"-{request.lang}.pdf")
        lines.append(f"| {name} | {request.lang} | {pages} | {median:.2f} | {worst:.2f} | "
                     f"< {target:.0f} s {'met' if median < target else 'NOT met'} |")
    text = "\n".join(lines) + "\n"
    args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
