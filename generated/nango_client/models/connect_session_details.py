from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.connect_ui_overrides import ConnectUIOverrides
    from ..models.connection_end_user import ConnectionEndUser
    from ..models.integrations_config_defaults import IntegrationsConfigDefaults
    from ..models.json_object import JsonObject


T = TypeVar("T", bound="ConnectSessionDetails")


@_attrs_define
class ConnectSessionDetails:
    """
    Attributes:
        end_user (ConnectionEndUser | None | Unset):
        connect_ui_settings (JsonObject | Unset): A free-form JSON object; every key is kept in `additional_properties`.
        allowed_integrations (list[str] | None | Unset):
        integrations_config_defaults (IntegrationsConfigDefaults | None | Unset):
        is_reconnecting (bool | Unset): Present (true) only for a reconnect session.
        overrides (ConnectUIOverrides | Unset): `ConnectUIOverride` by integration unique key.
        websockets_path (str | Unset):
    """

    end_user: ConnectionEndUser | None | Unset = UNSET
    connect_ui_settings: JsonObject | Unset = UNSET
    allowed_integrations: list[str] | None | Unset = UNSET
    integrations_config_defaults: IntegrationsConfigDefaults | None | Unset = UNSET
    is_reconnecting: bool | Unset = UNSET
    overrides: ConnectUIOverrides | Unset = UNSET
    websockets_path: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        end_user: dict[str, Any] | None | Unset
        if isinstance(self.end_user, Unset):
            end_user = UNSET
        elif isinstance(self.end_user, ConnectionEndUser):
            end_user = self.end_user.to_dict()
        else:
            end_user = self.end_user

        connect_ui_settings: dict[str, Any] | Unset = UNSET
        if not isinstance(self.connect_ui_settings, Unset):
            connect_ui_settings = self.connect_ui_settings.to_dict()

        allowed_integrations: list[str] | None | Unset
        if isinstance(self.allowed_integrations, Unset):
            allowed_integrations = UNSET
        elif isinstance(self.allowed_integrations, list):
            allowed_integrations = self.allowed_integrations

        else:
            allowed_integrations = self.allowed_integrations

        integrations_config_defaults: dict[str, Any] | None | Unset
        if isinstance(self.integrations_config_defaults, Unset):
            integrations_config_defaults = UNSET
        elif isinstance(self.integrations_config_defaults, IntegrationsConfigDefaults):
            integrations_config_defaults = self.integrations_config_defaults.to_dict()
        else:
            integrations_config_defaults = self.integrations_config_defaults

        is_reconnecting = self.is_reconnecting

        overrides: dict[str, Any] | Unset = UNSET
        if not isinstance(self.overrides, Unset):
            overrides = self.overrides.to_dict()

        websockets_path = self.websockets_path

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if end_user is not UNSET:
            field_dict["endUser"] = end_user
        if connect_ui_settings is not UNSET:
            field_dict["connectUISettings"] = connect_ui_settings
        if allowed_integrations is not UNSET:
            field_dict["allowed_integrations"] = allowed_integrations
        if integrations_config_defaults is not UNSET:
            field_dict["integrations_config_defaults"] = integrations_config_defaults
        if is_reconnecting is not UNSET:
            field_dict["isReconnecting"] = is_reconnecting
        if overrides is not UNSET:
            field_dict["overrides"] = overrides
        if websockets_path is not UNSET:
            field_dict["websocketsPath"] = websockets_path

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

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

        end_user = _parse_end_user(d.pop("endUser", UNSET))

        _connect_ui_settings = d.pop("connectUISettings", UNSET)
        connect_ui_settings: JsonObject | Unset
        if isinstance(_connect_ui_settings, Unset):
            connect_ui_settings = UNSET
        else:
            connect_ui_settings = JsonObject.from_dict(_connect_ui_settings)

        def _parse_allowed_integrations(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                allowed_integrations_type_0 = cast(list[str], data)

                return allowed_integrations_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        allowed_integrations = _parse_allowed_integrations(d.pop("allowed_integrations", UNSET))

        def _parse_integrations_config_defaults(data: object) -> IntegrationsConfigDefaults | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                integrations_config_defaults_type_0 = IntegrationsConfigDefaults.from_dict(data)

                return integrations_config_defaults_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(IntegrationsConfigDefaults | None | Unset, data)

        integrations_config_defaults = _parse_integrations_config_defaults(d.pop("integrations_config_defaults", UNSET))

        is_reconnecting = d.pop("isReconnecting", UNSET)

        _overrides = d.pop("overrides", UNSET)
        overrides: ConnectUIOverrides | Unset
        if isinstance(_overrides, Unset):
            overrides = UNSET
        else:
            overrides = ConnectUIOverrides.from_dict(_overrides)

        websockets_path = d.pop("websocketsPath", UNSET)

        connect_session_details = cls(
            end_user=end_user,
            connect_ui_settings=connect_ui_settings,
            allowed_integrations=allowed_integrations,
            integrations_config_defaults=integrations_config_defaults,
            is_reconnecting=is_reconnecting,
            overrides=overrides,
            websockets_path=websockets_path,
        )

        connect_session_details.additional_properties = d
        return connect_session_details

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
from ..models.connection_end_user import ConnectionEndUser
from ..models.integrations_config_defaults import IntegrationsConfigDefaults
from ..models.json_object import JsonObject
