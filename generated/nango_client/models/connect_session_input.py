from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.connect_ui_overrides import ConnectUIOverrides
    from ..models.end_user import EndUser
    from ..models.end_user_organization import EndUserOrganization
    from ..models.integrations_config_defaults import IntegrationsConfigDefaults
    from ..models.tags import Tags


T = TypeVar("T", bound="ConnectSessionInput")


@_attrs_define
class ConnectSessionInput:
    """Who the session is for (`tags`, or the older `end_user`: one of the two is required, else 400 `invalid_body`) and
    what it may do.

        Attributes:
            tags (Tags | Unset): String tags (at most 64 keys).
            end_user (EndUser | Unset): The person (or account) a connection belongs to, as given when creating it.
            organization (EndUserOrganization | Unset):
            allowed_integrations (list[str] | Unset):
            integrations_config_defaults (IntegrationsConfigDefaults | Unset): `IntegrationConfigDefaults` by integration
                unique key.
            overrides (ConnectUIOverrides | Unset): `ConnectUIOverride` by integration unique key.
            webhook_url_override (str | Unset): Send the webhooks of the connection to this URL only, instead of the
                environment's webhook URLs.
    """

    tags: Tags | Unset = UNSET
    end_user: EndUser | Unset = UNSET
    organization: EndUserOrganization | Unset = UNSET
    allowed_integrations: list[str] | Unset = UNSET
    integrations_config_defaults: IntegrationsConfigDefaults | Unset = UNSET
    overrides: ConnectUIOverrides | Unset = UNSET
    webhook_url_override: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tags: dict[str, Any] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags.to_dict()

        end_user: dict[str, Any] | Unset = UNSET
        if not isinstance(self.end_user, Unset):
            end_user = self.end_user.to_dict()

        organization: dict[str, Any] | Unset = UNSET
        if not isinstance(self.organization, Unset):
            organization = self.organization.to_dict()

        allowed_integrations: list[str] | Unset = UNSET
        if not isinstance(self.allowed_integrations, Unset):
            allowed_integrations = self.allowed_integrations

        integrations_config_defaults: dict[str, Any] | Unset = UNSET
        if not isinstance(self.integrations_config_defaults, Unset):
            integrations_config_defaults = self.integrations_config_defaults.to_dict()

        overrides: dict[str, Any] | Unset = UNSET
        if not isinstance(self.overrides, Unset):
            overrides = self.overrides.to_dict()

        webhook_url_override = self.webhook_url_override

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if tags is not UNSET:
            field_dict["tags"] = tags
        if end_user is not UNSET:
            field_dict["end_user"] = end_user
        if organization is not UNSET:
            field_dict["organization"] = organization
        if allowed_integrations is not UNSET:
            field_dict["allowed_integrations"] = allowed_integrations
        if integrations_config_defaults is not UNSET:
            field_dict["integrations_config_defaults"] = integrations_config_defaults
        if overrides is not UNSET:
            field_dict["overrides"] = overrides
        if webhook_url_override is not UNSET:
            field_dict["webhook_url_override"] = webhook_url_override

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _tags = d.pop("tags", UNSET)
        tags: Tags | Unset
        if isinstance(_tags, Unset):
            tags = UNSET
        else:
            tags = Tags.from_dict(_tags)

        _end_user = d.pop("end_user", UNSET)
        end_user: EndUser | Unset
        if isinstance(_end_user, Unset):
            end_user = UNSET
        else:
            end_user = EndUser.from_dict(_end_user)

        _organization = d.pop("organization", UNSET)
        organization: EndUserOrganization | Unset
        if isinstance(_organization, Unset):
            organization = UNSET
        else:
            organization = EndUserOrganization.from_dict(_organization)

        allowed_integrations = cast(list[str], d.pop("allowed_integrations", UNSET))

        _integrations_config_defaults = d.pop("integrations_config_defaults", UNSET)
        integrations_config_defaults: IntegrationsConfigDefaults | Unset
        if isinstance(_integrations_config_defaults, Unset):
            integrations_config_defaults = UNSET
        else:
            integrations_config_defaults = IntegrationsConfigDefaults.from_dict(_integrations_config_defaults)

        _overrides = d.pop("overrides", UNSET)
        overrides: ConnectUIOverrides | Unset
        if isinstance(_overrides, Unset):
            overrides = UNSET
        else:
            overrides = ConnectUIOverrides.from_dict(_overrides)

        webhook_url_override = d.pop("webhook_url_override", UNSET)

        connect_session_input = cls(
            tags=tags,
            end_user=end_user,
            organization=organization,
            allowed_integrations=allowed_integrations,
            integrations_config_defaults=integrations_config_defaults,
            overrides=overrides,
            webhook_url_override=webhook_url_override,
        )

        connect_session_input.additional_properties = d
        return connect_session_input

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
from ..models.connect_ui_overrides import ConnectUIOverrides
from ..models.end_user import EndUser
from ..models.end_user_organization import EndUserOrganization
from ..models.integrations_config_defaults import IntegrationsConfigDefaults
from ..models.tags import Tags
