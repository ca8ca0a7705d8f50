from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.json_object import JsonObject


T = TypeVar("T", bound="Provider")


@_attrs_define
class Provider:
    """
    Attributes:
        name (str):
        display_name (str | Unset):
        auth_mode (str | Unset): e.g. `OAUTH2`, `API_KEY`, `BASIC`, `NONE`; new modes appear over time.
        logo_url (str | Unset):
        docs (str | Unset):
        docs_connect (str | Unset):
        categories (list[str] | Unset):
        authorization_url (str | Unset):
        token_url (Any | Unset): Any JSON value, kept as parsed.
        default_scopes (list[str] | Unset):
        scope_separator (str | Unset):
        proxy (JsonObject | Unset): A free-form JSON object; every key is kept in `additional_properties`.
        connection_config (JsonObject | Unset): A free-form JSON object; every key is kept in `additional_properties`.
        credentials (JsonObject | Unset): A free-form JSON object; every key is kept in `additional_properties`.
    """

    name: str
    display_name: str | Unset = UNSET
    auth_mode: str | Unset = UNSET
    logo_url: str | Unset = UNSET
    docs: str | Unset = UNSET
    docs_connect: str | Unset = UNSET
    categories: list[str] | Unset = UNSET
    authorization_url: str | Unset = UNSET
    token_url: Any | Unset = UNSET
    default_scopes: list[str] | Unset = UNSET
    scope_separator: str | Unset = UNSET
    proxy: JsonObject | Unset = UNSET
    connection_config: JsonObject | Unset = UNSET
    credentials: JsonObject | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        display_name = self.display_name

        auth_mode = self.auth_mode

        logo_url = self.logo_url

        docs = self.docs

        docs_connect = self.docs_connect

        categories: list[str] | Unset = UNSET
        if not isinstance(self.categories, Unset):
            categories = self.categories

        authorization_url = self.authorization_url

        token_url = self.token_url

        default_scopes: list[str] | Unset = UNSET
        if not isinstance(self.default_scopes, Unset):
            default_scopes = self.default_scopes

        scope_separator = self.scope_separator

        proxy: dict[str, Any] | Unset = UNSET
        if not isinstance(self.proxy, Unset):
            proxy = self.proxy.to_dict()

        connection_config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.connection_config, Unset):
            connection_config = self.connection_config.to_dict()

        credentials: dict[str, Any] | Unset = UNSET
        if not isinstance(self.credentials, Unset):
            credentials = self.credentials.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if display_name is not UNSET:
            field_dict["display_name"] = display_name
        if auth_mode is not UNSET:
            field_dict["auth_mode"] = auth_mode
        if logo_url is not UNSET:
            field_dict["logo_url"] = logo_url
        if docs is not UNSET:
            field_dict["docs"] = docs
        if docs_connect is not UNSET:
            field_dict["docs_connect"] = docs_connect
        if categories is not UNSET:
            field_dict["categories"] = categories
        if authorization_url is not UNSET:
            field_dict["authorization_url"] = authorization_url
        if token_url is not UNSET:
            field_dict["token_url"] = token_url
        if default_scopes is not UNSET:
            field_dict["default_scopes"] = default_scopes
        if scope_separator is not UNSET:
            field_dict["scope_separator"] = scope_separator
        if proxy is not UNSET:
            field_dict["proxy"] = proxy
        if connection_config is not UNSET:
            field_dict["connection_config"] = connection_config
        if credentials is not UNSET:
            field_dict["credentials"] = credentials

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        display_name = d.pop("display_name", UNSET)

        auth_mode = d.pop("auth_mode", UNSET)

        logo_url = d.pop("logo_url", UNSET)

        docs = d.pop("docs", UNSET)

        docs_connect = d.pop("docs_connect", UNSET)

        categories = cast(list[str], d.pop("categories", UNSET))

        authorization_url = d.pop("authorization_url", UNSET)

        token_url = d.pop("token_url", UNSET)

        default_scopes = cast(list[str], d.pop("default_scopes", UNSET))

        scope_separator = d.pop("scope_separator", UNSET)

        _proxy = d.pop("proxy", UNSET)
        proxy: JsonObject | Unset
        if isinstance(_proxy, Unset):
            proxy = UNSET
        else:
            proxy = JsonObject.from_dict(_proxy)

        _connection_config = d.pop("connection_config", UNSET)
        connection_config: JsonObject | Unset
        if isinstance(_connection_config, Unset):
            connection_config = UNSET
        else:
            connection_config = JsonObject.from_dict(_connection_config)

        _credentials = d.pop("credentials", UNSET)
        credentials: JsonObject | Unset
        if isinstance(_credentials, Unset):
            credentials = UNSET
        else:
            credentials = JsonObject.from_dict(_credentials)

        provider = cls(
            name=name,
            display_name=display_name,
            auth_mode=auth_mode,
            logo_url=logo_url,
            docs=docs,
            docs_connect=docs_connect,
            categories=categories,
            authorization_url=authorization_url,
            token_url=token_url,
            default_scopes=default_scopes,
            scope_separator=scope_separator,
            proxy=proxy,
            connection_config=connection_config,
            credentials=credentials,
        )

        provider.additional_properties = d
        return provider

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
