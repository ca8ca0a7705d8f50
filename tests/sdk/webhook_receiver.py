"""A webhook receiver for the tests: a real HTTP server on 127.0.0.1 that verifies and parses
every POST with the SDK, as an application would, and answers 200, 401 or 400 accordingly."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from nango_toolbox import Nango, NangoError, WebhookPayloadError, WebhookVerificationError
from nango_toolbox.webhooks import Webhook


@dataclass(frozen=True)
class Received:
    """One request as it arrived, and what the SDK made of it."""

    body: bytes
    headers: list[tuple[str, str]]
    webhook: Webhook | None
    error: NangoError | None


class WebhookReceiver:
    """Parses each request with ``client.parse_webhook``; answers ``status`` (200 by default)
    for webhooks it accepts, 401 for a bad signature and 400 for a bad body."""

    def __init__(self, client: Nango, *, status: int = 200) -> None:
        self.client = client
        self.status = status
        self.received: list[Received] = []
        self._lock = threading.Condition()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length") or 0))
                headers = list(self.headers.items())
                webhook: Webhook | None = None
                error: NangoError | None = None
                try:
                    webhook = receiver.client.parse_webhook(body, headers)
                    status = receiver.status
                except WebhookVerificationError as exc:
                    error, status = exc, 401
                except WebhookPayloadError as exc:
                    error, status = exc, 400
                with receiver._lock:
                    receiver.received.append(Received(body, headers, webhook, error))
                    receiver._lock.notify_all()
                self.send_response(status)
                self.send_header("content-length", "0")
                self.end_headers()

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/webhooks"
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )
        self._thread.start()

    @property
    def last(self) -> Received:
        with self._lock:
            return self.received[-1]

    def wait_for(self, wanted: Callable[[Webhook], bool], timeout: float = 10.0) -> Webhook:
        """The first parsed webhook for which ``wanted`` is true, waiting for it to arrive
        (webhooks of sandbox events are sent in the background); AssertionError after
        ``timeout`` seconds."""

        def found() -> Webhook | None:
            return next(
                (r.webhook for r in self.received if r.webhook is not None and wanted(r.webhook)),
                None,
            )

        with self._lock:
            self._lock.wait_for(lambda: found() is not None, timeout)
            hit = found()
        assert hit is not None, f"no such webhook in {len(self.received)} received"
        return hit

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)
