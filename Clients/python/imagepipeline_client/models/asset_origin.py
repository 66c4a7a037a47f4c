from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.asset_origin_type import AssetOriginType
from ..types import UNSET, Unset






T = TypeVar("T", bound="AssetOrigin")



@_attrs_define
class AssetOrigin:
    """ 
        Attributes:
            type_ (AssetOriginType):
            job_id (str | Unset):
            config_id (str | Unset):
            output_path (str | Unset):
     """

    type_: AssetOriginType
    job_id: str | Unset = UNSET
    config_id: str | Unset = UNSET
    output_path: str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        job_id = self.job_id

        config_id = self.config_id

        output_path = self.output_path


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "type": type_,
        })
        if job_id is not UNSET:
            field_dict["jobId"] = job_id
        if config_id is not UNSET:
            field_dict["configId"] = config_id
        if output_path is not UNSET:
            field_dict["outputPath"] = output_path

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = AssetOriginType(d.pop("type"))




        job_id = d.pop("jobId", UNSET)

        config_id = d.pop("configId", UNSET)

        output_path = d.pop("outputPath", UNSET)

        asset_origin = cls(
            type_=type_,
            job_id=job_id,
            config_id=config_id,
            output_path=output_path,
        )

        return asset_origin

