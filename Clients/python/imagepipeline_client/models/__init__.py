""" Contains all the data models used in inputs/outputs """

from .accepted import Accepted
from .account import Account
from .account_jobs import AccountJobs
from .account_plan import AccountPlan
from .account_plan_usage import AccountPlanUsage
from .account_remaining import AccountRemaining
from .account_storage import AccountStorage
from .account_usage import AccountUsage
from .address_list import AddressList
from .allowed_address import AllowedAddress
from .archive_selection_body import ArchiveSelectionBody
from .asset import Asset
from .asset_link import AssetLink
from .asset_list import AssetList
from .asset_origin import AssetOrigin
from .asset_origin_type import AssetOriginType
from .attempt import Attempt
from .configuration import Configuration
from .configuration_configuration import ConfigurationConfiguration
from .configuration_list import ConfigurationList
from .create_configuration_body import CreateConfigurationBody
from .create_folder_body import CreateFolderBody
from .create_job_files_body import CreateJobFilesBody
from .create_job_files_body_store import CreateJobFilesBodyStore
from .create_job_json_body import CreateJobJsonBody
from .create_job_json_body_configuration_type_0 import CreateJobJsonBodyConfigurationType0
from .create_key_body import CreateKeyBody
from .create_subaccount_body import CreateSubaccountBody
from .delete_folder_recursive import DeleteFolderRecursive
from .delete_subaccount_delete_data import DeleteSubaccountDeleteData
from .deleted import Deleted
from .delivery import Delivery
from .delivery_state import DeliveryState
from .error import Error
from .error_error import ErrorError
from .folder import Folder
from .folder_counts import FolderCounts
from .folder_page import FolderPage
from .get_configuration_schema_response_200 import GetConfigurationSchemaResponse200
from .get_render_url_signed import GetRenderUrlSigned
from .get_usage_granularity import GetUsageGranularity
from .health import Health
from .job import Job
from .job_list import JobList
from .job_outputs_item import JobOutputsItem
from .job_source import JobSource
from .job_status import JobStatus
from .key import Key
from .link_asset_body import LinkAssetBody
from .list_folder_order import ListFolderOrder
from .list_folder_origin import ListFolderOrigin
from .list_folder_sort import ListFolderSort
from .list_keys_response_200 import ListKeysResponse200
from .list_subaccounts_response_200 import ListSubaccountsResponse200
from .move_asset_body import MoveAssetBody
from .new_key import NewKey
from .new_subaccount import NewSubaccount
from .openapi_response_200 import OpenapiResponse200
from .plan import Plan
from .plan_check import PlanCheck
from .plan_configuration_body import PlanConfigurationBody
from .plan_leaf import PlanLeaf
from .process_image_files_body import ProcessImageFilesBody
from .process_image_files_body_compression_type import ProcessImageFilesBodyCompressionType
from .process_image_files_body_store import ProcessImageFilesBodyStore
from .process_image_json_body import ProcessImageJsonBody
from .process_image_json_body_compression_type import ProcessImageJsonBodyCompressionType
from .process_image_json_body_configuration_type_0 import ProcessImageJsonBodyConfigurationType0
from .processed import Processed
from .processed_set import ProcessedSet
from .processed_set_failures_item import ProcessedSetFailuresItem
from .processed_set_outputs_item import ProcessedSetOutputsItem
from .quota import Quota
from .redelivery import Redelivery
from .render_url import RenderURL
from .replace_configuration_body import ReplaceConfigurationBody
from .set_allowed_address_body import SetAllowedAddressBody
from .share import Share
from .subaccount import Subaccount
from .templates import Templates
from .templates_templates_item import TemplatesTemplatesItem
from .update_account_body import UpdateAccountBody
from .update_subaccount_body import UpdateSubaccountBody
from .upload_assets_body import UploadAssetsBody
from .upload_assets_body_on_conflict import UploadAssetsBodyOnConflict
from .usage import Usage
from .usage_day import UsageDay
from .usage_granularity import UsageGranularity
from .usage_subaccounts_item import UsageSubaccountsItem
from .validation_issue import ValidationIssue
from .watermark_images import WatermarkImages
from .watermark_images_images_item import WatermarkImagesImagesItem

__all__ = (
    "Accepted",
    "Account",
    "AccountJobs",
    "AccountPlan",
    "AccountPlanUsage",
    "AccountRemaining",
    "AccountStorage",
    "AccountUsage",
    "AddressList",
    "AllowedAddress",
    "ArchiveSelectionBody",
    "Asset",
    "AssetLink",
    "AssetList",
    "AssetOrigin",
    "AssetOriginType",
    "Attempt",
    "Configuration",
    "ConfigurationConfiguration",
    "ConfigurationList",
    "CreateConfigurationBody",
    "CreateFolderBody",
    "CreateJobFilesBody",
    "CreateJobFilesBodyStore",
    "CreateJobJsonBody",
    "CreateJobJsonBodyConfigurationType0",
    "CreateKeyBody",
    "CreateSubaccountBody",
    "Deleted",
    "DeleteFolderRecursive",
    "DeleteSubaccountDeleteData",
    "Delivery",
    "DeliveryState",
    "Error",
    "ErrorError",
    "Folder",
    "FolderCounts",
    "FolderPage",
    "GetConfigurationSchemaResponse200",
    "GetRenderUrlSigned",
    "GetUsageGranularity",
    "Health",
    "Job",
    "JobList",
    "JobOutputsItem",
    "JobSource",
    "JobStatus",
    "Key",
    "LinkAssetBody",
    "ListFolderOrder",
    "ListFolderOrigin",
    "ListFolderSort",
    "ListKeysResponse200",
    "ListSubaccountsResponse200",
    "MoveAssetBody",
    "NewKey",
    "NewSubaccount",
    "OpenapiResponse200",
    "Plan",
    "PlanCheck",
    "PlanConfigurationBody",
    "PlanLeaf",
    "Processed",
    "ProcessedSet",
    "ProcessedSetFailuresItem",
    "ProcessedSetOutputsItem",
    "ProcessImageFilesBody",
    "ProcessImageFilesBodyCompressionType",
    "ProcessImageFilesBodyStore",
    "ProcessImageJsonBody",
    "ProcessImageJsonBodyCompressionType",
    "ProcessImageJsonBodyConfigurationType0",
    "Quota",
    "Redelivery",
    "RenderURL",
    "ReplaceConfigurationBody",
    "SetAllowedAddressBody",
    "Share",
    "Subaccount",
    "Templates",
    "TemplatesTemplatesItem",
    "UpdateAccountBody",
    "UpdateSubaccountBody",
    "UploadAssetsBody",
    "UploadAssetsBodyOnConflict",
    "Usage",
    "UsageDay",
    "UsageGranularity",
    "UsageSubaccountsItem",
    "ValidationIssue",
    "WatermarkImages",
    "WatermarkImagesImagesItem",
)
