"""The article view's line wrapping, apart from the widget: pure, so it is tested alone.

Rows are (start, end) slices of the document text, in order and never wider than asked in terminal
cells, so a screen row maps to document offsets and back with a bisect.
"""

from __future__ import annotations

from rich.cells import cell_len, get_character_cell_size

from reader.text.spans import Span


def wrap(text: str, start: int, end: int, width: int) -> list[Span]:
    """Break text[start:end] into rows of at most `width` cells, at spaces when possible."""
    width = max(1, width)
    rows: list[Span] = []
    pos = start
    while pos < end:
        chunk_end = min(end, pos + width)
        chunk = text[pos:chunk_end]
        if chunk.isascii() or cell_len(chunk) <= width:  # the whole chunk fits (most text with ’ or é)
            limit = chunk_end
        else:
            cells = 0
            limit = pos
            while limit < end:
                size = get_character_cell_size(text[limit])
                if cells + size > width:
                    break
                cells += size
                limit += 1
            if limit == pos:  # a character wider than the row
                limit = pos + 1
        if limit >= end:
            rows.append((pos, end))
            break
        cut = text.rfind(" ", pos + 1, limit + 1)
        if cut <= pos:
            rows.append((pos, limit))
            pos = limit
        else:
            rows.append((pos, cut))
            pos = cut + 1
        while pos < end and text[pos] == " ":
            pos += 1
    return rows
