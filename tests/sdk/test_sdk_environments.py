"""Environments, API keys and the webhook signing key through Nango and AsyncNango."""

from __future__ import annotations

import pytest
from nango_toolbox import (
    AsyncNango,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    Nango,
    NotFoundError,
    PermissionDeniedError,
)
from nango_toolbox.sandbox import Sandbox
from nango_toolbox.sandbox.environments import CURRENT_ID
from sdk_support import unique


def test_environment_lifecycle(nango: Nango) -> None:
    """create_environment answers a numeric id that delete_environment takes; a taken name is a
    ConflictError; prod cannot be deleted."""
    name = unique("env")
    created = nango.create_environment(
        name,
        hmac_key="legacy",
        otlp_endpoint="https://otel.example.com",
        otlp_headers=[{"name": "x-team", "value": "a"}],
    )
    assert created.name == name and isinstance(created.id, int)
    with pytest.raises(ConflictError):
        nango.create_environment(name)
    nango.delete_environment(created.id)
    with pytest.raises(NotFoundError, match="Environment not found"):
        nango.delete_environment(created.id)
    with pytest.raises(BadRequestError, match="cannot_delete_prod_environment"):
        nango.delete_environment(CURRENT_ID)


def test_api_keys_authenticate_until_deleted(nango: Nango, sandbox: Sandbox) -> None:
    """A created key's secret works as a secret key until delete_api_key(environment_id, key_id)."""
    created = nango.create_api_key(CURRENT_ID, unique("key"))
    assert created.scopes == ["environment:*"]
    with Nango(created.secret, sandbox.base_url) as keyed:
        keyed.list_integrations()
        nango.delete_api_key(CURRENT_ID, created.id)
        with pytest.raises(AuthenticationError) as refused:
            keyed.list_integrations()
    assert created.secret not in str(refused.value)
    with pytest.raises(NotFoundError, match="API key not found"):
        nango.delete_api_key(CURRENT_ID, created.id)


def test_environment_key_gets_permission_denied(nango: Nango, sandbox: Sandbox) -> None:
    """An environment key cannot create environments: PermissionDeniedError (403) carries
    Nango's message naming the scope."""
    created = nango.create_api_key(CURRENT_ID, unique("key"))
    with (
        Nango(created.secret, sandbox.base_url) as keyed,
        pytest.raises(PermissionDeniedError) as denied,
    ):
        keyed.create_environment(unique("env"))
    assert denied.value.status_code == 403 and denied.value.code == "forbidden"
    assert denied.value.message == "Insufficient scope. Required: account:environments:create"
    nango.delete_api_key(CURRENT_ID, created.id)


def test_rotate_signing_key_and_bad_ids(nango: Nango) -> None:
    """rotate_webhook_signing_key returns a new key each time; a UUID where a numeric id belongs
    is a one-line ValueError before any request."""
    assert nango.rotate_webhook_signing_key() != nango.rotate_webhook_signing_key()
    with pytest.raises(
        ValueError, match=r"^delete_environment\(\): environment_id must be an integer, got str$"
    ):
        nango.delete_environment("6f1c0b8e-3d2a-4c5b-9e7f-1a2b3c4d5e6f")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"^delete_api_key: key_id must be a positive integer"):
        nango.delete_api_key(CURRENT_ID, 0)


async def test_async_environments_and_keys(anango: AsyncNango, sandbox: Sandbox) -> None:
    """The same environment and API key operations work through AsyncNango, 403 included."""
    name = unique("aenv")
    created = await anango.create_environment(name, is_production=False)
    key = await anango.create_api_key(created.id, "ci")
    assert key.display_name == "ci" and key.scopes == ["environment:*"]
    await anango.delete_api_key(created.id, key.id)
    with pytest.raises(NotFoundError):
        await anango.delete_api_key(created.id, key.id)
    assert isinstance(await anango.rotate_webhook_signing_key(), str)
    await anango.delete_environment(created.id)
    with pytest.raises(NotFoundError):
        await anango.create_api_key(created.id, "late")
    own = await anango.create_api_key(CURRENT_ID, unique("akey"))
    async with AsyncNango(own.secret, sandbox.base_url) as keyed:
        with pytest.raises(PermissionDeniedError, match="account:environments:delete"):
            await keyed.delete_environment(created.id)
    await anango.delete_api_key(CURRENT_ID, own.id)
