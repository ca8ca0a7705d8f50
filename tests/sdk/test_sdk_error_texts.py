"""What an error says, for the answers real Nango sends that used to mislead: an action's own
failure, a route the server lacks, a pending async action, a refused connect session token.

Each answer is the exact body real Nango 0.71.4 sent, injected on the sandbox's route (a fault
rule), so the SDK reads it over real HTTP."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from nango_toolbox import (
    ActionFailedError,
    APIStatusError,
    AsyncNango,
    AuthenticationError,
    InternalServerError,
    Nango,
    NotFoundError,
)
from nango_toolbox.sandbox import Sandbox
from sdk_support import Conn, Control, unique

TRIGGER = "POST /action/trigger"


def _action_answer(control: Control, status: int, error: dict[str, Any]) -> None:
    control.fault(route=TRIGGER, times=1, status=status, body={"error": error})


def test_thrown_error_in_an_action_shows_the_scripts_message(
    nango: Nango, control: Control, conn: Conn
) -> None:
    """A thrown Error: Nango's message is generic, the SDK shows the script's name and message."""
    payload = {"message": "cannot read x", "name": "TypeError", "stacktrace": "at line 3"}
    _action_answer(
        control,
        500,
        {
            "message": "The action script failed with a runtime error",
            "code": "action_script_runtime_error",
            "payload": payload,
        },
    )
    with pytest.raises(ActionFailedError) as info:
        nango.trigger_action(conn.integration, conn.connection_id, "create-ticket", {"x": 1})
    error = info.value
    assert str(error) == (
        "POST /action/trigger failed with 500 action_script_runtime_error: action "
        "'create-ticket' failed: TypeError: cannot read x"
    )
    assert (error.payload, error.upstream, error.may_have_run) == (payload, None, False)
    assert error.hint is None and isinstance(error, APIStatusError)


def test_action_error_object_is_shown_as_the_action_gave_it(
    nango: Nango, control: Control, conn: Conn
) -> None:
    """An ActionError's object without a message is shown as compact JSON; no retry advice."""
    _action_answer(
        control,
        500,
        {
            "message": "An internal error occurred during the script execution",
            "code": "script_internal_error",
            "payload": {"reason": "asked to fail", "count": 2},
        },
    )
    with pytest.raises(ActionFailedError) as info:
        nango.trigger_action(conn.integration, conn.connection_id, "fail")
    assert str(info.value) == (
        "POST /action/trigger failed with 500 script_internal_error: action 'fail' failed: "
        '{"reason":"asked to fail","count":2}'
    )
    assert "retry" not in str(info.value)


def test_provider_error_inside_an_action_shows_the_upstream_answer(
    nango: Nango, control: Control, conn: Conn
) -> None:
    """424 script_http_error has no message: the SDK shows the provider's status and body."""
    upstream = {
        "status": 404,
        "headers": {"content-type": "application/json", "authorization": "Bearer tok-9"},
        "body": {"message": "Not Found"},
    }
    _action_answer(control, 424, {"code": "script_http_error", "payload": {}, "upstream": upstream})
    with pytest.raises(ActionFailedError) as info:
        nango.trigger_action(conn.integration, conn.connection_id, "get-repo")
    error = info.value
    assert str(error) == (
        "POST /action/trigger failed with 424 script_http_error: action 'get-repo' got 404 "
        '{"message":"Not Found"} from the provider'
    )
    assert error.upstream == {
        "status": 404,
        "headers": {"content-type": "application/json", "authorization": "***"},
        "body": {"message": "Not Found"},
    }
    assert (error.status_code, error.payload, error.may_have_run) == (424, None, False)


def test_task_in_progress_answer_says_the_action_may_have_run(
    nango: Nango, control: Control, conn: Conn
) -> None:
    """Nango's 500 'Task ... is in progress' (the action did run) says so and to check first."""
    _action_answer(
        control,
        500,
        {
            "message": "The action script failed with an error: {}",
            "code": "action_script_failure",
            "payload": {"error": "Task 7f3a is in progress"},
        },
    )
    with pytest.raises(ActionFailedError) as info:
        nango.trigger_action(conn.integration, conn.connection_id, "send-mail")
    assert info.value.may_have_run is True
    assert str(info.value) == (
        "POST /action/trigger failed with 500 action_script_failure: Nango lost track of action "
        "'send-mail' (Task 7f3a is in progress); action 'send-mail' may have run to completion: "
        "check its effects before triggering it again"
    )


async def test_async_action_result_failure_is_an_action_failed_error(
    anango: AsyncNango, control: Control
) -> None:
    """GET /action/{id} answering an action's failure raises ActionFailedError (AsyncNango)."""
    action_id = str(uuid.uuid4())
    control.fault(
        route=f"GET /action/{action_id}",
        status=500,
        body={
            "error": {
                "message": "The action script failed with a runtime error",
                "code": "action_script_runtime_error",
                "payload": {"message": "quota exceeded"},
            }
        },
    )
    with pytest.raises(ActionFailedError) as info:
        await anango.get_async_action_result(action_id)
    assert str(info.value) == (
        f"GET /action/{action_id} failed with 500 action_script_runtime_error: the action "
        "failed: quota exceeded"
    )


def test_pending_async_action_says_not_finished_or_unknown(nango: Nango) -> None:
    """The sandbox's 404 for an unknown action id says 'not finished yet, or no such action'."""
    action_id = str(uuid.uuid4())
    with pytest.raises(NotFoundError) as info:
        nango.get_async_action_result(action_id)
    assert str(info.value).endswith(
        "; the action has not finished yet, or there is no action with this id; poll again "
        "later (trigger_action_and_wait does)"
    )


def test_unknown_session_token_is_about_the_token(nango: Nango) -> None:
    """A refused connect session token gets advice about the token, not the secret key."""
    token = "nango_connect_session_" + "0" * 64
    with pytest.raises(AuthenticationError) as info:
        nango.get_connect_session(token)
    assert info.value.code == "unknown_connect_session_token"
    assert str(info.value).endswith(
        "; check the connect session token: it is unknown to this Nango environment (it expires "
        "30 minutes after create_connect_session(), and ends when the session is deleted)"
    )
    assert "secret key" not in str(info.value) and token not in str(info.value)


def test_secret_key_on_the_session_route_says_it_takes_a_session_token(
    nango: Nango, sandbox: Sandbox
) -> None:
    """The secret key used as a session token: the hint says the route takes a session token."""
    with pytest.raises(AuthenticationError) as info:
        nango.get_connect_session(sandbox.secret_key)
    assert info.value.code == "invalid_connect_session_token_format"
    assert str(info.value).endswith(
        "; this route takes a connect session token (nango_connect_session_..., from "
        "create_connect_session()), not the secret key"
    )
    assert sandbox.secret_key not in str(info.value)


@pytest.mark.parametrize(
    ("body", "headers"),
    [
        (
            "<!DOCTYPE html><html><body><pre>Cannot GET /x</pre></body></html>",
            {"content-type": "text/html"},
        ),
        ({"error": {"code": "not_found", "message": "Route not found"}}, {}),
    ],
)
def test_route_the_server_lacks_is_named(
    nango: Nango, control: Control, sandbox: Sandbox, body: Any, headers: dict[str, str]
) -> None:
    """A 404 HTML page or a 'route not found' body says the server has no such route."""
    provider = unique("p")
    control.fault(route=f"GET /providers/{provider}", status=404, body=body, headers=headers)
    with pytest.raises(NotFoundError) as info:
        nango.get_provider(provider)
    assert str(info.value).endswith(
        f"; the server at {sandbox.base_url} has no route GET /providers/{provider}: it may be "
        "an older or newer Nango than this SDK expects, or not a Nango server"
    )


def test_generic_error_support_mentions_the_route(
    nango: Nango, control: Control, sandbox: Sandbox
) -> None:
    """500 generic_error_support names the route the server may lack, without retry advice."""
    provider = unique("p")
    control.fault(
        route=f"GET /providers/{provider}",
        status=500,
        body={"error": {"code": "generic_error_support", "payload": "err-42"}},
    )
    with pytest.raises(InternalServerError) as info:
        nango.get_provider(provider)
    assert str(info.value) == (
        f"GET /providers/{provider} failed with 500 generic_error_support: generic_error_support; "
        f"Nango failed with an unexpected error; the server at {sandbox.base_url} may not have "
        f"the route GET /providers/{provider} (an older or newer Nango than this SDK expects): "
        "check its version, and report the error id to its operators if the route exists"
    )


def test_resource_not_found_has_no_route_hint(nango: Nango) -> None:
    """An ordinary 404 for a missing resource keeps Nango's message and no route hint."""
    with pytest.raises(NotFoundError) as info:
        nango.get_provider(unique("no-such-provider"))
    assert info.value.hint is None
