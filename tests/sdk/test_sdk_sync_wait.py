"""trigger_sync_and_wait against a server that behaves like real Nango after a trigger: it keeps
reporting the previous run until the job is picked up."""

from __future__ import annotations

import pytest
from nango_toolbox import APITimeoutError, AsyncNango, Nango
from recording_provider import RecordingProvider
from sandbox_testing import SleepRecorder

KEY = "5b0a3a4e-2f6c-4d8e-9a1b-3c4d5e6f7a8b"
OLD = "2026-12-04T10:00:00.000Z"
NEW = "2026-12-04T10:05:00.000Z"


def _entry(status: str, finished_at: str | None, *, variant: str = "base") -> dict[str, object]:
    sync = {"id": "s1", "connection_id": "c1", "name": "items", "variant": variant}
    entry: dict[str, object] = {**sync, "status": status}
    if finished_at is not None:  # a sync that never ran has no finishedAt key
        entry["finishedAt"] = finished_at
    return entry


def _status(status: str, finished_at: str | None) -> dict[str, object]:
    return {"syncs": [_entry(status, finished_at)]}


def _script_previous_run_then_new(fake: RecordingProvider) -> None:
    fake.respond(200, _status("SUCCESS", OLD))
    fake.respond(200, {"success": True})
    fake.respond(200, _status("SUCCESS", OLD), times=3)
    fake.respond(200, _status("SUCCESS", NEW))


def _paths(fake: RecordingProvider) -> list[tuple[str, str]]:
    return [(r.method, r.path.split("?")[0]) for r in fake.requests]


def test_waits_past_the_previous_run_until_finished_at_changes(
    fake_provider: RecordingProvider, waits: SleepRecorder
) -> None:
    """The old run's SUCCESS does not end the wait; the run with a new finishedAt does."""
    _script_previous_run_then_new(fake_provider)
    with Nango(KEY, fake_provider.url, sleep=waits) as nango:
        statuses = nango.trigger_sync_and_wait(
            "k", syncs=["items"], connection_id="c1", poll_interval=0.5
        )
    assert [(s.name, s.status, s.finished_at) for s in statuses] == [("items", "SUCCESS", NEW)]
    assert _paths(fake_provider) == [
        ("GET", "/sync/status"),
        ("POST", "/sync/trigger"),
        *[("GET", "/sync/status")] * 4,
    ]
    assert waits.waits == [0.5, 0.5, 0.5]


async def test_async_twin_waits_for_a_never_run_sync_to_finish(
    fake_provider: RecordingProvider, waits: SleepRecorder
) -> None:
    """A sync that never ran (no finishedAt) is done once it was seen RUNNING and stopped."""
    fake_provider.respond(200, _status("PAUSED", None))
    fake_provider.respond(200, {"success": True})
    fake_provider.respond(200, _status("PAUSED", None))
    fake_provider.respond(200, _status("RUNNING", None))
    fake_provider.respond(200, _status("ERROR", NEW))
    async with AsyncNango(KEY, fake_provider.url, sleep=waits.async_sleep) as nango:
        statuses = await nango.trigger_sync_and_wait("k", syncs=["items"], poll_interval=1)
    assert [(s.status, s.finished_at) for s in statuses] == [("ERROR", NEW)]
    assert len(fake_provider.requests) == 5


def test_times_out_naming_the_syncs_when_the_run_never_finishes(
    fake_provider: RecordingProvider, waits: SleepRecorder
) -> None:
    """When the triggered run has not finished within timeout, APITimeoutError names the syncs."""
    fake_provider.respond(200, _status("SUCCESS", OLD))
    fake_provider.respond(200, {"success": True})
    fake_provider.respond(200, _status("SUCCESS", OLD), times=10)
    with Nango(KEY, fake_provider.url, sleep=waits) as nango, pytest.raises(APITimeoutError) as e:
        nango.trigger_sync_and_wait("k", syncs=["items"], timeout=3, poll_interval=1)
    assert str(e.value).startswith(
        "The syncs items of integration 'k' had not finished the run the trigger started after "
        "3 s; read sync_status() later or raise timeout="
    )
    assert waits.waits == [1, 1, 1]


def test_only_the_variant_that_was_triggered_is_watched(
    fake_provider: RecordingProvider, waits: SleepRecorder
) -> None:
    """A {name, variant} sync is watched alone: another variant's old run does not hold it."""
    base = _entry("SUCCESS", OLD)
    fake_provider.respond(200, {"syncs": [base, _entry("SUCCESS", OLD, variant="eu")]})
    fake_provider.respond(200, {"success": True})
    fake_provider.respond(200, {"syncs": [base, _entry("SUCCESS", NEW, variant="eu")]})
    with Nango(KEY, fake_provider.url, sleep=waits) as nango:
        statuses = nango.trigger_sync_and_wait("k", syncs=[{"name": "items", "variant": "eu"}])
    assert [(s.variant, s.finished_at) for s in statuses] == [("eu", NEW)]
    assert waits.waits == []
