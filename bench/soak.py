"""Soak: sessions open and close in waves for several minutes while the server's RSS is sampled (not in CI).

    .venv/bin/python bench/soak.py [MINUTES=5] [--wave 20] [--ttl 10] [--out bench/soak_result.md]

The server runs with a short `--server.disconnectedSessionTTL`, so a closed session is dropped after
TTL seconds and memory held by it should come back (or at least stop growing). Each wave opens
`--wave` websocket sessions over all pages, keeps them a few seconds, and closes them; RSS is sampled
every 10 s. The last third of the run (after the final wave's sessions expired) is compared with the
samples taken after the first wave: "flat" means the growth from the post-first-wave plateau to the
end is under 10% of the post-first-wave RSS.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import statistics
import sys
import threading
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

import psutil  # noqa: E402

from harness.ws_client import run_session  # noqa: E402
from lipu_data.sitemap import PAGES  # noqa: E402
from harness.serving import start_streamlit  # noqa: E402

QUERIES = ("lang=en", "lang=zh", "lang=en&level=preschool", "school=bogus", "")


def rss_mb(pid: int) -> float:
    return psutil.Process(pid).memory_info().rss / 2**20


async def wave(port: int, size: int, offset: int, hold: float) -> tuple[int, int]:
    targets = [(PAGES[(offset + i) % len(PAGES)].url_path, QUERIES[(offset + i) % len(QUERIES)]) for i in range(size)]
    opened = await asyncio.gather(*(run_session(port, page, query, keep_open=True, timeout=120) for page, query in targets))
    await asyncio.sleep(hold)
    for _, session in opened:
        await session.close()
    return sum(result.ok for result, _ in opened), size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("minutes", nargs="?", type=float, default=5.0)
    parser.add_argument("--wave", type=int, default=20)
    parser.add_argument("--ttl", type=int, default=10)
    parser.add_argument("--hold", type=float, default=5.0)
    parser.add_argument("--out", default=str(REPO_ROOT / "bench" / "soak_result.md"))
    args = parser.parse_args(argv)
    started = datetime.datetime.now(datetime.timezone.utc)
    duration = args.minutes * 60
    # Waves stop at two thirds of the run; the rest shows whether expired sessions give memory back.
    waves_until = duration * 2 / 3
    samples: list[tuple[float, float, str]] = []
    stop = threading.Event()
    with start_streamlit(extra_args=["--server.disconnectedSessionTTL", str(args.ttl)]) as server:
        pid = server.process.pid
        t0 = time.monotonic()
        phase = ["idle"]

        def sampler() -> None:
            while not stop.is_set():
                samples.append((time.monotonic() - t0, rss_mb(pid), phase[0]))
                print(f"{samples[-1][0]:6.0f} s  {samples[-1][1]:7.1f} MB  {phase[0]}", flush=True)
                stop.wait(10)

        thread = threading.Thread(target=sampler, daemon=True)
        thread.start()
        waves = ok = total = 0
        while time.monotonic() - t0 < waves_until:
            phase[0] = f"wave {waves + 1}"
            good, size = asyncio.run(wave(server.port, args.wave, waves * args.wave, args.hold))
            ok, total, waves = ok + good, total + size, waves + 1
            if waves == 1:
                after_first_wave_at = time.monotonic() - t0
        phase[0] = "quiet (sessions expiring)"
        while time.monotonic() - t0 < duration:
            time.sleep(1)
        stop.set()
        thread.join()
    first_plateau = [rss for at, rss, _ in samples if at >= after_first_wave_at + args.ttl + 5][:3] or [samples[-1][1]]
    tail = [rss for at, rss, _ in samples if at >= waves_until + args.ttl + 5] or [samples[-1][1]]
    reference, end = statistics.median(first_plateau), statistics.median(tail)
    growth = end - reference
    flat = growth < 0.10 * reference
    peak = max(rss for _, rss, _ in samples)
    lines = [
        f"Run {started:%Y-%m-%d %H:%M} UTC: `.venv/bin/python bench/soak.py {args.minutes:g} --wave {args.wave} "
        f"--ttl {args.ttl}` ({args.minutes:g} min, server `--server.disconnectedSessionTTL {args.ttl}`).",
        "",
        f"- {waves} waves of {args.wave} sessions (all pages, {len(QUERIES)} query strings), each held {args.hold:g} s "
        f"then closed; {ok}/{total} sessions finished without an exception.",
        f"- RSS: idle {samples[0][1]:.0f} MB, peak {peak:.0f} MB, after the first wave (median of 3 samples) "
        f"{reference:.0f} MB, in the quiet last third (sessions expired) {end:.0f} MB.",
        f"- Verdict: memory is **{'flat' if flat else 'NOT flat'}** after sessions expire "
        f"(growth {growth:+.1f} MB, {100 * growth / reference:+.1f}% of the post-first-wave level; flat = under 10%).",
        "",
        "| t (s) | RSS (MB) | phase |",
        "|---|---|---|",
        *[f"| {at:.0f} | {rss:.1f} | {label} |" for at, rss, label in samples],
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    Path(args.out).write_text(text, encoding="utf-8")
    return 0 if flat else 1


if __name__ == "__main__":
    sys.exit(main())
