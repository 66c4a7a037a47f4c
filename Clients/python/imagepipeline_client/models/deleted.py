from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="Deleted")



@_attrs_define
class Deleted:
    """ 
        Attributes:
            assets (int):
            folders (int | Unset):
     """

    assets: int
    folders: int | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        assets = self.assets

        folders = self.folders


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "assets": assets,
        })
        if folders is not UNSET:
            field_dict["folders"] = folders

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        assets = d.pop("assets")

        folders = d.pop("folders", UNSET)

        deleted = cls(
            assets=assets,
            folders=folders,
        )

        return deleted

