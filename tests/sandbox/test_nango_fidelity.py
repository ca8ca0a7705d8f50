"""Where the sandbox was kinder than a real Nango 0.71.4 (issue 14): each answer, over HTTP, is
now the one Nango gives (NANGO_FACTS.md), so code that passes here does not fail in production."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from nango_toolbox.sandbox import Sandbox
from nango_toolbox.sandbox.context import PROXY_RETRY_BASE_SECONDS
from nango_toolbox.sandbox.upstream import retry_delay
from recording_provider import RecordingProvider
from sandbox_testing import unique

API_KEY = {"type": "API_KEY", "apiKey": "k"}


def _ids(client: httpx.Client, **params: str) -> list[str]:
    response = client.get("/connections", params=params)
    assert response.status_code == 200, response.text
    return [c["connection_id"] for c in response.json()["connections"]]


def _one_error(response: httpx.Response, code: str) -> dict[str, Any]:
    body = response.json()
    assert body["error"]["code"] == code, body
    (error,) = body["error"]["errors"]
    return dict(error)


# 1. endUserId ------------------------------------------------------------------------------


def test_end_user_id_matches_the_end_user_object_only(
    sandbox_client: httpx.Client, make_integration, make_connection
) -> None:  # type: ignore[no-untyped-def]
    """endUserId=X finds connections whose end user is X, not those only tagged end_user_id=X;
    tags[end_user_id]=X finds both."""
    key = make_integration("openai")
    user = unique("eu")
    tagged = make_connection(key, API_KEY, tags={"end_user_id": user})
    owned = make_connection(key, API_KEY, end_user={"id": user})
    assert _ids(sandbox_client, integrationId=key, endUserId=user) == [owned]
    assert _ids(sandbox_client, integrationId=key, **{"tags[end_user_id]": user}) == [
        owned,
        tagged,
    ]


# 2. order, 4. limit ------------------------------------------------------------------------


def test_connections_are_listed_newest_first(
    sandbox_client: httpx.Client, make_integration, make_connection
) -> None:  # type: ignore[no-untyped-def]
    """GET /connections lists the newest connection first, as Nango does."""
    key = make_integration("openai")
    made = [make_connection(key, API_KEY) for _ in range(3)]
    assert _ids(sandbox_client, integrationId=key) == made[::-1]


def test_connections_limit_is_at_most_2000(sandbox_client: httpx.Client) -> None:
    """limit=2001 is 400 "Too big: expected number to be <=2000"; 2000 is accepted."""
    refused = sandbox_client.get("/connections", params={"limit": "2001"})
    assert refused.status_code == 400
    assert _one_error(refused, "invalid_query_params") == {
        "code": "too_big",
        "message": "Too big: expected number to be <=2000",
        "path": ["limit"],
    }
    assert sandbox_client.get("/connections", params={"limit": "2000"}).status_code == 200


# 5., 16. records ---------------------------------------------------------------------------


@pytest.fixture
def records_headers(make_integration, make_connection) -> dict[str, str]:  # type: ignore[no-untyped-def]
    key = make_integration("openai")
    return {"Provider-Config-Key": key, "Connection-Id": make_connection(key, API_KEY)}


@pytest.mark.parametrize("model", ["issue", "../x", "A"])
def test_records_model_must_be_a_model_name(
    sandbox_client: httpx.Client, records_headers: dict[str, str], model: str
) -> None:
    """model must match ^[A-Z][a-zA-Z0-9_-]+$ (400), not answer an empty page."""
    response = sandbox_client.get("/records", params={"model": model}, headers=records_headers)
    assert response.status_code == 400
    assert _one_error(response, "invalid_query_params")["path"] == ["model"]


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


@pytest.mark.parametrize(
    "shape",
    ["offset", "no zone", "date", "old"],
)
def test_records_modified_after_takes_only_recent_utc_z_datetimes(
    sandbox_client: httpx.Client, records_headers: dict[str, str], shape: str
) -> None:
    """modified_after accepts only the ...Z form within 12 months: an offset, no zone, a date or
    an older moment is 400 on the modified_after field."""
    recent = datetime.now(UTC) - timedelta(days=1)
    value = {
        "offset": _iso(recent) + "+00:00",
        "no zone": _iso(recent),
        "date": recent.strftime("%Y-%m-%d"),
        "old": _iso(recent - timedelta(days=400)) + "Z",
    }[shape]
    refused = sandbox_client.get(
        "/records", params={"model": "Issue", "modified_after": value}, headers=records_headers
    )
    assert refused.status_code == 400
    assert _one_error(refused, "invalid_query_params")["path"] == ["modified_after"]


def test_records_modified_after_z_form_is_accepted(
    sandbox_client: httpx.Client, records_headers: dict[str, str]
) -> None:
    """A recent ...Z moment (with or without fractions) is accepted."""
    recent = datetime.now(UTC) - timedelta(days=1)
    for value in (_iso(recent) + "Z", _iso(recent) + ".123Z"):
        answer = sandbox_client.get(
            "/records", params={"model": "Issue", "modified_after": value}, headers=records_headers
        )
        assert answer.status_code == 200, answer.text
        assert answer.json() == {"records": [], "next_cursor": None}


# 13. errors that are not the caller's ------------------------------------------------------


def test_prune_with_a_bad_cursor_is_500_server_error(
    sandbox_client: httpx.Client, records_headers: dict[str, str]
) -> None:
    """PATCH /records/prune with a cursor Nango cannot read fails inside: 500 server_error."""
    response = sandbox_client.patch(
        "/records/prune",
        json={"model": "Issue", "until_cursor": "not-a-cursor"},
        headers=records_headers,
    )
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "server_error"


def test_variant_of_an_unknown_sync(
    sandbox_client: httpx.Client, records_headers: dict[str, str]
) -> None:
    """Creating a variant of an unknown sync is 500 failed_sync_variant_creation, deleting one
    404 not_found."""
    body = {
        "provider_config_key": records_headers["Provider-Config-Key"],
        "connection_id": records_headers["Connection-Id"],
    }
    created = sandbox_client.post("/sync/no-such-sync/variant/v1", json=body)
    assert created.status_code == 500
    assert created.json()["error"]["code"] == "failed_sync_variant_creation"
    deleted = sandbox_client.request("DELETE", "/sync/no-such-sync/variant/v1", json=body)
    assert deleted.status_code == 404
    assert deleted.json()["error"]["code"] == "not_found"


# 6., 7. end users --------------------------------------------------------------------------


def test_session_end_user_email_must_be_an_email(sandbox_client: httpx.Client) -> None:
    """POST /connect/sessions with end_user.email not an email is 400 on that field."""
    response = sandbox_client.post(
        "/connect/sessions", json={"end_user": {"id": "u1", "email": "not-an-email"}}
    )
    assert response.status_code == 400
    assert _one_error(response, "invalid_body") == {
        "code": "invalid_string",
        "message": "Invalid email",
        "path": ["end_user", "email"],
    }


def test_session_organization_goes_at_the_top_level(sandbox_client: httpx.Client) -> None:
    """organization inside end_user is 400 Unrecognized key; at the top level it is accepted."""
    inside = sandbox_client.post(
        "/connect/sessions", json={"end_user": {"id": "u1", "organization": {"id": "o1"}}}
    )
    assert inside.status_code == 400
    assert _one_error(inside, "invalid_body") == {
        "code": "unrecognized_keys",
        "message": 'Unrecognized key: "organization"',
        "path": ["end_user"],
    }
    top = sandbox_client.post(
        "/connect/sessions", json={"end_user": {"id": "u1"}, "organization": {"id": "o1"}}
    )
    assert top.status_code == 201, top.text


# 12., 14., 15. import ----------------------------------------------------------------------


def test_import_into_an_unknown_integration_is_404_not_found(sandbox_client: httpx.Client) -> None:
    """POST /connections naming no integration is 404 not_found "Integration does not exist"."""
    response = sandbox_client.post(
        "/connections", json={"provider_config_key": unique("nope"), "credentials": API_KEY}
    )
    assert response.status_code == 404
    assert response.json() == {
        "error": {"code": "not_found", "message": "Integration does not exist"}
    }


@pytest.mark.parametrize(
    ("credentials", "path", "code"),
    [
        ({"type": "WRONG", "apiKey": "k"}, ["credentials", "type"], "invalid_union_discriminator"),
        ({**API_KEY, "raw": {"x": 1}}, ["credentials"], "unrecognized_keys"),
    ],
)
def test_import_with_a_wrong_credentials_shape_is_a_validation_error(
    sandbox_client: httpx.Client,
    make_integration,
    credentials: dict[str, Any],
    path: list[str],
    code: str,
) -> None:  # type: ignore[no-untyped-def]
    """A wrong credentials type or an extra key is 400 invalid_body with errors[] (the
    validation family), not a message."""
    key = make_integration("sendgrid")
    response = sandbox_client.post(
        "/connections", json={"provider_config_key": key, "credentials": credentials}
    )
    assert response.status_code == 400
    error = _one_error(response, "invalid_body")
    assert (error["path"], error["code"]) == (path, code)


def test_imported_oauth2_credentials_read_back_as_sent(
    sandbox_client: httpx.Client, make_integration, make_connection
) -> None:  # type: ignore[no-untyped-def]
    """Imported OAUTH2 credentials read back as {type, access_token, raw: {type, access_token}},
    with no expires_at key."""
    key = make_integration("hubspot")
    connection_id = make_connection(key, {"type": "OAUTH2", "access_token": "tok-1"})
    detail = sandbox_client.get(
        f"/connections/{connection_id}", params={"provider_config_key": key}
    ).json()
    assert detail["credentials"] == {
        "type": "OAUTH2",
        "access_token": "tok-1",
        "raw": {"type": "OAUTH2", "access_token": "tok-1"},
    }


def test_import_refuses_an_expiry_without_time_zone(
    sandbox_client: httpx.Client, make_integration
) -> None:  # type: ignore[no-untyped-def]
    """expires_at without a zone is refused on the way in (400), and nothing is stored."""
    key = make_integration("hubspot")
    credentials = {"type": "OAUTH2", "access_token": "t", "expires_at": "2030-01-01T00:00:00"}
    response = sandbox_client.post(
        "/connections",
        json={"provider_config_key": key, "connection_id": "naive", "credentials": credentials},
    )
    assert response.status_code == 400
    assert _one_error(response, "invalid_body")["path"] == ["credentials", "expires_at"]
    assert _ids(sandbox_client, integrationId=key) == []


# 8., 9., 10. proxy -------------------------------------------------------------------------


@pytest.fixture
def sendgrid(make_integration, make_connection) -> dict[str, str]:  # type: ignore[no-untyped-def]
    key = make_integration("sendgrid")
    return {"Provider-Config-Key": key, "Connection-Id": make_connection(key, API_KEY)}


def test_proxy_body_without_content_type_does_not_reach_the_provider(
    sandbox_client: httpx.Client, fake_provider: RecordingProvider, sendgrid: dict[str, str]
) -> None:
    """A body sent with no Content-Type arrives empty, as form-urlencoded; the call answers 200.
    With Content-Type: text/plain the body arrives intact."""
    request = sandbox_client.build_request(
        "POST", "/proxy/v1/notes", content=b"hello", headers=sendgrid
    )
    assert "content-type" not in request.headers
    assert sandbox_client.send(request).status_code == 200
    assert fake_provider.last.body == b""
    assert fake_provider.last.headers["content-type"] == "application/x-www-form-urlencoded"
    typed = {**sendgrid, "Content-Type": "text/plain"}
    assert sandbox_client.post("/proxy/v1/notes", content=b"hello", headers=typed).is_success
    assert fake_provider.last.body == b"hello"


def test_proxy_preflight_is_204_without_calling_the_provider(
    sandbox_client: httpx.Client, fake_provider: RecordingProvider, sendgrid: dict[str, str]
) -> None:
    """OPTIONS /proxy/... is answered 204 by CORS handling; the provider is never called."""
    response = sandbox_client.options("/proxy/v1/notes", headers=sendgrid)
    assert response.status_code == 204
    assert response.content == b""
    assert response.headers["access-control-allow-origin"] == "*"
    assert fake_provider.requests == []


def test_proxy_retry_schedule_is_nangos_3_seconds_doubling() -> None:
    """By default the proxy waits 3 s, 6 s, 12 s between attempts, as Nango does."""
    with Sandbox() as sb:
        assert sb.time_scale == 1.0
        assert sb.app is not None and sb.app.ctx.time_scale == 1.0
    assert PROXY_RETRY_BASE_SECONDS == 3.0
    failed = httpx.Response(503)
    assert [retry_delay(n, failed, PROXY_RETRY_BASE_SECONDS) for n in range(3)] == [3, 6, 12]


def test_time_scale_shrinks_the_proxy_retry_schedule(fake_provider: RecordingProvider) -> None:
    """Sandbox(time_scale=0.1): Retries 2 against two 503s waits 0.3 s + 0.6 s (Nango: 9 s) and
    then answers the provider's 200."""
    with Sandbox(provider_base_urls={"sendgrid": fake_provider.url}, time_scale=0.1) as sb:
        client = httpx.Client(
            base_url=sb.base_url, headers={"Authorization": f"Bearer {sb.secret_key}"}
        )
        key = unique("sg")
        assert client.post("/integrations", json={"unique_key": key, "provider": "sendgrid"})
        made = client.post(
            "/connections", json={"provider_config_key": key, "credentials": API_KEY}
        )
        headers = {
            "Provider-Config-Key": key,
            "Connection-Id": made.json()["connection_id"],
            "Retries": "2",
        }
        fake_provider.respond(503, {"error": "busy"}, times=2)
        started = time.monotonic()
        answer = client.get("/proxy/v1/x", headers=headers)
        waited = time.monotonic() - started
        client.close()
    assert answer.status_code == 200
    assert fake_provider.count("GET", "/v1/x") == 3
    assert waited >= 0.9 - 0.05  # a lower bound: sleeps never end early
