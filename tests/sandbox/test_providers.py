"""The provider catalog: GET /providers, GET /providers/{provider}, --providers-file."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from nango_toolbox.sandbox import Sandbox, SandboxError
from recording_provider import RecordingProvider


def test_catalog_has_real_providers_with_true_auth_modes(sandbox_client: httpx.Client) -> None:
    """The built-in catalog lists at least 15 providers with their real auth modes."""
    data = sandbox_client.get("/providers").json()["data"]
    modes = {p["name"]: p["auth_mode"] for p in data}
    assert len(modes) >= 15
    assert modes["github"] == "OAUTH2"
    assert modes["openai"] == "API_KEY"
    assert modes["sendgrid"] == "API_KEY"
    assert "BASIC" in modes.values() and "OAUTH2_CC" in modes.values()


def test_search_filters_by_name(sandbox_client: httpx.Client) -> None:
    """?search= keeps only matching providers."""
    names = [
        p["name"]
        for p in sandbox_client.get("/providers", params={"search": "google"}).json()["data"]
    ]
    assert names == ["google", "google-calendar", "google-mail"]
    by_display_name = sandbox_client.get("/providers", params={"search": "gmail"}).json()["data"]
    assert by_display_name == []  # Nango searches provider names only


def test_get_provider_and_unknown_provider(sandbox_client: httpx.Client) -> None:
    """GET /providers/github returns its proxy config; an unknown one is 404."""
    github = sandbox_client.get("/providers/github").json()["data"]
    assert github["proxy"]["base_url"] == "https://api.github.com"
    assert github["proxy"]["paginate"]["link_rel_in_response_header"] == "next"
    missing = sandbox_client.get("/providers/nope")
    assert missing.status_code == 404
    assert missing.json() == {"error": {"code": "not_found", "message": "Unknown provider"}}


def test_providers_file_replaces_the_catalog(tmp_path: Path) -> None:
    """--providers-file loads a Nango-format providers.yaml instead of the built-in one."""
    path = tmp_path / "providers.yaml"
    path.write_text(
        "acme:\n  display_name: Acme\n  auth_mode: API_KEY\n  proxy:\n    base_url: https://api.acme.test\n"
    )
    with Sandbox(providers_file=str(path)) as sb:
        response = httpx.get(
            sb.base_url + "/providers", headers={"Authorization": f"Bearer {sb.secret_key}"}
        )
        assert [p["name"] for p in response.json()["data"]] == ["acme"]


def test_bad_providers_file_is_a_one_line_error(tmp_path: Path) -> None:
    """A providers file without auth_mode is refused naming the file and the provider."""
    path = tmp_path / "providers.yaml"
    path.write_text("acme:\n  display_name: Acme\n")
    with pytest.raises(
        SandboxError, match=r"providers\.yaml: provider .acme. needs a mapping with an auth_mode"
    ):
        Sandbox(providers_file=str(path)).start()


def test_alias_providers_inherit_their_base(sandbox_client: httpx.Client) -> None:
    """google-mail (alias: google) gets google's auth mode and pagination with its own base URL."""
    gmail = sandbox_client.get("/providers/google-mail").json()["data"]
    assert gmail["auth_mode"] == "OAUTH2"
    assert gmail["proxy"]["base_url"] == "https://gmail.googleapis.com"
    assert gmail["proxy"]["paginate"]["cursor_name_in_request"] == "pageToken"


def test_providers_file_with_unknown_alias_is_refused(tmp_path: Path) -> None:
    """An alias naming a provider that is not in the file is a clear error."""
    path = tmp_path / "providers.yaml"
    path.write_text("child:\n  alias: parent\n")
    with pytest.raises(
        SandboxError, match="provider 'child' has an unknown or circular alias 'parent'"
    ):
        Sandbox(providers_file=str(path)).start()


# (auth_mode, proxy.base_url, proxy.headers, default_scopes, proxy.retry) as Nango's own
# packages/providers/providers.yaml declares them.
NANGO_ENTRIES: dict[str, tuple[str, str, dict[str, str] | None, list[str] | None, object]] = {
    "stripe": ("OAUTH2", "https://api.stripe.com", None, None, None),
    "stripe-api-key": (
        "BASIC",
        "https://api.stripe.com",
        {"stripe-context": "${connectionConfig.context}"},
        None,
        None,
    ),
    "sendgrid": (
        "API_KEY",
        "https://api.sendgrid.com",
        {"authorization": "Bearer ${apiKey}"},
        None,
        None,
    ),
    "openai": (
        "API_KEY",
        "https://api.openai.com",
        {"authorization": "Bearer ${apiKey}", "content-type": "application/json"},
        None,
        {"after": ["x-ratelimit-reset-requests"]},
    ),
    "slack": ("OAUTH2", "https://slack.com/api", None, None, {"after": ["retry-after"]}),
    "notion": (
        "OAUTH2",
        "https://api.notion.com",
        {"notion-version": "2022-06-28"},
        None,
        {"after": ["retry-after"]},
    ),
    "linear": (
        "OAUTH2",
        "https://api.linear.app",
        None,
        None,
        {
            "at": ["x-ratelimit-requests-reset"],
            "remaining": "x-ratelimit-requests-remaining",
            "error_code": ["400", "5xx", "401", "429"],
        },
    ),
    "jira": ("OAUTH2", "https://api.atlassian.com", None, ["offline_access"], None),
    "salesforce": (
        "OAUTH2",
        "${connectionConfig.instance_url}",
        None,
        ["offline_access"],
        None,
    ),
    "airtable": ("OAUTH2", "https://api.airtable.com", None, None, None),
    "freshdesk": ("BASIC", "https://${connectionConfig.subdomain}.freshdesk.com", None, None, None),
    "zendesk": (
        "OAUTH2",
        "https://${connectionConfig.subdomain}.zendesk.com",
        None,
        None,
        {"after": ["retry-after"]},
    ),
}


@pytest.mark.parametrize("name", sorted(NANGO_ENTRIES))
def test_catalog_entry_matches_nango(sandbox_client: httpx.Client, name: str) -> None:
    """Auth mode, base URL, header templates, default scopes and retry config are Nango's own."""
    auth_mode, base_url, headers, scopes, retry = NANGO_ENTRIES[name]
    provider = sandbox_client.get(f"/providers/{name}").json()["data"]
    proxy = provider.get("proxy") or {}
    assert provider["auth_mode"] == auth_mode
    assert proxy["base_url"] == base_url
    assert proxy.get("headers") == headers
    assert provider.get("default_scopes") == scopes
    assert proxy.get("retry") == retry


def test_catalog_declares_pagination_only_where_nango_does(sandbox_client: httpx.Client) -> None:
    """Airtable, Linear, Salesforce, Freshdesk declare no proxy pagination in Nango; Jira, Zendesk a link one."""
    get = sandbox_client.get
    for name in ("airtable", "linear", "salesforce", "freshdesk"):
        assert "paginate" not in get(f"/providers/{name}").json()["data"]["proxy"]
    jira = get("/providers/jira").json()["data"]["proxy"]["paginate"]
    assert jira["type"] == "link" and jira["link_path_in_response_body"] == "_links.next"
    zendesk = get("/providers/zendesk").json()["data"]["proxy"]["paginate"]
    assert zendesk == {
        "type": "link",
        "limit_name_in_request": "per_page",
        "link_path_in_response_body": "next_page",
    }


def test_freshdesk_verifies_basic_credentials(
    sandbox_client: httpx.Client, fake_provider: RecordingProvider, make_integration
) -> None:  # type: ignore[no-untyped-def]
    """Importing Freshdesk BASIC credentials first calls Nango's verification endpoint."""
    key = make_integration("freshdesk")
    response = sandbox_client.post(
        "/connections",
        json={
            "provider_config_key": key,
            "credentials": {"type": "BASIC", "username": "u", "password": "p"},
            "connection_config": {"subdomain": "acme"},
        },
    )
    assert response.status_code == 201, response.text
    assert fake_provider.last.method == "GET"
    assert fake_provider.last.path == "/api/v2/settings/helpdesk"
