"""Built-in fake provider APIs under ``/_fake/<provider>/``, for trying workflows offline.

When the sandbox runs with ``fake_providers=True`` the github, slack and openai providers'
base URLs point here, so proxy calls and functions reach these handlers with the injected
credentials. State (created issues, posted messages) lives in memory for the server's life.
They answer the sandbox's own calls (its proxy and functions, in-process) and, from the network,
only a token the sandbox issued to a connection of that provider (else the provider's 401).

- GitHub (``/_fake/github``): ``GET /user``, ``GET /user/repos``, ``GET/POST
  /repos/{owner}/{repo}/issues`` and ``GET /repos/{owner}/{repo}/issues/{number}``, paginated
  with ``per_page``/``page`` and a ``Link`` header like the real API.
- Slack (``/_fake/slack``): ``POST /chat.postMessage``, ``GET /conversations.list`` (also under
  ``/api/``).
- OpenAI (``/_fake/openai``, API key): ``GET /v1/models``, ``POST /v1/chat/completions``; the
  key ``sk-invalid`` is refused with 401 (so a failing credentials check can be tried).
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from typing import Any
from urllib.parse import parse_qsl, urlencode

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from . import clock
from .context import SandboxContext
from .loopback import LOOPBACK

GITHUB_USER = {
    "login": "sandbox-user",
    "id": 1001,
    "type": "User",
    "name": "Sandbox User",
    "email": "sandbox-user@example.com",
}
INVALID_OPENAI_KEY = "sk-invalid"  # the one key the fake OpenAI refuses (to try failures)
GITHUB_ORG = "octo-org"
GITHUB_REPOS = [  # what GET /user/repos lists: the README's demo repository first
    (GITHUB_ORG, "hello-world"),
    ("sandbox-user", "sandbox-api"),
    ("sandbox-user", "docs"),
    ("sandbox-user", "website"),
    ("sandbox-user", "cli"),
]


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() in ("bearer", "token") and token.strip() else None


_ISSUED = (
    "SELECT 1 FROM connections WHERE provider IN ({providers}) AND ("
    "json_extract(credentials, '$.access_token') = ? OR json_extract(credentials, '$.apiKey') = ?"
    " OR json_extract(credentials, '$.token') = ?) LIMIT 1"
)


class _Gate:
    """Who may call a fake provider: the sandbox itself (its proxy and functions inject a
    connection's credentials, or check a candidate's), and from the network only a token the
    sandbox issued to a connection of that provider. Anyone else could otherwise write fake
    issues that show up in a user's proxy reads and syncs."""

    def __init__(self, ctx: SandboxContext, *providers: str) -> None:
        self.ctx = ctx
        self.providers = providers

    def check(self, request: Request) -> str:
        """``ok``, ``missing`` (no token) or ``invalid`` (a token no connection holds)."""
        token = _bearer(request)
        if token is None:
            return "missing"
        if request.scope.get(LOOPBACK):
            return "ok"
        marks = ", ".join("?" for _ in self.providers)
        found = self.ctx.store.query_one(
            _ISSUED.format(providers=marks), (*self.providers, token, token, token)
        )
        return "ok" if found is not None else "invalid"


def _page_params(request: Request, default: int = 30) -> tuple[int, int]:
    try:
        per_page = max(1, min(int(request.query_params.get("per_page", default)), 100))
        page = max(1, int(request.query_params.get("page", 1)))
    except ValueError:
        per_page, page = default, 1
    return per_page, page


def _paginated(request: Request, base_url: str, items: list[Any]) -> Response:
    """One page of ``items`` with GitHub's Link header (next, last)."""
    per_page, page = _page_params(request)
    start = (page - 1) * per_page
    chunk = items[start : start + per_page]
    last = max(1, -(-len(items) // per_page))
    links = []
    query = [(k, v) for k, v in request.query_params.multi_items() if k not in ("page", "per_page")]
    url = f"{base_url}{request.url.path}"

    def page_url(number: int) -> str:
        return url + "?" + urlencode([*query, ("per_page", str(per_page)), ("page", str(number))])

    if page < last:
        links.append(f'<{page_url(page + 1)}>; rel="next"')
        links.append(f'<{page_url(last)}>; rel="last"')
    if page > 1:
        links.append(f'<{page_url(1)}>; rel="first"')
        links.append(f'<{page_url(page - 1)}>; rel="prev"')
    headers = {"x-github-request-id": f"SBX{int(time.time() * 1000)}"}
    if links:
        headers["link"] = ", ".join(links)
    return JSONResponse(chunk, headers=headers)


class _GitHub:
    def __init__(self, ctx: SandboxContext) -> None:
        self.ctx = ctx
        self.gate = _Gate(ctx, "github", "github-pat")
        self.lock = threading.Lock()
        self.issues: dict[str, list[dict[str, Any]]] = {}
        self.ids = itertools.count(5001)

    def _repo(self, owner: str, name: str, index: int) -> dict[str, Any]:
        api = f"{self.ctx.base_url}/_fake/github"
        return {
            "id": 2001 + index,
            "name": name,
            "full_name": f"{owner}/{name}",
            "private": index % 2 == 1,
            "owner": (
                {"login": owner, "id": GITHUB_USER["id"], "type": "User"}
                if owner == GITHUB_USER["login"]
                else {"login": owner, "id": 3001, "type": "Organization"}
            ),
            "html_url": f"https://github.com/{owner}/{name}",
            "url": f"{api}/repos/{owner}/{name}",
            "default_branch": "main",
        }

    def unauthorized(self, request: Request) -> Response | None:
        state = self.gate.check(request)
        if state == "ok":
            return None
        message = "Requires authentication" if state == "missing" else "Bad credentials"
        return JSONResponse(
            {"message": message, "documentation_url": "https://docs.github.com/rest"},
            status_code=401,
        )

    async def user(self, request: Request) -> Response:
        return self.unauthorized(request) or JSONResponse(GITHUB_USER)

    async def repos(self, request: Request) -> Response:
        denied = self.unauthorized(request)
        if denied:
            return denied
        repos = [self._repo(owner, name, i) for i, (owner, name) in enumerate(GITHUB_REPOS)]
        return _paginated(request, self.ctx.base_url, repos)

    async def list_issues(self, request: Request) -> Response:
        denied = self.unauthorized(request)
        if denied:
            return denied
        key = f"{request.path_params['owner']}/{request.path_params['repo']}"
        state = request.query_params.get("state", "open")
        with self.lock:
            issues = [i for i in self.issues.get(key, []) if state == "all" or i["state"] == state]
        return _paginated(request, self.ctx.base_url, list(reversed(issues)))

    async def get_issue(self, request: Request) -> Response:
        denied = self.unauthorized(request)
        if denied:
            return denied
        key = f"{request.path_params['owner']}/{request.path_params['repo']}"
        with self.lock:
            for issue in self.issues.get(key, []):
                if str(issue["number"]) == request.path_params["number"]:
                    return JSONResponse(issue)
        return JSONResponse(
            {"message": "Not Found", "documentation_url": "https://docs.github.com/rest"},
            status_code=404,
        )

    async def create_issue(self, request: Request) -> Response:
        denied = self.unauthorized(request)
        if denied:
            return denied
        try:
            body = json.loads(await request.body() or b"{}")
        except ValueError:
            return JSONResponse({"message": "Problems parsing JSON"}, status_code=400)
        title = body.get("title") if isinstance(body, dict) else None
        if not isinstance(title, str) or not title:
            return JSONResponse(
                {
                    "message": "Validation Failed",
                    "errors": [{"resource": "Issue", "code": "missing_field", "field": "title"}],
                },
                status_code=422,
            )
        owner, repo = request.path_params["owner"], request.path_params["repo"]
        key = f"{owner}/{repo}"
        with self.lock:
            issues = self.issues.setdefault(key, [])
            number = len(issues) + 1
            issue = {
                "id": next(self.ids),
                "number": number,
                "title": title,
                "body": body.get("body"),
                "state": "open",
                "labels": [{"name": str(n)} for n in body.get("labels") or []],
                "user": {"login": GITHUB_USER["login"], "id": GITHUB_USER["id"]},
                "html_url": f"https://github.com/{key}/issues/{number}",
                "url": f"{self.ctx.base_url}/_fake/github/repos/{key}/issues/{number}",
                "created_at": clock.now_iso(),
            }
            issues.append(issue)
        return JSONResponse(issue, status_code=201)

    def routes(self) -> list[BaseRoute]:
        base = "/_fake/github"
        issues = base + "/repos/{owner}/{repo}/issues"
        return [
            Route(base + "/user", self.user, methods=["GET"]),
            Route(base + "/user/repos", self.repos, methods=["GET"]),
            Route(issues, self.list_issues, methods=["GET"]),
            Route(issues, self.create_issue, methods=["POST"]),
            Route(issues + "/{number}", self.get_issue, methods=["GET"]),
        ]


class _Slack:
    def __init__(self, ctx: SandboxContext) -> None:
        self.gate = _Gate(ctx, "slack")
        self.lock = threading.Lock()
        self.messages: list[dict[str, Any]] = []
        self.channels = [
            {"id": "C0SANDBOX1", "name": "general", "is_channel": True},
            {"id": "C0SANDBOX2", "name": "random", "is_channel": True},
        ]

    async def _params(self, request: Request) -> dict[str, Any]:
        raw = await request.body()
        if "json" in request.headers.get("content-type", ""):
            try:
                data = json.loads(raw or b"{}")
            except ValueError:
                return {}
            return data if isinstance(data, dict) else {}
        return dict(parse_qsl(raw.decode("utf-8", "replace"))) | dict(request.query_params)

    def unauthorized(self, request: Request) -> Response | None:
        state = self.gate.check(request)
        if state == "ok":
            return None
        return JSONResponse(
            {"ok": False, "error": "not_authed" if state == "missing" else "invalid_auth"}
        )

    async def post_message(self, request: Request) -> Response:
        denied = self.unauthorized(request)
        if denied:
            return denied
        params = await self._params(request)
        channel = params.get("channel")
        if not channel:
            return JSONResponse({"ok": False, "error": "channel_not_found"})
        if not params.get("text") and not params.get("blocks"):
            return JSONResponse({"ok": False, "error": "no_text"})
        ts = f"{time.time():.6f}"
        message = {"type": "message", "text": params.get("text", ""), "user": "U0SANDBOX", "ts": ts}
        with self.lock:
            self.messages.append({"channel": channel, **message})
        return JSONResponse({"ok": True, "channel": channel, "ts": ts, "message": message})

    async def conversations(self, request: Request) -> Response:
        denied = self.unauthorized(request)
        if denied:
            return denied
        return JSONResponse(
            {"ok": True, "channels": self.channels, "response_metadata": {"next_cursor": ""}}
        )

    def routes(self) -> list[BaseRoute]:
        routes: list[BaseRoute] = []
        for base in ("/_fake/slack", "/_fake/slack/api"):
            routes.append(Route(base + "/chat.postMessage", self.post_message, methods=["POST"]))
            routes.append(
                Route(base + "/conversations.list", self.conversations, methods=["GET", "POST"])
            )
        return routes


class _OpenAI:
    MODELS = ("gpt-4o-mini", "gpt-4o", "text-embedding-3-small")

    def __init__(self, ctx: SandboxContext) -> None:
        self.gate = _Gate(ctx, "openai")

    def unauthorized(self, request: Request) -> Response | None:
        token = _bearer(request)
        if token == INVALID_OPENAI_KEY or (token and self.gate.check(request) == "invalid"):
            return JSONResponse(
                {
                    "error": {
                        "message": "Incorrect API key provided.",
                        "type": "invalid_request_error",
                        "param": None,
                        "code": "invalid_api_key",
                    }
                },
                status_code=401,
            )
        if token is None:
            return JSONResponse(
                {
                    "error": {
                        "message": "You didn't provide an API key.",
                        "type": "invalid_request_error",
                        "param": None,
                        "code": None,
                    }
                },
                status_code=401,
            )
        return None

    async def models(self, request: Request) -> Response:
        denied = self.unauthorized(request)
        if denied:
            return denied
        data = [
            {"id": m, "object": "model", "created": 1700000000, "owned_by": "openai"}
            for m in self.MODELS
        ]
        return JSONResponse({"object": "list", "data": data})

    async def chat(self, request: Request) -> Response:
        denied = self.unauthorized(request)
        if denied:
            return denied
        try:
            body = json.loads(await request.body() or b"{}")
        except ValueError:
            body = None
        messages = body.get("messages") if isinstance(body, dict) else None
        if not isinstance(messages, list) or not messages:
            return JSONResponse(
                {
                    "error": {
                        "message": "'messages' is a required property",
                        "type": "invalid_request_error",
                        "param": "messages",
                        "code": None,
                    }
                },
                status_code=400,
            )
        last = messages[-1].get("content", "") if isinstance(messages[-1], dict) else ""
        return JSONResponse(
            {
                "id": f"chatcmpl-sbx{int(time.time() * 1000)}",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": body.get("model", "gpt-4o-mini")
                if isinstance(body, dict)
                else "gpt-4o-mini",
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": f"(sandbox) You said: {last}"},
                        "finish_reason": "stop",
                    }
                ],
                "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
            }
        )

    def routes(self) -> list[BaseRoute]:
        return [
            Route("/_fake/openai/v1/models", self.models, methods=["GET"]),
            Route("/_fake/openai/v1/chat/completions", self.chat, methods=["POST"]),
        ]


def routes(ctx: SandboxContext) -> list[BaseRoute]:
    return [*_GitHub(ctx).routes(), *_Slack(ctx).routes(), *_OpenAI(ctx).routes()]
