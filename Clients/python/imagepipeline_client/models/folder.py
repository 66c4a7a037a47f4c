from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="Folder")



@_attrs_define
class Folder:
    """ 
        Attributes:
            path (str):
            name (str):
     """

    path: str
    name: str





    def to_dict(self) -> dict[str, Any]:
        path = self.path

        name = self.name


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "path": path,
            "name": name,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        path = d.pop("path")

        name = d.pop("name")

        folder = cls(
            path=path,
            name=name,
        )

        return folder

