"""Records: one page, auto-pagination over many pages, filters, prune."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import httpx
import pytest
from nango_toolbox import AsyncNango, BadRequestError, InvalidArgumentError, Nango
from nango_toolbox.sandbox import Sandbox
from sandbox_testing import SleepRecorder
from sdk_support import Conn, Control, unique


def seed_many(control: Control, conn: Conn, model: str, count: int) -> None:
    control.seed(
        conn.integration,
        conn.connection_id,
        model,
        [{"id": f"r{i:04d}", "n": i} for i in range(count)],
    )


def test_list_records_returns_one_page_and_a_cursor(
    nango: Nango, conn: Conn, control: Control
) -> None:
    """list_records returns at most ``limit`` records and the cursor of the next page."""
    model = unique("M")
    seed_many(control, conn, model, 5)
    page = nango.list_records(
        provider_config_key=conn.integration, connection_id=conn.connection_id, model=model, limit=2
    )
    assert [r["id"] for r in page.records] == ["r0000", "r0001"]
    assert page.next_cursor
    following = nango.list_records(
        provider_config_key=conn.integration,
        connection_id=conn.connection_id,
        model=model,
        limit=2,
        cursor=page.next_cursor,
    )
    assert [r["id"] for r in following.records] == ["r0002", "r0003"]
    assert following.records[0]["_nango_metadata"]["last_action"] == "ADDED"


def test_iter_records_walks_every_page(
    nango: Nango, conn: Conn, control: Control, sandbox_client: httpx.Client
) -> None:
    """iter_records yields all 250 records in order across 25 pages, one request per page."""
    model = unique("M")
    seed_many(control, conn, model, 250)
    sandbox_client.delete("/_sandbox/requests")
    records = nango.iter_records(
        provider_config_key=conn.integration,
        connection_id=conn.connection_id,
        model=model,
        limit=10,
    )
    assert [r["n"] for r in records] == list(range(250))
    assert len(control.requests("/records")) == 25


def test_iter_records_is_lazy(
    nango: Nango, conn: Conn, control: Control, sandbox_client: httpx.Client
) -> None:
    """iter_records fetches a page only when the previous one is consumed."""
    model = unique("M")
    seed_many(control, conn, model, 30)
    sandbox_client.delete("/_sandbox/requests")
    iterator = nango.iter_records(
        provider_config_key=conn.integration,
        connection_id=conn.connection_id,
        model=model,
        limit=10,
    )
    first = [next(iterator) for _ in range(10)]
    assert [r["n"] for r in first] == list(range(10))
    assert len(control.requests("/records")) == 1
    next(iterator)
    assert len(control.requests("/records")) == 2


def test_filters_ids_and_modified_after(nango: Nango, conn: Conn, control: Control) -> None:
    """ids, filter and modified_after (str or datetime) reach the server and narrow the result."""
    model = unique("M")
    seed_many(control, conn, model, 4)
    common = {
        "provider_config_key": conn.integration,
        "connection_id": conn.connection_id,
        "model": model,
    }
    by_id = nango.list_records(ids=["r0001", "r0003"], **common)
    assert sorted(r["id"] for r in by_id.records) == ["r0001", "r0003"]
    assert len(nango.list_records(filter="added", **common).records) == 4
    assert nango.list_records(filter="deleted", **common).records == []
    since = datetime.now(UTC) - timedelta(days=1)
    assert len(nango.list_records(modified_after=since, **common).records) == 4
    with pytest.raises(BadRequestError, match="modified_after"):
        nango.list_records(modified_after="2000-01-01T00:00:00Z", **common)


def test_prune_records(nango: Nango, conn: Conn, control: Control) -> None:
    """prune_records empties payloads up to a cursor and reports how many."""
    model = unique("M")
    seed_many(control, conn, model, 3)
    common = {
        "provider_config_key": conn.integration,
        "connection_id": conn.connection_id,
        "model": model,
    }
    page = nango.list_records(**common)
    until = page.records[1]["_nango_metadata"]["cursor"]
    result = nango.prune_records(until_cursor=until, **common)
    assert result.count == 2
    after = nango.list_records(**common).records
    assert [set(r) - {"_nango_metadata"} for r in after[:2]] == [{"id"}, {"id"}]
    assert after[2]["n"] == 2


async def test_async_iter_records(
    anango: AsyncNango, conn: Conn, control: Control, waits: SleepRecorder
) -> None:
    """AsyncNango.iter_records yields every record across pages too."""
    model = unique("M")
    seed_many(control, conn, model, 35)
    seen = [
        r["n"]
        async for r in anango.iter_records(
            provider_config_key=conn.integration,
            connection_id=conn.connection_id,
            model=model,
            limit=10,
        )
    ]
    assert seen == list(range(35))


async def test_async_list_and_prune(anango: AsyncNango, conn: Conn, control: Control) -> None:
    """AsyncNango.list_records pages and prune_records prunes, as the sync client does."""
    model = unique("M")
    seed_many(control, conn, model, 3)
    common = {
        "provider_config_key": conn.integration,
        "connection_id": conn.connection_id,
        "model": model,
    }
    page = await anango.list_records(limit=2, **common)
    assert [r["id"] for r in page.records] == ["r0000", "r0001"]
    pruned = await anango.prune_records(
        until_cursor=page.records[0]["_nango_metadata"]["cursor"], **common
    )
    assert pruned.count == 1


def test_modified_after_is_sent_as_utc_with_z(sandbox: Sandbox, conn: Conn) -> None:
    """An aware datetime or an ISO string with an offset reach Nango as UTC with Z, the only
    form it accepts (read from the requests the SDK's own httpx client sent)."""
    sent: list[httpx.Request] = []
    http = httpx.Client(event_hooks={"request": [sent.append]})
    common = {"provider_config_key": conn.integration, "connection_id": conn.connection_id}
    moment = datetime.now(UTC).replace(microsecond=250000) - timedelta(hours=3)
    plus_two = moment.astimezone(timezone(timedelta(hours=2)))
    with http, Nango(sandbox.secret_key, sandbox.base_url, http_client=http) as client:
        client.list_records(model="Charge", modified_after=plus_two, **common)
        client.list_records(model="Charge", modified_after=plus_two.isoformat(), **common)
    expected = moment.strftime("%Y-%m-%dT%H:%M:%S.250Z")
    assert [r.url.params["modified_after"] for r in sent] == [expected, expected]


@pytest.mark.parametrize(
    ("value", "got"),
    [
        (datetime(2026, 1, 31, 9, 0), "one without a timezone"),
        ("2026-01-31T09:00:00", "one without a timezone"),
        ("2026-01-31", "one without a timezone"),
        ("last tuesday", "text that is not one"),
    ],
)
async def test_naive_modified_after_is_refused(
    nango: Nango, anango: AsyncNango, conn: Conn, value: object, got: str
) -> None:
    """A naive datetime or a date-time without a zone is ambiguous: refused before sending,
    by Nango and AsyncNango alike."""
    common = {
        "provider_config_key": conn.integration,
        "connection_id": conn.connection_id,
        "model": "Charge",
    }
    message = (
        "list_records(): modified_after must be a date-time with a timezone (a datetime such as "
        "datetime.now(timezone.utc), or ISO 8601 such as 2026-01-31T09:00:00Z or ...+02:00), got "
        f"{got}; it is sent as UTC with Z"
    )
    with pytest.raises(InvalidArgumentError) as info:
        nango.list_records(modified_after=value, **common)  # type: ignore[arg-type]
    assert str(info.value) == message
    with pytest.raises(InvalidArgumentError) as ainfo:
        await anango.list_records(modified_after=value, **common)  # type: ignore[arg-type]
    assert str(ainfo.value) == message
