"""Repeated timing for the benchmarks: a call's median and worst wall time over N runs, and its last result."""

from __future__ import annotations

import statistics
import time
from typing import Callable, TypeVar

Result = TypeVar("Result")


def repeat_timed(call: Callable[[], Result], reps: int) -> tuple[float, float, Result]:
    """(median s, max s, last result) of `reps` calls of `call`, timed with perf_counter."""
    times, result = [], None
    for _ in range(reps):
        start = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - start)
    return statistics.median(times), max(times), result
