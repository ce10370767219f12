"""Benchmarks: the baseline and peer apps, the bench runner, soak, React work counts, briefing and search timings (shared tools live in harness/)."""
