"""nango-toolbox mcp with the MCP SDK's own client, over stdio and over Streamable HTTP, against
the session sandbox: the tool list, every tool, workflow tools, connect links and bad input."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from cli.cli_support import GITHUB_CLIENT_SECRET, Control
from mcp import Client
from mcp.client.stdio import StdioServerParameters
from nango_toolbox.sandbox import Sandbox
from sandbox_testing import unique

TOOLBOX = str(Path(sys.executable).with_name("nango-toolbox"))
NANGO_NAMES = {
    "integrations_list",
    "integrations_get",
    "integrations_create",
    "integrations_update",
    "integrations_delete",
    "connections_list",
    "connections_get",
    "connect_session_create",
    "proxy_request",
}
OUR_NAMES = {
    "providers_search",
    "integration_ensure",
    "connection_ensure",
    "scopes_check",
    "scripts_list",
    "action_trigger",
    "records_list",
}
READS = {
    "integrations_list",
    "integrations_get",
    "connections_list",
    "connections_get",
    "providers_search",
    "scripts_list",
    "records_list",
}


def _env(sandbox: Sandbox) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NANGO")}
    return {**env, "NANGO_SECRET_KEY": sandbox.secret_key, "NANGO_SERVER_URL": sandbox.base_url}


def _stdio(sandbox: Sandbox, *args: str) -> Client:
    return Client(
        StdioServerParameters(command=TOOLBOX, args=["mcp", *args], env=_env(sandbox)),
        read_timeout_seconds=60,
    )


async def _call(client: Client, name: str, **arguments: Any) -> dict[str, Any]:
    """A tool's structured result (the call must succeed)."""
    result = await client.call_tool(name, arguments)
    assert not result.is_error, result.content
    assert isinstance(result.structured_content, dict)
    text = result.content[0].text  # type: ignore[union-attr]
    assert json.loads(text) == result.structured_content
    return result.structured_content


async def _error(client: Client, name: str, **arguments: Any) -> str:
    """A tool error's one line."""
    result = await client.call_tool(name, arguments)
    assert result.is_error
    return str(result.content[0].text)  # type: ignore[union-attr]


async def _github(client: Client) -> str:
    key = unique("gh")
    done = await _call(
        client,
        "integration_ensure",
        provider="github",
        unique_key=key,
        client_id="gh-client-id",
        client_secret=GITHUB_CLIENT_SECRET,
        scopes="repo",
    )
    assert done["integration"]["created"] is True
    return key


def _github_by_api(control: Control) -> str:
    """A GitHub integration made through the API (the MCP client logs tool arguments, the
    client secret among them, at DEBUG)."""
    key = unique("gh")
    credentials = {"type": "OAUTH2", "client_id": "gh-id", "client_secret": GITHUB_CLIENT_SECRET}
    control.client.post(
        "/integrations",
        json={
            "provider": "github",
            "unique_key": key,
            "credentials": {**credentials, "scopes": "repo"},
        },
    ).raise_for_status()
    return key


async def _connected(client: Client, control: Control, key: str, end_user: str) -> str:
    first = await _call(client, "connection_ensure", integration_id=key, end_user_id=end_user)
    assert first["outcome"] == "needs_person"
    control.complete(first["connect_link"]["url"])
    again = await _call(client, "connection_ensure", integration_id=key, end_user_id=end_user)
    assert again["outcome"] == "ok"
    return str(again["connection"]["connection_id"])


async def test_stdio_lists_the_tools_with_schemas_and_hints(sandbox: Sandbox) -> None:
    """Over stdio: exactly Nango's names and ours, JSON Schema 2020-12 input and output schemas
    that refuse unknown arguments, readOnlyHint on reads, destructiveHint on deletes and proxy."""
    async with _stdio(sandbox) as client:
        tools = {t.name: t for t in (await client.list_tools()).tools}
    assert set(tools) == NANGO_NAMES | OUR_NAMES
    for name, tool in tools.items():
        assert tool.input_schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert tool.input_schema["additionalProperties"] is False
        assert tool.output_schema is not None and tool.output_schema["type"] == "object"
        assert tool.annotations is not None
        assert tool.annotations.read_only_hint is (name in READS), name
    destructive = {n for n, t in tools.items() if t.annotations and t.annotations.destructive_hint}
    assert destructive == {"integrations_delete", "proxy_request", "action_trigger"}
    assert set(tools["proxy_request"].input_schema["properties"]) >= {
        "integration_id",
        "connection_id",
        "method",
        "path",
        "query_params",
        "headers",
        "body",
        "base_url_override",
        "retries",
        "retry_on",
    }


async def test_stdio_every_tool_against_the_sandbox(sandbox: Sandbox, control: Control) -> None:
    """Over stdio, the decision path end to end: ensure, connect link, connection, scopes,
    proxy, action, records, scripts, lists, gets, connect session, create/update/delete; no
    result carries a credential."""
    async with _stdio(sandbox) as client:
        key = await _github(client)
        cid = await _connected(client, control, key, "ann")
        scopes = await _call(client, "scopes_check", integration_id=key, require=["repo"])
        assert (scopes["granted"], scopes["satisfied"]) == (["repo"], True)
        proxied = await _call(
            client, "proxy_request", integration_id=key, method="GET", path="/user"
        )
        assert (proxied["status"], proxied["body"]["login"], proxied["connection_id"]) == (
            200,
            "sandbox-user",
            cid,
        )
        action = await _call(
            client,
            "action_trigger",
            integration_id=key,
            action_name="create-issue",
            input={"repo": "octo/hello", "title": "Hi"},
        )
        assert action["result"]["title"] == "Hi"
        control.seed_records(key, cid, "Note", [{"id": "1", "text": "one"}])
        records = await _call(client, "records_list", integration_id=key, model="Note")
        assert [r["id"] for r in records["records"]] == ["1"]
        scripts = await _call(client, "scripts_list", integration_id=key)
        assert [s["integration_id"] for s in scripts["scripts"]] == [key]
        listed = await _call(client, "integrations_list")
        assert key in {i["unique_key"] for i in listed["integrations"]}
        got = await _call(client, "integrations_get", integration_id=key)
        assert got["integration"]["scopes"] == ["repo"]
        connections = await _call(client, "connections_list", integration_id=key)
        assert [c["connection_id"] for c in connections["connections"]] == [cid]
        one = await _call(client, "connections_get", integration_id=key, connection_id=cid)
        assert one["connection"]["tags"] == {"end_user_id": "ann"}
        session = await _call(
            client, "connect_session_create", integration_id=key, end_user_id="bob"
        )
        assert session["outcome"] == "needs_person"
        assert re.search(
            r"/connect\?session_token=nango_connect_session_", session["connect_link"]["url"]
        )
        providers = await _call(client, "providers_search", search="slack")
        assert "slack" in [p["name"] for p in providers["providers"]]
        assert all("slack" in p["name"] for p in providers["providers"])
        other = unique("sg")
        made = await _call(client, "integrations_create", provider="sendgrid", unique_key=other)
        assert made["integration"]["unique_key"] == other
        renamed = await _call(
            client, "integrations_update", integration_id=other, display_name="Mail"
        )
        assert renamed["integration"]["display_name"] == "Mail"
        deleted = await _call(client, "integrations_delete", integration_id=other)
        assert deleted["deleted"] == other
        for result in (one, connections, proxied, got):
            text = json.dumps(result)
            assert "access_token" not in text and GITHUB_CLIENT_SECRET not in text


async def test_stdio_choices_and_bad_input(sandbox: Sandbox, control: Control) -> None:
    """Several connections come back as a choice; an unknown or missing argument and an
    unknown integration are tool errors with the command line's one-line messages."""
    async with _stdio(sandbox) as client:
        key = await _github(client)
        await _connected(client, control, key, "ann")
        await _connected(client, control, key, "bob")
        choice = await _call(
            client, "proxy_request", integration_id=key, method="GET", path="/user"
        )
        assert choice["outcome"] == "choose"
        assert sorted(c["tags"]["end_user_id"] for c in choice["candidates"]) == ["ann", "bob"]
        unknown_arg = await _error(
            client, "proxy_request", integration_id=key, method="GET", path="/user", pth="/x"
        )
        assert unknown_arg.startswith("proxy_request: unknown argument 'pth' (arguments: ")
        assert unknown_arg.endswith("; did you mean 'path'?")
        missing = await _error(client, "proxy_request", integration_id=key, method="GET")
        assert missing == "proxy_request: missing required argument 'path'"
        typed = await _error(client, "records_list", integration_id=key, model="Note", limit="x")
        assert typed == "records_list: argument limit: 'x' is not of type 'integer'"
        wrong = await _error(client, "connections_list", integration_id=key + "z")
        assert wrong.startswith(f"unknown integration '{key}z' (known: ")
        assert wrong.endswith(f"did you mean '{key}'?")


async def test_stdio_read_only_and_one_integration(sandbox: Sandbox, control: Control) -> None:
    """--read-only lists the reads only (proxy limited to GET/HEAD); --integration K limits the
    integration arguments to K and refuses others."""
    async with _stdio(sandbox) as setup:
        key = await _github(setup)
        await _connected(setup, control, key, "ann")
    async with _stdio(sandbox, "--read-only", "--integration", key) as client:
        tools = {t.name: t for t in (await client.list_tools()).tools}
        assert set(tools) == READS | {"proxy_request", "scopes_check"}
        proxy = tools["proxy_request"]
        assert proxy.input_schema["properties"]["method"]["enum"] == ["GET", "HEAD"]
        assert proxy.input_schema["properties"]["integration_id"]["enum"] == [key]
        assert proxy.annotations and proxy.annotations.read_only_hint is True
        assert "grant" not in tools["scopes_check"].input_schema["properties"]
        got = await _call(client, "proxy_request", integration_id=key, method="GET", path="/user")
        assert got["status"] == 200
        post = await _error(client, "proxy_request", integration_id=key, method="POST", path="/x")
        assert "'POST' is not one of ['GET', 'HEAD']" in post
        listed = await _call(client, "integrations_list")
        assert [i["unique_key"] for i in listed["integrations"]] == [key]


# -- Streamable HTTP ---------------------------------------------------------------------------

VALID = """\
version: 1
name: whoami
description: The end user's GitHub login.
inputs:
  integration: {type: string, required: true}
  user: {type: string, required: true}
steps:
  - id: github
    connection: {integration: "${{ inputs.integration }}", end_user: {id: "${{ inputs.user }}"}}
  - id: me
    proxy: {connection: github, method: GET, path: /user}
outputs:
  login: ${{ steps.me.outputs.body.login }}
"""
INVALID = "version: 1\nname: broken\nsteps:\n  - id: x\n    nope: {}\n"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def _http_server(sandbox: Sandbox, *args: str) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    port = _free_port()
    proc = subprocess.Popen(
        [TOOLBOX, "mcp", "--http", f"127.0.0.1:{port}", *args],
        env=_env(sandbox),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "the MCP server did not start in 30 s"
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/mcp", proc
    finally:
        proc.terminate()
        proc.wait(timeout=10)


async def test_http_workflow_tool_and_connect_link(
    sandbox: Sandbox, control: Control, tmp_path: Path
) -> None:
    """Over Streamable HTTP with --workflows: a valid workflow is a tool (inputs as its schema)
    that hands out a connect link, then returns its outputs; an invalid one is reported on
    stderr and in the instructions and left out, and the server still serves."""
    (tmp_path / "whoami.yaml").write_text(textwrap.dedent(VALID))
    (tmp_path / "broken.yaml").write_text(INVALID)
    with _http_server(sandbox, "--workflows", str(tmp_path)) as (url, proc):
        async with Client(url, read_timeout_seconds=60) as client:
            tools = {t.name: t for t in (await client.list_tools()).tools}
            assert "workflow_whoami" in tools and "workflow_broken" not in tools
            schema = tools["workflow_whoami"].input_schema
            assert (schema["required"], schema["additionalProperties"]) == (
                ["integration", "user"],
                False,
            )
            assert "broken.yaml" in (client.instructions or "")
            key = _github_by_api(control)
            waiting = await _call(client, "workflow_whoami", integration=key, user="ann")
            assert waiting["outcome"] == "needs_person"
            assert waiting["connect_link"]["integration"] == key
            control.complete(waiting["connect_link"]["url"])
            done = await _call(client, "workflow_whoami", integration=key, user="ann")
            assert (done["outcome"], done["outputs"]) == ("ok", {"login": "sandbox-user"})
            bad = await _error(client, "workflow_whoami", integration=key)
            assert bad == "workflow_whoami: missing required argument 'user'"
            link = await _call(
                client, "connect_session_create", integration_id=key, end_user_id="x"
            )
            assert link["connect_link"]["url"].startswith(sandbox.base_url + "/connect")
    err = proc.stderr.read() if proc.stderr else ""
    assert "workflow left out: " in err and "broken.yaml:5:" in err


def test_mcp_bad_options_exit_2(sandbox: Sandbox) -> None:
    """A malformed --http and a missing --workflows directory are exit 2 with one line."""
    for args, message in (
        (["--http", "nowhere"], "--http expects HOST:PORT"),
        (["--workflows", "/no/such/dir"], "--workflows /no/such/dir: not a directory"),
    ):
        done = subprocess.run(
            [TOOLBOX, "mcp", *args], env=_env(sandbox), capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 2, done.stderr
        assert message in done.stderr
        assert "Traceback" not in done.stderr


async def test_stdio_with_its_own_sandbox() -> None:
    """mcp --sandbox needs no configuration: its sandbox lives as long as the server."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NANGO")}
    params = StdioServerParameters(command=TOOLBOX, args=["mcp", "--sandbox"], env=env)
    async with Client(params, read_timeout_seconds=60) as client:
        made = await _call(client, "integration_ensure", provider="sendgrid", unique_key="mail")
        assert made["integration"]["created"] is True
        listed = await _call(client, "integrations_list")
        assert [i["unique_key"] for i in listed["integrations"]] == ["mail"]
