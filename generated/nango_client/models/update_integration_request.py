from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.custom_app_credentials import CustomAppCredentials
    from ..models.github_app_credentials import GithubAppCredentials
    from ..models.integration_config import IntegrationConfig
    from ..models.o_auth_1_app_credentials import OAuth1AppCredentials
    from ..models.o_auth_2_app_credentials import OAuth2AppCredentials
    from ..models.tba_app_credentials import TbaAppCredentials


T = TypeVar("T", bound="UpdateIntegrationRequest")


@_attrs_define
class UpdateIntegrationRequest:
    """
    Attributes:
        unique_key (str | Unset): A new unique key.
        display_name (str | Unset):
        credentials (CustomAppCredentials | GithubAppCredentials | OAuth1AppCredentials | OAuth2AppCredentials |
            TbaAppCredentials | Unset): The provider app of an integration, told apart by `type`.
        forward_webhooks (bool | Unset):
        integration_config (IntegrationConfig | Unset): Provider-specific settings, for providers that declare an
            `integration_config` schema (e.g. `private-api-generic`, `aws-sigv4`); the server checks them against it.
    """

    unique_key: str | Unset = UNSET
    display_name: str | Unset = UNSET
    credentials: (
        CustomAppCredentials
        | GithubAppCredentials
        | OAuth1AppCredentials
        | OAuth2AppCredentials
        | TbaAppCredentials
        | Unset
    ) = UNSET
    forward_webhooks: bool | Unset = UNSET
    integration_config: IntegrationConfig | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        unique_key = self.unique_key

        display_name = self.display_name

        credentials: dict[str, Any] | Unset
        if isinstance(self.credentials, Unset):
            credentials = UNSET
        elif isinstance(self.credentials, OAuth2AppCredentials):
            credentials = self.credentials.to_dict()
        elif isinstance(self.credentials, OAuth1AppCredentials):
            credentials = self.credentials.to_dict()
        elif isinstance(self.credentials, TbaAppCredentials):
            credentials = self.credentials.to_dict()
        elif isinstance(self.credentials, GithubAppCredentials):
            credentials = self.credentials.to_dict()
        else:
            credentials = self.credentials.to_dict()

        forward_webhooks = self.forward_webhooks

        integration_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.integration_config, Unset):
            integration_config = self.integration_config.to_dict()

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
        if integration_config is not UNSET:
            field_dict["integration_config"] = integration_config

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        unique_key = d.pop("unique_key", UNSET)

        display_name = d.pop("display_name", UNSET)

        def _parse_credentials(
            data: object,
        ) -> (
            CustomAppCredentials
            | GithubAppCredentials
            | OAuth1AppCredentials
            | OAuth2AppCredentials
            | TbaAppCredentials
            | Unset
        ):
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_integration_credentials_input_type_0 = OAuth2AppCredentials.from_dict(data)

                return componentsschemas_integration_credentials_input_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_integration_credentials_input_type_1 = OAuth1AppCredentials.from_dict(data)

                return componentsschemas_integration_credentials_input_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_integration_credentials_input_type_2 = TbaAppCredentials.from_dict(data)

                return componentsschemas_integration_credentials_input_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_integration_credentials_input_type_3 = GithubAppCredentials.from_dict(data)

                return componentsschemas_integration_credentials_input_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_integration_credentials_input_type_4 = CustomAppCredentials.from_dict(data)

            return componentsschemas_integration_credentials_input_type_4

        credentials = _parse_credentials(d.pop("credentials", UNSET))

        forward_webhooks = d.pop("forward_webhooks", UNSET)

        _integration_config = d.pop("integration_config", UNSET)
        integration_config: IntegrationConfig | Unset
        if isinstance(_integration_config, Unset):
            integration_config = UNSET
        else:
            integration_config = IntegrationConfig.from_dict(_integration_config)

        update_integration_request = cls(
            unique_key=unique_key,
            display_name=display_name,
            credentials=credentials,
            forward_webhooks=forward_webhooks,
            integration_config=integration_config,
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


# The models this one refers to, imported once the class exists (the models refer to each other).
from ..models.custom_app_credentials import CustomAppCredentials
from ..models.github_app_credentials import GithubAppCredentials
from ..models.integration_config import IntegrationConfig
from ..models.o_auth_1_app_credentials import OAuth1AppCredentials
from ..models.o_auth_2_app_credentials import OAuth2AppCredentials
from ..models.tba_app_credentials import TbaAppCredentials
