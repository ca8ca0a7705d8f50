from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.sync_selector import SyncSelector


T = TypeVar("T", bound="SyncScheduleRequest")


@_attrs_define
class SyncScheduleRequest:
    """
    Attributes:
        provider_config_key (str):
        syncs (list[str | SyncSelector]): Sync names, or name/variant pairs.
        connection_id (str | Unset): Every connection of the integration when omitted.
    """

    provider_config_key: str
    syncs: list[str | SyncSelector]
    connection_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        provider_config_key = self.provider_config_key

        syncs = []
        for componentsschemas_sync_selection_item_data in self.syncs:
            componentsschemas_sync_selection_item: dict[str, Any] | str
            if isinstance(componentsschemas_sync_selection_item_data, SyncSelector):
                componentsschemas_sync_selection_item = componentsschemas_sync_selection_item_data.to_dict()
            else:
                componentsschemas_sync_selection_item = componentsschemas_sync_selection_item_data
            syncs.append(componentsschemas_sync_selection_item)

        connection_id = self.connection_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "provider_config_key": provider_config_key,
                "syncs": syncs,
            }
        )
        if connection_id is not UNSET:
            field_dict["connection_id"] = connection_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        provider_config_key = d.pop("provider_config_key")

        syncs = []
        _syncs = d.pop("syncs")
        for componentsschemas_sync_selection_item_data in _syncs:

            def _parse_componentsschemas_sync_selection_item(data: object) -> str | SyncSelector:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_sync_selection_item_type_1 = SyncSelector.from_dict(data)

                    return componentsschemas_sync_selection_item_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(str | SyncSelector, data)

            componentsschemas_sync_selection_item = _parse_componentsschemas_sync_selection_item(
                componentsschemas_sync_selection_item_data
            )

            syncs.append(componentsschemas_sync_selection_item)

        connection_id = d.pop("connection_id", UNSET)

        sync_schedule_request = cls(
            provider_config_key=provider_config_key,
            syncs=syncs,
            connection_id=connection_id,
        )

        sync_schedule_request.additional_properties = d
        return sync_schedule_request

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
from ..models.sync_selector import SyncSelector
