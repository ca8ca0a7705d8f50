"""What a packager types, ``python -m build``, makes a wheel holding every module, data file and
command of the project (build and hatchling are in the dev extra)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _sources(root: Path, package: str) -> set[str]:
    """The package's files as the wheel names them (bytecode caches left out)."""
    base = root / package
    return {
        f"{package}/{path.relative_to(base).as_posix()}"
        for path in base.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def test_python_m_build_makes_a_complete_wheel(tmp_path: Path) -> None:
    """The wheel has every file of nango_toolbox and nango_client (schema.json, providers.yaml,
    py.typed, the skill included) and the nango-run and nango-toolbox commands."""
    built = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = tmp_path.glob("nango_toolbox-*-py3-none-any.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = next(
            archive.read(n).decode() for n in names if n.endswith(".dist-info/entry_points.txt")
        )
    expected = _sources(REPO / "runner", "nango_toolbox") | _sources(
        REPO / "generated", "nango_client"
    )
    assert expected - names == set()
    assert {
        "nango_toolbox/workflow/schema.json",
        "nango_toolbox/sandbox/providers.yaml",
        "nango_toolbox/py.typed",
        "nango_toolbox/skills/nango-toolbox/SKILL.md",
    } <= names
    assert "nango-run = nango_toolbox.cli:main" in entry_points
    assert "nango-toolbox = nango_toolbox.agent.cli:main" in entry_points
