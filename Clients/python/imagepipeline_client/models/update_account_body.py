from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="UpdateAccountBody")



@_attrs_define
class UpdateAccountBody:
    """ 
        Attributes:
            realtime_rendering (bool | Unset):
            unsigned_rendering (bool | Unset):
     """

    realtime_rendering: bool | Unset = UNSET
    unsigned_rendering: bool | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        realtime_rendering = self.realtime_rendering

        unsigned_rendering = self.unsigned_rendering


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if realtime_rendering is not UNSET:
            field_dict["realtimeRendering"] = realtime_rendering
        if unsigned_rendering is not UNSET:
            field_dict["unsignedRendering"] = unsigned_rendering

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        realtime_rendering = d.pop("realtimeRendering", UNSET)

        unsigned_rendering = d.pop("unsignedRendering", UNSET)

        update_account_body = cls(
            realtime_rendering=realtime_rendering,
            unsigned_rendering=unsigned_rendering,
        )

        return update_account_body

