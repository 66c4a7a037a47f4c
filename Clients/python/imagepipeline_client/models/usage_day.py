from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="UsageDay")



@_attrs_define
class UsageDay:
    """ 
        Attributes:
            day (str):
            jobs (int):
            sources (int):
            bytes_in (int):
            credits_ (int):
            sources_succeeded (int):
            sources_failed (int):
            outputs (int):
            bytes_out (int):
            renders (int): on-the-fly renders made (cache misses); their credits are in credits
     """

    day: str
    jobs: int
    sources: int
    bytes_in: int
    credits_: int
    sources_succeeded: int
    sources_failed: int
    outputs: int
    bytes_out: int
    renders: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        day = self.day

        jobs = self.jobs

        sources = self.sources

        bytes_in = self.bytes_in

        credits_ = self.credits_

        sources_succeeded = self.sources_succeeded

        sources_failed = self.sources_failed

        outputs = self.outputs

        bytes_out = self.bytes_out

        renders = self.renders


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "day": day,
            "jobs": jobs,
            "sources": sources,
            "bytesIn": bytes_in,
            "credits": credits_,
            "sourcesSucceeded": sources_succeeded,
            "sourcesFailed": sources_failed,
            "outputs": outputs,
            "bytesOut": bytes_out,
            "renders": renders,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        day = d.pop("day")

        jobs = d.pop("jobs")

        sources = d.pop("sources")

        bytes_in = d.pop("bytesIn")

        credits_ = d.pop("credits")

        sources_succeeded = d.pop("sourcesSucceeded")

        sources_failed = d.pop("sourcesFailed")

        outputs = d.pop("outputs")

        bytes_out = d.pop("bytesOut")

        renders = d.pop("renders")

        usage_day = cls(
            day=day,
            jobs=jobs,
            sources=sources,
            bytes_in=bytes_in,
            credits_=credits_,
            sources_succeeded=sources_succeeded,
            sources_failed=sources_failed,
            outputs=outputs,
            bytes_out=bytes_out,
            renders=renders,
        )


        usage_day.additional_properties = d
        return usage_day

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
