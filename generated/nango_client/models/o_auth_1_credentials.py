from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.json_object import JsonObject


T = TypeVar("T", bound="OAuth1Credentials")


@_attrs_define
class OAuth1Credentials:
    """
    Attributes:
        type_ (Literal['OAUTH1']):
        oauth_token (str):
        oauth_token_secret (str):
        raw (JsonObject | Unset): A free-form JSON object; every key is kept in `additional_properties`.
    """

    type_: Literal["OAUTH1"]
    oauth_token: str
    oauth_token_secret: str
    raw: JsonObject | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        oauth_token = self.oauth_token

        oauth_token_secret = self.oauth_token_secret

        raw: dict[str, Any] | Unset = UNSET
        if not isinstance(self.raw, Unset):
            raw = self.raw.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "oauth_token": oauth_token,
                "oauth_token_secret": oauth_token_secret,
            }
        )
        if raw is not UNSET:
            field_dict["raw"] = raw

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_: Literal["OAUTH1"] = d.pop("type")
        if type_ != "OAUTH1":
            raise ValueError(f"type must match const 'OAUTH1', got '{type_}'")

        oauth_token = d.pop("oauth_token")

        oauth_token_secret = d.pop("oauth_token_secret")

        _raw = d.pop("raw", UNSET)
        raw: JsonObject | Unset
        if isinstance(_raw, Unset):
            raw = UNSET
        else:
            raw = JsonObject.from_dict(_raw)

        o_auth_1_credentials = cls(
            type_=type_,
            oauth_token=oauth_token,
            oauth_token_secret=oauth_token_secret,
            raw=raw,
        )

        o_auth_1_credentials.additional_properties = d
        return o_auth_1_credentials

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
