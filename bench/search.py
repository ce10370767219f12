"""Benchmark: how long one search takes on the server, at 1x and 100x the data (target: under 100 ms at 100x).

Run: .venv/bin/python -m bench.search [--reps N] [--out bench/search_result.md]. The index is built once per data
version (timed separately); each query is timed as /search runs it. bench/run.py puts the result into
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime
import os
import tempfile
import time
from pathlib import Path

from harness.make_scaled_data import make_scaled_data
from bench.timing import repeat_timed
from lipu_data import load_dataset
from lipu_data.search import build_index, search

QUERIES = ("职校", "课后服务", "after-school", "468", "double reduction", "荔浦中学", "vocatonal centre",
           "Binjang primary", "学生资助", "qqqzzz")


def time_queries(index, reps: int) -> list[tuple[str, float, float, int]]:
    rows = []
    for query in QUERIES:
        median, worst, hits = repeat_timed(lambda: search(index, query), reps)
        rows.append((query, median * 1000, worst * 1000, len(hits)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("search_result.md"))
    args = parser.parse_args()
    started = datetime.datetime.now(datetime.timezone.utc)
    lines = [f"Run {started:%Y-%m-%d %H:%M} UTC: `.venv/bin/python -m bench.search --reps {args.reps}` (median of "
             f"{args.reps}; load average at start {os.getloadavg()[0]:.1f}). Target: under 100 ms a query at 100x.", "",
             "| data | query | median ms | max ms | results |", "|---|---|---:|---:|---:|"]
    with tempfile.TemporaryDirectory() as folder:
        for factor in (1, 100):
            data_dir = make_scaled_data(factor, Path(folder) / f"x{factor}") if factor > 1 else None
            dataset = load_dataset(data_dir) if data_dir else load_dataset()
            start = time.perf_counter()
            index = build_index(dataset)
            lines.append(f"| {factor}x | (index build, once per data version) | {(time.perf_counter() - start) * 1000:.0f} | | {len(index.rows)} rows |")
            for query, median, worst, count in time_queries(index, args.reps):
                lines.append(f"| {factor}x | {query} | {median:.1f} | {worst:.1f} | {count} |")
    text = "\n".join(lines) + "\n"
    args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
