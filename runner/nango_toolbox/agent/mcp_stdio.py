"""stdin/stdout for the MCP server as pipes served by the event loop and a locked writer.

The SDK's ``stdio_server()`` reads and writes through ``anyio.wrap_file``: a worker-thread hop
for every line in each direction, which on a busy machine costs more than the tool call's own
work. When stdin and stdout are pipes (as an MCP client starts the server), this hands
``stdio_server`` line streams of its own instead, after doing what the SDK does for its own
streams: the wire moves to private descriptors, fd 0 reads the null device and fd 1 writes to
stderr, so nothing else in the process can write into the protocol.

Lines are read by the event loop (an ``asyncio`` pipe transport); each is offered first to the
``lane`` (``mcp_server.FastCalls``), which may answer it itself from a worker thread. Lines are
written whole, under one lock, by whichever thread has one to write (the SDK's writer on the
event loop, or a worker with its answer): a blocking write, which waits only while the client
does not read.
"""

from __future__ import annotations

import asyncio
import os
import stat
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any, Protocol

__all__ = ["Lane", "pipe_stdio"]

_MAX_LINE = 64 * 1024 * 1024  # one JSON-RPC message per line


class Lane(Protocol):
    """What ``pipe_stdio`` offers the lines to (``mcp_server.FastCalls``)."""

    def take(self, line: bytes, write: Callable[[bytes], None]) -> bool: ...

    def sent(self, line: bytes) -> None: ...

    def close(self) -> None: ...


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


class _Lines:
    """``async for line in ...`` over a StreamReader, as text, less what the lane takes."""

    def __init__(self, reader: asyncio.StreamReader, lane: Lane | None, wire: _Wire) -> None:
        self._reader = reader
        self._lane = lane
        self._wire = wire

    def __aiter__(self) -> _Lines:
        return self

    async def __anext__(self) -> str:
        while True:
            line = await self._reader.readline()
            if not line:
                raise StopAsyncIteration
            if self._lane is None or not self._lane.take(line, self._wire.write):
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


@asynccontextmanager
async def pipe_stdio(lane: Lane | None = None) -> AsyncIterator[tuple[Any, Any] | None]:
    """``(stdin, stdout)`` streams for ``stdio_server``, or None when fd 0 or 1 is not a pipe,
    socket or terminal (then the SDK's own streams serve, and no lane)."""
    loop = asyncio.get_running_loop()
    wire_in, wire_out = os.dup(0), os.dup(1)
    read_file = os.fdopen(wire_in, "rb", buffering=0)
    reader = asyncio.StreamReader(limit=_MAX_LINE)
    try:
        # the test connect_write_pipe made: a regular file is not for the event loop
        mode = os.fstat(wire_out).st_mode
        if not (stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode) or stat.S_ISCHR(mode)):
            raise ValueError("stdout is not a pipe, socket or terminal")
        read_transport, _ = await loop.connect_read_pipe(
            lambda: asyncio.StreamReaderProtocol(reader), read_file
        )
    except (ValueError, OSError):
        read_file.close()
        os.close(wire_out)
        yield None
        return
    os.set_blocking(wire_out, True)
    wire = _Wire(wire_out)
    saved_in, saved_out = os.dup(0), os.dup(1)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    os.dup2(2, 1)
    try:
        yield _Lines(reader, lane, wire), _Writer(wire, lane)
    finally:
        if lane is not None:
            lane.close()
        wire.close()
        read_transport.close()
        os.close(wire_out)
        os.dup2(saved_in, 0)
        os.dup2(saved_out, 1)
        os.close(saved_in)
        os.close(saved_out)
