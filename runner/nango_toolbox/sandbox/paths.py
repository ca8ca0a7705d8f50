"""Path identifiers that contain an encoded slash (`/connections/a%2Fb`) route as one segment.

ASGI servers decode the path before routing, so `a%2Fb` would become two segments and miss the
route, while Nango matches it as the id `a/b`. Before routing, each encoded slash of the raw path
becomes a private-use character that Starlette's `str` convertor turns back into `/` in
`path_params`. The proxy keeps reading the raw path, so what it forwards is unchanged.
"""

from __future__ import annotations

from urllib.parse import unquote

from starlette.convertors import StringConvertor, register_url_convertor
from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = ["EncodedSlashPaths"]

_SLASH = "\ue000"


class _SegmentConvertor(StringConvertor):
    def convert(self, value: str) -> str:
        return value.replace(_SLASH, "/")


register_url_convertor("str", _SegmentConvertor())


class EncodedSlashPaths:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        raw: bytes | None = scope.get("raw_path")
        if scope["type"] == "http" and raw and b"%2f" in raw.lower():
            segments = raw.decode("latin-1").split("?", 1)[0].split("/")
            path = "/".join(unquote(s).replace("/", _SLASH) for s in segments)
            scope = {**scope, "path": path}
        await self.app(scope, receive, send)
