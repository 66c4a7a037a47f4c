from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="ProcessedSetOutputsItem")



@_attrs_define
class ProcessedSetOutputsItem:
    """ 
        Attributes:
            width (int):
            height (int):
            format_ (str):
            size_after (int):
            saved (float): the fraction of the source's bytes saved (negative when larger)
            path (str):
            asset_id (str | Unset):
            url (str | Unset):
     """

    width: int
    height: int
    format_: str
    size_after: int
    saved: float
    path: str
    asset_id: str | Unset = UNSET
    url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        width = self.width

        height = self.height

        format_ = self.format_

        size_after = self.size_after

        saved = self.saved

        path = self.path

        asset_id = self.asset_id

        url = self.url


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "width": width,
            "height": height,
            "format": format_,
            "sizeAfter": size_after,
            "saved": saved,
            "path": path,
        })
        if asset_id is not UNSET:
            field_dict["assetId"] = asset_id
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        width = d.pop("width")

        height = d.pop("height")

        format_ = d.pop("format")

        size_after = d.pop("sizeAfter")

        saved = d.pop("saved")

        path = d.pop("path")

        asset_id = d.pop("assetId", UNSET)

        url = d.pop("url", UNSET)

        processed_set_outputs_item = cls(
            width=width,
            height=height,
            format_=format_,
            size_after=size_after,
            saved=saved,
            path=path,
            asset_id=asset_id,
            url=url,
        )


        processed_set_outputs_item.additional_properties = d
        return processed_set_outputs_item

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
