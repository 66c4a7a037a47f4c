from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="AccountStorage")



@_attrs_define
class AccountStorage:
    """ 
        Attributes:
            files (int):
            bytes_ (int):
     """

    files: int
    bytes_: int





    def to_dict(self) -> dict[str, Any]:
        files = self.files

        bytes_ = self.bytes_


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "files": files,
            "bytes": bytes_,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        files = d.pop("files")

        bytes_ = d.pop("bytes")

        account_storage = cls(
            files=files,
            bytes_=bytes_,
        )

        return account_storage

