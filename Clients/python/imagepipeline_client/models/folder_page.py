from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.asset import Asset
  from ..models.folder import Folder





T = TypeVar("T", bound="FolderPage")



@_attrs_define
class FolderPage:
    """ 
        Attributes:
            path (str):
            folders (list[Folder]):
            folders_truncated (bool):
            assets (list[Asset]):
            next_ (str | Unset):
     """

    path: str
    folders: list[Folder]
    folders_truncated: bool
    assets: list[Asset]
    next_: str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.asset import Asset # noqa: PLC0415
        from ..models.folder import Folder # noqa: PLC0415
        path = self.path

        folders = []
        for folders_item_data in self.folders:
            folders_item = folders_item_data.to_dict()
            folders.append(folders_item)



        folders_truncated = self.folders_truncated

        assets = []
        for assets_item_data in self.assets:
            assets_item = assets_item_data.to_dict()
            assets.append(assets_item)



        next_ = self.next_


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "path": path,
            "folders": folders,
            "foldersTruncated": folders_truncated,
            "assets": assets,
        })
        if next_ is not UNSET:
            field_dict["next"] = next_

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.asset import Asset # noqa: PLC0415
        from ..models.folder import Folder # noqa: PLC0415
        d = dict(src_dict)
        path = d.pop("path")

        folders = []
        _folders = d.pop("folders")
        for folders_item_data in (_folders):
            folders_item = Folder.from_dict(folders_item_data)



            folders.append(folders_item)


        folders_truncated = d.pop("foldersTruncated")

        assets = []
        _assets = d.pop("assets")
        for assets_item_data in (_assets):
            assets_item = Asset.from_dict(assets_item_data)



            assets.append(assets_item)


        next_ = d.pop("next", UNSET)

        folder_page = cls(
            path=path,
            folders=folders,
            folders_truncated=folders_truncated,
            assets=assets,
            next_=next_,
        )

        return folder_page

