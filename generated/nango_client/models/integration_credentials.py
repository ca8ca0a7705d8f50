from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="IntegrationCredentials")


@_attrs_define
class IntegrationCredentials:
    """The provider app configured for an integration. OAuth-like types (`OAUTH1`, `OAUTH2`, `TBA`) use client id/secret
    and scopes; `APP` and `CUSTOM` (GitHub App) add app id, link and private key.

        Attributes:
            type_ (str):
            client_id (str | Unset):
            client_secret (str | Unset):
            scopes (None | str | Unset): Comma-separated scopes, no spaces.
            webhook_secret (None | str | Unset):
            app_id (str | Unset):
            app_link (str | Unset):
            private_key (str | Unset):
    """

    type_: str
    client_id: str | Unset = UNSET
    client_secret: str | Unset = UNSET
    scopes: None | str | Unset = UNSET
    webhook_secret: None | str | Unset = UNSET
    app_id: str | Unset = UNSET
    app_link: str | Unset = UNSET
    private_key: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        client_id = self.client_id

        client_secret = self.client_secret

        scopes: None | str | Unset
        if isinstance(self.scopes, Unset):
            scopes = UNSET
        else:
            scopes = self.scopes

        webhook_secret: None | str | Unset
        if isinstance(self.webhook_secret, Unset):
            webhook_secret = UNSET
        else:
            webhook_secret = self.webhook_secret

        app_id = self.app_id

        app_link = self.app_link

        private_key = self.private_key

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )
        if client_id is not UNSET:
            field_dict["client_id"] = client_id
        if client_secret is not UNSET:
            field_dict["client_secret"] = client_secret
        if scopes is not UNSET:
            field_dict["scopes"] = scopes
        if webhook_secret is not UNSET:
            field_dict["webhook_secret"] = webhook_secret
        if app_id is not UNSET:
            field_dict["app_id"] = app_id
        if app_link is not UNSET:
            field_dict["app_link"] = app_link
        if private_key is not UNSET:
            field_dict["private_key"] = private_key

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = d.pop("type")

        client_id = d.pop("client_id", UNSET)

        client_secret = d.pop("client_secret", UNSET)

        def _parse_scopes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        scopes = _parse_scopes(d.pop("scopes", UNSET))

        def _parse_webhook_secret(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        webhook_secret = _parse_webhook_secret(d.pop("webhook_secret", UNSET))

        app_id = d.pop("app_id", UNSET)

        app_link = d.pop("app_link", UNSET)

        private_key = d.pop("private_key", UNSET)

        integration_credentials = cls(
            type_=type_,
            client_id=client_id,
            client_secret=client_secret,
            scopes=scopes,
            webhook_secret=webhook_secret,
            app_id=app_id,
            app_link=app_link,
            private_key=private_key,
        )

        integration_credentials.additional_properties = d
        return integration_credentials

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
