from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field
import json
from .. import types

from ..types import UNSET, Unset

from ..models.process_image_files_body_compression_type import ProcessImageFilesBodyCompressionType
from ..models.process_image_files_body_store import ProcessImageFilesBodyStore
from ..types import File, FileTypes
from ..types import UNSET, Unset
from io import BytesIO






T = TypeVar("T", bound="ProcessImageFilesBody")



@_attrs_define
class ProcessImageFilesBody:
    """ 
        Attributes:
            file (File):
            width (str | Unset): pixels: a resize output's width
            height (str | Unset): pixels: a resize output's height
            fit (str | Unset): inside, cover, contain, fill, outside (any case)
            gravity (str | Unset): a compass point (NHN's NorthWest… too), attention, entropy
            format_ (str | Unset): jpeg (jpg, jpe), png, webp, avif, gif, tiff (tif)
            quality (str | Unset): 1 to 100
            compression_type (ProcessImageFilesBodyCompressionType | Unset): ImageRecycle's: lossy is the format's default
                quality, lossless a compress output {"lossless": true}
            config_id (str | Unset): a saved configuration
            configuration (str | Unset): a configuration document (JSON), validated as saving would, not saved
            store (ProcessImageFilesBodyStore | Unset): keep the result(s) and the original in the media library; the answer
                is then 201 with their URLs
            folder (str | Unset): with store=true, where (default /processed)
            storage_duration (str | Unset): with store=true, how long (as for uploads)
     """

    file: File
    width: str | Unset = UNSET
    height: str | Unset = UNSET
    fit: str | Unset = UNSET
    gravity: str | Unset = UNSET
    format_: str | Unset = UNSET
    quality: str | Unset = UNSET
    compression_type: ProcessImageFilesBodyCompressionType | Unset = UNSET
    config_id: str | Unset = UNSET
    configuration: str | Unset = UNSET
    store: ProcessImageFilesBodyStore | Unset = UNSET
    folder: str | Unset = UNSET
    storage_duration: str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        file = self.file.to_tuple()


        width = self.width

        height = self.height

        fit = self.fit

        gravity = self.gravity

        format_ = self.format_

        quality = self.quality

        compression_type: str | Unset = UNSET
        if not isinstance(self.compression_type, Unset):
            compression_type = self.compression_type.value


        config_id = self.config_id

        configuration = self.configuration

        store: str | Unset = UNSET
        if not isinstance(self.store, Unset):
            store = self.store.value


        folder = self.folder

        storage_duration = self.storage_duration


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "file": file,
        })
        if width is not UNSET:
            field_dict["width"] = width
        if height is not UNSET:
            field_dict["height"] = height
        if fit is not UNSET:
            field_dict["fit"] = fit
        if gravity is not UNSET:
            field_dict["gravity"] = gravity
        if format_ is not UNSET:
            field_dict["format"] = format_
        if quality is not UNSET:
            field_dict["quality"] = quality
        if compression_type is not UNSET:
            field_dict["compression_type"] = compression_type
        if config_id is not UNSET:
            field_dict["configId"] = config_id
        if configuration is not UNSET:
            field_dict["configuration"] = configuration
        if store is not UNSET:
            field_dict["store"] = store
        if folder is not UNSET:
            field_dict["folder"] = folder
        if storage_duration is not UNSET:
            field_dict["storageDuration"] = storage_duration

        return field_dict


    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("file", self.file.to_tuple()))



        if not isinstance(self.width, Unset):
            files.append(("width", (None, str(self.width).encode(), "text/plain")))



        if not isinstance(self.height, Unset):
            files.append(("height", (None, str(self.height).encode(), "text/plain")))



        if not isinstance(self.fit, Unset):
            files.append(("fit", (None, str(self.fit).encode(), "text/plain")))



        if not isinstance(self.gravity, Unset):
            files.append(("gravity", (None, str(self.gravity).encode(), "text/plain")))



        if not isinstance(self.format_, Unset):
            files.append(("format", (None, str(self.format_).encode(), "text/plain")))



        if not isinstance(self.quality, Unset):
            files.append(("quality", (None, str(self.quality).encode(), "text/plain")))



        if not isinstance(self.compression_type, Unset):
            files.append(("compression_type",  (None, str(self.compression_type.value).encode(), "text/plain")))



        if not isinstance(self.config_id, Unset):
            files.append(("configId", (None, str(self.config_id).encode(), "text/plain")))



        if not isinstance(self.configuration, Unset):
            files.append(("configuration", (None, str(self.configuration).encode(), "text/plain")))



        if not isinstance(self.store, Unset):
            files.append(("store",  (None, str(self.store.value).encode(), "text/plain")))



        if not isinstance(self.folder, Unset):
            files.append(("folder", (None, str(self.folder).encode(), "text/plain")))



        if not isinstance(self.storage_duration, Unset):
            files.append(("storageDuration", (None, str(self.storage_duration).encode(), "text/plain")))





        return files


    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        file = File(
             payload = BytesIO(d.pop("file"))
        )




        width = d.pop("width", UNSET)

        height = d.pop("height", UNSET)

        fit = d.pop("fit", UNSET)

        gravity = d.pop("gravity", UNSET)

        format_ = d.pop("format", UNSET)

        quality = d.pop("quality", UNSET)

        _compression_type = d.pop("compression_type", UNSET)
        compression_type: ProcessImageFilesBodyCompressionType | Unset
        if isinstance(_compression_type,  Unset):
            compression_type = UNSET
        else:
            compression_type = ProcessImageFilesBodyCompressionType(_compression_type)




        config_id = d.pop("configId", UNSET)

        configuration = d.pop("configuration", UNSET)

        _store = d.pop("store", UNSET)
        store: ProcessImageFilesBodyStore | Unset
        if isinstance(_store,  Unset):
            store = UNSET
        else:
            store = ProcessImageFilesBodyStore(_store)




        folder = d.pop("folder", UNSET)

        storage_duration = d.pop("storageDuration", UNSET)

        process_image_files_body = cls(
            file=file,
            width=width,
            height=height,
            fit=fit,
            gravity=gravity,
            format_=format_,
            quality=quality,
            compression_type=compression_type,
            config_id=config_id,
            configuration=configuration,
            store=store,
            folder=folder,
            storage_duration=storage_duration,
        )

        return process_image_files_body

