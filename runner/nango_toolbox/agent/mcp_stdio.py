"""stdin/stdout for the MCP server as non-blocking pipes on the event loop.

The SDK's ``stdio_server()`` reads and writes through ``anyio.wrap_file``: a worker-thread hop
for every line in each direction, which on a busy machine costs more than the tool call's own
work. When stdin and stdout are pipes (as an MCP client starts the server), this hands
``stdio_server`` line streams over ``asyncio`` pipe transports instead, after doing what the SDK
does for its own streams: the wire moves to private descriptors, fd 0 reads the null device and
fd 1 writes to stderr, so nothing else in the process can write into the protocol.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

__all__ = ["pipe_stdio"]

_MAX_LINE = 64 * 1024 * 1024  # one JSON-RPC message per line


class _Lines:
    """``async for line in ...`` over a StreamReader, as text."""

    def __init__(self, reader: asyncio.StreamReader) -> None:
        self._reader = reader

    def __aiter__(self) -> _Lines:
        return self

    async def __anext__(self) -> str:
        line = await self._reader.readline()
        if not line:
            raise StopAsyncIteration
        return line.decode("utf-8", "replace")


class _Writer:
    """``await write(text)`` / ``await flush()`` over a StreamWriter."""

    def __init__(self, writer: asyncio.StreamWriter) -> None:
        self._writer = writer

    async def write(self, text: str) -> None:
        self._writer.write(text.encode("utf-8"))

    async def flush(self) -> None:
        await self._writer.drain()


@asynccontextmanager
async def pipe_stdio() -> AsyncIterator[tuple[Any, Any] | None]:
    """``(stdin, stdout)`` streams for ``stdio_server``, or None when fd 0 or 1 is not a pipe,
    socket or terminal (then the SDK's own streams serve)."""
    loop = asyncio.get_running_loop()
    wire_in, wire_out = os.dup(0), os.dup(1)
    read_file = os.fdopen(wire_in, "rb", buffering=0)
    write_file = os.fdopen(wire_out, "wb", buffering=0)
    reader = asyncio.StreamReader(limit=_MAX_LINE)
    read_transport: asyncio.BaseTransport | None = None
    try:
        read_transport, _ = await loop.connect_read_pipe(
            lambda: asyncio.StreamReaderProtocol(reader), read_file
        )
        write_transport, protocol = await loop.connect_write_pipe(
            lambda: asyncio.StreamReaderProtocol(asyncio.StreamReader()), write_file
        )
    except (ValueError, OSError):  # a regular file: not for the event loop
        if read_transport is not None:
            read_transport.close()
        read_file.close()
        write_file.close()
        yield None
        return
    saved_in, saved_out = os.dup(0), os.dup(1)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    os.dup2(2, 1)
    try:
        writer = asyncio.StreamWriter(write_transport, protocol, None, loop)
        yield _Lines(reader), _Writer(writer)
    finally:
        read_transport.close()
        write_transport.close()
        os.dup2(saved_in, 0)
        os.dup2(saved_out, 1)
        os.close(saved_in)
        os.close(saved_out)
