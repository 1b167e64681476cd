"""Read JSON Lines and a top-level JSON array one record at a time, so memory does not grow with the file.

Label Studio exports one JSON array of tasks; reading it with `json.load` holds every task at once
(a million annotations are gigabytes of Python objects). `json_array` keeps a sliding text buffer and
`json.JSONDecoder.raw_decode`s one element at a time: one task in memory, plus one read chunk. No
third-party parser is needed for that (ijson would be one more dependency for one loop).
"""

from __future__ import annotations

import codecs
import io
import json
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

from annotations import strictjson
from annotations.importer import ImportFormatError
from annotations.reasons import os_reason

CHUNK = 1 << 16
ELEMENT_CHUNK = 1 << 20  # read ahead of an array's elements: a task of 110 KB no longer parsed twice
_WHITESPACE = " \t\n\r"


def open_binary(path: Path) -> io.BufferedReader:
    try:
        return open(path, "rb")
    except OSError as exc:
        raise ImportFormatError(f"{path}: cannot read ({os_reason(exc)})") from None


def jsonl(path: Path) -> Iterator[tuple[int, Any]]:
    """(line number, value) of every non-blank line; a bad line raises with `file:line`."""
    with open_binary(path) as handle:
        # split on \n only (binary iteration): U+2028 inside a JSON string is not a line end
        for lineno, raw in enumerate(handle, 1):
            if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise ImportFormatError(
                    f"{path}:{lineno}: not UTF-8 text (bad byte at column {exc.start + 1})"
                ) from None
            if not line.strip():
                continue
            try:
                value = strictjson.loads(line)
            except strictjson.JsonProblem as problem:
                raise ImportFormatError(f"{path}:{lineno}:{problem.column}: {problem.reason}") from None
            yield lineno, value


class _Buffer:
    """Decoded text of a file read in chunks; `line` counts the newlines already dropped."""

    def __init__(self, path: Path, handle: io.BufferedReader) -> None:
        self.path = path
        self.handle = handle
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.text = ""
        self.pos = 0
        self.eof = False
        self.read_bytes = 0
        self.line = 1  # line number of text[0]

    def more(self, size: int = CHUNK) -> bool:
        """Append at least one more chunk; False at the end of the file."""
        if self.eof:
            return False
        data = self.handle.read1(size)  # what is there: a pipe's first task parses before the rest
        try:
            self.text += self.decoder.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            offset = self.read_bytes + exc.start
            raise ImportFormatError(f"{self.path}: not UTF-8 text (bad byte at offset {offset})") from None
        self.read_bytes += len(data)
        self.eof = not data
        return True

    def skip_space(self) -> str:
        """The next non-blank character (reading on as needed), '' at the end of the file."""
        while True:
            while self.pos < len(self.text) and self.text[self.pos] in _WHITESPACE:
                self.pos += 1
            if self.pos < len(self.text):
                return self.text[self.pos]
            if not self.more():
                return ""

    def compact(self) -> None:
        if self.pos > CHUNK and self.pos * 2 > len(self.text):  # each character copied once at most
            self.line += self.text.count("\n", 0, self.pos)
            self.text = self.text[self.pos :]
            self.pos = 0

    def where(self, pos: int) -> str:
        line = self.line + self.text.count("\n", 0, pos)
        column = pos - (self.text.rfind("\n", 0, pos) + 1) + 1
        return f"{self.path}:{line}:{column}"

    def fail(self, pos: int, message: str) -> ImportFormatError:
        return ImportFormatError(f"{self.where(pos)}: {message}")


def json_array(path: Path) -> Generator[tuple[int, Any], None, None]:
    """(index, element) of a file holding one JSON array, decoded one element at a time."""
    with open_binary(path) as handle:
        yield from _elements(_Buffer(path, handle))


def json_members(path: Path, streamed: str) -> Generator[tuple[str, Any, Any], None, None]:
    """The members of a file holding one JSON object: ("member", name, value) for each, except the
    array named `streamed`, given as ("element", index, value) one element at a time (our json
    export: its `documents`), so a million annotations are never one Python object."""
    with open_binary(path) as handle:
        buf = _Buffer(path, handle)
        if buf.skip_space() != "{":
            raise buf.fail(buf.pos, "not JSON (expected a top-level object '{')")
        buf.pos += 1
        seen: set[str] = set()
        while True:
            char = buf.skip_space()
            if char == "}" and not seen:
                buf.pos += 1
                break
            if char != '"':
                raise buf.fail(buf.pos, "not JSON (expected a member name in double quotes)")
            at = buf.pos
            name = _decode_one(buf)
            if name in seen:
                raise buf.fail(at, f"duplicate key {name[:40]!r} in one object")
            seen.add(name)
            if buf.skip_space() != ":":
                raise buf.fail(buf.pos, "not JSON (expected ':' after a member name)")
            buf.pos += 1
            if buf.skip_space() == "[" and name == streamed:
                for index, element in _elements(buf, top=False):
                    yield "element", index, element
            else:
                yield "member", name, _decode_one(buf)
            char = buf.skip_space()
            if char == ",":
                buf.pos += 1
                continue
            if char == "}":
                buf.pos += 1
                break
            raise buf.fail(buf.pos, "not JSON (expected ',' or '}' after an object member)")
        if buf.skip_space() != "":
            raise buf.fail(buf.pos, "not JSON (extra data after the object)")


def _elements(buf: _Buffer, top: bool = True) -> Iterator[tuple[int, Any]]:
    first = buf.skip_space()
    if first != "[":
        raise buf.fail(buf.pos, "not JSON (expected a top-level array '[')")
    buf.pos += 1
    index = 0
    while True:
        char = buf.skip_space()
        if char == "]" and index == 0:
            buf.pos += 1
            break
        if char == "":
            raise buf.fail(buf.pos, "not JSON (the array is not closed)")
        yield index, _decode_one(buf)
        index += 1
        char = buf.skip_space()
        if char == ",":
            buf.pos += 1
            continue
        if char == "]":
            buf.pos += 1
            break
        raise buf.fail(buf.pos, "not JSON (expected ',' or ']' after an array element)")
    if top and buf.skip_space() != "":
        raise buf.fail(buf.pos, "not JSON (extra data after the array)")


def _decode_one(buf: _Buffer) -> Any:
    """Decode the element at buf.pos; a failure short of the end of the file reads on and retries.

    The read size doubles on each retry, so an element of n bytes costs O(n log n), not O(n²).
    """
    size = ELEMENT_CHUNK
    while True:
        try:
            value, end = strictjson.raw_decode(buf.text, buf.pos)
        except strictjson.JsonProblem as problem:
            raise buf.fail(buf.pos, problem.reason) from None
        except json.JSONDecodeError as exc:
            if buf.more(size):
                size *= 2
                continue
            raise buf.fail(exc.pos, f"not JSON ({exc.msg})") from None
        if end == len(buf.text) and buf.more(size):
            continue  # a number may go on in the next chunk: decode it again with what follows
        buf.pos = end
        buf.compact()
        return value
