"""What a new user trips on, each said plainly: a mistyped expression, an empty or wrong server
URL, the end user of a connection, the auth mode of an existing integration, -q, and a for_each
over many items in human output."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cli_support import CliRun, Control, unique
from nango_toolbox.sandbox import Sandbox

RunCli = Callable[..., CliRun]
Write = Callable[[str], Path]


def test_mistyped_expressions_are_located_warnings_and_templates_are_not(
    nango_run: RunCli, write_workflow: Write
) -> None:
    """${ x } and {{ inputs.x }} are warned about with their place; a provider template such as
    {{first_name}} is not; the file stays valid (exit 0)."""
    flow = write_workflow(
        """
        version: 1
        name: typos
        inputs:
          repo: {type: string, default: a/b}
        steps:
          - id: all
            discover: {what: integrations}
        outputs:
          shell: "repo ${ inputs.repo }"
          template: "{{ inputs.repo }}"
          home: "${HOME}/x"
          fine: "Hello {{first_name}}, ${{ inputs.repo }}"
        """
    )
    human = nango_run("validate", flow)
    assert human.code == 0, human.text
    assert human.out == f"{flow}: valid\n"
    assert human.err.splitlines() == [
        f"{flow}:10:10: /outputs/shell: warning: '${{ inputs.repo }}' is sent as written, not "
        "evaluated; write ${{ inputs.repo }} for an expression",
        f"{flow}:11:13: /outputs/template: warning: '{{{{ inputs.repo }}}}' is sent as written, "
        "not evaluated; write ${{ inputs.repo }} for an expression",
        f"{flow}:12:9: /outputs/home: warning: '${{HOME}}' is sent as written, not evaluated; "
        "write ${{ env.HOME }} for an expression",
    ]
    document = nango_run(flow, "--output", "json")
    assert document.code == 0, document.text
    assert [w["pointer"] for w in document.json()["warnings"]] == [
        "/outputs/shell",
        "/outputs/template",
        "/outputs/home",
    ]
    assert document.json()["outputs"]["shell"] == "repo ${ inputs.repo }"


def test_an_empty_server_url_is_a_usage_error_not_the_cloud(nango_run: RunCli) -> None:
    """--server-url "" stops with exit 2 and one line instead of silently using the cloud."""
    result = nango_run("workflows/none.yaml", "--server-url", "")
    assert result.code == 2
    assert result.err == (
        "nango-run: error: --server-url is empty; give the Nango server's URL (e.g. "
        "http://localhost:3003), or leave the option out to use NANGO_SERVER_URL (else "
        "https://api.nango.dev)\n"
    )


def test_a_server_url_with_a_wrong_path_is_reported_as_such(
    nango_run: RunCli, write_workflow: Write, sandbox: Sandbox
) -> None:
    """A URL under which Nango's routes do not exist (http://host/api) is named as the problem,
    not reported as an unknown provider."""
    flow = write_workflow(
        """
        version: 1
        name: t
        steps:
          - id: i
            ensure_integration: {provider: github}
        """
    )
    url = f"{sandbox.base_url}/api"
    result = nango_run(flow, "--server-url", url, "--output", "json")
    assert result.code == 1
    assert result.json()["steps"][0]["error"] == (
        f"the server at {url} does not answer Nango's API routes (GET /integrations: 404 No "
        "route GET /api/integrations); check --server-url or NANGO_SERVER_URL: it must be the "
        "root of the Nango API, e.g. http://localhost:3003 or https://api.nango.dev, without a "
        "path Nango does not serve"
    )


def test_an_unknown_provider_on_a_real_server_is_still_an_unknown_provider(
    nango_run: RunCli, write_workflow: Write
) -> None:
    """On a server that has Nango's routes, an unknown provider keeps its own message."""
    flow = write_workflow(
        """
        version: 1
        name: t
        steps:
          - id: i
            ensure_integration: {provider: no-such-provider}
        """
    )
    result = nango_run(flow, "--output", "json")
    assert result.code == 1
    assert result.json()["steps"][0]["error"].startswith("unknown provider 'no-such-provider'")


def test_the_connection_step_outputs_the_end_user_it_was_given(
    nango_run: RunCli, control: Control, write_workflow: Write
) -> None:
    """A connection made through a tags-only session has no end user on Nango: the step outputs
    the end_user it was given instead of null."""
    key = unique("sendgrid")
    control.client.post(
        "/integrations", json={"provider": "sendgrid", "unique_key": key}
    ).raise_for_status()
    user = unique("user")
    control.connect(key, user)
    flow = write_workflow(
        f"""
        version: 1
        name: t
        steps:
          - id: c
            connection: {{integration: {key}, end_user: {{id: {user}, email: a@example.com}}}}
        """
    )
    result = nango_run(flow, "--output", "json")
    assert result.code == 0, result.text
    assert result.json()["steps"][0]["outputs"]["end_user"] == {
        "id": user,
        "email": "a@example.com",
    }


def test_quiet_hides_the_sandbox_banner_and_the_link_block(
    nango_env: Path, write_workflow: Write, nango_run: RunCli
) -> None:
    """With -q, --sandbox prints no banner and no connect-link block (the sandbox completes the
    link itself); the outputs are still printed."""
    flow = write_workflow(
        """
        version: 1
        name: q
        steps:
          - id: i
            ensure_integration: {provider: sendgrid, unique_key: sg}
          - id: c
            connection: {integration: sg, end_user: {id: quiet-user}}
        outputs:
          id: ${{ steps.c.outputs.connection_id }}
        """
    )
    result = nango_run(flow, "--sandbox", "-q")
    assert result.code == 0, result.text
    assert [line.split(" in ")[0] for line in result.err.splitlines()] == ["workflow q succeeded"]
    assert result.out.startswith("id: ")


def test_quiet_with_no_wait_keeps_the_link_in_the_last_line(
    nango_run: RunCli, write_workflow: Write
) -> None:
    """-q and --no-wait: exit 3, no link block, and the one line on stderr carries the link."""
    key = unique("sendgrid")
    flow = write_workflow(
        f"""
        version: 1
        name: q
        steps:
          - id: i
            ensure_integration: {{provider: sendgrid, unique_key: {key}}}
          - id: c
            connection: {{integration: {key}, end_user: {{id: someone}}}}
        """
    )
    result = nango_run(flow, "-q", "--no-wait")
    assert result.code == 3
    lines = result.err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(
        f"workflow q is waiting: waiting for the end user to connect {key} at http"
    )


def test_a_for_each_over_many_items_prints_a_summary_not_a_line_per_item(
    nango_run: RunCli, write_workflow: Write
) -> None:
    """Human output shows the first 10 item lines, then one summary line with the counts."""
    flow = write_workflow(
        """
        version: 1
        name: many
        steps:
          - id: each
            for_each:
              items: ${{ inputs.items }}
              steps:
                - id: noop
                  if: ${{ index == -1 }}
                  discover: {what: integrations}
        inputs:
          items: {type: array, default: []}
        """
    )
    items = "[" + ",".join(str(n) for n in range(300)) + "]"
    result = nango_run(flow, "--input", f"items={items}")
    assert result.code == 0, result.text
    lines = result.err.splitlines()
    assert sum(line.startswith("SKIPPED  each[") for line in lines) == 10
    assert lines[10].startswith("SUCCESS  each (for_each) ")
    assert lines[11] == (
        "         ... 290 more lines of each's items not shown; items: 300 succeeded, 0 failed "
        "(-v or --output json shows every item)"
    )
