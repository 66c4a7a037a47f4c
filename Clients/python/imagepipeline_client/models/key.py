from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="Key")



@_attrs_define
class Key:
    """ 
        Attributes:
            key_id (str):
            account_id (str):
            prefix (str):
            created_at (str):
            revoked_at (str | Unset):
     """

    key_id: str
    account_id: str
    prefix: str
    created_at: str
    revoked_at: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        key_id = self.key_id

        account_id = self.account_id

        prefix = self.prefix

        created_at = self.created_at

        revoked_at = self.revoked_at


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "keyId": key_id,
            "accountId": account_id,
            "prefix": prefix,
            "createdAt": created_at,
        })
        if revoked_at is not UNSET:
            field_dict["revokedAt"] = revoked_at

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        key_id = d.pop("keyId")

        account_id = d.pop("accountId")

        prefix = d.pop("prefix")

        created_at = d.pop("createdAt")

        revoked_at = d.pop("revokedAt", UNSET)

        key = cls(
            key_id=key_id,
            account_id=account_id,
            prefix=prefix,
            created_at=created_at,
            revoked_at=revoked_at,
        )


        key.additional_properties = d
        return key

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
