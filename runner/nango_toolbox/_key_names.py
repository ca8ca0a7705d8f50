"""The environment variables Nango's keys and server URL are read from (by `_config`, the only
place that reads them), named apart so that `nango-run validate` can refuse a workflow reading a
key without importing the configuration machinery."""

from __future__ import annotations

__all__ = [
    "BASE_URL_VAR",
    "COMPAT_SECRET_KEY_VAR",
    "COMPAT_WEBHOOK_SIGNING_KEY_VAR",
    "SECRET_KEY_VAR",
    "WEBHOOK_SIGNING_KEY_VAR",
]

SECRET_KEY_VAR = "NANGO_TOOLBOX_SECRET_KEY"
COMPAT_SECRET_KEY_VAR = "NANGO_SECRET_KEY"
BASE_URL_VAR = "NANGO_SERVER_URL"
WEBHOOK_SIGNING_KEY_VAR = "NANGO_TOOLBOX_WEBHOOK_SIGNING_KEY"
COMPAT_WEBHOOK_SIGNING_KEY_VAR = "NANGO_WEBHOOK_SIGNING_KEY"
