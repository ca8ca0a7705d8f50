"""`Sandbox`: the sandbox served by uvicorn in a background thread of this process."""

from __future__ import annotations

import ipaddress
import socket
import sqlite3
import threading
import uuid
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import Any

import uvicorn

from .app import SandboxApp, create_app
from .faults import Fault, load_faults_file, parse_fault_rules
from .parsing import check_url
from .providers import ProviderCatalog
from .ratelimit import RateLimit, parse_rate_limit
from .requestlog import RequestLog
from .state import Store
from .webhook_sender import save_urls

FAKE_PROVIDERS = {
    "github": "github",
    "github-pat": "github",
    "github-app": "github",
    "slack": "slack",
    "openai": "openai",
}


class _Server(uvicorn.Server):
    """uvicorn's server, telling the app when it starts stopping: provider calls in flight end
    then (instead of being cancelled with a traceback after the graceful timeout)."""

    def __init__(self, config: uvicorn.Config, on_stop: Callable[[], None]) -> None:
        super().__init__(config)
        self._on_stop = on_stop

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        self._on_stop()
        await super().shutdown(sockets=sockets)


class SandboxError(Exception):
    """The sandbox could not start (port in use, bad providers file...)."""


def _checked_webhook_urls(urls: Sequence[str]) -> list[str]:
    if len(urls) > 2:
        raise SandboxError(f"at most two webhook URLs (primary, secondary), got {len(urls)}")
    for url in urls:
        problem = check_url(url)
        if problem is not None:
            raise SandboxError(f"webhook URL {url!r}: {problem}")
    return list(urls)


class Sandbox:
    """A local Nango-compatible server.

    >>> with Sandbox() as sb:
    ...     sb.base_url, sb.secret_key

    ``faults``: fault rules active from the start - a JSON/YAML file path, or a list of rules
    (dicts shaped like the body of ``POST /_sandbox/faults``).
    ``secret_key``: generated when not given; with a ``db`` file, the key stored in it is reused.
    ``fake_providers=True`` points github, github-pat, slack and openai at the
    sandbox's own ``/_fake/<provider>`` APIs, unless ``provider_base_urls`` says otherwise.
    ``request_log``: a file every logged call is appended to, one JSON line each (memory keeps
    only the total and the latest calls).
    ``provider_timeout``: the total deadline of one attempt at a provider (connect, send, read
    the whole answer), 60 s; past it the proxy answers Nango's 500 ``ETIMEDOUT``.
    ``time_scale``: multiplies the proxy's retry back-off (3 s doubling as on Nango); 1.0 is
    Nango's schedule, tests pass e.g. 0.01. It does not scale ``pickup_delay`` (seconds as given).
    ``rate_limit``: Nango's API rate limit, ``"N/WINDOW"`` (``"200/60s"`` as a real Nango,
    ``"3/2s"``) or a `RateLimit`; None (the default here) enforces none, so tests are not throttled.
    ``webhook_urls``: the environment's webhook URLs (at most two: primary, secondary), which
    then receive the signed webhooks of connections, background actions and sync runs.
    """

    def __init__(
        self,
        secret_key: str | None = None,
        db: str | None = None,
        provider_base_urls: dict[str, str] | None = None,
        providers_file: str | None = None,
        functions: str | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        fake_providers: bool = True,
        *,
        faults: str | Sequence[Fault | dict[str, Any]] | None = None,
        time_scale: float = 1.0,
        provider_timeout: float = 60.0,
        log_level: str = "warning",
        request_log: str | None = None,
        rate_limit: str | RateLimit | None = None,
        webhook_urls: Sequence[str] = (),
        pickup_delay: float = 0.1,
    ) -> None:
        self._secret_given = secret_key is not None
        self.secret_key = secret_key or str(uuid.uuid4())
        self.db = db
        self.host = host
        self.port = port
        self.fake_providers = fake_providers
        self._provider_base_urls = dict(provider_base_urls or {})
        self._providers_file = providers_file
        self._functions = functions
        self._faults = faults
        if not time_scale > 0:
            raise SandboxError(f"time_scale: expected a positive factor, got {time_scale}")
        self.time_scale = time_scale
        if not provider_timeout > 0:
            raise SandboxError(
                f"provider_timeout: expected positive seconds, got {provider_timeout}"
            )
        self.provider_timeout = provider_timeout
        if not 0 <= pickup_delay <= 60:
            raise SandboxError(f"pickup_delay: expected 0 to 60 seconds, got {pickup_delay!r}")
        self.pickup_delay = pickup_delay
        self._log_level = log_level
        self._request_log_path = request_log
        if isinstance(rate_limit, str):
            try:
                rate_limit = parse_rate_limit(rate_limit)
            except ValueError as exc:
                raise SandboxError(f"rate_limit: {exc}") from None
        self.rate_limit = rate_limit
        self._request_log: RequestLog | None = None
        self._webhook_urls = _checked_webhook_urls(webhook_urls)
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._store: Store | None = None
        self.app: SandboxApp | None = None

    @property
    def listening_on_network(self) -> bool:
        """Whether it listens beyond the loopback (0.0.0.0, ::, or a network address)."""
        try:
            return not ipaddress.ip_address(self.host.strip("[]")).is_loopback
        except ValueError:
            return self.host != "localhost"

    @property
    def listen_url(self) -> str:
        """The address it listens on, as given (``http://0.0.0.0:3003``)."""
        host = f"[{self.host}]" if ":" in self.host and not self.host.startswith("[") else self.host
        return f"http://{host}:{self.port}"

    @property
    def base_url(self) -> str:
        """Where clients reach it (a wildcard listen address is reached on the loopback)."""
        host = {"0.0.0.0": "127.0.0.1", "::": "[::1]"}.get(self.host, self.host)
        if ":" in host and not host.startswith("["):
            host = f"[{host}]"
        return f"http://{host}:{self.port}"

    def build_app(self, sock: socket.socket) -> SandboxApp:
        self.port = sock.getsockname()[1]
        catalog = (
            ProviderCatalog.from_file(self._providers_file)
            if self._providers_file
            else ProviderCatalog.builtin()
        )
        overrides: dict[str, str] = {}
        if self.fake_providers:
            overrides = {
                name: f"{self.base_url}/_fake/{fake}" for name, fake in FAKE_PROVIDERS.items()
            }
        overrides.update(self._provider_base_urls)
        try:
            self._store = Store(self.db)
        except sqlite3.Error as exc:
            raise ValueError(f"cannot open the database {self.db}: {exc}") from None
        if self.db:
            # A database file keeps the secret key it was created with (given or generated): a
            # restart accepts the same key, and a different --secret-key is refused, not adopted
            # silently (the old key would get 401 on the same data).
            stored = self._store.setting("secret_key", self.secret_key)
            if self._secret_given and stored != self.secret_key:
                self._store.close()
                self._store = None
                raise ValueError(
                    f"the database {self.db} was created with another secret key; start without"
                    " --secret-key to use its key, or give another --db file"
                )
            self.secret_key = stored
        self._request_log = RequestLog(path=self._request_log_path)
        if self._webhook_urls:
            urls = [*self._webhook_urls, None]
            save_urls(self._store, urls[0], urls[1])
        return create_app(
            secret_key=self.secret_key,
            store=self._store,
            catalog=catalog,
            base_url=self.base_url,
            provider_base_urls=overrides,
            functions=self._functions,
            faults=self._fault_rules(),
            time_scale=self.time_scale,
            provider_timeout=self.provider_timeout,
            pickup_delay=self.pickup_delay,
            request_log=self._request_log,
            rate_limit=self.rate_limit,
        )

    def _fault_rules(self) -> list[Fault]:
        """``faults``: a rules file path, or rules (`Fault` or dicts as POST /_sandbox/faults takes)."""
        if self._faults is None:
            return []
        if isinstance(self._faults, str):
            return load_faults_file(self._faults)
        return parse_fault_rules(list(self._faults))

    def bind(self) -> socket.socket:
        # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY only on sockets whose proto says TCP, and
        # without it every response waits ~40 ms on the peer's delayed ACK (Nagle).
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((self.host, self.port))
        except OSError as exc:
            sock.close()
            raise SandboxError(
                f"cannot listen on {self.host}:{self.port}: {exc.strerror}"
            ) from None
        sock.listen(128)
        return sock

    def server(self, sock: socket.socket) -> uvicorn.Server:
        try:
            self.app = self.build_app(sock)
        except ValueError as exc:  # FunctionsLoadError included
            sock.close()
            self._close_state()
            raise SandboxError(str(exc)) from None
        config = uvicorn.Config(
            self.app,
            http="h11",
            lifespan="on",
            log_level=self._log_level,
            access_log=False,
            timeout_graceful_shutdown=2,
        )
        self._server = _Server(config, self.app.ctx.stopping.set)
        return self._server

    def start(self) -> Sandbox:
        """Start serving in a background thread; returns once the server accepts connections."""
        if self._thread is not None:
            return self
        sock = self.bind()
        server = self.server(sock)
        self._thread = threading.Thread(
            target=server.run, kwargs={"sockets": [sock]}, name="nango-sandbox", daemon=True
        )
        self._thread.start()
        while not server.started:
            if not self._thread.is_alive():
                raise SandboxError(f"the sandbox failed to start on {self.base_url}")
            self._thread.join(0.01)
        return self

    def stop(self) -> None:
        """Stop serving and close the database."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(10)
        self._thread = None
        self._server = None
        self._close_state()

    def _close_state(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
        if self._request_log is not None:
            self._request_log.close()
            self._request_log = None

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
