from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.quota import Quota
  from ..models.share import Share





T = TypeVar("T", bound="Subaccount")



@_attrs_define
class Subaccount:
    """ 
        Attributes:
            account_id (str):
            name (str):
            created_at (str):
            share (Share | Unset):
            description (str | Unset):
            quota (Quota | Unset): ImageRecycle's quota fields: the UTC month, the bytes taken in it, the bytes allowed (a
                sub-account's share; absent: no byte limit), the largest file the plan takes
     """

    account_id: str
    name: str
    created_at: str
    share: Share | Unset = UNSET
    description: str | Unset = UNSET
    quota: Quota | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.quota import Quota # noqa: PLC0415
        from ..models.share import Share # noqa: PLC0415
        account_id = self.account_id

        name = self.name

        created_at = self.created_at

        share: dict[str, Any] | Unset = UNSET
        if not isinstance(self.share, Unset):
            share = self.share.to_dict()

        description = self.description

        quota: dict[str, Any] | Unset = UNSET
        if not isinstance(self.quota, Unset):
            quota = self.quota.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "accountId": account_id,
            "name": name,
            "createdAt": created_at,
        })
        if share is not UNSET:
            field_dict["share"] = share
        if description is not UNSET:
            field_dict["description"] = description
        if quota is not UNSET:
            field_dict["quota"] = quota

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.quota import Quota # noqa: PLC0415
        from ..models.share import Share # noqa: PLC0415
        d = dict(src_dict)
        account_id = d.pop("accountId")

        name = d.pop("name")

        created_at = d.pop("createdAt")

        _share = d.pop("share", UNSET)
        share: Share | Unset
        if isinstance(_share,  Unset):
            share = UNSET
        else:
            share = Share.from_dict(_share)




        description = d.pop("description", UNSET)

        _quota = d.pop("quota", UNSET)
        quota: Quota | Unset
        if isinstance(_quota,  Unset):
            quota = UNSET
        else:
            quota = Quota.from_dict(_quota)




        subaccount = cls(
            account_id=account_id,
            name=name,
            created_at=created_at,
            share=share,
            description=description,
            quota=quota,
        )


        subaccount.additional_properties = d
        return subaccount

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
