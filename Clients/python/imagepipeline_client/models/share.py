from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="Share")



@_attrs_define
class Share:
    """ 
        Attributes:
            sources_per_month (int | Unset):
            credits_per_month (int | Unset):
            bytes_per_month (int | Unset):
     """

    sources_per_month: int | Unset = UNSET
    credits_per_month: int | Unset = UNSET
    bytes_per_month: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        sources_per_month = self.sources_per_month

        credits_per_month = self.credits_per_month

        bytes_per_month = self.bytes_per_month


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if sources_per_month is not UNSET:
            field_dict["sourcesPerMonth"] = sources_per_month
        if credits_per_month is not UNSET:
            field_dict["creditsPerMonth"] = credits_per_month
        if bytes_per_month is not UNSET:
            field_dict["bytesPerMonth"] = bytes_per_month

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        sources_per_month = d.pop("sourcesPerMonth", UNSET)

        credits_per_month = d.pop("creditsPerMonth", UNSET)

        bytes_per_month = d.pop("bytesPerMonth", UNSET)

        share = cls(
            sources_per_month=sources_per_month,
            credits_per_month=credits_per_month,
            bytes_per_month=bytes_per_month,
        )


        share.additional_properties = d
        return share

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
