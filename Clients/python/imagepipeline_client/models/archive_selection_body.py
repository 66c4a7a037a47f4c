from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="ArchiveSelectionBody")



@_attrs_define
class ArchiveSelectionBody:
    """ 
        Attributes:
            asset_ids (list[str] | Unset):
            folder (str | Unset):
            recursive (bool | Unset):
     """

    asset_ids: list[str] | Unset = UNSET
    folder: str | Unset = UNSET
    recursive: bool | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        asset_ids: list[str] | Unset = UNSET
        if not isinstance(self.asset_ids, Unset):
            asset_ids = self.asset_ids



        folder = self.folder

        recursive = self.recursive


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if asset_ids is not UNSET:
            field_dict["assetIds"] = asset_ids
        if folder is not UNSET:
            field_dict["folder"] = folder
        if recursive is not UNSET:
            field_dict["recursive"] = recursive

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        asset_ids = cast(list[str], d.pop("assetIds", UNSET))


        folder = d.pop("folder", UNSET)

        recursive = d.pop("recursive", UNSET)

        archive_selection_body = cls(
            asset_ids=asset_ids,
            folder=folder,
            recursive=recursive,
        )

        return archive_selection_body

