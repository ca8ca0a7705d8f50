from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.sync_status import SyncStatus


T = TypeVar("T", bound="SyncStatusResponse")


@_attrs_define
class SyncStatusResponse:
    """
    Attributes:
        syncs (list[SyncStatus]):
    """

    syncs: list[SyncStatus]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        syncs = []
        for syncs_item_data in self.syncs:
            syncs_item = syncs_item_data.to_dict()
            syncs.append(syncs_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "syncs": syncs,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        syncs = []
        _syncs = d.pop("syncs")
        for syncs_item_data in _syncs:
            syncs_item = SyncStatus.from_dict(syncs_item_data)

            syncs.append(syncs_item)

        sync_status_response = cls(
            syncs=syncs,
        )

        sync_status_response.additional_properties = d
        return sync_status_response

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
from ..models.sync_status import SyncStatus
