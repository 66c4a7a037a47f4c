from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.asset_origin import AssetOrigin





T = TypeVar("T", bound="Asset")



@_attrs_define
class Asset:
    """ 
        Attributes:
            asset_id (str):
            folder (str):
            name (str):
            bytes_ (int):
            sha256 (str):
            format_ (str):
            width (int):
            height (int):
            created_at (datetime.datetime):
            expires_at (datetime.datetime | None):
            origin (AssetOrigin):
            url (str):
     """

    asset_id: str
    folder: str
    name: str
    bytes_: int
    sha256: str
    format_: str
    width: int
    height: int
    created_at: datetime.datetime
    expires_at: datetime.datetime | None
    origin: AssetOrigin
    url: str





    def to_dict(self) -> dict[str, Any]:
        from ..models.asset_origin import AssetOrigin # noqa: PLC0415
        asset_id = self.asset_id

        folder = self.folder

        name = self.name

        bytes_ = self.bytes_

        sha256 = self.sha256

        format_ = self.format_

        width = self.width

        height = self.height

        created_at = self.created_at.isoformat()

        expires_at: None | str
        if isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        origin = self.origin.to_dict()

        url = self.url


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "assetId": asset_id,
            "folder": folder,
            "name": name,
            "bytes": bytes_,
            "sha256": sha256,
            "format": format_,
            "width": width,
            "height": height,
            "createdAt": created_at,
            "expiresAt": expires_at,
            "origin": origin,
            "url": url,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.asset_origin import AssetOrigin # noqa: PLC0415
        d = dict(src_dict)
        asset_id = d.pop("assetId")

        folder = d.pop("folder")

        name = d.pop("name")

        bytes_ = d.pop("bytes")

        sha256 = d.pop("sha256")

        format_ = d.pop("format")

        width = d.pop("width")

        height = d.pop("height")

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))




        def _parse_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)



                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        expires_at = _parse_expires_at(d.pop("expiresAt"))


        origin = AssetOrigin.from_dict(d.pop("origin"))




        url = d.pop("url")

        asset = cls(
            asset_id=asset_id,
            folder=folder,
            name=name,
            bytes_=bytes_,
            sha256=sha256,
            format_=format_,
            width=width,
            height=height,
            created_at=created_at,
            expires_at=expires_at,
            origin=origin,
            url=url,
        )

        return asset

