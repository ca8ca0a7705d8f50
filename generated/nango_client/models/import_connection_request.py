from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.api_key_credentials import ApiKeyCredentials
    from ..models.app_credentials import AppCredentials
    from ..models.app_store_credentials import AppStoreCredentials
    from ..models.basic_credentials import BasicCredentials
    from ..models.bill_credentials import BillCredentials
    from ..models.custom_credentials import CustomCredentials
    from ..models.end_user import EndUser
    from ..models.json_object import JsonObject
    from ..models.jwt_credentials import JwtCredentials
    from ..models.no_credentials import NoCredentials
    from ..models.o_auth_1_credentials import OAuth1Credentials
    from ..models.o_auth_2_client_credentials import OAuth2ClientCredentials
    from ..models.o_auth_2_credentials import OAuth2Credentials
    from ..models.signature_credentials import SignatureCredentials
    from ..models.tags import Tags
    from ..models.tba_credentials import TbaCredentials
    from ..models.two_step_credentials import TwoStepCredentials
    from ..models.unknown_credentials import UnknownCredentials


T = TypeVar("T", bound="ImportConnectionRequest")


@_attrs_define
class ImportConnectionRequest:
    """
    Attributes:
        provider_config_key (str):
        credentials (ApiKeyCredentials | AppCredentials | AppStoreCredentials | BasicCredentials | BillCredentials |
            CustomCredentials | JwtCredentials | NoCredentials | OAuth1Credentials | OAuth2ClientCredentials |
            OAuth2Credentials | SignatureCredentials | TbaCredentials | TwoStepCredentials | UnknownCredentials): Connection
            credentials, told apart by `type`. A type this client does not know yet is parsed as `UnknownCredentials`, with
            every field kept.
        connection_id (str | Unset): A UUID is generated when omitted.
        metadata (JsonObject | Unset): A free-form JSON object; every key is kept in `additional_properties`.
        connection_config (JsonObject | Unset): A free-form JSON object; every key is kept in `additional_properties`.
        tags (Tags | Unset): String tags (at most 64 keys).
        end_user (EndUser | Unset): The person (or account) a connection belongs to, as given when creating it.
        webhook_url_override (str | Unset): Send the connection's webhooks to this URL only.
    """

    provider_config_key: str
    credentials: (
        ApiKeyCredentials
        | AppCredentials
        | AppStoreCredentials
        | BasicCredentials
        | BillCredentials
        | CustomCredentials
        | JwtCredentials
        | NoCredentials
        | OAuth1Credentials
        | OAuth2ClientCredentials
        | OAuth2Credentials
        | SignatureCredentials
        | TbaCredentials
        | TwoStepCredentials
        | UnknownCredentials
    )
    connection_id: str | Unset = UNSET
    metadata: JsonObject | Unset = UNSET
    connection_config: JsonObject | Unset = UNSET
    tags: Tags | Unset = UNSET
    end_user: EndUser | Unset = UNSET
    webhook_url_override: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        provider_config_key = self.provider_config_key

        credentials: dict[str, Any]
        if isinstance(self.credentials, OAuth2Credentials):
            credentials = self.credentials.to_dict()
        elif isinstance(self.credentials, OAuth1Credentials):
            credentials = self.credentials.to_dict()
        elif isinstance(self.credentials, OAuth2ClientCredentials):
            credentials = self.credentials.to_dict()
        elif isinstance(self.credentials, ApiKeyCredentials):
            credentials = self.credentials.to_dict()
        elif isinstance(self.credentials, BasicCredentials):
            credentials = self.credentials.to_dict()
        elif isinstance(self.credentials, AppCredentials):
            credentials = self.credentials.to_dict()
        elif isinstance(self.credentials, AppStoreCredentials):
            credentials = self.credentials.to_dict()
        elif isinstance(self.credentials, CustomCredentials):
            credentials = self.credentials.to_dict()
        elif isinstance(self.credentials, JwtCredentials):
            credentials = self.credentials.to_dict()
        elif isinstance(self.credentials, TbaCredentials):
            credentials = self.credentials.to_dict()
        elif isinstance(self.credentials, BillCredentials):
            credentials = self.credentials.to_dict()
        elif isinstance(self.credentials, SignatureCredentials):
            credentials = self.credentials.to_dict()
        elif isinstance(self.credentials, TwoStepCredentials):
            credentials = self.credentials.to_dict()
        elif isinstance(self.credentials, NoCredentials):
            credentials = self.credentials.to_dict()
        else:
            credentials = self.credentials.to_dict()

        connection_id = self.connection_id

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        connection_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.connection_config, Unset):
            connection_config = self.connection_config.to_dict()

        tags: dict[str, Any] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags.to_dict()

        end_user: dict[str, Any] | Unset = UNSET
        if not isinstance(self.end_user, Unset):
            end_user = self.end_user.to_dict()

        webhook_url_override = self.webhook_url_override

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "provider_config_key": provider_config_key,
                "credentials": credentials,
            }
        )
        if connection_id is not UNSET:
            field_dict["connection_id"] = connection_id
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if connection_config is not UNSET:
            field_dict["connection_config"] = connection_config
        if tags is not UNSET:
            field_dict["tags"] = tags
        if end_user is not UNSET:
            field_dict["end_user"] = end_user
        if webhook_url_override is not UNSET:
            field_dict["webhook_url_override"] = webhook_url_override

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        provider_config_key = d.pop("provider_config_key")

        def _parse_credentials(
            data: object,
        ) -> (
            ApiKeyCredentials
            | AppCredentials
            | AppStoreCredentials
            | BasicCredentials
            | BillCredentials
            | CustomCredentials
            | JwtCredentials
            | NoCredentials
            | OAuth1Credentials
            | OAuth2ClientCredentials
            | OAuth2Credentials
            | SignatureCredentials
            | TbaCredentials
            | TwoStepCredentials
            | UnknownCredentials
        ):
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_credentials_type_0 = OAuth2Credentials.from_dict(data)

                return componentsschemas_credentials_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_credentials_type_1 = OAuth1Credentials.from_dict(data)

                return componentsschemas_credentials_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_credentials_type_2 = OAuth2ClientCredentials.from_dict(data)

                return componentsschemas_credentials_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_credentials_type_3 = ApiKeyCredentials.from_dict(data)

                return componentsschemas_credentials_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_credentials_type_4 = BasicCredentials.from_dict(data)

                return componentsschemas_credentials_type_4
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_credentials_type_5 = AppCredentials.from_dict(data)

                return componentsschemas_credentials_type_5
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_credentials_type_6 = AppStoreCredentials.from_dict(data)

                return componentsschemas_credentials_type_6
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_credentials_type_7 = CustomCredentials.from_dict(data)

                return componentsschemas_credentials_type_7
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_credentials_type_8 = JwtCredentials.from_dict(data)

                return componentsschemas_credentials_type_8
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_credentials_type_9 = TbaCredentials.from_dict(data)

                return componentsschemas_credentials_type_9
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_credentials_type_10 = BillCredentials.from_dict(data)

                return componentsschemas_credentials_type_10
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_credentials_type_11 = SignatureCredentials.from_dict(data)

                return componentsschemas_credentials_type_11
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_credentials_type_12 = TwoStepCredentials.from_dict(data)

                return componentsschemas_credentials_type_12
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_credentials_type_13 = NoCredentials.from_dict(data)

                return componentsschemas_credentials_type_13
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_credentials_type_14 = UnknownCredentials.from_dict(data)

            return componentsschemas_credentials_type_14

        credentials = _parse_credentials(d.pop("credentials"))

        connection_id = d.pop("connection_id", UNSET)

        _metadata = d.pop("metadata", UNSET)
        metadata: JsonObject | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = JsonObject.from_dict(_metadata)

        _connection_config = d.pop("connection_config", UNSET)
        connection_config: JsonObject | Unset
        if isinstance(_connection_config, Unset):
            connection_config = UNSET
        else:
            connection_config = JsonObject.from_dict(_connection_config)

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

        webhook_url_override = d.pop("webhook_url_override", UNSET)

        import_connection_request = cls(
            provider_config_key=provider_config_key,
            credentials=credentials,
            connection_id=connection_id,
            metadata=metadata,
            connection_config=connection_config,
            tags=tags,
            end_user=end_user,
            webhook_url_override=webhook_url_override,
        )

        import_connection_request.additional_properties = d
        return import_connection_request

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
from ..models.api_key_credentials import ApiKeyCredentials
from ..models.app_credentials import AppCredentials
from ..models.app_store_credentials import AppStoreCredentials
from ..models.basic_credentials import BasicCredentials
from ..models.bill_credentials import BillCredentials
from ..models.custom_credentials import CustomCredentials
from ..models.end_user import EndUser
from ..models.json_object import JsonObject
from ..models.jwt_credentials import JwtCredentials
from ..models.no_credentials import NoCredentials
from ..models.o_auth_1_credentials import OAuth1Credentials
from ..models.o_auth_2_client_credentials import OAuth2ClientCredentials
from ..models.o_auth_2_credentials import OAuth2Credentials
from ..models.signature_credentials import SignatureCredentials
from ..models.tags import Tags
from ..models.tba_credentials import TbaCredentials
from ..models.two_step_credentials import TwoStepCredentials
from ..models.unknown_credentials import UnknownCredentials
