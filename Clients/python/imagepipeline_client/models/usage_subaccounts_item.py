from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.usage_day import UsageDay





T = TypeVar("T", bound="UsageSubaccountsItem")



@_attrs_define
class UsageSubaccountsItem:
    """ 
        Attributes:
            account_id (str):
            name (str):
            series (list[UsageDay]):
            total (UsageDay):
     """

    account_id: str
    name: str
    series: list[UsageDay]
    total: UsageDay
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.usage_day import UsageDay # noqa: PLC0415
        account_id = self.account_id

        name = self.name

        series = []
        for series_item_data in self.series:
            series_item = series_item_data.to_dict()
            series.append(series_item)



        total = self.total.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "accountId": account_id,
            "name": name,
            "series": series,
            "total": total,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.usage_day import UsageDay # noqa: PLC0415
        d = dict(src_dict)
        account_id = d.pop("accountId")

        name = d.pop("name")

        series = []
        _series = d.pop("series")
        for series_item_data in (_series):
            series_item = UsageDay.from_dict(series_item_data)



            series.append(series_item)


        total = UsageDay.from_dict(d.pop("total"))




        usage_subaccounts_item = cls(
            account_id=account_id,
            name=name,
            series=series,
            total=total,
        )


        usage_subaccounts_item.additional_properties = d
        return usage_subaccounts_item

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
