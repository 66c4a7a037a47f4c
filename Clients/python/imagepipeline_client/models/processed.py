from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="Processed")



@_attrs_define
class Processed:
    """ 
        Attributes:
            width (int):
            height (int):
            format_ (str):
            size_before (int):
            size_after (int):
            saved (float): the fraction of the source's bytes saved (negative when larger)
            asset_id (str | Unset):
            url (str | Unset):
            origin_url (str | Unset):
            expires_at (datetime.datetime | Unset):
     """

    width: int
    height: int
    format_: str
    size_before: int
    size_after: int
    saved: float
    asset_id: str | Unset = UNSET
    url: str | Unset = UNSET
    origin_url: str | Unset = UNSET
    expires_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        width = self.width

        height = self.height

        format_ = self.format_

        size_before = self.size_before

        size_after = self.size_after

        saved = self.saved

        asset_id = self.asset_id

        url = self.url

        origin_url = self.origin_url

        expires_at: str | Unset = UNSET
        if not isinstance(self.expires_at, Unset):
            expires_at = self.expires_at.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "width": width,
            "height": height,
            "format": format_,
            "sizeBefore": size_before,
            "sizeAfter": size_after,
            "saved": saved,
        })
        if asset_id is not UNSET:
            field_dict["assetId"] = asset_id
        if url is not UNSET:
            field_dict["url"] = url
        if origin_url is not UNSET:
            field_dict["originUrl"] = origin_url
        if expires_at is not UNSET:
            field_dict["expiresAt"] = expires_at

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        width = d.pop("width")

        height = d.pop("height")

        format_ = d.pop("format")

        size_before = d.pop("sizeBefore")

        size_after = d.pop("sizeAfter")

        saved = d.pop("saved")

        asset_id = d.pop("assetId", UNSET)

        url = d.pop("url", UNSET)

        origin_url = d.pop("originUrl", UNSET)

        _expires_at = d.pop("expiresAt", UNSET)
        expires_at: datetime.datetime | Unset
        if isinstance(_expires_at,  Unset):
            expires_at = UNSET
        else:
            expires_at = datetime.datetime.fromisoformat(_expires_at)




        processed = cls(
            width=width,
            height=height,
            format_=format_,
            size_before=size_before,
            size_after=size_after,
            saved=saved,
            asset_id=asset_id,
            url=url,
            origin_url=origin_url,
            expires_at=expires_at,
        )


        processed.additional_properties = d
        return processed

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
