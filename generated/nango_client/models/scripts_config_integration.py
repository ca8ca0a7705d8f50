from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.json_object import JsonObject
    from ..models.script_config import ScriptConfig


T = TypeVar("T", bound="ScriptsConfigIntegration")


@_attrs_define
class ScriptsConfigIntegration:
    """
    Attributes:
        provider_config_key (str):
        provider (str | Unset):
        syncs (list[ScriptConfig] | Unset):
        actions (list[ScriptConfig] | Unset):
        on_events (list[JsonObject] | Unset):
    """

    provider_config_key: str
    provider: str | Unset = UNSET
    syncs: list[ScriptConfig] | Unset = UNSET
    actions: list[ScriptConfig] | Unset = UNSET
    on_events: list[JsonObject] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        provider_config_key = self.provider_config_key

        provider = self.provider

        syncs: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.syncs, Unset):
            syncs = []
            for syncs_item_data in self.syncs:
                syncs_item = syncs_item_data.to_dict()
                syncs.append(syncs_item)

        actions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.actions, Unset):
            actions = []
            for actions_item_data in self.actions:
                actions_item = actions_item_data.to_dict()
                actions.append(actions_item)

        on_events: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.on_events, Unset):
            on_events = []
            for on_events_item_data in self.on_events:
                on_events_item = on_events_item_data.to_dict()
                on_events.append(on_events_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "providerConfigKey": provider_config_key,
            }
        )
        if provider is not UNSET:
            field_dict["provider"] = provider
        if syncs is not UNSET:
            field_dict["syncs"] = syncs
        if actions is not UNSET:
            field_dict["actions"] = actions
        if on_events is not UNSET:
            field_dict["on-events"] = on_events

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        provider_config_key = d.pop("providerConfigKey")

        provider = d.pop("provider", UNSET)

        _syncs = d.pop("syncs", UNSET)
        syncs: list[ScriptConfig] | Unset = UNSET
        if _syncs is not UNSET:
            syncs = []
            for syncs_item_data in _syncs:
                syncs_item = ScriptConfig.from_dict(syncs_item_data)

                syncs.append(syncs_item)

        _actions = d.pop("actions", UNSET)
        actions: list[ScriptConfig] | Unset = UNSET
        if _actions is not UNSET:
            actions = []
            for actions_item_data in _actions:
                actions_item = ScriptConfig.from_dict(actions_item_data)

                actions.append(actions_item)

        _on_events = d.pop("on-events", UNSET)
        on_events: list[JsonObject] | Unset = UNSET
        if _on_events is not UNSET:
            on_events = []
            for on_events_item_data in _on_events:
                on_events_item = JsonObject.from_dict(on_events_item_data)

                on_events.append(on_events_item)

        scripts_config_integration = cls(
            provider_config_key=provider_config_key,
            provider=provider,
            syncs=syncs,
            actions=actions,
            on_events=on_events,
        )

        scripts_config_integration.additional_properties = d
        return scripts_config_integration

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
from ..models.script_config import ScriptConfig
