from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.jwt_private_key import JwtPrivateKey


T = TypeVar("T", bound="JwtCredentials")


@_attrs_define
class JwtCredentials:
    """
    Attributes:
        type_ (Literal['JWT']):
        token (str | Unset):
        expires_at (None | str | Unset):
        issuer_id (str | Unset):
        private_key_id (str | Unset):
        private_key (JwtPrivateKey | str | Unset): The PEM key, or an `{id, secret}` pair.
    """

    type_: Literal["JWT"]
    token: str | Unset = UNSET
    expires_at: None | str | Unset = UNSET
    issuer_id: str | Unset = UNSET
    private_key_id: str | Unset = UNSET
    private_key: JwtPrivateKey | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        token = self.token

        expires_at: None | str | Unset
        if isinstance(self.expires_at, Unset):
            expires_at = UNSET
        else:
            expires_at = self.expires_at

        issuer_id = self.issuer_id

        private_key_id = self.private_key_id

        private_key: dict[str, Any] | str | Unset
        if isinstance(self.private_key, Unset):
            private_key = UNSET
        elif isinstance(self.private_key, JwtPrivateKey):
            private_key = self.private_key.to_dict()
        else:
            private_key = self.private_key

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )
        if token is not UNSET:
            field_dict["token"] = token
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at
        if issuer_id is not UNSET:
            field_dict["issuerId"] = issuer_id
        if private_key_id is not UNSET:
            field_dict["privateKeyId"] = private_key_id
        if private_key is not UNSET:
            field_dict["privateKey"] = private_key

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_: Literal["JWT"] = d.pop("type")
        if type_ != "JWT":
            raise ValueError(f"type must match const 'JWT', got '{type_}'")

        token = d.pop("token", UNSET)

        def _parse_expires_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        expires_at = _parse_expires_at(d.pop("expires_at", UNSET))

        issuer_id = d.pop("issuerId", UNSET)

        private_key_id = d.pop("privateKeyId", UNSET)

        def _parse_private_key(data: object) -> JwtPrivateKey | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                private_key_type_1 = JwtPrivateKey.from_dict(data)

                return private_key_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JwtPrivateKey | str | Unset, data)

        private_key = _parse_private_key(d.pop("privateKey", UNSET))

        jwt_credentials = cls(
            type_=type_,
            token=token,
            expires_at=expires_at,
            issuer_id=issuer_id,
            private_key_id=private_key_id,
            private_key=private_key,
        )

        jwt_credentials.additional_properties = d
        return jwt_credentials

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
from ..models.jwt_private_key import JwtPrivateKey
