"""The official Node client and CLI, installed from npm into a cache folder for side-by-side runs."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from _harness import ROOT

NODE_CLIENT_VERSION = "0.71.10"
CACHE = ROOT / ".cache" / "bench-node"


def _install(*packages: str) -> Path | None:
    if not (shutil.which("node") and shutil.which("npm")):
        return None
    CACHE.mkdir(parents=True, exist_ok=True)
    missing = [p for p in packages if not (CACHE / "node_modules" / p.rsplit("@", 1)[0]).exists()]
    if missing:
        done = subprocess.run(
            [
                "npm",
                "install",
                "--no-audit",
                "--no-fund",
                "--silent",
                "--prefix",
                str(CACHE),
                *missing,
            ],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            return None
    return CACHE


def node_client() -> Path | None:
    """The cache folder holding @nangohq/node, or None when node/npm are absent or npm failed."""
    return _install(f"@nangohq/node@{NODE_CLIENT_VERSION}")


def node_cli() -> list[str] | None:
    """The command of the official `nango` CLI, or None when it cannot be had."""
    cache = _install(f"nango@{NODE_CLIENT_VERSION}")
    if cache is None:
        return None
    return ["node", str(cache / "node_modules" / "nango" / "dist" / "index.js")]
