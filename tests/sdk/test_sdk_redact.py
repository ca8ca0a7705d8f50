"""Redaction: the one place secrets are masked for humans and logs."""

from __future__ import annotations

from nango_toolbox._redact import (
    MASK,
    credential_values,
    redact_headers,
    redact_text,
    redact_value,
)


def test_sensitive_keys_in_any_spelling_are_masked() -> None:
    """access_token, apiKey, Client-Secret and friends are masked at any depth; others are kept."""
    data = {
        "access_token": "a",
        "apiKey": "b",
        "credentials": {"Client-Secret": "c", "password": "d", "username": "ada"},
        "items": [{"refreshToken": "e"}],
        "expires_at": None,
    }
    assert redact_value(data) == {
        "access_token": MASK,
        "apiKey": MASK,
        "credentials": {"Client-Secret": MASK, "password": MASK, "username": "ada"},
        "items": [{"refreshToken": MASK}],
        "expires_at": None,
    }


def test_names_ending_like_a_credential_are_masked() -> None:
    """Prefixed credential names (github_client_secret, bot_token, OPENAI_API_KEY) are masked,
    while identifiers that merely end in key (unique_key) or start like one (token_type) are not."""
    data = {
        "github_client_secret": "a",
        "bot_token": "b",
        "OPENAI_API_KEY": "c",
        "db_password": "d",
        "unique_key": "github",
        "provider_config_key": "github",
        "token_type": "bearer",
    }
    assert redact_value(data) == {
        "github_client_secret": MASK,
        "bot_token": MASK,
        "OPENAI_API_KEY": MASK,
        "db_password": MASK,
        "unique_key": "github",
        "provider_config_key": "github",
        "token_type": "bearer",
    }


def test_known_secrets_and_bearer_values_leave_text() -> None:
    """A given secret and any Bearer/Basic credential are masked inside free text."""
    text = "key=k-123 header Authorization: Bearer abc.def and Basic dXNlcjpwdw=="
    assert redact_text(text, ["k-123"]) == "key=*** header Authorization: Bearer *** and Basic ***"


def test_bearer_and_basic_in_any_case_are_masked_in_nested_values() -> None:
    """BEARER/bAsIc credentials are masked in any case, in strings nested in lists and objects,
    next to numbers, booleans and nulls that pass as they are."""
    value = {"a": ["BEARER abc", {"b": "bAsIc dXNlcg=="}], "n": 1, "f": 1.5, "t": True, "z": None}
    assert redact_value(value) == {
        "a": ["BEARER ***", {"b": "bAsIc ***"}],
        "n": 1,
        "f": 1.5,
        "t": True,
        "z": None,
    }


def test_credential_headers_are_masked() -> None:
    """Authorization, cookies and Nango-Proxy-Authorization are masked; other headers kept."""
    headers = {
        "Authorization": "Bearer x",
        "Nango-Proxy-Authorization": "y",
        "Cookie": "z",
        "Accept": "*/*",
    }
    assert redact_headers(headers) == {
        "Authorization": MASK,
        "Nango-Proxy-Authorization": MASK,
        "Cookie": MASK,
        "Accept": "*/*",
    }


def test_the_redactors_json_masks_exactly_what_redact_value_masks() -> None:
    """Redactor.json (the MCP answers' path: one dump, no copy when nothing needs masking) gives
    the value and text redact_value gives, for clean values and for every way a secret hides:
    under a sensitive key at any depth, inside a string (also where JSON escapes it), as a whole
    short value, after Bearer/Basic with any space (a newline, a tab) or case, in a tuple, in an
    object shown as text."""
    import json

    from nango_toolbox._cli_output import Redactor

    class Shown:
        def __str__(self) -> str:
            return "holds sk-live-12345"

    redactor = Redactor(
        {"X_SECRET_KEY": "sk-live-12345", "Q_TOKEN": 'se"cr\nt', "P_PASSWORD": "xy"}
    )
    values: list[object] = [
        {"outcome": "ok", "status": 200, "body": {"data": [{"id": "a", "n": 1.5, "ok": True}]}},
        ["plain", None, 3, {"é": "ünïcode"}],
        {"body": {"items": [{"nested": {"bot_token": "t"}}]}},
        {"body": "the key is sk-live-12345."},
        {"body": 'quoted se"cr\nt here'},
        {"body": ["xy"]},
        {"body": ["xyz"]},
        {"body": "Authorization: Bearer\nabc.def"},
        {"body": "basic\tdXNlcjpwYXNz"},
        {"body": "BEARER abc"},
        {"body": "ba\u017fic dXNlcjpwYXNz"},
        {"body": "Basic plan, no credential"},
        {"body": ("tuple", "sk-live-12345")},
        {"body": Shown()},
        {"sk-live-12345": "a secret as a key"},
        {1: "a key that is not a string"},
    ]
    for value in values:
        shown, text = redactor.json(value)
        expected = redactor(value)
        assert shown == expected, value
        assert text == json.dumps(expected, ensure_ascii=False, default=str), value
    clean = values[0]
    assert redactor.json(clean)[0] is clean  # nothing to mask: not copied


def test_credential_values_are_the_secrets_of_a_credentials_object() -> None:
    """The values under credential names at any depth (raw included), not the type, expiry,
    username or ids, which are not secret and would mask ordinary text."""
    oauth2 = {
        "type": "OAUTH2",
        "access_token": "gho_access",
        "refresh_token": "ghr_refresh",
        "expires_at": "2026-12-05T00:00:00Z",
        "raw": {"access_token": "gho_access", "scope": "repo", "id_token": "eyJ.id"},
    }
    assert credential_values(oauth2) == ["gho_access", "ghr_refresh", "gho_access", "eyJ.id"]
    assert credential_values({"type": "API_KEY", "apiKey": "sk-1"}) == ["sk-1"]
    basic = {"type": "BASIC", "username": "ann", "password": "pw-123"}
    assert credential_values(basic) == ["pw-123"]
    assert credential_values({"token": {"nested": ["a1", "", 3]}}) == ["a1"]
    assert credential_values(None) == [] and credential_values("gho_x") == []
