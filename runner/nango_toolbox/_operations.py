"""One function per Nango API operation: what to send and how to read the answer, sans-IO.

Requests are built by the generated ``nango_client`` endpoint modules (their ``_get_kwargs``,
with bodies made by the generated request models' ``from_dict`` from Nango's wire field names);
answers are read with the generated models' ``from_dict``. Nango and AsyncNango both run these
:class:`Op` values through their sender, so the request logic exists once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from nango_client.api.actions import get_async_action_result as _get_async_action_result
from nango_client.api.actions import trigger_action as _trigger_action
from nango_client.api.connect import create_connect_session as _create_connect_session
from nango_client.api.connect import create_reconnect_session as _create_reconnect_session
from nango_client.api.connect import delete_connect_session as _delete_connect_session
from nango_client.api.connect import get_connect_session as _get_connect_session
from nango_client.api.connections import create_connection as _create_connection
from nango_client.api.connections import delete_connection as _delete_connection
from nango_client.api.connections import get_connection as _get_connection
from nango_client.api.connections import list_connections as _list_connections
from nango_client.api.connections import patch_connection as _patch_connection
from nango_client.api.environment import create_api_key as _create_api_key
from nango_client.api.environment import create_environment as _create_environment
from nango_client.api.environment import delete_api_key as _delete_api_key
from nango_client.api.environment import delete_environment as _delete_environment
from nango_client.api.environment import get_environment_variables as _get_environment_variables
from nango_client.api.environment import (
    rotate_webhook_signing_key as _rotate_webhook_signing_key,
)
from nango_client.api.functions import compile_function as _compile_function
from nango_client.api.functions import create_function_deployment as _create_deployment
from nango_client.api.functions import create_function_dryrun as _create_dryrun
from nango_client.api.functions import get_function_deployment as _get_deployment
from nango_client.api.functions import get_function_dryrun as _get_dryrun
from nango_client.api.integrations import create_integration as _create_integration
from nango_client.api.integrations import (
    create_quickstart_integration as _create_quickstart_integration,
)
from nango_client.api.integrations import delete_integration as _delete_integration
from nango_client.api.integrations import get_integration as _get_integration
from nango_client.api.integrations import list_integrations as _list_integrations
from nango_client.api.integrations import update_integration as _update_integration
from nango_client.api.metadata import set_metadata as _set_metadata
from nango_client.api.metadata import update_metadata as _update_metadata
from nango_client.api.providers import get_provider as _get_provider
from nango_client.api.providers import get_provider_templates as _get_provider_templates
from nango_client.api.providers import list_providers as _list_providers
from nango_client.api.records import list_records as _list_records
from nango_client.api.records import prune_records as _prune_records
from nango_client.api.scripts import delete_integration_function as _delete_function
from nango_client.api.scripts import get_integration_function as _get_function
from nango_client.api.scripts import get_integration_function_code as _get_function_code
from nango_client.api.scripts import get_scripts_config as _get_scripts_config
from nango_client.api.scripts import list_integration_functions as _list_functions
from nango_client.api.syncs import create_sync_variant as _create_sync_variant
from nango_client.api.syncs import delete_sync_variant as _delete_sync_variant
from nango_client.api.syncs import get_sync_status as _get_sync_status
from nango_client.api.syncs import pause_sync as _pause_sync
from nango_client.api.syncs import start_sync as _start_sync
from nango_client.api.syncs import trigger_sync as _trigger_sync
from nango_client.api.syncs import update_sync_connection_frequency as _update_frequency
from nango_client.models import (
    AsyncActionHandle,
    ConnectionDetail,
    ConnectionListResponse,
    ConnectionSummary,
    ConnectSession,
    ConnectSessionDetails,
    ConnectSessionDetailsResponse,
    ConnectSessionInput,
    ConnectSessionReconnectInput,
    ConnectSessionResponse,
    CreateApiKeyRequest,
    CreatedApiKey,
    CreatedApiKeyResponse,
    CreatedEnvironment,
    CreatedEnvironmentResponse,
    CreateEnvironmentRequest,
    CreateIntegrationRequest,
    CreateQuickstartIntegrationRequest,
    CustomAppCredentials,
    DeleteApiKeyRequest,
    DeployedFunction,
    EnvironmentVariable,
    FunctionCode,
    FunctionCompileRequest,
    FunctionCompileResult,
    FunctionDeployment,
    FunctionDryrun,
    FunctionDryrunRequest,
    FunctionListResponse,
    FunctionResponse,
    FunctionRunHandle,
    FunctionSourceDeployment,
    FunctionTemplate,
    FunctionTemplateDeployment,
    GithubAppCredentials,
    ImportConnectionRequest,
    Integration,
    IntegrationDetail,
    IntegrationDetailResponse,
    IntegrationListResponse,
    IntegrationResponse,
    MetadataRequest,
    OAuth1AppCredentials,
    OAuth2AppCredentials,
    OpenAIFunctionList,
    PatchConnectionRequest,
    Provider,
    ProviderListResponse,
    ProviderResponse,
    ProviderTemplatesResponse,
    PruneRecordsRequest,
    PruneRecordsResponse,
    ScriptsConfigIntegration,
    SyncScheduleRequest,
    SyncStatus,
    SyncStatusResponse,
    SyncVariant,
    SyncVariantRequest,
    TbaAppCredentials,
    TriggerActionRequest,
    TriggerSyncRequest,
    UpdateIntegrationRequest,
    UpdateSyncFrequencyRequest,
    UpdateSyncFrequencyResponse,
    WebhookSigningKeyResponse,
)
from nango_client.types import UNSET

from ._errors import InvalidArgumentError
from ._models import RecordsPage
from ._transport import RequestSpec
from ._unset import fill_unset

T = TypeVar("T")
M = TypeVar("M")

__all__ = ["Op"]


@dataclass(frozen=True)
class Op(Generic[T]):
    """A request to send and the function that turns its decoded JSON body into the result."""

    spec: RequestSpec
    parse: Callable[[Any], T]


def _u(value: Any) -> Any:
    """None to the generated client's UNSET."""
    return UNSET if value is None else value


def _drop_none(data: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value is not None}


def _body(model: Callable[[Mapping[str, Any]], M], data: Mapping[str, Any], where: str) -> M:
    """A generated request model from Nango wire fields; a bad argument is a clear ValueError."""
    try:
        return model(_drop_none(data))
    except KeyError as exc:
        raise InvalidArgumentError(f"{where}: invalid arguments (missing field {exc})") from exc
    except (TypeError, ValueError, AttributeError) as exc:
        # The text of these may quote the values (credentials), so it is not repeated.
        raise InvalidArgumentError(
            f"{where}: invalid arguments ({type(exc).__name__} while building the request body); "
            "check the field names and types against the Nango API reference"
        ) from exc


def _op(kwargs: Mapping[str, Any], parse: Callable[[Any], T], **extra: Any) -> Op[T]:
    spec = RequestSpec.from_generated(kwargs, **extra)
    if parse in _PLAIN:  # no generated model in the result
        return Op(spec, parse)
    return Op(spec, lambda data: fill_unset(parse(data)))


def _none(_: Any) -> None:
    return None


def _json(data: Any) -> Any:
    return data


# -- providers ------------------------------------------------------------------------------
def list_providers(search: str | None) -> Op[list[Provider]]:
    return _op(
        _list_providers._get_kwargs(search=_u(search)),
        lambda d: ProviderListResponse.from_dict(d).data,
    )


def get_provider(provider: str) -> Op[Provider]:
    return _op(_get_provider._get_kwargs(provider), lambda d: ProviderResponse.from_dict(d).data)


def get_provider_templates(provider: str) -> Op[list[FunctionTemplate]]:
    return _op(
        _get_provider_templates._get_kwargs(provider),
        lambda d: ProviderTemplatesResponse.from_dict(d).data,
    )


# -- integrations ---------------------------------------------------------------------------
def list_integrations() -> Op[list[Integration]]:
    return _op(
        _list_integrations._get_kwargs(), lambda d: IntegrationListResponse.from_dict(d).data
    )


def get_integration(unique_key: str, include: Sequence[str] | None) -> Op[IntegrationDetail]:
    return _op(
        _get_integration._get_kwargs(unique_key, include=_u(list(include) if include else None)),
        lambda d: IntegrationDetailResponse.from_dict(d).data,
    )


_APP_CREDENTIALS: dict[str, Callable[[Mapping[str, Any]], Any]] = {
    "OAUTH1": OAuth1AppCredentials.from_dict,
    "OAUTH2": OAuth2AppCredentials.from_dict,
    "TBA": TbaAppCredentials.from_dict,
    "APP": GithubAppCredentials.from_dict,
    "CUSTOM": CustomAppCredentials.from_dict,
}


def _integration_fields(fields: Mapping[str, Any], where: str) -> Mapping[str, Any]:
    """``fields``, once its ``credentials`` fit the variant their ``type`` names (the
    generated union would report a missing field of whichever variant it tried last)."""
    credentials = fields.get("credentials")
    if credentials is not None:
        kind = credentials.get("type") if isinstance(credentials, Mapping) else None
        parse = _APP_CREDENTIALS.get(kind) if isinstance(kind, str) else None
        if parse is None:
            raise InvalidArgumentError(
                f"{where}: credentials must be a mapping whose type is one of "
                f"{', '.join(_APP_CREDENTIALS)}"
            )
        _body(parse, credentials, f"{where}: credentials")
    return fields


def create_integration(fields: Mapping[str, Any]) -> Op[Integration]:
    body = _body(
        CreateIntegrationRequest.from_dict,
        _integration_fields(fields, "create_integration"),
        "create_integration",
    )
    return _op(
        _create_integration._get_kwargs(body=body),
        lambda d: IntegrationResponse.from_dict(d).data,
    )


def create_quickstart_integration(fields: Mapping[str, Any]) -> Op[Integration]:
    body = _body(
        CreateQuickstartIntegrationRequest.from_dict, fields, "create_quickstart_integration"
    )
    return _op(
        _create_quickstart_integration._get_kwargs(body=body),
        lambda d: IntegrationResponse.from_dict(d).data,
    )


def update_integration(unique_key: str, fields: Mapping[str, Any]) -> Op[Integration]:
    body = _body(
        UpdateIntegrationRequest.from_dict,
        _integration_fields(fields, "update_integration"),
        "update_integration",
    )
    return _op(
        _update_integration._get_kwargs(unique_key, body=body),
        lambda d: IntegrationResponse.from_dict(d).data,
    )


def delete_integration(unique_key: str) -> Op[None]:
    return _op(_delete_integration._get_kwargs(unique_key), _none)


# -- connect sessions -----------------------------------------------------------------------
def create_connect_session(fields: Mapping[str, Any]) -> Op[ConnectSession]:
    body = _body(ConnectSessionInput.from_dict, fields, "create_connect_session")
    return _op(
        _create_connect_session._get_kwargs(body=body),
        lambda d: ConnectSessionResponse.from_dict(d).data,
    )


def create_reconnect_session(fields: Mapping[str, Any]) -> Op[ConnectSession]:
    body = _body(ConnectSessionReconnectInput.from_dict, fields, "create_reconnect_session")
    return _op(
        _create_reconnect_session._get_kwargs(body=body),
        lambda d: ConnectSessionResponse.from_dict(d).data,
    )


def _session_auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def get_connect_session(token: str) -> Op[ConnectSessionDetails]:
    return _op(
        _get_connect_session._get_kwargs(),
        lambda d: ConnectSessionDetailsResponse.from_dict(d).data,
        headers=_session_auth(token),
    )


def delete_connect_session(token: str) -> Op[None]:
    return _op(_delete_connect_session._get_kwargs(), _none, headers=_session_auth(token))


# -- connections ----------------------------------------------------------------------------
def list_connections(
    *,
    integration_id: str | None,
    connection_id: str | None,
    search: str | None,
    end_user_id: str | None,
    end_user_organization_id: str | None,
    tags: Mapping[str, str] | None,
    limit: int | None,
    page: int | None,
) -> Op[list[ConnectionSummary]]:
    kwargs = _list_connections._get_kwargs(
        integration_id=_u(integration_id),
        connection_id=_u(connection_id),
        search=_u(search),
        end_user_id=_u(end_user_id),
        end_user_organization_id=_u(end_user_organization_id),
        limit=_u(limit),
        page=_u(page),
    )
    if tags:  # Nango reads tag filters as tags[key]=value (deepObject)
        kwargs["params"] = {**kwargs["params"], **{f"tags[{k}]": v for k, v in tags.items()}}
    return _op(kwargs, lambda d: ConnectionListResponse.from_dict(d).connections)


def get_connection(
    provider_config_key: str,
    connection_id: str,
    *,
    force_refresh: bool,
    refresh_token: bool,
    refresh_github_app_jwt_token: bool = False,
) -> Op[ConnectionDetail]:
    return _op(
        _get_connection._get_kwargs(
            connection_id,
            provider_config_key=provider_config_key,
            force_refresh=force_refresh or UNSET,
            refresh_token=refresh_token or UNSET,
            refresh_github_app_jwt_token=refresh_github_app_jwt_token or UNSET,
        ),
        ConnectionDetail.from_dict,
    )


def import_connection(fields: Mapping[str, Any]) -> Op[ConnectionDetail]:
    body = _body(ImportConnectionRequest.from_dict, fields, "import_connection")
    # Re-posting the same connection_id is an upsert on Nango, so the import is safe to retry
    # when the caller chose the connection_id.
    return _op(
        _create_connection._get_kwargs(body=body),
        ConnectionDetail.from_dict,
        retry=True if fields.get("connection_id") else None,
    )


def patch_connection(
    provider_config_key: str, connection_id: str, fields: Mapping[str, Any]
) -> Op[Any]:
    body = _body(PatchConnectionRequest.from_dict, fields, "patch_connection")
    return _op(
        _patch_connection._get_kwargs(
            connection_id, body=body, provider_config_key=provider_config_key
        ),
        _json,
        retry=True,
    )


def delete_connection(provider_config_key: str, connection_id: str) -> Op[None]:
    return _op(
        _delete_connection._get_kwargs(connection_id, provider_config_key=provider_config_key),
        _none,
    )


# -- metadata -------------------------------------------------------------------------------
def _metadata_op(
    module: Any, provider_config_key: str, connection_id: str | Sequence[str], metadata: Any
) -> Op[dict[str, Any]]:
    ids: str | list[str] = connection_id if isinstance(connection_id, str) else list(connection_id)
    fields = {
        "provider_config_key": provider_config_key,
        "connection_id": ids,
        "metadata": metadata,
    }
    body = _body(MetadataRequest.from_dict, fields, module.__name__.rsplit(".", 1)[-1])
    # Both replacing and merging metadata give the same result when repeated: safe to retry.
    return _op(module._get_kwargs(body=body), _json, retry=True)


def set_metadata(
    provider_config_key: str, connection_id: str | Sequence[str], metadata: Mapping[str, Any]
) -> Op[dict[str, Any]]:
    return _metadata_op(_set_metadata, provider_config_key, connection_id, dict(metadata))


def update_metadata(
    provider_config_key: str, connection_id: str | Sequence[str], metadata: Mapping[str, Any]
) -> Op[dict[str, Any]]:
    return _metadata_op(_update_metadata, provider_config_key, connection_id, dict(metadata))


# -- records --------------------------------------------------------------------------------
def _records_page(data: Any) -> RecordsPage:
    # Checks what RecordsResponse.from_dict would, without building (and dropping) a model per
    # record: that was a quarter of iter_records' time. Records stay plain dicts.
    records = data["records"]
    if not isinstance(records, list):
        raise TypeError("records must be a JSON array")
    for record in records:
        if not isinstance(record, dict) or not isinstance(record["_nango_metadata"], dict):
            raise TypeError("records must be JSON objects with a _nango_metadata object")
    cursor = data.get("next_cursor")
    return RecordsPage(records=records, next_cursor=cursor if cursor else None)


def utc_timestamp(value: str | datetime, where: str) -> str:
    """``value`` as the only form Nango accepts, UTC with ``Z`` (``2026-01-31T08:00:00Z``).

    A datetime or ISO 8601 string must carry its timezone (any offset, converted to UTC): a
    naive one is refused, since Python reads it as local time and Nango would read it as UTC."""
    moment: datetime | None = value if isinstance(value, datetime) else None
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            moment = None
    if not isinstance(moment, datetime) or moment.utcoffset() is None:
        what = "one without a timezone" if isinstance(moment, datetime) else "text that is not one"
        raise InvalidArgumentError(
            f"{where} must be a date-time with a timezone (a datetime such as "
            "datetime.now(timezone.utc), or ISO 8601 such as 2026-01-31T09:00:00Z or "
            f"...+02:00), got {what}; it is sent as UTC with Z"
        )
    utc = moment.astimezone(UTC).replace(tzinfo=None)
    spec = "milliseconds" if utc.microsecond % 1000 == 0 and utc.microsecond else "auto"
    return utc.isoformat(timespec=spec) + "Z"


_PLAIN: frozenset[Callable[[Any], Any]] = frozenset({_none, _json, _records_page})


def list_records(
    *,
    provider_config_key: str,
    connection_id: str,
    model: str,
    cursor: str | None,
    limit: int | None,
    filter: str | None,
    modified_after: str | datetime | None,
    ids: Sequence[str] | None,
    variant: str | None,
) -> Op[RecordsPage]:
    if modified_after is not None:
        modified_after = utc_timestamp(modified_after, "list_records(): modified_after")
    return _op(
        _list_records._get_kwargs(
            model=model,
            cursor=_u(cursor),
            limit=_u(limit),
            filter_=_u(filter),
            modified_after=_u(modified_after),
            ids=_u(list(ids) if ids else None),
            variant=_u(variant),
            connection_id=connection_id,
            provider_config_key=provider_config_key,
        ),
        _records_page,
    )


def prune_records(
    *,
    provider_config_key: str,
    connection_id: str,
    model: str,
    until_cursor: str,
    variant: str | None,
    limit: int | None,
) -> Op[PruneRecordsResponse]:
    fields = {"model": model, "until_cursor": until_cursor, "variant": variant, "limit": limit}
    body = _body(PruneRecordsRequest.from_dict, fields, "prune_records")
    return _op(
        _prune_records._get_kwargs(
            body=body, connection_id=connection_id, provider_config_key=provider_config_key
        ),
        PruneRecordsResponse.from_dict,
        retry=True,
    )


# -- syncs ----------------------------------------------------------------------------------
def _sync_fields(
    provider_config_key: str, syncs: Sequence[str | Mapping[str, str]], connection_id: str | None
) -> dict[str, Any]:
    return {
        "provider_config_key": provider_config_key,
        "connection_id": connection_id,
        "syncs": [s if isinstance(s, str) else dict(s) for s in syncs],
    }


def sync_trigger_opts(reset: bool | None, empty_cache: bool | None) -> dict[str, bool] | None:
    """The ``opts`` of ``POST /sync/trigger`` (``reset``, ``emptyCache``), or None."""
    opts = {"reset": reset, "emptyCache": empty_cache}
    return {k: v for k, v in opts.items() if v is not None} or None


def trigger_sync(
    provider_config_key: str,
    syncs: Sequence[str | Mapping[str, str]],
    connection_id: str | None,
    sync_mode: str | None,
    full_resync: bool | None,
    opts: Mapping[str, bool] | None = None,
) -> Op[None]:
    if opts and (sync_mode is not None or full_resync is not None):
        raise InvalidArgumentError(
            "trigger_sync: pass reset=/empty_cache= or the older sync_mode=/full_resync=, "
            "not both (Nango refuses the mix)"
        )
    fields = {
        **_sync_fields(provider_config_key, syncs, connection_id),
        "opts": dict(opts) if opts else None,
        "sync_mode": sync_mode,
        "full_resync": full_resync,
    }
    body = _body(TriggerSyncRequest.from_dict, fields, "trigger_sync")
    return _op(_trigger_sync._get_kwargs(body=body), _none)


def start_sync(
    provider_config_key: str, syncs: Sequence[str | Mapping[str, str]], connection_id: str | None
) -> Op[None]:
    fields = _sync_fields(provider_config_key, syncs, connection_id)
    body = _body(SyncScheduleRequest.from_dict, fields, "start_sync")
    return _op(_start_sync._get_kwargs(body=body), _none, retry=True)


def pause_sync(
    provider_config_key: str, syncs: Sequence[str | Mapping[str, str]], connection_id: str | None
) -> Op[None]:
    fields = _sync_fields(provider_config_key, syncs, connection_id)
    body = _body(SyncScheduleRequest.from_dict, fields, "pause_sync")
    return _op(_pause_sync._get_kwargs(body=body), _none, retry=True)


def sync_status(
    provider_config_key: str, syncs: str | Sequence[str], connection_id: str | None
) -> Op[list[SyncStatus]]:
    if isinstance(syncs, str) and syncs != "*":
        raise InvalidArgumentError('syncs must be "*" or a list of sync names')
    names = syncs if isinstance(syncs, str) else ",".join(syncs)
    return _op(
        _get_sync_status._get_kwargs(
            provider_config_key=provider_config_key, syncs=names, connection_id=_u(connection_id)
        ),
        lambda d: SyncStatusResponse.from_dict(d).syncs,
    )


def update_sync_frequency(
    provider_config_key: str,
    connection_id: str,
    sync_name: str,
    frequency: str | None,
    sync_variant: str | None,
) -> Op[UpdateSyncFrequencyResponse]:
    fields = {
        "provider_config_key": provider_config_key,
        "connection_id": connection_id,
        "sync_name": sync_name,
        "sync_variant": sync_variant,
    }
    body = _body(
        UpdateSyncFrequencyRequest.from_dict,
        {**_drop_none(fields), "frequency": frequency},
        "update_sync_frequency",
    )
    return _op(_update_frequency._get_kwargs(body=body), UpdateSyncFrequencyResponse.from_dict)


def create_sync_variant(
    provider_config_key: str, connection_id: str, name: str, variant: str
) -> Op[SyncVariant]:
    fields = {"provider_config_key": provider_config_key, "connection_id": connection_id}
    body = _body(SyncVariantRequest.from_dict, fields, "create_sync_variant")
    return _op(_create_sync_variant._get_kwargs(name, variant, body=body), SyncVariant.from_dict)


def delete_sync_variant(
    provider_config_key: str, connection_id: str, name: str, variant: str
) -> Op[None]:
    fields = {"provider_config_key": provider_config_key, "connection_id": connection_id}
    body = _body(SyncVariantRequest.from_dict, fields, "delete_sync_variant")
    return _op(_delete_sync_variant._get_kwargs(name, variant, body=body), _none)


# -- actions --------------------------------------------------------------------------------
def trigger_action(
    provider_config_key: str,
    connection_id: str,
    action_name: str,
    input: Any,
    *,
    run_async: bool,
    idempotent: bool | None,
) -> Op[Any]:
    fields: dict[str, Any] = {"action_name": action_name}
    if input is not None:
        fields["input"] = input
    body = _body(TriggerActionRequest.from_dict, fields, "trigger_action")
    kwargs = _trigger_action._get_kwargs(
        body=body,
        connection_id=connection_id,
        provider_config_key=provider_config_key,
        x_async=True if run_async else UNSET,
    )
    parse: Callable[[Any], Any] = AsyncActionHandle.from_dict if run_async else _json
    return _op(kwargs, parse, retry=idempotent)


def get_async_action_result(action_id: str) -> Op[Any]:
    """By the run's id, or by the ``statusUrl`` (``/action/<id>``) trigger_action_async gave."""
    if action_id.startswith("/action/"):
        action_id = action_id.removeprefix("/action/")
    if not action_id or "/" in action_id:
        raise InvalidArgumentError(
            "get_async_action_result: pass the id or the statusUrl ('/action/<id>') that "
            "trigger_action_async returned"
        )
    return _op(_get_async_action_result._get_kwargs(action_id), _json)


# -- scripts and environment ----------------------------------------------------------------
def list_functions(
    unique_key: str, type: str | None, search: str | None, page: int | None, limit: int | None
) -> Op[FunctionListResponse]:
    kwargs = _list_functions._get_kwargs(
        unique_key, type_=_u(type), search=_u(search), page=_u(page), limit=_u(limit)
    )
    return _op(kwargs, FunctionListResponse.from_dict)


def get_function(unique_key: str, name: str, type: str | None) -> Op[DeployedFunction]:
    return _op(
        _get_function._get_kwargs(unique_key, name, type_=_u(type)),
        lambda d: FunctionResponse.from_dict(d).data,
    )


def get_function_code(unique_key: str, name: str, type: str | None) -> Op[FunctionCode]:
    return _op(
        _get_function_code._get_kwargs(unique_key, name, type_=_u(type)), FunctionCode.from_dict
    )


def delete_function(unique_key: str, name: str, type: str) -> Op[None]:
    return _op(_delete_function._get_kwargs(unique_key, name, type_=type), _none)


def get_scripts_config(
    format: str | None,
) -> Op[list[ScriptsConfigIntegration] | OpenAIFunctionList]:
    def parse(data: Any) -> list[ScriptsConfigIntegration] | OpenAIFunctionList:
        if isinstance(data, list):
            return [ScriptsConfigIntegration.from_dict(item) for item in data]
        return OpenAIFunctionList.from_dict(data)

    return _op(_get_scripts_config._get_kwargs(format_=_u(format)), parse)


def get_environment_variables() -> Op[list[EnvironmentVariable]]:
    return _op(
        _get_environment_variables._get_kwargs(),
        lambda d: [EnvironmentVariable.from_dict(item) for item in (d or [])],
    )


def _positive_id(value: Any, name: str, where: str) -> int:
    """A numeric Nango id; anything else is a clear ValueError before any request."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidArgumentError(
            f"{where}: {name} must be a positive integer (the numeric id "
            f"{'create_environment' if name == 'environment_id' else 'create_api_key'} answered)"
        )
    return value


def create_environment(fields: Mapping[str, Any]) -> Op[CreatedEnvironment]:
    body = _body(CreateEnvironmentRequest.from_dict, fields, "create_environment")
    return _op(
        _create_environment._get_kwargs(body=body),
        lambda d: CreatedEnvironmentResponse.from_dict(d).data,
    )


def delete_environment(environment_id: int) -> Op[None]:
    env = _positive_id(environment_id, "environment_id", "delete_environment")
    return _op(_delete_environment._get_kwargs(env), _none)


def rotate_webhook_signing_key() -> Op[str]:
    return _op(
        _rotate_webhook_signing_key._get_kwargs(),
        lambda d: WebhookSigningKeyResponse.from_dict(d).data.webhook_signing_key,
    )


def create_api_key(environment_id: int, display_name: str) -> Op[CreatedApiKey]:
    fields = {
        "environment_id": _positive_id(environment_id, "environment_id", "create_api_key"),
        "display_name": display_name,
    }
    body = _body(CreateApiKeyRequest.from_dict, fields, "create_api_key")
    return _op(
        _create_api_key._get_kwargs(body=body),
        lambda d: CreatedApiKeyResponse.from_dict(d).data,
    )


def delete_api_key(environment_id: int, key_id: int) -> Op[None]:
    fields = {
        "environment_id": _positive_id(environment_id, "environment_id", "delete_api_key"),
        "key_id": _positive_id(key_id, "key_id", "delete_api_key"),
    }
    body = _body(DeleteApiKeyRequest.from_dict, fields, "delete_api_key")
    return _op(_delete_api_key._get_kwargs(body=body), _none)


# -- functions API --------------------------------------------------------------------------
FINISHED = frozenset({"success", "failed"})  # the final statuses of dry runs and deployments


def compile_function(code: str) -> Op[FunctionCompileResult]:
    body = _body(FunctionCompileRequest.from_dict, {"code": code}, "compile_function")
    return _op(_compile_function._get_kwargs(body=body), FunctionCompileResult.from_dict)


def create_function_dryrun(fields: Mapping[str, Any]) -> Op[FunctionRunHandle]:
    body = _body(FunctionDryrunRequest.from_dict, fields, "create_function_dryrun")
    return _op(_create_dryrun._get_kwargs(body=body), FunctionRunHandle.from_dict)


def get_function_dryrun(run_id: str) -> Op[FunctionDryrun]:
    return _op(_get_dryrun._get_kwargs(run_id), FunctionDryrun.from_dict)


def deploy_function(fields: Mapping[str, Any]) -> Op[FunctionRunHandle]:
    """A source deployment (``code``) or a template deployment (``template``), not both."""
    has_code, has_template = fields.get("code") is not None, fields.get("template") is not None
    if has_code == has_template:
        raise InvalidArgumentError(
            "deploy_function: pass either code= (with function_name= and function_type=) "
            "or template=, not both"
        )
    if has_code:
        source = {**fields, "type": "function"}
        request: Any = _body(FunctionSourceDeployment.from_dict, source, "deploy_function")
    else:
        extra = [k for k in ("function_name", "version", "allow_destructive") if k in fields]
        if any(fields[k] is not None for k in extra):
            raise InvalidArgumentError(
                "deploy_function: function_name=, version= and allow_destructive= go with "
                "code=; a template deployment takes template= and function_type= only"
            )
        template = {k: fields.get(k) for k in ("integration_id", "template", "function_type")}
        request = _body(
            FunctionTemplateDeployment.from_dict,
            {**template, "type": "template"},
            "deploy_function",
        )
    return _op(_create_deployment._get_kwargs(body=request), FunctionRunHandle.from_dict)


def get_function_deployment(run_id: str) -> Op[FunctionDeployment]:
    return _op(_get_deployment._get_kwargs(run_id), FunctionDeployment.from_dict)


# -- derived results ------------------------------------------------------------------------
def credentials_of(connection: ConnectionDetail) -> dict[str, Any]:
    """The connection's credentials as plain data."""
    return dict(connection.credentials.to_dict())


def token_of(connection: ConnectionDetail) -> str | dict[str, Any]:
    """As the Node client: the access token for OAuth 2, token and secret for OAuth 1, else all."""
    credentials = credentials_of(connection)
    kind = credentials.get("type")
    if kind == "OAUTH2" and isinstance(credentials.get("access_token"), str):
        return str(credentials["access_token"])
    if kind == "OAUTH1":
        return {
            "oauth_token": credentials.get("oauth_token"),
            "oauth_token_secret": credentials.get("oauth_token_secret"),
        }
    return credentials


def raw_token_of(connection: ConnectionDetail) -> dict[str, Any]:
    """The provider's own token response kept by Nango (``credentials.raw``), or {}."""
    raw = credentials_of(connection).get("raw")
    return dict(raw) if isinstance(raw, dict) else {}


def metadata_of(connection: ConnectionDetail) -> dict[str, Any]:
    """The connection's custom metadata, {} when it has none."""
    metadata = connection.metadata
    return dict(metadata.to_dict()) if metadata else {}


def newest(connections: Sequence[ConnectionSummary]) -> ConnectionSummary | None:
    """The most recently created connection of a list, or None."""
    return max(connections, key=lambda c: str(c.created or ""), default=None)
