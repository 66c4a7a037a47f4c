from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.watermark_images_images_item import WatermarkImagesImagesItem





T = TypeVar("T", bound="WatermarkImages")



@_attrs_define
class WatermarkImages:
    """ 
        Attributes:
            folder (str):
            images (list[WatermarkImagesImagesItem]):
     """

    folder: str
    images: list[WatermarkImagesImagesItem]





    def to_dict(self) -> dict[str, Any]:
        from ..models.watermark_images_images_item import WatermarkImagesImagesItem # noqa: PLC0415
        folder = self.folder

        images = []
        for images_item_data in self.images:
            images_item = images_item_data.to_dict()
            images.append(images_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "folder": folder,
            "images": images,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.watermark_images_images_item import WatermarkImagesImagesItem # noqa: PLC0415
        d = dict(src_dict)
        folder = d.pop("folder")

        images = []
        _images = d.pop("images")
        for images_item_data in (_images):
            images_item = WatermarkImagesImagesItem.from_dict(images_item_data)



            images.append(images_item)


        watermark_images = cls(
            folder=folder,
            images=images,
        )

        return watermark_images

