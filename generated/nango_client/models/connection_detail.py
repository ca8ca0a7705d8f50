from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.api_key_credentials import ApiKeyCredentials
    from ..models.app_credentials import AppCredentials
    from ..models.app_store_credentials import AppStoreCredentials
    from ..models.basic_credentials import BasicCredentials
    from ..models.bill_credentials import BillCredentials
    from ..models.connection_end_user import ConnectionEndUser
    from ..models.connection_error_info import ConnectionErrorInfo
    from ..models.custom_credentials import CustomCredentials
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


T = TypeVar("T", bound="ConnectionDetail")


@_attrs_define
class ConnectionDetail:
    """A connection with its configuration and credentials.

    Attributes:
        id (int):
        connection_id (str):
        provider_config_key (str):
        provider (str):
        credentials (ApiKeyCredentials | AppCredentials | AppStoreCredentials | BasicCredentials | BillCredentials |
            CustomCredentials | JwtCredentials | NoCredentials | OAuth1Credentials | OAuth2ClientCredentials |
            OAuth2Credentials | SignatureCredentials | TbaCredentials | TwoStepCredentials | UnknownCredentials): Connection
            credentials, told apart by `type`. A type this client does not know yet is parsed as `UnknownCredentials`, with
            every field kept.
        errors (list[ConnectionErrorInfo] | Unset):
        end_user (ConnectionEndUser | None | Unset):
        tags (None | Tags | Unset): The connection's tags (`null` on connections that never had any).
        metadata (JsonObject | None | Unset):
        connection_config (JsonObject | Unset): A free-form JSON object; every key is kept in `additional_properties`.
        webhook_url_override (None | str | Unset):
        created_at (str | Unset):
        updated_at (str | Unset):
        last_fetched_at (None | str | Unset):
    """

    id: int
    connection_id: str
    provider_config_key: str
    provider: str
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
    errors: list[ConnectionErrorInfo] | Unset = UNSET
    end_user: ConnectionEndUser | None | Unset = UNSET
    tags: None | Tags | Unset = UNSET
    metadata: JsonObject | None | Unset = UNSET
    connection_config: JsonObject | Unset = UNSET
    webhook_url_override: None | str | Unset = UNSET
    created_at: str | Unset = UNSET
    updated_at: str | Unset = UNSET
    last_fetched_at: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        connection_id = self.connection_id

        provider_config_key = self.provider_config_key

        provider = self.provider

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

        errors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.errors, Unset):
            errors = []
            for errors_item_data in self.errors:
                errors_item = errors_item_data.to_dict()
                errors.append(errors_item)

        end_user: dict[str, Any] | None | Unset
        if isinstance(self.end_user, Unset):
            end_user = UNSET
        elif isinstance(self.end_user, ConnectionEndUser):
            end_user = self.end_user.to_dict()
        else:
            end_user = self.end_user

        tags: dict[str, Any] | None | Unset
        if isinstance(self.tags, Unset):
            tags = UNSET
        elif isinstance(self.tags, Tags):
            tags = self.tags.to_dict()
        else:
            tags = self.tags

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, JsonObject):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        connection_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.connection_config, Unset):
            connection_config = self.connection_config.to_dict()

        webhook_url_override: None | str | Unset
        if isinstance(self.webhook_url_override, Unset):
            webhook_url_override = UNSET
        else:
            webhook_url_override = self.webhook_url_override

        created_at = self.created_at

        updated_at = self.updated_at

        last_fetched_at: None | str | Unset
        if isinstance(self.last_fetched_at, Unset):
            last_fetched_at = UNSET
        else:
            last_fetched_at = self.last_fetched_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "connection_id": connection_id,
                "provider_config_key": provider_config_key,
                "provider": provider,
                "credentials": credentials,
            }
        )
        if errors is not UNSET:
            field_dict["errors"] = errors
        if end_user is not UNSET:
            field_dict["end_user"] = end_user
        if tags is not UNSET:
            field_dict["tags"] = tags
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if connection_config is not UNSET:
            field_dict["connection_config"] = connection_config
        if webhook_url_override is not UNSET:
            field_dict["webhook_url_override"] = webhook_url_override
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if last_fetched_at is not UNSET:
            field_dict["last_fetched_at"] = last_fetched_at

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        connection_id = d.pop("connection_id")

        provider_config_key = d.pop("provider_config_key")

        provider = d.pop("provider")

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

        _errors = d.pop("errors", UNSET)
        errors: list[ConnectionErrorInfo] | Unset = UNSET
        if _errors is not UNSET:
            errors = []
            for errors_item_data in _errors:
                errors_item = ConnectionErrorInfo.from_dict(errors_item_data)

                errors.append(errors_item)

        def _parse_end_user(data: object) -> ConnectionEndUser | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                end_user_type_0 = ConnectionEndUser.from_dict(data)

                return end_user_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ConnectionEndUser | None | Unset, data)

        end_user = _parse_end_user(d.pop("end_user", UNSET))

        def _parse_tags(data: object) -> None | Tags | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                tags_type_0 = Tags.from_dict(data)

                return tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Tags | Unset, data)

        tags = _parse_tags(d.pop("tags", UNSET))

        def _parse_metadata(data: object) -> JsonObject | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = JsonObject.from_dict(data)

                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JsonObject | None | Unset, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        _connection_config = d.pop("connection_config", UNSET)
        connection_config: JsonObject | Unset
        if isinstance(_connection_config, Unset):
            connection_config = UNSET
        else:
            connection_config = JsonObject.from_dict(_connection_config)

        def _parse_webhook_url_override(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        webhook_url_override = _parse_webhook_url_override(d.pop("webhook_url_override", UNSET))

        created_at = d.pop("created_at", UNSET)

        updated_at = d.pop("updated_at", UNSET)

        def _parse_last_fetched_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_fetched_at = _parse_last_fetched_at(d.pop("last_fetched_at", UNSET))

        connection_detail = cls(
            id=id,
            connection_id=connection_id,
            provider_config_key=provider_config_key,
            provider=provider,
            credentials=credentials,
            errors=errors,
            end_user=end_user,
            tags=tags,
            metadata=metadata,
            connection_config=connection_config,
            webhook_url_override=webhook_url_override,
            created_at=created_at,
            updated_at=updated_at,
            last_fetched_at=last_fetched_at,
        )

        connection_detail.additional_properties = d
        return connection_detail

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
from ..models.connection_end_user import ConnectionEndUser
from ..models.connection_error_info import ConnectionErrorInfo
from ..models.custom_credentials import CustomCredentials
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
