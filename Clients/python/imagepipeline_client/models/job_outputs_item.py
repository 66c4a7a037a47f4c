from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="JobOutputsItem")



@_attrs_define
class JobOutputsItem:
    """ 
        Attributes:
            path (str):
            asset_id (str):
            url (str):
     """

    path: str
    asset_id: str
    url: str





    def to_dict(self) -> dict[str, Any]:
        path = self.path

        asset_id = self.asset_id

        url = self.url


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "path": path,
            "assetId": asset_id,
            "url": url,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        path = d.pop("path")

        asset_id = d.pop("assetId")

        url = d.pop("url")

        job_outputs_item = cls(
            path=path,
            asset_id=asset_id,
            url=url,
        )

        return job_outputs_item

