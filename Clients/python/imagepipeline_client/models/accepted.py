from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import Literal, cast






T = TypeVar("T", bound="Accepted")



@_attrs_define
class Accepted:
    """ 
        Attributes:
            job_id (str):
            status (Literal['queued']):
            status_url (str):
            sources (int):
            credits_per_source (int):
            credits_ (int): credits per source x sources
            storage_duration (str):
     """

    job_id: str
    status: Literal['queued']
    status_url: str
    sources: int
    credits_per_source: int
    credits_: int
    storage_duration: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        job_id = self.job_id

        status = self.status

        status_url = self.status_url

        sources = self.sources

        credits_per_source = self.credits_per_source

        credits_ = self.credits_

        storage_duration = self.storage_duration


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "jobId": job_id,
            "status": status,
            "statusUrl": status_url,
            "sources": sources,
            "creditsPerSource": credits_per_source,
            "credits": credits_,
            "storageDuration": storage_duration,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        job_id = d.pop("jobId")

        status = cast(Literal['queued'] , d.pop("status"))
        if status != 'queued':
            raise ValueError(f"status must match const 'queued', got '{status}'")

        status_url = d.pop("statusUrl")

        sources = d.pop("sources")

        credits_per_source = d.pop("creditsPerSource")

        credits_ = d.pop("credits")

        storage_duration = d.pop("storageDuration")

        accepted = cls(
            job_id=job_id,
            status=status,
            status_url=status_url,
            sources=sources,
            credits_per_source=credits_per_source,
            credits_=credits_,
            storage_duration=storage_duration,
        )


        accepted.additional_properties = d
        return accepted

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
