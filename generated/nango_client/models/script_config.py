from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.json_object import JsonObject


T = TypeVar("T", bound="ScriptConfig")


@_attrs_define
class ScriptConfig:
    """The deployed configuration of one sync or action.

    Attributes:
        name (str):
        id (int | Unset):
        type_ (str | Unset):
        description (str | Unset):
        enabled (bool | Unset):
        version (None | str | Unset):
        sync_type (str | Unset):
        runs (None | str | Unset):
        auto_start (bool | Unset):
        track_deletes (bool | Unset):
        last_deployed (None | str | Unset):
        is_public (bool | Unset):
        pre_built (bool | Unset):
        attributes (JsonObject | Unset): A free-form JSON object; every key is kept in `additional_properties`.
        input_ (Any | Unset): Any JSON value, kept as parsed.
        returns (Any | Unset): Any JSON value, kept as parsed.
        scopes (list[str] | Unset):
        endpoints (list[JsonObject] | Unset):
        webhook_subscriptions (list[str] | Unset):
        json_schema (JsonObject | None | Unset):
    """

    name: str
    id: int | Unset = UNSET
    type_: str | Unset = UNSET
    description: str | Unset = UNSET
    enabled: bool | Unset = UNSET
    version: None | str | Unset = UNSET
    sync_type: str | Unset = UNSET
    runs: None | str | Unset = UNSET
    auto_start: bool | Unset = UNSET
    track_deletes: bool | Unset = UNSET
    last_deployed: None | str | Unset = UNSET
    is_public: bool | Unset = UNSET
    pre_built: bool | Unset = UNSET
    attributes: JsonObject | Unset = UNSET
    input_: Any | Unset = UNSET
    returns: Any | Unset = UNSET
    scopes: list[str] | Unset = UNSET
    endpoints: list[JsonObject] | Unset = UNSET
    webhook_subscriptions: list[str] | Unset = UNSET
    json_schema: JsonObject | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        id = self.id

        type_ = self.type_

        description = self.description

        enabled = self.enabled

        version: None | str | Unset
        if isinstance(self.version, Unset):
            version = UNSET
        else:
            version = self.version

        sync_type = self.sync_type

        runs: None | str | Unset
        if isinstance(self.runs, Unset):
            runs = UNSET
        else:
            runs = self.runs

        auto_start = self.auto_start

        track_deletes = self.track_deletes

        last_deployed: None | str | Unset
        if isinstance(self.last_deployed, Unset):
            last_deployed = UNSET
        else:
            last_deployed = self.last_deployed

        is_public = self.is_public

        pre_built = self.pre_built

        attributes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.attributes, Unset):
            attributes = self.attributes.to_dict()

        input_ = self.input_

        returns = self.returns

        scopes: list[str] | Unset = UNSET
        if not isinstance(self.scopes, Unset):
            scopes = self.scopes

        endpoints: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.endpoints, Unset):
            endpoints = []
            for endpoints_item_data in self.endpoints:
                endpoints_item = endpoints_item_data.to_dict()
                endpoints.append(endpoints_item)

        webhook_subscriptions: list[str] | Unset = UNSET
        if not isinstance(self.webhook_subscriptions, Unset):
            webhook_subscriptions = self.webhook_subscriptions

        json_schema: dict[str, Any] | None | Unset
        if isinstance(self.json_schema, Unset):
            json_schema = UNSET
        elif isinstance(self.json_schema, JsonObject):
            json_schema = self.json_schema.to_dict()
        else:
            json_schema = self.json_schema

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if type_ is not UNSET:
            field_dict["type"] = type_
        if description is not UNSET:
            field_dict["description"] = description
        if enabled is not UNSET:
            field_dict["enabled"] = enabled
        if version is not UNSET:
            field_dict["version"] = version
        if sync_type is not UNSET:
            field_dict["sync_type"] = sync_type
        if runs is not UNSET:
            field_dict["runs"] = runs
        if auto_start is not UNSET:
            field_dict["auto_start"] = auto_start
        if track_deletes is not UNSET:
            field_dict["track_deletes"] = track_deletes
        if last_deployed is not UNSET:
            field_dict["last_deployed"] = last_deployed
        if is_public is not UNSET:
            field_dict["is_public"] = is_public
        if pre_built is not UNSET:
            field_dict["pre_built"] = pre_built
        if attributes is not UNSET:
            field_dict["attributes"] = attributes
        if input_ is not UNSET:
            field_dict["input"] = input_
        if returns is not UNSET:
            field_dict["returns"] = returns
        if scopes is not UNSET:
            field_dict["scopes"] = scopes
        if endpoints is not UNSET:
            field_dict["endpoints"] = endpoints
        if webhook_subscriptions is not UNSET:
            field_dict["webhookSubscriptions"] = webhook_subscriptions
        if json_schema is not UNSET:
            field_dict["json_schema"] = json_schema

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        id = d.pop("id", UNSET)

        type_ = d.pop("type", UNSET)

        description = d.pop("description", UNSET)

        enabled = d.pop("enabled", UNSET)

        def _parse_version(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        version = _parse_version(d.pop("version", UNSET))

        sync_type = d.pop("sync_type", UNSET)

        def _parse_runs(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        runs = _parse_runs(d.pop("runs", UNSET))

        auto_start = d.pop("auto_start", UNSET)

        track_deletes = d.pop("track_deletes", UNSET)

        def _parse_last_deployed(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_deployed = _parse_last_deployed(d.pop("last_deployed", UNSET))

        is_public = d.pop("is_public", UNSET)

        pre_built = d.pop("pre_built", UNSET)

        _attributes = d.pop("attributes", UNSET)
        attributes: JsonObject | Unset
        if isinstance(_attributes, Unset):
            attributes = UNSET
        else:
            attributes = JsonObject.from_dict(_attributes)

        input_ = d.pop("input", UNSET)

        returns = d.pop("returns", UNSET)

        scopes = cast(list[str], d.pop("scopes", UNSET))

        _endpoints = d.pop("endpoints", UNSET)
        endpoints: list[JsonObject] | Unset = UNSET
        if _endpoints is not UNSET:
            endpoints = []
            for endpoints_item_data in _endpoints:
                endpoints_item = JsonObject.from_dict(endpoints_item_data)

                endpoints.append(endpoints_item)

        webhook_subscriptions = cast(list[str], d.pop("webhookSubscriptions", UNSET))

        def _parse_json_schema(data: object) -> JsonObject | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                json_schema_type_0 = JsonObject.from_dict(data)

                return json_schema_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JsonObject | None | Unset, data)

        json_schema = _parse_json_schema(d.pop("json_schema", UNSET))

        script_config = cls(
            name=name,
            id=id,
            type_=type_,
            description=description,
            enabled=enabled,
            version=version,
            sync_type=sync_type,
            runs=runs,
            auto_start=auto_start,
            track_deletes=track_deletes,
            last_deployed=last_deployed,
            is_public=is_public,
            pre_built=pre_built,
            attributes=attributes,
            input_=input_,
            returns=returns,
            scopes=scopes,
            endpoints=endpoints,
            webhook_subscriptions=webhook_subscriptions,
            json_schema=json_schema,
        )

        script_config.additional_properties = d
        return script_config

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
