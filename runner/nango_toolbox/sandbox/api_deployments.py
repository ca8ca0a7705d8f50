"""The function API: ``POST /functions/compile``, ``POST /functions/dryruns``,
``GET /functions/dryruns/{id}``, ``POST /functions/deployments``, ``GET /functions/deployments/{id}``.

Template deployments (``{"type": "template"}``) work as on Nango: the template (from the
catalogue of `builtin_functions.templates`) is deployed to the integration at once, the answer is
a 202 with a deployment already in ``success`` and ``GET /functions/deployments/{id}`` gives the
record; the function then runs through ``/action/trigger`` and shows in ``/scripts/config``.
Deployments last until the sandbox restarts.

Compiling, dry-running or deploying TypeScript source needs Nango's TypeScript build and runner,
which the sandbox does not have: after the same checks as Nango (body, integration, connection)
these answer 503 ``execution_environment_unavailable`` (the code Nango uses when its execution
environment is unavailable) with a message saying so. Sandbox functions are written in Python
(``--functions``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from . import clock
from .errors import ApiError, field_error, invalid_body
from .functions import Spec
from .parsing import check_query, path_uuid, read_object, reject_unknown_keys, require_str
from .runtime import Runtime

RUNNABLE_TYPES = ("action", "sync")
NO_TYPESCRIPT = (
    "The nango-toolbox sandbox cannot compile or run TypeScript functions (it has no Nango "
    "runner): deploy a template with type 'template', or write the function in Python and "
    "load it with --functions (docs/sandbox.md)"
)


def _function_type(body: dict[str, Any], *, optional: bool = False) -> str | None:
    kind = body.get("function_type")
    if kind is None and optional:
        return None
    if kind not in RUNNABLE_TYPES:
        raise invalid_body(
            field_error(["function_type"], "Expected 'action' or 'sync'", "invalid_enum_value")
        )
    return str(kind)


def _unavailable() -> ApiError:
    return ApiError(503, "execution_environment_unavailable", NO_TYPESCRIPT)


@dataclass
class _Deployment:
    """A finished template deployment, as ``GET /functions/deployments/{id}`` shows it."""

    id: str
    integration_id: str
    spec: Spec
    kind: str
    at: str

    def created(self) -> dict[str, Any]:
        return {"id": self.id, "status": "success", "created_at": self.at}

    def result(self) -> dict[str, Any]:
        return {
            **self.created(),
            "integration_id": self.integration_id,
            "function_name": self.spec.name,
            "function_type": self.kind,
            "updated_at": self.at,
            "started_at": self.at,
            "completed_at": self.at,
            "duration_ms": 0,
            "output": f"Successfully deployed the functions:\n- {self.spec.name}@{self.spec.version}",
            "deployed": True,
            "deployed_functions": [{"name": self.spec.name, "version": self.spec.version}],
        }


def _template(runtime: Runtime, provider: str, name: str, kind: str | None) -> tuple[str, Spec]:
    """The catalogue template ``name`` of ``provider`` (404, or 409 when a sync and an action
    share the name and no ``function_type`` picks one)."""
    found = runtime.templates.named("", provider, name, kind)
    if not found:
        raise ApiError(
            404, "template_not_found", f"No template named '{name}' exists for this integration"
        )
    if len(found) > 1:
        raise ApiError(
            409,
            "ambiguous_function",
            f"'{name}' exists as both a sync and an action; specify 'function_type' to "
            "disambiguate",
        )
    return found[0]


def routes(runtime: Runtime) -> list[BaseRoute]:
    """The routes listed in this module's docstring."""
    deployments: dict[str, _Deployment] = {}

    def integration(unique_key: str) -> Any:
        found = runtime.ctx.repo.integration(unique_key)
        if found is None:
            raise ApiError(
                404, "integration_not_found", f"Integration '{unique_key}' was not found"
            )
        return found

    async def compile_function(request: Request) -> Response:
        runtime.ctx.auth.require(request)
        check_query(request, set())
        body = await read_object(request)
        reject_unknown_keys(body, {"code"})
        require_str(body, "code")
        raise _unavailable()

    async def create_dryrun(request: Request) -> Response:
        runtime.ctx.auth.require(request)
        check_query(request, set())
        body = await read_object(request)
        reject_unknown_keys(
            body,
            {
                "integration_id",
                "function_type",
                "code",
                "connection_id",
                "input",
                "metadata",
                "checkpoint",
                "last_sync_date",
            },
        )
        key = require_str(body, "integration_id") or ""
        _function_type(body)
        require_str(body, "code")
        connection_id = require_str(body, "connection_id") or ""
        integration(key)
        if runtime.ctx.get_connection(key, connection_id) is None:
            raise ApiError(
                404, "connection_not_found", f"Connection '{connection_id}' was not found"
            )
        raise _unavailable()

    async def get_dryrun(request: Request) -> Response:
        runtime.ctx.auth.require(request)
        check_query(request, set())
        run_id = path_uuid(request, "id")
        raise ApiError(404, "dryrun_not_found", f"Dry run '{run_id}' was not found")

    async def create_deployment(request: Request) -> Response:
        runtime.ctx.auth.require(request)
        check_query(request, set())
        body = await read_object(request)
        if body.get("type") == "template":
            reject_unknown_keys(body, {"type", "integration_id", "template", "function_type"})
            key = require_str(body, "integration_id") or ""
            name = require_str(body, "template") or ""
            wanted = _function_type(body, optional=True)
            found = integration(key)
            kind, spec = _template(runtime, found.provider, name, wanted)
            if runtime.registry.named(key, found.provider, name, kind):
                raise ApiError(
                    409,
                    "template_already_deployed",
                    f"'{name}' is already deployed on this integration",
                )
            runtime.registry.deploy(spec, key)
            record = _Deployment(str(uuid.uuid4()), key, spec, kind, clock.now_iso())
            deployments[record.id] = record
            return JSONResponse(record.created(), status_code=202)
        if body.get("type") != "function":
            raise invalid_body(
                field_error(
                    ["type"], "Expected 'function' or 'template'", "invalid_union_discriminator"
                )
            )
        reject_unknown_keys(
            body,
            {
                "type",
                "integration_id",
                "function_name",
                "function_type",
                "code",
                "version",
                "allow_destructive",
            },
        )
        key = require_str(body, "integration_id") or ""
        require_str(body, "function_name")
        _function_type(body)
        require_str(body, "code")
        integration(key)
        raise _unavailable()

    async def get_deployment(request: Request) -> Response:
        runtime.ctx.auth.require(request)
        check_query(request, set())
        run_id = path_uuid(request, "id")
        record = deployments.get(run_id)
        if record is None:
            raise ApiError(404, "deployment_not_found", f"Deployment '{run_id}' was not found")
        return JSONResponse(record.result())

    return [
        Route("/functions/compile", compile_function, methods=["POST"]),
        Route("/functions/dryruns", create_dryrun, methods=["POST"]),
        Route("/functions/dryruns/{id}", get_dryrun, methods=["GET"]),
        Route("/functions/deployments", create_deployment, methods=["POST"]),
        Route("/functions/deployments/{id}", get_deployment, methods=["GET"]),
    ]
