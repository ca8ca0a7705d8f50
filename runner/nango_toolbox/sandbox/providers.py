"""The provider catalog: Nango's providers.yaml format, built-in (providers.yaml here) or a user file."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

OAUTH_MODES = frozenset({"OAUTH1", "OAUTH2", "OAUTH2_CC", "APP", "CUSTOM"})


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
    def is_oauth(self) -> bool:
        return self.auth_mode in OAUTH_MODES

    @property
    def proxy(self) -> dict[str, Any]:
        proxy = self.config.get("proxy") or {}
        return dict(proxy)

    @property
    def default_scopes(self) -> list[str]:
        return [str(s) for s in self.config.get("default_scopes") or []]

    def to_api(self) -> dict[str, Any]:
        """The shape of one item of ``GET /providers``."""
        data: dict[str, Any] = {"name": self.name}
        data.update(self.config)
        data.setdefault("display_name", self.name)
        data.setdefault("logo_url", f"https://app.nango.dev/images/template-logos/{self.name}.svg")
        return data


class ProviderCatalog:
    def __init__(self, providers: dict[str, dict[str, Any]]) -> None:
        self._providers = {
            name: Provider(name, config) for name, config in sorted(providers.items())
        }

    @classmethod
    def builtin(cls) -> ProviderCatalog:
        text = resources.files(__package__).joinpath("providers.yaml").read_text(encoding="utf-8")
        return cls(_parse(text, "built-in providers.yaml"))

    @classmethod
    def from_file(cls, path: str) -> ProviderCatalog:
        """Load a Nango-format providers.yaml; ValueError with the file name when it is unusable."""
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise ValueError(f"{path}: cannot read the providers file ({exc.strerror})") from None
        return cls(_parse(text, path))

    def get(self, name: str) -> Provider | None:
        return self._providers.get(name)

    def all(self) -> list[Provider]:
        return list(self._providers.values())


def _parse(text: str, where: str) -> dict[str, dict[str, Any]]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ValueError(f"{where}: not valid YAML ({exc})") from None
    if not isinstance(data, dict):
        raise ValueError(f"{where}: expected a mapping of provider name to its configuration")
    providers: dict[str, dict[str, Any]] = {}
    for name, config in data.items():
        if not isinstance(config, dict) or "auth_mode" not in config:
            raise ValueError(f"{where}: provider '{name}' needs a mapping with an auth_mode")
        if "alias" in config:
            continue
        providers[str(name)] = config
    return providers
