"""A minimal Streamlit websocket client for loopback load tests and benches (one session = one script run).

Speaks the browser's protocol: connect to ws://127.0.0.1:PORT/_stcore/stream with subprotocol
"streamlit", send a BackMsg `rerun_script` (query string, page name = the URL path in folder mode,
context info), then read ForwardMsgs until `script_finished`. Message types seen on the way
(new_session, session_status_changed, page_info_changed, page_config_changed, navigation, deltas...)
are counted; deltas holding an `exception` element are recorded with their message.

In folder mode (app.py + pages/), Streamlit 1.67 resolves the page from `ClientState.page_name`,
matched against each page's `url_pathname` (pages_manager._resolve_page_script): "" or "levels".
The frontend sends exactly that, taken from the address bar, with an empty page_script_hash on the
first run.

    result = asyncio.run(run_session(port, page="levels", query="lang=en"))
    result.finished, result.exception, result.elapsed, result.element_counts
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

# A run ended for good (FINISHED_EARLY_FOR_RERUN means another run follows).
_FINAL_STATUSES = {
    ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY,
    ForwardMsg.ScriptFinishedStatus.FINISHED_WITH_COMPILE_ERROR,
    ForwardMsg.ScriptFinishedStatus.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
}


@dataclass
class SessionResult:
    """What one script run sent back, and how long it took."""

    page: str
    query: str
    connect_time: float = 0.0  # websocket handshake, seconds
    elapsed: float = 0.0  # rerun_script sent -> final script_finished, seconds
    total: float = 0.0  # connect started -> final script_finished, seconds
    finished: bool = False
    status: str = ""
    page_not_found: bool = False
    exception: bool = False
    exception_messages: list[str] = field(default_factory=list)
    element_counts: Counter = field(default_factory=Counter)
    message_counts: Counter = field(default_factory=Counter)
    bytes_received: int = 0
    session_id: str = ""
    error: str = ""

    @property
    def elements(self) -> int:
        return sum(self.element_counts.values())

    @property
    def ok(self) -> bool:
        return self.finished and not self.exception and not self.page_not_found and not self.error


def url_of(port: int, host: str = "127.0.0.1") -> str:
    return f"ws://{host}:{port}/_stcore/stream"


def rerun_message(port: int, page: str = "", query: str = "", locale: str = "en-US") -> bytes:
    """The BackMsg the frontend sends when it opens `/<page>?<query>` (first run: no page hash)."""
    msg = BackMsg()
    state = msg.rerun_script
    state.query_string = query
    state.page_name = page
    state.page_script_hash = ""
    info = state.context_info
    info.url = f"http://127.0.0.1:{port}/{page}" + (f"?{query}" if query else "")
    info.locale = locale
    info.timezone = "Asia/Shanghai"
    info.timezone_offset = -480
    info.is_embedded = False
    info.color_scheme = "light"
    return msg.SerializeToString()


class Session:
    """One open websocket session. `await s.connect()`, `await s.run(page, query)`, `await s.close()`."""

    def __init__(self, port: int, host: str = "127.0.0.1"):
        self.port = port
        self.host = host
        self.ws = None

    async def connect(self, timeout: float = 30.0) -> float:
        start = time.perf_counter()
        self.ws = await websockets.connect(
            url_of(self.port, self.host), subprotocols=["streamlit"], open_timeout=timeout,
            max_size=None, compression=None, ping_interval=None,
        )
        return time.perf_counter() - start

    async def run(self, page: str = "", query: str = "", timeout: float = 60.0, locale: str = "en-US",
                  result: SessionResult | None = None) -> SessionResult:
        """Ask for a script run of `page` with `query` and read until it has finished."""
        result = result or SessionResult(page=page, query=query)
        start = time.perf_counter()
        await self.ws.send(rerun_message(self.port, page, query, locale))
        deadline = start + timeout
        try:
            while True:
                remaining = deadline - time.perf_counter()
                if remaining <= 0:
                    result.error = f"no script_finished within {timeout} s"
                    break
                data = await asyncio.wait_for(self.ws.recv(), remaining)
                if isinstance(data, str):
                    continue
                result.bytes_received += len(data)
                msg = ForwardMsg()
                msg.ParseFromString(data)
                kind = msg.WhichOneof("type")
                result.message_counts[kind] += 1
                if kind == "new_session":
                    result.session_id = msg.new_session.initialize.session_id
                elif kind == "delta":
                    _count_delta(msg, result)
                elif kind == "page_not_found":
                    result.page_not_found = True
                elif kind == "script_finished":
                    status = msg.script_finished
                    result.status = ForwardMsg.ScriptFinishedStatus.Name(status)
                    if status in _FINAL_STATUSES:
                        result.finished = True
                        break
        except (asyncio.TimeoutError, websockets.ConnectionClosed) as error:
            result.error = f"{type(error).__name__}: {error}"
        result.elapsed = time.perf_counter() - start
        return result

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
            self.ws = None


def _count_delta(msg: ForwardMsg, result: SessionResult) -> None:
    delta = msg.delta
    which = delta.WhichOneof("type")
    if which == "new_element":
        element = delta.new_element.WhichOneof("type")
        result.element_counts[element] += 1
        if element == "exception":
            result.exception = True
            exc = delta.new_element.exception
            result.exception_messages.append(f"{exc.type}: {exc.message}".strip())
    elif which == "add_block":
        result.element_counts["block"] += 1


async def run_session(port: int, page: str = "", query: str = "", timeout: float = 60.0,
                      keep_open: bool = False, locale: str = "en-US"):
    """Connect, run `page` once, and close (or, with keep_open, return (result, session) still connected)."""
    result = SessionResult(page=page, query=query)
    session = Session(port)
    start = time.perf_counter()
    try:
        result.connect_time = await session.connect(timeout)
        await session.run(page, query, timeout, locale, result)
    except (OSError, asyncio.TimeoutError, websockets.WebSocketException) as error:
        result.error = result.error or f"{type(error).__name__}: {error}"
    result.total = time.perf_counter() - start
    if keep_open:
        return result, session
    await session.close()
    return result


async def run_many(port: int, targets: list[tuple[str, str]], timeout: float = 60.0) -> list[SessionResult]:
    """One session per (page, query), all at once (asyncio.gather); closed afterwards."""
    return list(await asyncio.gather(*(run_session(port, page, query, timeout) for page, query in targets)))


def run_session_sync(port: int, page: str = "", query: str = "", timeout: float = 60.0) -> SessionResult:
    """run_session for synchronous callers."""
    return asyncio.run(run_session(port, page, query, timeout))


if __name__ == "__main__":
    import sys

    port_arg, page_arg = int(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else ""
    query_arg = sys.argv[3] if len(sys.argv) > 3 else ""
    outcome = run_session_sync(port_arg, page_arg, query_arg)
    print(outcome)
