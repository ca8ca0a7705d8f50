from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FunctionCompileResult")


@_attrs_define
class FunctionCompileResult:
    """
    Attributes:
        bundled_js (str):
        bundle_size_bytes (int | Unset):
        compiled_at (str | Unset):
    """

    bundled_js: str
    bundle_size_bytes: int | Unset = UNSET
    compiled_at: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bundled_js = self.bundled_js

        bundle_size_bytes = self.bundle_size_bytes

        compiled_at = self.compiled_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "bundled_js": bundled_js,
            }
        )
        if bundle_size_bytes is not UNSET:
            field_dict["bundle_size_bytes"] = bundle_size_bytes
        if compiled_at is not UNSET:
            field_dict["compiled_at"] = compiled_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        bundled_js = d.pop("bundled_js")

        bundle_size_bytes = d.pop("bundle_size_bytes", UNSET)

        compiled_at = d.pop("compiled_at", UNSET)

        function_compile_result = cls(
            bundled_js=bundled_js,
            bundle_size_bytes=bundle_size_bytes,
            compiled_at=compiled_at,
        )

        function_compile_result.additional_properties = d
        return function_compile_result

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
