"""The routes of deployed functions: actions, syncs, records and scripts config, around one
`runtime.Runtime` holding the functions loaded from ``ctx.functions``."""

from __future__ import annotations

from starlette.routing import BaseRoute

from . import api_actions, api_records, api_scripts, api_syncs
from .context import SandboxContext
from .loading import load_functions
from .runtime import Runtime


def routes(ctx: SandboxContext) -> list[BaseRoute]:
    """The routes of actions, syncs, records and scripts config."""
    runtime = Runtime(ctx, load_functions(ctx.functions))
    return [
        *api_actions.routes(runtime),
        *api_syncs.routes(runtime),
        *api_records.routes(runtime),
        *api_scripts.routes(runtime),
    ]
