"""Fidelity with a client we did not write: the official @nangohq/node against the sandbox."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from nango_toolbox.sandbox import Sandbox

NODE_CLIENT_VERSION = "0.71.10"
ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".cache" / "node-client"
SCRIPT = Path(__file__).with_name("node_client_check.mjs")
EXPECTED_CALLS = [
    "createIntegration", "listIntegrations", "createConnectSession", "listConnections",
    "getConnection", "setMetadata", "updateMetadata", "getConnection (metadata)", "proxy get",
    "proxy post", "listRecords", "listRecords (cursor)", "triggerAction", "triggerActionAsync",
    "getAsyncActionResult", "getScriptsConfig", "getScriptsConfig (openai)", "listFunctions",
    "startSync", "triggerSync", "syncStatus", "updateSyncConnectionFrequency", "pauseSync",
    "createSyncVariant", "deleteSyncVariant", "pruneRecords", "deleteConnection",
]  # fmt: skip


def installed_version() -> str | None:
    package = CACHE / "node_modules" / "@nangohq" / "node" / "package.json"
    if not package.is_file():
        return None
    version: str = json.loads(package.read_text())["version"]
    return version


@pytest.fixture(scope="module")
def node_client() -> Path:
    """The pinned @nangohq/node installed (once) into .cache/node-client."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("node and npm are not installed (apt-get install nodejs npm)")
    if installed_version() != NODE_CLIENT_VERSION:
        CACHE.mkdir(parents=True, exist_ok=True)
        (CACHE / "package.json").write_text('{"name": "node-client-cache", "private": true}\n')
        result = subprocess.run(
            [
                "npm",
                "install",
                "--no-audit",
                "--no-fund",
                "--loglevel=error",
                f"@nangohq/node@{NODE_CLIENT_VERSION}",
            ],
            cwd=CACHE,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, f"npm install failed: {result.stderr[-2000:]}"
    assert installed_version() == NODE_CLIENT_VERSION
    return CACHE


def test_official_node_client_calls_all_succeed(node_client: Path, fn_sandbox: Sandbox) -> None:
    """Every listed @nangohq/node call succeeds against the sandbox and returns the expected shapes."""
    env = {
        **os.environ,
        "NANGO_HOST": fn_sandbox.base_url,
        "NANGO_SECRET_KEY": fn_sandbox.secret_key,
    }
    result = subprocess.run(
        ["node", str(SCRIPT), str(node_client)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert lines, f"no report from the Node script: {result.stdout[-2000:]} {result.stderr[-2000:]}"
    calls = json.loads(lines[-1])["calls"]
    failed = [c for c in calls if not c["ok"]]
    assert not failed, f"Node client call failed: {failed}"
    assert result.returncode == 0, result.stderr[-2000:]
    assert list(dict.fromkeys(c["name"] for c in calls)) == EXPECTED_CALLS
