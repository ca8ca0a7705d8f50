from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateEnvironmentRequest")


@_attrs_define
class CreateEnvironmentRequest:
    """
    Attributes:
        name (str): Lowercase letters, digits, `_` and `-`.
        is_production (bool | Unset):
        callback_url (str | Unset): Where Nango sends the environment's webhooks.
        hmac_enabled (bool | Unset):
        slack_notifications (bool | Unset):
    """

    name: str
    is_production: bool | Unset = UNSET
    callback_url: str | Unset = UNSET
    hmac_enabled: bool | Unset = UNSET
    slack_notifications: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        is_production = self.is_production

        callback_url = self.callback_url

        hmac_enabled = self.hmac_enabled

        slack_notifications = self.slack_notifications

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if is_production is not UNSET:
            field_dict["is_production"] = is_production
        if callback_url is not UNSET:
            field_dict["callback_url"] = callback_url
        if hmac_enabled is not UNSET:
            field_dict["hmac_enabled"] = hmac_enabled
        if slack_notifications is not UNSET:
            field_dict["slack_notifications"] = slack_notifications

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        is_production = d.pop("is_production", UNSET)

        callback_url = d.pop("callback_url", UNSET)

        hmac_enabled = d.pop("hmac_enabled", UNSET)

        slack_notifications = d.pop("slack_notifications", UNSET)

        create_environment_request = cls(
            name=name,
            is_production=is_production,
            callback_url=callback_url,
            hmac_enabled=hmac_enabled,
            slack_notifications=slack_notifications,
        )

        create_environment_request.additional_properties = d
        return create_environment_request

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
