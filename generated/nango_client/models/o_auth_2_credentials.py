from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.credentials_config_override import CredentialsConfigOverride
    from ..models.json_object import JsonObject


T = TypeVar("T", bound="OAuth2Credentials")


@_attrs_define
class OAuth2Credentials:
    """
    Attributes:
        type_ (Literal['OAUTH2']):
        access_token (str):
        refresh_token (str | Unset): Only returned when asked for with `refresh_token=true`.
        expires_at (None | str | Unset):
        raw (JsonObject | Unset): A free-form JSON object; every key is kept in `additional_properties`.
        config_override (CredentialsConfigOverride | Unset): The OAuth client of this connection, when it is not the
            integration's.
    """

    type_: Literal["OAUTH2"]
    access_token: str
    refresh_token: str | Unset = UNSET
    expires_at: None | str | Unset = UNSET
    raw: JsonObject | Unset = UNSET
    config_override: CredentialsConfigOverride | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        access_token = self.access_token

        refresh_token = self.refresh_token

        expires_at: None | str | Unset
        if isinstance(self.expires_at, Unset):
            expires_at = UNSET
        else:
            expires_at = self.expires_at

        raw: dict[str, Any] | Unset = UNSET
        if not isinstance(self.raw, Unset):
            raw = self.raw.to_dict()

        config_override: dict[str, Any] | Unset = UNSET
        if not isinstance(self.config_override, Unset):
            config_override = self.config_override.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "access_token": access_token,
            }
        )
        if refresh_token is not UNSET:
            field_dict["refresh_token"] = refresh_token
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at
        if raw is not UNSET:
            field_dict["raw"] = raw
        if config_override is not UNSET:
            field_dict["config_override"] = config_override

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_: Literal["OAUTH2"] = d.pop("type")
        if type_ != "OAUTH2":
            raise ValueError(f"type must match const 'OAUTH2', got '{type_}'")

        access_token = d.pop("access_token")

        refresh_token = d.pop("refresh_token", UNSET)

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

        _config_override = d.pop("config_override", UNSET)
        config_override: CredentialsConfigOverride | Unset
        if isinstance(_config_override, Unset):
            config_override = UNSET
        else:
            config_override = CredentialsConfigOverride.from_dict(_config_override)

        o_auth_2_credentials = cls(
            type_=type_,
            access_token=access_token,
            refresh_token=refresh_token,
            expires_at=expires_at,
            raw=raw,
            config_override=config_override,
        )

        o_auth_2_credentials.additional_properties = d
        return o_auth_2_credentials

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
from ..models.credentials_config_override import CredentialsConfigOverride
from ..models.json_object import JsonObject
