"""Start and stop a real `streamlit run` server on a loopback port, and drive it with Chromium: shared by tests, benches and scripts.

Server part (no third-party imports): `free_port()`, `start_streamlit(...) -> Server`, `wait_http_ok(...)`.
Browser part (imports Playwright lazily): `CHROMIUM_PATH`, `CHROMIUM_ARGS`, `browser_unavailable_reason()`,
`launch_chromium(playwright)`, `new_app_context(browser, base_url, phone=False, **context_kwargs)`, `new_page_in(context)`,
`new_app_page(...)` (both in one step), `ModuleTab(context)` (one tab reused by a module's tests),
`open_app(page, path_and_query)`,
`wait_for_script(page, min_runs)`, `script_runs(page)`, `console_errors(page)`, `save_screenshot(page, name)`.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterable, Mapping

REPO_ROOT = Path(__file__).resolve().parent.parent

__all__ = [
    "ARTIFACTS_DIR",
    "CHROMIUM_ARGS",
    "CHROMIUM_PATH",
    "DESKTOP",
    "ModuleTab",
    "PHONE",
    "REPO_ROOT",
    "SCREENSHOTS_DIR",
    "Server",
    "browser_unavailable_reason",
    "console_errors",
    "free_port",
    "launch_chromium",
    "new_app_context",
    "new_app_page",
    "new_page_in",
    "open_app",
    "save_screenshot",
    "script_runs",
    "start_streamlit",
    "wait_for_script",
    "wait_http_ok",
]


def free_port() -> int:
    """A TCP port that was free on 127.0.0.1 a moment ago (the kernel picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_http_ok(url: str, timeout: float = 30.0, is_alive=lambda: True) -> bool:
    """Poll `url` until it answers 200; False on timeout or as soon as `is_alive()` turns false."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not is_alive():
            return False
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return True
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        time.sleep(0.1)
    return False


class Server:
    """A running `streamlit run` child process; stop() ends its whole process group."""

    def __init__(self, process: subprocess.Popen, port: int, app_dir: Path, log_path: Path):
        self.process = process
        self.port = port
        self.app_dir = app_dir
        self.log_path = log_path

    @property
    def url(self) -> str:
        """Base URL without a trailing slash, e.g. http://127.0.0.1:8765."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def output(self) -> str:
        """Everything the server wrote to stdout/stderr so far."""
        try:
            return self.log_path.read_text("utf-8", "replace")
        except FileNotFoundError:
            return ""

    def stop(self, timeout: float = 10.0) -> None:
        """SIGTERM the process group, SIGKILL it if it lingers; idempotent."""
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(self.process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.process.wait(timeout=timeout)
        self.log_path.unlink(missing_ok=True)

    def __enter__(self) -> "Server":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"Server(pid={self.process.pid}, url={self.url!r}, app_dir={str(self.app_dir)!r})"


def start_streamlit(
    app_dir: str | os.PathLike | None = None,
    port: int | None = None,
    extra_args: Iterable[str] = (),
    env: Mapping[str, str] | None = None,
    script: str = "app.py",
    timeout: float = 30.0,
) -> Server:
    """Run `python -m streamlit run <script>` in `app_dir` (default: this repository's app, through
    `python -m lipu_data.app_server`) and wait for /_stcore/health.

    Uses sys.executable, so tests and benches run the server with the same virtualenv. The working
    directory is `app_dir`, so that app's `.streamlit/config.toml` applies. `env` is merged over
    os.environ. Raises RuntimeError with the server's output if it is not healthy within `timeout`.
    """
    app_dir = Path(app_dir) if app_dir is not None else REPO_ROOT
    port = port or free_port()
    # This repository's app is served the way production serves it: through lipu_data.app_server,
    # which imports the heavy libraries before listening (see scripts/run.sh).
    is_this_app = app_dir.resolve() == REPO_ROOT.resolve() and script == "app.py"
    launcher = ["-m", "lipu_data.app_server"] if is_this_app else ["-m", "streamlit", "run", script]
    cmd = [
        sys.executable, *launcher,
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        *extra_args,
    ]
    child_env = dict(os.environ)
    child_env.update(env or {})
    child_env.setdefault("PYTHONUNBUFFERED", "1")
    # A file, not a pipe: nobody drains a pipe during a long test run, and a full pipe blocks the server.
    fd, log_name = tempfile.mkstemp(prefix=f"streamlit-{port}-", suffix=".log")
    with os.fdopen(fd, "wb") as log:
        process = subprocess.Popen(
            cmd, cwd=app_dir, env=child_env, stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,
        )
    server = Server(process, port, app_dir, Path(log_name))
    if not wait_http_ok(f"{server.url}/_stcore/health", timeout, server.alive):
        output = server.output()
        code = process.poll()
        server.stop()
        state = f"exited with {code}" if code is not None else f"not healthy after {timeout:.0f} s"
        raise RuntimeError(f"streamlit server {state}: {' '.join(cmd)} (cwd {app_dir})\n{output}")
    return server


# Browser part --------------------------------------------------------------------------------------

CHROMIUM_PATH = "/usr/bin/chromium"  # Debian's package; `playwright install` cannot download here
CHROMIUM_ARGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
)
ARTIFACTS_DIR = REPO_ROOT / "test-artifacts"
SCREENSHOTS_DIR = ARTIFACTS_DIR / "screenshots"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 3}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}

# Chromium logs these two 404s for every deep link: the frontend probes `<page>/_stcore/...` before
# it finds the server's base path. They are harmless and not the app's fault.
KNOWN_HARMLESS_CONSOLE = ("/_stcore/health", "/_stcore/host-config")

# Counts finished script runs on the page. Streamlit marks the app root with
# data-test-script-state: "initial" until the first run, "running" during a run, "notRunning" after.
# A run has ended when the attribute leaves "running" (records carry the old value, so a run shorter
# than one animation frame still counts); counting those lets a caller wait for "the run after my
# click", not the idle state left over from the previous run.
_RUN_COUNTER_JS = """
(() => {
  window.__lipuRuns = 0;
  window.__lipuLastMutation = performance.now();
  window.__lipuSawRunning = false;
  new MutationObserver((records) => {
    window.__lipuLastMutation = performance.now();
    // A run seen under way, however it then ends: React may replace the app's root node mid-run (seen once on a
    // busy machine: the first visit's run finished without a counted running -> idle change).
    if (document.querySelector('[data-testid="stApp"][data-test-script-state="running"]')) window.__lipuSawRunning = true;
    for (const record of records) {
      if (record.attributeName === 'data-test-script-state' && record.oldValue === 'running'
          && record.target.getAttribute('data-testid') === 'stApp'
          && record.target.getAttribute('data-test-script-state') !== 'running') window.__lipuRuns += 1;
    }
  }).observe(document, {subtree: true, childList: true, characterData: true, attributes: true,
    attributeOldValue: true});
})();
"""

# Idle: the run count is reached, the app is CONNECTED and "notRunning", no "Running..." status
# widget, no stSkeleton (the Suspense placeholder Streamlit shows while an element's lazily loaded
# code is on its way), the DOM has not changed for `quietMs`, and every image has loaded.
_SCRIPT_IDLE_JS = """
([minRuns, quietMs]) => {
  const app = document.querySelector('[data-testid="stApp"]');
  // A first run can go uncounted (React may batch "running" and "notRunning" into one render, so the state
  // attribute never changes): the script's output in the main area shows that one run has happened.
  const shown = document.querySelector('[data-testid="stMainBlockContainer"] [data-testid="stElementContainer"]');
  const runs = Math.max(window.__lipuRuns, window.__lipuSawRunning ? 1 : 0, shown ? 1 : 0);
  return !!app && runs >= minRuns
    && app.getAttribute('data-test-connection-state') === 'CONNECTED'
    && app.getAttribute('data-test-script-state') === 'notRunning'
    && !document.querySelector('[data-testid="stStatusWidget"]')
    && !document.querySelector('[data-testid="stSkeleton"]')
    && performance.now() - window.__lipuLastMutation >= quietMs
    && [...document.images].every((image) => image.complete);
}
"""


def browser_unavailable_reason() -> str | None:
    """Why Chromium-driven tests cannot run here, or None when they can."""
    if not Path(CHROMIUM_PATH).exists():
        return f"{CHROMIUM_PATH} is missing (apt-get install -y chromium fonts-noto-cjk, or ./scripts/setup.sh --dev as root)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as err:
        return f"playwright is not importable ({err}); run ./scripts/setup.sh --dev"
    return None


def launch_chromium(playwright, **kwargs):
    """Launch Debian's headless Chromium through a started `sync_playwright()` instance. Close it yourself."""
    return playwright.chromium.launch(
        executable_path=CHROMIUM_PATH, headless=True, args=list(CHROMIUM_ARGS), **kwargs
    )


def _record_console(page, message) -> None:
    if message.type == "error":
        where = (message.location or {}).get("url", "")
        page.lipu_console.append(f"{message.text} [{where}]" if where else message.text)


def new_app_context(browser, base_url: str, phone: bool = False, **context_kwargs):
    """A fresh browser context (desktop 1280x900, or a 390x844 touch phone) whose relative URLs resolve against
    `base_url`, with the script-run counter installed in every page. Close it with context.close()."""
    options = dict(PHONE if phone else DESKTOP)
    options.update(context_kwargs)
    context = browser.new_context(base_url=base_url, **options)
    context.add_init_script(_RUN_COUNTER_JS)
    return context


def new_page_in(context):
    """A new page (tab) of `context` that records console errors and uncaught page errors (read them with
    console_errors(page)), counts finished script runs and tracks in-flight HTTP requests (both used by
    wait_for_script). Pages of one context share its HTTP cache, so a second page skips the frontend's download."""
    page = context.new_page()
    page.lipu_console = []
    page.lipu_inflight = set()  # HTTP requests started and not yet finished or failed
    page.on("console", lambda message: _record_console(page, message))
    page.on("request", lambda request: page.lipu_inflight.add(request) if request.resource_type != "websocket" else None)
    page.on("requestfinished", lambda request: page.lipu_inflight.discard(request))
    page.on("requestfailed", lambda request: page.lipu_inflight.discard(request))
    page.on("pageerror", lambda error: page.lipu_console.append(f"uncaught: {error}"))
    return page


def new_app_page(browser, base_url: str, phone: bool = False, **context_kwargs):
    """A page in a fresh browser context (see new_app_context and new_page_in). Close it with page.context.close()."""
    return new_page_in(new_app_context(browser, base_url, phone, **context_kwargs))


class ModuleTab:
    """One tab of a context, handed to each test of a module in turn (`for_a_test`) and reset after each (`reset`), so a
    test starts as a new visitor while the frontend stays loaded: its app document is unloaded (its goodbye messages
    are its own), other tabs it opened are closed, and cookies, storage, permissions, emulated media, the window
    size and the recorded console errors are cleared. tests/browser/conftest.py gives it to tests as `page`."""

    def __init__(self, context):
        self.context = context
        self.tab = None
        self.viewport = None

    def for_a_test(self):
        if self.tab is None or self.tab.is_closed():
            self.tab = new_page_in(self.context)
            self.viewport = self.tab.viewport_size
        self.tab.lipu_console.clear()
        self.tab.lipu_inflight.clear()
        return self.tab

    def reset(self) -> None:
        tab = self.tab
        for opened in [other for other in self.context.pages if other is not tab]:
            opened.close()
        self.context.clear_cookies()
        self.context.clear_permissions()
        if tab.is_closed():
            return  # the next test gets a new tab
        with contextlib.suppress(Exception):  # a crashed page cannot be asked to clear its storage
            tab.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
        tab.goto("about:blank")
        tab.emulate_media(media="null", color_scheme="null", reduced_motion="null", forced_colors="null",
                          contrast="null")
        tab.set_viewport_size(self.viewport)


def script_runs(page) -> int:
    """How many script runs have finished in this document (pass `script_runs(page) + 1` to wait_for_script after a click)."""
    return int(page.evaluate("window.__lipuRuns || 0"))


def wait_for_script(page, min_runs: int = 1, timeout: float = 30_000, quiet_ms: int = 300) -> None:
    """Wait until at least `min_runs` script runs have finished and their output has settled.

    "notRunning" alone is too early: the script state flips as soon as the server's last message is
    handled, while the browser is still loading element code lazily (page links, selectboxes, charts,
    dataframes: each shows a `stSkeleton` placeholder until its code arrives, then React swaps it in,
    seen here up to 2 s later on a busy machine) and fetching media over HTTP. So this also waits
    until no stSkeleton is left, no HTTP request of the page is in flight, the DOM has been unchanged
    for `quiet_ms`, and images have loaded. Vega draws charts after that on its own time: wait for
    their marks explicitly when a test needs them. An app that shows a skeleton forever times out here.
    """
    deadline = time.monotonic() + timeout / 1000
    while True:
        remaining = max(1, int((deadline - time.monotonic()) * 1000))
        try:
            page.wait_for_function(_SCRIPT_IDLE_JS, arg=[min_runs, quiet_ms], timeout=remaining, polling=100)
        except Exception as err:  # Playwright's TimeoutError; say what the app was doing
            state = page.evaluate(
                "[document.querySelector('[data-testid=\"stApp\"]')?.getAttribute('data-test-script-state'),"
                " window.__lipuRuns]"
            )
            raise TimeoutError(f"app at {page.url} did not settle within {timeout} ms (script state, runs: {state})") from err
        if not page.lipu_inflight:
            return
        while page.lipu_inflight and time.monotonic() < deadline:
            page.wait_for_timeout(50)  # also lets Playwright deliver request events
        if time.monotonic() > deadline:
            pending = [request.url for request in page.lipu_inflight]
            raise TimeoutError(f"app at {page.url} did not settle within {timeout} ms; in flight: {pending}")


# How long a click's rerun may take to be counted before we settle on the idle state instead. A rerun here takes
# well under a second; an uncounted one (below) used to cost the whole timeout, 60 s, which a 10-minute CI budget
# cannot afford (seen: one chart-tab test took 68 s instead of 7 s).
RUN_COUNT_GRACE_MS = 15_000


def after_rerun(page, action, timeout: float = 60_000) -> None:
    """Do `action()` (a click that makes Streamlit rerun) and wait for that rerun's output to settle."""
    runs = script_runs(page)
    action()
    try:
        wait_for_script(page, min_runs=runs + 1, timeout=min(timeout, RUN_COUNT_GRACE_MS))
    except TimeoutError:
        # Seen once under heavy load: the app idle and the rerun's effect in the address, yet no run counted
        # (React can render "running" and "notRunning" in one batch, so the attribute never changes).
        # Settle on the idle state instead; the expect() checks that follow retry on what must be shown.
        wait_for_script(page, min_runs=runs, timeout=timeout)


def open_app(page, path_and_query: str = "/", timeout: float = 30_000):
    """Navigate to `path_and_query` (relative to the context's base_url) and wait until the first run has
    finished and its output has arrived (see wait_for_script). Returns the page for chaining."""
    page.goto(path_and_query, wait_until="domcontentloaded", timeout=timeout)
    page.wait_for_selector('[data-testid="stApp"]', state="attached", timeout=timeout)
    wait_for_script(page, min_runs=1, timeout=timeout)
    return page


def console_errors(page, include_known: bool = False) -> list[str]:
    """Console errors and uncaught exceptions seen on `page`, minus the two known deep-link probes."""
    messages = list(getattr(page, "lipu_console", []))
    if include_known:
        return messages
    return [m for m in messages if not ("404" in m and any(probe in m for probe in KNOWN_HARMLESS_CONSOLE))]


def save_screenshot(page, name: str, directory: Path | None = None, full_page: bool = True) -> Path:
    """Save a PNG screenshot as `<directory>/<name>.png` (default test-artifacts/screenshots/).

    full_page=True captures the whole scrolled content (the window is grown to its height for the
    picture and restored after); full_page=False captures what the window shows.
    """
    directory = Path(directory) if directory is not None else SCREENSHOTS_DIR
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name}.png"
    viewport = page.viewport_size
    height = 0
    if full_page and viewport:
        # Streamlit scrolls inside <main data-testid="stMain">, not the document, so Playwright's
        # full_page alone captures one screen: grow the window to the content's height instead.
        height = page.evaluate(
            "document.querySelector('[data-testid=\"stMain\"]')?.scrollHeight || 0"
        )
    if viewport and height > viewport["height"]:
        page.set_viewport_size({"width": viewport["width"], "height": min(height, 16_000)})
        page.wait_for_timeout(300)  # relayout (charts resize to their container)
        try:
            page.screenshot(path=str(path), full_page=True)
        finally:
            page.set_viewport_size(viewport)
    else:
        page.screenshot(path=str(path), full_page=full_page)
    return path
