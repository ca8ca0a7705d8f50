"""A small recording fake provider: a real HTTP server on 127.0.0.1 for proxy tests."""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class RecordedRequest:
    method: str
    path: str  # raw path with query string, as received
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class ScriptedResponse:
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    drop: bool = False  # close the connection without an answer
    delay: float = 0.0  # seconds to wait before answering (or dropping)
    raw: bytes | None = None  # the body as is (e.g. truncated JSON), instead of ``body``


class RecordingProvider:
    """Records every request; answers scripted responses first, then ``{"ok": true, "path": ...}``."""

    def __init__(self) -> None:
        self.requests: list[RecordedRequest] = []
        self._script: deque[ScriptedResponse] = deque()
        self._lock = threading.Lock()
        provider = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                recorded = RecordedRequest(
                    self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body
                )
                with provider._lock:
                    provider.requests.append(recorded)
                    scripted = provider._script.popleft() if provider._script else None
                if scripted is None:
                    scripted = ScriptedResponse(200, {"ok": True, "path": self.path})
                if scripted.delay:
                    time.sleep(scripted.delay)
                if scripted.drop:
                    self.close_connection = True
                    return
                if scripted.raw is not None:
                    payload = scripted.raw
                elif isinstance(scripted.body, str):
                    payload = scripted.body.encode()
                else:
                    payload = json.dumps(scripted.body).encode()
                try:
                    self.send_response(scripted.status)
                    headers = {"content-type": "application/json"} | scripted.headers
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("content-length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    # The client left during a delay: socketserver's traceback, printed by this
                    # thread seconds later, landed in whichever test captured stderr then.
                    self.close_connection = True

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def respond(
        self,
        status: int = 200,
        body: Any = None,
        headers: dict[str, str] | None = None,
        *,
        times: int = 1,
        drop: bool = False,
        delay: float = 0.0,
        raw: bytes | None = None,
    ) -> None:
        """Answer the next ``times`` requests with this response; ``drop`` closes the connection
        instead, ``delay`` waits first, ``raw`` is a body sent as is (e.g. truncated JSON)."""
        with self._lock:
            for _ in range(times):
                self._script.append(
                    ScriptedResponse(status, body, dict(headers or {}), drop, delay, raw)
                )

    def count(self, method: str, path: str) -> int:
        """How many requests with this method reached ``path`` (query string ignored)."""
        with self._lock:
            return sum(
                1 for r in self.requests if r.method == method and r.path.split("?")[0] == path
            )

    def reset(self) -> None:
        with self._lock:
            self.requests.clear()
            self._script.clear()

    @property
    def last(self) -> RecordedRequest:
        return self.requests[-1]

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)
