"""Configuration: secret key and base URL resolution order, .env, errors, repr."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from nango_toolbox import ConfigurationError, Nango
from nango_toolbox._config import resolve_settings, resolve_webhook_signing_key

KEY_ARG = "11111111-1111-4111-8111-111111111111"
KEY_ENV = "22222222-2222-4222-8222-222222222222"
KEY_DOTENV = "33333333-3333-4333-8333-333333333333"
KEY_COMPAT_ENV = "44444444-4444-4444-8444-444444444444"
KEY_COMPAT_DOTENV = "55555555-5555-4555-8555-555555555555"
VARS = (
    "NANGO_TOOLBOX_SECRET_KEY",
    "NANGO_SECRET_KEY",
    "NANGO_SERVER_URL",
    "NANGO_TOOLBOX_WEBHOOK_SIGNING_KEY",
    "NANGO_WEBHOOK_SIGNING_KEY",
)


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Every test runs in an empty directory with none of the variables set."""
    for name in VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write_dotenv(path: Path, **values: str) -> None:
    (path / ".env").write_text("".join(f"{k}={v}\n" for k, v in values.items()))


def test_argument_wins_over_everything(monkeypatch: pytest.MonkeyPatch, clean_env: Path) -> None:
    """The secret_key argument beats both variables in the environment and in .env."""
    monkeypatch.setenv("NANGO_TOOLBOX_SECRET_KEY", KEY_ENV)
    monkeypatch.setenv("NANGO_SECRET_KEY", KEY_COMPAT_ENV)
    write_dotenv(clean_env, NANGO_TOOLBOX_SECRET_KEY=KEY_DOTENV)
    assert resolve_settings(KEY_ARG).secret_key == KEY_ARG


def test_environment_beats_dotenv(monkeypatch: pytest.MonkeyPatch, clean_env: Path) -> None:
    """NANGO_TOOLBOX_SECRET_KEY in the environment beats the same name in .env."""
    monkeypatch.setenv("NANGO_TOOLBOX_SECRET_KEY", KEY_ENV)
    write_dotenv(clean_env, NANGO_TOOLBOX_SECRET_KEY=KEY_DOTENV)
    settings = resolve_settings()
    assert (settings.secret_key, settings.secret_key_source) == (
        KEY_ENV,
        "environment variable NANGO_TOOLBOX_SECRET_KEY",
    )


def test_dotenv_own_name_beats_compat_environment(
    monkeypatch: pytest.MonkeyPatch, clean_env: Path
) -> None:
    """NANGO_TOOLBOX_SECRET_KEY in .env beats NANGO_SECRET_KEY in the environment."""
    monkeypatch.setenv("NANGO_SECRET_KEY", KEY_COMPAT_ENV)
    write_dotenv(clean_env, NANGO_TOOLBOX_SECRET_KEY=KEY_DOTENV)
    assert resolve_settings().secret_key == KEY_DOTENV


def test_compat_environment_beats_compat_dotenv(
    monkeypatch: pytest.MonkeyPatch, clean_env: Path
) -> None:
    """NANGO_SECRET_KEY in the environment beats NANGO_SECRET_KEY in .env."""
    monkeypatch.setenv("NANGO_SECRET_KEY", KEY_COMPAT_ENV)
    write_dotenv(clean_env, NANGO_SECRET_KEY=KEY_COMPAT_DOTENV)
    assert resolve_settings().secret_key == KEY_COMPAT_ENV


def test_compat_dotenv_is_the_last_resort(clean_env: Path) -> None:
    """NANGO_SECRET_KEY in .env is used when nothing else is set, and os.environ stays untouched."""
    write_dotenv(
        clean_env, NANGO_SECRET_KEY=KEY_COMPAT_DOTENV, NANGO_SERVER_URL="http://localhost:3003"
    )
    settings = resolve_settings()
    assert (settings.secret_key, settings.base_url) == (KEY_COMPAT_DOTENV, "http://localhost:3003")
    assert "NANGO_SECRET_KEY" not in os.environ
    assert "NANGO_SERVER_URL" not in os.environ


def test_missing_key_names_both_variables_and_the_dashboard() -> None:
    """Without any key the error names both variables and where to find the key."""
    with pytest.raises(ConfigurationError) as info:
        Nango()
    message = str(info.value)
    assert "NANGO_TOOLBOX_SECRET_KEY" in message
    assert "NANGO_SECRET_KEY" in message
    assert "Environment settings of the Nango dashboard" in message
    assert "\n" not in message


def test_blank_values_count_as_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    """An empty or blank variable does not count as a key."""
    monkeypatch.setenv("NANGO_TOOLBOX_SECRET_KEY", "  ")
    monkeypatch.setenv("NANGO_SECRET_KEY", KEY_COMPAT_ENV)
    assert resolve_settings().secret_key == KEY_COMPAT_ENV


def test_base_url_default_and_precedence(monkeypatch: pytest.MonkeyPatch, clean_env: Path) -> None:
    """Base URL: argument, then NANGO_SERVER_URL (environment, then .env), then api.nango.dev."""
    assert resolve_settings(KEY_ARG).base_url == "https://api.nango.dev"
    write_dotenv(clean_env, NANGO_SERVER_URL="http://dotenv.example:3003")
    assert resolve_settings(KEY_ARG).base_url == "http://dotenv.example:3003"
    monkeypatch.setenv("NANGO_SERVER_URL", "http://env.example:3003/")
    assert resolve_settings(KEY_ARG).base_url == "http://env.example:3003"
    assert resolve_settings(KEY_ARG, "http://localhost:3003").base_url == "http://localhost:3003"


@pytest.mark.parametrize(
    "url",
    ["localhost:3003", "ftp://example.com", "http://", "http://host:99999", "not a url"],
)
def test_invalid_base_url_fails_at_construction(url: str) -> None:
    """An unusable base URL raises ConfigurationError when the client is built."""
    with pytest.raises(ConfigurationError, match="Invalid Nango base URL"):
        Nango(KEY_ARG, url)


def test_base_url_with_credentials_is_refused_without_echoing_them() -> None:
    """A base URL carrying user info is refused and the password is not repeated."""
    with pytest.raises(ConfigurationError) as info:
        Nango(KEY_ARG, "https://user:hunter2@example.com")
    assert "hunter2" not in str(info.value)


def test_repr_hides_the_key() -> None:
    """repr() of a client shows the base URL, never the secret key."""
    client = Nango(KEY_ARG, "http://localhost:3003")
    try:
        assert KEY_ARG not in repr(client)
        assert repr(client) == "Nango(base_url='http://localhost:3003', secret_key='***')"
    finally:
        client.close()


@pytest.mark.parametrize(
    "url", ["ftp://admin:hunter2pw@nango.example", "http://admin:hunter2pw@nango.example:99999"]
)
def test_invalid_base_url_message_hides_the_password(url: str) -> None:
    """A rejected base URL is shown without the password of its user info."""
    with pytest.raises(ConfigurationError) as info:
        Nango(KEY_ARG, url)
    assert "hunter2pw" not in str(info.value)
    assert "***@nango.example" in str(info.value)


def test_missing_key_message_in_the_callers_words() -> None:
    """A caller without a secret_key argument (a command line) gets a message naming only the
    variables and its own option for the URL."""
    with pytest.raises(ConfigurationError) as info:
        resolve_settings(secret_key_argument=None)
    assert "secret_key=" not in str(info.value)
    assert "NANGO_TOOLBOX_SECRET_KEY (or NANGO_SECRET_KEY)" in str(info.value)
    with pytest.raises(ConfigurationError, match=r"\(from --server-url\)"):
        resolve_settings(KEY_ARG, "localhost:3003", base_url_argument="--server-url")


def test_unparsable_dotenv_lines_are_named_not_logged(
    clean_env: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Lines of .env python-dotenv cannot parse are named in the missing-key error, and nothing
    is logged (python-dotenv's own warnings reached stderr from library code)."""
    (clean_env / ".env").write_text(f'not a binding\nNANGO_SECRET_KEY="{KEY_DOTENV}\nOTHER=1\n')
    with caplog.at_level("DEBUG"), pytest.raises(ConfigurationError) as info:
        resolve_settings()
    assert str(info.value).endswith(
        f"({clean_env / '.env'} has lines that could not be read: 1, 2; check their quoting)"
    )
    assert KEY_DOTENV not in str(info.value)
    assert caplog.records == []


def test_dotenv_values_still_interpolate(clean_env: Path) -> None:
    """Readable .env lines keep python-dotenv's ${VAR} interpolation."""
    write_dotenv(clean_env, BASE="localhost:3003", NANGO_SERVER_URL="http://${BASE}")
    assert resolve_settings(KEY_ARG).base_url == "http://localhost:3003"


def test_dotenv_that_is_not_text_is_a_configuration_error(clean_env: Path) -> None:
    """A .env that is not UTF-8 text raises ConfigurationError naming it, not UnicodeDecodeError."""
    (clean_env / ".env").write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ConfigurationError, match=r"\.env \(it is not UTF-8 text\); fix or remove"):
        resolve_settings(KEY_ARG)


SIGNING_ARG = "signing-key-argument-0001"
SIGNING_ENV = "signing-key-environment-0002"
SIGNING_DOTENV = "signing-key-dotenv-0003"
SIGNING_COMPAT_ENV = "signing-key-compat-env-0004"
SIGNING_COMPAT_DOTENV = "signing-key-compat-dotenv-0005"


def test_webhook_signing_key_resolution_order(
    monkeypatch: pytest.MonkeyPatch, clean_env: Path
) -> None:
    """The signing key comes from the argument, then each variable in the secret key's order."""
    write_dotenv(
        clean_env,
        NANGO_TOOLBOX_WEBHOOK_SIGNING_KEY=SIGNING_DOTENV,
        NANGO_WEBHOOK_SIGNING_KEY=SIGNING_COMPAT_DOTENV,
    )
    monkeypatch.setenv("NANGO_WEBHOOK_SIGNING_KEY", SIGNING_COMPAT_ENV)

    def found(argument: str | None = None) -> tuple[str | None, str | None]:
        settings = resolve_settings(KEY_ARG, webhook_signing_key=argument)
        return settings.webhook_signing_key, settings.webhook_signing_key_source

    dotenv = clean_env / ".env"
    assert found() == (SIGNING_DOTENV, f"NANGO_TOOLBOX_WEBHOOK_SIGNING_KEY in {dotenv}")
    monkeypatch.setenv("NANGO_TOOLBOX_WEBHOOK_SIGNING_KEY", SIGNING_ENV)
    assert found() == (SIGNING_ENV, "environment variable NANGO_TOOLBOX_WEBHOOK_SIGNING_KEY")
    assert found(SIGNING_ARG) == (SIGNING_ARG, "the webhook_signing_key argument")
    monkeypatch.delenv("NANGO_TOOLBOX_WEBHOOK_SIGNING_KEY")
    write_dotenv(clean_env, NANGO_WEBHOOK_SIGNING_KEY=SIGNING_COMPAT_DOTENV)
    assert found() == (SIGNING_COMPAT_ENV, "environment variable NANGO_WEBHOOK_SIGNING_KEY")
    monkeypatch.delenv("NANGO_WEBHOOK_SIGNING_KEY")
    assert found() == (SIGNING_COMPAT_DOTENV, f"NANGO_WEBHOOK_SIGNING_KEY in {dotenv}")


def test_without_signing_key_webhooks_use_the_secret_key() -> None:
    """No signing key set: the settings verify webhooks with the secret key (older environments)."""
    settings = resolve_settings(KEY_ARG)
    assert (settings.webhook_signing_key, settings.signing_key_for_webhooks) == (None, KEY_ARG)
    assert resolve_settings(KEY_ARG, webhook_signing_key=SIGNING_ARG).signing_key_for_webhooks == (
        SIGNING_ARG
    )


def test_standalone_signing_key_falls_back_to_the_secret_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without a client, the signing key variables come first, then the secret key variables."""
    monkeypatch.setenv("NANGO_SECRET_KEY", KEY_COMPAT_ENV)
    assert resolve_webhook_signing_key() == (
        KEY_COMPAT_ENV,
        "environment variable NANGO_SECRET_KEY",
    )
    monkeypatch.setenv("NANGO_WEBHOOK_SIGNING_KEY", SIGNING_COMPAT_ENV)
    assert resolve_webhook_signing_key()[0] == SIGNING_COMPAT_ENV


def test_standalone_missing_signing_key_names_the_variables() -> None:
    """With no key anywhere, the error names the argument, both variables and the dashboard."""
    with pytest.raises(ConfigurationError) as caught:
        resolve_webhook_signing_key()
    assert str(caught.value) == (
        "No webhook signing key: pass signing_key=..., or set NANGO_TOOLBOX_WEBHOOK_SIGNING_KEY "
        "(or NANGO_WEBHOOK_SIGNING_KEY) in the environment or in a .env file of the working "
        "directory; the key is in the Nango dashboard under Environment Settings > Webhooks > "
        "Signing key."
    )


def test_settings_repr_hides_both_keys() -> None:
    """repr() of the settings never shows the secret key or the webhook signing key."""
    settings = resolve_settings(KEY_ARG, webhook_signing_key=SIGNING_ARG)
    assert KEY_ARG not in repr(settings) and SIGNING_ARG not in repr(settings)
    assert settings.secrets == [KEY_ARG, SIGNING_ARG]
