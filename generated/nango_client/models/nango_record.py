from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.record_metadata import RecordMetadata


T = TypeVar("T", bound="NangoRecord")


@_attrs_define
class NangoRecord:
    """One stored record; its own fields are in `additional_properties`.

    Attributes:
        field_nango_metadata (RecordMetadata):
    """

    field_nango_metadata: RecordMetadata
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_nango_metadata = self.field_nango_metadata.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "_nango_metadata": field_nango_metadata,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        field_nango_metadata = RecordMetadata.from_dict(d.pop("_nango_metadata"))

        nango_record = cls(
            field_nango_metadata=field_nango_metadata,
        )

        nango_record.additional_properties = d
        return nango_record

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
from ..models.record_metadata import RecordMetadata
