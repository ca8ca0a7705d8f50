"""Contains all the data models used in inputs/outputs"""

from .api_key_credentials import ApiKeyCredentials
from .app_credentials import AppCredentials
from .app_store_credentials import AppStoreCredentials
from .async_action_handle import AsyncActionHandle
from .basic_credentials import BasicCredentials
from .bill_credentials import BillCredentials
from .connect_session import ConnectSession
from .connect_session_details import ConnectSessionDetails
from .connect_session_details_response import ConnectSessionDetailsResponse
from .connect_session_input import ConnectSessionInput
from .connect_session_reconnect_input import ConnectSessionReconnectInput
from .connect_session_response import ConnectSessionResponse
from .connect_ui_override import ConnectUIOverride
from .connect_ui_overrides import ConnectUIOverrides
from .connection_detail import ConnectionDetail
from .connection_end_user import ConnectionEndUser
from .connection_end_user_organization import ConnectionEndUserOrganization
from .connection_error_info import ConnectionErrorInfo
from .connection_list_response import ConnectionListResponse
from .connection_summary import ConnectionSummary
from .create_api_key_request import CreateApiKeyRequest
from .create_environment_request import CreateEnvironmentRequest
from .create_integration_request import CreateIntegrationRequest
from .create_quickstart_integration_request import CreateQuickstartIntegrationRequest
from .created_api_key import CreatedApiKey
from .created_api_key_response import CreatedApiKeyResponse
from .created_environment import CreatedEnvironment
from .created_environment_response import CreatedEnvironmentResponse
from .credentials_config_override import CredentialsConfigOverride
from .custom_app_credentials import CustomAppCredentials
from .custom_credentials import CustomCredentials
from .delete_api_key_request import DeleteApiKeyRequest
from .deployed_function import DeployedFunction
from .deployed_function_version import DeployedFunctionVersion
from .end_user import EndUser
from .end_user_organization import EndUserOrganization
from .environment_variable import EnvironmentVariable
from .error_detail import ErrorDetail
from .error_response import ErrorResponse
from .function_availability import FunctionAvailability
from .function_code import FunctionCode
from .function_compile_request import FunctionCompileRequest
from .function_compile_result import FunctionCompileResult
from .function_deletion_response import FunctionDeletionResponse
from .function_deployment import FunctionDeployment
from .function_dryrun import FunctionDryrun
from .function_dryrun_request import FunctionDryrunRequest
from .function_list_response import FunctionListResponse
from .function_response import FunctionResponse
from .function_run_error import FunctionRunError
from .function_run_handle import FunctionRunHandle
from .function_source_deployment import FunctionSourceDeployment
from .function_template import FunctionTemplate
from .function_template_deployment import FunctionTemplateDeployment
from .github_app_credentials import GithubAppCredentials
from .import_connection_request import ImportConnectionRequest
from .integration import Integration
from .integration_config import IntegrationConfig
from .integration_config_defaults import IntegrationConfigDefaults
from .integration_credentials import IntegrationCredentials
from .integration_detail import IntegrationDetail
from .integration_detail_response import IntegrationDetailResponse
from .integration_list_response import IntegrationListResponse
from .integration_response import IntegrationResponse
from .integrations_config_defaults import IntegrationsConfigDefaults
from .json_object import JsonObject
from .jwt_credentials import JwtCredentials
from .jwt_private_key import JwtPrivateKey
from .legacy_import_connection_request import LegacyImportConnectionRequest
from .metadata_request import MetadataRequest
from .metadata_response import MetadataResponse
from .nango_record import NangoRecord
from .no_credentials import NoCredentials
from .o_auth_1_app_credentials import OAuth1AppCredentials
from .o_auth_1_credentials import OAuth1Credentials
from .o_auth_2_app_credentials import OAuth2AppCredentials
from .o_auth_2_client_credentials import OAuth2ClientCredentials
from .o_auth_2_credentials import OAuth2Credentials
from .open_ai_function import OpenAIFunction
from .open_ai_function_list import OpenAIFunctionList
from .otlp_header import OtlpHeader
from .pagination import Pagination
from .patch_connection_request import PatchConnectionRequest
from .provider import Provider
from .provider_list_response import ProviderListResponse
from .provider_response import ProviderResponse
from .provider_templates_response import ProviderTemplatesResponse
from .prune_records_request import PruneRecordsRequest
from .prune_records_response import PruneRecordsResponse
from .record_counts import RecordCounts
from .record_metadata import RecordMetadata
from .records_response import RecordsResponse
from .script_config import ScriptConfig
from .scripts_config_integration import ScriptsConfigIntegration
from .signature_credentials import SignatureCredentials
from .success_response import SuccessResponse
from .sync_schedule_request import SyncScheduleRequest
from .sync_selector import SyncSelector
from .sync_status import SyncStatus
from .sync_status_response import SyncStatusResponse
from .sync_trigger_options import SyncTriggerOptions
from .sync_variant import SyncVariant
from .sync_variant_request import SyncVariantRequest
from .tags import Tags
from .tba_app_credentials import TbaAppCredentials
from .tba_credentials import TbaCredentials
from .trigger_action_request import TriggerActionRequest
from .trigger_sync_request import TriggerSyncRequest
from .two_step_credentials import TwoStepCredentials
from .unknown_credentials import UnknownCredentials
from .update_integration_request import UpdateIntegrationRequest
from .update_sync_frequency_request import UpdateSyncFrequencyRequest
from .update_sync_frequency_response import UpdateSyncFrequencyResponse
from .validation_issue import ValidationIssue
from .webhook_signing_key import WebhookSigningKey
from .webhook_signing_key_response import WebhookSigningKeyResponse

__all__ = (
    "ApiKeyCredentials",
    "AppCredentials",
    "AppStoreCredentials",
    "AsyncActionHandle",
    "BasicCredentials",
    "BillCredentials",
    "ConnectionDetail",
    "ConnectionEndUser",
    "ConnectionEndUserOrganization",
    "ConnectionErrorInfo",
    "ConnectionListResponse",
    "ConnectionSummary",
    "ConnectSession",
    "ConnectSessionDetails",
    "ConnectSessionDetailsResponse",
    "ConnectSessionInput",
    "ConnectSessionReconnectInput",
    "ConnectSessionResponse",
    "ConnectUIOverride",
    "ConnectUIOverrides",
    "CreateApiKeyRequest",
    "CreatedApiKey",
    "CreatedApiKeyResponse",
    "CreatedEnvironment",
    "CreatedEnvironmentResponse",
    "CreateEnvironmentRequest",
    "CreateIntegrationRequest",
    "CreateQuickstartIntegrationRequest",
    "CredentialsConfigOverride",
    "CustomAppCredentials",
    "CustomCredentials",
    "DeleteApiKeyRequest",
    "DeployedFunction",
    "DeployedFunctionVersion",
    "EndUser",
    "EndUserOrganization",
    "EnvironmentVariable",
    "ErrorDetail",
    "ErrorResponse",
    "FunctionAvailability",
    "FunctionCode",
    "FunctionCompileRequest",
    "FunctionCompileResult",
    "FunctionDeletionResponse",
    "FunctionDeployment",
    "FunctionDryrun",
    "FunctionDryrunRequest",
    "FunctionListResponse",
    "FunctionResponse",
    "FunctionRunError",
    "FunctionRunHandle",
    "FunctionSourceDeployment",
    "FunctionTemplate",
    "FunctionTemplateDeployment",
    "GithubAppCredentials",
    "ImportConnectionRequest",
    "Integration",
    "IntegrationConfig",
    "IntegrationConfigDefaults",
    "IntegrationCredentials",
    "IntegrationDetail",
    "IntegrationDetailResponse",
    "IntegrationListResponse",
    "IntegrationResponse",
    "IntegrationsConfigDefaults",
    "JsonObject",
    "JwtCredentials",
    "JwtPrivateKey",
    "LegacyImportConnectionRequest",
    "MetadataRequest",
    "MetadataResponse",
    "NangoRecord",
    "NoCredentials",
    "OAuth1AppCredentials",
    "OAuth1Credentials",
    "OAuth2AppCredentials",
    "OAuth2ClientCredentials",
    "OAuth2Credentials",
    "OpenAIFunction",
    "OpenAIFunctionList",
    "OtlpHeader",
    "Pagination",
    "PatchConnectionRequest",
    "Provider",
    "ProviderListResponse",
    "ProviderResponse",
    "ProviderTemplatesResponse",
    "PruneRecordsRequest",
    "PruneRecordsResponse",
    "RecordCounts",
    "RecordMetadata",
    "RecordsResponse",
    "ScriptConfig",
    "ScriptsConfigIntegration",
    "SignatureCredentials",
    "SuccessResponse",
    "SyncScheduleRequest",
    "SyncSelector",
    "SyncStatus",
    "SyncStatusResponse",
    "SyncTriggerOptions",
    "SyncVariant",
    "SyncVariantRequest",
    "Tags",
    "TbaAppCredentials",
    "TbaCredentials",
    "TriggerActionRequest",
    "TriggerSyncRequest",
    "TwoStepCredentials",
    "UnknownCredentials",
    "UpdateIntegrationRequest",
    "UpdateSyncFrequencyRequest",
    "UpdateSyncFrequencyResponse",
    "ValidationIssue",
    "WebhookSigningKey",
    "WebhookSigningKeyResponse",
)
