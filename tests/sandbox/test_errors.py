"""Request validation: Nango's invalid_json, invalid_content_type and invalid_query_params."""

from __future__ import annotations

import httpx
import pytest
from spec_conformance import assert_matches_spec


def test_malformed_json_is_400_invalid_json(sandbox_client: httpx.Client) -> None:
    """A body that is not JSON answers 400 invalid_json."""
    response = sandbox_client.post(
        "/integrations", content=b"{nope", headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_json"


def test_non_json_content_type_is_415(sandbox_client: httpx.Client) -> None:
    """A text/plain body on a JSON route answers 415 invalid_content_type."""
    response = sandbox_client.post(
        "/integrations", content=b"hello", headers={"content-type": "text/plain"}
    )
    assert response.status_code == 415
    assert response.json()["error"]["code"] == "invalid_content_type"


def test_unknown_query_parameter_is_400_invalid_query_params(sandbox_client: httpx.Client) -> None:
    """An unknown query parameter is rejected with a validation error naming it."""
    response = sandbox_client.get("/connections", params={"bogus": "1"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_query_params"
    assert "bogus" in error["errors"][0]["message"]


def test_missing_required_field_names_its_path(sandbox_client: httpx.Client) -> None:
    """A missing body field gives invalid_body with the field's path."""
    response = sandbox_client.post("/integrations", json={"unique_key": "x"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_body"
    assert error["errors"][0]["path"] == ["provider"]


JSON_ROUTES = [
    ("POST", "/integrations"),
    ("POST", "/connect/sessions"),
    ("POST", "/connections"),
    ("POST", "/connections/metadata"),
    ("PATCH", "/connections/metadata"),
    ("POST", "/sync/trigger"),
    ("POST", "/sync/start"),
    ("PUT", "/sync/update-connection-frequency"),
]


@pytest.mark.parametrize(("method", "path"), JSON_ROUTES)
def test_body_errors_are_declared_by_the_spec(
    sandbox_client: httpx.Client, method: str, path: str
) -> None:
    """415 invalid_content_type and 400 invalid_json answer every JSON route, as the spec declares."""
    not_json = sandbox_client.request(
        method, path, content=b"hello", headers={"content-type": "text/plain"}
    )
    assert not_json.status_code == 415
    assert not_json.json()["error"]["code"] == "invalid_content_type"
    assert_matches_spec(not_json, path)
    malformed = sandbox_client.request(
        method, path, content=b"{nope", headers={"content-type": "application/json"}
    )
    assert malformed.status_code == 400
    assert malformed.json()["error"]["code"] == "invalid_json"
    assert_matches_spec(malformed, path)


def test_body_errors_come_before_lookups_and_headers(sandbox_client: httpx.Client) -> None:
    """A malformed JSON body is 400 invalid_json even where the integration or headers are missing."""
    bad = {"content": b"{nope", "headers": {"content-type": "application/json"}}
    patch = sandbox_client.patch("/integrations/no-such-integration", **bad)  # type: ignore[arg-type]
    trigger = sandbox_client.post("/action/trigger", **bad)  # type: ignore[arg-type]
    for response in (patch, trigger):
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "invalid_json"
