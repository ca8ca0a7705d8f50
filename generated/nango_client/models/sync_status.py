from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.json_object import JsonObject
    from ..models.record_counts import RecordCounts


T = TypeVar("T", bound="SyncStatus")


@_attrs_define
class SyncStatus:
    """
    Attributes:
        name (str):
        id (str | Unset):
        connection_id (str | Unset):
        variant (str | Unset):
        type_ (str | Unset):
        status (str | Unset): e.g. `RUNNING`, `PAUSED`, `STOPPED`, `SUCCESS`, `ERROR`.
        frequency (None | str | Unset):
        finished_at (None | str | Unset):
        next_scheduled_sync_at (None | str | Unset):
        latest_result (JsonObject | None | Unset):
        latest_execution_status (str | Unset):
        record_count (None | RecordCounts | Unset):
        checkpoint (Any | Unset): Any JSON value, kept as parsed.
    """

    name: str
    id: str | Unset = UNSET
    connection_id: str | Unset = UNSET
    variant: str | Unset = UNSET
    type_: str | Unset = UNSET
    status: str | Unset = UNSET
    frequency: None | str | Unset = UNSET
    finished_at: None | str | Unset = UNSET
    next_scheduled_sync_at: None | str | Unset = UNSET
    latest_result: JsonObject | None | Unset = UNSET
    latest_execution_status: str | Unset = UNSET
    record_count: None | RecordCounts | Unset = UNSET
    checkpoint: Any | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        id = self.id

        connection_id = self.connection_id

        variant = self.variant

        type_ = self.type_

        status = self.status

        frequency: None | str | Unset
        if isinstance(self.frequency, Unset):
            frequency = UNSET
        else:
            frequency = self.frequency

        finished_at: None | str | Unset
        if isinstance(self.finished_at, Unset):
            finished_at = UNSET
        else:
            finished_at = self.finished_at

        next_scheduled_sync_at: None | str | Unset
        if isinstance(self.next_scheduled_sync_at, Unset):
            next_scheduled_sync_at = UNSET
        else:
            next_scheduled_sync_at = self.next_scheduled_sync_at

        latest_result: dict[str, Any] | None | Unset
        if isinstance(self.latest_result, Unset):
            latest_result = UNSET
        elif isinstance(self.latest_result, JsonObject):
            latest_result = self.latest_result.to_dict()
        else:
            latest_result = self.latest_result

        latest_execution_status = self.latest_execution_status

        record_count: dict[str, Any] | None | Unset
        if isinstance(self.record_count, Unset):
            record_count = UNSET
        elif isinstance(self.record_count, RecordCounts):
            record_count = self.record_count.to_dict()
        else:
            record_count = self.record_count

        checkpoint = self.checkpoint

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if connection_id is not UNSET:
            field_dict["connection_id"] = connection_id
        if variant is not UNSET:
            field_dict["variant"] = variant
        if type_ is not UNSET:
            field_dict["type"] = type_
        if status is not UNSET:
            field_dict["status"] = status
        if frequency is not UNSET:
            field_dict["frequency"] = frequency
        if finished_at is not UNSET:
            field_dict["finishedAt"] = finished_at
        if next_scheduled_sync_at is not UNSET:
            field_dict["nextScheduledSyncAt"] = next_scheduled_sync_at
        if latest_result is not UNSET:
            field_dict["latestResult"] = latest_result
        if latest_execution_status is not UNSET:
            field_dict["latestExecutionStatus"] = latest_execution_status
        if record_count is not UNSET:
            field_dict["recordCount"] = record_count
        if checkpoint is not UNSET:
            field_dict["checkpoint"] = checkpoint

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        id = d.pop("id", UNSET)

        connection_id = d.pop("connection_id", UNSET)

        variant = d.pop("variant", UNSET)

        type_ = d.pop("type", UNSET)

        status = d.pop("status", UNSET)

        def _parse_frequency(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        frequency = _parse_frequency(d.pop("frequency", UNSET))

        def _parse_finished_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        finished_at = _parse_finished_at(d.pop("finishedAt", UNSET))

        def _parse_next_scheduled_sync_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        next_scheduled_sync_at = _parse_next_scheduled_sync_at(d.pop("nextScheduledSyncAt", UNSET))

        def _parse_latest_result(data: object) -> JsonObject | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                latest_result_type_0 = JsonObject.from_dict(data)

                return latest_result_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JsonObject | None | Unset, data)

        latest_result = _parse_latest_result(d.pop("latestResult", UNSET))

        latest_execution_status = d.pop("latestExecutionStatus", UNSET)

        def _parse_record_count(data: object) -> None | RecordCounts | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                record_count_type_0 = RecordCounts.from_dict(data)

                return record_count_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RecordCounts | Unset, data)

        record_count = _parse_record_count(d.pop("recordCount", UNSET))

        checkpoint = d.pop("checkpoint", UNSET)

        sync_status = cls(
            name=name,
            id=id,
            connection_id=connection_id,
            variant=variant,
            type_=type_,
            status=status,
            frequency=frequency,
            finished_at=finished_at,
            next_scheduled_sync_at=next_scheduled_sync_at,
            latest_result=latest_result,
            latest_execution_status=latest_execution_status,
            record_count=record_count,
            checkpoint=checkpoint,
        )

        sync_status.additional_properties = d
        return sync_status

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
from ..models.record_counts import RecordCounts
