from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="Quota")



@_attrs_define
class Quota:
    """ ImageRecycle's quota fields: the UTC month, the bytes taken in it, the bytes allowed (a sub-account's share; absent:
    no byte limit), the largest file the plan takes

        Attributes:
            quota_start (datetime.datetime):
            quota_end (datetime.datetime):
            quota_used_bytes (int):
            quota_allowed_bytes (int | Unset):
            max_file_bytes (int | Unset):
     """

    quota_start: datetime.datetime
    quota_end: datetime.datetime
    quota_used_bytes: int
    quota_allowed_bytes: int | Unset = UNSET
    max_file_bytes: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        quota_start = self.quota_start.isoformat()

        quota_end = self.quota_end.isoformat()

        quota_used_bytes = self.quota_used_bytes

        quota_allowed_bytes = self.quota_allowed_bytes

        max_file_bytes = self.max_file_bytes


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "quotaStart": quota_start,
            "quotaEnd": quota_end,
            "quotaUsedBytes": quota_used_bytes,
        })
        if quota_allowed_bytes is not UNSET:
            field_dict["quotaAllowedBytes"] = quota_allowed_bytes
        if max_file_bytes is not UNSET:
            field_dict["maxFileBytes"] = max_file_bytes

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        quota_start = datetime.datetime.fromisoformat(d.pop("quotaStart"))




        quota_end = datetime.datetime.fromisoformat(d.pop("quotaEnd"))




        quota_used_bytes = d.pop("quotaUsedBytes")

        quota_allowed_bytes = d.pop("quotaAllowedBytes", UNSET)

        max_file_bytes = d.pop("maxFileBytes", UNSET)

        quota = cls(
            quota_start=quota_start,
            quota_end=quota_end,
            quota_used_bytes=quota_used_bytes,
            quota_allowed_bytes=quota_allowed_bytes,
            max_file_bytes=max_file_bytes,
        )


        quota.additional_properties = d
        return quota

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
