"""Loading a functions module (``--functions MODULE``): the built-in functions plus its own."""

from __future__ import annotations

import importlib
import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from . import builtin_functions
from .functions import FunctionRegistry, FunctionsLoadError


def load_functions(
    source: str | ModuleType | Callable[[FunctionRegistry], None] | None,
) -> FunctionRegistry:
    """The built-in functions plus those of ``source`` (module name, ``.py`` path or callable)."""
    registry = FunctionRegistry()
    builtin_functions.register(registry)
    if source is None:
        return registry
    register = source if callable(source) else getattr(_import(source), "register", None)
    if not callable(register):
        raise FunctionsLoadError(
            f"functions module '{source}' has no register(registry) function: define one"
        )
    try:
        register(registry)
    except FunctionsLoadError:
        raise
    except Exception as exc:
        raise FunctionsLoadError(
            f"functions module '{source}': register(registry) failed: {type(exc).__name__}: {exc}"
        ) from exc
    return registry


def _import(source: str | ModuleType) -> ModuleType:
    if isinstance(source, ModuleType):
        return source
    path = Path(source)
    try:
        if source.endswith(".py"):
            if not path.is_file():
                raise FunctionsLoadError(f"functions file '{source}' does not exist")
            spec = importlib.util.spec_from_file_location(f"_sandbox_functions_{path.stem}", path)
            if spec is None or spec.loader is None:
                raise FunctionsLoadError(f"functions file '{source}' cannot be imported")
            module = importlib.util.module_from_spec(spec)
            sys.modules[spec.name] = module
            try:
                spec.loader.exec_module(module)
            except BaseException:
                sys.modules.pop(spec.name, None)
                raise
            return module
        return importlib.import_module(source)
    except FunctionsLoadError:
        raise
    except ModuleNotFoundError as exc:
        raise FunctionsLoadError(
            f"functions module '{source}' not found ({exc.name}): pass a module importable"
            " from the current directory or a path to a .py file"
        ) from None
    except Exception as exc:
        raise FunctionsLoadError(
            f"functions module '{source}' failed to import: {type(exc).__name__}: {exc}"
        ) from exc
