from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.integration_config_defaults import IntegrationConfigDefaults


T = TypeVar("T", bound="IntegrationsConfigDefaults")


@_attrs_define
class IntegrationsConfigDefaults:
    """`IntegrationConfigDefaults` by integration unique key."""

    additional_properties: dict[str, IntegrationConfigDefaults] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            field_dict[prop_name] = prop.to_dict()

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        integrations_config_defaults = cls()

        additional_properties = {}
        for prop_name, prop_dict in d.items():
            additional_property = IntegrationConfigDefaults.from_dict(prop_dict)

            additional_properties[prop_name] = additional_property

        integrations_config_defaults.additional_properties = additional_properties
        return integrations_config_defaults

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> IntegrationConfigDefaults:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: IntegrationConfigDefaults) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


# The models this one refers to, imported once the class exists (the models refer to each other).
from ..models.integration_config_defaults import IntegrationConfigDefaults
