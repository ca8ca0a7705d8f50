"""The /sync/* routes: trigger, start, pause, status, frequency, variants, and what runs write."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fn_helpers import Conn, make_connection, wait_for
from nango_toolbox.sandbox.frequency import parse_frequency


def set_metadata(http: httpx.Client, conn: Conn, metadata: dict[str, Any]) -> None:
    body = {
        "provider_config_key": conn.provider_config_key,
        "connection_id": conn.connection_id,
        "metadata": metadata,
    }
    assert http.post("/connections/metadata", json=body).status_code == 201


def statuses(http: httpx.Client, conn: Conn, syncs: str = "*") -> list[dict[str, Any]]:
    params = {
        "provider_config_key": conn.provider_config_key,
        "syncs": syncs,
        "connection_id": conn.connection_id,
    }
    response = http.get("/sync/status", params=params)
    assert response.status_code == 200, response.text
    result: list[dict[str, Any]] = response.json()["syncs"]
    return result


def status_of(http: httpx.Client, conn: Conn, name: str) -> dict[str, Any]:
    return next(s for s in statuses(http, conn) if s["name"] == name and s["variant"] == "base")


def command(
    http: httpx.Client, what: str, conn: Conn, syncs: list[Any], **extra: Any
) -> httpx.Response:
    body = {
        "provider_config_key": conn.provider_config_key,
        "connection_id": conn.connection_id,
        "syncs": syncs,
        **extra,
    }
    return http.post(f"/sync/{what}", json=body)


def finished(http: httpx.Client, conn: Conn, name: str, runs: int = 1) -> dict[str, Any]:
    """Wait for a run of ``name`` to finish (its status leaves RUNNING with a finishedAt)."""

    def check() -> dict[str, Any] | None:
        status = status_of(http, conn, name)
        done = status["status"] != "RUNNING" and status.get("finishedAt") is not None
        return status if done and (runs == 1 or status["type"] == "INCREMENTAL") else None

    result: dict[str, Any] = wait_for(check)
    return result


def records(http: httpx.Client, conn: Conn, model: str, **params: Any) -> list[dict[str, Any]]:
    body = http.get("/records", params={"model": model, **params}, headers=conn.headers).json()
    result: list[dict[str, Any]] = body["records"]
    return result


def test_status_lists_deployed_syncs_with_nango_fields(client: httpx.Client, conn: Conn) -> None:
    """Every deployed sync has a status entry with Nango's fields; non-auto-start ones are PAUSED
    and, having never run, have no finishedAt key."""
    entries = {s["name"]: s for s in statuses(client, conn)}
    assert set(entries) == {"auto", "broken", "customers", "full-items"}
    assert set(entries["customers"]) == {
        "id",
        "connection_id",
        "name",
        "variant",
        "type",
        "status",
        "frequency",
        "nextScheduledSyncAt",
        "latestResult",
        "recordCount",
        "checkpoint",
    }
    assert (
        entries["customers"]["status"] == "PAUSED"
        and entries["customers"]["frequency"] == "every hour"
    )
    assert entries["customers"]["connection_id"] == conn.connection_id


def test_auto_start_sync_runs_by_itself(client: httpx.Client, conn: Conn) -> None:
    """An auto_start sync runs once the connection exists, then is scheduled at its frequency."""
    status = finished(client, conn, "auto")
    assert status["status"] == "SUCCESS" and status["latestExecutionStatus"] == "SUCCESS"
    assert status["nextScheduledSyncAt"] is not None and status["recordCount"] == {"Tick": 1}
    assert records(client, conn, "Tick")[0]["variant"] == "base"


def test_trigger_runs_the_sync_and_reports_results(client: httpx.Client, conn: Conn) -> None:
    """Triggering runs the function (its schedule stays paused): records, latestResult, recordCount."""
    set_metadata(client, conn, {"customers": [{"id": "c1"}, {"id": "c2"}]})
    assert command(client, "trigger", conn, ["customers"]).json() == {"success": True}
    status = finished(client, conn, "customers")
    assert status["latestResult"] == {"Customer": {"added": 2, "updated": 0, "deleted": 0}}
    assert status["recordCount"] == {"Customer": 2} and status["type"] == "INITIAL"
    assert status["status"] == "PAUSED" and status["latestExecutionStatus"] == "SUCCESS"
    set_metadata(client, conn, {"customers": [{"id": "c1", "name": "new"}], "gone": ["c2"]})
    command(client, "trigger", conn, [{"name": "customers", "variant": "base"}])
    status = finished(client, conn, "customers", runs=2)
    assert status["latestResult"] == {"Customer": {"added": 0, "updated": 1, "deleted": 1}}
    assert status["recordCount"] == {"Customer": 1}
    assert [r["_nango_metadata"]["last_action"] for r in records(client, conn, "Customer")] == [
        "UPDATED",
        "DELETED",
    ]


def test_full_sync_with_track_deletes_deletes_unseen_records(
    client: httpx.Client, conn: Conn
) -> None:
    """A full sync marks DELETED the records its latest run did not return."""
    set_metadata(client, conn, {"items": [1, 2, 3]})
    command(client, "trigger", conn, ["full-items"])
    finished(client, conn, "full-items")
    set_metadata(client, conn, {"items": [1, 3]})
    command(client, "trigger", conn, ["full-items"])
    status = finished(client, conn, "full-items", runs=2)
    assert status["latestResult"] == {"Item": {"added": 0, "updated": 0, "deleted": 1}}
    assert [r["id"] for r in records(client, conn, "Item", filter="deleted")] == [2]


def test_full_refresh_and_clear_cache_deletes_records_first(
    client: httpx.Client, conn: Conn
) -> None:
    """sync_mode full_refresh_and_clear_cache empties the models before running, so all are ADDED."""
    set_metadata(client, conn, {"customers": [{"id": "a"}]})
    command(client, "trigger", conn, ["customers"])
    finished(client, conn, "customers")
    command(client, "trigger", conn, ["customers"], sync_mode="full_refresh_and_clear_cache")
    status = finished(client, conn, "customers", runs=2)
    assert status["latestResult"]["Customer"]["added"] == 1


def test_failing_sync_is_error(client: httpx.Client, conn: Conn) -> None:
    """A scheduled sync whose function raises ends with status ERROR, latestExecutionStatus FAILED."""
    command(client, "start", conn, ["broken"])
    status = finished(client, conn, "broken")
    assert status["status"] == "ERROR" and status["latestExecutionStatus"] == "FAILED"


def test_start_and_pause(client: httpx.Client, conn: Conn) -> None:
    """start schedules and runs a paused sync; pause stops the schedule."""
    assert command(client, "start", conn, ["customers"]).json() == {"success": True}
    status = finished(client, conn, "customers")
    assert status["status"] == "SUCCESS" and status["nextScheduledSyncAt"] is not None
    assert command(client, "pause", conn, ["customers"]).json() == {"success": True}
    status = status_of(client, conn, "customers")
    assert status["status"] == "PAUSED" and status["nextScheduledSyncAt"] is None


def test_unknown_sync_is_400_no_syncs_found(client: httpx.Client, conn: Conn) -> None:
    """trigger, start and pause of a sync that is not deployed answer 400 no_syncs_found."""
    for what in ("trigger", "start", "pause"):
        response = command(client, what, conn, ["nope"])
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "no_syncs_found"


def test_sync_command_validation(client: httpx.Client, conn: Conn) -> None:
    """Missing syncs, a bad sync item, a bad sync_mode or an unknown key are 400 invalid_body."""
    for body in (
        {"provider_config_key": conn.provider_config_key},
        {"provider_config_key": conn.provider_config_key, "syncs": [3]},
        {"provider_config_key": conn.provider_config_key, "syncs": [], "sync_mode": "fast"},
        {"provider_config_key": conn.provider_config_key, "syncs": [], "bogus": True},
    ):
        response = client.post("/sync/trigger", json=body)
        assert response.status_code == 400 and response.json()["error"]["code"] == "invalid_body", (
            body
        )


def test_status_query_validation(client: httpx.Client, conn: Conn) -> None:
    """GET /sync/status needs syncs and provider_config_key and refuses unknown parameters."""
    for params in (
        {"syncs": "*"},
        {"provider_config_key": conn.provider_config_key},
        {"syncs": "*", "provider_config_key": "x", "other": "1"},
    ):
        response = client.get("/sync/status", params=params)
        assert (
            response.status_code == 400
            and response.json()["error"]["code"] == "invalid_query_params"
        )


def test_status_by_name_list(client: httpx.Client, conn: Conn) -> None:
    """syncs=a,b selects those syncs only."""
    assert sorted(s["name"] for s in statuses(client, conn, "customers,broken")) == [
        "broken",
        "customers",
    ]


def test_update_connection_frequency(client: httpx.Client, conn: Conn) -> None:
    """The frequency override shows in the status; null reverts; below 5 minutes is refused."""
    body = {
        "provider_config_key": conn.provider_config_key,
        "connection_id": conn.connection_id,
        "sync_name": "customers",
    }
    response = client.put(
        "/sync/update-connection-frequency", json={**body, "frequency": "every 2 hours"}
    )
    assert response.json() == {"frequency": "every 2 hours"}
    assert status_of(client, conn, "customers")["frequency"] == "every 2 hours"
    assert client.put(
        "/sync/update-connection-frequency", json={**body, "frequency": None}
    ).json() == {"frequency": "every hour"}
    response = client.put(
        "/sync/update-connection-frequency", json={**body, "frequency": "every minute"}
    )
    assert response.status_code == 400 and response.json()["error"]["code"] == "invalid_body"
    response = client.put(
        "/sync/update-connection-frequency", json={**body, "sync_name": "nope", "frequency": None}
    )
    assert response.status_code == 400 and response.json()["error"]["code"] == "unknown_sync"


def test_sync_variants(client: httpx.Client, conn: Conn) -> None:
    """A variant runs on its own records; base is protected; duplicates are refused; an unknown
    sync fails as on Nango (500 failed_sync_variant_creation)."""
    body = {"provider_config_key": conn.provider_config_key, "connection_id": conn.connection_id}
    response = client.post("/sync/auto/variant/eu", json=body)
    assert response.status_code == 200
    assert set(response.json()) == {"id", "name", "variant"} and response.json()["variant"] == "eu"
    assert (
        client.post("/sync/auto/variant/eu", json=body).json()["error"]["code"]
        == "sync_variant_already_exists"
    )
    assert (
        client.post("/sync/auto/variant/base", json=body).json()["error"]["code"]
        == "invalid_variant"
    )
    unknown = client.post("/sync/nope/variant/eu", json=body)
    assert unknown.status_code == 500
    assert unknown.json()["error"]["code"] == "failed_sync_variant_creation"
    wait_for(lambda: records(client, conn, "Tick", variant="eu"))
    assert records(client, conn, "Tick", variant="eu")[0]["variant"] == "eu"
    assert [s["variant"] for s in statuses(client, conn, "auto::eu")] == ["eu"]
    assert client.request("DELETE", "/sync/auto/variant/eu", json=body).json() == {"success": True}
    response = client.request("DELETE", "/sync/auto/variant/eu", json=body)
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


def test_trigger_without_connection_runs_for_every_connection(client: httpx.Client) -> None:
    """Without connection_id a trigger runs the sync for every connection of the integration."""
    first = make_connection(client)
    second = make_connection(client, unique_key=first.provider_config_key)
    body = {"provider_config_key": first.provider_config_key, "syncs": ["broken"]}
    assert client.post("/sync/trigger", json=body).json() == {"success": True}
    for conn in (first, second):
        assert finished(client, conn, "broken")["latestExecutionStatus"] == "FAILED"


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("every hour", 60),
        ("every 30 minutes", 30),
        ("1h", 60),
        ("every half hour", 30),
        ("every 2 days", 2880),
        ("5m", 5),
    ],
)
def test_parse_frequency(text: str, minutes: int) -> None:
    """Nango's frequency notations parse to their interval."""
    assert parse_frequency(text).total_seconds() == minutes * 60


@pytest.mark.parametrize("text", ["every minute", "often", "every 3 fortnights", ""])
def test_parse_frequency_refuses(text: str) -> None:
    """Unknown notations and intervals under 5 minutes are refused with a message."""
    with pytest.raises(ValueError, match="frequency"):
        parse_frequency(text)
