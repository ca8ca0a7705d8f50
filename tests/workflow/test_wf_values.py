"""The workflow's small values (problems, connect links, references) behave as frozen records."""

from __future__ import annotations

import copy
import pickle

import pytest
from nango_toolbox.workflow.errors import ConnectLink, Problem
from nango_toolbox.workflow.expressions import Ref, parse


def test_equal_and_hashed_by_their_fields() -> None:
    """Two problems with the same fields are equal and hash alike; one field apart, they differ."""
    one = Problem("f.yaml", 3, 5, "/steps/0", "bad")
    assert one == Problem("f.yaml", 3, 5, "/steps/0", "bad")
    assert hash(one) == hash(Problem("f.yaml", 3, 5, "/steps/0", "bad"))
    assert one != Problem("f.yaml", 3, 6, "/steps/0", "bad")
    assert one != ("f.yaml", 3, 5, "/steps/0", "bad")
    assert len({one, Problem("f.yaml", 3, 5, "/steps/0", "bad")}) == 1


def test_read_only() -> None:
    """A field cannot be assigned or deleted after the value is made."""
    ref = Ref("steps", ("a", 0))
    with pytest.raises(AttributeError, match="read-only"):
        ref.root = "inputs"  # type: ignore[misc]
    with pytest.raises(AttributeError, match="read-only"):
        del ref.path  # type: ignore[misc]
    assert ref.root == "steps"


def test_repr_names_every_field() -> None:
    """repr shows the class and each field by name, as a dataclass did."""
    link = ConnectLink("https://x", None, "github", "tok")
    assert repr(link) == (
        "ConnectLink(url='https://x', expires_at=None, integration='github', token='tok', "
        "reconnect=False)"
    )


def test_copy_and_pickle_keep_the_value() -> None:
    """copy, deepcopy and pickle give back an equal value (parsed expressions included)."""
    expr = parse("steps.a.outputs.b == 'x' && !inputs.flag")
    for twin in (copy.copy(expr), copy.deepcopy(expr), pickle.loads(pickle.dumps(expr))):
        assert twin == expr
    link = ConnectLink("https://x", "2026-01-01", "github", "tok", reconnect=True)
    assert pickle.loads(pickle.dumps(link)) == link


def test_every_field_is_a_slot() -> None:
    """Each frozen value's annotated fields are exactly its slots (so none goes unnoticed)."""
    from nango_toolbox._frozen import Frozen
    from nango_toolbox.workflow import expressions

    classes = [Problem, ConnectLink, Ref, expressions._Lit, expressions._Not, expressions._Bin]
    for cls in classes:
        assert issubclass(cls, Frozen)
        assert set(cls.__annotations__) == set(cls.__slots__), cls
