from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="AccountPlan")



@_attrs_define
class AccountPlan:
    """ a missing limit is no limit

        Attributes:
            name (str):
            permanent_storage (bool):
            requests_per_minute (int | Unset):
            sources_per_day (int | Unset):
            bytes_per_upload (int | Unset):
            saved_configurations (int | Unset):
            outputs_per_source (int | Unset):
            features (list[str] | Unset):
            formats (list[str] | Unset):
            credits_per_month (int | Unset):
            retention_hours (float | Unset):
            allowed_i_ps (int | Unset):
            storage_hours (float | Unset):
            renders_per_day (int | Unset):
            storage_bytes (int | Unset):
            max_file_bytes (int | Unset):
     """

    name: str
    permanent_storage: bool
    requests_per_minute: int | Unset = UNSET
    sources_per_day: int | Unset = UNSET
    bytes_per_upload: int | Unset = UNSET
    saved_configurations: int | Unset = UNSET
    outputs_per_source: int | Unset = UNSET
    features: list[str] | Unset = UNSET
    formats: list[str] | Unset = UNSET
    credits_per_month: int | Unset = UNSET
    retention_hours: float | Unset = UNSET
    allowed_i_ps: int | Unset = UNSET
    storage_hours: float | Unset = UNSET
    renders_per_day: int | Unset = UNSET
    storage_bytes: int | Unset = UNSET
    max_file_bytes: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        name = self.name

        permanent_storage = self.permanent_storage

        requests_per_minute = self.requests_per_minute

        sources_per_day = self.sources_per_day

        bytes_per_upload = self.bytes_per_upload

        saved_configurations = self.saved_configurations

        outputs_per_source = self.outputs_per_source

        features: list[str] | Unset = UNSET
        if not isinstance(self.features, Unset):
            features = self.features



        formats: list[str] | Unset = UNSET
        if not isinstance(self.formats, Unset):
            formats = self.formats



        credits_per_month = self.credits_per_month

        retention_hours = self.retention_hours

        allowed_i_ps = self.allowed_i_ps

        storage_hours = self.storage_hours

        renders_per_day = self.renders_per_day

        storage_bytes = self.storage_bytes

        max_file_bytes = self.max_file_bytes


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "name": name,
            "permanentStorage": permanent_storage,
        })
        if requests_per_minute is not UNSET:
            field_dict["requestsPerMinute"] = requests_per_minute
        if sources_per_day is not UNSET:
            field_dict["sourcesPerDay"] = sources_per_day
        if bytes_per_upload is not UNSET:
            field_dict["bytesPerUpload"] = bytes_per_upload
        if saved_configurations is not UNSET:
            field_dict["savedConfigurations"] = saved_configurations
        if outputs_per_source is not UNSET:
            field_dict["outputsPerSource"] = outputs_per_source
        if features is not UNSET:
            field_dict["features"] = features
        if formats is not UNSET:
            field_dict["formats"] = formats
        if credits_per_month is not UNSET:
            field_dict["creditsPerMonth"] = credits_per_month
        if retention_hours is not UNSET:
            field_dict["retentionHours"] = retention_hours
        if allowed_i_ps is not UNSET:
            field_dict["allowedIPs"] = allowed_i_ps
        if storage_hours is not UNSET:
            field_dict["storageHours"] = storage_hours
        if renders_per_day is not UNSET:
            field_dict["rendersPerDay"] = renders_per_day
        if storage_bytes is not UNSET:
            field_dict["storageBytes"] = storage_bytes
        if max_file_bytes is not UNSET:
            field_dict["maxFileBytes"] = max_file_bytes

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        permanent_storage = d.pop("permanentStorage")

        requests_per_minute = d.pop("requestsPerMinute", UNSET)

        sources_per_day = d.pop("sourcesPerDay", UNSET)

        bytes_per_upload = d.pop("bytesPerUpload", UNSET)

        saved_configurations = d.pop("savedConfigurations", UNSET)

        outputs_per_source = d.pop("outputsPerSource", UNSET)

        features = cast(list[str], d.pop("features", UNSET))


        formats = cast(list[str], d.pop("formats", UNSET))


        credits_per_month = d.pop("creditsPerMonth", UNSET)

        retention_hours = d.pop("retentionHours", UNSET)

        allowed_i_ps = d.pop("allowedIPs", UNSET)

        storage_hours = d.pop("storageHours", UNSET)

        renders_per_day = d.pop("rendersPerDay", UNSET)

        storage_bytes = d.pop("storageBytes", UNSET)

        max_file_bytes = d.pop("maxFileBytes", UNSET)

        account_plan = cls(
            name=name,
            permanent_storage=permanent_storage,
            requests_per_minute=requests_per_minute,
            sources_per_day=sources_per_day,
            bytes_per_upload=bytes_per_upload,
            saved_configurations=saved_configurations,
            outputs_per_source=outputs_per_source,
            features=features,
            formats=formats,
            credits_per_month=credits_per_month,
            retention_hours=retention_hours,
            allowed_i_ps=allowed_i_ps,
            storage_hours=storage_hours,
            renders_per_day=renders_per_day,
            storage_bytes=storage_bytes,
            max_file_bytes=max_file_bytes,
        )


        account_plan.additional_properties = d
        return account_plan

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
