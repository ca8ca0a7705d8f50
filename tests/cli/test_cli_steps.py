"""Each step kind's behaviour through nango-run against the sandbox."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_support import CliRun, Control, unique
from nango_toolbox.sandbox import Sandbox

RunCli = Callable[..., CliRun]
Write = Callable[[str], Path]


def _github(control: Control, scopes: str = "repo") -> str:
    key = unique("gh")
    control.client.post(
        "/integrations",
        json={
            "provider": "github",
            "unique_key": key,
            "credentials": {
                "type": "OAUTH2",
                "client_id": "id",
                "client_secret": "s",
                "scopes": scopes,
            },
        },
    ).raise_for_status()
    return key


def _connected(control: Control, scopes: str = "repo") -> tuple[str, str]:
    key = _github(control, scopes)
    return key, control.connect(key, unique("user"))


# -- ensure_integration ---------------------------------------------------------------------


def test_ensure_integration_creates_an_api_key_integration_once(
    nango_run: RunCli, control: Control, write_workflow: Write
) -> None:
    """An absent API-key integration is created; the next run only reads it and its provider
    (two requests), and outputs the same auth_mode."""
    key = unique("sendgrid")
    flow = write_workflow(
        f"""
        version: 1
        name: t
        steps:
          - id: i
            ensure_integration: {{provider: sendgrid, unique_key: {key}}}
        outputs:
          created: ${{{{ steps.i.outputs.created }}}}
          mode: ${{{{ steps.i.outputs.auth_mode }}}}
        """
    )
    first = nango_run(flow, "--output", "json")
    assert first.code == 0, first.text
    assert first.json()["outputs"] == {"created": True, "mode": "API_KEY"}
    control.reset_requests()
    second = nango_run(flow, "--output", "json")
    assert second.json()["outputs"] == {"created": False, "mode": "API_KEY"}
    assert control.requests() == [("GET", f"/integrations/{key}"), ("GET", "/providers/sendgrid")]


def test_ensure_integration_refuses_oauth_without_an_app(
    nango_run: RunCli, control: Control, write_workflow: Write
) -> None:
    """An absent OAuth2 integration without client id and secret fails saying how to get them."""
    flow = write_workflow(
        f"""
        version: 1
        name: t
        steps:
          - id: i
            ensure_integration: {{provider: github, unique_key: {unique("gh")}}}
        """
    )
    control.reset_requests()
    result = nango_run(flow)
    assert result.code == 1
    assert "uses OAUTH2: create an OAuth app at github" in result.err
    assert "client id and secret" in result.err
    assert all(method == "GET" for method, _ in control.requests())


def test_ensure_integration_names_the_unset_variable(
    nango_run: RunCli, write_workflow: Write
) -> None:
    """OAuth credentials from an unset environment variable fail naming the variable."""
    flow = write_workflow(
        f"""
        version: 1
        name: t
        steps:
          - id: i
            ensure_integration:
              provider: github
              unique_key: {unique("gh")}
              credentials:
                client_id: ${{{{ env.NO_SUCH_CLIENT_ID }}}}
                client_secret: x
        """
    )
    result = nango_run(flow)
    assert result.code == 1
    assert "the environment variable NO_SUCH_CLIENT_ID is not set" in result.err


def test_ensure_integration_rejects_a_key_used_by_another_provider(
    nango_run: RunCli, control: Control, write_workflow: Write
) -> None:
    """A unique key taken by another provider's integration is a clear failure."""
    key = _github(control)
    flow = write_workflow(
        f"""
        version: 1
        name: t
        steps:
          - id: i
            ensure_integration: {{provider: sendgrid, unique_key: {key}}}
        """
    )
    result = nango_run(flow)
    assert result.code == 1
    assert f"integration '{key}' exists for provider 'github', not 'sendgrid'" in result.err


def test_ensure_integration_unknown_provider(nango_run: RunCli, write_workflow: Write) -> None:
    """An unknown provider fails naming it."""
    flow = write_workflow(
        """
        version: 1
        name: t
        steps:
          - id: i
            ensure_integration: {provider: not-a-provider-xyz}
        """
    )
    result = nango_run(flow)
    assert result.code == 1
    assert "unknown provider 'not-a-provider-xyz'" in result.err


# -- connection -----------------------------------------------------------------------------


def _connection_flow(write_workflow: Write, key: str, extra: str = "") -> Path:
    return write_workflow(
        f"""
        version: 1
        name: t
        inputs:
          user: {{type: string, default: nobody}}
        steps:
          - id: c
            connection:
              integration: {key}
              end_user: {{id: "${{{{ inputs.user }}}}"}}
              {extra}
        outputs:
          id: ${{{{ steps.c.outputs.connection_id }}}}
        """
    )


def test_connection_with_several_matches_lists_them(
    nango_run: RunCli, control: Control, write_workflow: Write
) -> None:
    """Several connections for the same end user fail listing their ids and how to choose."""
    key = _github(control)
    first = control.connect(key, "same-user")
    second = control.connect(key, "same-user")
    result = nango_run(_connection_flow(write_workflow, key), "--input", "user=same-user")
    assert result.code == 1
    # Listed newest first, as Nango lists them.
    assert f"2 connections of integration '{key}' match ({second}, {first})" in result.err
    assert "set connection.connection_id" in result.err


def test_connection_uses_the_one_existing_connection(
    nango_run: RunCli, control: Control, write_workflow: Write
) -> None:
    """Exactly one connection is used, with its scopes and credentials type, never its token."""
    key = _github(control)
    connection_id = control.connect(key, "solo")
    result = nango_run(
        _connection_flow(write_workflow, key), "--input", "user=solo", "--output", "json"
    )
    assert result.code == 0, result.text
    outputs = result.json()["steps"][0]["outputs"]
    assert outputs["connection_id"] == connection_id
    assert (outputs["credentials_type"], outputs["scopes"], outputs["created"]) == (
        "OAUTH2",
        ["repo"],
        False,
    )
    token = control.client.get(
        f"/connections/{connection_id}", params={"provider_config_key": key}
    ).json()["credentials"]["access_token"]
    assert token not in result.text


def test_connection_wait_zero_stops_with_exit_code_3(
    nango_run: RunCli, control: Control, write_workflow: Write
) -> None:
    """wait: 0 prints the connect link prominently on stderr and exits with code 3."""
    key = _github(control)
    result = nango_run(_connection_flow(write_workflow, key, "wait: 0"))
    assert result.code == 3
    assert f">>> The end user must connect {key}. Send them this link:" in result.err
    assert "/connect?session_token=nango_connect_session_" in result.err
    assert ">>> It expires at " in result.err
    assert "is waiting: waiting for the end user to connect" in result.err


def test_connection_wait_runs_out(
    nango_run: RunCli, control: Control, write_workflow: Write
) -> None:
    """When the end user does not connect within wait, the run stops with exit code 3."""
    key = _github(control)
    control.reset_requests()
    flow = _connection_flow(write_workflow, key, "wait: 300ms\n              poll_interval: 100ms")
    result = nango_run(flow, "--output", "json")
    assert result.code == 3
    assert "did not connect" in result.json()["error"]
    paths = [p.split("?")[0] for _, p in control.requests()]
    assert paths.count("/connect/sessions") == 1
    assert paths.count("/connections") >= 2


def test_connection_shows_progress_while_waiting(
    nango_run: RunCli, control: Control, write_workflow: Write
) -> None:
    """Human mode shows a progress line while waiting for the end user."""
    key = _github(control)
    flow = _connection_flow(write_workflow, key, "wait: 200ms\n              poll_interval: 50ms")
    result = nango_run(flow)
    assert result.code == 3
    assert "... waiting for the end user (0s of 0.2s)" in result.err


def test_connection_by_unknown_id_fails(
    nango_run: RunCli, control: Control, write_workflow: Write
) -> None:
    """A connection_id that does not exist fails with what to do."""
    key = _github(control)
    result = nango_run(_connection_flow(write_workflow, key, "connection_id: nope-123"))
    assert result.code == 1
    assert f"connection 'nope-123' of integration '{key}' does not exist" in result.err


# -- check_scopes ---------------------------------------------------------------------------


def _scopes_flow(write_workflow: Write, key: str, connection_id: str, body: str) -> Path:
    return write_workflow(
        f"""
        version: 1
        name: t
        steps:
          - id: s
            check_scopes:
              connection: {{integration: {key}, connection_id: {connection_id}}}
              {body}
        """
    )


def test_check_scopes_fails_naming_missing_scopes(
    nango_run: RunCli, control: Control, write_workflow: Write
) -> None:
    """Missing scopes with the default on_missing: fail name the scopes and the way out."""
    key, connection_id = _connected(control, "read:user")
    result = nango_run(
        _scopes_flow(write_workflow, key, connection_id, "require: [repo, {any_of: [gist, user]}]")
    )
    assert result.code == 1
    assert "lacks the scope(s) repo, one of gist/user (granted: read:user)" in result.err
    assert "on_missing: update_and_reconnect" in result.err


def test_check_scopes_any_of(nango_run: RunCli, control: Control, write_workflow: Write) -> None:
    """any_of is satisfied by any one of its scopes."""
    key, connection_id = _connected(control, "public_repo")
    result = nango_run(
        _scopes_flow(write_workflow, key, connection_id, "any_of: [repo, public_repo]"),
        "--output",
        "json",
    )
    assert result.code == 0, result.text
    assert result.json()["steps"][0]["outputs"]["granted"] == ["public_repo"]


def test_check_scopes_update_and_reconnect(
    nango_run: RunCli, control: Control, write_workflow: Write
) -> None:
    """update_and_reconnect adds the scope to the integration (comma-separated, no spaces), hands
    out a reconnect link, and never deletes the connection."""
    key, connection_id = _connected(control, "read:user")
    flow = _scopes_flow(
        write_workflow,
        key,
        connection_id,
        "require: [repo]\n              on_missing: update_and_reconnect",
    )
    control.reset_requests()
    result = nango_run(flow, "--no-wait", "--output", "json")
    assert result.code == 3, result.text
    assert result.json()["connect_link"]["reconnect"] is True
    detail = control.client.get(f"/integrations/{key}", params={"include": "credentials"}).json()
    assert detail["data"]["credentials"]["scopes"] == "read:user,repo"
    assert ("PATCH", f"/integrations/{key}") in control.requests()
    assert not any(method == "DELETE" for method, _ in control.requests())
    control.complete(result.json()["connect_link"]["url"])
    again = nango_run(flow, "--output", "json")
    assert again.code == 0, again.text
    assert "repo" in again.json()["steps"][0]["outputs"]["granted"]


def test_check_scopes_recreates_only_when_allowed(
    nango_run: RunCli, control: Control, write_workflow: Write
) -> None:
    """When a reconnect session cannot be made, the connection is deleted only with allow_recreate."""
    key, connection_id = _connected(control, "read:user")
    control.fault(
        route="POST /connect/sessions/reconnect",
        status=400,
        body={"error": {"code": "invalid_body", "message": "nope"}},
    )
    body = "require: [repo]\n              on_missing: update_and_reconnect"
    refused = nango_run(_scopes_flow(write_workflow, key, connection_id, body), "--no-wait")
    assert refused.code == 1
    assert "set allow_recreate: true" in refused.err
    assert (
        control.client.get(
            f"/connections/{connection_id}", params={"provider_config_key": key}
        ).status_code
        == 200
    )
    control.reset_requests()
    allowed = nango_run(
        _scopes_flow(
            write_workflow, key, connection_id, body + "\n              allow_recreate: true"
        ),
        "--no-wait",
    )
    assert allowed.code == 3, allowed.text
    assert ("DELETE", f"/connections/{connection_id}") in control.requests()


def _new_session_for(sandbox: Sandbox, integration: str, seconds: float = 10) -> str:
    """The token of the first unused connect session allowing ``integration`` (polls the store)."""
    assert sandbox.app is not None
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for row in sandbox.app.ctx.store.query(
            "SELECT token, data FROM connect_sessions WHERE used = 0 ORDER BY created_at"
        ):
            if json.loads(row["data"]).get("allowed_integrations") == [integration]:
                return str(row["token"])
        time.sleep(0.05)
    raise AssertionError(f"no connect session for {integration} within {seconds} s")


def test_check_scopes_recreate_waits_for_the_new_connection(
    nango_run: RunCli, control: Control, write_workflow: Write, sandbox: Sandbox
) -> None:
    """allow_recreate after a tags-only connection finds the new connection once the end user
    connects (it polls with tags[end_user_id]: Nango's endUserId would never match it)."""
    key, connection_id = _connected(control, "read:user")
    control.fault(
        route="POST /connect/sessions/reconnect",
        status=400,
        body={"error": {"code": "invalid_body", "message": "nope"}},
        times=1,
    )
    body = (
        "require: [repo]\n              on_missing: update_and_reconnect"
        "\n              allow_recreate: true\n              wait: 20s"
        "\n              poll_interval: 0.1s"
    )
    flow = _scopes_flow(write_workflow, key, connection_id, body)
    finished: list[CliRun] = []
    runner = threading.Thread(target=lambda: finished.append(nango_run(flow, "--output", "json")))
    runner.start()
    try:
        created = control.complete(_new_session_for(sandbox, key))
    finally:
        runner.join(30)
    (result,) = finished
    assert result.code == 0, result.text
    assert created["connection_id"] != connection_id
    assert "repo" in result.json()["steps"][0]["outputs"]["granted"]


# -- proxy ----------------------------------------------------------------------------------


def _proxy_flow(write_workflow: Write, key: str, connection_id: str, body: str) -> Path:
    return write_workflow(
        f"""
        version: 1
        name: t
        steps:
          - id: p
            proxy:
              connection: {{integration: {key}, connection_id: {connection_id}}}
              {body}
        """
    )


@pytest.mark.parametrize(
    ("options", "pages", "items"),
    [
        ("paginate: {limit: 2}", 3, 5),
        ("paginate: {limit: 2}\n              max_pages: 2", 2, 4),
        ("paginate: {limit: 2}\n              max_items: 3", 2, 3),
    ],
)
def test_proxy_follows_the_providers_link_pagination(
    nango_run: RunCli,
    control: Control,
    write_workflow: Write,
    options: str,
    pages: int,
    items: int,
) -> None:
    """paginate: uses GitHub's link pagination from GET /providers/github, bounded by
    max_pages and max_items."""
    key, connection_id = _connected(control)
    control.reset_requests()
    result = nango_run(
        _proxy_flow(
            write_workflow, key, connection_id, f"path: /user/repos\n              {options}"
        ),
        "--output",
        "json",
    )
    assert result.code == 0, result.text
    outputs = result.json()["steps"][0]["outputs"]
    assert (outputs["pages"], len(outputs["items"])) == (pages, items)
    requests = control.requests()
    # The provider behind the integration, then its pagination config, each read once.
    assert requests[:2] == [("GET", f"/integrations/{key}"), ("GET", "/providers/github")]
    # Nango's proxy drops the Link header on 2xx: the runner asks for page=2, 3, ... instead.
    assert [p.split("?")[0] for _, p in requests[2:]] == ["/proxy/user/repos"] * pages


def test_proxy_fails_on_provider_errors_unless_expected(
    nango_run: RunCli, control: Control, write_workflow: Write
) -> None:
    """A provider 404 fails the step with the provider's message, unless expect lists 404."""
    key, connection_id = _connected(control)
    path = "path: /repos/octo/none/issues/999"
    failed = nango_run(_proxy_flow(write_workflow, key, connection_id, path))
    assert failed.code == 1
    assert (
        "GET /repos/octo/none/issues/999 through the proxy: the provider answered 404: Not Found"
        in failed.err
    )
    expected = nango_run(
        _proxy_flow(write_workflow, key, connection_id, path + "\n              expect: [404]"),
        "--output",
        "json",
    )
    assert expected.code == 0
    assert expected.json()["steps"][0]["outputs"]["status"] == 404


def test_proxy_path_leaving_proxy_fails_the_step_as_a_user_error(
    nango_run: RunCli, control: Control, write_workflow: Write
) -> None:
    """A path with '..' segments fails the step before any proxy call, in the SDK's words, not
    as a bug of nango-run, and is not retried."""
    key, connection_id = _connected(control)
    control.reset_requests()
    path = "path: '../../integrations'\n              retries: 2"
    failed = nango_run(_proxy_flow(write_workflow, key, connection_id, path))
    assert failed.code == 1
    assert "has a '.' or '..' segment, which would leave /proxy/" in failed.err
    assert "bug" not in failed.err
    assert not [p for _, p in control.requests() if "proxy" in p or p == "/integrations"]


# -- action, call, metadata, discover, sync -------------------------------------------------


def test_action_not_deployed_lists_the_deployed_ones(
    nango_run: RunCli, control: Control, write_workflow: Write
) -> None:
    """An action that is not deployed fails listing the integration's deployed actions."""
    key, connection_id = _connected(control)
    flow = write_workflow(
        f"""
        version: 1
        name: t
        steps:
          - id: a
            action: {{connection: {{integration: {key}, connection_id: {connection_id}}}, name: close-issue}}
        """
    )
    result = nango_run(flow)
    assert result.code == 1
    assert (
        f"action 'close-issue' is not deployed for integration '{key}' (deployed actions: create-issue, list-repos)"
        in result.err
    )


def test_failing_action_step_shows_the_actions_own_message(
    nango_run: RunCli, control: Control, write_workflow: Write
) -> None:
    """An action that fails on its input fails the step with the action's message, no retry
    advice."""
    key, connection_id = _connected(control)
    flow = write_workflow(
        f"""
        version: 1
        name: t
        steps:
          - id: a
            action: {{connection: {{integration: {key}, connection_id: {connection_id}}}, name: create-issue, input: {{repo: octo-org/hello-world}}}}
        """
    )
    result = nango_run(flow, "--output", "json")
    assert result.code == 1
    assert result.json()["steps"][0]["error"] == (
        "POST /action/trigger failed with 500 action_script_runtime_error: action "
        "'create-issue' failed: input.title must be a non-empty string"
    )


def test_actions_read_the_scripts_config_once_per_run(
    nango_run: RunCli, control: Control, write_workflow: Write
) -> None:
    """Two action steps (one async) share one GET /scripts/config and return the action output."""
    key, connection_id = _connected(control)
    conn = f"{{integration: {key}, connection_id: {connection_id}}}"
    flow = write_workflow(
        f"""
        version: 1
        name: t
        steps:
          - id: a
            action: {{connection: {conn}, name: list-repos}}
          - id: b
            action: {{connection: {conn}, name: list-repos, async: true, wait: 30s}}
        outputs:
          first: ${{{{ steps.a.outputs.result.repos[0].name }}}}
          count: ${{{{ steps.b.outputs.result.repos }}}}
        """
    )
    control.reset_requests()
    result = nango_run(flow, "--output", "json")
    assert result.code == 0, result.text
    assert result.json()["outputs"]["first"] == "hello-world"
    assert len(result.json()["outputs"]["count"]) == 5
    paths = [p.split("?")[0] for _, p in control.requests()]
    assert paths.count("/scripts/config") == 1
    assert paths[:3] == ["/scripts/config", "/action/trigger", "/action/trigger"]


def test_metadata_set_then_get(nango_run: RunCli, control: Control, write_workflow: Write) -> None:
    """metadata set replaces the connection's metadata and a later get reads it back."""
    key, connection_id = _connected(control)
    conn = f"{{integration: {key}, connection_id: {connection_id}}}"
    flow = write_workflow(
        f"""
        version: 1
        name: t
        steps:
          - id: put
            metadata: {{connection: {conn}, operation: set, metadata: {{team: blue, n: 2}}}}
          - id: read
            metadata: {{connection: {conn}}}
        outputs:
          metadata: ${{{{ steps.read.outputs.metadata }}}}
        """
    )
    result = nango_run(flow, "--output", "json")
    assert result.code == 0, result.text
    assert result.json()["outputs"]["metadata"] == {"team": "blue", "n": 2}


def test_discover_finds_an_end_users_tags_only_connection(
    nango_run: RunCli, control: Control, write_workflow: Write
) -> None:
    """discover connections with end_user_id finds a connection made through a tags-only session
    (the way the connection step connects end users), which Nango's endUserId would miss."""
    key = _github(control)
    user = unique("user")
    connection_id = control.connect(key, user)
    control.connect(key, unique("someone-else"))
    flow = write_workflow(
        f"""
        version: 1
        name: t
        steps:
          - id: mine
            discover: {{what: connections, integration: {key}, end_user_id: {user}}}
        outputs:
          ids: ${{{{ steps.mine.outputs.items }}}}
        """
    )
    result = nango_run(flow, "--output", "json")
    assert result.code == 0, result.text
    assert [c["connection_id"] for c in result.json()["outputs"]["ids"]] == [connection_id]


def test_discover_lists_integrations_and_actions(
    nango_run: RunCli, control: Control, write_workflow: Write
) -> None:
    """discover lists the integrations and the actions deployed for one integration."""
    key = _github(control)
    flow = write_workflow(
        f"""
        version: 1
        name: t
        steps:
          - id: all
            discover: {{what: integrations}}
          - id: actions
            discover: {{what: actions, integration: {key}}}
        outputs:
          keys: ${{{{ steps.all.outputs.items }}}}
          actions: ${{{{ steps.actions.outputs.items }}}}
        """
    )
    result = nango_run(flow, "--output", "json")
    assert result.code == 0, result.text
    outputs = result.json()["outputs"]
    assert key in [i["unique_key"] for i in outputs["keys"]]
    assert sorted(a["name"] for a in outputs["actions"]) == ["create-issue", "list-repos"]


def test_sync_trigger_then_status(
    nango_run: RunCli, control: Control, write_workflow: Write
) -> None:
    """sync trigger posts /sync/trigger, then reads /sync/status for its outputs."""
    key, connection_id = _connected(control)
    flow = write_workflow(
        f"""
        version: 1
        name: t
        steps:
          - id: s
            sync:
              connection: {{integration: {key}, connection_id: {connection_id}}}
              operation: trigger
              syncs: [issues]
        """
    )
    control.reset_requests()
    result = nango_run(flow, "--output", "json")
    assert result.code == 0, result.text
    assert isinstance(result.json()["steps"][0]["outputs"]["syncs"], list)
    assert [(m, p.split("?")[0]) for m, p in control.requests()] == [
        ("POST", "/sync/trigger"),
        ("GET", "/sync/status"),
    ]


def test_for_each_fail_policy_fails_the_step_but_keeps_results(
    nango_run: RunCli, control: Control, write_workflow: Write
) -> None:
    """With on_item_failure: fail, a failed item fails the step after every item ran."""
    key, connection_id = _connected(control)
    flow = write_workflow(
        f"""
        version: 1
        name: t
        steps:
          - id: each
            for_each:
              items: [/user, /repos/o/missing/issues/1, /user]
              as: path
              steps:
                - id: get
                  proxy:
                    connection: {{integration: {key}, connection_id: {connection_id}}}
                    path: ${{{{ path }}}}
        """
    )
    result = nango_run(flow, "--output", "json")
    assert result.code == 1
    step = result.json()["steps"][-1]
    assert step["id"] == "each" and step["status"] == "failed"
    assert "1 of 3 items failed (first: item 1: step each[1].get failed" in step["error"]
    assert [r["status"] for r in step["outputs"]["results"]] == ["success", "failed", "success"]
    assert [s["id"] for s in result.json()["steps"]][:3] == [
        "each[0].get",
        "each[1].get",
        "each[2].get",
    ]


def test_update_and_reconnect_completes_in_sandbox_mode(
    nango_run: RunCli, write_workflow: Write
) -> None:
    """In --sandbox mode a missing scope is added and the reconnect is completed automatically."""
    flow = write_workflow(
        """
        version: 1
        name: t
        steps:
          - id: i
            ensure_integration:
              provider: github
              credentials: {client_id: "${{ env.GITHUB_CLIENT_ID }}", client_secret: "${{ env.GITHUB_CLIENT_SECRET }}", scopes: [read:user]}
          - id: gh
            connection: {integration: github, end_user: {id: someone}}
          - id: scopes
            check_scopes: {connection: gh, require: [repo], on_missing: update_and_reconnect}
        """
    )
    result = nango_run("--sandbox", flow, "--output", "json")
    assert result.code == 0, result.text
    outputs = result.json()["steps"][-1]["outputs"]
    assert outputs["reconnected"] is True
    assert sorted(outputs["granted"]) == ["read:user", "repo"]
