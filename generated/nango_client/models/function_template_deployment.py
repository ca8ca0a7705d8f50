from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FunctionTemplateDeployment")


@_attrs_define
class FunctionTemplateDeployment:
    """Deploy one of the provider's templates.

    Attributes:
        type_ (Literal['template']):
        integration_id (str):
        template (str): The template's name, as `GET /providers/{provider}/templates` lists it.
        function_type (str | Unset): `action` or `sync`; needed when a sync and an action share the name.
    """

    type_: Literal["template"]
    integration_id: str
    template: str
    function_type: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        integration_id = self.integration_id

        template = self.template

        function_type = self.function_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "integration_id": integration_id,
                "template": template,
            }
        )
        if function_type is not UNSET:
            field_dict["function_type"] = function_type

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_: Literal["template"] = d.pop("type")
        if type_ != "template":
            raise ValueError(f"type must match const 'template', got '{type_}'")

        integration_id = d.pop("integration_id")

        template = d.pop("template")

        function_type = d.pop("function_type", UNSET)

        function_template_deployment = cls(
            type_=type_,
            integration_id=integration_id,
            template=template,
            function_type=function_type,
        )

        function_template_deployment.additional_properties = d
        return function_template_deployment

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
