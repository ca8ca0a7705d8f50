"""The provider catalog: Nango's providers.yaml format, built-in (providers.yaml here) or a user file."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from .._user_yaml import load_user_yaml


def logo_url(provider: str) -> str:
    """Where Nango serves a provider's logo."""
    return f"https://app.nango.dev/images/template-logos/{provider}.svg"


@dataclass(frozen=True)
class Provider:
    name: str
    config: dict[str, Any]

    @property
    def auth_mode(self) -> str:
        return str(self.config.get("auth_mode", "NONE"))

    @property
    def display_name(self) -> str:
        return str(self.config.get("display_name", self.name))

    @property
    def proxy(self) -> dict[str, Any]:
        proxy = self.config.get("proxy") or {}
        return dict(proxy)

    @property
    def retry_statuses(self) -> frozenset[int]:
        """Extra statuses the provider's ``proxy.retry.error_code`` lists (``5xx`` is implied)."""
        codes = (self.proxy.get("retry") or {}).get("error_code") or []
        return frozenset(int(c) for c in codes if str(c).isascii() and str(c).isdigit())

    @property
    def default_scopes(self) -> list[str]:
        return [str(s) for s in self.config.get("default_scopes") or []]

    def to_api(self) -> dict[str, Any]:
        """The shape of one item of ``GET /providers``."""
        data: dict[str, Any] = {"name": self.name}
        data.update(self.config)
        data.setdefault("display_name", self.name)
        data.setdefault("logo_url", logo_url(self.name))
        return data


class ProviderCatalog:
    def __init__(self, providers: dict[str, dict[str, Any]]) -> None:
        self._providers = {
            name: Provider(name, config) for name, config in sorted(providers.items())
        }

    @classmethod
    def builtin(cls) -> ProviderCatalog:
        text = resources.files(__package__).joinpath("providers.yaml").read_text(encoding="utf-8")
        return cls(_check(yaml.safe_load(text), "built-in providers.yaml"))

    @classmethod
    def from_file(cls, path: str) -> ProviderCatalog:
        """Load a Nango-format providers.yaml; ValueError with the file name when it is unusable."""
        # Nango's whole providers.yaml is well under a MiB; 16 MiB leaves room, and depth and
        # alias bombs are refused before PyYAML's recursive composer sees the text.
        data = load_user_yaml(path, what="providers file", limit=16 * 1024 * 1024)
        return cls(_check(data, path))

    def get(self, name: str) -> Provider | None:
        return self._providers.get(name)

    def all(self) -> list[Provider]:
        return list(self._providers.values())


def _check(data: Any, where: str) -> dict[str, dict[str, Any]]:
    if not isinstance(data, dict):
        raise ValueError(f"{where}: expected a mapping of provider name to its configuration")
    providers: dict[str, dict[str, Any]] = {}
    for name in data:
        providers[str(name)] = _resolve(data, str(name), where, ())
    return providers


def _resolve(data: dict[Any, Any], name: str, where: str, seen: tuple[str, ...]) -> dict[str, Any]:
    """A provider's configuration with its ``alias`` (the provider it extends) merged in."""
    config = data.get(name)
    if not isinstance(config, dict):
        raise ValueError(f"{where}: provider '{name}' needs a mapping with an auth_mode")
    alias = config.get("alias")
    if alias is not None:
        if alias in seen or alias not in data:
            raise ValueError(
                f"{where}: provider '{name}' has an unknown or circular alias '{alias}'"
            )
        config = _merge(_resolve(data, str(alias), where, (*seen, name)), config)
    if "auth_mode" not in config:
        raise ValueError(f"{where}: provider '{name}' needs a mapping with an auth_mode")
    return config


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged
