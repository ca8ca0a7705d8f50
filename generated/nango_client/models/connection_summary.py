from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.connection_end_user import ConnectionEndUser
    from ..models.connection_error_info import ConnectionErrorInfo
    from ..models.json_object import JsonObject
    from ..models.tags import Tags


T = TypeVar("T", bound="ConnectionSummary")


@_attrs_define
class ConnectionSummary:
    """A connection as listed, without credentials.

    Attributes:
        id (int):
        connection_id (str):
        provider_config_key (str):
        provider (str):
        errors (list[ConnectionErrorInfo] | Unset):
        end_user (ConnectionEndUser | None | Unset):
        tags (None | Tags | Unset): The connection's tags (`null` on connections that never had any).
        metadata (JsonObject | None | Unset):
        created (str | Unset):
    """

    id: int
    connection_id: str
    provider_config_key: str
    provider: str
    errors: list[ConnectionErrorInfo] | Unset = UNSET
    end_user: ConnectionEndUser | None | Unset = UNSET
    tags: None | Tags | Unset = UNSET
    metadata: JsonObject | None | Unset = UNSET
    created: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        connection_id = self.connection_id

        provider_config_key = self.provider_config_key

        provider = self.provider

        errors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.errors, Unset):
            errors = []
            for errors_item_data in self.errors:
                errors_item = errors_item_data.to_dict()
                errors.append(errors_item)

        end_user: dict[str, Any] | None | Unset
        if isinstance(self.end_user, Unset):
            end_user = UNSET
        elif isinstance(self.end_user, ConnectionEndUser):
            end_user = self.end_user.to_dict()
        else:
            end_user = self.end_user

        tags: dict[str, Any] | None | Unset
        if isinstance(self.tags, Unset):
            tags = UNSET
        elif isinstance(self.tags, Tags):
            tags = self.tags.to_dict()
        else:
            tags = self.tags

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, JsonObject):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        created = self.created

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "connection_id": connection_id,
                "provider_config_key": provider_config_key,
                "provider": provider,
            }
        )
        if errors is not UNSET:
            field_dict["errors"] = errors
        if end_user is not UNSET:
            field_dict["end_user"] = end_user
        if tags is not UNSET:
            field_dict["tags"] = tags
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if created is not UNSET:
            field_dict["created"] = created

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        connection_id = d.pop("connection_id")

        provider_config_key = d.pop("provider_config_key")

        provider = d.pop("provider")

        _errors = d.pop("errors", UNSET)
        errors: list[ConnectionErrorInfo] | Unset = UNSET
        if _errors is not UNSET:
            errors = []
            for errors_item_data in _errors:
                errors_item = ConnectionErrorInfo.from_dict(errors_item_data)

                errors.append(errors_item)

        def _parse_end_user(data: object) -> ConnectionEndUser | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                end_user_type_0 = ConnectionEndUser.from_dict(data)

                return end_user_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ConnectionEndUser | None | Unset, data)

        end_user = _parse_end_user(d.pop("end_user", UNSET))

        def _parse_tags(data: object) -> None | Tags | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                tags_type_0 = Tags.from_dict(data)

                return tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Tags | Unset, data)

        tags = _parse_tags(d.pop("tags", UNSET))

        def _parse_metadata(data: object) -> JsonObject | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = JsonObject.from_dict(data)

                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JsonObject | None | Unset, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        created = d.pop("created", UNSET)

        connection_summary = cls(
            id=id,
            connection_id=connection_id,
            provider_config_key=provider_config_key,
            provider=provider,
            errors=errors,
            end_user=end_user,
            tags=tags,
            metadata=metadata,
            created=created,
        )

        connection_summary.additional_properties = d
        return connection_summary

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
from ..models.connection_end_user import ConnectionEndUser
from ..models.connection_error_info import ConnectionErrorInfo
from ..models.json_object import JsonObject
from ..models.tags import Tags
