"""A minimal fast fake Nango on raw asyncio, for benchmarks whose ceiling must not be our sandbox.

Usage: python bench/_fast_nango.py --port P --secret-key K [--connections N] [--integration I]
       [--latency-ms MS]

It answers only what a fan-out needs, with HTTP/1.1 keep-alive and no framework:

- ``GET /connections`` (any query): ``{"connections": [...]}``, N connections of integration I,
  shaped like Nango's list items;
- ``GET /proxy/<anything>``: ``{"login": "octocat", "connection_id": ...}`` after MS milliseconds
  (the provider's latency, scheduled on the event loop: the server keeps answering meanwhile);
- anything else: 404 in Nango's error shape; a wrong bearer key: 401.

It prints ``ready`` on stdout once it listens, and counts what it answered (and the TCP connections
it accepted) in ``GET /_stats``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys


def connection_list(integration: str, count: int) -> bytes:
    items: list[dict[str, object]] = [
        {
            "id": i + 1,
            "connection_id": f"fast-conn-{i}",
            "provider_config_key": integration,
            "provider": "github",
            "errors": [],
            "end_user": None,
            "tags": {},
            "metadata": {},
            "created": "2026-12-01T00:00:00.000Z",
        }
        for i in range(count)
    ]
    return json.dumps({"connections": items}).encode()


def response(status: int, body: bytes) -> bytes:
    reason = {200: "OK", 401: "Unauthorized", 404: "Not Found"}[status]
    head = (
        f"HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\n"
        f"content-length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


class FastNango(asyncio.Protocol):
    def __init__(self, server: Server) -> None:
        self.server = server
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        self.server.counts["tcp"] += 1

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = self.buffer[:end].decode("latin-1")
            rest = self.buffer[end + 4 :]
            lines = head.split("\r\n")
            headers: dict[str, str] = {}
            for line in lines[1:]:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            length = int(headers.get("content-length") or 0)
            if len(rest) < length:
                return
            self.buffer = rest[length:]
            method, target, _ = lines[0].split(" ", 2)
            self.handle(method, target.split("?", 1)[0], headers)

    def handle(self, method: str, path: str, headers: dict[str, str]) -> None:
        server = self.server
        if headers.get("authorization") != server.auth:
            self.send(response(401, b'{"error":{"code":"unknown_account"}}'))
        elif method == "GET" and path == "/connections":
            server.counts["connections"] += 1
            self.send(response(200, server.connections))
        elif path.startswith("/proxy/"):
            server.counts["proxy"] += 1
            body = json.dumps(
                {"login": "octocat", "connection_id": headers.get("connection-id")}
            ).encode()
            asyncio.get_running_loop().call_later(server.latency, self.send, response(200, body))
        elif method == "GET" and path == "/_stats":
            self.send(response(200, json.dumps(server.counts).encode()))
        else:
            self.send(response(404, b'{"error":{"code":"not_found","message":"fake"}}'))

    def send(self, data: bytes) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(data)


class Server:
    def __init__(self, key: str, integration: str, count: int, latency: float) -> None:
        self.auth = f"Bearer {key}"
        self.connections = connection_list(integration, count)
        self.latency = latency
        self.counts = {"tcp": 0, "connections": 0, "proxy": 0}


async def serve(port: int, server: Server) -> None:
    loop = asyncio.get_running_loop()
    listener = await loop.create_server(lambda: FastNango(server), "127.0.0.1", port, backlog=1024)
    print("ready", flush=True)
    async with listener:
        await listener.serve_forever()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--secret-key", required=True)
    parser.add_argument("--connections", type=int, default=200)
    parser.add_argument("--integration", default="fan")
    parser.add_argument("--latency-ms", type=float, default=20.0)
    args = parser.parse_args()
    server = Server(args.secret_key, args.integration, args.connections, args.latency_ms / 1000)
    try:
        asyncio.run(serve(args.port, server))
    except KeyboardInterrupt:
        sys.exit(0)


if __name__ == "__main__":
    main()
