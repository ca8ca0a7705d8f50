"""Wrongly typed arguments: one-line InvalidArgumentError naming the method and the argument,
raised before anything is sent (the clients point at a port where nothing listens, so a request
would fail as APIConnectionError instead), for Nango and AsyncNango alike."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from nango_toolbox import AsyncNango, InvalidArgumentError, Nango
from sdk_support import Conn, Control

NOWHERE = "http://127.0.0.1:9"

CASES: list[tuple[Callable[[Any], Any], str]] = [
    (
        lambda n: n.set_metadata("gh", "c1", ["a"]),
        "set_metadata(): metadata must be a mapping (dict), got list",
    ),
    (
        lambda n: n.set_metadata("gh", "c1", None),
        "set_metadata(): metadata must be a mapping (dict), got None",
    ),
    (
        lambda n: n.update_metadata("gh", "c1", "str"),
        "update_metadata(): metadata must be a mapping (dict), got str",
    ),
    (
        lambda n: n.set_metadata("gh", ["c1", 2], {}),
        "set_metadata(): connection_id_or_ids[1] must be a string, got int",
    ),
    (
        lambda n: n.list_connections(tags="team=blue"),
        "list_connections(): tags must be a mapping (dict) or None, got str",
    ),
    (
        lambda n: n.list_connections(tags={"team": 1}),
        "list_connections(): tags['team'] must be a string, got int",
    ),
    (
        lambda n: n.get_connection(None, None),
        "get_connection(): provider_config_key must be a string, got None",
    ),
    (
        lambda n: n.get_connection("gh", 42),
        "get_connection(): connection_id must be a string, got int",
    ),
    (
        lambda n: n.list_connections(limit=True),
        "list_connections(): limit must be an integer or None, got bool",
    ),
    (
        lambda n: n.get_connection("gh", "c1", refresh=True),
        "get_connection(): unexpected keyword argument 'refresh'",
    ),
    (lambda n: n.get_connection("gh"), "get_connection(): missing argument 'connection_id'"),
    (
        lambda n: n.list_integrations(timeout="30"),
        "list_integrations(): timeout must be a number, an httpx.Timeout or None, got str",
    ),
    (
        lambda n: n.trigger_sync("gh", syncs=["a", 3]),
        "trigger_sync(): syncs[1] must be a string or a mapping (dict), got int",
    ),
    (
        lambda n: n.proxy(
            "GET", "/x", provider_config_key="gh", connection_id="c1", headers={"a": 1}
        ),
        "proxy(): headers['a'] must be a string, got int",
    ),
    (
        lambda n: n.get("/x", provider_config_key="gh"),
        "get(): missing argument 'connection_id'",
    ),
    (
        lambda n: n.list_records(provider_config_key="gh", connection_id="c1", model=None),
        "list_records(): model must be a string, got None",
    ),
]


@pytest.mark.parametrize(("call", "message"), CASES)
def test_wrong_argument_is_named_before_sending(call: Callable[[Any], Any], message: str) -> None:
    """Each wrongly typed, unknown or missing argument raises InvalidArgumentError naming it."""
    with (
        Nango(str(uuid.uuid4()), NOWHERE, max_retries=0) as client,
        pytest.raises(InvalidArgumentError) as info,
    ):
        call(client)
    assert str(info.value) == message


@pytest.mark.parametrize(("call", "message"), CASES[:8])
async def test_async_client_checks_the_same(call: Callable[[Any], Any], message: str) -> None:
    """AsyncNango raises the same InvalidArgumentError when the call is awaited."""
    async with AsyncNango(str(uuid.uuid4()), NOWHERE, max_retries=0) as client:
        with pytest.raises(InvalidArgumentError) as info:
            await call(client)
    assert str(info.value) == message


async def test_async_iter_records_checks_at_the_call() -> None:
    """AsyncNango.iter_records (an async generator) refuses a bad argument when it is called."""
    async with AsyncNango(str(uuid.uuid4()), NOWHERE, max_retries=0) as client:
        with pytest.raises(
            InvalidArgumentError, match=r"^iter_records\(\): model must be a string"
        ):
            client.iter_records(provider_config_key="gh", connection_id="c1", model=7)


def test_argument_values_are_never_echoed() -> None:
    """The message names the type, never the value (it may be a credential)."""
    with (
        Nango(str(uuid.uuid4()), NOWHERE, max_retries=0) as client,
        pytest.raises(InvalidArgumentError) as info,
    ):
        client.import_connection("gh", credentials="sk_live_supersecret")
    assert str(info.value) == "import_connection(): credentials must be a mapping (dict), got str"


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({"tags": {"a", "b"}}, "set at json body['input']['tags']"),
        (
            {"when": datetime.datetime(2026, 1, 1)},
            "datetime (pass .isoformat()) at json body['input']['when']",
        ),
        ([1.0, float("nan")], "nan (not a finite number) at json body['input'][1]"),
    ],
)
def test_body_that_is_not_json_names_the_body(
    nango: Nango, conn: Conn, control: Control, body: Any, where: str
) -> None:
    """An action input that JSON cannot encode names the body and the place, nothing is sent."""
    control.client.delete("/_sandbox/requests").raise_for_status()
    with pytest.raises(InvalidArgumentError) as info:
        nango.trigger_action(conn.integration, conn.connection_id, "echo", body)
    assert str(info.value) == (
        f"POST /action/trigger: json body is not JSON-serialisable: {where}; pass only dicts, "
        "lists, strings, finite numbers, booleans and None"
    )
    assert control.requests("/action/trigger") == []


def test_proxy_json_that_is_not_json_names_the_body(nango: Nango, conn: Conn) -> None:
    """A proxy json= body holding a set names the body (not 'characters HTTP does not allow')."""
    with pytest.raises(InvalidArgumentError) as info:
        nango.post(
            "/v3/mail/send",
            provider_config_key=conn.integration,
            connection_id=conn.connection_id,
            json={"to": {"a@example.com"}},
        )
    assert str(info.value) == (
        "POST /proxy/v3/mail/send: json body is not JSON-serialisable: set at json body['to']; "
        "pass only dicts, lists, strings, finite numbers, booleans and None"
    )


def test_right_arguments_still_work(nango: Nango, conn: Conn) -> None:
    """Well-typed calls (a tuple of ids, an int timeout, a set of record ids) pass the check."""
    assert nango.list_connections(tags={"team": "blue-none"}, limit=5, timeout=10) == []
    assert nango.set_metadata(conn.integration, (conn.connection_id,), {"a": 1}) == {
        "provider_config_key": conn.integration,
        "connection_id": [conn.connection_id],
        "metadata": {"a": 1},
    }
    page = nango.list_records(
        provider_config_key=conn.integration,
        connection_id=conn.connection_id,
        model="Charge",
        ids={"ch_1"},
    )
    assert page.records == []


@pytest.mark.parametrize(
    ("options", "problem"),
    [
        ({"max_retries": "2"}, "max_retries must be an integer, got str"),
        ({"default_headers": {"X-Team": 7}}, "default_headers['X-Team'] must be a string, got int"),
        ({"secret_key": 123}, "secret_key must be a string or None, got int"),
    ],
)
def test_constructor_arguments_are_checked_too(options: dict[str, Any], problem: str) -> None:
    """A wrongly typed constructor argument names the class and the argument (Nango and
    AsyncNango), instead of a TypeError from a comparison deep inside."""
    settings = {"secret_key": str(uuid.uuid4()), "base_url": NOWHERE, **options}
    for cls in (Nango, AsyncNango):
        with pytest.raises(InvalidArgumentError) as info:
            cls(**settings)
        assert str(info.value) == f"{cls.__name__}(): {problem}"


def test_http_client_of_the_wrong_kind_is_named() -> None:
    """An httpx.Client given to AsyncNango (or the reverse) is refused naming the right kind."""
    with httpx.Client() as http, pytest.raises(InvalidArgumentError) as info:
        AsyncNango(str(uuid.uuid4()), NOWHERE, http_client=http)  # type: ignore[arg-type]
    assert str(info.value) == (
        "AsyncNango(): http_client must be an httpx.AsyncClient or None, got Client"
    )
