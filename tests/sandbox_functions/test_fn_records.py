"""GET /records, PATCH /records/prune and POST /_sandbox/records over real HTTP."""

from __future__ import annotations

import base64
import tracemalloc
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from fn_helpers import Conn, make_connection
from nango_toolbox.sandbox.records import RecordStore
from nango_toolbox.sandbox.state import Store


def seed(
    http: httpx.Client, conn: Conn, model: str, records: list[Any], **extra: Any
) -> dict[str, Any]:
    response = http.post(
        "/_sandbox/records",
        json={
            "provider_config_key": conn.provider_config_key,
            "connection_id": conn.connection_id,
            "model": model,
            "records": records,
            **extra,
        },
    )
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


def list_records(http: httpx.Client, conn: Conn, **params: Any) -> httpx.Response:
    return http.get("/records", params=params, headers=conn.headers)


def all_ids(http: httpx.Client, conn: Conn, **params: Any) -> list[Any]:
    ids, cursor = [], None
    while True:
        query = dict(params, **({"cursor": cursor} if cursor else {}))
        body = list_records(http, conn, **query).json()
        ids.extend(r["id"] for r in body["records"])
        cursor = body["next_cursor"]
        if cursor is None:
            return ids


def test_seed_then_list_returns_records_with_nango_metadata(
    client: httpx.Client, conn: Conn
) -> None:
    """Seeded records come back with every _nango_metadata field, ADDED, and next_cursor null."""
    assert seed(client, conn, "Issue", [{"id": "a", "title": "A"}, {"id": 2, "title": "B"}]) == {
        "added": 2,
        "updated": 0,
        "deleted": 0,
    }
    body = list_records(client, conn, model="Issue").json()
    assert body["next_cursor"] is None
    assert [(r["id"], r["title"]) for r in body["records"]] == [("a", "A"), (2, "B")]
    meta = body["records"][0]["_nango_metadata"]
    assert set(meta) == {
        "first_seen_at",
        "last_modified_at",
        "last_action",
        "deleted_at",
        "pruned_at",
        "cursor",
    }
    assert (
        meta["last_action"] == "ADDED" and meta["deleted_at"] is None and meta["pruned_at"] is None
    )
    datetime.fromisoformat(meta["first_seen_at"])
    assert "||" in base64.b64decode(meta["cursor"]).decode()


def test_unknown_model_is_an_empty_list(client: httpx.Client, conn: Conn) -> None:
    """A model with no records answers an empty page, not an error."""
    assert list_records(client, conn, model="Nope").json() == {"records": [], "next_cursor": None}


def test_update_and_delete_set_last_action_and_filters_select_them(
    client: httpx.Client, conn: Conn
) -> None:
    """Changed records become UPDATED, deleted_ids DELETED (with deleted_at); filter picks by action."""
    seed(client, conn, "Issue", [{"id": i, "v": 0} for i in range(4)])
    result = seed(
        client, conn, "Issue", [{"id": 0, "v": 0}, {"id": 1, "v": 1}], deleted_ids=[2, "404"]
    )
    assert result == {"added": 0, "updated": 1, "deleted": 1}
    by_action = {
        f: [r["id"] for r in list_records(client, conn, model="Issue", filter=f).json()["records"]]
        for f in ("added", "updated", "deleted", "added,updated", "DELETED")
    }
    assert by_action == {
        "added": [0, 3],
        "updated": [1],
        "deleted": [2],
        "added,updated": [0, 3, 1],
        "DELETED": [2],
    }
    deleted = list_records(client, conn, model="Issue", filter="deleted").json()["records"][0]
    assert deleted["_nango_metadata"]["deleted_at"] is not None


def test_cursor_pages_cover_everything_once(client: httpx.Client, conn: Conn) -> None:
    """Following next_cursor with a limit returns every record exactly once, in order."""
    seed(client, conn, "Item", [{"id": i} for i in range(25)])
    first = list_records(client, conn, model="Item", limit=10).json()
    assert (
        len(first["records"]) == 10
        and first["next_cursor"] == first["records"][-1]["_nango_metadata"]["cursor"]
    )
    assert all_ids(client, conn, model="Item", limit=10) == list(range(25))


def test_pagination_is_stable_while_records_change(client: httpx.Client, conn: Conn) -> None:
    """Records changed mid-pass move to the end: nothing is skipped, only changed ones come twice."""
    seed(client, conn, "Item", [{"id": i, "v": 0} for i in range(10)])
    page = list_records(client, conn, model="Item", limit=4).json()
    seen = [r["id"] for r in page["records"]]
    # change one record already returned and one not yet returned, delete another, add one
    seed(
        client,
        conn,
        "Item",
        [{"id": 1, "v": 1}, {"id": 7, "v": 1}, {"id": 10, "v": 0}],
        deleted_ids=[5],
    )
    seen += all_ids(client, conn, model="Item", limit=4, cursor=page["next_cursor"])
    assert seen == [0, 1, 2, 3, 4, 6, 8, 9, 1, 7, 10, 5]


def test_record_cursor_resumes_after_that_record(client: httpx.Client, conn: Conn) -> None:
    """A record's own _nango_metadata.cursor returns only what changed after it."""
    seed(client, conn, "Item", [{"id": i} for i in range(3)])
    last = list_records(client, conn, model="Item").json()["records"][-1]
    assert (
        list_records(client, conn, model="Item", cursor=last["_nango_metadata"]["cursor"]).json()[
            "records"
        ]
        == []
    )
    seed(client, conn, "Item", [{"id": 0, "changed": True}])
    after = list_records(
        client, conn, model="Item", cursor=last["_nango_metadata"]["cursor"]
    ).json()
    assert [r["id"] for r in after["records"]] == [0]


def test_ids_and_variant_and_modified_after_filters(client: httpx.Client, conn: Conn) -> None:
    """ids selects by record id, variant keeps its own records, modified_after drops older ones."""
    seed(client, conn, "Item", [{"id": i} for i in range(5)])
    seed(client, conn, "Item", [{"id": "v1"}], variant="eu")
    assert [
        r["id"]
        for r in client.get(
            "/records", params=[("model", "Item"), ("ids", "1"), ("ids", "3")], headers=conn.headers
        ).json()["records"]
    ] == [1, 3]
    assert [
        r["id"] for r in list_records(client, conn, model="Item", variant="eu").json()["records"]
    ] == ["v1"]
    assert len(list_records(client, conn, model="Item", variant="base").json()["records"]) == 5
    future = (datetime.now(UTC) + timedelta(minutes=5)).isoformat().replace("+00:00", "Z")
    past = (datetime.now(UTC) - timedelta(days=1)).isoformat().replace("+00:00", "Z")
    assert list_records(client, conn, model="Item", modified_after=future).json()["records"] == []
    assert len(list_records(client, conn, model="Item", modified_after=past).json()["records"]) == 5


def test_bad_queries_are_invalid_query_params(client: httpx.Client, conn: Conn) -> None:
    """Missing model, bad limit, bad filter, old modified_after, bad cursor, unknown key: 400 invalid_query_params."""
    old = (datetime.now(UTC) - timedelta(days=400)).isoformat().replace("+00:00", "Z")
    for params in (
        {},
        {"model": "Xy", "limit": "0"},
        {"model": "Xy", "limit": "10001"},
        {"model": "Xy", "filter": "created"},
        {"model": "Xy", "modified_after": old},
        {"model": "Xy", "modified_after": "yesterday"},
        {"model": "Xy", "cursor": "not-a-cursor!"},
        {"model": "Xy", "page": "2"},
    ):
        response = list_records(client, conn, **params)
        assert response.status_code == 400, params
        assert response.json()["error"]["code"] == "invalid_query_params", params
    assert "12 months" in str(list_records(client, conn, model="Xy", modified_after=old).json())


def test_unknown_connection_and_missing_headers(client: httpx.Client, conn: Conn) -> None:
    """An unknown connection is 400 unknown_connection; missing headers 400 invalid_headers; no key 401."""
    response = client.get(
        "/records", params={"model": "Xy"}, headers={**conn.headers, "Connection-Id": "nope"}
    )
    assert response.status_code == 400 and response.json()["error"]["code"] == "unknown_connection"
    response = client.get("/records", params={"model": "Xy"})
    assert response.status_code == 400 and response.json()["error"]["code"] == "invalid_headers"
    response = httpx.get(f"{client.base_url}/records", params={"model": "Xy"}, headers=conn.headers)
    assert response.status_code == 401


def test_trailing_slash_path_is_served(client: httpx.Client, conn: Conn) -> None:
    """GET /records/ (what the official Node client calls) answers like /records."""
    seed(client, conn, "Item", [{"id": 1}])
    assert [
        r["id"]
        for r in client.get("/records/", params={"model": "Item"}, headers=conn.headers).json()[
            "records"
        ]
    ] == [1]


def test_prune_empties_payloads_up_to_cursor(client: httpx.Client, conn: Conn) -> None:
    """Prune keeps ids and metadata, sets pruned_at, stops at until_cursor and reports has_more."""
    seed(client, conn, "Item", [{"id": i, "secret": "x"} for i in range(5)])
    records = list_records(client, conn, model="Item").json()["records"]
    until = records[2]["_nango_metadata"]["cursor"]
    response = client.patch(
        "/records/prune",
        headers=conn.headers,
        json={"model": "Item", "until_cursor": until, "limit": 2},
    )
    assert response.json() == {"count": 2, "has_more": True}
    response = client.patch(
        "/records/prune", headers=conn.headers, json={"model": "Item", "until_cursor": until}
    )
    assert response.json() == {"count": 1, "has_more": False}
    after = list_records(client, conn, model="Item").json()["records"]
    assert [set(r) for r in after[:3]] == [{"id", "_nango_metadata"}] * 3
    assert [r["id"] for r in after[:3]] == [0, 1, 2]
    assert all(r["_nango_metadata"]["pruned_at"] for r in after[:3])
    assert after[3] == {**records[3]}


def test_prune_validates_its_body(client: httpx.Client, conn: Conn) -> None:
    """Prune without until_cursor or with an unknown key is 400 invalid_body; a cursor Nango
    cannot read is not validated there: it fails inside, 500 server_error."""
    for body in (
        {"model": "Item"},
        {"model": "Item", "until_cursor": "x", "extra": 1},
    ):
        response = client.patch("/records/prune", headers=conn.headers, json=body)
        assert response.status_code == 400 and response.json()["error"]["code"] == "invalid_body", (
            body
        )
    bad = client.patch(
        "/records/prune", headers=conn.headers, json={"model": "Item", "until_cursor": "%%%"}
    )
    assert bad.status_code == 500 and bad.json()["error"]["code"] == "server_error"


def test_seed_validates_records(client: httpx.Client, conn: Conn) -> None:
    """Seeding a record without id, or for an unknown connection, is refused with where it failed."""
    body = {
        "provider_config_key": conn.provider_config_key,
        "connection_id": conn.connection_id,
        "model": "Item",
    }
    response = client.post(
        "/_sandbox/records", json={**body, "records": [{"id": 1}, {"title": "no id"}]}
    )
    assert response.status_code == 400
    assert response.json()["error"]["errors"][0]["path"] == ["records", 1, "id"]
    response = client.post(
        "/_sandbox/records", json={**body, "connection_id": "nope", "records": []}
    )
    assert response.status_code == 400 and response.json()["error"]["code"] == "unknown_connection"


def test_records_go_away_with_their_connection(client: httpx.Client) -> None:
    """Deleting a connection deletes its records: a re-created connection starts empty."""
    conn = make_connection(client)
    seed(client, conn, "Item", [{"id": 1}])
    assert (
        client.delete(
            f"/connections/{conn.connection_id}",
            params={"provider_config_key": conn.provider_config_key},
        ).status_code
        == 200
    )
    body = {
        "provider_config_key": conn.provider_config_key,
        "connection_id": conn.connection_id,
        "credentials": {"type": "API_KEY", "apiKey": "k"},
    }
    assert client.post("/connections", json=body).status_code == 201
    assert list_records(client, conn, model="Item").json()["records"] == []


def test_hundred_thousand_records_seed_and_page_through(
    raw_client: httpx.Client, conn: Conn
) -> None:
    """100,000 records seeded in one call are all listed exactly once by cursor pagination."""
    client = raw_client
    records = [{"id": f"r{i}", "n": i, "name": f"record {i}"} for i in range(100_000)]
    assert seed(client, conn, "Big", records)["added"] == 100_000
    ids = all_ids(client, conn, model="Big", limit=10_000)
    assert len(ids) == 100_000 and len(set(ids)) == 100_000


def test_page_reads_one_page_not_the_table() -> None:
    """Listing a page of 100 out of 100,000 records allocates far less than the whole table."""
    store = Store()
    store.execute(
        "INSERT INTO connections (connection_id, provider_config_key, provider, credentials,"
        " created_at, updated_at) VALUES ('c', 'k', 'sendgrid', '{}', 'now', 'now')"
    )
    records = RecordStore(store)
    records.save(1, "Big", [{"id": i, "payload": "x" * 100} for i in range(100_000)])
    middle = records.page(1, "Big", limit=50_000).next_cursor
    tracemalloc.start()
    page = records.page(1, "Big", limit=100, cursor=middle)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(page.records) == 100 and page.records[0]["id"] == 50_000
    assert peak < 1_000_000  # the whole table is over 15 MB as Python objects
    store.close()
