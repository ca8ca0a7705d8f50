"""The provider's verification request, run before API_KEY / BASIC credentials are stored."""

from __future__ import annotations

from .context import SandboxContext
from .errors import ApiError
from .repo import Connection
from .upstream import ProviderUnreachable


async def verify_credentials(ctx: SandboxContext, connection: Connection) -> None:
    """Run the provider's verification request (API_KEY and BASIC providers that declare one).

    400 ``connection_test_failed`` when the provider refuses the credentials or cannot be reached.
    """
    provider = ctx.catalog.get(connection.provider)
    if provider is None or provider.auth_mode not in ("API_KEY", "BASIC"):
        return
    verification = provider.proxy.get("verification") or {}
    endpoints = verification.get("endpoints") or (
        [verification["endpoint"]] if verification.get("endpoint") else []
    )
    if not endpoints:
        return
    method = str(verification.get("method") or "GET").upper()
    headers = {str(k): str(v) for k, v in (verification.get("headers") or {}).items()}
    try:
        response = await ctx.call_provider(
            connection, method, str(endpoints[0]), None, None, headers
        )
    except ProviderUnreachable as exc:
        raise ApiError(
            400,
            "connection_test_failed",
            f"Could not verify the credentials: {connection.provider} is unreachable ({exc.reason});"
            " point it elsewhere with --provider-base-url",
        ) from None
    if response.status_code >= 400:
        raise ApiError(
            400,
            "connection_test_failed",
            f"The given credentials were found to be invalid and received a {response.status_code}"
            " on a test API call. Please check the credentials and try again.",
            payload={"status": response.status_code},
        )
