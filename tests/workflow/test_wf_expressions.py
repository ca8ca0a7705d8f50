"""The expression language: typed whole values, text interpolation, operators, named errors."""

from __future__ import annotations

from typing import Any

import pytest
from nango_toolbox.workflow.errors import ExpressionError
from nango_toolbox.workflow.expressions import Unknown, render

SCOPE: dict[str, Any] = {
    "inputs": {"repo": "octo/hello", "count": 3, "flag": False, "labels": ["a", "b"]},
    "steps": {"conn": {"status": "success", "outputs": {"items": [{"id": "x"}, {"id": "y"}]}}},
    "env": {"HOME_DIR": "/home/me"},
}


def test_whole_value_keeps_its_type() -> None:
    """A string that is one expression evaluates to the value itself, not its text."""
    assert render("${{ inputs.count }}", SCOPE) == 3
    assert render("  ${{ inputs.labels }} ", SCOPE) == ["a", "b"]
    assert render("${{ inputs.flag }}", SCOPE) is False


def test_embedded_expressions_render_as_text() -> None:
    """Expressions inside a longer string are written as text (booleans as true/false)."""
    text = "/repos/${{ inputs.repo }}/issues?n=${{inputs.count}}&f=${{ inputs.flag }}"
    assert render(text, SCOPE) == "/repos/octo/hello/issues?n=3&f=false"


def test_paths_walk_mappings_and_list_indexes() -> None:
    """References walk dict keys with dots and list items with [n]."""
    assert render("${{ steps.conn.outputs.items[1].id }}", SCOPE) == "y"
    assert render("${{ steps.conn.outputs.items[-1]['id'] }}", SCOPE) == "y"


def test_env_references_read_the_given_environment() -> None:
    """${{ env.NAME }} reads the environment the run was given."""
    assert render("${{ env.HOME_DIR }}", SCOPE) == "/home/me"


def test_operators_compare_and_combine() -> None:
    """==, !=, &&, || and ! work like in GitHub Actions (|| returns the first truthy operand)."""
    assert render("${{ inputs.count == 3 && !inputs.flag }}", SCOPE) is True
    assert render("${{ inputs.repo != 'octo/hello' }}", SCOPE) is False
    assert render("${{ inputs.flag || 'fallback' }}", SCOPE) == "fallback"
    assert render("${{ (inputs.flag || inputs.count) == 3 }}", SCOPE) is True


def test_short_circuit_skips_the_right_operand() -> None:
    """The right operand of && / || is not evaluated when the left decides."""
    assert render("${{ inputs.flag && inputs.missing }}", SCOPE) is False


def test_unknown_input_names_the_reference_and_what_exists() -> None:
    """An unknown reference is an error naming it and the available keys, never None."""
    with pytest.raises(ExpressionError, match=r"unknown reference inputs\.nope: .*count, flag"):
        render("${{ inputs.nope }}", SCOPE)


def test_unset_environment_variable_says_to_set_it() -> None:
    """A missing environment variable is named and the message says to set it."""
    with pytest.raises(ExpressionError, match="environment variable GITHUB_TOKEN is not set"):
        render("${{ env.GITHUB_TOKEN }}", SCOPE)


def test_index_out_of_range_is_an_error() -> None:
    """An index past the end of a list is reported with the list's length."""
    with pytest.raises(ExpressionError, match="has 2 items, no index 5"):
        render("${{ steps.conn.outputs.items[5] }}", SCOPE)


def test_unknown_root_lists_the_roots() -> None:
    """A reference to an unknown root name lists the valid ones."""
    with pytest.raises(ExpressionError, match="'secrets' is not one of env, inputs, steps"):
        render("${{ secrets.token }}", SCOPE)


@pytest.mark.parametrize(
    "text",
    [
        "${{ __import__('os').system('true') }}",
        "${{ inputs.repo.upper() }}",
        "${{ inputs.count + 1 }}",
        "${{ }}",
        "prefix ${{ inputs.repo",
    ],
)
def test_no_python_evaluation(text: str) -> None:
    """Calls, arithmetic, empty and unclosed expressions are syntax errors, never evaluated."""
    with pytest.raises(ExpressionError):
        render(text, SCOPE)


def test_unknown_values_propagate_in_dry_runs() -> None:
    """A value a dry run could not know stays unknown through paths, text and operators."""
    scope = {
        **SCOPE,
        "steps": {"new": {"status": "planned", "outputs": Unknown("steps.new.outputs")}},
    }
    assert isinstance(render("${{ steps.new.outputs.id }}", scope), Unknown)
    assert isinstance(render("id=${{ steps.new.outputs.id }}", scope), Unknown)
    assert isinstance(render("${{ steps.new.outputs.id == 'x' }}", scope), Unknown)
