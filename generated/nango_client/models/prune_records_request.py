from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PruneRecordsRequest")


@_attrs_define
class PruneRecordsRequest:
    """
    Attributes:
        model (str):
        until_cursor (str): Prune every record up to and including this cursor.
        variant (str | Unset):
        limit (int | Unset):
    """

    model: str
    until_cursor: str
    variant: str | Unset = UNSET
    limit: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        model = self.model

        until_cursor = self.until_cursor

        variant = self.variant

        limit = self.limit

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "model": model,
                "until_cursor": until_cursor,
            }
        )
        if variant is not UNSET:
            field_dict["variant"] = variant
        if limit is not UNSET:
            field_dict["limit"] = limit

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        model = d.pop("model")

        until_cursor = d.pop("until_cursor")

        variant = d.pop("variant", UNSET)

        limit = d.pop("limit", UNSET)

        prune_records_request = cls(
            model=model,
            until_cursor=until_cursor,
            variant=variant,
            limit=limit,
        )

        prune_records_request.additional_properties = d
        return prune_records_request

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
