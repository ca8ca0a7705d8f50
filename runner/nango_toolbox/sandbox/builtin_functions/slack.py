"""Slack: ``send-message``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..functions import ActionError

if TYPE_CHECKING:
    from ..functions import FunctionContext, FunctionRegistry

SEND_MESSAGE_INPUT = {
    "type": "object",
    "properties": {
        "channel": {"type": "string", "description": "channel id or #name"},
        "text": {"type": "string"},
    },
    "required": ["channel", "text"],
}
SEND_MESSAGE_OUTPUT = {
    "type": "object",
    "properties": {
        "ok": {"type": "boolean"},
        "channel": {"type": "string"},
        "ts": {"type": "string"},
    },
    "required": ["ok", "channel", "ts"],
}


def send_message(nango: FunctionContext, input: Any) -> dict[str, Any]:
    """Post a message to a Slack channel.
    - channel: the channel id or #name
    - text: the message text
    """
    if not isinstance(input, dict):
        raise ActionError({"message": "input must be an object with channel and text"})
    for key in ("channel", "text"):
        if not isinstance(input.get(key), str) or not input[key]:
            raise ActionError({"message": f"input.{key} must be a non-empty string"})
    answer = nango.post(
        "/chat.postMessage", json={"channel": input["channel"], "text": input["text"]}
    ).json()
    if not isinstance(answer, dict) or not answer.get("ok"):
        error = answer.get("error") if isinstance(answer, dict) else None
        raise ActionError({"message": f"Slack refused the message: {error or 'unknown error'}"})
    return {"ok": True, "channel": str(answer.get("channel", "")), "ts": str(answer.get("ts", ""))}


def register(registry: FunctionRegistry) -> None:
    registry.action(
        "send-message",
        provider="slack",
        input_model="SendMessageInput",
        input_schema=SEND_MESSAGE_INPUT,
        output_model="SlackMessage",
        output_schema=SEND_MESSAGE_OUTPUT,
        scopes=("chat:write",),
        endpoint=("POST", "/messages"),
        pre_built=True,
    )(send_message)
