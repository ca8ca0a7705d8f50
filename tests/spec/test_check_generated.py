"""`make check-generated` passes on a faithful copy and catches a hand-edited generated file.

The check runs in a throw-away copy of the repository (Makefile, pyproject, openapi/,
generated/, scripts/, runner/) with the project's virtualenv, so the real working tree is never
touched.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

VENV = Path(sys.prefix)
INSTALLED_STAMP = VENV / "bin" / ".installed"

pytestmark = pytest.mark.skipif(
    shutil.which("make") is None or not INSTALLED_STAMP.exists(),
    reason="needs make and a virtualenv set up by `make setup`",
)


def _copy_project(dest: Path) -> Path:
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy2(ROOT / name, dest / name)
    shutil.copytree(ROOT / "openapi", dest / "openapi")
    for folder in ("generated", "scripts", "runner"):
        shutil.copytree(
            ROOT / folder,
            dest / folder,
            ignore=shutil.ignore_patterns("__pycache__", ".ruff_cache"),
        )
    return dest


def _check_generated(project: Path) -> subprocess.CompletedProcess[str]:
    # -o: never try to (re)install the virtualenv from the copy.
    return subprocess.run(
        [
            "make",
            "-s",
            "-C",
            str(project),
            f"VENV={VENV}",
            "-o",
            str(INSTALLED_STAMP),
            "check-generated",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_check_generated_passes_then_detects_a_hand_edit(tmp_path: Path) -> None:
    """A faithful copy passes; after editing one generated file the check fails with a diff."""
    project = _copy_project(tmp_path)

    clean = _check_generated(project)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "up to date" in clean.stdout

    edited = project / "generated" / "nango_client" / "models" / "integration.py"
    edited.write_text(edited.read_text(encoding="utf-8") + "# tweaked by hand\n", encoding="utf-8")

    stale = _check_generated(project)
    assert stale.returncode != 0
    assert "-# tweaked by hand" in stale.stdout
    assert "edited by hand" in stale.stdout


def test_check_generated_ignores_bytecode(tmp_path: Path) -> None:
    """Bytecode caches that importing the client writes under generated/ are not a difference."""
    project = _copy_project(tmp_path)
    cache = project / "generated" / "nango_client" / "__pycache__"
    cache.mkdir()
    (cache / "client.cpython-311.pyc").write_bytes(b"\x00bytecode")

    result = _check_generated(project)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_generated_detects_a_hand_edited_sync_twin(tmp_path: Path) -> None:
    """Editing the generated Nango (_sync_client.py) instead of its async source fails the check."""
    project = _copy_project(tmp_path)
    twin = project / "runner" / "nango_toolbox" / "_sync_client.py"
    twin.write_text(twin.read_text(encoding="utf-8") + "# tweaked by hand\n", encoding="utf-8")

    result = _check_generated(project)
    assert result.returncode != 0
    assert "-# tweaked by hand" in result.stdout
    assert "run 'make unasync'" in result.stdout


def test_check_generated_detects_a_schema_change_not_compiled(tmp_path: Path) -> None:
    """Changing workflow/schema.json without `make generate` fails: the compiled check is stale."""
    project = _copy_project(tmp_path)
    schema = project / "runner" / "nango_toolbox" / "workflow" / "schema.json"
    text = schema.read_text(encoding="utf-8")
    assert '"syncs"\n' in text
    schema.write_text(text.replace('"syncs"\n', '"syncs",\n"records"\n', 1), encoding="utf-8")

    result = _check_generated(project)
    assert result.returncode != 0
    assert "_schema_check.py is stale or was edited by hand: run 'make generate'" in result.stdout
