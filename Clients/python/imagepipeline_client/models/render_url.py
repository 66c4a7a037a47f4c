from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="RenderURL")



@_attrs_define
class RenderURL:
    """ 
        Attributes:
            url (str): by the asset's folder and name
            by_id (str): by the asset's id
            signed (bool):
            rendering_enabled (bool):
            unsigned_allowed (bool):
     """

    url: str
    by_id: str
    signed: bool
    rendering_enabled: bool
    unsigned_allowed: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        url = self.url

        by_id = self.by_id

        signed = self.signed

        rendering_enabled = self.rendering_enabled

        unsigned_allowed = self.unsigned_allowed


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "url": url,
            "byId": by_id,
            "signed": signed,
            "renderingEnabled": rendering_enabled,
            "unsignedAllowed": unsigned_allowed,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        url = d.pop("url")

        by_id = d.pop("byId")

        signed = d.pop("signed")

        rendering_enabled = d.pop("renderingEnabled")

        unsigned_allowed = d.pop("unsignedAllowed")

        render_url = cls(
            url=url,
            by_id=by_id,
            signed=signed,
            rendering_enabled=rendering_enabled,
            unsigned_allowed=unsigned_allowed,
        )


        render_url.additional_properties = d
        return render_url

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
