from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="PlanLeaf")



@_attrs_define
class PlanLeaf:
    """ 
        Attributes:
            path (str):
            format_ (str):
            width (int | Unset):
            height (int | Unset):
            alias_of (str | Unset):
     """

    path: str
    format_: str
    width: int | Unset = UNSET
    height: int | Unset = UNSET
    alias_of: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        path = self.path

        format_ = self.format_

        width = self.width

        height = self.height

        alias_of = self.alias_of


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "path": path,
            "format": format_,
        })
        if width is not UNSET:
            field_dict["width"] = width
        if height is not UNSET:
            field_dict["height"] = height
        if alias_of is not UNSET:
            field_dict["aliasOf"] = alias_of

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        path = d.pop("path")

        format_ = d.pop("format")

        width = d.pop("width", UNSET)

        height = d.pop("height", UNSET)

        alias_of = d.pop("aliasOf", UNSET)

        plan_leaf = cls(
            path=path,
            format_=format_,
            width=width,
            height=height,
            alias_of=alias_of,
        )


        plan_leaf.additional_properties = d
        return plan_leaf

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
