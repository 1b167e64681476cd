"""Every error shown to people is one line with a reason in it."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotations.reasons import one_line, os_reason


def test_a_multi_line_message_is_folded_and_an_empty_one_named() -> None:
    try:
        json.loads('{"a":\n\n  }')
    except ValueError as exc:
        assert "\n" not in one_line(exc) and one_line(exc).startswith("Expecting value")
    assert one_line(KeyError()) == "KeyError"
    assert one_line(RuntimeError("x" * 500), limit=20) == "x" * 19 + "…"


def test_an_os_error_gives_its_reason_without_the_errno() -> None:
    with pytest.raises(OSError) as caught:
        open("/nonexistent/folder/file")  # noqa: SIM115
    assert os_reason(caught.value) == "No such file or directory"
    assert os_reason(OSError("plain")) == "plain"


@given(st.text())
def test_any_message_becomes_one_line(message: str) -> None:
    line = one_line(ValueError(message))
    assert line and "\n" not in line and "\r" not in line and len(line) <= 300
