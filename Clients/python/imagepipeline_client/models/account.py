from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.account_jobs import AccountJobs
  from ..models.account_plan import AccountPlan
  from ..models.account_plan_usage import AccountPlanUsage
  from ..models.account_remaining import AccountRemaining
  from ..models.account_storage import AccountStorage
  from ..models.account_usage import AccountUsage
  from ..models.quota import Quota
  from ..models.share import Share





T = TypeVar("T", bound="Account")



@_attrs_define
class Account:
    """ 
        Attributes:
            account_id (str):
            name (str):
            plan (AccountPlan): a missing limit is no limit
            suspended (bool):
            configurations (int):
            jobs (AccountJobs):
            usage (AccountUsage):
            plan_usage (AccountPlanUsage):
            remaining (AccountRemaining):
            storage (AccountStorage):
            realtime_rendering (bool):
            unsigned_rendering (bool):
            parent_id (str | Unset):
            share (Share | Unset):
            quota (Quota | Unset): ImageRecycle's quota fields: the UTC month, the bytes taken in it, the bytes allowed (a
                sub-account's share; absent: no byte limit), the largest file the plan takes
     """

    account_id: str
    name: str
    plan: AccountPlan
    suspended: bool
    configurations: int
    jobs: AccountJobs
    usage: AccountUsage
    plan_usage: AccountPlanUsage
    remaining: AccountRemaining
    storage: AccountStorage
    realtime_rendering: bool
    unsigned_rendering: bool
    parent_id: str | Unset = UNSET
    share: Share | Unset = UNSET
    quota: Quota | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.account_jobs import AccountJobs # noqa: PLC0415
        from ..models.account_plan import AccountPlan # noqa: PLC0415
        from ..models.account_plan_usage import AccountPlanUsage # noqa: PLC0415
        from ..models.account_remaining import AccountRemaining # noqa: PLC0415
        from ..models.account_storage import AccountStorage # noqa: PLC0415
        from ..models.account_usage import AccountUsage # noqa: PLC0415
        from ..models.quota import Quota # noqa: PLC0415
        from ..models.share import Share # noqa: PLC0415
        account_id = self.account_id

        name = self.name

        plan = self.plan.to_dict()

        suspended = self.suspended

        configurations = self.configurations

        jobs = self.jobs.to_dict()

        usage = self.usage.to_dict()

        plan_usage = self.plan_usage.to_dict()

        remaining = self.remaining.to_dict()

        storage = self.storage.to_dict()

        realtime_rendering = self.realtime_rendering

        unsigned_rendering = self.unsigned_rendering

        parent_id = self.parent_id

        share: dict[str, Any] | Unset = UNSET
        if not isinstance(self.share, Unset):
            share = self.share.to_dict()

        quota: dict[str, Any] | Unset = UNSET
        if not isinstance(self.quota, Unset):
            quota = self.quota.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "accountId": account_id,
            "name": name,
            "plan": plan,
            "suspended": suspended,
            "configurations": configurations,
            "jobs": jobs,
            "usage": usage,
            "planUsage": plan_usage,
            "remaining": remaining,
            "storage": storage,
            "realtimeRendering": realtime_rendering,
            "unsignedRendering": unsigned_rendering,
        })
        if parent_id is not UNSET:
            field_dict["parentId"] = parent_id
        if share is not UNSET:
            field_dict["share"] = share
        if quota is not UNSET:
            field_dict["quota"] = quota

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.account_jobs import AccountJobs # noqa: PLC0415
        from ..models.account_plan import AccountPlan # noqa: PLC0415
        from ..models.account_plan_usage import AccountPlanUsage # noqa: PLC0415
        from ..models.account_remaining import AccountRemaining # noqa: PLC0415
        from ..models.account_storage import AccountStorage # noqa: PLC0415
        from ..models.account_usage import AccountUsage # noqa: PLC0415
        from ..models.quota import Quota # noqa: PLC0415
        from ..models.share import Share # noqa: PLC0415
        d = dict(src_dict)
        account_id = d.pop("accountId")

        name = d.pop("name")

        plan = AccountPlan.from_dict(d.pop("plan"))




        suspended = d.pop("suspended")

        configurations = d.pop("configurations")

        jobs = AccountJobs.from_dict(d.pop("jobs"))




        usage = AccountUsage.from_dict(d.pop("usage"))




        plan_usage = AccountPlanUsage.from_dict(d.pop("planUsage"))




        remaining = AccountRemaining.from_dict(d.pop("remaining"))




        storage = AccountStorage.from_dict(d.pop("storage"))




        realtime_rendering = d.pop("realtimeRendering")

        unsigned_rendering = d.pop("unsignedRendering")

        parent_id = d.pop("parentId", UNSET)

        _share = d.pop("share", UNSET)
        share: Share | Unset
        if isinstance(_share,  Unset):
            share = UNSET
        else:
            share = Share.from_dict(_share)




        _quota = d.pop("quota", UNSET)
        quota: Quota | Unset
        if isinstance(_quota,  Unset):
            quota = UNSET
        else:
            quota = Quota.from_dict(_quota)




        account = cls(
            account_id=account_id,
            name=name,
            plan=plan,
            suspended=suspended,
            configurations=configurations,
            jobs=jobs,
            usage=usage,
            plan_usage=plan_usage,
            remaining=remaining,
            storage=storage,
            realtime_rendering=realtime_rendering,
            unsigned_rendering=unsigned_rendering,
            parent_id=parent_id,
            share=share,
            quota=quota,
        )


        account.additional_properties = d
        return account

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
