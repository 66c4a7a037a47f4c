from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="MoveAssetBody")



@_attrs_define
class MoveAssetBody:
    """ 
        Attributes:
            folder (str | Unset):
            name (str | Unset):
     """

    folder: str | Unset = UNSET
    name: str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        folder = self.folder

        name = self.name


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if folder is not UNSET:
            field_dict["folder"] = folder
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        folder = d.pop("folder", UNSET)

        name = d.pop("name", UNSET)

        move_asset_body = cls(
            folder=folder,
            name=name,
        )

        return move_asset_body

