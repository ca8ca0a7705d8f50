from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.json_object import JsonObject


T = TypeVar("T", bound="IntegrationConfigDefaults")


@_attrs_define
class IntegrationConfigDefaults:
    """Per-integration settings applied to the connections a session creates.

    Attributes:
        user_scopes (str | Unset):
        authorization_params (JsonObject | Unset): A free-form JSON object; every key is kept in
            `additional_properties`.
        connection_config (JsonObject | Unset): A free-form JSON object; every key is kept in `additional_properties`.
    """

    user_scopes: str | Unset = UNSET
    authorization_params: JsonObject | Unset = UNSET
    connection_config: JsonObject | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        user_scopes = self.user_scopes

        authorization_params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.authorization_params, Unset):
            authorization_params = self.authorization_params.to_dict()

        connection_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.connection_config, Unset):
            connection_config = self.connection_config.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if user_scopes is not UNSET:
            field_dict["user_scopes"] = user_scopes
        if authorization_params is not UNSET:
            field_dict["authorization_params"] = authorization_params
        if connection_config is not UNSET:
            field_dict["connection_config"] = connection_config

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        user_scopes = d.pop("user_scopes", UNSET)

        _authorization_params = d.pop("authorization_params", UNSET)
        authorization_params: JsonObject | Unset
        if isinstance(_authorization_params, Unset):
            authorization_params = UNSET
        else:
            authorization_params = JsonObject.from_dict(_authorization_params)

        _connection_config = d.pop("connection_config", UNSET)
        connection_config: JsonObject | Unset
        if isinstance(_connection_config, Unset):
            connection_config = UNSET
        else:
            connection_config = JsonObject.from_dict(_connection_config)

        integration_config_defaults = cls(
            user_scopes=user_scopes,
            authorization_params=authorization_params,
            connection_config=connection_config,
        )

        integration_config_defaults.additional_properties = d
        return integration_config_defaults

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
from ..models.json_object import JsonObject
