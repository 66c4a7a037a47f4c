from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.asset import Asset





T = TypeVar("T", bound="AssetList")



@_attrs_define
class AssetList:
    """ 
        Attributes:
            assets (list[Asset]):
     """

    assets: list[Asset]





    def to_dict(self) -> dict[str, Any]:
        from ..models.asset import Asset # noqa: PLC0415
        assets = []
        for assets_item_data in self.assets:
            assets_item = assets_item_data.to_dict()
            assets.append(assets_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "assets": assets,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.asset import Asset # noqa: PLC0415
        d = dict(src_dict)
        assets = []
        _assets = d.pop("assets")
        for assets_item_data in (_assets):
            assets_item = Asset.from_dict(assets_item_data)



            assets.append(assets_item)


        asset_list = cls(
            assets=assets,
        )

        return asset_list

