"""Validation: one valid document, one change per test, every problem with file:line:column and
JSON pointer, all problems reported at once, through ``nango-run validate`` and the run command."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from nango_toolbox import cli
from nango_toolbox.workflow.errors import WorkflowInvalid
from nango_toolbox.workflow.validate import load_workflow

VALID = """\
version: 1
name: valid
inputs:
  repo:
    type: string
    required: true
  count:
    type: integer
    default: 2
steps:
  - id: gh
    connection:
      integration: github
  - id: repos
    proxy:
      connection: gh
      path: /repos/${{ inputs.repo }}
      max_pages: ${{ inputs.count }}
  - id: each
    for_each:
      items: ${{ steps.repos.outputs.body }}
      steps:
        - id: show
          proxy:
            connection: gh
            path: /x/${{ item.name }}/${{ index }}
outputs:
  body: ${{ steps.repos.outputs.body }}
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "flow.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _validate(tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, Any]:
    path = _write(tmp_path, text)
    code = cli.main(["validate", str(path), "--output", "json"])
    return code, json.loads(capsys.readouterr().out)


def _changed(old: str, new: str) -> str:
    assert VALID.count(old) == 1, old
    return VALID.replace(old, new)


def test_the_valid_document_is_valid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The reference document passes validation with exit code 0."""
    code, doc = _validate(tmp_path, VALID, capsys)
    assert (code, doc["status"], doc["problems"]) == (0, "valid", [])


CASES = [
    pytest.param(
        "version: 1\n", "version: 2\n", "/version", (1, 10), "must be 1", id="wrong-version"
    ),
    pytest.param(
        "name: valid\n",
        "title: valid\n",
        "/title",
        (2, 1),
        "unknown field 'title'",
        id="unknown-top-level-field",
    ),
    pytest.param(
        "      path: /repos/${{ inputs.repo }}\n",
        "      pathh: /repos/${{ inputs.repo }}\n",
        "/steps/1/proxy/pathh",
        (17, 7),
        "unknown field 'pathh'",
        id="unknown-step-field",
    ),
    pytest.param(
        "      integration: github\n",
        "      end_user: {id: u}\n",
        "/steps/0/connection",
        (13, 7),
        "missing required field 'integration'",
        id="missing-required-field",
    ),
    pytest.param(
        "      path: /repos/${{ inputs.repo }}\n",
        "      path: /repos/${{ inputs.repo }}\n      method: FETCH\n",
        "/steps/1/proxy/method",
        (18, 15),
        '"FETCH" is not one of: GET, POST',
        id="bad-enum",
    ),
    pytest.param(
        "      max_pages: ${{ inputs.count }}\n",
        "      max_pages: many\n",
        "/steps/1/proxy/max_pages",
        (18, 18),
        "expected an integer >= 0 or an expression",
        id="wrong-type",
    ),
    pytest.param(
        "  - id: gh\n    connection:\n      integration: github\n",
        "  - id: gh\n    connection:\n      integration: github\n    metadata:\n      connection: x\n",
        "/steps/0",
        (11, 5),
        "exactly one kind, this one has connection and metadata",
        id="two-kinds",
    ),
    pytest.param(
        "  - id: gh\n    connection:\n      integration: github\n",
        "  - id: gh\n",
        "/steps/0",
        (11, 5),
        "the step has no kind; add one of: ensure_integration",
        id="no-kind",
    ),
    pytest.param(
        "  - id: repos\n",
        "  - id: gh\n",
        "/steps/1/id",
        (14, 9),
        "duplicate step id 'gh'",
        id="duplicate-id",
    ),
    pytest.param(
        "  - id: gh\n",
        "  - id: 9gh\n",
        "/steps/0/id",
        (11, 9),
        "is not valid",
        id="bad-id",
    ),
    pytest.param(
        "      items: ${{ steps.repos.outputs.body }}\n",
        "      items: ${{ steps.each.outputs.body }}\n",
        "/steps/2/for_each/items",
        (21, 14),
        "step 'each' does not run before this point",
        id="reference-to-later-step",
    ),
    pytest.param(
        "  body: ${{ steps.repos.outputs.body }}\n",
        "  body: ${{ steps.nope.outputs.body }}\n",
        "/outputs/body",
        (28, 9),
        "unknown step 'nope'",
        id="reference-to-unknown-step",
    ),
    pytest.param(
        "  body: ${{ steps.repos.outputs.body }}\n",
        "  body: ${{ steps.show.outputs.body }}\n",
        "/outputs/body",
        (28, 9),
        "step 'show' runs inside for_each 'each'; read its outputs from steps.each.outputs.results[<n>].outputs.show",
        id="reference-into-for-each-from-outside",
    ),
    pytest.param(
        "      connection: gh\n      path: /repos",
        "      connection: repos\n      path: /repos",
        "/steps/1/proxy/connection",
        (16, 19),
        "step 'repos' does not run before this point",
        id="connection-to-later-step",
    ),
    pytest.param(
        "            connection: gh\n",
        "            connection: repos\n",
        "/steps/2/for_each/steps/0/proxy/connection",
        (25, 25),
        "step 'repos' is a proxy step, not a connection step",
        id="connection-to-non-connection",
    ),
    pytest.param(
        "      path: /repos/${{ inputs.repo }}\n",
        "      path: /repos/${{ inputs.rep }}\n",
        "/steps/1/proxy/path",
        (17, 13),
        "unknown input 'rep' in inputs.rep (declared inputs: count, repo)",
        id="unknown-input",
    ),
    pytest.param(
        "/x/${{ item.name }}/",
        "/x/${{ items.name }}/",
        "/steps/2/for_each/steps/0/proxy/path",
        (26, 19),
        "'items' is not one of env, index, inputs, item",
        id="unknown-root",
    ),
    pytest.param(
        "      path: /repos/${{ inputs.repo }}\n",
        "      path: /repos/${{ inputs.repo + 1 }}\n",
        "/steps/1/proxy/path",
        (17, 13),
        "unexpected character '+'",
        id="bad-expression",
    ),
    pytest.param(
        "      path: /repos/${{ inputs.repo }}\n",
        "      path: /repos/${{ inputs.repo\n",
        "/steps/1/proxy/path",
        (17, 13),
        "unclosed expression",
        id="unclosed-expression",
    ),
    pytest.param(
        "    default: 2\n",
        "    default: two\n",
        "/inputs/count/default",
        (9, 14),
        "the default of input 'count' is a string, but the input's type is integer",
        id="default-of-wrong-type",
    ),
    pytest.param(
        "      items: ${{ steps.repos.outputs.body }}\n",
        "      items: ${{ steps.repos.outputs.body }}\n      concurrency: 0\n",
        "/steps/2/for_each/concurrency",
        (22, 20),
        "0 is not valid: expected an integer >= 1 or an expression",
        id="concurrency-out-of-range",
    ),
]


@pytest.mark.parametrize(("old", "new", "pointer", "position", "message"), CASES)
def test_each_problem_kind_is_located(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    old: str,
    new: str,
    pointer: str,
    position: tuple[int, int],
    message: str,
) -> None:
    """One changed field gives exit code 2 and a problem at its line, column and JSON pointer."""
    code, doc = _validate(tmp_path, _changed(old, new), capsys)
    assert code == 2
    assert doc["status"] == "invalid"
    found = [p for p in doc["problems"] if p["pointer"] == pointer]
    assert found, doc["problems"]
    problem = found[0]
    assert message in problem["message"]
    assert (problem["line"], problem["column"]) == position
    assert problem["file"].endswith("flow.yaml")


def test_yaml_syntax_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Broken YAML is reported with its line and column, not a traceback."""
    code, doc = _validate(
        tmp_path, _changed("      integration: github\n", "      integration: [github\n"), capsys
    )
    assert code == 2
    (problem,) = doc["problems"]
    assert "YAML syntax error" in problem["message"]
    assert problem["line"] == 14


def test_every_problem_is_reported_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Several problems in one file all appear in one report, in file order."""
    text = VALID.replace("version: 1", "version: 3").replace("  - id: repos", "  - id: gh")
    text = text.replace("${{ inputs.repo }}", "${{ inputs.nope }}")
    code, doc = _validate(tmp_path, text, capsys)
    assert code == 2
    pointers = [p["pointer"] for p in doc["problems"]]
    assert pointers == [
        "/version",
        "/steps/1/id",
        "/steps/1/proxy/path",
        "/steps/2/for_each/items",
        "/outputs/body",
    ]


def test_human_report_is_file_line_column_pointer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Human output writes each problem as file:line:column: pointer: message on stderr."""
    path = _write(tmp_path, _changed("version: 1\n", "version: 2\n"))
    assert cli.main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:1:10: /version: must be 1" in err
    assert "1 problem found" in err


def test_validate_accepts_several_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """validate checks every file given and fails if any is invalid."""
    good = tmp_path / "good.yaml"
    good.write_text(VALID, encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(_changed("version: 1\n", "version: 2\n"), encoding="utf-8")
    assert cli.main(["validate", str(good), str(bad)]) == 2
    captured = capsys.readouterr()
    assert f"{good}: valid" in captured.out
    assert f"{bad}:1:10" in captured.err


def test_examples_are_valid(capsys: pytest.CaptureFixture[str]) -> None:
    """Every example workflow shipped in workflows/ validates."""
    examples = sorted(
        str(p) for p in Path(__file__).parents[2].joinpath("workflows").glob("*.yaml")
    )
    assert len(examples) >= 5
    assert cli.main(["validate", *examples]) == 0


# -- inputs given for a run -----------------------------------------------------------------


def _inputs_problems(tmp_path: Path, given: dict[str, Any]) -> list[str]:
    path = _write(tmp_path, VALID)
    with pytest.raises(WorkflowInvalid) as caught:
        load_workflow(str(path), given)
    return [str(p) for p in caught.value.problems]


def test_missing_required_input(tmp_path: Path) -> None:
    """A required input without a value is a problem at its declaration, saying how to pass it."""
    (problem,) = _inputs_problems(tmp_path, {})
    assert problem.endswith(
        ":4:3: /inputs/repo: missing required input 'repo': pass --input repo=<string>"
    )


def test_wrong_input_type(tmp_path: Path) -> None:
    """A value that cannot be converted to the input's type is a problem naming both."""
    (problem,) = _inputs_problems(tmp_path, {"repo": "a/b", "count": "lots"})
    assert "/inputs/count: input 'count': expected an integer, got \"lots\"" in problem


def test_unknown_input(tmp_path: Path) -> None:
    """An input the workflow does not declare is a problem listing the declared ones."""
    (problem,) = _inputs_problems(tmp_path, {"repo": "a/b", "colour": "red"})
    assert (
        "input 'colour' is given but the workflow does not declare it (declared inputs: count, repo)"
        in problem
    )


def test_inputs_are_converted_to_their_types(tmp_path: Path) -> None:
    """Command-line strings become the declared type; defaults fill the rest."""
    path = _write(tmp_path, VALID)
    assert load_workflow(str(path), {"repo": "a/b", "count": "7"}).inputs == {
        "repo": "a/b",
        "count": 7,
    }
    assert load_workflow(str(path), {"repo": "a/b"}).inputs == {"repo": "a/b", "count": 2}


def test_run_reports_document_and_input_problems_together(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The run command checks the file and the inputs before any request, all problems at once."""
    path = _write(tmp_path, _changed("version: 1\n", "version: 2\n"))
    code = cli.main([str(path), "--input", "count=x", "--output", "json"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 2
    assert [p["pointer"] for p in doc["problems"]] == ["/version", "/inputs/repo", "/inputs/count"]
