"""Cursor and offset pagination through the proxy, against a recording fake provider."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from cli_support import CliRun, Control, unique
from recording_provider import RecordingProvider

RunCli = Callable[..., CliRun]
Write = Callable[[str], Path]


def _stripe_connection(control: Control) -> tuple[str, str]:
    key = unique("sendgrid")
    control.client.post(
        "/integrations", json={"provider": "sendgrid", "unique_key": key}
    ).raise_for_status()
    return key, control.connect(key, unique("user"), apiKey="sk_test_pagination")


def _flow(write_workflow: Write, key: str, connection_id: str, paginate: str) -> Path:
    return write_workflow(
        f"""
        version: 1
        name: pages
        steps:
          - id: list
            proxy:
              connection: {{integration: {key}, connection_id: {connection_id}}}
              path: /v1/things
              params: {{status: open}}
              paginate: {paginate}
        outputs:
          items: ${{{{ steps.list.outputs.items }}}}
          pages: ${{{{ steps.list.outputs.pages }}}}
        """
    )


def _queries(provider: RecordingProvider) -> list[dict[str, list[str]]]:
    return [parse_qs(urlsplit(r.path).query) for r in provider.requests]


def test_cursor_pagination(
    nango_run: RunCli, control: Control, fake_provider: RecordingProvider, write_workflow: Write
) -> None:
    """Cursor pagination sends the cursor found in each page until there is none."""
    key, connection_id = _stripe_connection(control)
    fake_provider.respond(body={"data": [1, 2], "meta": {"next": "c2"}})
    fake_provider.respond(body={"data": [3], "meta": {"next": None}})
    config = "{type: cursor, response_path: data, cursor_path_in_response: meta.next, cursor_name_in_request: after}"
    result = nango_run(_flow(write_workflow, key, connection_id, config), "--output", "json")
    assert result.code == 0, result.text
    assert result.json()["outputs"] == {"items": [1, 2, 3], "pages": 2}
    queries = _queries(fake_provider)
    assert queries == [{"status": ["open"]}, {"status": ["open"], "after": ["c2"]}]


def test_offset_pagination(
    nango_run: RunCli, control: Control, fake_provider: RecordingProvider, write_workflow: Write
) -> None:
    """Offset pagination adds the page size to the offset until a page is short."""
    key, connection_id = _stripe_connection(control)
    fake_provider.respond(body={"results": ["a", "b"]})
    fake_provider.respond(body={"results": ["c", "d"]})
    fake_provider.respond(body={"results": ["e"]})
    config = (
        "{type: offset, response_path: results, limit: 2, limit_name_in_request: size, "
        "offset_name_in_request: from}"
    )
    result = nango_run(_flow(write_workflow, key, connection_id, config), "--output", "json")
    assert result.code == 0, result.text
    assert result.json()["outputs"] == {"items": ["a", "b", "c", "d", "e"], "pages": 3}
    assert [q["from"] for q in _queries(fake_provider)] == [["0"], ["2"], ["4"]]
    assert all(q["size"] == ["2"] for q in _queries(fake_provider))


def test_pagination_without_a_config_says_how_to_give_one(
    nango_run: RunCli, control: Control, fake_provider: RecordingProvider, write_workflow: Write
) -> None:
    """paginate: true on a provider without pagination config fails saying to give it."""
    key, connection_id = _stripe_connection(control)
    result = nango_run(_flow(write_workflow, key, connection_id, "true"))
    assert result.code == 1
    assert "provider 'sendgrid' declares no pagination; give it in the step" in result.err
    assert fake_provider.requests == []
