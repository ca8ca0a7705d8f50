from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ApiKeyDetail")


@_attrs_define
class ApiKeyDetail:
    """
    Attributes:
        id (int):
        uuid (str):
        display_name (str):
        scopes (list[str]):
        secret (str):
        last_used_at (datetime.datetime | None):
        created_at (datetime.datetime):
    """

    id: int
    uuid: str
    display_name: str
    scopes: list[str]
    secret: str
    last_used_at: datetime.datetime | None
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        uuid = self.uuid

        display_name = self.display_name

        scopes = self.scopes

        secret = self.secret

        last_used_at: None | str
        if isinstance(self.last_used_at, datetime.datetime):
            last_used_at = self.last_used_at.isoformat()
        else:
            last_used_at = self.last_used_at

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "uuid": uuid,
                "display_name": display_name,
                "scopes": scopes,
                "secret": secret,
                "last_used_at": last_used_at,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        uuid = d.pop("uuid")

        display_name = d.pop("display_name")

        scopes = cast(list[str], d.pop("scopes"))

        secret = d.pop("secret")

        def _parse_last_used_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_used_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_used_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_used_at = _parse_last_used_at(d.pop("last_used_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        api_key_detail = cls(
            id=id,
            uuid=uuid,
            display_name=display_name,
            scopes=scopes,
            secret=secret,
            last_used_at=last_used_at,
            created_at=created_at,
        )

        api_key_detail.additional_properties = d
        return api_key_detail

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
