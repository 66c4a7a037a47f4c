from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.usage_granularity import UsageGranularity
from typing import cast

if TYPE_CHECKING:
  from ..models.usage_day import UsageDay
  from ..models.usage_subaccounts_item import UsageSubaccountsItem





T = TypeVar("T", bound="Usage")



@_attrs_define
class Usage:
    """ 
        Attributes:
            account_id (str):
            from_ (str):
            to (str):
            granularity (UsageGranularity):
            series (list[UsageDay]):
            total (UsageDay):
            subaccounts (list[UsageSubaccountsItem]):
     """

    account_id: str
    from_: str
    to: str
    granularity: UsageGranularity
    series: list[UsageDay]
    total: UsageDay
    subaccounts: list[UsageSubaccountsItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.usage_day import UsageDay # noqa: PLC0415
        from ..models.usage_subaccounts_item import UsageSubaccountsItem # noqa: PLC0415
        account_id = self.account_id

        from_ = self.from_

        to = self.to

        granularity = self.granularity.value

        series = []
        for series_item_data in self.series:
            series_item = series_item_data.to_dict()
            series.append(series_item)



        total = self.total.to_dict()

        subaccounts = []
        for subaccounts_item_data in self.subaccounts:
            subaccounts_item = subaccounts_item_data.to_dict()
            subaccounts.append(subaccounts_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "accountId": account_id,
            "from": from_,
            "to": to,
            "granularity": granularity,
            "series": series,
            "total": total,
            "subaccounts": subaccounts,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.usage_day import UsageDay # noqa: PLC0415
        from ..models.usage_subaccounts_item import UsageSubaccountsItem # noqa: PLC0415
        d = dict(src_dict)
        account_id = d.pop("accountId")

        from_ = d.pop("from")

        to = d.pop("to")

        granularity = UsageGranularity(d.pop("granularity"))




        series = []
        _series = d.pop("series")
        for series_item_data in (_series):
            series_item = UsageDay.from_dict(series_item_data)



            series.append(series_item)


        total = UsageDay.from_dict(d.pop("total"))




        subaccounts = []
        _subaccounts = d.pop("subaccounts")
        for subaccounts_item_data in (_subaccounts):
            subaccounts_item = UsageSubaccountsItem.from_dict(subaccounts_item_data)



            subaccounts.append(subaccounts_item)


        usage = cls(
            account_id=account_id,
            from_=from_,
            to=to,
            granularity=granularity,
            series=series,
            total=total,
            subaccounts=subaccounts,
        )


        usage.additional_properties = d
        return usage

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
