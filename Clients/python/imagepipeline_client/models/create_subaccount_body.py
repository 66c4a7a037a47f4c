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





T = TypeVar("T", bound="CreateSubaccountBody")



@_attrs_define
class CreateSubaccountBody:
    """ 
        Attributes:
            name (str):
            share (Share | Unset):
     """

    name: str
    share: Share | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.share import Share # noqa: PLC0415
        name = self.name

        share: dict[str, Any] | Unset = UNSET
        if not isinstance(self.share, Unset):
            share = self.share.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "name": name,
        })
        if share is not UNSET:
            field_dict["share"] = share

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.share import Share # noqa: PLC0415
        d = dict(src_dict)
        name = d.pop("name")

        _share = d.pop("share", UNSET)
        share: Share | Unset
        if isinstance(_share,  Unset):
            share = UNSET
        else:
            share = Share.from_dict(_share)




        create_subaccount_body = cls(
            name=name,
            share=share,
        )


        create_subaccount_body.additional_properties = d
        return create_subaccount_body

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
