"""The function API (compile, dry runs, deployments) through Nango and AsyncNango."""

from __future__ import annotations

import uuid

import httpx
import pytest
from nango_toolbox import (
    APITimeoutError,
    AsyncNango,
    ConflictError,
    InternalServerError,
    Nango,
    NotFoundError,
)
from sandbox_testing import SleepRecorder
from sdk_support import unique

OAUTH = {"type": "OAUTH2", "client_id": "id", "client_secret": "secret"}
TS = "export default createAction({ exec: async () => ({}) });"


def _github(nango: Nango) -> tuple[str, str]:
    """A fresh github integration and an OAuth connection to the fake GitHub."""
    key, connection_id = unique("gh"), unique("c")
    nango.create_integration(provider="github", unique_key=key, credentials=OAUTH)
    credentials = {"type": "OAUTH2", "access_token": "tok"}
    nango.import_connection(key, connection_id=connection_id, credentials=credentials)
    return key, connection_id


def test_template_deployment_runs_and_shows(nango: Nango) -> None:
    """deploy_function(template=) answers a finished deployment; the action then runs through
    trigger_action and shows in get_scripts_config and get_function."""
    key, connection_id = _github(nango)
    assert "get-user" in [t.name for t in nango.get_provider_templates("github")]
    handle = nango.deploy_function(key, template="get-user")
    assert handle.status == "success"
    deployment = nango.get_function_deployment(handle.id)
    assert (deployment.status, deployment.function_name, deployment.function_type) == (
        "success",
        "get-user",
        "action",
    )
    assert deployment.deployed is True
    assert [(f.name, f.version) for f in deployment.deployed_functions] == [("get-user", "1.0.0")]
    user = nango.trigger_action(key, connection_id, "get-user")
    assert user == {
        "id": "1001",
        "login": "sandbox-user",
        "name": "Sandbox User",
        "email": "sandbox-user@example.com",
    }
    configs = {c.provider_config_key: c for c in nango.get_scripts_config()}  # type: ignore[union-attr]
    assert "get-user" in [a.name for a in configs[key].actions]
    assert nango.get_function(key, "get-user").type_ == "action"


def test_deploy_and_wait_and_its_errors(nango: Nango) -> None:
    """deploy_function_and_wait gives the finished deployment; deploying it again is a 409
    ConflictError, an unknown template or deployment a NotFoundError."""
    key, _ = _github(nango)
    deployment = nango.deploy_function_and_wait(key, template="get-issue", function_type="action")
    assert (deployment.status, deployment.integration_id) == ("success", key)
    assert nango.wait_for_function_deployment(deployment.id).id == deployment.id
    with pytest.raises(ConflictError, match="template_already_deployed"):
        nango.deploy_function(key, template="get-issue")
    with pytest.raises(NotFoundError, match="template_not_found"):
        nango.deploy_function(key, template="no-such-template")
    with pytest.raises(NotFoundError, match="deployment_not_found"):
        nango.get_function_deployment(str(uuid.uuid4()))


def test_typescript_is_a_documented_sandbox_limit(nango: Nango) -> None:
    """Compiling, dry-running or deploying TypeScript source answers 503
    execution_environment_unavailable saying the sandbox cannot run TypeScript."""
    key, connection_id = _github(nango)
    calls = [
        lambda: nango.compile_function(TS),
        lambda: nango.create_function_dryrun(
            key, connection_id, function_type="action", code=TS, input={"a": 1}
        ),
        lambda: nango.deploy_function(key, code=TS, function_name="mine", function_type="action"),
    ]
    for call in calls:
        with pytest.raises(InternalServerError) as refused:
            call()
        assert refused.value.status_code == 503
        assert refused.value.code == "execution_environment_unavailable"
        assert "cannot compile or run TypeScript" in refused.value.message
    with pytest.raises(NotFoundError, match="connection_not_found"):
        nango.create_function_dryrun(key, "nobody", function_type="action", code=TS)
    with pytest.raises(NotFoundError, match="dryrun_not_found"):
        nango.get_function_dryrun(str(uuid.uuid4()))


def test_waiting_for_a_deployment_that_never_finishes_times_out(waits: SleepRecorder) -> None:
    """wait_for_function_deployment polls every poll_interval and raises APITimeoutError, naming
    the deployment and its last status, once timeout is used up."""
    running = {"id": "d-1", "status": "running", "created_at": "2026-01-01T00:00:00Z"}
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=running))
    with (
        httpx.Client(transport=transport) as http,
        Nango(
            "6a1f0b9e-3c1d-4b7a-9a55-2f3f6c0d8e11",
            "http://nango.test",
            http_client=http,
            sleep=waits,
        ) as nango,
        pytest.raises(APITimeoutError, match=r"^Deployment d-1 was still 'running' after 3 s"),
    ):
        nango.wait_for_function_deployment("d-1", timeout=3, poll_interval=1)
    assert waits.waits == [1, 1, 1]


def test_deploy_function_arguments_are_checked(nango: Nango) -> None:
    """deploy_function wants either code= or template=, and template= alone with function_type=."""
    with pytest.raises(ValueError, match=r"^deploy_function: pass either code="):
        nango.deploy_function("gh")
    with pytest.raises(ValueError, match=r"^deploy_function: function_name=, version="):
        nango.deploy_function("gh", template="get-user", function_name="x")


async def test_async_function_api(anango: AsyncNango, nango: Nango) -> None:
    """The same function API works through AsyncNango: template deployment, waiting, running,
    and the TypeScript limit."""
    key, connection_id = _github(nango)
    handle = await anango.deploy_function(key, template="get-user")
    deployment = await anango.get_function_deployment(handle.id)
    assert deployment.function_name == "get-user"
    assert (await anango.wait_for_function_deployment(handle.id)).status == "success"
    other = await anango.deploy_function_and_wait(key, template="get-issue")
    assert other.function_name == "get-issue"
    assert (await anango.trigger_action(key, connection_id, "get-user"))["login"] == "sandbox-user"
    with pytest.raises(InternalServerError, match="execution_environment_unavailable"):
        await anango.compile_function(TS)
    with pytest.raises(InternalServerError, match="execution_environment_unavailable"):
        await anango.create_function_dryrun(key, connection_id, function_type="sync", code=TS)
    with pytest.raises(NotFoundError, match="dryrun_not_found"):
        await anango.get_function_dryrun(str(uuid.uuid4()))
