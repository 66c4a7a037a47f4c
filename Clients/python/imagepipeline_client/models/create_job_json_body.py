from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.create_job_json_body_configuration_type_0 import CreateJobJsonBodyConfigurationType0





T = TypeVar("T", bound="CreateJobJsonBody")



@_attrs_define
class CreateJobJsonBody:
    """ configId or configuration; sourceUrls, assetIds or folder: one kind of source per job

        Attributes:
            config_id (str | Unset):
            source_urls (list[str] | Unset):
            postback_url (str | Unset):
            storage_duration (str | Unset): 1h to 2160h, 7d, or permanent where the plan allows it
            asset_ids (list[str] | Unset): library files to run the configuration on
            folder (str | Unset): a library folder whose files to run the configuration on
            recursive (bool | Unset):
            store (bool | Unset): keep every output as an asset
            result_folder (str | Unset):
            configuration (CreateJobJsonBodyConfigurationType0 | str | Unset): a one-off configuration document instead of
                configId
     """

    config_id: str | Unset = UNSET
    source_urls: list[str] | Unset = UNSET
    postback_url: str | Unset = UNSET
    storage_duration: str | Unset = UNSET
    asset_ids: list[str] | Unset = UNSET
    folder: str | Unset = UNSET
    recursive: bool | Unset = UNSET
    store: bool | Unset = UNSET
    result_folder: str | Unset = UNSET
    configuration: CreateJobJsonBodyConfigurationType0 | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.create_job_json_body_configuration_type_0 import CreateJobJsonBodyConfigurationType0 # noqa: PLC0415
        config_id = self.config_id

        source_urls: list[str] | Unset = UNSET
        if not isinstance(self.source_urls, Unset):
            source_urls = self.source_urls



        postback_url = self.postback_url

        storage_duration = self.storage_duration

        asset_ids: list[str] | Unset = UNSET
        if not isinstance(self.asset_ids, Unset):
            asset_ids = self.asset_ids



        folder = self.folder

        recursive = self.recursive

        store = self.store

        result_folder = self.result_folder

        configuration: dict[str, Any] | str | Unset
        if isinstance(self.configuration, Unset):
            configuration = UNSET
        elif isinstance(self.configuration, CreateJobJsonBodyConfigurationType0):
            configuration = self.configuration.to_dict()
        else:
            configuration = self.configuration


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if config_id is not UNSET:
            field_dict["configId"] = config_id
        if source_urls is not UNSET:
            field_dict["sourceUrls"] = source_urls
        if postback_url is not UNSET:
            field_dict["postbackUrl"] = postback_url
        if storage_duration is not UNSET:
            field_dict["storageDuration"] = storage_duration
        if asset_ids is not UNSET:
            field_dict["assetIds"] = asset_ids
        if folder is not UNSET:
            field_dict["folder"] = folder
        if recursive is not UNSET:
            field_dict["recursive"] = recursive
        if store is not UNSET:
            field_dict["store"] = store
        if result_folder is not UNSET:
            field_dict["resultFolder"] = result_folder
        if configuration is not UNSET:
            field_dict["configuration"] = configuration

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.create_job_json_body_configuration_type_0 import CreateJobJsonBodyConfigurationType0 # noqa: PLC0415
        d = dict(src_dict)
        config_id = d.pop("configId", UNSET)

        source_urls = cast(list[str], d.pop("sourceUrls", UNSET))


        postback_url = d.pop("postbackUrl", UNSET)

        storage_duration = d.pop("storageDuration", UNSET)

        asset_ids = cast(list[str], d.pop("assetIds", UNSET))


        folder = d.pop("folder", UNSET)

        recursive = d.pop("recursive", UNSET)

        store = d.pop("store", UNSET)

        result_folder = d.pop("resultFolder", UNSET)

        def _parse_configuration(data: object) -> CreateJobJsonBodyConfigurationType0 | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                configuration_type_0 = CreateJobJsonBodyConfigurationType0.from_dict(data)



                return configuration_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CreateJobJsonBodyConfigurationType0 | str | Unset, data)

        configuration = _parse_configuration(d.pop("configuration", UNSET))


        create_job_json_body = cls(
            config_id=config_id,
            source_urls=source_urls,
            postback_url=postback_url,
            storage_duration=storage_duration,
            asset_ids=asset_ids,
            folder=folder,
            recursive=recursive,
            store=store,
            result_folder=result_folder,
            configuration=configuration,
        )


        create_job_json_body.additional_properties = d
        return create_job_json_body

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
