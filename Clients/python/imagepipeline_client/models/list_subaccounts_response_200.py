from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.subaccount import Subaccount





T = TypeVar("T", bound="ListSubaccountsResponse200")



@_attrs_define
class ListSubaccountsResponse200:
    """ 
        Attributes:
            subaccounts (list[Subaccount]):
     """

    subaccounts: list[Subaccount]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.subaccount import Subaccount # noqa: PLC0415
        subaccounts = []
        for subaccounts_item_data in self.subaccounts:
            subaccounts_item = subaccounts_item_data.to_dict()
            subaccounts.append(subaccounts_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "subaccounts": subaccounts,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.subaccount import Subaccount # noqa: PLC0415
        d = dict(src_dict)
        subaccounts = []
        _subaccounts = d.pop("subaccounts")
        for subaccounts_item_data in (_subaccounts):
            subaccounts_item = Subaccount.from_dict(subaccounts_item_data)



            subaccounts.append(subaccounts_item)


        list_subaccounts_response_200 = cls(
            subaccounts=subaccounts,
        )


        list_subaccounts_response_200.additional_properties = d
        return list_subaccounts_response_200

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
