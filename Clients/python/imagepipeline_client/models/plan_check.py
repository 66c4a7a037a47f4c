from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.plan import Plan
  from ..models.validation_issue import ValidationIssue





T = TypeVar("T", bound="PlanCheck")



@_attrs_define
class PlanCheck:
    """ 
        Attributes:
            valid (bool):
            issues (list[ValidationIssue]):
            not_in_plan (list[ValidationIssue]): what the caller's plan does not include (saving would answer 403
                FEATURE_NOT_IN_PLAN)
            plan (Plan | Unset):
            warnings (list[ValidationIssue] | Unset): what was accepted but changed (a quality of 80.5 read as 81)
     """

    valid: bool
    issues: list[ValidationIssue]
    not_in_plan: list[ValidationIssue]
    plan: Plan | Unset = UNSET
    warnings: list[ValidationIssue] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.plan import Plan # noqa: PLC0415
        from ..models.validation_issue import ValidationIssue # noqa: PLC0415
        valid = self.valid

        issues = []
        for issues_item_data in self.issues:
            issues_item = issues_item_data.to_dict()
            issues.append(issues_item)



        not_in_plan = []
        for not_in_plan_item_data in self.not_in_plan:
            not_in_plan_item = not_in_plan_item_data.to_dict()
            not_in_plan.append(not_in_plan_item)



        plan: dict[str, Any] | Unset = UNSET
        if not isinstance(self.plan, Unset):
            plan = self.plan.to_dict()

        warnings: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.warnings, Unset):
            warnings = []
            for warnings_item_data in self.warnings:
                warnings_item = warnings_item_data.to_dict()
                warnings.append(warnings_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "valid": valid,
            "issues": issues,
            "notInPlan": not_in_plan,
        })
        if plan is not UNSET:
            field_dict["plan"] = plan
        if warnings is not UNSET:
            field_dict["warnings"] = warnings

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.plan import Plan # noqa: PLC0415
        from ..models.validation_issue import ValidationIssue # noqa: PLC0415
        d = dict(src_dict)
        valid = d.pop("valid")

        issues = []
        _issues = d.pop("issues")
        for issues_item_data in (_issues):
            issues_item = ValidationIssue.from_dict(issues_item_data)



            issues.append(issues_item)


        not_in_plan = []
        _not_in_plan = d.pop("notInPlan")
        for not_in_plan_item_data in (_not_in_plan):
            not_in_plan_item = ValidationIssue.from_dict(not_in_plan_item_data)



            not_in_plan.append(not_in_plan_item)


        _plan = d.pop("plan", UNSET)
        plan: Plan | Unset
        if isinstance(_plan,  Unset):
            plan = UNSET
        else:
            plan = Plan.from_dict(_plan)




        _warnings = d.pop("warnings", UNSET)
        warnings: list[ValidationIssue] | Unset = UNSET
        if _warnings is not UNSET:
            warnings = []
            for warnings_item_data in _warnings:
                warnings_item = ValidationIssue.from_dict(warnings_item_data)



                warnings.append(warnings_item)


        plan_check = cls(
            valid=valid,
            issues=issues,
            not_in_plan=not_in_plan,
            plan=plan,
            warnings=warnings,
        )


        plan_check.additional_properties = d
        return plan_check

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
