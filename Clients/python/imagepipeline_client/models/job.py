from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.job_status import JobStatus
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.delivery import Delivery
  from ..models.job_outputs_item import JobOutputsItem
  from ..models.job_source import JobSource





T = TypeVar("T", bound="Job")



@_attrs_define
class Job:
    """ 
        Attributes:
            job_id (str):
            config_id (str):
            config_version (int):
            status (JobStatus):
            created_at (datetime.datetime):
            sources (list[JobSource]):
            delivery (Delivery):
            archive_expired (bool):
            started_at (datetime.datetime | Unset):
            finished_at (datetime.datetime | Unset):
            archive_url (str | Unset):
            result_folder (str | Unset):
            outputs (list[JobOutputsItem] | Unset):
            deleted_at (datetime.datetime | Unset):
     """

    job_id: str
    config_id: str
    config_version: int
    status: JobStatus
    created_at: datetime.datetime
    sources: list[JobSource]
    delivery: Delivery
    archive_expired: bool
    started_at: datetime.datetime | Unset = UNSET
    finished_at: datetime.datetime | Unset = UNSET
    archive_url: str | Unset = UNSET
    result_folder: str | Unset = UNSET
    outputs: list[JobOutputsItem] | Unset = UNSET
    deleted_at: datetime.datetime | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.delivery import Delivery # noqa: PLC0415
        from ..models.job_outputs_item import JobOutputsItem # noqa: PLC0415
        from ..models.job_source import JobSource # noqa: PLC0415
        job_id = self.job_id

        config_id = self.config_id

        config_version = self.config_version

        status = self.status.value

        created_at = self.created_at.isoformat()

        sources = []
        for sources_item_data in self.sources:
            sources_item = sources_item_data.to_dict()
            sources.append(sources_item)



        delivery = self.delivery.to_dict()

        archive_expired = self.archive_expired

        started_at: str | Unset = UNSET
        if not isinstance(self.started_at, Unset):
            started_at = self.started_at.isoformat()

        finished_at: str | Unset = UNSET
        if not isinstance(self.finished_at, Unset):
            finished_at = self.finished_at.isoformat()

        archive_url = self.archive_url

        result_folder = self.result_folder

        outputs: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.outputs, Unset):
            outputs = []
            for outputs_item_data in self.outputs:
                outputs_item = outputs_item_data.to_dict()
                outputs.append(outputs_item)



        deleted_at: str | Unset = UNSET
        if not isinstance(self.deleted_at, Unset):
            deleted_at = self.deleted_at.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "jobId": job_id,
            "configId": config_id,
            "configVersion": config_version,
            "status": status,
            "createdAt": created_at,
            "sources": sources,
            "delivery": delivery,
            "archiveExpired": archive_expired,
        })
        if started_at is not UNSET:
            field_dict["startedAt"] = started_at
        if finished_at is not UNSET:
            field_dict["finishedAt"] = finished_at
        if archive_url is not UNSET:
            field_dict["archiveUrl"] = archive_url
        if result_folder is not UNSET:
            field_dict["resultFolder"] = result_folder
        if outputs is not UNSET:
            field_dict["outputs"] = outputs
        if deleted_at is not UNSET:
            field_dict["deletedAt"] = deleted_at

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.delivery import Delivery # noqa: PLC0415
        from ..models.job_outputs_item import JobOutputsItem # noqa: PLC0415
        from ..models.job_source import JobSource # noqa: PLC0415
        d = dict(src_dict)
        job_id = d.pop("jobId")

        config_id = d.pop("configId")

        config_version = d.pop("configVersion")

        status = JobStatus(d.pop("status"))




        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))




        sources = []
        _sources = d.pop("sources")
        for sources_item_data in (_sources):
            sources_item = JobSource.from_dict(sources_item_data)



            sources.append(sources_item)


        delivery = Delivery.from_dict(d.pop("delivery"))




        archive_expired = d.pop("archiveExpired")

        _started_at = d.pop("startedAt", UNSET)
        started_at: datetime.datetime | Unset
        if isinstance(_started_at,  Unset):
            started_at = UNSET
        else:
            started_at = datetime.datetime.fromisoformat(_started_at)




        _finished_at = d.pop("finishedAt", UNSET)
        finished_at: datetime.datetime | Unset
        if isinstance(_finished_at,  Unset):
            finished_at = UNSET
        else:
            finished_at = datetime.datetime.fromisoformat(_finished_at)




        archive_url = d.pop("archiveUrl", UNSET)

        result_folder = d.pop("resultFolder", UNSET)

        _outputs = d.pop("outputs", UNSET)
        outputs: list[JobOutputsItem] | Unset = UNSET
        if _outputs is not UNSET:
            outputs = []
            for outputs_item_data in _outputs:
                outputs_item = JobOutputsItem.from_dict(outputs_item_data)



                outputs.append(outputs_item)


        _deleted_at = d.pop("deletedAt", UNSET)
        deleted_at: datetime.datetime | Unset
        if isinstance(_deleted_at,  Unset):
            deleted_at = UNSET
        else:
            deleted_at = datetime.datetime.fromisoformat(_deleted_at)




        job = cls(
            job_id=job_id,
            config_id=config_id,
            config_version=config_version,
            status=status,
            created_at=created_at,
            sources=sources,
            delivery=delivery,
            archive_expired=archive_expired,
            started_at=started_at,
            finished_at=finished_at,
            archive_url=archive_url,
            result_folder=result_folder,
            outputs=outputs,
            deleted_at=deleted_at,
        )


        job.additional_properties = d
        return job

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
