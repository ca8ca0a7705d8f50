"""Loading a functions module: the documented register(registry) entry point and its errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from nango_toolbox.sandbox import Sandbox
from nango_toolbox.sandbox.functions import FunctionRegistry, FunctionsLoadError
from nango_toolbox.sandbox.loading import load_functions
from nango_toolbox.sandbox.server import SandboxError


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "funcs.py"
    path.write_text(text)
    return str(path)


def test_file_module_is_loaded_with_builtins(tmp_path: Path) -> None:
    """A .py path's register(registry) adds its functions next to the built-in ones."""
    source = write(
        tmp_path,
        "def register(registry):\n"
        "    registry.action('hello', integration='mine')(lambda nango, input: 'hi')\n",
    )
    registry = load_functions(source)
    assert [a.name for a in registry.actions_for("mine", "whatever")] == ["hello"]
    assert {a.name for a in registry.actions_for("gh", "github")} == {"create-issue", "list-repos"}


def test_integration_function_hides_provider_function_of_same_name() -> None:
    """An action registered for an integration replaces the provider-wide one of the same name there."""
    registry = FunctionRegistry()
    registry.action("x", provider="github")(lambda nango, input: 1)
    registry.action("x", integration="special")(lambda nango, input: 2)
    assert registry.find_action("special", "github", "x").fn(None, None) == 2  # type: ignore[arg-type,union-attr]
    assert registry.find_action("other", "github", "x").fn(None, None) == 1  # type: ignore[arg-type,union-attr]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x = 1\n", "has no register(registry) function"),
        ("import not_a_real_module_xyz\n", "not found"),
        ("def register(registry):\n    registry.action('a')(print)\n", "exactly one of provider"),
        (
            "def register(registry):\n    registry.sync('s', provider='p', models={'M': None}, frequency='every second')(print)\n",
            "shorter than the minimum",
        ),
        (
            "def register(registry):\n    raise KeyError('boom')\n",
            "register(registry) failed: KeyError",
        ),
    ],
)
def test_bad_modules_give_one_line_errors(tmp_path: Path, text: str, message: str) -> None:
    """Each mistake in a functions module is one line naming the module and what to do."""
    with pytest.raises(FunctionsLoadError, match=re.escape(message)) as info:
        load_functions(write(tmp_path, text))
    assert "\n" not in str(info.value)


def test_missing_module_names_it() -> None:
    """A module that cannot be imported is reported by name."""
    with pytest.raises(FunctionsLoadError, match="'no_such_functions_module' not found"):
        load_functions("no_such_functions_module")
    with pytest.raises(FunctionsLoadError, match="does not exist"):
        load_functions("/nonexistent/funcs.py")


def test_sandbox_refuses_to_start_with_a_bad_module(tmp_path: Path) -> None:
    """Sandbox(functions=...) with a broken module fails to start with a SandboxError, no traceback text."""
    with pytest.raises(SandboxError, match="register"):
        Sandbox(functions=write(tmp_path, "x = 1\n")).start()
