from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.plan_leaf import PlanLeaf





T = TypeVar("T", bound="Plan")



@_attrs_define
class Plan:
    """ 
        Attributes:
            declared (list[str]):
            planned (list[str]):
            declared_work (int):
            planned_work (int):
            outputs_per_source (int):
            leaves (list[PlanLeaf]):
            credits_per_source (int):
            storage_bytes (int | Unset):
            max_file_bytes (int | Unset):
     """

    declared: list[str]
    planned: list[str]
    declared_work: int
    planned_work: int
    outputs_per_source: int
    leaves: list[PlanLeaf]
    credits_per_source: int
    storage_bytes: int | Unset = UNSET
    max_file_bytes: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.plan_leaf import PlanLeaf # noqa: PLC0415
        declared = self.declared



        planned = self.planned



        declared_work = self.declared_work

        planned_work = self.planned_work

        outputs_per_source = self.outputs_per_source

        leaves = []
        for leaves_item_data in self.leaves:
            leaves_item = leaves_item_data.to_dict()
            leaves.append(leaves_item)



        credits_per_source = self.credits_per_source

        storage_bytes = self.storage_bytes

        max_file_bytes = self.max_file_bytes


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "declared": declared,
            "planned": planned,
            "declaredWork": declared_work,
            "plannedWork": planned_work,
            "outputsPerSource": outputs_per_source,
            "leaves": leaves,
            "creditsPerSource": credits_per_source,
        })
        if storage_bytes is not UNSET:
            field_dict["storageBytes"] = storage_bytes
        if max_file_bytes is not UNSET:
            field_dict["maxFileBytes"] = max_file_bytes

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.plan_leaf import PlanLeaf # noqa: PLC0415
        d = dict(src_dict)
        declared = cast(list[str], d.pop("declared"))


        planned = cast(list[str], d.pop("planned"))


        declared_work = d.pop("declaredWork")

        planned_work = d.pop("plannedWork")

        outputs_per_source = d.pop("outputsPerSource")

        leaves = []
        _leaves = d.pop("leaves")
        for leaves_item_data in (_leaves):
            leaves_item = PlanLeaf.from_dict(leaves_item_data)



            leaves.append(leaves_item)


        credits_per_source = d.pop("creditsPerSource")

        storage_bytes = d.pop("storageBytes", UNSET)

        max_file_bytes = d.pop("maxFileBytes", UNSET)

        plan = cls(
            declared=declared,
            planned=planned,
            declared_work=declared_work,
            planned_work=planned_work,
            outputs_per_source=outputs_per_source,
            leaves=leaves,
            credits_per_source=credits_per_source,
            storage_bytes=storage_bytes,
            max_file_bytes=max_file_bytes,
        )


        plan.additional_properties = d
        return plan

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
