"""The production layout works: two app processes behind nginx (scripts/cluster.sh) serve sessions, stick, and fail over."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import http.client
import urllib.error
import urllib.request
from collections.abc import Iterable
from pathlib import Path

import pytest

from harness.serving import (
    REPO_ROOT,
    browser_unavailable_reason,
    console_errors,
    free_port,
    launch_chromium,
    new_app_page,
    open_app,
    wait_http_ok,
)

pytestmark = [pytest.mark.proxy, pytest.mark.browser]

CLUSTER = REPO_ROOT / "scripts" / "cluster.sh"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def require(reason: str | None) -> None:
    """Skip with the reason, or fail under CI=true (a CI run must not silently skip the proxy)."""
    if reason is None:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but the proxy tests cannot run: {reason}", pytrace=False)
    pytest.skip(f"PROXY TESTS SKIPPED: {reason}")


def free_port_block(count: int) -> int:
    """A base port such that base..base+count-1 were all free a moment ago."""
    for _ in range(50):
        base = free_port()
        if base + count >= 65535:
            continue
        try:
            for port in range(base, base + count):
                with socket.create_server(("127.0.0.1", port)):
                    pass
        except OSError:
            continue
        return base
    raise RuntimeError("no block of free ports found")


class Cluster:
    """A `cluster.sh start 2 BASE` in its own runtime dir; knows its ports, pid files and access log."""

    def __init__(self, processes: int = 2, **settings: str):
        self.processes = processes
        self.run_dir = Path(tempfile.mkdtemp(prefix="lipu-cluster-"))
        self.base = free_port_block(processes + 1)
        self.env = {**os.environ, "LIPU_RUN_DIR": str(self.run_dir), "LIPU_NGINX": NGINX, **settings}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.base}"

    @property
    def app_ports(self) -> list[int]:
        return [self.base + i for i in range(1, self.processes + 1)]

    def start(self) -> "Cluster":
        try:
            result = self._run("start", str(self.processes), str(self.base))
        except subprocess.TimeoutExpired:
            self.stop()
            raise
        if result.returncode != 0:
            self.stop()
            raise RuntimeError(f"cluster.sh start failed ({result.returncode}):\n{result.stdout}{result.stderr}")
        return self

    def stop(self) -> None:
        self._run("stop")
        shutil.rmtree(self.run_dir, ignore_errors=True)

    def kill_app(self, port: int) -> None:
        """SIGKILL one app process (its whole process group), as a crash would."""
        pid = int((self.run_dir / f"app-{port}.pid").read_text())
        os.killpg(pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not _gone(pid):
            time.sleep(0.05)

    def upstreams_by_affinity(self, expected: Iterable[str] = ()) -> dict[str, set[str]]:
        """From nginx's access log: affinity key -> the upstream(s) that finally answered its requests.

        nginx writes a request's log line after the response has gone out, so a client can read its
        answer before the line exists: wait (up to 5 s) until every key in `expected` is logged.
        """
        expected = set(expected)
        deadline = time.monotonic() + 5
        while True:
            served: dict[str, set[str]] = {}
            log = (self.run_dir / "nginx-access.log").read_text()
            for match in re.finditer(r"upstream=(\S+(?:, \S+)*) affinity=(\S+)", log):
                final = match.group(1).split(", ")[-1]
                served.setdefault(match.group(2), set()).add(final)
            if expected <= served.keys() or time.monotonic() > deadline:
                return served
            time.sleep(0.05)

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        # Output to a file, not a pipe: a daemon that kept an inherited pipe open would hang the read.
        with tempfile.TemporaryFile() as out:
            process = subprocess.run(
                ["bash", str(CLUSTER), *args], env=self.env, cwd=REPO_ROOT,
                stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, timeout=120,
            )
            out.seek(0)
            process.stdout, process.stderr = out.read().decode("utf-8", "replace"), ""
        return process


def _gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ", 1)[1].startswith("Z")  # a zombie no longer serves
    except (FileNotFoundError, IndexError):
        return True


def get(url: str, cookie: str | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Cookie": f"lipu_affinity={cookie}"} if cookie else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.read().decode("utf-8", "replace")


# Module scope (and stopped at the end): a live sync Playwright keeps an asyncio loop running in
# the main thread, which breaks later tests that call asyncio.run().
@pytest.fixture(scope="module")
def browser():
    require(None if os.access(NGINX, os.X_OK) else f"nginx not found at {NGINX} (apt-get install -y nginx)")
    require(browser_unavailable_reason())
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    chromium = launch_chromium(playwright)
    yield chromium
    chromium.close()
    playwright.stop()


# A small per-client connection limit, so a test can go over it: a browser tab needs at most 7 at once (one
# websocket, six asset requests).
CONNECTIONS_PER_CLIENT = 10


@pytest.fixture(scope="module")
def cluster(browser):
    """Two app processes and nginx on free loopback ports, started once for the module (the failover test,
    which kills a process, runs last) and stopped at teardown."""
    running = Cluster(processes=2, LIPU_CONNECTIONS_PER_CLIENT=str(CONNECTIONS_PER_CLIENT)).start()
    yield running
    running.stop()


def assert_session_renders(browser, base_url: str, path: str = "/") -> str:
    """Open `path` through nginx in a fresh context; the script run finishing proves the websocket got through."""
    page = new_app_page(browser, base_url)
    try:
        open_app(page, path)
        assert page.locator('[data-testid="stException"]').count() == 0
        assert page.locator('[data-testid="stMain"]').inner_text().strip(), "the page rendered nothing"
        assert console_errors(page) == []
        cookies = {cookie["name"]: cookie["value"] for cookie in page.context.cookies()}
        return cookies.get("lipu_affinity", "")
    finally:
        page.context.close()


def test_health_and_a_session_through_nginx(cluster, browser):
    """/_stcore/health answers through nginx, and a browser session (page, assets, websocket) runs the app."""
    assert get(f"{cluster.url}/_stcore/health") == (200, "ok")
    affinity = assert_session_renders(browser, cluster.url, "/levels?lang=en")
    assert affinity, "nginx set no lipu_affinity cookie"
    served = cluster.upstreams_by_affinity([affinity])[affinity]
    assert len(served) == 1, f"one browser's requests went to several processes: {served}"


def test_affinity_cookie_pins_a_client_and_spreads_clients(cluster):
    """Requests carrying one affinity key always reach the same process; different keys reach both processes."""
    for key in (f"client{i}" for i in range(20)):
        for _ in range(3):
            assert get(f"{cluster.url}/_stcore/health", cookie=key)[0] == 200
    served = cluster.upstreams_by_affinity(f"client{i}" for i in range(20))
    assert all(len(served[f"client{i}"]) == 1 for i in range(20)), served
    used = set().union(*(served[f"client{i}"] for i in range(20)))
    assert used == {f"127.0.0.1:{port}" for port in cluster.app_ports}, f"20 clients all went to {used}"


SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "SAMEORIGIN",
    "Content-Security-Policy": "frame-ancestors 'self'",
}


def headers_of(url: str, host: str | None = None) -> tuple[int, http.client.HTTPMessage]:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


@pytest.mark.parametrize("path", ["/", "/levels?lang=en", "/_stcore/health", "/no-such-page"])
def test_security_headers_on_every_answer(cluster, path):
    """The page, a sub-page, the health check and a miss all carry nosniff, the referrer policy and the framing
    policy; the affinity cookie is HttpOnly and SameSite (and not Secure on plain HTTP)."""
    _, headers = headers_of(cluster.url + path)
    for name, value in SECURITY_HEADERS.items():
        assert headers.get(name) == value, (name, headers)
    [cookie] = [value for value in headers.get_all("Set-Cookie") or [] if value.startswith("lipu_affinity=")]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    assert "Server" not in headers or "nginx/" not in headers["Server"]


@pytest.mark.parametrize("path", ["/_stcore/metrics", "/_stcore//metrics", "/_stcore/%6detrics", "/_stcore/metrics?x=1"])
def test_metrics_are_refused(cluster, path):
    """Streamlit's /_stcore/metrics answers on loopback, but never through the proxy (however the path is spelled)."""
    assert get(f"http://127.0.0.1:{cluster.app_ports[0]}/_stcore/metrics")[0] == 200
    status, _ = headers_of(cluster.url + path)
    assert status == 404


def test_unknown_host_gets_no_answer(cluster):
    """A request naming a host other than the allowed names is closed without an answer (nginx 444)."""
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError, urllib.error.URLError)):
        headers_of(cluster.url + "/", host="evil.example")
    assert headers_of(cluster.url + "/", host="localhost")[0] == 200


def open_websocket(port: int, source: str) -> tuple[socket.socket, str]:
    """A websocket handshake on /_stcore/stream from loopback address `source`; the socket and the status line.
    Held open, it is one of that client's connections for as long as it lives."""
    connection = socket.create_connection(("127.0.0.1", port), timeout=10, source_address=(source, 0))
    connection.sendall((f"GET /_stcore/stream HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                        "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: streamlit\r\n"
                        f"Origin: http://127.0.0.1:{port}\r\n\r\n").encode())
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = connection.recv(4096)
        if not chunk:
            break
        head += chunk
    return connection, head.split(b"\r\n", 1)[0].decode()


def test_a_client_over_its_connection_limit_is_refused_while_others_are_served(cluster):
    """One client (127.0.0.2) holding its limit of sessions gets 429 for one more; another client (127.0.0.3) still
    opens a session and the page."""
    held = []
    try:
        for _ in range(CONNECTIONS_PER_CLIENT):
            connection, status = open_websocket(cluster.base, "127.0.0.2")
            held.append(connection)
            assert status.startswith("HTTP/1.1 101"), status
        connection, status = open_websocket(cluster.base, "127.0.0.2")
        held.append(connection)
        assert status.startswith("HTTP/1.1 429"), status
        connection, status = open_websocket(cluster.base, "127.0.0.3")
        held.append(connection)
        assert status.startswith("HTTP/1.1 101"), status
        assert get(f"{cluster.url}/_stcore/health")[0] == 200
    finally:
        for connection in held:
            connection.close()


def test_new_sessions_survive_a_dead_process(cluster, browser):
    """After one process is killed, nginx fails over: health and fresh browser sessions are still served."""
    dead, alive = cluster.app_ports
    cluster.kill_app(dead)
    assert not wait_http_ok(f"http://127.0.0.1:{dead}/_stcore/health", timeout=1), "the killed process still answers"

    for i in range(10):  # distinct keys: about half of them hash to the dead process
        assert get(f"{cluster.url}/_stcore/health", cookie=f"after{i}") == (200, "ok")
    served = cluster.upstreams_by_affinity(f"after{i}" for i in range(10))
    assert {next(iter(served[f"after{i}"])) for i in range(10)} == {f"127.0.0.1:{alive}"}

    for _ in range(2):  # fresh browsers get random affinity keys, so some would have hashed to the dead one
        assert_session_renders(browser, cluster.url, "/")
