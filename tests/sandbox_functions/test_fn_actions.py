"""POST /action/trigger and GET /action/{id} against functions deployed to the sandbox."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
from fn_helpers import Conn, make_connection, unique, wait_for
from recording_provider import RecordingProvider


def trigger(
    http: httpx.Client, conn: Conn, name: str, input: Any = None, **headers: str
) -> httpx.Response:
    return http.post(
        "/action/trigger",
        headers={**conn.headers, **headers},
        json={"action_name": name, "input": input},
    )


def async_result(http: httpx.Client, status_url: str) -> httpx.Response:
    """Poll the status URL until the action has completed (404 means not yet)."""
    return wait_for(lambda: (r := http.get(status_url)).status_code != 404 and r)  # type: ignore[no-any-return]


def test_output_is_the_raw_body(client: httpx.Client) -> None:
    """The action's output is the whole 200 body; the function sees the connection and metadata."""
    conn = make_connection(client, metadata={"plan": "pro"})
    response = trigger(client, conn, "echo", {"text": "hi"})
    assert response.status_code == 200
    assert response.json() == {
        "input": {"text": "hi"},
        "connection_id": conn.connection_id,
        "metadata": {"plan": "pro"},
    }
    assert trigger(client, conn, "raw-list").json() == [1, "two", None]


def test_input_is_not_validated_against_the_schema(client: httpx.Client, conn: Conn) -> None:
    """Like Nango, an input that does not match the action's schema is passed through as is."""
    assert trigger(client, conn, "echo", {"count": "x"}).json()["input"] == {"count": "x"}
    assert trigger(client, conn, "echo").json()["input"] is None


def test_unknown_action_is_404_not_found(client: httpx.Client, conn: Conn) -> None:
    """An action not deployed to the integration answers 404 not_found."""
    response = trigger(client, conn, "does-not-exist")
    assert response.status_code == 404
    assert response.json() == {"error": {"code": "not_found", "message": "Action not found"}}


def test_integration_specific_action_is_deployed_only_there(client: httpx.Client) -> None:
    """An action registered for one integration key runs there and is unknown elsewhere."""
    special = make_connection(client, unique_key="stripe-special")
    assert trigger(client, special, "only-here").json() == {"integration": "stripe-special"}
    assert trigger(client, make_connection(client), "only-here").status_code == 404


def test_action_error_is_500_action_script_runtime_error(client: httpx.Client, conn: Conn) -> None:
    """ActionError(payload) answers 500 action_script_runtime_error with Nango's generic message;
    the action's words are only in the payload."""
    response = trigger(client, conn, "refuse")
    assert response.status_code == 500
    assert response.json() == {
        "error": {
            "message": "The action script failed with a runtime error",
            "code": "action_script_runtime_error",
            "payload": {"message": "card declined", "reason": "insufficient_funds"},
        }
    }


def test_uncaught_exception_is_500_script_internal_error(client: httpx.Client, conn: Conn) -> None:
    """Any other exception answers 500 script_internal_error with a generic message and the
    payload {message, name, stacktrace}: the action's frames, no Python traceback text."""
    response = trigger(client, conn, "crash")
    assert response.status_code == 500
    error = response.json()["error"]
    assert (error["code"], error["message"]) == (
        "script_internal_error",
        "An internal error occurred during the script execution",
    )
    payload = error["payload"]
    assert (payload["name"], payload["message"]) == ("RuntimeError", "division by zero somewhere")
    first, *frames = payload["stacktrace"].split("\n")
    assert first == "RuntimeError: division by zero somewhere"
    assert len(frames) == 1 and frames[0].startswith("    at crash (")
    assert frames[0].endswith("sample_functions.py:43)")
    assert "Traceback" not in response.text


def test_action_calls_the_provider_through_the_proxy_logic(
    client: httpx.Client, conn: Conn, fake_provider: RecordingProvider
) -> None:
    """nango.post reaches the provider with the connection's credentials injected."""
    fake_provider.respond(200, {"id": "ch_1", "amount": 42})
    response = trigger(client, conn, "charge", {"amount": 42})
    assert response.json() == {"id": "ch_1", "amount": 42}
    assert fake_provider.last.method == "POST" and fake_provider.last.path == "/v1/charges"
    assert fake_provider.last.json() == {"amount": 42}
    assert fake_provider.last.headers["authorization"] == "Bearer sk_test_123"


def test_provider_http_error_is_424_with_upstream(
    client: httpx.Client, conn: Conn, fake_provider: RecordingProvider
) -> None:
    """A provider 4xx the function does not catch answers 424 with the upstream status and body."""
    fake_provider.respond(
        402, {"error": {"message": "card_declined"}}, {"x-ratelimit-remaining": "9"}
    )
    response = trigger(client, conn, "charge", {"amount": 1})
    assert response.status_code == 424
    error = response.json()["error"]
    assert error["code"] == "script_http_error" and "message" not in error
    assert error["upstream"]["status"] == 402
    assert error["upstream"]["body"] == {"error": {"message": "card_declined"}}
    assert error["upstream"]["headers"]["x-ratelimit-remaining"] == "9"


def test_async_trigger_answers_202_then_result(client: httpx.Client, conn: Conn) -> None:
    """X-Async: true answers 202 {id, statusUrl} with Location; GET statusUrl gives the output."""
    response = trigger(client, conn, "echo", {"text": "later"}, **{"X-Async": "true"})
    assert response.status_code == 202
    body = response.json()
    assert set(body) == {"id", "statusUrl"} and body["statusUrl"] == f"/action/{body['id']}"
    assert response.headers["location"] == body["statusUrl"]
    result = async_result(client, body["statusUrl"])
    assert result.status_code == 200 and result.json()["input"] == {"text": "later"}


def test_async_failure_keeps_the_error_shape(client: httpx.Client, conn: Conn) -> None:
    """A failed async action answers, on GET /action/{id}, the same 500 body as a sync call."""
    body = trigger(client, conn, "refuse", **{"X-Async": "true"}).json()
    result = async_result(client, body["statusUrl"])
    assert result.status_code == 500
    assert result.json()["error"]["code"] == "action_script_runtime_error"


def test_x_max_retries_retries_async_failures(client: httpx.Client, conn: Conn) -> None:
    """With X-Max-Retries: 2 an action failing twice succeeds on its third attempt."""
    key = unique("flaky")
    body = trigger(
        client,
        conn,
        "flaky",
        {"key": key, "fail_times": 2},
        **{"X-Async": "true", "X-Max-Retries": "2"},
    ).json()
    assert async_result(client, body["statusUrl"]).json() == {"attempt": 3}


def test_without_retries_async_failure_is_final(client: httpx.Client, conn: Conn) -> None:
    """Without X-Max-Retries an async action is attempted once."""
    key = unique("flaky")
    body = trigger(
        client, conn, "flaky", {"key": key, "fail_times": 1}, **{"X-Async": "true"}
    ).json()
    assert async_result(client, body["statusUrl"]).status_code == 500


def test_bad_headers_and_bodies(client: httpx.Client, conn: Conn) -> None:
    """Missing headers, bad X-Async / X-Max-Retries, missing action_name and unknown connection are 400s."""
    cases = [
        (
            {"Provider-Config-Key": conn.provider_config_key},
            {"action_name": "echo"},
            "invalid_headers",
        ),
        ({**conn.headers, "X-Async": "maybe"}, {"action_name": "echo"}, "invalid_headers"),
        ({**conn.headers, "X-Max-Retries": "9"}, {"action_name": "echo"}, "invalid_headers"),
        (conn.headers, {"input": {}}, "invalid_body"),
        (conn.headers, {"action_name": "echo", "extra": 1}, "invalid_body"),
        ({**conn.headers, "Connection-Id": "nope"}, {"action_name": "echo"}, "unknown_connection"),
    ]
    for headers, body, code in cases:
        response = client.post("/action/trigger", headers=headers, json=body)
        assert response.status_code == 400, (headers, body)
        assert response.json()["error"]["code"] == code, (headers, body)


def test_action_result_ids(client: httpx.Client) -> None:
    """GET /action/{id}: a non-UUID is 400 invalid_uri_params, an unknown UUID 404 not_found."""
    response = client.get("/action/not-a-uuid")
    assert response.status_code == 400 and response.json()["error"]["code"] == "invalid_uri_params"
    response = client.get(f"/action/{uuid.uuid4()}")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


def test_trigger_requires_the_secret_key(fn_sandbox: Any, conn: Conn) -> None:
    """Without the secret key the trigger is 401 and nothing runs."""
    response = httpx.post(
        f"{fn_sandbox.base_url}/action/trigger", headers=conn.headers, json={"action_name": "echo"}
    )
    assert response.status_code == 401
