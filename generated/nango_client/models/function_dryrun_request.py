from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.json_object import JsonObject


T = TypeVar("T", bound="FunctionDryrunRequest")


@_attrs_define
class FunctionDryrunRequest:
    """
    Attributes:
        integration_id (str):
        function_type (str): `action` or `sync`.
        code (str):
        connection_id (str):
        input_ (Any | Unset): Any JSON value, kept as parsed.
        metadata (JsonObject | Unset): A free-form JSON object; every key is kept in `additional_properties`.
        checkpoint (JsonObject | Unset): A free-form JSON object; every key is kept in `additional_properties`.
        last_sync_date (str | Unset): ISO 8601 date-time seen by a sync as its last sync date.
    """

    integration_id: str
    function_type: str
    code: str
    connection_id: str
    input_: Any | Unset = UNSET
    metadata: JsonObject | Unset = UNSET
    checkpoint: JsonObject | Unset = UNSET
    last_sync_date: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        integration_id = self.integration_id

        function_type = self.function_type

        code = self.code

        connection_id = self.connection_id

        input_ = self.input_

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        checkpoint: dict[str, Any] | Unset = UNSET
        if not isinstance(self.checkpoint, Unset):
            checkpoint = self.checkpoint.to_dict()

        last_sync_date = self.last_sync_date

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "integration_id": integration_id,
                "function_type": function_type,
                "code": code,
                "connection_id": connection_id,
            }
        )
        if input_ is not UNSET:
            field_dict["input"] = input_
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if checkpoint is not UNSET:
            field_dict["checkpoint"] = checkpoint
        if last_sync_date is not UNSET:
            field_dict["last_sync_date"] = last_sync_date

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        integration_id = d.pop("integration_id")

        function_type = d.pop("function_type")

        code = d.pop("code")

        connection_id = d.pop("connection_id")

        input_ = d.pop("input", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: JsonObject | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = JsonObject.from_dict(_metadata)

        _checkpoint = d.pop("checkpoint", UNSET)
        checkpoint: JsonObject | Unset
        if isinstance(_checkpoint, Unset):
            checkpoint = UNSET
        else:
            checkpoint = JsonObject.from_dict(_checkpoint)

        last_sync_date = d.pop("last_sync_date", UNSET)

        function_dryrun_request = cls(
            integration_id=integration_id,
            function_type=function_type,
            code=code,
            connection_id=connection_id,
            input_=input_,
            metadata=metadata,
            checkpoint=checkpoint,
            last_sync_date=last_sync_date,
        )

        function_dryrun_request.additional_properties = d
        return function_dryrun_request

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
