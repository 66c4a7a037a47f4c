from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.processed_set_failures_item import ProcessedSetFailuresItem
  from ..models.processed_set_outputs_item import ProcessedSetOutputsItem





T = TypeVar("T", bound="ProcessedSet")



@_attrs_define
class ProcessedSet:
    """ 
        Attributes:
            size_before (int):
            outputs (list[ProcessedSetOutputsItem]):
            failures (list[ProcessedSetFailuresItem] | Unset):
            origin_url (str | Unset):
            expires_at (datetime.datetime | Unset):
     """

    size_before: int
    outputs: list[ProcessedSetOutputsItem]
    failures: list[ProcessedSetFailuresItem] | Unset = UNSET
    origin_url: str | Unset = UNSET
    expires_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.processed_set_failures_item import ProcessedSetFailuresItem # noqa: PLC0415
        from ..models.processed_set_outputs_item import ProcessedSetOutputsItem # noqa: PLC0415
        size_before = self.size_before

        outputs = []
        for outputs_item_data in self.outputs:
            outputs_item = outputs_item_data.to_dict()
            outputs.append(outputs_item)



        failures: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.failures, Unset):
            failures = []
            for failures_item_data in self.failures:
                failures_item = failures_item_data.to_dict()
                failures.append(failures_item)



        origin_url = self.origin_url

        expires_at: str | Unset = UNSET
        if not isinstance(self.expires_at, Unset):
            expires_at = self.expires_at.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "sizeBefore": size_before,
            "outputs": outputs,
        })
        if failures is not UNSET:
            field_dict["failures"] = failures
        if origin_url is not UNSET:
            field_dict["originUrl"] = origin_url
        if expires_at is not UNSET:
            field_dict["expiresAt"] = expires_at

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.processed_set_failures_item import ProcessedSetFailuresItem # noqa: PLC0415
        from ..models.processed_set_outputs_item import ProcessedSetOutputsItem # noqa: PLC0415
        d = dict(src_dict)
        size_before = d.pop("sizeBefore")

        outputs = []
        _outputs = d.pop("outputs")
        for outputs_item_data in (_outputs):
            outputs_item = ProcessedSetOutputsItem.from_dict(outputs_item_data)



            outputs.append(outputs_item)


        _failures = d.pop("failures", UNSET)
        failures: list[ProcessedSetFailuresItem] | Unset = UNSET
        if _failures is not UNSET:
            failures = []
            for failures_item_data in _failures:
                failures_item = ProcessedSetFailuresItem.from_dict(failures_item_data)



                failures.append(failures_item)


        origin_url = d.pop("originUrl", UNSET)

        _expires_at = d.pop("expiresAt", UNSET)
        expires_at: datetime.datetime | Unset
        if isinstance(_expires_at,  Unset):
            expires_at = UNSET
        else:
            expires_at = datetime.datetime.fromisoformat(_expires_at)




        processed_set = cls(
            size_before=size_before,
            outputs=outputs,
            failures=failures,
            origin_url=origin_url,
            expires_at=expires_at,
        )


        processed_set.additional_properties = d
        return processed_set

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
