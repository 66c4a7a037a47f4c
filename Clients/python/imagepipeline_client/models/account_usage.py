from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.usage_day import UsageDay





T = TypeVar("T", bound="AccountUsage")



@_attrs_define
class AccountUsage:
    """ 
        Attributes:
            today (UsageDay):
            month (UsageDay):
     """

    today: UsageDay
    month: UsageDay
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.usage_day import UsageDay # noqa: PLC0415
        today = self.today.to_dict()

        month = self.month.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "today": today,
            "month": month,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.usage_day import UsageDay # noqa: PLC0415
        d = dict(src_dict)
        today = UsageDay.from_dict(d.pop("today"))




        month = UsageDay.from_dict(d.pop("month"))




        account_usage = cls(
            today=today,
            month=month,
        )


        account_usage.additional_properties = d
        return account_usage

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
