from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.json_object import JsonObject


T = TypeVar("T", bound="LegacyImportConnectionRequest")


@_attrs_define
class LegacyImportConnectionRequest:
    """
    Attributes:
        provider_config_key (str):
        connection_id (str | Unset):
        access_token (str | Unset):
        refresh_token (str | Unset):
        expires_at (str | Unset):
        expires_in (int | Unset):
        no_expiration (bool | Unset):
        oauth_client_id_override (str | Unset):
        oauth_client_secret_override (str | Unset):
        oauth_token (str | Unset):
        oauth_token_secret (str | Unset):
        username (str | Unset):
        password (str | Unset):
        api_key (str | Unset):
        metadata (JsonObject | Unset): A free-form JSON object; every key is kept in `additional_properties`.
        connection_config (JsonObject | Unset): A free-form JSON object; every key is kept in `additional_properties`.
    """

    provider_config_key: str
    connection_id: str | Unset = UNSET
    access_token: str | Unset = UNSET
    refresh_token: str | Unset = UNSET
    expires_at: str | Unset = UNSET
    expires_in: int | Unset = UNSET
    no_expiration: bool | Unset = UNSET
    oauth_client_id_override: str | Unset = UNSET
    oauth_client_secret_override: str | Unset = UNSET
    oauth_token: str | Unset = UNSET
    oauth_token_secret: str | Unset = UNSET
    username: str | Unset = UNSET
    password: str | Unset = UNSET
    api_key: str | Unset = UNSET
    metadata: JsonObject | Unset = UNSET
    connection_config: JsonObject | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        provider_config_key = self.provider_config_key

        connection_id = self.connection_id

        access_token = self.access_token

        refresh_token = self.refresh_token

        expires_at = self.expires_at

        expires_in = self.expires_in

        no_expiration = self.no_expiration

        oauth_client_id_override = self.oauth_client_id_override

        oauth_client_secret_override = self.oauth_client_secret_override

        oauth_token = self.oauth_token

        oauth_token_secret = self.oauth_token_secret

        username = self.username

        password = self.password

        api_key = self.api_key

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        connection_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.connection_config, Unset):
            connection_config = self.connection_config.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "provider_config_key": provider_config_key,
            }
        )
        if connection_id is not UNSET:
            field_dict["connection_id"] = connection_id
        if access_token is not UNSET:
            field_dict["access_token"] = access_token
        if refresh_token is not UNSET:
            field_dict["refresh_token"] = refresh_token
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at
        if expires_in is not UNSET:
            field_dict["expires_in"] = expires_in
        if no_expiration is not UNSET:
            field_dict["no_expiration"] = no_expiration
        if oauth_client_id_override is not UNSET:
            field_dict["oauth_client_id_override"] = oauth_client_id_override
        if oauth_client_secret_override is not UNSET:
            field_dict["oauth_client_secret_override"] = oauth_client_secret_override
        if oauth_token is not UNSET:
            field_dict["oauth_token"] = oauth_token
        if oauth_token_secret is not UNSET:
            field_dict["oauth_token_secret"] = oauth_token_secret
        if username is not UNSET:
            field_dict["username"] = username
        if password is not UNSET:
            field_dict["password"] = password
        if api_key is not UNSET:
            field_dict["api_key"] = api_key
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if connection_config is not UNSET:
            field_dict["connection_config"] = connection_config

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        provider_config_key = d.pop("provider_config_key")

        connection_id = d.pop("connection_id", UNSET)

        access_token = d.pop("access_token", UNSET)

        refresh_token = d.pop("refresh_token", UNSET)

        expires_at = d.pop("expires_at", UNSET)

        expires_in = d.pop("expires_in", UNSET)

        no_expiration = d.pop("no_expiration", UNSET)

        oauth_client_id_override = d.pop("oauth_client_id_override", UNSET)

        oauth_client_secret_override = d.pop("oauth_client_secret_override", UNSET)

        oauth_token = d.pop("oauth_token", UNSET)

        oauth_token_secret = d.pop("oauth_token_secret", UNSET)

        username = d.pop("username", UNSET)

        password = d.pop("password", UNSET)

        api_key = d.pop("api_key", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: JsonObject | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = JsonObject.from_dict(_metadata)

        _connection_config = d.pop("connection_config", UNSET)
        connection_config: JsonObject | Unset
        if isinstance(_connection_config, Unset):
            connection_config = UNSET
        else:
            connection_config = JsonObject.from_dict(_connection_config)

        legacy_import_connection_request = cls(
            provider_config_key=provider_config_key,
            connection_id=connection_id,
            access_token=access_token,
            refresh_token=refresh_token,
            expires_at=expires_at,
            expires_in=expires_in,
            no_expiration=no_expiration,
            oauth_client_id_override=oauth_client_id_override,
            oauth_client_secret_override=oauth_client_secret_override,
            oauth_token=oauth_token,
            oauth_token_secret=oauth_token_secret,
            username=username,
            password=password,
            api_key=api_key,
            metadata=metadata,
            connection_config=connection_config,
        )

        legacy_import_connection_request.additional_properties = d
        return legacy_import_connection_request

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


# The models this one refers to, imported once the class exists (the models refer to each other).
from ..models.json_object import JsonObject
