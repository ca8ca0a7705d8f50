"""Every Nango method against a sandbox over real HTTP (its own sandbox, with test functions)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import attrs
import httpx
import pytest
from nango_client.models import SyncStatus
from nango_client.types import Unset
from nango_toolbox import (
    ActionFailedError,
    APITimeoutError,
    AsyncNango,
    AuthenticationError,
    BadRequestError,
    Nango,
    NotFoundError,
)
from nango_toolbox.sandbox import Sandbox
from recording_provider import RecordingProvider
from sandbox_testing import SleepRecorder
from sdk_support import unique

FUNCTIONS = str(Path(__file__).with_name("sdk_functions.py"))


@pytest.fixture(scope="module")
def fsb(fake_provider_server: RecordingProvider) -> Iterator[Sandbox]:
    """A sandbox with the SDK test functions; sendgrid and hubspot go to the recording provider."""
    urls = {"sendgrid": fake_provider_server.url, "hubspot": fake_provider_server.url}
    with Sandbox(provider_base_urls=urls, functions=FUNCTIONS, time_scale=0.01) as sb:
        yield sb


@pytest.fixture
def client(fsb: Sandbox, waits: SleepRecorder) -> Iterator[Nango]:
    with Nango(fsb.secret_key, fsb.base_url, sleep=waits) as nango:
        yield nango


@pytest.fixture
def raw(fsb: Sandbox) -> Iterator[httpx.Client]:
    headers = {"Authorization": f"Bearer {fsb.secret_key}"}
    with httpx.Client(base_url=fsb.base_url, headers=headers) as http:
        yield http


@pytest.fixture
def sendgrid(client: Nango) -> str:
    """A fresh sendgrid (API_KEY) integration key."""
    key = unique("st")
    client.create_integration(provider="sendgrid", unique_key=key)
    return key


def import_stripe(client: Nango, key: str, **extra: Any) -> str:
    connection_id = unique("c")
    client.import_connection(
        key, connection_id=connection_id, credentials={"type": "API_KEY", "apiKey": "sk_x"}, **extra
    )
    return connection_id


def eventually(check: Any, what: str) -> Any:
    """Poll ``check`` (background work of the sandbox) until it returns a truthy value."""
    for _ in range(400):
        result = check()
        if result:
            return result
        time.sleep(0.05)
    raise AssertionError(f"never happened: {what}")


def test_providers(client: Nango) -> None:
    """list_providers filters by search and get_provider returns one provider model."""
    names = [p.name for p in client.list_providers(search="hubspot")]
    assert "hubspot" in names
    assert "github" not in names
    assert client.get_provider("hubspot").auth_mode == "OAUTH2"


def test_integration_lifecycle(client: Nango) -> None:
    """Create, list, get with credentials, update, rename and delete an integration."""
    key = unique("hs")
    created = client.create_integration(
        provider="hubspot",
        unique_key=key,
        display_name="HubSpot CRM",
        credentials={
            "type": "OAUTH2",
            "client_id": "cid",
            "client_secret": "csecret",
            "scopes": "crm",
        },
    )
    assert (created.unique_key, created.display_name) == (key, "HubSpot CRM")
    assert key in [i.unique_key for i in client.list_integrations()]
    detail = client.get_integration(key, include=["credentials", "webhook"])
    assert detail.credentials.client_id == "cid"
    assert detail.credentials.scopes == "crm"
    assert client.update_integration(key, display_name="Renamed").display_name == "Renamed"
    new_key = unique("hs")
    assert client.update_integration(key, new_unique_key=new_key).unique_key == new_key
    client.delete_integration(new_key)
    with pytest.raises(NotFoundError):
        client.get_integration(new_key)


def test_connect_session_flow_and_wait(client: Nango, sendgrid: str, raw: httpx.Client) -> None:
    """A connect session is created, read with its own token, completed, awaited and revoked."""
    end_user = unique("user")
    session = client.create_connect_session(
        end_user={"id": end_user, "email": "ada@example.com"}, allowed_integrations=[sendgrid]
    )
    assert session.token.startswith("nango_connect_session_")
    details = client.get_connect_session(session.token)
    assert details.allowed_integrations == [sendgrid]
    done = raw.post(
        "/_sandbox/connect/complete",
        json={
            "token": session.token,
            "integration_id": sendgrid,
            "credentials": {"apiKey": "sk_y"},
        },
    )
    assert done.status_code == 201, done.text
    found = client.wait_for_connection(integration_id=sendgrid, end_user_id=end_user, timeout=5)
    assert found.provider_config_key == sendgrid
    reconnect = client.create_reconnect_session(
        connection_id=found.connection_id, integration_id=sendgrid
    )
    assert reconnect.token.startswith("nango_connect_session_")
    client.delete_connect_session(session.token)
    with pytest.raises(AuthenticationError):
        client.get_connect_session(session.token)


def test_wait_for_connection_finds_a_tags_only_session_connection(
    client: Nango, sendgrid: str, raw: httpx.Client
) -> None:
    """wait_for_connection(end_user_id=) finds a connection made through a tags-only session,
    which Nango's endUserId filter does not return (it polls with tags[end_user_id])."""
    end_user = unique("user")
    session = client.create_connect_session(
        tags={"end_user_id": end_user}, allowed_integrations=[sendgrid]
    )
    done = raw.post(
        "/_sandbox/connect/complete",
        json={"token": session.token, "credentials": {"apiKey": "sk_t"}},
    )
    assert done.status_code == 201, done.text
    assert client.list_connections(integration_id=sendgrid, end_user_id=end_user) == []
    found = client.wait_for_connection(integration_id=sendgrid, end_user_id=end_user, timeout=5)
    assert found.connection_id == done.json()["connection_id"]


def test_wait_for_connection_times_out(client: Nango, sendgrid: str, waits: SleepRecorder) -> None:
    """Without a connection, wait_for_connection polls every poll_interval and then times out."""
    with pytest.raises(APITimeoutError, match="No connection to integration"):
        client.wait_for_connection(
            integration_id=sendgrid, end_user_id="nobody", timeout=5, poll_interval=2
        )
    assert waits.waits == [2, 2, 1]


def test_connections(client: Nango, sendgrid: str) -> None:
    """Import, list with filters, get, patch and delete connections."""
    first = import_stripe(client, sendgrid, tags={"team": "red"}, metadata={"plan": "pro"})
    second = import_stripe(client, sendgrid, tags={"team": "blue"})
    listed = {c.connection_id for c in client.list_connections(integration_id=sendgrid)}
    assert listed == {first, second}
    red = client.list_connections(integration_id=sendgrid, tags={"team": "red"})
    assert [c.connection_id for c in red] == [first]
    assert [c.connection_id for c in client.list_connections(connection_id=second)] == [second]
    assert [c.connection_id for c in client.list_connections(search=first)] == [first]
    assert len(client.list_connections(integration_id=sendgrid, limit=1)) == 1
    detail = client.get_connection(sendgrid, first)
    assert detail.metadata.to_dict() == {"plan": "pro"}
    assert client.get_token(sendgrid, first) == {"type": "API_KEY", "apiKey": "sk_x"}
    client.patch_connection(sendgrid, first, tags={"team": "green"})
    assert client.get_connection(sendgrid, first).tags.to_dict() == {"team": "green"}
    client.delete_connection(sendgrid, first)
    with pytest.raises(NotFoundError):
        client.get_connection(sendgrid, first)


def test_oauth2_token_and_raw_response(client: Nango) -> None:
    """get_token returns the OAuth 2 access token; get_raw_token_response the provider's answer."""
    key = unique("hs")
    client.create_integration(
        provider="hubspot",
        unique_key=key,
        credentials={"type": "OAUTH2", "client_id": "cid", "client_secret": "cs", "scopes": "crm"},
    )
    raw_token = {"access_token": "at-1", "token_type": "bearer", "scope": "crm"}
    client.import_connection(
        key,
        connection_id="oauth-conn",
        credentials={
            "type": "OAUTH2",
            "access_token": "at-1",
            "refresh_token": "rt-1",
            "expires_at": "2099-01-01T00:00:00.000Z",
            "raw": raw_token,
        },
    )
    assert client.get_token(key, "oauth-conn") == "at-1"
    assert client.get_raw_token_response(key, "oauth-conn")["scope"] == "crm"
    refreshed = client.get_connection(key, "oauth-conn", refresh_token=True)
    assert refreshed.credentials.to_dict().get("refresh_token") == "rt-1"


def test_metadata(client: Nango, sendgrid: str) -> None:
    """set_metadata replaces, update_metadata merges, both for one or many connections."""
    first, second = import_stripe(client, sendgrid), import_stripe(client, sendgrid)
    client.set_metadata(sendgrid, [first, second], {"a": 1, "b": 2})
    client.set_metadata(sendgrid, first, {"a": 10})
    client.update_metadata(sendgrid, second, {"c": 3})
    assert client.get_metadata(sendgrid, first) == {"a": 10}
    assert client.get_metadata(sendgrid, second) == {"a": 1, "b": 2, "c": 3}


def test_syncs(client: Nango, sendgrid: str) -> None:
    """Sync status, start, pause, trigger (records appear), frequency and variants."""
    connection_id = import_stripe(client, sendgrid)
    statuses = client.sync_status(sendgrid, syncs=["charges"], connection_id=connection_id)
    assert [(s.name, s.status) for s in statuses] == [("charges", "PAUSED")]
    client.start_sync(sendgrid, syncs=["charges"], connection_id=connection_id)
    client.pause_sync(sendgrid, syncs=["charges"], connection_id=connection_id)
    # start may have launched a run: it shows RUNNING until it ends, then the pause shows.
    eventually(
        lambda: client.sync_status(sendgrid, connection_id=connection_id)[0].status == "PAUSED",
        "the paused sync reported PAUSED",
    )
    client.trigger_sync(sendgrid, syncs=["charges"], connection_id=connection_id)
    records = eventually(
        lambda: (
            client.list_records(
                provider_config_key=sendgrid, connection_id=connection_id, model="Charge"
            ).records
        ),
        "records saved by the triggered sync",
    )
    assert sorted(r["id"] for r in records) == ["ch_0", "ch_1", "ch_2"]
    changed = client.update_sync_frequency(
        sendgrid, connection_id, sync_name="charges", frequency="every 2 hours"
    )
    assert changed.frequency == "every 2 hours"
    variant = client.create_sync_variant(sendgrid, connection_id, sync_name="charges", variant="eu")
    assert (variant.name, variant.variant) == ("charges", "eu")
    client.delete_sync_variant(sendgrid, connection_id, sync_name="charges", variant="eu")


def test_actions(client: Nango, sendgrid: str) -> None:
    """trigger_action returns the output; a failing action raises ActionFailedError with Nango's
    code and the action's payload."""
    connection_id = import_stripe(client, sendgrid)
    output = client.trigger_action(sendgrid, connection_id, "echo", {"x": 1})
    assert output == {"echo": {"x": 1}, "connection_id": connection_id}
    with pytest.raises(ActionFailedError) as info:
        client.trigger_action(sendgrid, connection_id, "fail")
    assert info.value.code == "action_script_runtime_error"
    assert info.value.payload == {"reason": "asked to fail"}
    with pytest.raises(NotFoundError):
        client.trigger_action(sendgrid, connection_id, "no-such-action")


def test_async_actions(fsb: Sandbox, sendgrid: str, client: Nango) -> None:
    """trigger_action_async returns a handle whose result is fetched, or awaited by the helper."""
    connection_id = import_stripe(client, sendgrid)
    handle = client.trigger_action_async(sendgrid, connection_id, "echo", {"n": 2})
    assert handle.status_url == f"/action/{handle.id}"
    result = eventually(lambda: _result_or_none(client, handle.id), "the async action's result")
    assert result == {"echo": {"n": 2}, "connection_id": connection_id}
    with Nango(fsb.secret_key, fsb.base_url) as real_sleeper:
        waited = real_sleeper.trigger_action_and_wait(
            sendgrid, connection_id, "echo", {"n": 3}, timeout=20, poll_interval=0.05
        )
    assert waited == {"echo": {"n": 3}, "connection_id": connection_id}


def _result_or_none(client: Nango, action_id: str) -> Any:
    try:
        return client.get_async_action_result(action_id)
    except NotFoundError:
        return None


def test_scripts_config(client: Nango, sendgrid: str) -> None:
    """get_scripts_config lists the functions deployed to each integration."""
    configs = {c.provider_config_key: c for c in client.get_scripts_config()}
    assert {a.name for a in configs[sendgrid].actions} == {"echo", "fail"}
    assert [s.name for s in configs[sendgrid].syncs] == ["charges"]


@pytest.fixture
def env_server() -> Iterator[str]:
    """A one-endpoint Nango stand-in for GET /environment-variables (the sandbox has none)."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            ok = self.path == "/environment-variables" and self.headers["Authorization"] == (
                "Bearer 11111111-1111-4111-8111-111111111111"
            )
            payload = json.dumps([{"name": "REGION", "value": "eu"}] if ok else {}).encode()
            self.send_response(200 if ok else 401)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_environment_variables(env_server: str) -> None:
    """get_environment_variables returns the name/value models of the environment."""
    with Nango("11111111-1111-4111-8111-111111111111", env_server) as client:
        variables = client.get_environment_variables()
    assert [(v.name, v.value) for v in variables] == [("REGION", "eu")]


def test_bad_arguments_are_one_line_value_errors(client: Nango, sendgrid: str) -> None:
    """Arguments the request models cannot take raise a clear ValueError, no KeyError."""
    with pytest.raises(ValueError, match=r"^import_connection: invalid arguments"):
        client.import_connection(sendgrid, credentials={"apiKey": "no type"})
    with pytest.raises(ValueError) as info:
        client.start_sync(sendgrid, syncs="charges")
    assert (
        str(info.value)
        == "start_sync(): syncs must be a list, got str; wrap a single one in a list"
    )


def test_integration_functions(client: Nango, sendgrid: str) -> None:
    """list_functions pages and filters, get_function/get_function_code read one, delete_function undeploys it."""
    page = client.list_functions(sendgrid)
    assert [(f.name, f.type_) for f in page.data] == [
        ("charges", "sync"),
        ("echo", "action"),
        ("fail", "action"),
    ]
    assert (page.pagination.total, page.pagination.page, page.pagination.limit) == (3, 0, 20)
    second = client.list_functions(sendgrid, type="action", search="", page=1, limit=1)
    assert [f.name for f in second.data] == ["fail"] and second.pagination.total == 2
    assert client.get_function(sendgrid, "charges", type="sync").auto_start is False
    code = client.get_function_code(sendgrid, "echo")
    assert code.type_ == "action" and "def echo(" in code.code
    assert client.delete_function(sendgrid, "fail", type="action") is None
    with pytest.raises(NotFoundError):
        client.get_function(sendgrid, "fail")
    assert [f.name for f in client.list_functions(sendgrid, type="action").data] == ["echo"]
    with pytest.raises(NotFoundError):
        client.list_functions(unique("missing"))
    with pytest.raises(BadRequestError):
        client.get_function(sendgrid, "echo", type="job")


def test_provider_templates_and_quickstart_integration(client: Nango) -> None:
    """get_provider_templates lists a provider's templates; create_quickstart_integration needs no credentials."""
    assert [t.name for t in client.get_provider_templates("github")] == ["get-issue", "get-user"]
    with pytest.raises(NotFoundError):
        client.get_provider_templates("no-such-provider")
    key = unique("qs")
    created = client.create_quickstart_integration(
        provider="hubspot", unique_key=key, display_name="Quick"
    )
    assert (created.unique_key, created.provider, created.display_name) == (key, "hubspot", "Quick")
    assert key in [i.unique_key for i in client.list_integrations()]
    with pytest.raises(BadRequestError):
        client.create_quickstart_integration(provider="sendgrid", unique_key=unique("qs"))


def _unset_paths(value: Any, where: str = "result") -> list[str]:
    """Where an Unset sentinel sits in a result: attrs fields, list items, dict values."""
    if isinstance(value, Unset):
        return [where]
    if attrs.has(type(value)):
        return [
            path
            for field in attrs.fields(type(value))
            for path in _unset_paths(getattr(value, field.name), f"{where}.{field.name}")
        ]
    if isinstance(value, list):
        return [
            path for i, item in enumerate(value) for path in _unset_paths(item, f"{where}[{i}]")
        ]
    if isinstance(value, dict):
        return [path for k, item in value.items() for path in _unset_paths(item, f"{where}[{k!r}]")]
    return []


def test_no_unset_reaches_a_user(client: Nango, sendgrid: str) -> None:
    """A sync that never ran has finished_at None (not Unset), and no result of the SDK holds
    an Unset anywhere; to_dict() still leaves out what the server left out."""
    connection_id = import_stripe(client, sendgrid)
    (status,) = client.sync_status(sendgrid, syncs=["charges"], connection_id=connection_id)
    assert (status.name, status.finished_at) == ("charges", None)
    assert status.to_dict()["finishedAt"] is None
    assert SyncStatus.from_dict(status.to_dict()).to_dict() == status.to_dict()
    results = {
        "sync_status": client.sync_status(sendgrid, connection_id=connection_id),
        "integrations": client.list_integrations(),
        "integration": client.get_integration(sendgrid, include=["credentials", "webhook"]),
        "connections": client.list_connections(integration_id=sendgrid),
        "connection": client.get_connection(sendgrid, connection_id),
        "provider": client.get_provider("hubspot"),
        "providers": client.list_providers(search="git"),
        "session": client.create_connect_session(tags={"end_user_id": unique("u")}),
        "scripts": client.get_scripts_config(),
        "functions": client.list_functions(sendgrid),
    }
    assert {name: _unset_paths(value) for name, value in results.items()} == {
        name: [] for name in results
    }


async def test_async_results_hold_no_unset(fsb: Sandbox, sendgrid: str, client: Nango) -> None:
    """AsyncNango's results are filled the same way."""
    connection_id = import_stripe(client, sendgrid)
    async with AsyncNango(fsb.secret_key, fsb.base_url) as anango:
        statuses = await anango.sync_status(sendgrid, connection_id=connection_id)
        connection = await anango.get_connection(sendgrid, connection_id)
    assert [s.finished_at for s in statuses] == [None]
    assert _unset_paths(statuses) == [] and _unset_paths(connection) == []


def test_default_waits_allow_for_a_slow_action_pickup(
    fake_provider_server: RecordingProvider,
) -> None:
    """On a server that picks actions up only after a while (real Nango: up to about 10 s; here
    1.5 s), trigger_action and trigger_action_and_wait with their default timeouts return the
    output, the latter after polling through 'No action found' answers."""
    urls = {"sendgrid": fake_provider_server.url}
    with (
        Sandbox(provider_base_urls=urls, functions=FUNCTIONS, pickup_delay=1.5) as slow,
        Nango(slow.secret_key, slow.base_url) as nango,
        httpx.Client(
            base_url=slow.base_url, headers={"Authorization": f"Bearer {slow.secret_key}"}
        ) as control,
    ):
        key = unique("st")
        nango.create_integration(provider="sendgrid", unique_key=key)
        connection_id = import_stripe(nango, key)
        assert nango.trigger_action(key, connection_id, "echo", {"n": 1}) == {
            "echo": {"n": 1},
            "connection_id": connection_id,
        }
        assert nango.trigger_action_and_wait(key, connection_id, "echo", {"n": 2}) == {
            "echo": {"n": 2},
            "connection_id": connection_id,
        }
        log = control.get("/_sandbox/requests").json()["requests"]
    polls = [r["status"] for r in log if r["path"].startswith("/action/") and r["method"] == "GET"]
    assert polls[-1] == 200 and set(polls[:-1]) == {404} and len(polls) >= 2


def test_trigger_sync_and_wait_returns_once_the_triggered_run_saved_its_records(
    fsb: Sandbox, sendgrid: str
) -> None:
    """On the sandbox, which like Nango reports the previous run until the job is picked up,
    trigger_sync_and_wait returns the triggered run, and its records are there at once."""
    with Nango(fsb.secret_key, fsb.base_url) as nango:
        connection_id = import_stripe(nango, sendgrid)
        (status,) = nango.trigger_sync_and_wait(
            sendgrid, syncs=["charges"], connection_id=connection_id, timeout=30, poll_interval=0.05
        )
        records = nango.list_records(
            provider_config_key=sendgrid, connection_id=connection_id, model="Charge"
        ).records
    assert (status.name, status.latest_execution_status) == ("charges", "SUCCESS")
    assert status.finished_at is not None
    assert sorted(r["id"] for r in records) == ["ch_0", "ch_1", "ch_2"]
