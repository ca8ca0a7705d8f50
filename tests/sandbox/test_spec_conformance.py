"""Every core sandbox answer (successes and errors) matches openapi/nango.yaml's schemas."""

from __future__ import annotations

import httpx
from nango_toolbox.sandbox import Sandbox
from sandbox_testing import unique
from spec_conformance import assert_matches_spec

OAUTH = {"type": "OAUTH2", "client_id": "cid", "client_secret": "cs", "scopes": "repo"}


def test_core_endpoints_match_the_spec(sandbox_client: httpx.Client, sandbox: Sandbox) -> None:
    """A tour of providers, integrations, connect, connections, metadata and proxy validates against the spec."""
    c = sandbox_client
    key = unique("spec")
    checks: list[tuple[httpx.Response, str]] = [
        (c.get("/providers"), "/providers"),
        (c.get("/providers/github"), "/providers/{provider}"),
        (c.get("/providers/nope"), "/providers/{provider}"),
        (
            c.post(
                "/integrations",
                json={"unique_key": key, "provider": "github", "credentials": OAUTH},
            ),
            "/integrations",
        ),
        (
            c.post(
                "/integrations",
                json={"unique_key": key, "provider": "github", "credentials": OAUTH},
            ),
            "/integrations",
        ),
        (c.get("/integrations"), "/integrations"),
        (
            c.get(
                f"/integrations/{key}", params=[("include", "credentials"), ("include", "webhook")]
            ),
            "/integrations/{uniqueKey}",
        ),
        (
            c.patch(f"/integrations/{key}", json={"display_name": "Spec"}),
            "/integrations/{uniqueKey}",
        ),
        (c.get("/integrations/nope"), "/integrations/{uniqueKey}"),
    ]
    session = c.post(
        "/connect/sessions", json={"end_user": {"id": "spec-user"}, "allowed_integrations": [key]}
    )
    checks.append((session, "/connect/sessions"))
    token = session.json()["data"]["token"]
    checks.append(
        (
            httpx.get(
                sandbox.base_url + "/connect/session", headers={"Authorization": f"Bearer {token}"}
            ),
            "/connect/session",
        )
    )
    connection_id = c.post("/_sandbox/connect/complete", json={"token": token}).json()[
        "connection_id"
    ]
    checks += [
        (c.get("/connections", params={"integrationId": key}), "/connections"),
        (
            c.get(
                f"/connections/{connection_id}",
                params={"provider_config_key": key, "refresh_token": "true"},
            ),
            "/connections/{connectionId}",
        ),
        (
            c.get("/connections/nope", params={"provider_config_key": key}),
            "/connections/{connectionId}",
        ),
        (
            c.post(
                "/connections",
                json={
                    "provider_config_key": key,
                    "connection_id": "imported",
                    "credentials": {"type": "OAUTH2", "access_token": "a"},
                },
            ),
            "/connections",
        ),
        (
            c.patch(
                f"/connections/{connection_id}",
                params={"provider_config_key": key},
                json={"tags": {"a": "b"}},
            ),
            "/connections/{connectionId}",
        ),
        (
            c.post(
                "/connections/metadata",
                json={
                    "provider_config_key": key,
                    "connection_id": connection_id,
                    "metadata": {"a": 1},
                },
            ),
            "/connections/metadata",
        ),
        (
            c.patch(
                "/connections/metadata",
                json={
                    "provider_config_key": key,
                    "connection_id": [connection_id],
                    "metadata": {"b": 1},
                },
            ),
            "/connections/metadata",
        ),
        (
            c.post(
                "/connect/sessions/reconnect",
                json={"connection_id": connection_id, "integration_id": key},
            ),
            "/connect/sessions/reconnect",
        ),
        (
            c.get(
                "/proxy/user", headers={"Provider-Config-Key": key, "Connection-Id": connection_id}
            ),
            "/proxy/{anyPath}",
        ),
        (c.get("/proxy/user"), "/proxy/{anyPath}"),
        (
            c.delete("/connections/imported", params={"provider_config_key": key}),
            "/connections/{connectionId}",
        ),
        (
            c.delete("/connections/imported", params={"provider_config_key": key}),
            "/connections/{connectionId}",
        ),
        (
            c.post("/connection", json={"provider_config_key": key, "access_token": "a"}),
            "/connection",
        ),
        (c.get("/connection", params={"connectionId": connection_id}), "/connection"),
        (
            c.get(f"/connection/{connection_id}", params={"provider_config_key": key}),
            "/connection/{connectionId}",
        ),
        (
            c.post(
                "/integrations/quickstart", json={"unique_key": unique("qs"), "provider": "slack"}
            ),
            "/integrations/quickstart",
        ),
        (c.get("/environment-variables"), "/environment-variables"),
        (c.delete(f"/integrations/{key}"), "/integrations/{uniqueKey}"),
        (httpx.get(sandbox.base_url + "/integrations"), "/integrations"),
    ]
    for response, template in checks:
        assert_matches_spec(response, template)
