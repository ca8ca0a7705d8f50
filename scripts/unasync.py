"""Write the blocking twins of the SDK's async modules (after httpcore's scripts/unasync.py).

The async modules are the only hand-written source; each sync twin is the same text with a short
list of substitutions, then ``ruff format``. ``--check`` fails (exit 1, with a diff) when a twin
on disk differs from what this script writes, so the two APIs cannot drift.

    python scripts/unasync.py          # rewrite the twins
    python scripts/unasync.py --check  # CI: fail when a twin is stale or was edited by hand
"""

from __future__ import annotations

import difflib
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "runner" / "nango_toolbox"

# (async source, sync twin), relative to the package.
FILES = [
    ("_async_client.py", "_sync_client.py"),
    ("_async_send.py", "_sync_send.py"),
]

# Whole-word substitutions, applied in order to every line.
SUBS = [
    (r"async def __aenter__", "def __enter__"),
    (r"async def __aexit__", "def __exit__"),
    (r"\baclose\b", "close"),
    (r"\basync def\b", "def"),
    (r"\basync for\b", "for"),
    (r"\basync with\b", "with"),
    (r"\bawait ", ""),
    (r"\bAsyncNango\b", "Nango"),
    (r"\bAsyncSender\b", "SyncSender"),
    (r"\b_async_send\b", "_sync_send"),
    (r"\basync_attempt_deadline\b", "attempt_deadline"),
    (r"\basynccontextmanager\b", "contextmanager"),
    (r"\bAsyncSleep\b", "SyncSleep"),
    (r"\bAsyncIterator\b", "Iterator"),
    (r"\bAsyncIterable\b", "Iterable"),
    (r"\bhttpx\.AsyncClient\b", "httpx.Client"),
    (r"\bhttpx\.AsyncByteStream\b", "httpx.SyncByteStream"),
    (r"\bimport asyncio\b", "import time"),
    (r"\basyncio\.sleep\b", "time.sleep"),
    (r"\baiter_bytes\b", "iter_bytes"),
    (r"\baiter_raw\b", "iter_raw"),
    (r"\baread\b", "read"),
    (r"Asyncio client", "Blocking client"),
    (r"an async context manager", "a context manager"),
]
_COMPILED = [(re.compile(pattern), repl) for pattern, repl in SUBS]

BANNER = (
    "# Generated from {source} by scripts/unasync.py: do not edit.\n"
    "# Change {source} and run `make unasync` (CI checks the two agree).\n"
)


def unasync_text(text: str, source: str, twin: str) -> str:
    """The sync twin of one async module's text, formatted like the rest of the package."""
    lines = []
    for line in text.splitlines(keepends=True):
        for pattern, repl in _COMPILED:
            line = pattern.sub(repl, line)
        lines.append(line)
    return _ruff_format(BANNER.format(source=source) + "".join(lines), PACKAGE / twin)


def _ruff_format(text: str, path: Path) -> str:
    """Sort the imports, take the sync idioms ruff prefers (``yield from``), then format."""
    fixed = _ruff(text, path, "check", "--fix", "--unsafe-fixes", "--select", "I,UP028", "--quiet")
    return _ruff(fixed, path, "format")


def _ruff(text: str, path: Path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "ruff", *args, "--stdin-filename", str(path), "-"],
        input=text,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    if done.returncode != 0 and not done.stdout:
        sys.exit(f"unasync: ruff {args[0]} failed: {done.stderr.strip()}")
    return done.stdout


def main(argv: list[str]) -> int:
    check = argv[1:] == ["--check"]
    if argv[1:] and not check:
        print("usage: python scripts/unasync.py [--check]", file=sys.stderr)
        return 2
    stale = 0
    for source, twin in FILES:
        wanted = unasync_text((PACKAGE / source).read_text(), source, twin)
        path = PACKAGE / twin
        current = path.read_text() if path.exists() else ""
        if current == wanted:
            continue
        if check:
            stale += 1
            sys.stdout.writelines(
                difflib.unified_diff(
                    current.splitlines(keepends=True),
                    wanted.splitlines(keepends=True),
                    f"{twin} (on disk)",
                    f"{twin} (from {source})",
                )
            )
        else:
            path.write_text(wanted)
            print(f"wrote {path.relative_to(ROOT)}")
    if stale:
        print(f"{stale} sync twin(s) are stale or were edited by hand: run 'make unasync'")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
