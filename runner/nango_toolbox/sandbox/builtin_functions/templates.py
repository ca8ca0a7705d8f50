"""The sandbox's template catalogue: functions offered for deployment, not deployed at start.

``GET /providers/{provider}/templates`` lists them and ``POST /functions/deployments`` with
``{"type": "template"}`` deploys one to an integration, after which it runs through
``/action/trigger`` and shows in ``/scripts/config`` like any deployed function. They call the
provider through the sandbox's proxy logic, so they work against the built-in fake providers.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..functions import ActionError

if TYPE_CHECKING:
    from ..functions import FunctionContext, FunctionRegistry

_REPO = re.compile(r"^[\w.-]+/[\w.-]+$")
GITHUB_USER = {
    "type": "object",
    "properties": {
        "id": {"type": "string"},
        "login": {"type": "string"},
        "name": {"type": ["string", "null"]},
        "email": {"type": ["string", "null"]},
    },
    "required": ["id", "login"],
}
GET_ISSUE_INPUT = {
    "type": "object",
    "properties": {
        "repo": {"type": "string", "description": "owner/name of the repository"},
        "number": {"type": "integer"},
    },
    "required": ["repo", "number"],
}
SLACK_CHANNELS = {
    "type": "object",
    "properties": {
        "channels": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"id": {"type": "string"}, "name": {"type": "string"}},
                "required": ["id", "name"],
            },
        }
    },
    "required": ["channels"],
}


def get_user(nango: FunctionContext, input: Any) -> dict[str, Any]:
    """The GitHub account the connection belongs to."""
    user = nango.get("/user").json()
    return {
        "id": str(user["id"]),
        "login": user["login"],
        "name": user.get("name"),
        "email": user.get("email"),
    }


def get_issue(nango: FunctionContext, input: Any) -> dict[str, Any]:
    """One issue of a repository.
    - repo: the repository as owner/name
    - number: the issue number
    """
    if not isinstance(input, dict) or not _REPO.match(str(input.get("repo", ""))):
        raise ActionError({"message": "input.repo must be 'owner/name'"})
    number = input.get("number")
    if not isinstance(number, int) or isinstance(number, bool):
        raise ActionError({"message": "input.number must be an integer"})
    issue = nango.get(f"/repos/{input['repo']}/issues/{number}").json()
    return {
        "id": str(issue["id"]),
        "number": issue["number"],
        "title": issue["title"],
        "state": issue.get("state", "open"),
        "url": issue.get("html_url") or issue.get("url", ""),
    }


def list_channels(nango: FunctionContext, input: Any) -> dict[str, Any]:
    """The Slack channels the connection can see."""
    answer = nango.get("/conversations.list").json()
    if not isinstance(answer, dict) or not answer.get("ok"):
        raise ActionError({"message": "Slack refused to list the channels"})
    return {"channels": [{"id": c["id"], "name": c["name"]} for c in answer.get("channels", [])]}


def register(registry: FunctionRegistry) -> None:
    """Register every template (in a catalogue registry, not the deployed one)."""
    registry.action(
        "get-user",
        provider="github",
        output_model="GithubUser",
        output_schema=GITHUB_USER,
        scopes=("read:user",),
        endpoint=("GET", "/user"),
        pre_built=True,
    )(get_user)
    registry.action(
        "get-issue",
        provider="github",
        input_model="GetIssueInput",
        input_schema=GET_ISSUE_INPUT,
        output_model="GithubIssueSummary",
        scopes=("repo",),
        endpoint=("GET", "/issue"),
        pre_built=True,
    )(get_issue)
    registry.action(
        "list-channels",
        provider="slack",
        output_model="SlackChannelList",
        output_schema=SLACK_CHANNELS,
        scopes=("channels:read",),
        endpoint=("GET", "/channels"),
        pre_built=True,
    )(list_channels)
