from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.allowed_address import AllowedAddress





T = TypeVar("T", bound="AddressList")



@_attrs_define
class AddressList:
    """ 
        Attributes:
            addresses (list[AllowedAddress]):
            limit (int | Unset):
            your_address (str | Unset):
     """

    addresses: list[AllowedAddress]
    limit: int | Unset = UNSET
    your_address: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.allowed_address import AllowedAddress # noqa: PLC0415
        addresses = []
        for addresses_item_data in self.addresses:
            addresses_item = addresses_item_data.to_dict()
            addresses.append(addresses_item)



        limit = self.limit

        your_address = self.your_address


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "addresses": addresses,
        })
        if limit is not UNSET:
            field_dict["limit"] = limit
        if your_address is not UNSET:
            field_dict["yourAddress"] = your_address

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.allowed_address import AllowedAddress # noqa: PLC0415
        d = dict(src_dict)
        addresses = []
        _addresses = d.pop("addresses")
        for addresses_item_data in (_addresses):
            addresses_item = AllowedAddress.from_dict(addresses_item_data)



            addresses.append(addresses_item)


        limit = d.pop("limit", UNSET)

        your_address = d.pop("yourAddress", UNSET)

        address_list = cls(
            addresses=addresses,
            limit=limit,
            your_address=your_address,
        )


        address_list.additional_properties = d
        return address_list

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
