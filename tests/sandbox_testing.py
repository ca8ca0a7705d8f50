"""Helpers for tests that use the shared sandbox (importable: tests/ is on sys.path)."""

from __future__ import annotations

import uuid


def unique(prefix: str = "t") -> str:
    """A fresh identifier, so tests sharing the session sandbox never collide."""
    return f"{prefix}-{uuid.uuid4().hex[:10]}"
