"""``nango-run --sandbox``: run a workflow against an embedded, throw-away sandbox.

The sandbox serves fake provider APIs (GitHub, Slack, OpenAI), the run gets fake OAuth app
credentials for them in ``${{ env.<PROVIDER>_CLIENT_ID }}`` / ``_CLIENT_SECRET``, and connect
links are completed headlessly (``POST /_sandbox/connect/complete``) as if the end user had
opened them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from .errors import ConnectLink, StepFailed
from .runtime import Listener, StepResult

__all__ = ["SANDBOX_POLL_INTERVAL", "SandboxConnector", "embedded_sandbox", "fake_app_env"]

SANDBOX_POLL_INTERVAL = 0.05
_FAKE_OAUTH_PROVIDERS = ("github", "slack")


def fake_app_env() -> dict[str, str]:
    """Fake OAuth app credentials for the sandbox's fake providers."""
    env: dict[str, str] = {}
    for provider in _FAKE_OAUTH_PROVIDERS:
        name = provider.upper().replace("-", "_")
        env[f"{name}_CLIENT_ID"] = f"sandbox-{provider}-client-id"
        env[f"{name}_CLIENT_SECRET"] = f"sandbox-{provider}-client-secret"
    return env


@contextmanager
def embedded_sandbox() -> Iterator[Any]:
    """Start a sandbox with fake providers on a free port; stop it afterwards."""
    from ..sandbox import Sandbox

    with Sandbox(fake_providers=True) as sandbox:
        yield sandbox


class SandboxConnector:
    """A listener that completes connect links in the sandbox, then tells the wrapped listener."""

    def __init__(self, inner: Listener, base_url: str, secret_key: str) -> None:
        self.inner = inner
        self._base_url = base_url
        self._secret_key = secret_key
        self.completed: list[str] = []

    def step_started(self, path: str, kind: str) -> None:
        """Pass on."""
        self.inner.step_started(path, kind)

    def step_finished(self, result: StepResult) -> None:
        """Pass on."""
        self.inner.step_finished(result)

    def connect_link(self, link: ConnectLink, *, waiting: bool) -> None:
        """Show the link, then (when the run waits) complete it as the end user would."""
        self.inner.connect_link(link, waiting=waiting)
        if not waiting:
            return
        import httpx

        response = httpx.post(
            f"{self._base_url}/_sandbox/connect/complete",
            json={"token": link.token},
            headers={"Authorization": f"Bearer {self._secret_key}"},
            timeout=30,
        )
        if response.status_code >= 400:
            raise StepFailed(
                f"the sandbox could not complete the connect session ({response.status_code}: "
                f"{response.text[:200]})"
            )
        self.completed.append(link.integration)

    def waiting(self, link: ConnectLink, elapsed: float, limit: float) -> None:
        """Pass on."""
        self.inner.waiting(link, elapsed, limit)
