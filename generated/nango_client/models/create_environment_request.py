from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.otlp_header import OtlpHeader


T = TypeVar("T", bound="CreateEnvironmentRequest")


@_attrs_define
class CreateEnvironmentRequest:
    """
    Attributes:
        name (str): Lowercase letters, digits, `_` and `-`.
        is_production (bool | Unset): Needs the `account:environments:set_production` scope when true.
        callback_url (str | Unset): The OAuth callback URL of the environment.
        hmac_key (str | Unset): HMAC key of the legacy public-key authorization flow.
        hmac_enabled (bool | Unset):
        slack_notifications (bool | Unset):
        otlp_endpoint (str | Unset): OpenTelemetry collector URL (an empty string sets an empty endpoint).
        otlp_headers (list[OtlpHeader] | Unset): Headers sent with OpenTelemetry exports.
    """

    name: str
    is_production: bool | Unset = UNSET
    callback_url: str | Unset = UNSET
    hmac_key: str | Unset = UNSET
    hmac_enabled: bool | Unset = UNSET
    slack_notifications: bool | Unset = UNSET
    otlp_endpoint: str | Unset = UNSET
    otlp_headers: list[OtlpHeader] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        is_production = self.is_production

        callback_url = self.callback_url

        hmac_key = self.hmac_key

        hmac_enabled = self.hmac_enabled

        slack_notifications = self.slack_notifications

        otlp_endpoint = self.otlp_endpoint

        otlp_headers: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.otlp_headers, Unset):
            otlp_headers = []
            for otlp_headers_item_data in self.otlp_headers:
                otlp_headers_item = otlp_headers_item_data.to_dict()
                otlp_headers.append(otlp_headers_item)

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
        if hmac_key is not UNSET:
            field_dict["hmac_key"] = hmac_key
        if hmac_enabled is not UNSET:
            field_dict["hmac_enabled"] = hmac_enabled
        if slack_notifications is not UNSET:
            field_dict["slack_notifications"] = slack_notifications
        if otlp_endpoint is not UNSET:
            field_dict["otlp_endpoint"] = otlp_endpoint
        if otlp_headers is not UNSET:
            field_dict["otlp_headers"] = otlp_headers

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        is_production = d.pop("is_production", UNSET)

        callback_url = d.pop("callback_url", UNSET)

        hmac_key = d.pop("hmac_key", UNSET)

        hmac_enabled = d.pop("hmac_enabled", UNSET)

        slack_notifications = d.pop("slack_notifications", UNSET)

        otlp_endpoint = d.pop("otlp_endpoint", UNSET)

        _otlp_headers = d.pop("otlp_headers", UNSET)
        otlp_headers: list[OtlpHeader] | Unset = UNSET
        if _otlp_headers is not UNSET:
            otlp_headers = []
            for otlp_headers_item_data in _otlp_headers:
                otlp_headers_item = OtlpHeader.from_dict(otlp_headers_item_data)

                otlp_headers.append(otlp_headers_item)

        create_environment_request = cls(
            name=name,
            is_production=is_production,
            callback_url=callback_url,
            hmac_key=hmac_key,
            hmac_enabled=hmac_enabled,
            slack_notifications=slack_notifications,
            otlp_endpoint=otlp_endpoint,
            otlp_headers=otlp_headers,
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


# The models this one refers to, imported once the class exists (the models refer to each other).
from ..models.otlp_header import OtlpHeader
