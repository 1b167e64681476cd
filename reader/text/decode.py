"""Bytes to text the way a browser would, never mangling silently."""

from __future__ import annotations

import codecs

# Longest BOMs first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Bytes that never appear in text: C0 controls other than tab, newlines, form feed and ESC.
_BINARY_BYTES = (
    frozenset(range(0x00, 0x09))
    | {0x0E, 0x0F}
    | frozenset(range(0x10, 0x1B))
    | {
        0x1C,
        0x1D,
        0x1E,
        0x1F,
    }
)
_BINARY_DELETE = bytes(sorted(_BINARY_BYTES))


class DecodeError(ValueError):
    """The bytes are not text in any encoding we trust; the message is one line."""


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control bytes in the first 8 KiB, mean a binary file."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    if not head:
        return False
    controls = len(head) - len(head.translate(None, _BINARY_DELETE))  # C speed: runs on every file
    return controls / len(head) > 0.01


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, python codec name); the BOM is removed, newlines are untouched."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {codec} after its byte-order mark: {exc.reason}") from None
            return text.removeprefix("\ufeff"), codec
    if looks_binary(data):
        raise DecodeError("binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _decode_legacy(data)


def _decode_legacy(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    results = list(from_bytes(data))
    if not results or results[0].encoding is None:
        raise DecodeError("undecodable: not UTF-8 and no legacy encoding fits")
    best = results[0]
    # Several Latin code pages often fit equally well; browsers default to windows-1252,
    # so we prefer it whenever it is as clean a fit as the detector's first choice.
    for result in results:
        if result.chaos <= best.chaos + 0.01 and "cp1252" in result.could_be_from_charset:
            best = result
            codec = "cp1252"
            break
    else:
        codec = codecs.lookup(best.encoding).name
    if codec in {"latin-1", "iso8859-1"}:
        codec = "cp1252"
    try:
        return data.decode(codec), codec
    except UnicodeDecodeError:
        pass
    try:
        codec = codecs.lookup(best.encoding).name
        return data.decode(codec), codec
    except (UnicodeDecodeError, LookupError) as exc:
        raise DecodeError(f"undecodable as {codec}: {exc}") from None
