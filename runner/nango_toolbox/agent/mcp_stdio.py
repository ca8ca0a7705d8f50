"""stdin/stdout for the MCP server: lines read and written by threads, not the event loop.

The SDK's ``stdio_server()`` reads and writes through ``anyio.wrap_file``: a worker-thread hop
for every line in each direction, which on a busy machine costs more than the tool call's own
work. When stdin and stdout are pipes, sockets or terminals (as an MCP client starts the
server), this hands ``stdio_server`` line streams of its own instead, after doing what the SDK
does for its own streams: the wire moves to private descriptors, fd 0 reads the null device and
fd 1 writes to stderr, so nothing else in the process can write into the protocol.

Reading: one thread at a time reads (``_Readers``) and offers each line to the ``lane``
(``mcp_server.FastCalls``); a line the lane takes becomes a job that the same thread runs at
once, so a tool call starts and ends without waking anyone; a call that runs longer than 20 ms
has its reading taken over by a watcher, so pings, cancellations and other calls are still read
while it runs. The other lines go to the SDK on the event loop. Writing: whole lines,
under one lock, by whichever thread has one (the SDK's writer on the event loop, or a thread
with its answer); a blocking write, which waits only while the client does not read.
"""

from __future__ import annotations

import asyncio
import os
import stat
import sys
import threading
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress
from typing import Any, Protocol

__all__ = ["Lane", "pipe_stdio"]

_MAX_LINE = 64 * 1024 * 1024  # one JSON-RPC message per line
_MAX_THREADS = 40  # readers and running calls together (anyio's default worker limit)
_TAKE_OVER = 0.02  # seconds a call runs before a watcher takes over the reading
_IDLE = 1.0  # seconds after the last call when the watcher stops its timer


class Lane(Protocol):
    """What ``pipe_stdio`` offers the lines to (``mcp_server.FastCalls``)."""

    def take(self, line: bytes, write: Callable[[bytes], None]) -> Callable[[], None] | None:
        """A job that answers ``line`` (run by the reader's thread), or None for the SDK."""
        ...

    def sent(self, line: bytes) -> None:
        """What the SDK writes (the lane learns the handshake from it)."""
        ...

    def close(self) -> None:
        """Wait for the jobs still running."""
        ...


class _Wire:
    """The protocol's output: whole lines, one writer at a time, from any thread."""

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._lock = threading.Lock()
        self._open = True

    def write(self, data: bytes) -> None:
        with self._lock:
            view = memoryview(data)
            while view and self._open:
                try:
                    view = view[os.write(self._fd, view) :]
                except InterruptedError:
                    continue
                except OSError:  # the client has gone (its end of stdin follows): drop it
                    self._open = False

    def close(self) -> None:
        with self._lock:
            self._open = False


class _Readers:
    """Threads sharing the reading of lines from ``fd`` (see the module docstring).

    One thread at a time holds the reading. When it takes a job it frees the reading and runs
    the job; when the job is done it takes the reading back, unless a watcher took it over: a
    watcher takes a reading that has stayed free for ``_TAKE_OVER`` seconds (a long call), so a
    ping, a cancellation or another call is read while it runs. A watcher checks on a timer
    while calls come (no wake-up per call); a second after the last one it waits to be woken
    instead (no timer while idle).
    """

    def __init__(
        self,
        fd: int,
        lane: Lane | None,
        wire: _Wire,
        deliver: Callable[[bytes | None], None],
    ) -> None:
        self._fd = fd
        self._lane = lane
        self._wire = wire
        self._deliver = deliver  # a line for the SDK, None at the end of the input
        self._buffer = bytearray()
        self._ended = False
        self._state = threading.Condition()
        self._free_since: float | None = None  # when the reading was freed (None: held)
        self._last_job = 0.0
        self._threads = 0
        self._watching = 0  # watchers on a timer
        self._parked = 0  # watchers waiting to be woken

    def start(self) -> None:
        with self._state:
            self._threads = 2
        threading.Thread(target=self._run, args=(True,), name="mcp-stdio", daemon=True).start()
        threading.Thread(target=self._run, args=(False,), name="mcp-stdio", daemon=True).start()

    def _run(self, reading: bool) -> None:
        while reading or self._watch():
            job = self._next_job()
            if job is None:  # the input has ended
                with self._state:
                    self._state.notify_all()
                break
            with self._state:
                self._free_since = self._last_job = time.monotonic()
                if not self._watching:
                    if self._parked:
                        self._state.notify()
                    elif self._threads < _MAX_THREADS:
                        self._threads += 1
                        threading.Thread(
                            target=self._run, args=(False,), name="mcp-stdio", daemon=True
                        ).start()
            try:
                job()
            except Exception as exc:  # a job answers its own errors; this one could not
                print(f"nango-toolbox mcp: a tool call failed: {exc!r}", file=sys.stderr)
            with self._state:
                reading = self._free_since is not None  # nobody took it over: take it back
                self._free_since = None
        with self._state:
            self._threads -= 1

    def _watch(self) -> bool:
        """Wait until the reading has been free for a while, then take it (True), or until the
        input ends (False)."""
        with self._state:
            while not self._ended:
                now = time.monotonic()
                free = self._free_since
                if free is not None and now - free >= _TAKE_OVER:
                    self._free_since = None
                    return True
                if self._watching or (free is None and now - self._last_job > _IDLE):
                    self._parked += 1
                    self._state.wait()
                    self._parked -= 1
                else:
                    self._watching += 1
                    self._state.wait(_TAKE_OVER if free is None else _TAKE_OVER - (now - free))
                    self._watching -= 1
            return False

    def _next_job(self) -> Callable[[], None] | None:
        """The job of the next line the lane takes (the others go to the SDK), or None once
        the input has ended."""
        while not self._ended:
            line = self._read_line()
            if line is None:
                self._ended = True
                self._deliver(None)
                return None
            job = self._lane.take(line, self._wire.write) if self._lane is not None else None
            if job is not None:
                return job
            self._deliver(line)
        return None

    def _read_line(self) -> bytes | None:
        while True:
            end = self._buffer.find(b"\n")
            if end >= 0:
                line = bytes(self._buffer[: end + 1])
                del self._buffer[: end + 1]
                return line
            if len(self._buffer) > _MAX_LINE:
                print("nango-toolbox mcp: a message over 64 MB was dropped", file=sys.stderr)
                self._buffer.clear()  # and what follows of it, up to its newline
                self._skip_to_newline()
                continue
            try:
                chunk = os.read(self._fd, 1 << 16)
            except InterruptedError:
                continue
            except OSError:
                chunk = b""
            if not chunk:
                return bytes(self._buffer) if self._buffer else None
            self._buffer += chunk

    def _skip_to_newline(self) -> None:
        while True:
            try:
                chunk = os.read(self._fd, 1 << 16)
            except InterruptedError:
                continue
            except OSError:
                return
            if not chunk:
                return
            end = chunk.find(b"\n")
            if end >= 0:
                self._buffer += chunk[end + 1 :]
                return


class _Lines:
    """``async for line in ...`` over what the readers hand the SDK, as text."""

    def __init__(self, queue: asyncio.Queue[bytes | None]) -> None:
        self._queue = queue

    def __aiter__(self) -> _Lines:
        return self

    async def __anext__(self) -> str:
        line = await self._queue.get()
        if line is None:
            raise StopAsyncIteration
        return line.decode("utf-8", "replace")


class _Writer:
    """``await write(text)`` / ``await flush()`` over the wire, for the SDK."""

    def __init__(self, wire: _Wire, lane: Lane | None) -> None:
        self._wire = wire
        self._lane = lane

    async def write(self, text: str) -> None:
        data = text.encode("utf-8")
        if self._lane is not None:
            self._lane.sent(data)
        self._wire.write(data)

    async def flush(self) -> None:
        pass


def _streamable(fd: int) -> bool:
    mode = os.fstat(fd).st_mode
    return stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode) or stat.S_ISCHR(mode)


@asynccontextmanager
async def pipe_stdio(lane: Lane | None = None) -> AsyncIterator[tuple[Any, Any] | None]:
    """``(stdin, stdout)`` streams for ``stdio_server``, or None when fd 0 or 1 is not a pipe,
    socket or terminal (a regular file: then the SDK's own streams serve, and no lane)."""
    try:
        if not (_streamable(0) and _streamable(1)):
            raise OSError
    except OSError:
        yield None
        return
    loop = asyncio.get_running_loop()
    wire_in, wire_out = os.dup(0), os.dup(1)
    os.set_blocking(wire_in, True)
    os.set_blocking(wire_out, True)
    wire = _Wire(wire_out)
    queue: asyncio.Queue[bytes | None] = asyncio.Queue()

    def deliver(line: bytes | None) -> None:
        with suppress(RuntimeError):  # the event loop has closed: the server is ending
            loop.call_soon_threadsafe(queue.put_nowait, line)

    readers = _Readers(wire_in, lane, wire, deliver)
    saved_in, saved_out = os.dup(0), os.dup(1)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    os.dup2(2, 1)
    readers.start()
    interrupted = False
    try:
        yield _Lines(queue), _Writer(wire, lane)
    except BaseException:
        interrupted = True  # Ctrl-C or a failure: the calls still running are abandoned
        raise
    finally:
        if lane is not None and not interrupted:
            lane.close()
        wire.close()
        os.close(wire_out)
        # wire_in stays open: a reader may still be blocked on it (the process is ending)
        os.dup2(saved_in, 0)
        os.dup2(saved_out, 1)
        os.close(saved_in)
        os.close(saved_out)
