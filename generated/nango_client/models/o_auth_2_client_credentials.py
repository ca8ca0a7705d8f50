from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.json_object import JsonObject


T = TypeVar("T", bound="OAuth2ClientCredentials")


@_attrs_define
class OAuth2ClientCredentials:
    """
    Attributes:
        type_ (Literal['OAUTH2_CC']):
        token (str):
        client_id (str | Unset):
        client_secret (str | Unset):
        expires_at (None | str | Unset):
        raw (JsonObject | Unset): A free-form JSON object; every key is kept in `additional_properties`.
    """

    type_: Literal["OAUTH2_CC"]
    token: str
    client_id: str | Unset = UNSET
    client_secret: str | Unset = UNSET
    expires_at: None | str | Unset = UNSET
    raw: JsonObject | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        token = self.token

        client_id = self.client_id

        client_secret = self.client_secret

        expires_at: None | str | Unset
        if isinstance(self.expires_at, Unset):
            expires_at = UNSET
        else:
            expires_at = self.expires_at

        raw: dict[str, Any] | Unset = UNSET
        if not isinstance(self.raw, Unset):
            raw = self.raw.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "token": token,
            }
        )
        if client_id is not UNSET:
            field_dict["client_id"] = client_id
        if client_secret is not UNSET:
            field_dict["client_secret"] = client_secret
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at
        if raw is not UNSET:
            field_dict["raw"] = raw

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_: Literal["OAUTH2_CC"] = d.pop("type")
        if type_ != "OAUTH2_CC":
            raise ValueError(f"type must match const 'OAUTH2_CC', got '{type_}'")

        token = d.pop("token")

        client_id = d.pop("client_id", UNSET)

        client_secret = d.pop("client_secret", UNSET)

        def _parse_expires_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        expires_at = _parse_expires_at(d.pop("expires_at", UNSET))

        _raw = d.pop("raw", UNSET)
        raw: JsonObject | Unset
        if isinstance(_raw, Unset):
            raw = UNSET
        else:
            raw = JsonObject.from_dict(_raw)

        o_auth_2_client_credentials = cls(
            type_=type_,
            token=token,
            client_id=client_id,
            client_secret=client_secret,
            expires_at=expires_at,
            raw=raw,
        )

        o_auth_2_client_credentials.additional_properties = d
        return o_auth_2_client_credentials

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
