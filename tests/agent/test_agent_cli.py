"""nango-toolbox commands against the session sandbox over HTTP: each command, its outcomes and
exit codes, bounded previews, safety rails and bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from cli.cli_support import GITHUB_CLIENT_SECRET, REPO, CliRun, Control
from nango_toolbox.sandbox import Sandbox
from sandbox_testing import unique

Run = Callable[..., CliRun]


def _github(toolbox: Run, scopes: str = "repo") -> str:
    """A fresh GitHub integration (the sandbox's fake GitHub API) with our OAuth app."""
    key = unique("gh")
    result = toolbox(
        "ensure-integration", "github", "--key", key, "--client-id", "gh-client-id",
        "--client-secret", GITHUB_CLIENT_SECRET, "--scopes", scopes,
    )  # fmt: skip
    assert result.code == 0, result.err
    return key


def _connect(toolbox: Run, control: Control, key: str, end_user: str, **creds: str) -> str:
    """The end user connects through the link ``connect`` hands out; returns the connection id."""
    first = toolbox("connect", key, "--end-user", end_user)
    assert first.code == 3, first.err
    control.complete(first.json()["connect_link"]["url"], creds or None)
    again = toolbox("connect", key, "--end-user", end_user)
    assert again.code == 0, again.err
    return str(again.json()["connection"]["connection_id"])


# -- discover ----------------------------------------------------------------------------------


def test_providers_search(toolbox: Run) -> None:
    """providers SEARCH lists the providers whose name contains SEARCH, with their auth mode."""
    result = toolbox("providers", "github")
    assert result.code == 0
    doc = result.json()
    assert doc["outcome"] == "ok"
    modes = {p["name"]: p["auth_mode"] for p in doc["providers"]}
    assert all("github" in name for name in modes)
    assert (modes["github"], modes["github-pat"], doc["total"]) == ("OAUTH2", "API_KEY", len(modes))


def test_integrations_list_get_and_delete(toolbox: Run) -> None:
    """integrations lists a new integration, get shows its scopes, delete needs --yes off a
    terminal and then removes it."""
    key = _github(toolbox, scopes="repo,user")
    listed = toolbox("integrations").json()["integrations"]
    assert {"unique_key": key, "provider": "github"}.items() <= next(
        i for i in listed if i["unique_key"] == key
    ).items()
    got = toolbox("integrations", "get", key).json()["integration"]
    assert (got["auth_type"], got["scopes"]) == ("OAUTH2", ["repo", "user"])
    refused = toolbox("integrations", "delete", key)
    assert refused.code == 2
    assert "confirm with --yes" in refused.err
    deleted = toolbox("integrations", "delete", key, "--yes")
    assert (deleted.code, deleted.json()["deleted"]) == (0, key)
    assert toolbox("integrations", "get", key).code == 2


def test_scripts_lists_the_deployed_actions(toolbox: Run) -> None:
    """scripts --integration K lists the actions and syncs deployed for K."""
    key = _github(toolbox)
    doc = toolbox("scripts", "--integration", key).json()
    (entry,) = doc["scripts"]
    assert entry["integration_id"] == key
    assert {a["name"] for a in entry["actions"]} == {"create-issue", "list-repos"}
    assert [s["name"] for s in entry["syncs"]] == ["issues"]


# -- ensure-integration ------------------------------------------------------------------------


def test_ensure_integration_oauth_without_app_needs_a_person(toolbox: Run) -> None:
    """An OAuth provider without client id and secret: exit 3, needs client_id/client_secret,
    and the message points to the dashboard; nothing is created."""
    key = unique("gh")
    result = toolbox("ensure-integration", "github", "--key", key)
    assert result.code == 3
    doc = result.json()
    assert (doc["outcome"], doc["needs"], doc["auth_mode"]) == (
        "needs_person",
        ["client_id", "client_secret"],
        "OAUTH2",
    )
    assert "Nango dashboard" in doc["message"]
    assert toolbox("integrations", "get", key).code == 2


def test_ensure_integration_api_key_is_created_then_kept(toolbox: Run) -> None:
    """An API-key provider is created without credentials (the end user types the key in the
    connect link); a second call keeps it (created false)."""
    key = unique("sg")
    first = toolbox("ensure-integration", "sendgrid", "--key", key).json()["integration"]
    assert (first["unique_key"], first["auth_mode"], first["created"]) == (key, "API_KEY", True)
    again = toolbox("ensure-integration", "sendgrid", "--key", key).json()["integration"]
    assert again["created"] is False


def test_ensure_integration_unknown_provider_suggests(toolbox: Run) -> None:
    """An unknown provider is bad input (exit 2) naming the closest providers."""
    result = toolbox("ensure-integration", "githib", "--key", unique("x"))
    assert result.code == 2
    assert "unknown provider 'githib'; did you mean 'github'" in result.err


# -- connections -------------------------------------------------------------------------------


def test_connect_hands_out_a_link_then_finds_the_connection(toolbox: Run, control: Control) -> None:
    """connect: exit 3 with the link while the end user has no connection, then exit 0 with it;
    connections lists and shows it without credentials."""
    key = _github(toolbox)
    first = toolbox("connect", key, "--end-user", "ann")
    assert first.code == 3
    link = first.json()["connect_link"]
    assert (link["integration"], link["reconnect"]) == (key, False)
    assert "/connect" in link["url"] and "send them the link" in first.json()["message"]
    control.complete(link["url"])
    again = toolbox("connect", key, "--end-user", "ann")
    assert again.code == 0
    connection = again.json()["connection"]
    assert (connection["tags"], connection["scopes"]) == ({"end_user_id": "ann"}, ["repo"])
    listed = toolbox("connections", "--integration", key).json()
    assert [c["connection_id"] for c in listed["connections"]] == [connection["connection_id"]]
    shown = toolbox(
        "connections", "--integration", key, "--connection", connection["connection_id"]
    )
    detail = shown.json()["connection"]
    assert (detail["credentials_type"], detail["end_user"]) == ("OAUTH2", None)
    assert "access_token" not in shown.out and "credentials" not in detail


def test_connections_come_a_page_at_a_time(toolbox: Run, control: Control) -> None:
    """connections --limit N says a full page may have more and names the next page."""
    key = _github(toolbox)
    ids = [_connect(toolbox, control, key, user) for user in ("ann", "bob", "cy")]
    first = toolbox("connections", "--integration", key, "--limit", "2").json()
    assert first["count"] == 2
    assert first["note"] == "a full page of 2: there may be more; ask for page=1"
    rest = toolbox("connections", "--integration", key, "--limit", "2", "--page", "1").json()
    assert [c["connection_id"] for c in first["connections"] + rest["connections"]] == ids[::-1]
    assert "note" not in rest


def test_several_connections_are_candidates_never_picked(toolbox: Run, control: Control) -> None:
    """Two connections and no CONNECTION: exit 3 with both as candidates; --end-user narrows."""
    key = _github(toolbox)
    ann = _connect(toolbox, control, key, "ann")
    bob = _connect(toolbox, control, key, "bob")
    result = toolbox("proxy", key, "GET", "/user")
    assert result.code == 3
    doc = result.json()
    assert doc["outcome"] == "choose"
    assert {c["connection_id"] for c in doc["candidates"]} == {ann, bob}
    assert "ask which one" in doc["message"]
    narrowed = toolbox("proxy", key, "GET", "/user", "--end-user", "bob")
    assert (narrowed.code, narrowed.json()["connection_id"]) == (0, bob)


def test_scopes_report_then_grant_with_a_reconnect_link(toolbox: Run, control: Control) -> None:
    """scopes --require reports a missing scope (exit 1); --grant adds it to the integration
    and hands out a reconnect link (exit 3); once reconnected the scope is granted."""
    key = _github(toolbox)
    cid = _connect(toolbox, control, key, "ann")
    short = toolbox("scopes", key, cid, "--require", "repo,gist")
    assert short.code == 1
    doc = short.json()
    assert (doc["granted"], doc["missing"], doc["satisfied"]) == (["repo"], ["gist"], False)
    assert "--grant gist" in doc["message"]
    grant = toolbox("scopes", key, cid, "--grant", "gist")
    assert grant.code == 3
    link = grant.json()["connect_link"]
    assert link["reconnect"] is True
    assert toolbox("integrations", "get", key).json()["integration"]["scopes"] == ["repo", "gist"]
    control.complete(link["url"], {"scopes": "repo,gist"})
    done = toolbox("scopes", key, "--require", "gist")
    assert (done.code, done.json()["satisfied"]) == (0, True)


# -- calls -------------------------------------------------------------------------------------


def test_proxy_get_and_select(toolbox: Run, control: Control) -> None:
    """proxy GET returns {status, headers, body}; --select keeps one field."""
    key = _github(toolbox)
    _connect(toolbox, control, key, "ann")
    doc = toolbox("proxy", key, "GET", "/user").json()
    assert (doc["status"], doc["body"]["login"]) == (200, "sandbox-user")
    picked = toolbox("proxy", key, "GET", "/user", "--select", "/login").json()
    assert picked["body"] == "sandbox-user"
    missing = toolbox("proxy", key, "GET", "/user", "--select", "/nope")
    assert missing.code == 2
    assert "select '/nope': nothing at 'nope' after the top (keys: login, id" in missing.err


def test_proxy_mutation_needs_yes_and_dry_run_sends_nothing(toolbox: Run, control: Control) -> None:
    """A POST through the proxy needs --yes off a terminal; --dry-run prints the request and
    sends nothing; --yes sends it."""
    key = _github(toolbox)
    cid = _connect(toolbox, control, key, "ann")
    args = ("proxy", key, cid, "POST", "/repos/octo/hello/issues", "--json", '{"title": "Hi"}')
    refused = toolbox(*args)
    assert refused.code == 2
    assert "confirm with --yes" in refused.err
    control.reset_requests()
    planned = toolbox(*args, "--dry-run", "-H", "Authorization: Bearer xyzzy-provider-token")
    assert planned.code == 0
    request = planned.json()["request"]
    assert (request["method"], request["connection_id"], request["body"]) == (
        "POST",
        cid,
        {"title": "Hi"},
    )
    assert request["headers"] == {"Authorization": "***"}
    assert not any(path.startswith("/proxy") for _, path in control.requests())
    sent = toolbox(*args, "--yes").json()
    assert (sent["status"], sent["body"]["title"]) == (200, "Hi")


def test_records_are_bounded_with_cursor_and_saved_whole(
    toolbox: Run, control: Control, tmp_path: Path
) -> None:
    """A page larger than --max-bytes comes back cut with the total size and a note naming the
    cursor; --save writes every record of the page to the file."""
    key = _github(toolbox)
    cid = _connect(toolbox, control, key, "ann")
    control.seed_records(key, cid, "Note", [{"id": str(i), "text": "x" * 200} for i in range(30)])
    saved = tmp_path / "notes.json"
    result = toolbox(
        "records", key, "Note", "--limit", "20", "--max-bytes", "2000", "--save", str(saved)
    )
    assert result.code == 0, result.err
    doc = result.json()
    assert (doc["count"], doc["truncated"]) == (20, True)
    assert [r["id"] for r in doc["records"]] == ["0", "1", "2", "3"]
    assert doc["total_bytes"] > 4000
    assert f"pass cursor={doc['next_cursor']!r}" in doc["note"]
    assert [r["id"] for r in json.loads(saved.read_text())] == [str(i) for i in range(20)]
    rest = toolbox("records", key, cid, "Note", "--cursor", doc["next_cursor"]).json()
    assert [r["id"] for r in rest["records"]] == [str(i) for i in range(20, 30)]


def test_action_runs_a_deployed_action(toolbox: Run, control: Control) -> None:
    """action runs a deployed action with --input (an unknown one names the deployed ones)."""
    key = _github(toolbox)
    cid = _connect(toolbox, control, key, "ann")
    result = toolbox(
        "action", key, cid, "create-issue", "--input", '{"repo": "octo/hello", "title": "Hi"}'
    )
    assert result.code == 0, result.err
    assert result.json()["result"]["title"] == "Hi"
    unknown = toolbox("action", key, "nope")
    assert unknown.code == 1
    assert "(deployed: create-issue, list-repos)" in unknown.err
    assert "function API" in unknown.err


def test_doctor_reports_each_check(toolbox: Run) -> None:
    """doctor probes the server: key valid, catalog, scripts, /mcp absent on the sandbox."""
    _github(toolbox)
    checks = {c["check"]: c for c in toolbox("doctor").json()["checks"]}
    assert checks["secret key"]["ok"] is True
    assert checks["providers"]["ok"] is True
    assert checks["Nango MCP (/mcp)"]["ok"] is False
    assert checks["connect links"]["detail"].startswith("end users are sent to 127.0.0.1:")


def test_doctor_on_an_unreachable_server_exits_1(toolbox: Run) -> None:
    """doctor against a server that does not answer says so and exits 1."""
    result = toolbox("doctor", "--server-url", "http://127.0.0.1:9")
    assert result.code == 1
    doc = result.json()
    assert doc["working"] is False
    assert [(c["check"], c["ok"]) for c in doc["checks"]] == [
        ("server", True),
        ("reachable", False),
    ]


def test_unknown_connection_is_named(toolbox: Run) -> None:
    """A connection that does not exist is bad input naming it (records, scopes, proxy, action)."""
    key = _github(toolbox)
    for args in (
        ("records", key, "nope", "Note"),
        ("scopes", key, "nope"),
        ("proxy", key, "nope", "GET", "/user"),
    ):
        result = toolbox(*args)
        assert result.code == 2, args
        assert f"connection 'nope' of integration '{key}' does not exist" in result.err


# -- the other commands and bad input ----------------------------------------------------------


def test_skill_prints_the_shipped_skill(toolbox: Run) -> None:
    """skill prints SKILL.md as shipped in the package."""
    from nango_toolbox.agent.skill import skill_text

    result = toolbox("skill")
    assert result.code == 0
    assert result.out == skill_text()
    assert result.out.startswith("---\nname: nango-toolbox\n")


def test_run_is_nango_run(toolbox: Run) -> None:
    """run hands its arguments to nango-run (here: validate)."""
    result = toolbox("run", "validate", str(REPO / "workflows" / "github_issue.yaml"))
    assert result.code == 0
    assert result.out.endswith("github_issue.yaml: valid\n")


def test_sandbox_option_uses_a_throw_away_sandbox(toolbox: Run) -> None:
    """--sandbox runs the command against an embedded sandbox with no configuration."""
    os.environ.pop("NANGO_SECRET_KEY")
    result = toolbox("integrations", "--sandbox")
    assert (result.code, result.json()) == (0, {"outcome": "ok", "integrations": []})
    assert "throw-away sandbox" in result.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("integratons",),
            "unknown command 'integratons'; did you mean 'nango-toolbox integrations'?",
        ),
        (("proxy", "x"), "expected INTEGRATION [CONNECTION] METHOD PATH"),
        (
            ("proxy", "k", "c", "POST", "/x", "--json", "{bad"),
            "--json: not valid JSON at line 1 column 2",
        ),
        (("connect", "k"), "connect needs --end-user ID"),
        (
            ("records", "k", "c", "M", "--max-bytes", "-5"),
            "argument --max-bytes: expects a number of bytes, at least 256, got '-5'",
        ),
        (("scopes", "k", "--wait", "soon"), "--wait expects a duration such as 30s or 10m"),
    ],
)
def test_bad_usage_is_one_line_exit_2(toolbox: Run, args: tuple[str, ...], message: str) -> None:
    """Bad usage: exit 2, one line naming what to fix, and the JSON error document."""
    result = toolbox(*args)
    assert result.code == 2
    assert message in result.err
    assert result.json()["outcome"] == "error"


def test_a_header_without_colon_is_refused_without_echoing_it(toolbox: Run) -> None:
    """A -H without 'Name:' is bad usage whose message does not repeat the header, which may
    be a credential."""
    result = toolbox("proxy", "k", "c", "GET", "/x", "-H", "Authorization Bearer xyzzy-h-token")
    assert result.code == 2
    assert (
        result.err
        == "nango-toolbox: error: -H expects 'Name: value'; one -H has no name and colon\n"
    )
    assert "xyzzy" not in result.out


def test_unknown_integration_names_known_ones(toolbox: Run, control: Control) -> None:
    """An unknown integration is bad input naming the known ones and the closest."""
    key = _github(toolbox)
    result = toolbox("proxy", key + "x", "some-connection", "GET", "/user")
    assert result.code == 2
    assert f"unknown integration '{key}x' (known: " in result.err
    assert f"did you mean '{key}'?" in result.err


def test_common_options_before_the_command(toolbox: Run) -> None:
    """Options every command takes may come before the command."""
    result = toolbox("--output", "table", "providers", "github-pat")
    assert result.code == 0
    assert result.out.splitlines()[0].split() == [
        "NAME",
        "DISPLAY_NAME",
        "AUTH_MODE",
        "CATEGORIES",
        "DOCS",
    ]


def test_missing_secret_key_is_usage(toolbox: Run) -> None:
    """Without a secret key: exit 2 and the configuration message."""
    os.environ.pop("NANGO_SECRET_KEY")
    result = toolbox("integrations")
    assert result.code == 2
    assert "No Nango secret key" in result.err


def test_proxy_all_pages_follows_the_providers_pagination(toolbox: Run, control: Control) -> None:
    """--all-pages follows GitHub's pagination: the items of every page, and the pages asked for
    (Nango's proxy hides the Link header on a 2xx, so pages are asked until one comes back empty)."""
    key = _github(toolbox)
    cid = _connect(toolbox, control, key, "ann")
    repo = f"/repos/octo/{unique('r')}/issues"
    for n in range(5):
        sent = toolbox(
            "proxy", key, cid, "POST", repo, "--json", json.dumps({"title": f"i{n}"}), "-y"
        )
        assert sent.code == 0, sent.err
    doc = toolbox("proxy", key, cid, "GET", repo, "-q", "per_page=2", "--all-pages").json()
    assert (doc["pages"], sorted(i["title"] for i in doc["body"])) == (
        4,
        ["i0", "i1", "i2", "i3", "i4"],
    )


def test_action_async_returns_its_id(toolbox: Run, control: Control) -> None:
    """action --async starts the action and returns its id; --async --wait returns its output."""
    key = _github(toolbox)
    cid = _connect(toolbox, control, key, "ann")
    payload = '{"repo": "octo/hello", "title": "Later"}'
    started = toolbox("action", key, cid, "create-issue", "--input", payload, "--async").json()
    assert started["status_url"] == f"/action/{started['id']}"
    waited = toolbox(
        "action", key, cid, "create-issue", "--input", payload, "--async", "--wait", "30s"
    ).json()
    assert waited["result"]["title"] == "Later"


def test_table_output_on_request(toolbox: Run, control: Control) -> None:
    """--output table prints the list as a table (columns upper-cased) and the rest as lines."""
    key = _github(toolbox)
    _connect(toolbox, control, key, "ann")
    result = toolbox("connections", "--integration", key, "--output", "table")
    assert result.code == 0
    header, row, blank, count = result.out.splitlines()
    assert header.split() == [
        "CONNECTION_ID", "PROVIDER_CONFIG_KEY", "PROVIDER", "END_USER", "TAGS", "METADATA",
        "ERRORS", "CREATED",
    ]  # fmt: skip
    assert key in row.split() and '{"end_user_id":"ann"}' in row.split()
    assert (blank, count) == ("", "count: 1")


def test_connect_waits_for_the_end_user(
    toolbox: Run, control: Control, sandbox: Sandbox, tmp_path: Path
) -> None:
    """connect --wait hands the link on at once (a JSON line on stderr) and returns the
    connection as soon as the end user has connected."""
    key = _github(toolbox)
    env = {k: v for k, v in os.environ.items() if not k.startswith("NANGO")}
    env.update(NANGO_SECRET_KEY=sandbox.secret_key, NANGO_SERVER_URL=sandbox.base_url)
    exe = str(Path(sys.executable).with_name("nango-toolbox"))
    proc = subprocess.Popen(
        [exe, "connect", key, "--end-user", "ann", "--wait", "60s"],
        env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert proc.stderr is not None
        event = json.loads(proc.stderr.readline())
        assert (event["event"], event["integration"]) == ("waiting_for_end_user", key)
        made = control.complete(event["url"])
        out, _ = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 0
    assert json.loads(out)["connection"]["connection_id"] == made["connection_id"]
