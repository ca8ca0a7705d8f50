"""The connect page (HTML) served at /connect/{token}."""

from __future__ import annotations

from starlette.routing import BaseRoute

from .context import SandboxContext


def routes(ctx: SandboxContext) -> list[BaseRoute]:
    return []
