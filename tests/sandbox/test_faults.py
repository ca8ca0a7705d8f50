"""Fault injection and the request log under /_sandbox/."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from nango_toolbox.sandbox import Sandbox


@pytest.fixture
def sb() -> Iterator[Sandbox]:
    """A private sandbox, so injected faults never hit other tests."""
    with Sandbox() as sandbox:
        yield sandbox


@pytest.fixture
def client(sb: Sandbox) -> Iterator[httpx.Client]:
    with httpx.Client(
        base_url=sb.base_url, headers={"Authorization": f"Bearer {sb.secret_key}"}
    ) as c:
        yield c


def test_status_fault_for_next_n_calls(client: httpx.Client) -> None:
    """A 429 rule with times=2 answers the next two matching calls, then the real answer returns."""
    rule = {
        "route": "GET /providers*",
        "times": 2,
        "status": 429,
        "body": {"error": {"code": "rate_limit"}},
        "headers": {"Retry-After": "1"},
    }
    assert client.post("/_sandbox/faults", json=rule).status_code == 201
    for _ in range(2):
        response = client.get("/providers")
        assert response.status_code == 429
        assert response.headers["retry-after"] == "1"
        assert response.json() == {"error": {"code": "rate_limit"}}
    assert client.get("/providers").status_code == 200
    assert client.get("/_sandbox/faults").json()["faults"] == []


def test_fault_matches_method_and_path_glob_only(client: httpx.Client) -> None:
    """A rule on 'POST /integrations' leaves GET /integrations alone."""
    client.post("/_sandbox/faults", json={"route": "POST /integrations", "status": 503})
    assert client.get("/integrations").status_code == 200
    assert (
        client.post("/integrations", json={"unique_key": "x", "provider": "openai"}).status_code
        == 503
    )


def test_dropped_connection_is_a_transport_error(client: httpx.Client) -> None:
    """drop=true closes the connection before a complete answer."""
    client.post("/_sandbox/faults", json={"route": "GET /integrations", "drop": True, "times": 1})
    with pytest.raises(httpx.TransportError):
        httpx.get(client.base_url.join("/integrations"), headers=client.headers)
    assert client.get("/integrations").status_code == 200


def test_malformed_body(client: httpx.Client) -> None:
    """malformed=true answers a JSON content type with a body that does not parse."""
    client.post(
        "/_sandbox/faults", json={"route": "GET /integrations", "malformed": True, "times": 1}
    )
    response = client.get("/integrations")
    assert response.headers["content-type"] == "application/json"
    with pytest.raises(json.JSONDecodeError):
        response.json()


def test_latency_only_fault_keeps_the_real_answer(client: httpx.Client) -> None:
    """latency_ms alone delays but keeps the real answer, and the rule counts its hits."""
    client.post("/_sandbox/faults", json={"route": "GET /integrations", "latency_ms": 20})
    assert client.get("/integrations").status_code == 200
    assert client.get("/_sandbox/faults").json()["faults"][0]["hits"] == 1


def test_fraction_one_applies_to_every_call_and_delete_clears(client: httpx.Client) -> None:
    """fraction=1 applies to every matching call; DELETE /_sandbox/faults removes all rules."""
    client.post(
        "/_sandbox/faults", json={"route": "GET /integrations", "fraction": 1, "status": 502}
    )
    assert [client.get("/integrations").status_code for _ in range(3)] == [502, 502, 502]
    assert client.delete("/_sandbox/faults").status_code == 200
    assert client.get("/integrations").status_code == 200


@pytest.mark.parametrize(
    ("rule", "path"),
    [
        ({"route": "nope", "status": 500}, ["route"]),
        ({"route": "GET /x", "status": 99}, ["status"]),
        ({"route": "GET /x", "fraction": 2, "status": 500}, ["fraction"]),
        ({"route": "GET /x"}, ["route"]),
        ({"route": "GET /x", "status": 500, "colour": "red"}, ["colour"]),
    ],
)
def test_invalid_rules_are_400_naming_the_field(
    client: httpx.Client, rule: dict[str, object], path: list[str]
) -> None:
    """A bad rule answers 400 invalid_body with the offending field."""
    response = client.post("/_sandbox/faults", json=rule)
    assert response.status_code == 400
    assert response.json()["error"]["errors"][0]["path"] == path


def test_control_endpoints_need_the_secret_key(sb: Sandbox) -> None:
    """/_sandbox/ endpoints refuse calls without the secret key."""
    assert httpx.get(sb.base_url + "/_sandbox/requests").status_code == 401
    assert httpx.post(sb.base_url + "/_sandbox/faults", json={}).status_code == 401


def test_request_log_records_and_resets(client: httpx.Client) -> None:
    """The log lists method, path, status and duration of API calls, not control calls; DELETE resets it."""
    client.delete("/_sandbox/requests")
    client.get("/integrations")
    client.get("/integrations/missing")
    log = client.get("/_sandbox/requests").json()
    assert log["total"] == 2
    entries = log["requests"]
    assert [(e["method"], e["path"], e["status"]) for e in entries] == [
        ("GET", "/integrations", 200),
        ("GET", "/integrations/missing", 404),
    ]
    assert all(e["duration_ms"] >= 0 for e in entries)
    client.delete("/_sandbox/requests")
    assert client.get("/_sandbox/requests").json() == {"requests": [], "total": 0}


def test_faults_file_at_startup(tmp_path: Path) -> None:
    """Sandbox(faults=load_faults_file(...)) starts with the file's rules active."""
    from nango_toolbox.sandbox.faults import load_faults_file

    path = tmp_path / "faults.yaml"
    path.write_text("- route: GET /providers\n  status: 503\n  times: 1\n")
    with Sandbox(faults=load_faults_file(str(path))) as sandbox:
        headers = {"Authorization": f"Bearer {sandbox.secret_key}"}
        assert httpx.get(sandbox.base_url + "/providers", headers=headers).status_code == 503
        assert httpx.get(sandbox.base_url + "/providers", headers=headers).status_code == 200


def test_bad_faults_file_names_the_rule_and_field(tmp_path: Path) -> None:
    """A faults file with a bad rule raises ValueError naming the file, the rule and the field."""
    from nango_toolbox.sandbox.faults import load_faults_file

    path = tmp_path / "faults.json"
    path.write_text(
        json.dumps(
            [{"route": "GET /x", "status": 500}, {"route": "GET /y", "times": 0, "status": 500}]
        )
    )
    with pytest.raises(ValueError, match=r"faults\.json: fault #2, field 'times'"):
        load_faults_file(str(path))


def test_fault_on_a_fake_provider_is_seen_through_the_proxy(client: httpx.Client) -> None:
    """A rule on /_fake/github/* makes the provider fail behind the proxy; Retries gets past it."""
    client.post(
        "/integrations",
        json={
            "unique_key": "gh",
            "provider": "github",
            "credentials": {"type": "OAUTH2", "client_id": "c", "client_secret": "s"},
        },
    )
    token = client.post(
        "/connect/sessions", json={"tags": {}, "allowed_integrations": ["gh"]}
    ).json()["data"]["token"]
    connection_id = client.post("/_sandbox/connect/complete", json={"token": token}).json()[
        "connection_id"
    ]
    headers = {"Provider-Config-Key": "gh", "Connection-Id": connection_id}
    client.post(
        "/_sandbox/faults",
        json={
            "route": "GET /_fake/github/*",
            "status": 503,
            "times": 1,
            "body": {"message": "unavailable"},
        },
    )
    failed = client.get("/proxy/user", headers=headers)
    assert failed.status_code == 503 and failed.json() == {"message": "unavailable"}
    client.post(
        "/_sandbox/faults", json={"route": "GET /_fake/github/*", "status": 502, "times": 1}
    )
    assert client.get("/proxy/user", headers={**headers, "Retries": "1"}).status_code == 200


def test_sandbox_takes_rules_as_dicts_or_a_path(tmp_path: Path) -> None:
    """Sandbox(faults=[{...}]) and Sandbox(faults="file") start with those rules; a bad one is a SandboxError."""
    from nango_toolbox.sandbox import SandboxError

    with Sandbox(faults=[{"route": "GET /providers", "status": 418, "times": 1}]) as sandbox:
        headers = {"Authorization": f"Bearer {sandbox.secret_key}"}
        assert httpx.get(sandbox.base_url + "/providers", headers=headers).status_code == 418
    path = tmp_path / "faults.json"
    path.write_text(json.dumps({"faults": [{"route": "GET /providers", "status": 503}]}))
    with Sandbox(faults=str(path)) as sandbox:
        headers = {"Authorization": f"Bearer {sandbox.secret_key}"}
        assert httpx.get(sandbox.base_url + "/providers", headers=headers).status_code == 503
    with pytest.raises(SandboxError, match=r"fault #1, field 'status'"):
        Sandbox(faults=[{"route": "GET /x", "status": 1}]).start()
