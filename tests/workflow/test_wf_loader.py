"""The YAML loader: every value's line and column by JSON pointer, syntax errors located."""

from __future__ import annotations

import pytest
from nango_toolbox.workflow.errors import WorkflowInvalid
from nango_toolbox.workflow.loader import load_path, load_text

TEXT = """\
version: 1
name: demo
steps:
  - id: first
    proxy:
      connection: c
      path: /x
"""


def test_marks_locate_values_and_keys() -> None:
    """Each value and key is found at its 1-based line and column by JSON pointer."""
    document = load_text(TEXT, "demo.yaml")
    assert document.data["steps"][0]["proxy"]["path"] == "/x"
    assert document.marks.at("/steps/0/proxy/path") == (7, 13)
    assert document.marks.at("/steps/0/proxy/path", key=True) == (7, 7)
    assert document.marks.at("/steps/0/proxy/missing") == (6, 7)


def test_syntax_error_has_file_line_and_column() -> None:
    """A YAML syntax error is one problem with the file, line and column of the fault."""
    with pytest.raises(WorkflowInvalid) as caught:
        load_text("version: 1\nsteps: [\n  - id: a\n", "bad.yaml")
    (problem,) = caught.value.problems
    assert problem.file == "bad.yaml"
    assert problem.line == 3
    assert "YAML syntax error" in problem.message


def test_duplicate_keys_are_problems() -> None:
    """A key given twice in a mapping is reported at the second one, not silently replaced."""
    with pytest.raises(WorkflowInvalid) as caught:
        load_text("version: 1\nname: a\nname: b\n", "dup.yaml")
    (problem,) = caught.value.problems
    assert (problem.line, problem.column, problem.pointer) == (3, 1, "/name")
    assert "duplicate key 'name'" in problem.message


def test_missing_file_is_a_problem() -> None:
    """A missing file is reported as a problem naming the path, not an OSError."""
    with pytest.raises(WorkflowInvalid, match="file not found"):
        load_path("/nonexistent/workflow.yaml")


def test_timestamps_stay_strings() -> None:
    """YAML timestamps load as their text so that every value is JSON data."""
    document = load_text("when: 2026-01-02\n", "t.yaml")
    assert document.data == {"when": "2026-01-02"}
