from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.integration_credentials import IntegrationCredentials


T = TypeVar("T", bound="IntegrationDetail")


@_attrs_define
class IntegrationDetail:
    """An integration with the parts requested through `include`.

    Attributes:
        unique_key (str):
        provider (str):
        display_name (str | Unset):
        logo (str | Unset):
        forward_webhooks (bool | Unset):
        created_at (datetime.datetime | Unset):
        updated_at (datetime.datetime | Unset):
        webhook_url (None | str | Unset): Present with `include=webhook`.
        credentials (IntegrationCredentials | None | Unset): Present with `include=credentials`.
    """

    unique_key: str
    provider: str
    display_name: str | Unset = UNSET
    logo: str | Unset = UNSET
    forward_webhooks: bool | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    webhook_url: None | str | Unset = UNSET
    credentials: IntegrationCredentials | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        unique_key = self.unique_key

        provider = self.provider

        display_name = self.display_name

        logo = self.logo

        forward_webhooks = self.forward_webhooks

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        webhook_url: None | str | Unset
        if isinstance(self.webhook_url, Unset):
            webhook_url = UNSET
        else:
            webhook_url = self.webhook_url

        credentials: dict[str, Any] | None | Unset
        if isinstance(self.credentials, Unset):
            credentials = UNSET
        elif isinstance(self.credentials, IntegrationCredentials):
            credentials = self.credentials.to_dict()
        else:
            credentials = self.credentials

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "unique_key": unique_key,
                "provider": provider,
            }
        )
        if display_name is not UNSET:
            field_dict["display_name"] = display_name
        if logo is not UNSET:
            field_dict["logo"] = logo
        if forward_webhooks is not UNSET:
            field_dict["forward_webhooks"] = forward_webhooks
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if webhook_url is not UNSET:
            field_dict["webhook_url"] = webhook_url
        if credentials is not UNSET:
            field_dict["credentials"] = credentials

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        unique_key = d.pop("unique_key")

        provider = d.pop("provider")

        display_name = d.pop("display_name", UNSET)

        logo = d.pop("logo", UNSET)

        forward_webhooks = d.pop("forward_webhooks", UNSET)

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        _updated_at = d.pop("updated_at", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        def _parse_webhook_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        webhook_url = _parse_webhook_url(d.pop("webhook_url", UNSET))

        def _parse_credentials(data: object) -> IntegrationCredentials | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                credentials_type_0 = IntegrationCredentials.from_dict(data)

                return credentials_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(IntegrationCredentials | None | Unset, data)

        credentials = _parse_credentials(d.pop("credentials", UNSET))

        integration_detail = cls(
            unique_key=unique_key,
            provider=provider,
            display_name=display_name,
            logo=logo,
            forward_webhooks=forward_webhooks,
            created_at=created_at,
            updated_at=updated_at,
            webhook_url=webhook_url,
            credentials=credentials,
        )

        integration_detail.additional_properties = d
        return integration_detail

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
from ..models.integration_credentials import IntegrationCredentials
