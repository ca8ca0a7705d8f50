"""Jobs are picked up after a delay, as on a real Nango: after POST /sync/trigger the status keeps
showing the previous run, a pending async action answers 404 like an unknown id, and a sync that
never ran has no finishedAt."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fn_helpers import SAMPLE_FUNCTIONS, Conn, make_connection, wait_for
from nango_toolbox.sandbox import Sandbox

PICKUP = 1.0  # long enough that the reads right after a trigger come before the pickup


@pytest.fixture(scope="module")
def slow(fake_provider_server: Any) -> Iterator[httpx.Client]:
    """httpx on a sandbox with the sample functions whose jobs are picked up after 1 s."""
    with (
        Sandbox(
            functions=SAMPLE_FUNCTIONS,
            provider_base_urls={"sendgrid": fake_provider_server.url},
            pickup_delay=PICKUP,
        ) as sb,
        httpx.Client(
            base_url=sb.base_url, headers={"Authorization": f"Bearer {sb.secret_key}"}, timeout=30
        ) as http,
    ):
        yield http


def _status(http: httpx.Client, conn: Conn) -> dict[str, Any]:
    response = http.get(
        "/sync/status",
        params={
            "provider_config_key": conn.provider_config_key,
            "connection_id": conn.connection_id,
            "syncs": "customers",
        },
    )
    response.raise_for_status()
    entry: dict[str, Any] = response.json()["syncs"][0]
    return entry


def _trigger(http: httpx.Client, conn: Conn) -> None:
    body = {
        "provider_config_key": conn.provider_config_key,
        "connection_id": conn.connection_id,
        "syncs": ["customers"],
    }
    http.post("/sync/trigger", json=body).raise_for_status()


def test_a_never_run_sync_has_no_finished_at_and_a_trigger_shows_the_previous_run_first(
    slow: httpx.Client,
) -> None:
    """Before its first run a sync has no finishedAt key; right after a trigger the status is
    still the previous run's (PAUSED, then the old finishedAt) until the job is picked up."""
    conn = make_connection(slow)
    never = _status(slow, conn)
    assert "finishedAt" not in never and never["status"] == "PAUSED"
    _trigger(slow, conn)
    assert _status(slow, conn) == never  # not picked up yet: nothing changed
    first = wait_for(lambda: _status(slow, conn).get("finishedAt") and _status(slow, conn))
    _trigger(slow, conn)
    again = _status(slow, conn)
    assert (again["status"], again["finishedAt"]) == (first["status"], first["finishedAt"])
    second = wait_for(lambda: (s := _status(slow, conn))["finishedAt"] != first["finishedAt"] and s)
    assert second["type"] == "INCREMENTAL"


def test_a_pending_async_action_answers_like_an_unknown_one(slow: httpx.Client) -> None:
    """Until the job is picked up and done, GET /action/{id} answers 404 "No action '<id>'
    found", exactly as for an id that does not exist; then the output."""
    conn = make_connection(slow)
    started = slow.post(
        "/action/trigger",
        json={"action_name": "echo", "input": {"n": 1}},
        headers={**conn.headers, "X-Async": "true"},
    )
    assert started.status_code == 202
    action_id = started.json()["id"]
    pending = slow.get(f"/action/{action_id}")
    unknown_id = str(uuid.uuid4())
    unknown = slow.get(f"/action/{unknown_id}")
    assert (pending.status_code, unknown.status_code) == (404, 404)
    assert pending.json() == {
        "error": {"code": "not_found", "message": f"No action '{action_id}' found"}
    }
    assert unknown.json() == {
        "error": {"code": "not_found", "message": f"No action '{unknown_id}' found"}
    }
    done = wait_for(lambda: (r := slow.get(f"/action/{action_id}")).status_code == 200 and r)
    assert done.json()["input"] == {"n": 1}
