from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SyncTriggerOptions")


@_attrs_define
class SyncTriggerOptions:
    """
    Attributes:
        reset (bool | Unset): Clear the checkpoint and last sync date first, so the sync starts afresh.
        empty_cache (bool | Unset): Also delete the sync's stored records first (only with `reset`).
    """

    reset: bool | Unset = UNSET
    empty_cache: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        reset = self.reset

        empty_cache = self.empty_cache

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if reset is not UNSET:
            field_dict["reset"] = reset
        if empty_cache is not UNSET:
            field_dict["emptyCache"] = empty_cache

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        reset = d.pop("reset", UNSET)

        empty_cache = d.pop("emptyCache", UNSET)

        sync_trigger_options = cls(
            reset=reset,
            empty_cache=empty_cache,
        )

        sync_trigger_options.additional_properties = d
        return sync_trigger_options

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
