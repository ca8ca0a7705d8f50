"""The routes of deployed functions: actions, syncs, records, scripts config and the function
API (template deployments), around one `runtime.Runtime` holding the functions loaded from
``ctx.functions`` and the template catalogue."""

from __future__ import annotations

from starlette.routing import BaseRoute

from . import api_actions, api_deployments, api_records, api_scripts, api_syncs
from .builtin_functions import templates
from .context import SandboxContext
from .functions import FunctionRegistry
from .loading import load_functions
from .runtime import Runtime


def routes(ctx: SandboxContext) -> list[BaseRoute]:
    """The routes of actions, syncs, records, scripts config and the function API."""
    catalogue = FunctionRegistry()
    templates.register(catalogue)
    runtime = Runtime(ctx, load_functions(ctx.functions), catalogue)
    return [
        *api_deployments.routes(runtime),
        *api_actions.routes(runtime),
        *api_syncs.routes(runtime),
        *api_records.routes(runtime),
        *api_scripts.routes(runtime),
    ]
