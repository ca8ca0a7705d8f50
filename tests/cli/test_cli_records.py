"""The records step through nango-run against the sandbox: streaming to a file, the cap on what
is kept without a file, max_records and a server that repeats its cursor."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from cli_support import CliRun, Control, unique

RunCli = Callable[..., CliRun]
Write = Callable[[str], Path]


def _seeded(control: Control, count: int) -> tuple[str, str]:
    """An API-key integration with one connection holding ``count`` Item records."""
    key = unique("sendgrid")
    control.client.post(
        "/integrations", json={"provider": "sendgrid", "unique_key": key}
    ).raise_for_status()
    connection_id = control.connect(key, unique("user"))
    records = [{"id": str(i), "name": f"item {i}"} for i in range(count)]
    control.seed_records(key, connection_id, "Item", records)
    return key, connection_id


def _flow(write: Write, key: str, connection_id: str, fields: str) -> Path:
    return write(
        f"""
        version: 1
        name: read
        steps:
          - id: read
            records:
              connection: {{integration: {key}, connection_id: {connection_id}}}
              model: Item
              {fields}
        """
    )


def test_save_to_streams_json_lines_and_outputs_only_count_and_path(
    nango_run: RunCli, control: Control, write_workflow: Write, nango_env: Path
) -> None:
    """With save_to, every page goes to the file as JSON lines; the outputs hold no records."""
    key, connection_id = _seeded(control, 25)
    fields = "limit: 10\n              all_pages: true\n              save_to: out/items.jsonl"
    result = nango_run(_flow(write_workflow, key, connection_id, fields), "--output", "json")
    assert result.code == 0, result.text
    assert result.json()["steps"][0]["outputs"] == {
        "count": 25,
        "next_cursor": None,
        "file": "out/items.jsonl",
    }
    lines = (nango_env / "out" / "items.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["name"] for line in lines] == [f"item {i}" for i in range(25)]
    assert sorted(p.name for p in (nango_env / "out").iterdir()) == ["items.jsonl"]


def test_more_records_than_the_cap_without_save_to_fails_naming_save_to(
    nango_run: RunCli, control: Control, write_workflow: Write
) -> None:
    """Without save_to, reading more than 10,000 records fails and says to use save_to."""
    key, connection_id = _seeded(control, 10_001)
    fields = "limit: 10000\n              all_pages: true"
    result = nango_run(_flow(write_workflow, key, connection_id, fields), "--output", "json")
    assert result.code == 1, result.text
    step = result.json()["steps"][0]
    assert step["status"] == "failed"
    assert step["error"] == (
        "records: more than 10,000 Item records; set save_to to stream them to a file "
        "(JSON lines), or max_records (at most 10,000) to keep only the first ones"
    )
    assert len(result.out) < 10_000


def test_max_records_cut_inside_a_page_resumes_after_the_last_record_kept(
    nango_run: RunCli, control: Control, write_workflow: Write
) -> None:
    """max_records keeps the first records; next_cursor resumes right after the last one kept."""
    key, connection_id = _seeded(control, 9)
    fields = "limit: 4\n              all_pages: true\n              max_records: 6"
    first = nango_run(_flow(write_workflow, key, connection_id, fields), "--output", "json")
    assert first.code == 0, first.text
    outputs = first.json()["steps"][0]["outputs"]
    assert [r["name"] for r in outputs["records"]] == [f"item {i}" for i in range(6)]
    assert outputs["count"] == 6
    resume = f"cursor: {outputs['next_cursor']}\n              all_pages: true"
    rest = nango_run(_flow(write_workflow, key, connection_id, resume), "--output", "json")
    assert rest.code == 0, rest.text
    names = [r["name"] for r in rest.json()["steps"][0]["outputs"]["records"]]
    assert names == ["item 6", "item 7", "item 8"]


def test_a_repeated_next_cursor_stops_the_step_after_two_pages(
    nango_run: RunCli, control: Control, write_workflow: Write
) -> None:
    """A server answering the same next_cursor again fails the step instead of paging forever."""
    key, connection_id = _seeded(control, 1)
    metadata = {
        "first_seen_at": "2026-01-01T00:00:00.000Z",
        "last_modified_at": "2026-01-01T00:00:00.000Z",
        "last_action": "ADDED",
        "deleted_at": None,
        "cursor": "c2FtZQ==",
    }
    page = {"records": [{"id": "1", "_nango_metadata": metadata}], "next_cursor": "c2FtZQ=="}
    control.fault(route="GET /records", status=200, body=page, times=50)
    control.reset_requests()
    result = nango_run(
        _flow(write_workflow, key, connection_id, "all_pages: true"), "--output", "json"
    )
    assert result.code == 1, result.text
    assert result.json()["steps"][0]["error"] == (
        "GET /records returned the same next_cursor twice ('c2FtZQ=='); stopping the "
        "iteration to avoid an endless loop"
    )
    assert [m for m, p in control.requests() if p.startswith("/records")] == ["GET", "GET"]


def test_dry_run_plans_the_file_without_reading_or_writing(
    nango_run: RunCli, control: Control, write_workflow: Write, nango_env: Path
) -> None:
    """In a dry run, save_to is a planned local write and no record is read."""
    key, connection_id = _seeded(control, 3)
    control.reset_requests()
    flow = _flow(write_workflow, key, connection_id, "save_to: items.jsonl")
    result = nango_run(flow, "--dry-run", "--output", "json")
    assert result.code == 0, result.text
    assert result.json()["plan"] == [
        {
            "method": "WRITE",
            "path": "(local)",
            "description": "write the Item records to items.jsonl (JSON lines)",
        }
    ]
    assert control.requests() == []
    assert not (nango_env / "items.jsonl").exists()


def test_modified_after_with_an_offset_reads_and_without_a_zone_fails(
    nango_run: RunCli, control: Control, write_workflow: Write
) -> None:
    """records.modified_after with an offset is sent as UTC with Z and reads the records; one
    without a timezone fails the step saying what form to use, before any GET /records."""
    key, connection_id = _seeded(control, 3)
    since = (datetime.now(UTC) - timedelta(days=1)).astimezone(timezone(timedelta(hours=2)))
    fields = f'modified_after: "{since.isoformat()}"'
    result = nango_run(_flow(write_workflow, key, connection_id, fields), "--output", "json")
    assert result.code == 0, result.text
    assert result.json()["steps"][0]["outputs"]["count"] == 3
    naive = 'modified_after: "2026-11-30T09:00:00"'
    result = nango_run(_flow(write_workflow, key, connection_id, naive), "--output", "json")
    assert result.code == 1, result.text
    assert result.json()["steps"][0]["error"] == (
        "list_records(): modified_after must be a date-time with a timezone (a datetime such as "
        "datetime.now(timezone.utc), or ISO 8601 such as 2026-01-31T09:00:00Z or ...+02:00), got "
        "one without a timezone; it is sent as UTC with Z"
    )
