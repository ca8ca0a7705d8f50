from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.json_object import JsonObject


T = TypeVar("T", bound="AppCredentials")


@_attrs_define
class AppCredentials:
    """
    Attributes:
        type_ (Literal['APP']):
        access_token (str | Unset):
        expires_at (None | str | Unset):
        raw (JsonObject | Unset): A free-form JSON object; every key is kept in `additional_properties`.
        app_id (str | Unset): To import a GitHub App connection, with `installation_id`.
        installation_id (str | Unset):
    """

    type_: Literal["APP"]
    access_token: str | Unset = UNSET
    expires_at: None | str | Unset = UNSET
    raw: JsonObject | Unset = UNSET
    app_id: str | Unset = UNSET
    installation_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        access_token = self.access_token

        expires_at: None | str | Unset
        if isinstance(self.expires_at, Unset):
            expires_at = UNSET
        else:
            expires_at = self.expires_at

        raw: dict[str, Any] | Unset = UNSET
        if not isinstance(self.raw, Unset):
            raw = self.raw.to_dict()

        app_id = self.app_id

        installation_id = self.installation_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )
        if access_token is not UNSET:
            field_dict["access_token"] = access_token
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at
        if raw is not UNSET:
            field_dict["raw"] = raw
        if app_id is not UNSET:
            field_dict["app_id"] = app_id
        if installation_id is not UNSET:
            field_dict["installation_id"] = installation_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_: Literal["APP"] = d.pop("type")
        if type_ != "APP":
            raise ValueError(f"type must match const 'APP', got '{type_}'")

        access_token = d.pop("access_token", UNSET)

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

        app_id = d.pop("app_id", UNSET)

        installation_id = d.pop("installation_id", UNSET)

        app_credentials = cls(
            type_=type_,
            access_token=access_token,
            expires_at=expires_at,
            raw=raw,
            app_id=app_id,
            installation_id=installation_id,
        )

        app_credentials.additional_properties = d
        return app_credentials

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
