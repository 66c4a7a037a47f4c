from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







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
     """

    width: int
    height: int
    format_: str
    size_before: int
    size_after: int
    saved: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        width = self.width

        height = self.height

        format_ = self.format_

        size_before = self.size_before

        size_after = self.size_after

        saved = self.saved


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

        processed = cls(
            width=width,
            height=height,
            format_=format_,
            size_before=size_before,
            size_after=size_after,
            saved=saved,
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
