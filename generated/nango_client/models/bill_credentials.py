from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.json_object import JsonObject


T = TypeVar("T", bound="BillCredentials")


@_attrs_define
class BillCredentials:
    """
    Attributes:
        type_ (Literal['BILL']):
        username (str | Unset):
        password (str | Unset):
        organization_id (str | Unset):
        dev_key (str | Unset):
        session_id (str | Unset):
        user_id (str | Unset):
        expires_at (None | str | Unset):
        raw (JsonObject | Unset): A free-form JSON object; every key is kept in `additional_properties`.
    """

    type_: Literal["BILL"]
    username: str | Unset = UNSET
    password: str | Unset = UNSET
    organization_id: str | Unset = UNSET
    dev_key: str | Unset = UNSET
    session_id: str | Unset = UNSET
    user_id: str | Unset = UNSET
    expires_at: None | str | Unset = UNSET
    raw: JsonObject | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        username = self.username

        password = self.password

        organization_id = self.organization_id

        dev_key = self.dev_key

        session_id = self.session_id

        user_id = self.user_id

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
            }
        )
        if username is not UNSET:
            field_dict["username"] = username
        if password is not UNSET:
            field_dict["password"] = password
        if organization_id is not UNSET:
            field_dict["organization_id"] = organization_id
        if dev_key is not UNSET:
            field_dict["dev_key"] = dev_key
        if session_id is not UNSET:
            field_dict["session_id"] = session_id
        if user_id is not UNSET:
            field_dict["user_id"] = user_id
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at
        if raw is not UNSET:
            field_dict["raw"] = raw

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_: Literal["BILL"] = d.pop("type")
        if type_ != "BILL":
            raise ValueError(f"type must match const 'BILL', got '{type_}'")

        username = d.pop("username", UNSET)

        password = d.pop("password", UNSET)

        organization_id = d.pop("organization_id", UNSET)

        dev_key = d.pop("dev_key", UNSET)

        session_id = d.pop("session_id", UNSET)

        user_id = d.pop("user_id", UNSET)

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

        bill_credentials = cls(
            type_=type_,
            username=username,
            password=password,
            organization_id=organization_id,
            dev_key=dev_key,
            session_id=session_id,
            user_id=user_id,
            expires_at=expires_at,
            raw=raw,
        )

        bill_credentials.additional_properties = d
        return bill_credentials

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
