"""The agent skill shipped in the package (``skills/nango-toolbox/SKILL.md``)."""

from __future__ import annotations

from importlib import resources

__all__ = ["skill_path", "skill_text"]


def skill_path() -> str:
    """Where SKILL.md is installed (to copy or link into an agent's skills directory)."""
    return str(resources.files("nango_toolbox").joinpath("skills/nango-toolbox/SKILL.md"))


def skill_text() -> str:
    """The text of SKILL.md."""
    return (
        resources.files("nango_toolbox")
        .joinpath("skills/nango-toolbox/SKILL.md")
        .read_text(encoding="utf-8")
    )
