from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="WatermarkImagesImagesItem")



@_attrs_define
class WatermarkImagesImagesItem:
    """ 
        Attributes:
            path (str):
            bytes_ (int):
     """

    path: str
    bytes_: int





    def to_dict(self) -> dict[str, Any]:
        path = self.path

        bytes_ = self.bytes_


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "path": path,
            "bytes": bytes_,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        path = d.pop("path")

        bytes_ = d.pop("bytes")

        watermark_images_images_item = cls(
            path=path,
            bytes_=bytes_,
        )

        return watermark_images_images_item

