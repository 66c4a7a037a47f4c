from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="FolderCounts")



@_attrs_define
class FolderCounts:
    """ 
        Attributes:
            path (str):
            files (int):
            folders (int):
            bytes_ (int):
     """

    path: str
    files: int
    folders: int
    bytes_: int





    def to_dict(self) -> dict[str, Any]:
        path = self.path

        files = self.files

        folders = self.folders

        bytes_ = self.bytes_


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "path": path,
            "files": files,
            "folders": folders,
            "bytes": bytes_,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        path = d.pop("path")

        files = d.pop("files")

        folders = d.pop("folders")

        bytes_ = d.pop("bytes")

        folder_counts = cls(
            path=path,
            files=files,
            folders=folders,
            bytes_=bytes_,
        )

        return folder_counts

