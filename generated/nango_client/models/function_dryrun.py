from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.function_run_error import FunctionRunError


T = TypeVar("T", bound="FunctionDryrun")


@_attrs_define
class FunctionDryrun:
    """
    Attributes:
        id (str):
        status (str): `waiting`, `running`, `success` or `failed`.
        integration_id (str | Unset):
        function_type (str | Unset):
        created_at (str | Unset):
        updated_at (str | Unset):
        started_at (str | Unset):
        completed_at (str | Unset):
        duration_ms (int | Unset):
        output (str | Unset): What the run printed.
        result (Any | Unset): Any JSON value, kept as parsed.
        error (FunctionRunError | Unset):
    """

    id: str
    status: str
    integration_id: str | Unset = UNSET
    function_type: str | Unset = UNSET
    created_at: str | Unset = UNSET
    updated_at: str | Unset = UNSET
    started_at: str | Unset = UNSET
    completed_at: str | Unset = UNSET
    duration_ms: int | Unset = UNSET
    output: str | Unset = UNSET
    result: Any | Unset = UNSET
    error: FunctionRunError | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        status = self.status

        integration_id = self.integration_id

        function_type = self.function_type

        created_at = self.created_at

        updated_at = self.updated_at

        started_at = self.started_at

        completed_at = self.completed_at

        duration_ms = self.duration_ms

        output = self.output

        result = self.result

        error: dict[str, Any] | Unset = UNSET
        if not isinstance(self.error, Unset):
            error = self.error.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
            }
        )
        if integration_id is not UNSET:
            field_dict["integration_id"] = integration_id
        if function_type is not UNSET:
            field_dict["function_type"] = function_type
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if started_at is not UNSET:
            field_dict["started_at"] = started_at
        if completed_at is not UNSET:
            field_dict["completed_at"] = completed_at
        if duration_ms is not UNSET:
            field_dict["duration_ms"] = duration_ms
        if output is not UNSET:
            field_dict["output"] = output
        if result is not UNSET:
            field_dict["result"] = result
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        status = d.pop("status")

        integration_id = d.pop("integration_id", UNSET)

        function_type = d.pop("function_type", UNSET)

        created_at = d.pop("created_at", UNSET)

        updated_at = d.pop("updated_at", UNSET)

        started_at = d.pop("started_at", UNSET)

        completed_at = d.pop("completed_at", UNSET)

        duration_ms = d.pop("duration_ms", UNSET)

        output = d.pop("output", UNSET)

        result = d.pop("result", UNSET)

        _error = d.pop("error", UNSET)
        error: FunctionRunError | Unset
        if isinstance(_error, Unset):
            error = UNSET
        else:
            error = FunctionRunError.from_dict(_error)

        function_dryrun = cls(
            id=id,
            status=status,
            integration_id=integration_id,
            function_type=function_type,
            created_at=created_at,
            updated_at=updated_at,
            started_at=started_at,
            completed_at=completed_at,
            duration_ms=duration_ms,
            output=output,
            result=result,
            error=error,
        )

        function_dryrun.additional_properties = d
        return function_dryrun

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
from ..models.function_run_error import FunctionRunError
