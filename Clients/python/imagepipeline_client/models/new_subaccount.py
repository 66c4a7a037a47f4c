from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.subaccount import Subaccount





T = TypeVar("T", bound="NewSubaccount")



@_attrs_define
class NewSubaccount:
    """ 
        Attributes:
            subaccount (Subaccount):
            api_key (str):
            webhook_secret (str):
     """

    subaccount: Subaccount
    api_key: str
    webhook_secret: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.subaccount import Subaccount # noqa: PLC0415
        subaccount = self.subaccount.to_dict()

        api_key = self.api_key

        webhook_secret = self.webhook_secret


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "subaccount": subaccount,
            "apiKey": api_key,
            "webhookSecret": webhook_secret,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.subaccount import Subaccount # noqa: PLC0415
        d = dict(src_dict)
        subaccount = Subaccount.from_dict(d.pop("subaccount"))




        api_key = d.pop("apiKey")

        webhook_secret = d.pop("webhookSecret")

        new_subaccount = cls(
            subaccount=subaccount,
            api_key=api_key,
            webhook_secret=webhook_secret,
        )


        new_subaccount.additional_properties = d
        return new_subaccount

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
