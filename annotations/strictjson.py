"""JSON as `reader import` reads it: strict, and every failure located by line and column.

Python's json module accepts NaN and Infinity, keeps the last of two equal keys, raises RecursionError
on deep nesting and a bare ValueError for an integer over 4,300 digits; the last two say nowhere where.
Here each is a JsonProblem with a line and a column, found by a second, slower pass over the text that
runs only when parsing has already failed.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

MAX_DEPTH = 64  # our exports nest 6 deep; Python's parser gives up near 1,000
MAX_DIGITS = 20  # an offset has at most 16 digits; longer numbers are refused, not converted


class JsonProblem(ValueError):
    """Not our JSON: `reason` at `line`:`column` (1-based); `syntax` when it is not JSON at all."""

    def __init__(self, line: int, column: int, reason: str, *, syntax: bool = False) -> None:
        super().__init__(f"{line}:{column}: {reason}")
        self.line, self.column, self.reason, self.syntax = line, column, reason, syntax


class _Refused(Exception):
    """Raised from inside the parser's hooks, which are not told where they are."""

    def __init__(self, kind: str) -> None:
        self.kind = kind


def _constant(name: str) -> Any:
    raise _Refused("constant")


def bad_number(token: str) -> bool:
    """An integer longer than MAX_DIGITS, or a float that is that long or not finite (1e999)."""
    if len(token.lstrip("-")) <= MAX_DIGITS:
        try:
            return not math.isfinite(float(token))
        except ValueError:
            return False
    return True


def _int(digits: str) -> int:
    if len(digits) <= MAX_DIGITS:  # most: an int this short is always finite (bad_number's float test)
        return int(digits)
    if bad_number(digits):
        raise _Refused("number")
    return int(digits)


def _float(digits: str) -> float:
    if bad_number(digits):
        raise _Refused("number")
    return float(digits)


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise _Refused("duplicate")
    return obj


def loads(text: str) -> Any:
    """The value in `text`; raises JsonProblem, never RecursionError or a bare ValueError."""
    try:
        return json.loads(
            text, parse_constant=_constant, parse_int=_int, parse_float=_float, object_pairs_hook=_object
        )
    except json.JSONDecodeError as exc:
        raise JsonProblem(exc.lineno, exc.colno, f"not JSON ({exc.msg})", syntax=True) from None
    except _Refused as exc:
        raise _locate(text, exc.kind) from None
    except RecursionError:
        raise _locate(text, "depth") from None
    except ValueError:  # the interpreter's own limit on integer digits, should a hook be bypassed
        raise _locate(text, "number") from None


_STRICT = json.JSONDecoder(
    parse_constant=_constant, parse_int=_int, parse_float=_float, object_pairs_hook=_object
)


def raw_decode(text: str, pos: int = 0) -> tuple[Any, int]:
    """One value at `pos` and where it ends, as `json.JSONDecoder.raw_decode` but strict: a syntax
    error is json.JSONDecodeError as usual (a streaming caller may read on and retry); a refusal is a
    JsonProblem whose line and column count from `pos`."""
    try:
        return _STRICT.raw_decode(text, pos)
    except _Refused as exc:
        raise _locate(text[pos:], exc.kind) from None
    except RecursionError:
        raise _locate(text[pos:], "depth") from None
    except json.JSONDecodeError:
        raise
    except ValueError:
        raise _locate(text[pos:], "number") from None


_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}:]|-?[0-9][0-9.eE+-]*|-?[A-Za-z]+')


def _locate(text: str, kind: str) -> JsonProblem:
    """Walk the tokens to the first place that breaks the rule of `kind` (the parser found one)."""
    stack: list[set[str] | None] = []  # the keys seen in each open object (None for an array)
    last_string = ""
    for match in _TOKEN.finditer(text):
        token, pos = match.group(), match.start()
        reason = None
        if token in "[{":
            stack.append(set() if token == "{" else None)
            if kind == "depth" and len(stack) > MAX_DEPTH:
                reason = f"nested more than {MAX_DEPTH} levels deep"
        elif token in "]}":
            if stack:
                stack.pop()
        elif token.startswith('"'):
            last_string = token
        elif token == ":":
            keys = stack[-1] if stack else None
            key = json.loads(last_string) if last_string else ""
            if kind == "duplicate" and keys is not None and key in keys:
                pos = text.rfind(last_string, 0, pos)
                reason = f"duplicate key {_short(key)!r} in one object"
            if keys is not None:
                keys.add(key)
        elif kind == "constant" and token.lstrip("-") in ("NaN", "Infinity"):
            reason = f"{token} is not a JSON number"
        elif kind == "number" and token[0] in "-0123456789" and bad_number(token):
            reason = f"the number {_short(token, 24)} is out of range (at most {MAX_DIGITS} digits)"
        if reason:
            return JsonProblem(*_line_column(text, pos), reason)
    return JsonProblem(1, 1, {"depth": "nested too deeply"}.get(kind, "not JSON this reader can read"))


def _line_column(text: str, pos: int) -> tuple[int, int]:
    return text.count("\n", 0, pos) + 1, pos - (text.rfind("\n", 0, pos) + 1) + 1


def _short(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"
