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
)
from nango_toolbox.sandbox import Sandbox
from nango_toolbox.sandbox.environments import CURRENT_UUID
from sdk_support import unique


def test_environment_lifecycle(nango: Nango) -> None:
    """list/create/delete_environment round-trip; a taken name is a ConflictError."""
    assert [(e.name, e.uuid) for e in nango.list_environments(name="prod")] == [
        ("prod", CURRENT_UUID)
    ]
    name = unique("env")
    created = nango.create_environment(name)
    assert created.name == name
    assert [e.uuid for e in nango.list_environments(name=name)] == [created.uuid]
    with pytest.raises(ConflictError):
        nango.create_environment(name)
    nango.delete_environment(created.uuid)
    assert nango.list_environments(name=name) == []
    with pytest.raises(BadRequestError):
        nango.delete_environment(CURRENT_UUID)


def test_api_keys_authenticate_until_deleted(nango: Nango, sandbox: Sandbox) -> None:
    """A created key's secret works as a secret key; listed keys carry no secret; a deleted key
    is refused."""
    created = nango.create_api_key(CURRENT_UUID, unique("key"))
    listed = nango.list_api_keys(CURRENT_UUID, display_name=created.display_name)
    assert [k.uuid for k in listed] == [created.uuid]
    assert "secret" not in listed[0].to_dict()
    assert nango.get_api_key(CURRENT_UUID, created.uuid).secret == created.secret
    with Nango(created.secret, sandbox.base_url) as keyed:
        keyed.list_integrations()
        nango.delete_api_key(CURRENT_UUID, created.uuid)
        with pytest.raises(AuthenticationError) as refused:
            keyed.list_integrations()
    assert created.secret not in str(refused.value)
    with pytest.raises(NotFoundError):
        nango.get_api_key(CURRENT_UUID, created.uuid)


def test_rotate_signing_key_and_bad_uuid(nango: Nango) -> None:
    """rotate_webhook_signing_key returns a new key each time; a non-UUID argument is a
    one-line ValueError before any request."""
    assert nango.rotate_webhook_signing_key() != nango.rotate_webhook_signing_key()
    with pytest.raises(ValueError, match=r"^list_api_keys: environment_uuid must be a UUID"):
        nango.list_api_keys("prod")


async def test_async_environments_and_keys(anango: AsyncNango) -> None:
    """The same environment and API key operations work through AsyncNango."""
    name = unique("aenv")
    created = await anango.create_environment(name, is_production=False)
    assert [e.name for e in await anango.list_environments(name=name)] == [name]
    key = await anango.create_api_key(created.uuid, "ci")
    assert [k.uuid for k in await anango.list_api_keys(created.uuid)] == [key.uuid]
    assert (await anango.get_api_key(created.uuid, key.uuid)).secret == key.secret
    await anango.delete_api_key(created.uuid, key.uuid)
    assert await anango.list_api_keys(created.uuid) == []
    assert isinstance(await anango.rotate_webhook_signing_key(), str)
    await anango.delete_environment(created.uuid)
    with pytest.raises(NotFoundError):
        await anango.list_api_keys(created.uuid)
