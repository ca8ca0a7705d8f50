from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FunctionSourceDeployment")


@_attrs_define
class FunctionSourceDeployment:
    """Deploy TypeScript source as a sync or an action.

    Attributes:
        type_ (Literal['function']):
        integration_id (str):
        function_name (str):
        function_type (str): `action` or `sync`.
        code (str):
        version (str | Unset):
        allow_destructive (bool | Unset): Allow replacing an existing function of the same name.
    """

    type_: Literal["function"]
    integration_id: str
    function_name: str
    function_type: str
    code: str
    version: str | Unset = UNSET
    allow_destructive: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        integration_id = self.integration_id

        function_name = self.function_name

        function_type = self.function_type

        code = self.code

        version = self.version

        allow_destructive = self.allow_destructive

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "integration_id": integration_id,
                "function_name": function_name,
                "function_type": function_type,
                "code": code,
            }
        )
        if version is not UNSET:
            field_dict["version"] = version
        if allow_destructive is not UNSET:
            field_dict["allow_destructive"] = allow_destructive

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_: Literal["function"] = d.pop("type")
        if type_ != "function":
            raise ValueError(f"type must match const 'function', got '{type_}'")

        integration_id = d.pop("integration_id")

        function_name = d.pop("function_name")

        function_type = d.pop("function_type")

        code = d.pop("code")

        version = d.pop("version", UNSET)

        allow_destructive = d.pop("allow_destructive", UNSET)

        function_source_deployment = cls(
            type_=type_,
            integration_id=integration_id,
            function_name=function_name,
            function_type=function_type,
            code=code,
            version=version,
            allow_destructive=allow_destructive,
        )

        function_source_deployment.additional_properties = d
        return function_source_deployment

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
