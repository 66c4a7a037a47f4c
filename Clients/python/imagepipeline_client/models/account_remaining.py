from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="AccountRemaining")



@_attrs_define
class AccountRemaining:
    """ 
        Attributes:
            sources_today (int | Unset):
            credits_this_month (int | Unset):
     """

    sources_today: int | Unset = UNSET
    credits_this_month: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        sources_today = self.sources_today

        credits_this_month = self.credits_this_month


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if sources_today is not UNSET:
            field_dict["sourcesToday"] = sources_today
        if credits_this_month is not UNSET:
            field_dict["creditsThisMonth"] = credits_this_month

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        sources_today = d.pop("sourcesToday", UNSET)

        credits_this_month = d.pop("creditsThisMonth", UNSET)

        account_remaining = cls(
            sources_today=sources_today,
            credits_this_month=credits_this_month,
        )


        account_remaining.additional_properties = d
        return account_remaining

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
