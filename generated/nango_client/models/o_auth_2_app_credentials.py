from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="OAuth2AppCredentials")


@_attrs_define
class OAuth2AppCredentials:
    """An OAuth 2 client.

    Attributes:
        type_ (Literal['OAUTH2']):
        client_id (str):
        client_secret (str):
        scopes (None | str | Unset): Comma-separated scopes, no spaces.
        webhook_secret (None | str | Unset):
    """

    type_: Literal["OAUTH2"]
    client_id: str
    client_secret: str
    scopes: None | str | Unset = UNSET
    webhook_secret: None | str | Unset = UNSET
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

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "client_id": client_id,
                "client_secret": client_secret,
            }
        )
        if scopes is not UNSET:
            field_dict["scopes"] = scopes
        if webhook_secret is not UNSET:
            field_dict["webhook_secret"] = webhook_secret

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_: Literal["OAUTH2"] = d.pop("type")
        if type_ != "OAUTH2":
            raise ValueError(f"type must match const 'OAUTH2', got '{type_}'")

        client_id = d.pop("client_id")

        client_secret = d.pop("client_secret")

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

        o_auth_2_app_credentials = cls(
            type_=type_,
            client_id=client_id,
            client_secret=client_secret,
            scopes=scopes,
            webhook_secret=webhook_secret,
        )

        o_auth_2_app_credentials.additional_properties = d
        return o_auth_2_app_credentials

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
