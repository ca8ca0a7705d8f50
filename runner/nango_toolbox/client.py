"""``Nango`` and ``AsyncNango``: the SDK facade over the generated ``nango_client``.

One source: ``AsyncNango`` is written in :mod:`._async_client`; ``Nango`` in ``_sync_client.py``
is generated from it by ``scripts/unasync.py`` (``make unasync``; ``make check-generated`` fails
when the two drift). Shared plumbing lives in :mod:`._client_base`.
"""

from __future__ import annotations

from ._async_client import AsyncNango
from ._client_base import CallKwargs, ProxyKwargs, RecordsKwargs
from ._sync_client import Nango

__all__ = ["AsyncNango", "CallKwargs", "Nango", "ProxyKwargs", "RecordsKwargs"]
