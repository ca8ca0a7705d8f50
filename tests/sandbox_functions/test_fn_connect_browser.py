"""The connect page driven in headless Chromium, as an end user would use it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fn_helpers import unique

CHROMIUM_PATHS = ("/usr/bin/chromium", "/usr/bin/chromium-browser")


def chromium_path() -> str | None:
    for path in CHROMIUM_PATHS:
        if shutil.which(path):
            return path
    return shutil.which("chromium")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium through Playwright (skipped when Chromium is not installed)."""
    path = chromium_path()
    if path is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=path, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        yield chromium
        chromium.close()


def connect_link(http: httpx.Client, integration: str, end_user: str) -> str:
    response = http.post(
        "/connect/sessions",
        json={"end_user": {"id": end_user}, "allowed_integrations": [integration]},
    )
    assert response.status_code == 201, response.text
    link: str = response.json()["data"]["connect_link"]
    return link


def create_integration(http: httpx.Client, provider: str, **extra: Any) -> str:
    key = unique(provider)
    response = http.post("/integrations", json={"unique_key": key, "provider": provider, **extra})
    assert response.status_code == 200, response.text
    return key


def connections_of(http: httpx.Client, key: str, end_user: str) -> list[dict[str, Any]]:
    response = http.get("/connections", params={"integrationId": key, "endUserId": end_user})
    result: list[dict[str, Any]] = response.json()["connections"]
    return result


def test_api_key_connect_page(browser: Any, client: httpx.Client) -> None:
    """Opening the link, filling the API key and submitting shows success and creates the connection."""
    key = create_integration(client, "sendgrid")
    user = unique("user")
    page = browser.new_page()
    page.goto(connect_link(client, key, user))
    page.fill("#apiKey", "sk_live_from_the_browser")
    page.click("#submit")
    page.wait_for_selector("#status[data-state='connected']")
    connection_id = page.text_content("#connection-id")
    page.close()
    [connection] = connections_of(client, key, user)
    assert connection["connection_id"] == connection_id
    detail = client.get(f"/connections/{connection_id}", params={"provider_config_key": key}).json()
    assert detail["credentials"]["apiKey"] == "sk_live_from_the_browser"


def test_oauth2_authorize(browser: Any, client: httpx.Client) -> None:
    """On an OAuth2 integration the user clicks Authorize, sees success, and the connection exists."""
    credentials = {
        "type": "OAUTH2",
        "client_id": "cid",
        "client_secret": "secret",
        "scopes": "repo,user",
    }
    key = create_integration(client, "github", credentials=credentials)
    user = unique("user")
    page = browser.new_page()
    page.goto(connect_link(client, key, user))
    assert page.text_content("#scopes") is not None and "repo" in page.text_content("#scopes")
    page.click("#authorize")
    page.wait_for_selector("#status[data-state='connected']")
    page.close()
    [connection] = connections_of(client, key, user)
    detail = client.get(
        f"/connections/{connection['connection_id']}", params={"provider_config_key": key}
    ).json()
    assert detail["credentials"]["type"] == "OAUTH2" and detail["credentials"]["access_token"]


def test_deny_creates_nothing(browser: Any, client: httpx.Client) -> None:
    """Clicking Deny shows a denial and creates no connection."""
    credentials = {"type": "OAUTH2", "client_id": "cid", "client_secret": "secret"}
    key = create_integration(client, "github", credentials=credentials)
    user = unique("user")
    page = browser.new_page()
    page.goto(connect_link(client, key, user))
    page.click("#deny")
    page.wait_for_selector("#status[data-state='denied']")
    page.close()
    assert connections_of(client, key, user) == []
