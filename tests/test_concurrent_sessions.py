"""Load: 50 concurrent websocket sessions over every page and many query strings all finish cleanly.

Sessions speak Streamlit's own protocol on loopback (harness/ws_client.py), as 50 browsers would, but
without rendering. Times are printed (run with -s to see them), never asserted: this machine is shared.
"""

from __future__ import annotations

import asyncio
import statistics
import time

import pytest

from harness.ws_client import run_many
from lipu_data import load_dataset
from lipu_data.sitemap import PAGES
from harness.serving import start_streamlit

pytestmark = pytest.mark.load

SESSIONS = 50


def _query_strings(data_dir) -> list[str]:
    """Languages, real filter ids, bogus and repeated values, unknown parameters."""
    dataset = load_dataset(data_dir)
    schools = list(dataset.schools["school_id"])
    programs = list(dataset.programs["program_id"])
    levels = list(dataset.levels["level_id"])
    return [
        "", "lang=en", "lang=zh", f"lang=en&school={schools[0]}", f"school={schools[-1]}",
        f"lang=en&program={programs[0]}", f"program={programs[len(programs) // 2]}",
        f"lang=en&level={levels[0]}", f"level={levels[-1]}",
        f"lang=en&school={schools[1]}&program={programs[1]}&level={levels[1]}",
        "lang=xx", "school=no-such-school", "program=%E4%B8%8D%E5%AD%98%E5%9C%A8", "level=../../etc",
        "lang=en&lang=zh", "bogus=1&lang=en", "q=%E6%95%99%E8%82%B2&lang=zh", "para=nope",
    ]


def _targets(data_dir) -> list[tuple[str, str]]:
    queries = _query_strings(data_dir)
    # Every page gets several sessions; pages and queries cycle at co-prime strides so pairs vary.
    return [(PAGES[i % len(PAGES)].url_path, queries[(i * 7) % len(queries)]) for i in range(SESSIONS)]


@pytest.fixture(scope="module")
def server():
    with start_streamlit() as running:
        yield running


def test_fifty_concurrent_sessions_finish_without_exceptions(server, data_dir):
    """Every one of 50 simultaneous sessions reaches script_finished, with no exception element."""
    targets = _targets(data_dir)
    assert {page for page, _ in targets} == {page.url_path for page in PAGES}
    start = time.perf_counter()
    results = asyncio.run(run_many(server.port, targets, timeout=120))
    wall = time.perf_counter() - start
    times = sorted(result.total for result in results)
    print(f"\n{len(results)} concurrent sessions in {wall:.1f} s wall: median {statistics.median(times):.2f} s, "
          f"worst {times[-1]:.2f} s per session")
    unfinished = [f"/{r.page}?{r.query}: {r.status or r.error}" for r in results if not r.finished]
    assert not unfinished, "sessions that never finished:\n" + "\n".join(unfinished)
    failed = [f"/{r.page}?{r.query}: {r.exception_messages}" for r in results if r.exception]
    assert not failed, "sessions showing an exception:\n" + "\n".join(failed)
    missing = [f"/{r.page}?{r.query}" for r in results if r.page_not_found]
    assert not missing, "pages not found:\n" + "\n".join(missing)
    assert all(result.elements > 0 for result in results)
