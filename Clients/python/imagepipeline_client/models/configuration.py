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
  from ..models.configuration_configuration import ConfigurationConfiguration
  from ..models.plan import Plan
  from ..models.validation_issue import ValidationIssue





T = TypeVar("T", bound="Configuration")



@_attrs_define
class Configuration:
    """ 
        Attributes:
            config_id (str):
            version (int):
            created_at (datetime.datetime):
            configuration (ConfigurationConfiguration):
            plan (Plan | Unset):
            warnings (list[ValidationIssue] | Unset): what was accepted but changed (a quality of 80.5 read as 81)
     """

    config_id: str
    version: int
    created_at: datetime.datetime
    configuration: ConfigurationConfiguration
    plan: Plan | Unset = UNSET
    warnings: list[ValidationIssue] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.configuration_configuration import ConfigurationConfiguration # noqa: PLC0415
        from ..models.plan import Plan # noqa: PLC0415
        from ..models.validation_issue import ValidationIssue # noqa: PLC0415
        config_id = self.config_id

        version = self.version

        created_at = self.created_at.isoformat()

        configuration = self.configuration.to_dict()

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
            "configId": config_id,
            "version": version,
            "createdAt": created_at,
            "configuration": configuration,
        })
        if plan is not UNSET:
            field_dict["plan"] = plan
        if warnings is not UNSET:
            field_dict["warnings"] = warnings

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.configuration_configuration import ConfigurationConfiguration # noqa: PLC0415
        from ..models.plan import Plan # noqa: PLC0415
        from ..models.validation_issue import ValidationIssue # noqa: PLC0415
        d = dict(src_dict)
        config_id = d.pop("configId")

        version = d.pop("version")

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))




        configuration = ConfigurationConfiguration.from_dict(d.pop("configuration"))




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


        configuration = cls(
            config_id=config_id,
            version=version,
            created_at=created_at,
            configuration=configuration,
            plan=plan,
            warnings=warnings,
        )


        configuration.additional_properties = d
        return configuration

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
