"""The benchmark: every page against a blank Streamlit app, measured side by side in one run; writes docs/benchmarks.md.

    .venv/bin/python bench/run.py            # full run (about 15-25 min on 2 cores), rewrites docs/benchmarks.md
    .venv/bin/python bench/run.py --reps 3 --out /tmp/b.md   # quick look

Every figure is a median over `--reps` repetitions, and each repetition measures the app and its
baseline one right after the other (interleaved), so background load on a shared machine hits both
alike. Ratios (app / baseline) are what to read; absolute times drift from run to run.

Baselines: bench/blank_app (app.py = one title at "/", pages/sub.py = one title at "/sub", same
.streamlit/config.toml as the app): root pages are compared with "/", sub-pages with "/sub".
bench/blank_select (a title and one selectbox) is the interaction baseline; its chart_app.py (the same,
drawing one small chart on one choice) is timed against it as a reference: the framework's own cost of a
choice that brings a chart. bench/peer_app (the same data as a dashboard written the ordinary way: one script
rerun on every choice) is the peer: the app's three timed choices are made on it too, side by side.

    .venv/bin/python bench/run.py --only interaction --out /tmp/i.md   # only the interaction rows (about 5 min)
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime
import gc
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

import psutil  # noqa: E402

from harness.make_scaled_data import make_scaled_data  # noqa: E402
from harness.ws_client import Session, run_session  # noqa: E402
from lipu_data.sitemap import PAGES  # noqa: E402
from harness.serving import start_streamlit  # noqa: E402

BLANK_APP = REPO_ROOT / "bench" / "blank_app"
BLANK_SELECT = REPO_ROOT / "bench" / "blank_select"
PEER_APP = REPO_ROOT / "bench" / "peer_app"  # the same data as an ordinary dashboard: the interaction peer
SOAK_RESULT = REPO_ROOT / "bench" / "soak_result.md"
FINDINGS = REPO_ROOT / "bench" / "findings.md"  # hand-written causes, fixes and before/after figures
BRIEFING_RESULT = REPO_ROOT / "bench" / "briefing_result.md"  # written by bench/briefing.py
SEARCH_RESULT = REPO_ROOT / "bench" / "search_result.md"  # written by bench/search.py
QUERY = "lang=en"
# Tall enough that Streamlit 1.67 mounts every element of the longest page: it renders elements below
# the fold lazily (stSkeleton placeholders), so with a 900 px window a chart far down is never drawn.
VIEWPORT = {"width": 1280, "height": 6000}

# At 100x, a page whose server run alone takes longer than this is measured once and not in the browser.
SLOW_LIMIT_S = 5.0
TARGETS = {
    "page_load": 2.0, "overview_load": 1.5, "interaction": 2.0, "first_session_s": 1.0,
    "mb_per_session": 0.5, "scale_load_s": 1.0, "scale_page_load": 2.5, "peer_interaction": 0.7,
}

# Ready = a script run has finished: the app root is CONNECTED and "notRunning" (it reads "initial"
# until the first run has ended) with no status widget and no skeleton (Streamlit shows an `stSkeleton`
# in place of each element whose code is still loading: metrics, selectboxes, page links; without this
# check a page without charts counted as loaded before its cards appeared), and the page shows as many Vega-Lite charts as
# the server sent (counted by a websocket session of the same URL), each with a drawn svg.marks or
# canvas of nonzero size. After a widget change, a run can be so short that the root never shows
# "running" (React batches the two states), so the interaction waits for the run's visible effect
# instead: the address changed (the app writes the filter to the URL) or a given text appeared.
_READY_JS = """
(a) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app) return false;
  if (app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
  if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stStatusWidget"]')) return false;
  if (document.querySelector('[data-testid="stSkeleton"]')) return false;
  if (a.notSearch !== null && location.search === a.notSearch) return false;
  if (a.text !== null && !document.body.innerText.includes(a.text)) return false;
  const charts = document.querySelectorAll('[data-testid="stVegaLiteChart"]');
  if (charts.length < a.charts || (a.exact && charts.length !== a.charts)) return false;
  for (const chart of charts) {
    const drawn = chart.querySelector('svg.marks, canvas');
    if (!drawn) return false;
    const box = drawn.getBoundingClientRect();
    if (!(box.width > 0 && box.height > 0)) return false;
  }
  return true;
}
"""


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass
class Row:
    """One line of the results table."""

    group: str
    what: str
    app: float | None
    base: float | None
    unit: str
    target: str = ""
    met: bool | None = None
    note: str = ""
    samples: list[float] = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        return self.app / self.base if self.base and self.app is not None else None


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "s":
        return f"{value * 1000:.0f} ms" if value < 10 else f"{value:.1f} s"
    if unit == "MB":
        return f"{value:.2f} MB"
    return f"{value:g} {unit}".strip()


# --- websocket (server side) ------------------------------------------------------------------------

def ws_time(port: int, page: str, query: str = QUERY, timeout: float = 60.0) -> tuple[float, dict]:
    result = asyncio.run(run_session(port, page, query, timeout=timeout))
    if not result.ok:
        raise RuntimeError(f"session /{page}?{query} failed: {result.status} {result.error} {result.exception_messages}")
    return result.total, dict(result.element_counts)


def bench_ws(app, blank, reps: int, group: str = "server",
             slow_limit: float | None = None) -> tuple[list[Row], dict[str, int], dict[str, float]]:
    """Warm server: one websocket session per page per repetition, interleaved with the blank app.

    With `slow_limit`, a page whose warm-up session takes longer is measured only that once (so the
    bench ends in reasonable time) and returned in `slow` (page key -> seconds) for the browser to skip.
    """
    charts: dict[str, int] = {}
    slow: dict[str, float] = {}
    app_times = {page.key: [] for page in PAGES}
    base_times = {page.key: [] for page in PAGES}
    for page in PAGES:  # warm both servers (imports, caches) outside the measurement
        elapsed, counts = ws_time(app.port, page.url_path, timeout=600)
        charts[page.key] = counts.get("vega_lite_chart", 0)
        if slow_limit is not None and elapsed > slow_limit:
            slow[page.key] = elapsed
            log(f"  {group}: /{page.url_path} took {elapsed:.1f} s: measured once")
    ws_time(blank.port, ""), ws_time(blank.port, "sub")
    for _ in range(reps):
        for page in PAGES:
            base_times[page.key].append(ws_time(blank.port, "sub" if page.url_path else "")[0])
            if page.key not in slow:
                app_times[page.key].append(ws_time(app.port, page.url_path)[0])
    rows = []
    for page in PAGES:
        if page.key in slow:
            rows.append(Row(group, f"session /{page.url_path}", slow[page.key], median(base_times[page.key]), "s",
                            note=f"one run only (over {slow_limit:g} s); {charts[page.key]} chart(s)"))
        else:
            rows.append(Row(group, f"session /{page.url_path}", median(app_times[page.key]),
                            median(base_times[page.key]), "s", samples=app_times[page.key]))
    return rows, charts, slow


def bench_first_session(reps: int) -> list[Row]:
    """A freshly started server each repetition: the first session's connect-to-script_finished time."""
    samples = {"app /": [], "app /levels": [], "blank /": [], "blank /sub": []}
    for _ in range(reps):
        for label, app_dir, page in (("app /", None, ""), ("blank /", BLANK_APP, ""),
                                     ("app /levels", None, "levels"), ("blank /sub", BLANK_APP, "sub")):
            with start_streamlit(app_dir) as server:
                samples[label].append(ws_time(server.port, page)[0])
    rows = []
    for label, base_label in (("app /", "blank /"), ("app /levels", "blank /sub")):
        value = median(samples[label])
        rows.append(Row("server", f"first session, fresh server, {label[4:]}", value, median(samples[base_label]), "s",
                        target="< 1 s", met=value < TARGETS["first_session_s"],
                        note=f"worst {max(samples[label]) * 1000:.0f} ms", samples=samples[label]))
    return rows


def bench_apptest(reps: int) -> list[Row]:
    """Warm rerun under AppTest: run() twice, time the second; each page and the blank scripts."""
    import streamlit.logger
    from streamlit.testing.v1 import AppTest

    streamlit.logger.set_log_level("error")  # AppTest's "missing ScriptRunContext" warnings are noise here

    def second_run(script: Path) -> float:
        at = AppTest.from_file(str(script), default_timeout=60)
        at.query_params["lang"] = "en"
        at.run()
        start = time.perf_counter()
        at.run()
        elapsed = time.perf_counter() - start
        if at.exception:
            raise RuntimeError(f"{script}: {at.exception[0].value}")
        return elapsed

    rows = []
    cwd = os.getcwd()
    try:
        for page in PAGES:
            app_samples, base_samples = [], []
            base_script = BLANK_APP / ("pages/sub.py" if page.url_path else "app.py")
            for _ in range(reps):
                os.chdir(REPO_ROOT)
                app_samples.append(second_run(REPO_ROOT / page.script))
                os.chdir(BLANK_APP)
                base_samples.append(second_run(base_script))
            rows.append(Row("apptest", f"warm rerun {page.script}", median(app_samples), median(base_samples), "s",
                            samples=app_samples))
    finally:
        os.chdir(cwd)
    return rows


# --- browser ----------------------------------------------------------------------------------------

@contextlib.contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    from harness.serving import launch_chromium

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            yield browser
        finally:
            browser.close()


def browser_load(browser, base_url: str, path: str, expected_charts: int, timeout: float = 60_000) -> float:
    """Fresh browser context: navigate and wait until the script finished and every chart is drawn."""
    from harness.serving import new_app_page

    page = new_app_page(browser, base_url, viewport=VIEWPORT)
    try:
        start = time.perf_counter()
        page.goto(path, wait_until="commit", timeout=timeout)
        page.wait_for_function(_READY_JS, arg={"charts": expected_charts, "notSearch": None, "text": None},
                               timeout=timeout, polling="raf")
        return time.perf_counter() - start
    finally:
        page.context.close()


def bench_page_loads(browser, app, blank, charts: dict[str, int], reps: int, group: str, target: float,
                     slow: dict[str, float] | None = None) -> list[Row]:
    slow = slow or {}
    pages = [page for page in PAGES if page.key not in slow]
    for page in pages:  # warm: static files cached by the server's OS, imports and caches done
        browser_load(browser, app.url, f"/{page.url_path}?{QUERY}", charts[page.key])
    browser_load(browser, blank.url, f"/?{QUERY}", 0), browser_load(browser, blank.url, f"/sub?{QUERY}", 0)
    app_times = {page.key: [] for page in PAGES}
    base_times = {page.key: [] for page in PAGES}
    for rep in range(reps):
        for page in pages:
            base_path = f"/sub?{QUERY}" if page.url_path else f"/?{QUERY}"
            # Alternate who goes first, so neither side always follows the other's cleanup.
            order = [("app", app.url, f"/{page.url_path}?{QUERY}", charts[page.key]), ("base", blank.url, base_path, 0)]
            for side, url, path, expected in order if rep % 2 == 0 else order[::-1]:
                elapsed = browser_load(browser, url, path, expected)
                (app_times if side == "app" else base_times)[page.key].append(elapsed)
        log(f"  {group} rep {rep + 1}/{reps} done")
    rows = []
    for page in PAGES:
        limit = TARGETS["overview_load"] if (page.url_path == "" and group == "browser") else target
        if page.key in slow:
            rows.append(Row(group, f"page load /{page.url_path}", None, None, "s", target=f"≤ {limit:g}x", met=False,
                            note=f"not loaded: the server run alone takes {slow[page.key]:.0f} s"))
            continue
        row = Row(group, f"page load /{page.url_path}", median(app_times[page.key]), median(base_times[page.key]), "s",
                  samples=app_times[page.key])
        row.target = f"≤ {limit:g}x"
        row.met = row.ratio <= limit
        row.note = f"{charts[page.key]} chart(s)"
        rows.append(row)
    return rows


def _choose(page, combobox: str, option: str, text: str | None, charts: int, exact: bool = True,
            timeout: float = 60_000) -> float:
    """Pick `option`; seconds from the option click until its run has finished and the page shows exactly
    `charts` drawn charts (the new view's count: the old view's charts must be gone or the new ones drawn;
    at least `charts` unless `exact`)."""
    target = _open_option(page, combobox, option, timeout)
    ready = {"charts": charts, "exact": exact, "notSearch": None if text else page.evaluate("location.search"),
             "text": text}
    start = time.perf_counter()
    target.click()
    page.wait_for_function(_READY_JS, arg=ready, timeout=timeout, polling="raf")
    return time.perf_counter() - start


def _open_option(page, combobox: str, option: str, timeout: float = 60_000):
    """Open the selectbox labelled `combobox` and return its option `option`. A long list is rendered only in
    part (its first dozen options), so when the option is not there its name is typed to filter it in, as a
    reader would; no run happens before the option is clicked."""
    page.get_by_role("combobox", name=combobox).click()
    page.get_by_role("option").first.wait_for(timeout=timeout)
    target = page.get_by_role("option", name=option, exact=True)
    if target.count() == 0:
        page.keyboard.type(option)
    target.wait_for(timeout=timeout)
    return target


def printed_choice(option: str) -> str:
    """The text the blank select apps print for a choice (what a timed choice on them waits for)."""
    return f"Chosen: {option}"


def interaction_options(page, combobox: str, positions: tuple[int, int]) -> list[str]:
    """The names of the two options at `positions` of the combobox labelled `combobox`."""
    names = _option_names(page, combobox)
    return [names[positions[0]], names[positions[1]]]


def settle_on(page, combobox: str, option: str, text: str | None) -> int:
    """Choose `option` untimed, let its run settle, and return how many charts the view then shows, so a timed
    choice can wait for exactly that many (a stale "notRunning" right after the click, before the new view's
    deltas, would otherwise stop the clock early)."""
    from harness.serving import wait_for_script

    _choose(page, combobox, option, text, 0, exact=False)
    wait_for_script(page, min_runs=1)
    return page.locator('[data-testid="stVegaLiteChart"]').count()


def _option_names(page, combobox: str) -> list[str]:
    page.get_by_role("combobox", name=combobox).click()
    page.get_by_role("option").first.wait_for()
    names = [name.strip() for name in page.get_by_role("option").all_inner_texts()]
    page.keyboard.press("Escape")
    return names


@dataclass(frozen=True)
class Interaction:
    """A filter to time: on `path`, the selectbox labelled `label`, alternating two of its options
    (positions in its option list; 0 is "All")."""

    path: str
    label: str
    positions: tuple[int, int] = (1, 2)
    title: str = ""  # how its rows begin; default "<path>: choose <label>"

    @property
    def row_title(self) -> str:
        return self.title or f"{self.path}: choose {self.label.lower()}"


# The level filter on /levels (preschool brings a chart, two tab strips and seven cards; compulsory a single
# card), the school filter on /explorer (two schools' profiles: count cards, tables, source sentences, no
# chart) and the program filter on /resources (both programs keep the spending chart with other figures).
INTERACTIONS = (Interaction("/levels", "Education level"), Interaction("/explorer", "School"),
                Interaction("/resources", "Programme"))
CHART_REFERENCE = Interaction("/", "Level", title="reference: a blank select that draws a 3-bar chart for 'preschool', choose")
# The same two pages timed against the peer: the least any Streamlit page with one selectbox can cost for a choice,
# with and without a chart, as a share of the peer's. A page that shows more than these is not expected to read lower.
FLOOR_WITH_CHART = Interaction("/", "Level", title="floor: a blank select that draws a 3-bar chart for 'preschool', choose")
FLOOR_BLANK = Interaction("/", "Level", title="floor: a blank select, choose")


@dataclass(frozen=True)
class Opponent:
    """What a choice on the app is timed against: a page of another app, its selectbox, which of its options,
    the text its finished run shows, and the target for the ratio app / opponent."""

    name: str
    path: str
    label: str | None  # None: the same label as the app's selectbox
    same_options: bool  # True: the app's own option names; False: the interaction's positions in its list
    shows: Callable[[str, str], str]  # (label, option) -> text on the page once the run of that choice has ended
    target: float
    fixed_options: tuple[str, ...] = ()  # these two option names, whatever the app's are

    def options(self, page, interaction: Interaction, app_options: list[str]) -> list[str]:
        label = self.label or interaction.label
        if self.fixed_options:
            return list(self.fixed_options)
        if not self.same_options:
            return interaction_options(page, label, interaction.positions)
        for option in app_options:
            try:
                _open_option(page, label, option, timeout=10_000)
            except Exception as error:
                raise RuntimeError(f"{self.name} has no option {option!r} in its selectbox {label!r}") from error
            finally:
                page.keyboard.press("Escape")
        return list(app_options)


# The framework's floor: a title and one selectbox that prints the choice.
BLANK = Opponent("blank select", "/", "Level", False, lambda label, option: printed_choice(option),
                 TARGETS["interaction"])
# The comparison a user makes: the same data and the same choice on a dashboard written the ordinary way
# (bench/peer_app), whose caption names each filter and its value once the run has ended.
PEER = Opponent("peer dashboard", "/", None, True, lambda label, option: f"{label}: {option}",
                TARGETS["peer_interaction"])
# The peer's level choice of the /levels rows (Preschool brings the level's figures, Compulsory another level's),
# paired with the blank select's 'preschool' (brings a chart on chart_app.py) and 'primary'.
PEER_LEVELS = replace(PEER, label="Education level",
                      fixed_options=("Preschool", "Compulsory (primary and junior secondary)"))


def bench_interaction(browser, app, reps: int, interactions: tuple[Interaction, ...] = INTERACTIONS) -> list[Row]:
    """Pick a filter value until the page is redrawn, against the same choice on blank_select; the reference
    rows (blank_select's chart_app.py against its app.py); then the same choices against the peer dashboard, and
    the floor rows: blank_select and its chart_app.py against the peer's level choice, about the least a Streamlit
    page can take relative to the peer (a page that shows more is not expected to read a lower ratio).

    Two options alternate, and each direction is its own row: going to a view with a chart (preschool on
    /levels) costs the browser far more than going to one without, so one median over both would fall
    between two clusters and jump between runs.
    """
    versus_blank, versus_peer, floor = [], [], []
    with start_streamlit(BLANK_SELECT) as blank, start_streamlit(BLANK_SELECT, script="chart_app.py") as chart_blank:
        for interaction in interactions:
            versus_blank += _time_side_by_side(browser, app.url, blank.url, interaction, reps, BLANK)
        reference = _time_side_by_side(browser, chart_blank.url, blank.url, CHART_REFERENCE, reps, BLANK,
                                       app_shows_choice=True)
        with start_streamlit(PEER_APP) as peer:
            for interaction in interactions:
                versus_peer += _time_side_by_side(browser, app.url, peer.url, interaction, reps, PEER)
            for page, interaction in ((chart_blank, FLOOR_WITH_CHART), (blank, FLOOR_BLANK)):
                floor += _time_side_by_side(browser, page.url, peer.url, interaction, reps, PEER_LEVELS,
                                            app_shows_choice=True)
    for row in reference:
        row.target, row.met = "none (reference)", None
    for row in floor:
        row.target, row.met = "none (floor)", None
    return versus_blank + reference + versus_peer + floor


def _time_side_by_side(browser, app_url: str, base_url: str, interaction: Interaction, reps: int,
                       opponent: Opponent, app_shows_choice: bool = False) -> list[Row]:
    from harness.serving import new_app_page, open_app

    pages = {"app": new_app_page(browser, app_url, viewport=VIEWPORT),
             "base": new_app_page(browser, base_url, viewport=VIEWPORT)}
    try:
        open_app(pages["app"], f"{interaction.path}?{QUERY}")
        open_app(pages["base"], opponent.path)
        return _time_choices(pages, interaction, reps, opponent, app_shows_choice)
    finally:
        for page in pages.values():
            page.context.close()


def _time_choices(pages: dict, interaction: Interaction, reps: int, opponent: Opponent,
                  app_shows_choice: bool = False) -> list[Row]:
    from harness.serving import wait_for_script

    labels = {"app": interaction.label, "base": opponent.label or interaction.label}
    options = {"app": interaction_options(pages["app"], labels["app"], interaction.positions)}
    options["base"] = opponent.options(pages["base"], interaction, options["app"])
    # The app writes the filter to the URL; the opponents show the choice as text.
    texts = {"app": printed_choice if app_shows_choice else (lambda option: None),
             "base": lambda option: opponent.shows(labels["base"], option)}
    # Warm-up, one choice of each option: how many charts each view shows once settled.
    charts = {"app": [0, 0], "base": [0, 0]}
    for side, page in pages.items():
        for position in (1, 0):
            option = options[side][position]
            charts[side][position] = settle_on(page, labels[side], option, texts[side](option))
    # samples[side][i]: times of choosing options[side][i] (coming from the other option)
    samples = {"app": ([], []), "base": ([], [])}
    for rep in range(2 * reps):
        position = (rep + 1) % 2  # the warm-up left each page on its first option
        for side in ("app", "base") if rep % 2 == 0 else ("base", "app"):
            option = options[side][position]
            elapsed = _choose(pages[side], labels[side], option, texts[side](option), charts[side][position])
            wait_for_script(pages[side], min_runs=1)  # let any follow-up run settle
            samples[side][position].append(elapsed)
    rows = []
    # The rows against the blank select keep their titles from before the peer rows existed.
    versus, who = (", vs " + opponent.name, opponent.name) if opponent is not BLANK else ("", "baseline")
    for position in (0, 1):
        chosen, previous = options["app"][position], options["app"][1 - position]
        value, base = median(samples["app"][position]), median(samples["base"][position])
        rows.append(Row("browser", f"{interaction.row_title} '{chosen}' (from '{previous}'){versus}",
                        value, base, "s", target=f"≤ {opponent.target:g}x", met=value / base <= opponent.target,
                        note=f"{charts['app'][position]} chart(s) in the new view; {who}: "
                             f"'{options['base'][position]}' from '{options['base'][1 - position]}'",
                        samples=samples["app"][position]))
    return rows


# --- memory -----------------------------------------------------------------------------------------

def rss_mb(server) -> float:
    process = psutil.Process(server.process.pid)
    total = process.memory_info().rss
    for child in process.children(recursive=True):
        with contextlib.suppress(psutil.NoSuchProcess):
            total += child.memory_info().rss
    return total / 2**20


async def _open_sessions(port: int, targets: list[tuple[str, str]]) -> list[Session]:
    sessions = []
    for start in range(0, len(targets), 10):  # ten at a time: a burst of 50 first runs only adds queueing
        batch = await asyncio.gather(*(run_session(port, page, query, keep_open=True) for page, query in targets[start:start + 10]))
        for result, session in batch:
            if not result.ok:
                raise RuntimeError(f"session /{result.page}?{result.query} failed: {result.status} {result.error}")
            sessions.append(session)
    return sessions


def bench_memory(sessions: int = 50) -> list[Row]:
    """Server RSS idle, after one session, and with `sessions` open sessions; app and blank side by side."""
    app_targets = [(PAGES[i % len(PAGES)].url_path, QUERY) for i in range(sessions)]
    blank_targets = [("sub" if PAGES[i % len(PAGES)].url_path else "", QUERY) for i in range(sessions)]
    figures = {}
    for side, app_dir, targets in (("app", None, app_targets), ("base", BLANK_APP, blank_targets)):
        with start_streamlit(app_dir) as server:
            time.sleep(1.0)
            idle = rss_mb(server)
            ws_time(server.port, targets[0][0])
            time.sleep(0.5)
            first = rss_mb(server)

            async def hold() -> float:
                opened = await _open_sessions(server.port, targets)
                await asyncio.sleep(1.0)
                held = rss_mb(server)
                for session in opened:
                    await session.close()
                return held

            held = asyncio.run(hold())
            figures[side] = (idle, first, held, (held - first) / sessions)
    rows = [
        Row("memory", "server RSS idle", figures["app"][0], figures["base"][0], "MB"),
        Row("memory", "server RSS after first session", figures["app"][1], figures["base"][1], "MB"),
        Row("memory", f"server RSS with {sessions} open sessions", figures["app"][2], figures["base"][2], "MB"),
    ]
    per = Row("memory", "RSS increment per open session", figures["app"][3], figures["base"][3], "MB",
              target="≤ 0.5 MB", met=figures["app"][3] <= TARGETS["mb_per_session"])
    rows.append(per)
    return rows


# --- scale ------------------------------------------------------------------------------------------

def bench_scale(reps: int, scaled: dict[int, Path]) -> list[Row]:
    """load_dataset (every validation rule included) and the validate CLI at 1x/10x/100x, in a fresh process each."""
    code = ("import time,sys;t=time.perf_counter();from lipu_data.load import load_dataset;i=time.perf_counter();"
            "d=load_dataset(sys.argv[1]);e=time.perf_counter();print(e-i, len(d.facts))")
    rows = []
    base_value = None
    for factor, directory in scaled.items():
        samples, cli = [], []
        facts = 0
        for _ in range(reps):
            out = subprocess.run([sys.executable, "-c", code, str(directory)], capture_output=True, text=True,
                                 cwd=REPO_ROOT, check=True).stdout.split()
            samples.append(float(out[0]))
            facts = int(out[1])
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "lipu_data", "validate", str(directory)], capture_output=True,
                           cwd=REPO_ROOT, check=True)
            cli.append(time.perf_counter() - start)
        value = median(samples)
        base_value = base_value or value
        rows.append(Row("scale", f"load_dataset + validation, {factor}x ({facts} facts)", value, base_value, "s",
                        target="< 1 s" if factor == 100 else "", met=(value < TARGETS["scale_load_s"]) if factor == 100 else None,
                        note=f"`python -m lipu_data validate` wall {median(cli) * 1000:.0f} ms (incl. interpreter start)",
                        samples=samples))
    return rows


# --- report -----------------------------------------------------------------------------------------

def table(rows: list[Row]) -> str:
    lines = ["| group | measure | app | baseline | ratio | target | met | note |", "|---|---|---|---|---|---|---|---|"]
    for row in rows:
        ratio = f"{row.ratio:.2f}x" if row.ratio is not None else "–"
        met = "" if row.met is None else ("yes" if row.met else "**no**")
        lines.append(f"| {row.group} | {row.what} | {fmt(row.app, row.unit)} | {fmt(row.base, row.unit)} | {ratio} | "
                     f"{row.target} | {met} | {row.note} |")
    return "\n".join(lines)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = psutil.virtual_memory().total / 2**30
    import streamlit

    return (f"{platform.system()} {platform.release()}, {os.cpu_count()} cores ({cpu}), {memory:.1f} GiB RAM, "
            f"Python {platform.python_version()}, Streamlit {streamlit.__version__}, load average at start "
            f"{os.getloadavg()[0]:.1f}")


def write_report(path: Path, rows: list[Row], command: str, started: datetime.datetime, env: str, seconds: float,
                 reps: int, interaction_reps: int) -> None:
    soak = SOAK_RESULT.read_text(encoding="utf-8").strip() if SOAK_RESULT.exists() else "Not run yet: `.venv/bin/python bench/soak.py`."
    findings = FINDINGS.read_text(encoding="utf-8").strip() if FINDINGS.exists() else ""
    briefings = (BRIEFING_RESULT.read_text(encoding="utf-8").strip() if BRIEFING_RESULT.exists()
                 else "Not run yet: `.venv/bin/python -m bench.briefing`.")
    searches = (SEARCH_RESULT.read_text(encoding="utf-8").strip() if SEARCH_RESULT.exists()
                else "Not run yet: `.venv/bin/python -m bench.search`.")
    text = f"""# Benchmarks

Generated by `bench/run.py`; do not edit by hand (the findings come from `bench/findings.md`, the soak
section from `bench/soak_result.md`, the PDF briefings from `bench/briefing_result.md`, the search from
`bench/search_result.md`).

- Command: `{command}`
- Date: {started:%Y-%m-%d %H:%M} UTC, {seconds / 60:.0f} min
- Machine: {env}
- Every figure is a **median of {reps} repetitions** ({interaction_reps} clicks per direction for the interaction
  rows, whose single clicks vary most); the app and its baseline are measured in the same
  run, interleaved, and the **ratio** (app / baseline) is the figure to read. The machine is shared and
  noisy: absolute times move between runs, ratios much less.

## How it is measured

- **Baselines**: `bench/blank_app` (root `app.py` and `pages/sub.py`, one `st.title` each, same
  `.streamlit/config.toml` as the app) served the same way; the root page is compared with `/`, every
  sub-page with `/sub`. `bench/blank_select` (a title and one selectbox) is the interaction baseline.
- **browser**: headless Chromium (`/usr/bin/chromium`, Playwright sync API, the flags of
  design.md), warm servers, a fresh browser context per load, URL `?{QUERY}`. The clock starts at
  `page.goto` and stops when the first script run has finished (the app root went `running` →
  `notRunning`, connection `CONNECTED`, no status widget), **no element still shows its loading
  skeleton** (`stSkeleton`, shown while an element's front-end code loads; before this check a page
  without charts stopped the clock before its cards had appeared) **and** the page holds as many
  `[data-testid="stVegaLiteChart"]` as the server sent for that URL (counted by a websocket session),
  each containing an `svg.marks` or `canvas` with nonzero size (polled every animation frame). The
  viewport is {VIEWPORT['width']}×{VIEWPORT['height']}: Streamlit 1.67 mounts elements below the fold
  lazily, so in a 900 px window a chart far down the page would never be drawn.
- **interaction**: three filters, each on its page with `?{QUERY}`: the level on `/levels` ("Education
  level"), the school on `/explorer` ("School") and the programme on `/resources` ("Programme"). Click the
  combobox by role, then time from clicking an option (by role, exact name) until the run it triggers
  has finished, no element shows a loading skeleton and the new view's charts are drawn (as many as it
  showed in a warm-up choice); two options alternate (the first choice of each is a warm-up) and each
  direction is reported on its own row, since they cost very different amounts; the same on
  `bench/blank_select`, alternating two of its options. A short run may never show the app root as
  `running` (React batches the states), so "finished" is the run's visible effect plus an idle root:
  the address changed (the app writes the filter's id to the URL) or, on the baseline, the text
  `Chosen: <option>` appeared. The **reference** rows time `bench/blank_select/chart_app.py` (the blank select
  that also draws one 3-bar chart when 'preschool' is chosen) against `bench/blank_select` the same way:
  what Streamlit and Vega alone cost for a choice that brings a chart, with no app code at all.
  These rows are the framework's floor: a page with filters, cards and charts cannot come near a blank select.
- **peer** (rows ending "vs peer dashboard", target ≤ {TARGETS['peer_interaction']:g}x): the comparison a user
  would make. `bench/peer_app` is the same report data as a dashboard written the ordinary way: one script
  rerun whole on every choice, the CSVs read with pandas under `st.cache_data`, a sidebar of ten links, three
  selectboxes (Education level, School, Programme, with the app's English option names), six `st.metric`
  cards, one Altair bar chart of the facts the filters leave and an `st.dataframe` of them; served with the
  app's server settings. The app's three choices above are made on it by the same option names, the app and
  the peer clicked alternately in the same run, each timed the same way (option click → run finished, no
  skeleton, the new view's charts drawn); the peer's finished run shows as its caption naming the choice
  (`Education level: Preschool`). Its programme list is long, and a selectbox renders only the first dozen
  options of a long list, so there the name is typed to bring the option into the list before it is clicked
  (before the clock starts). The **floor** rows time `bench/blank_select` and its `chart_app.py` against the
  peer's level choice (*Preschool* paired with 'preschool', which brings the 3-bar chart; *Compulsory* with
  'primary'): about the least a Streamlit page with one selectbox takes relative to the peer, so a page that shows
  more is not expected to read a lower ratio; they say whether the peer target is within the framework's reach.
- **server**: `harness/ws_client.py` speaks Streamlit's websocket protocol on loopback (subprotocol
  `streamlit`, BackMsg `rerun_script` with `page_name` = URL path, as the frontend sends it in folder
  mode) and times connect → `script_finished`. "First session" starts a new server for every
  repetition (app and blank alternately) and times its very first session (cold imports and caches).
  **apptest**: `AppTest.from_file(page).run()` twice, the second run timed.
- **memory**: RSS (psutil) of the server process: idle 1 s after start, after one session, and with
  50 websocket sessions kept open (each ran one page, spread over all pages); increment = (with 50 −
  after first) / 50.
- **scale**: `harness/make_scaled_data.py FACTOR DIR` writes synthetic data (FACTOR copies of the 2023
  report as years 2023…, ids suffixed, periods shifted, schools/programs/people copied) to a temp dir;
  valid under `python -m lipu_data validate`. `load_dataset` (all validation rules) is timed in a fresh
  interpreter per repetition, import excluded. The browser rows marked `browser 100x` serve the app
  with `LIPU_DATA_DIR` pointing at the 100x data. At 100x a page whose warm-up server run takes over
  {SLOW_LIMIT_S:g} s is timed once (that warm-up run, `one run only`) and not loaded in the browser, so
  the bench finishes; such a page misses the target by far in any case.

## Results

{table(rows)}

{findings}

## Soak (bench/soak.py, not part of CI)

{soak}

## PDF briefings (bench/briefing.py, not part of CI)

Targets (issue 15): a section briefing under 2 s and the whole report under 6 s on this machine, warm.

{briefings}

## Search (bench/search.py, not part of CI)

{searches}
"""
    path.write_text(text, encoding="utf-8")


def bench_all(args: argparse.Namespace, rows: list[Row], workdir: Path) -> None:
    """Every group of the benchmark in turn, appending to `rows`; scaled data is written to `workdir`."""
    log("scaled data ...")
    scaled = {1: REPO_ROOT / "data", 10: make_scaled_data(10, workdir / "x10"), 100: make_scaled_data(100, workdir / "x100")}
    log("scale: load_dataset ...")
    rows += bench_scale(args.reps, scaled)
    log("server: first session on fresh servers ...")
    rows += bench_first_session(args.reps)
    with start_streamlit() as app, start_streamlit(BLANK_APP) as blank:
        log("server: warm websocket sessions ...")
        ws_rows, charts, _ = bench_ws(app, blank, args.reps)
        rows += ws_rows
        if not args.skip_browser:
            with chromium() as browser:
                log("browser: page loads ...")
                rows += bench_page_loads(browser, app, blank, charts, args.reps, "browser", TARGETS["page_load"])
                log("browser: interaction ...")
                rows += bench_interaction(browser, app, args.interaction_reps)
    log("apptest ...")
    rows += bench_apptest(args.reps)
    log("memory ...")
    rows += bench_memory()
    with start_streamlit(env={"LIPU_DATA_DIR": str(scaled[100])}) as app, start_streamlit(BLANK_APP) as blank:
        log("scale: warm websocket sessions at 100x ...")
        ws_rows, charts, slow = bench_ws(app, blank, args.reps, group="server 100x", slow_limit=SLOW_LIMIT_S)
        rows += ws_rows
        if not (args.skip_browser or args.skip_scale_browser):
            with chromium() as browser:
                log("scale: browser page loads at 100x ...")
                rows += bench_page_loads(browser, app, blank, charts, args.reps, "browser 100x",
                                         TARGETS["scale_page_load"], slow)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=7)
    # A single click's time moves by about +-50 ms here on a choice of about 100 ms: 7 clicks per median
    # left a ratio near 2x reading as met in one run and missed in the next (bench/findings.md, round 4).
    parser.add_argument("--interaction-reps", type=int, default=15)
    parser.add_argument("--out", default=str(REPO_ROOT / "docs" / "benchmarks.md"))
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--skip-scale-browser", action="store_true")
    parser.add_argument("--only", choices=["interaction"],
                        help="run one group only (interaction: the browser interaction rows, blank and peer)")
    args = parser.parse_args(argv)
    started = datetime.datetime.now(datetime.timezone.utc)
    clock = time.perf_counter()
    env = machine()
    command = ".venv/bin/python bench/run.py" + (f" --reps {args.reps}" if args.reps != 7 else "") + \
        (f" --interaction-reps {args.interaction_reps}" if args.interaction_reps != 15 else "") + \
        (" --skip-browser" if args.skip_browser else "") + (" --skip-scale-browser" if args.skip_scale_browser else "") + \
        (f" --only {args.only}" if args.only else "")
    rows: list[Row] = []  # filled as the run goes, so a crash late in a 20-minute run loses nothing
    workdir = Path(tempfile.mkdtemp(prefix="lipu-bench-"))
    try:
        if args.only == "interaction":
            with start_streamlit() as app, chromium() as browser:
                log("browser: interaction ...")
                rows += bench_interaction(browser, app, args.interaction_reps)
        else:
            bench_all(args, rows, workdir)
    except BaseException as error:  # keep what was measured
        rows.append(Row("error", f"run stopped early: {type(error).__name__}: {str(error)[:200]}", None, None, ""))
        print(table(rows))
        write_report(Path(args.out), rows, command, started, env, time.perf_counter() - clock, args.reps,
                     args.interaction_reps)
        raise
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        gc.collect()
    seconds = time.perf_counter() - clock
    print(table(rows))
    write_report(Path(args.out), rows, command, started, env, seconds, args.reps, args.interaction_reps)
    log(f"wrote {args.out} in {seconds / 60:.1f} min")
    return 0


if __name__ == "__main__":
    sys.exit(main())
