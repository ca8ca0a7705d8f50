"""A provider that repeats the connection's API key in free text (an error message quoting the
key, an echo endpoint): nango-toolbox and its MCP server never pass it on. The key is under no
credential name and carries no Bearer prefix there, so only its value can be recognised: the
toolbox reads the connection's credentials (once a minute per connection) to learn it."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from cli.cli_support import CliRun, Control
from mcp import Client
from mcp.client.stdio import StdioServerParameters
from nango_toolbox.sandbox import Sandbox
from recording_provider import RecordingProvider
from sandbox_testing import unique

Run = Callable[..., CliRun]
TOOLBOX = str(Path(sys.executable).with_name("nango-toolbox"))


def _echoing(provider: RecordingProvider, api_key: str) -> None:
    """The provider's next two answers quote the key: a 401 and a 200 echo."""
    provider.respond(401, {"errors": [{"message": f"The API key {api_key} is not valid"}]})
    provider.respond(200, {"received": f"key={api_key}", "items": [{"note": api_key}]})


def test_cli_proxy_masks_a_key_the_provider_repeats(
    toolbox: Run, control: Control, fake_provider: RecordingProvider
) -> None:
    """nango-toolbox proxy: the provider's 401 and 200 answers quoting the key come back with
    the key masked, and the rest of the answer intact."""
    api_key = unique("SG.echoed-key")
    key, cid = control.api_key_connection(api_key)
    _echoing(fake_provider, api_key)
    refused = toolbox("proxy", key, cid, "GET", "/v3/user")
    shown = toolbox("proxy", key, cid, "GET", "/v3/user")
    assert fake_provider.last.headers["authorization"] == f"Bearer {api_key}"
    for result in (refused, shown):
        assert api_key not in result.out + result.err
    assert refused.json()["body"]["errors"][0]["message"] == "The API key *** is not valid"
    assert shown.json()["body"] == {"received": "key=***", "items": [{"note": "***"}]}


async def test_mcp_proxy_request_masks_it_and_reads_the_credentials_once(
    sandbox: Sandbox, control: Control, fake_provider: RecordingProvider
) -> None:
    """MCP proxy_request (stdio fast lane): the key is masked in the result and its text; the
    connection's credentials are read once for two calls (one GET /connections/{id})."""
    api_key = unique("SG.echoed-key")
    key, cid = control.api_key_connection(api_key)
    _echoing(fake_provider, api_key)
    env = {k: v for k, v in os.environ.items() if not k.startswith("NANGO")}
    env.update(NANGO_SECRET_KEY=sandbox.secret_key, NANGO_SERVER_URL=sandbox.base_url)
    control.reset_requests()
    params = StdioServerParameters(command=TOOLBOX, args=["mcp"], env=env)
    async with Client(params, read_timeout_seconds=60) as client:
        results = [
            await client.call_tool(
                "proxy_request",
                {"integration_id": key, "connection_id": cid, "method": "GET", "path": "/v3/u"},
            )
            for _ in range(2)
        ]
    for result in results:
        assert not result.is_error, result.content
        text = result.content[0].text  # type: ignore[union-attr]
        assert api_key not in text + json.dumps(result.structured_content)
    assert results[0].structured_content is not None
    assert results[0].structured_content["status"] == 401
    assert results[1].structured_content == json.loads(results[1].content[0].text)  # type: ignore[union-attr]
    assert results[1].structured_content["body"]["items"] == [{"note": "***"}]
    reads = [r for r in control.requests() if r == ("GET", f"/connections/{cid}")]
    assert len(reads) == 1
