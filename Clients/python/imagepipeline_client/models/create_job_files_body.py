from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field
import json
from .. import types

from ..types import UNSET, Unset

from ..models.create_job_files_body_store import CreateJobFilesBodyStore
from ..types import File, FileTypes
from ..types import UNSET, Unset
from io import BytesIO
from typing import cast






T = TypeVar("T", bound="CreateJobFilesBody")



@_attrs_define
class CreateJobFilesBody:
    """ configId or configuration

        Attributes:
            sources (list[File]):
            config_id (str | Unset):
            postback_url (str | Unset):
            storage_duration (str | Unset): 1h to 2160h, 7d, or permanent where the plan allows it
            store (CreateJobFilesBodyStore | Unset):
            result_folder (str | Unset):
            configuration (str | Unset): a one-off configuration document (JSON) instead of configId: validated as saving
                would, recorded with the job, saved nowhere else
     """

    sources: list[File]
    config_id: str | Unset = UNSET
    postback_url: str | Unset = UNSET
    storage_duration: str | Unset = UNSET
    store: CreateJobFilesBodyStore | Unset = UNSET
    result_folder: str | Unset = UNSET
    configuration: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        sources = []
        for sources_item_data in self.sources:
            sources_item = sources_item_data.to_tuple()

            sources.append(sources_item)



        config_id = self.config_id

        postback_url = self.postback_url

        storage_duration = self.storage_duration

        store: str | Unset = UNSET
        if not isinstance(self.store, Unset):
            store = self.store.value


        result_folder = self.result_folder

        configuration = self.configuration


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "sources": sources,
        })
        if config_id is not UNSET:
            field_dict["configId"] = config_id
        if postback_url is not UNSET:
            field_dict["postbackUrl"] = postback_url
        if storage_duration is not UNSET:
            field_dict["storageDuration"] = storage_duration
        if store is not UNSET:
            field_dict["store"] = store
        if result_folder is not UNSET:
            field_dict["resultFolder"] = result_folder
        if configuration is not UNSET:
            field_dict["configuration"] = configuration

        return field_dict


    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        for sources_item_element in self.sources:
            files.append(("sources", sources_item_element.to_tuple()))




        if not isinstance(self.config_id, Unset):
            files.append(("configId", (None, str(self.config_id).encode(), "text/plain")))



        if not isinstance(self.postback_url, Unset):
            files.append(("postbackUrl", (None, str(self.postback_url).encode(), "text/plain")))



        if not isinstance(self.storage_duration, Unset):
            files.append(("storageDuration", (None, str(self.storage_duration).encode(), "text/plain")))



        if not isinstance(self.store, Unset):
            files.append(("store",  (None, str(self.store.value).encode(), "text/plain")))



        if not isinstance(self.result_folder, Unset):
            files.append(("resultFolder", (None, str(self.result_folder).encode(), "text/plain")))



        if not isinstance(self.configuration, Unset):
            files.append(("configuration", (None, str(self.configuration).encode(), "text/plain")))




        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))



        return files


    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        sources = []
        _sources = d.pop("sources")
        for sources_item_data in (_sources):
            sources_item = File(
                 payload = BytesIO(sources_item_data)
            )



            sources.append(sources_item)


        config_id = d.pop("configId", UNSET)

        postback_url = d.pop("postbackUrl", UNSET)

        storage_duration = d.pop("storageDuration", UNSET)

        _store = d.pop("store", UNSET)
        store: CreateJobFilesBodyStore | Unset
        if isinstance(_store,  Unset):
            store = UNSET
        else:
            store = CreateJobFilesBodyStore(_store)




        result_folder = d.pop("resultFolder", UNSET)

        configuration = d.pop("configuration", UNSET)

        create_job_files_body = cls(
            sources=sources,
            config_id=config_id,
            postback_url=postback_url,
            storage_duration=storage_duration,
            store=store,
            result_folder=result_folder,
            configuration=configuration,
        )


        create_job_files_body.additional_properties = d
        return create_job_files_body

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
