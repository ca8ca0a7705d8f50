"""GitHub: actions ``create-issue`` and ``list-repos``, sync ``issues`` (model GithubIssue)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..functions import ActionError

if TYPE_CHECKING:
    from ..functions import FunctionContext, FunctionRegistry

CREATE_ISSUE_INPUT = {
    "type": "object",
    "properties": {
        "repo": {"type": "string", "description": "owner/name of the repository"},
        "title": {"type": "string"},
        "body": {"type": "string"},
        "labels": {"type": "array", "items": {"type": "string"}},
    },
    "required": ["repo", "title"],
}
ISSUE: dict[str, Any] = {
    "type": "object",
    "properties": {
        "id": {"type": "string"},
        "number": {"type": "integer"},
        "title": {"type": "string"},
        "body": {"type": ["string", "null"]},
        "state": {"type": "string"},
        "url": {"type": "string"},
    },
    "required": ["id", "number", "title", "state", "url"],
}
REPO = {
    "type": "object",
    "properties": {
        "id": {"type": "string"},
        "name": {"type": "string"},
        "full_name": {"type": "string"},
        "owner": {"type": "string"},
        "private": {"type": "boolean"},
        "url": {"type": "string"},
    },
    "required": ["id", "name", "full_name", "owner", "url"],
}
REPO_LIST = {
    "type": "object",
    "properties": {"repos": {"type": "array", "items": REPO}},
    "required": ["repos"],
}
_NEXT = re.compile(r'<([^>]+)>\s*;\s*rel="next"')
_REPO = re.compile(r"^[\w.-]+/[\w.-]+$")


def create_issue(nango: FunctionContext, input: Any) -> dict[str, Any]:
    """Create an issue in a repository.
    - repo: the repository as owner/name
    - title: the issue title
    - body: the issue text (markdown)
    - labels: label names to add
    """
    if not isinstance(input, dict):
        raise ActionError({"message": "input must be an object with repo and title"})
    repo, title = input.get("repo"), input.get("title")
    if not isinstance(repo, str) or not _REPO.match(repo):
        raise ActionError({"message": "input.repo must be 'owner/name'"})
    if not isinstance(title, str) or not title:
        raise ActionError({"message": "input.title must be a non-empty string"})
    payload = {k: input[k] for k in ("title", "body", "labels") if input.get(k) is not None}
    issue = nango.post(f"/repos/{repo}/issues", json=payload).json()
    return {
        "id": str(issue["id"]),
        "number": issue["number"],
        "title": issue["title"],
        "body": issue.get("body"),
        "state": issue.get("state", "open"),
        "url": issue.get("html_url") or issue.get("url", ""),
    }


def _paged(nango: FunctionContext, endpoint: str, params: dict[str, Any]) -> Iterator[Any]:
    """Every item of a GitHub list endpoint, following ``Link: <...>; rel="next"``."""
    page: tuple[str, dict[str, Any], str | None] | None = (endpoint, params, None)
    while page is not None:
        path, query, base_url = page
        response = nango.get(path, params=query, base_url_override=base_url)
        yield from response.json() or []
        page = _next_page(response.headers.get("link", ""))


def _repo(repo: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": str(repo["id"]),
        "name": repo["name"],
        "full_name": repo["full_name"],
        "owner": (repo.get("owner") or {}).get("login", ""),
        "private": bool(repo.get("private", False)),
        "url": repo.get("html_url") or repo.get("url", ""),
    }


def list_repos(nango: FunctionContext, input: Any) -> dict[str, Any]:
    """List the repositories of the authenticated user (every page)."""
    return {"repos": [_repo(r) for r in _paged(nango, "/user/repos", {"per_page": 100})]}


def issues(nango: FunctionContext) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Sync the issues of every repository of the user (changed since the last run)."""
    params: dict[str, Any] = {"state": "all", "per_page": 100}
    if nango.last_sync_date:
        params["since"] = nango.last_sync_date
    for repo in _paged(nango, "/user/repos", {"per_page": 100}):
        found = [
            {
                "id": str(issue["id"]),
                "number": issue["number"],
                "repo": repo["full_name"],
                "title": issue["title"],
                "body": issue.get("body"),
                "state": issue.get("state", "open"),
                "url": issue.get("html_url") or issue.get("url", ""),
            }
            for issue in _paged(nango, f"/repos/{repo['full_name']}/issues", dict(params))
        ]
        yield "GithubIssue", found


def _next_page(link: str) -> tuple[str, dict[str, Any], str] | None:
    """Path, query and base URL of the ``rel="next"`` link (GitHub's pagination), if any."""
    from urllib.parse import parse_qsl, urlsplit

    match = _NEXT.search(link)
    if match is None:
        return None
    url = urlsplit(match.group(1))
    return url.path, dict(parse_qsl(url.query)), f"{url.scheme}://{url.netloc}"


def register(registry: FunctionRegistry) -> None:
    registry.action(
        "create-issue",
        provider="github",
        input_model="CreateIssueInput",
        input_schema=CREATE_ISSUE_INPUT,
        output_model="GithubIssue",
        output_schema=ISSUE,
        scopes=("repo",),
        endpoint=("POST", "/issues"),
        pre_built=True,
    )(create_issue)
    registry.action(
        "list-repos",
        provider="github",
        output_model="GithubRepoList",
        output_schema=REPO_LIST,
        scopes=("repo",),
        endpoint=("GET", "/repos"),
        pre_built=True,
    )(list_repos)
    registry.sync(
        "issues",
        provider="github",
        models={
            "GithubIssue": {
                **ISSUE,
                "properties": {**ISSUE["properties"], "repo": {"type": "string"}},
            }
        },
        frequency="every hour",
        auto_start=False,
        scopes=("repo",),
        endpoints=[("GET", "/issues")],
        pre_built=True,
    )(issues)
