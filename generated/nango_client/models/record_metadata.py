from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RecordMetadata")


@_attrs_define
class RecordMetadata:
    """
    Attributes:
        first_seen_at (str | Unset):
        last_modified_at (str | Unset):
        last_action (str | Unset): `ADDED`, `UPDATED` or `DELETED`.
        deleted_at (None | str | Unset):
        pruned_at (None | str | Unset):
        cursor (str | Unset):
    """

    first_seen_at: str | Unset = UNSET
    last_modified_at: str | Unset = UNSET
    last_action: str | Unset = UNSET
    deleted_at: None | str | Unset = UNSET
    pruned_at: None | str | Unset = UNSET
    cursor: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        first_seen_at = self.first_seen_at

        last_modified_at = self.last_modified_at

        last_action = self.last_action

        deleted_at: None | str | Unset
        if isinstance(self.deleted_at, Unset):
            deleted_at = UNSET
        else:
            deleted_at = self.deleted_at

        pruned_at: None | str | Unset
        if isinstance(self.pruned_at, Unset):
            pruned_at = UNSET
        else:
            pruned_at = self.pruned_at

        cursor = self.cursor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if first_seen_at is not UNSET:
            field_dict["first_seen_at"] = first_seen_at
        if last_modified_at is not UNSET:
            field_dict["last_modified_at"] = last_modified_at
        if last_action is not UNSET:
            field_dict["last_action"] = last_action
        if deleted_at is not UNSET:
            field_dict["deleted_at"] = deleted_at
        if pruned_at is not UNSET:
            field_dict["pruned_at"] = pruned_at
        if cursor is not UNSET:
            field_dict["cursor"] = cursor

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        first_seen_at = d.pop("first_seen_at", UNSET)

        last_modified_at = d.pop("last_modified_at", UNSET)

        last_action = d.pop("last_action", UNSET)

        def _parse_deleted_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        deleted_at = _parse_deleted_at(d.pop("deleted_at", UNSET))

        def _parse_pruned_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        pruned_at = _parse_pruned_at(d.pop("pruned_at", UNSET))

        cursor = d.pop("cursor", UNSET)

        record_metadata = cls(
            first_seen_at=first_seen_at,
            last_modified_at=last_modified_at,
            last_action=last_action,
            deleted_at=deleted_at,
            pruned_at=pruned_at,
            cursor=cursor,
        )

        record_metadata.additional_properties = d
        return record_metadata

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
