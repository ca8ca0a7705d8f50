from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.end_user import EndUser
    from ..models.tags import Tags


T = TypeVar("T", bound="PatchConnectionRequest")


@_attrs_define
class PatchConnectionRequest:
    """
    Attributes:
        end_user (EndUser | Unset): The person (or account) a connection belongs to, as given when creating it.
        tags (Tags | Unset): String tags (at most 64 keys).
        webhook_url_override (str | Unset): Send the connection's webhooks to this URL only; an empty string clears the
            override.
    """

    end_user: EndUser | Unset = UNSET
    tags: Tags | Unset = UNSET
    webhook_url_override: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        end_user: dict[str, Any] | Unset = UNSET
        if not isinstance(self.end_user, Unset):
            end_user = self.end_user.to_dict()

        tags: dict[str, Any] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags.to_dict()

        webhook_url_override = self.webhook_url_override

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if end_user is not UNSET:
            field_dict["end_user"] = end_user
        if tags is not UNSET:
            field_dict["tags"] = tags
        if webhook_url_override is not UNSET:
            field_dict["webhook_url_override"] = webhook_url_override

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _end_user = d.pop("end_user", UNSET)
        end_user: EndUser | Unset
        if isinstance(_end_user, Unset):
            end_user = UNSET
        else:
            end_user = EndUser.from_dict(_end_user)

        _tags = d.pop("tags", UNSET)
        tags: Tags | Unset
        if isinstance(_tags, Unset):
            tags = UNSET
        else:
            tags = Tags.from_dict(_tags)

        webhook_url_override = d.pop("webhook_url_override", UNSET)

        patch_connection_request = cls(
            end_user=end_user,
            tags=tags,
            webhook_url_override=webhook_url_override,
        )

        patch_connection_request.additional_properties = d
        return patch_connection_request

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
from ..models.end_user import EndUser
from ..models.tags import Tags
