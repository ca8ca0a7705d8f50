"""`nango-run validate` reads its usual command lines by hand exactly as its argparse parser would."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nango_toolbox import cli

TOKENS = ["a.yaml", "b.yaml", "--output", "json", "human", "xml", "--output=json", "--output="]
TOKENS += ["--output=human", "--out", "-h", "--", "-", "--verbose", ""]


def _argparse(argv: list[str]) -> tuple[list[str], str] | None:
    try:
        args = cli._validate_parser().parse_args(argv)
    except (cli._UsageError, SystemExit):
        return None
    return args.files, args.output


@settings(max_examples=500, derandomize=True, deadline=None)  # a busy machine: no timing
@given(st.lists(st.sampled_from(TOKENS), max_size=6))
def test_hand_reading_agrees_with_argparse(argv: list[str]) -> None:
    """Whatever the hand reading accepts, argparse accepts with the same files and output."""
    usual = cli._usual_validate_arguments(argv)
    if usual is not None:
        assert usual == _argparse(argv)


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["a.yaml"], (["a.yaml"], "human")),
        (["a.yaml", "b.yaml", "--output", "json"], (["a.yaml", "b.yaml"], "json")),
        (["--output=json", "a.yaml"], (["a.yaml"], "json")),
        (["a.yaml", "--output", "json", "b.yaml"], None),  # argparse refuses the second run
        (["--help"], None),
        (["--out", "json", "a.yaml"], None),  # an abbreviation: left to argparse
        ([], None),
    ],
)
def test_usual_command_lines(argv: list[str], expected: tuple[list[str], str] | None) -> None:
    """The usual forms are read by hand; the rest is left to argparse (None)."""
    assert cli._usual_validate_arguments(argv) == expected
