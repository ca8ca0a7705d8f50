from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CustomAppCredentials")


@_attrs_define
class CustomAppCredentials:
    """A GitHub App that also has an OAuth client (`CUSTOM`).

    Attributes:
        type_ (Literal['CUSTOM']):
        client_id (str):
        client_secret (str):
        app_id (str):
        app_link (str):
        private_key (str):
    """

    type_: Literal["CUSTOM"]
    client_id: str
    client_secret: str
    app_id: str
    app_link: str
    private_key: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        client_id = self.client_id

        client_secret = self.client_secret

        app_id = self.app_id

        app_link = self.app_link

        private_key = self.private_key

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "client_id": client_id,
                "client_secret": client_secret,
                "app_id": app_id,
                "app_link": app_link,
                "private_key": private_key,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_: Literal["CUSTOM"] = d.pop("type")
        if type_ != "CUSTOM":
            raise ValueError(f"type must match const 'CUSTOM', got '{type_}'")

        client_id = d.pop("client_id")

        client_secret = d.pop("client_secret")

        app_id = d.pop("app_id")

        app_link = d.pop("app_link")

        private_key = d.pop("private_key")

        custom_app_credentials = cls(
            type_=type_,
            client_id=client_id,
            client_secret=client_secret,
            app_id=app_id,
            app_link=app_link,
            private_key=private_key,
        )

        custom_app_credentials.additional_properties = d
        return custom_app_credentials

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
