from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.process_image_json_body_compression_type import ProcessImageJsonBodyCompressionType
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.process_image_json_body_configuration_type_0 import ProcessImageJsonBodyConfigurationType0





T = TypeVar("T", bound="ProcessImageJsonBody")



@_attrs_define
class ProcessImageJsonBody:
    """ 
        Attributes:
            url (str):
            width (float | str | Unset):
            height (float | str | Unset):
            fit (str | Unset): inside, cover, contain, fill, outside (any case)
            gravity (str | Unset): a compass point (NHN's NorthWest… too), attention, entropy
            format_ (str | Unset): jpeg (jpg, jpe), png, webp, avif, gif, tiff (tif)
            quality (float | str | Unset):
            compression_type (ProcessImageJsonBodyCompressionType | Unset): ImageRecycle's: lossy is the format's default
                quality, lossless a compress output {"lossless": true}
            config_id (str | Unset): a saved configuration
            configuration (ProcessImageJsonBodyConfigurationType0 | str | Unset): a configuration document, validated as
                saving would, not saved
            store (bool | str | Unset): keep the result(s) and the original in the media library; the answer is then 201
                with their URLs
            folder (str | Unset): with store=true, where (default /processed)
            storage_duration (str | Unset): with store=true, how long (as for uploads)
     """

    url: str
    width: float | str | Unset = UNSET
    height: float | str | Unset = UNSET
    fit: str | Unset = UNSET
    gravity: str | Unset = UNSET
    format_: str | Unset = UNSET
    quality: float | str | Unset = UNSET
    compression_type: ProcessImageJsonBodyCompressionType | Unset = UNSET
    config_id: str | Unset = UNSET
    configuration: ProcessImageJsonBodyConfigurationType0 | str | Unset = UNSET
    store: bool | str | Unset = UNSET
    folder: str | Unset = UNSET
    storage_duration: str | Unset = UNSET





    def to_dict(self) -> dict[str, Any]:
        from ..models.process_image_json_body_configuration_type_0 import ProcessImageJsonBodyConfigurationType0 # noqa: PLC0415
        url = self.url

        width: float | str | Unset
        if isinstance(self.width, Unset):
            width = UNSET
        else:
            width = self.width

        height: float | str | Unset
        if isinstance(self.height, Unset):
            height = UNSET
        else:
            height = self.height

        fit = self.fit

        gravity = self.gravity

        format_ = self.format_

        quality: float | str | Unset
        if isinstance(self.quality, Unset):
            quality = UNSET
        else:
            quality = self.quality

        compression_type: str | Unset = UNSET
        if not isinstance(self.compression_type, Unset):
            compression_type = self.compression_type.value


        config_id = self.config_id

        configuration: dict[str, Any] | str | Unset
        if isinstance(self.configuration, Unset):
            configuration = UNSET
        elif isinstance(self.configuration, ProcessImageJsonBodyConfigurationType0):
            configuration = self.configuration.to_dict()
        else:
            configuration = self.configuration

        store: bool | str | Unset
        if isinstance(self.store, Unset):
            store = UNSET
        else:
            store = self.store

        folder = self.folder

        storage_duration = self.storage_duration


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "url": url,
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



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.process_image_json_body_configuration_type_0 import ProcessImageJsonBodyConfigurationType0 # noqa: PLC0415
        d = dict(src_dict)
        url = d.pop("url")

        def _parse_width(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        width = _parse_width(d.pop("width", UNSET))


        def _parse_height(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        height = _parse_height(d.pop("height", UNSET))


        fit = d.pop("fit", UNSET)

        gravity = d.pop("gravity", UNSET)

        format_ = d.pop("format", UNSET)

        def _parse_quality(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        quality = _parse_quality(d.pop("quality", UNSET))


        _compression_type = d.pop("compression_type", UNSET)
        compression_type: ProcessImageJsonBodyCompressionType | Unset
        if isinstance(_compression_type,  Unset):
            compression_type = UNSET
        else:
            compression_type = ProcessImageJsonBodyCompressionType(_compression_type)




        config_id = d.pop("configId", UNSET)

        def _parse_configuration(data: object) -> ProcessImageJsonBodyConfigurationType0 | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                configuration_type_0 = ProcessImageJsonBodyConfigurationType0.from_dict(data)



                return configuration_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ProcessImageJsonBodyConfigurationType0 | str | Unset, data)

        configuration = _parse_configuration(d.pop("configuration", UNSET))


        def _parse_store(data: object) -> bool | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(bool | str | Unset, data)

        store = _parse_store(d.pop("store", UNSET))


        folder = d.pop("folder", UNSET)

        storage_duration = d.pop("storageDuration", UNSET)

        process_image_json_body = cls(
            url=url,
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

        return process_image_json_body

