from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.share import Share





T = TypeVar("T", bound="UpdateSubaccountBody")



@_attrs_define
class UpdateSubaccountBody:
    """ 
        Attributes:
            name (str | Unset):
            description (str | Unset):
            share (Share | Unset):
     """

    name: str | Unset = UNSET
    description: str | Unset = UNSET
    share: Share | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.share import Share # noqa: PLC0415
        name = self.name

        description = self.description

        share: dict[str, Any] | Unset = UNSET
        if not isinstance(self.share, Unset):
            share = self.share.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
        })
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if share is not UNSET:
            field_dict["share"] = share

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.share import Share # noqa: PLC0415
        d = dict(src_dict)
        name = d.pop("name", UNSET)

        description = d.pop("description", UNSET)

        _share = d.pop("share", UNSET)
        share: Share | Unset
        if isinstance(_share,  Unset):
            share = UNSET
        else:
            share = Share.from_dict(_share)




        update_subaccount_body = cls(
            name=name,
            description=description,
            share=share,
        )

        return update_subaccount_body

