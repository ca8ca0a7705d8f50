"""The local Nango-compatible sandbox server (needs the ``sandbox`` extra: starlette, uvicorn).

``Sandbox`` starts it in-process; ``nango-run sandbox`` / ``python -m nango_toolbox.sandbox``
serve it from the command line (see `nango_toolbox.sandbox.__main__.serve`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .server import Sandbox, SandboxError

__all__ = ["Sandbox", "SandboxError"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import server

        return getattr(server, name)
    raise AttributeError(f"module 'nango_toolbox.sandbox' has no attribute {name!r}")
