from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field
import json
from .. import types

from ..types import UNSET, Unset

from ..models.upload_assets_body_on_conflict import UploadAssetsBodyOnConflict
from ..types import File, FileTypes
from ..types import UNSET, Unset
from io import BytesIO
from typing import cast






T = TypeVar("T", bound="UploadAssetsBody")



@_attrs_define
class UploadAssetsBody:
    """ 
        Attributes:
            files (list[File]):
            folder (str | Unset):
            storage_duration (str | Unset):
            on_conflict (UploadAssetsBodyOnConflict | Unset):
     """

    files: list[File]
    folder: str | Unset = UNSET
    storage_duration: str | Unset = UNSET
    on_conflict: UploadAssetsBodyOnConflict | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        files = []
        for files_item_data in self.files:
            files_item = files_item_data.to_tuple()

            files.append(files_item)



        folder = self.folder

        storage_duration = self.storage_duration

        on_conflict: str | Unset = UNSET
        if not isinstance(self.on_conflict, Unset):
            on_conflict = self.on_conflict.value



        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "files": files,
        })
        if folder is not UNSET:
            field_dict["folder"] = folder
        if storage_duration is not UNSET:
            field_dict["storageDuration"] = storage_duration
        if on_conflict is not UNSET:
            field_dict["onConflict"] = on_conflict

        return field_dict


    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        for files_item_element in self.files:
            files.append(("files", files_item_element.to_tuple()))




        if not isinstance(self.folder, Unset):
            files.append(("folder", (None, str(self.folder).encode(), "text/plain")))



        if not isinstance(self.storage_duration, Unset):
            files.append(("storageDuration", (None, str(self.storage_duration).encode(), "text/plain")))



        if not isinstance(self.on_conflict, Unset):
            files.append(("onConflict",  (None, str(self.on_conflict.value).encode(), "text/plain")))




        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))



        return files


    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        files = []
        _files = d.pop("files")
        for files_item_data in (_files):
            files_item = File(
                 payload = BytesIO(files_item_data)
            )



            files.append(files_item)


        folder = d.pop("folder", UNSET)

        storage_duration = d.pop("storageDuration", UNSET)

        _on_conflict = d.pop("onConflict", UNSET)
        on_conflict: UploadAssetsBodyOnConflict | Unset
        if isinstance(_on_conflict,  Unset):
            on_conflict = UNSET
        else:
            on_conflict = UploadAssetsBodyOnConflict(_on_conflict)




        upload_assets_body = cls(
            files=files,
            folder=folder,
            storage_duration=storage_duration,
            on_conflict=on_conflict,
        )


        upload_assets_body.additional_properties = d
        return upload_assets_body

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
