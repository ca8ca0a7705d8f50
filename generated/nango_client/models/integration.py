from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Integration")


@_attrs_define
class Integration:
    """
    Attributes:
        unique_key (str):
        provider (str):
        display_name (str | Unset):
        logo (str | Unset):
        forward_webhooks (bool | Unset):
        created_at (datetime.datetime | Unset):
        updated_at (datetime.datetime | Unset):
    """

    unique_key: str
    provider: str
    display_name: str | Unset = UNSET
    logo: str | Unset = UNSET
    forward_webhooks: bool | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        unique_key = self.unique_key

        provider = self.provider

        display_name = self.display_name

        logo = self.logo

        forward_webhooks = self.forward_webhooks

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "unique_key": unique_key,
                "provider": provider,
            }
        )
        if display_name is not UNSET:
            field_dict["display_name"] = display_name
        if logo is not UNSET:
            field_dict["logo"] = logo
        if forward_webhooks is not UNSET:
            field_dict["forward_webhooks"] = forward_webhooks
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        unique_key = d.pop("unique_key")

        provider = d.pop("provider")

        display_name = d.pop("display_name", UNSET)

        logo = d.pop("logo", UNSET)

        forward_webhooks = d.pop("forward_webhooks", UNSET)

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        _updated_at = d.pop("updated_at", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        integration = cls(
            unique_key=unique_key,
            provider=provider,
            display_name=display_name,
            logo=logo,
            forward_webhooks=forward_webhooks,
            created_at=created_at,
            updated_at=updated_at,
        )

        integration.additional_properties = d
        return integration

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
