"""nango-run: the command-line entry point (placeholder until the runner lands)."""

from __future__ import annotations

import sys

from ._version import __version__


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args in (["--version"], ["-V"]):
        print(f"nango-run {__version__}")
        return 0
    print("usage: nango-run [--version]")
    return 0 if args in (["--help"], ["-h"]) else 2


if __name__ == "__main__":
    raise SystemExit(main())
