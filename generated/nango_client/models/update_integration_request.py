from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.integration_credentials import IntegrationCredentials


T = TypeVar("T", bound="UpdateIntegrationRequest")


@_attrs_define
class UpdateIntegrationRequest:
    """
    Attributes:
        unique_key (str | Unset): A new unique key.
        display_name (str | Unset):
        credentials (IntegrationCredentials | Unset): The provider app configured for an integration. OAuth-like types
            (`OAUTH1`, `OAUTH2`, `TBA`) use client id/secret and scopes; `APP` and `CUSTOM` (GitHub App) add app id, link
            and private key.
        forward_webhooks (bool | Unset):
    """

    unique_key: str | Unset = UNSET
    display_name: str | Unset = UNSET
    credentials: IntegrationCredentials | Unset = UNSET
    forward_webhooks: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        unique_key = self.unique_key

        display_name = self.display_name

        credentials: dict[str, Any] | Unset = UNSET
        if not isinstance(self.credentials, Unset):
            credentials = self.credentials.to_dict()

        forward_webhooks = self.forward_webhooks

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if unique_key is not UNSET:
            field_dict["unique_key"] = unique_key
        if display_name is not UNSET:
            field_dict["display_name"] = display_name
        if credentials is not UNSET:
            field_dict["credentials"] = credentials
        if forward_webhooks is not UNSET:
            field_dict["forward_webhooks"] = forward_webhooks

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.integration_credentials import IntegrationCredentials  # noqa: PLC0415

        d = dict(src_dict)
        unique_key = d.pop("unique_key", UNSET)

        display_name = d.pop("display_name", UNSET)

        _credentials = d.pop("credentials", UNSET)
        credentials: IntegrationCredentials | Unset
        if isinstance(_credentials, Unset):
            credentials = UNSET
        else:
            credentials = IntegrationCredentials.from_dict(_credentials)

        forward_webhooks = d.pop("forward_webhooks", UNSET)

        update_integration_request = cls(
            unique_key=unique_key,
            display_name=display_name,
            credentials=credentials,
            forward_webhooks=forward_webhooks,
        )

        update_integration_request.additional_properties = d
        return update_integration_request

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
