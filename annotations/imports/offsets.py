"""Offsets other tools write, turned into ours: code points into the document text.

What each tool counts (the evidence is in docs/imports.md):
- Label Studio: its editor runs in the browser, where a string is UTF-16 code units; older releases
  saved those (label-studio#1347, #539), later ones save code points (label-studio-frontend#308;
  #4988 shows the export right while the display is off). Every span carries `value.text`, so each
  span is read both ways and the one that gives back its text wins.
- doccano: UTF-16 code units (doccano#2290, #99: the offsets come from JavaScript `length`), and its
  files carry no span text to check against: read as UTF-16 unless told otherwise (`--offsets`).
- brat: the standoff docs say characters; files written by brat's own browser client after an
  astral character are off by one per such character (brat#1115). Each `T` line carries its text,
  so brat is checked like Label Studio.
A browser may also hand back text whose CRLF line ends became LF (label-studio#539 has '\\r\\n'); when
neither count gives back the span's text, the same two counts over the text with CRLF as one are tried.
"""

from __future__ import annotations

import re
from bisect import bisect_right

CODEPOINTS = "codepoints"
UTF16 = "utf16"
UNITS = (CODEPOINTS, UTF16)

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_CRLF = re.compile("\r\n")


class TextUnits:
    """One document text and the ways a foreign offset into it can be read, built lazily."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.has_astral = _ASTRAL.search(text) is not None
        self.has_crlf = "\r\n" in text
        self._astral_u16: list[int] | None = None
        self._crlf_cut: list[int] | None = None
        self._lf: TextUnits | None = None

    def utf16_to_cp(self, unit: int) -> int | None:
        """The code point index at UTF-16 offset `unit`; None inside a surrogate pair."""
        if not self.has_astral:
            return unit
        if self._astral_u16 is None:
            # UTF-16 offset of each astral character: its code point index plus the astral ones before it
            self._astral_u16 = [m.start() + k for k, m in enumerate(_ASTRAL.finditer(self.text))]
        before = bisect_right(self._astral_u16, unit - 1)  # astral characters starting before `unit`
        if before and self._astral_u16[before - 1] == unit - 1:
            return None  # between the two halves of a pair
        return unit - before

    def lf_to_crlf(self, index: int) -> int:
        """An index into the text with each CRLF counted as one, as an index into the real text."""
        if self._crlf_cut is None:
            # position of each CRLF in the shortened text: its real position minus the CRLFs before it
            self._crlf_cut = [m.start() - k for k, m in enumerate(_CRLF.finditer(self.text))]
        return index + bisect_right(self._crlf_cut, index - 1)

    def span(self, start: int, end: int, unit: str) -> tuple[int, int] | None:
        """(start, end) in code points, or None when the pair is not a span of this text in `unit`."""
        if unit == UTF16:
            s, e = self.utf16_to_cp(start), self.utf16_to_cp(end)
            if s is None or e is None:
                return None
            start, end = s, e
        if 0 <= start < end <= len(self.text):
            return start, end
        return None

    def resolve(
        self, start: int, end: int, quote: str | None, default: str
    ) -> tuple[tuple[int, int] | None, str]:
        """(code point span or None, how it was read); with a quote, the reading that gives it back.

        Without a quote `default` decides. With one, code points then UTF-16, then both over the text
        with CRLF as one; None when no reading gives back the quote (the caller re-anchors or orphans).
        """
        if quote is None:
            return self.span(start, end, default), default
        units = (CODEPOINTS, UTF16) if self.has_astral else (CODEPOINTS,)
        for unit in units:
            found = self.span(start, end, unit)
            if found is not None and self.text[found[0] : found[1]] == quote:
                return found, unit
        if self.has_crlf:
            if self._lf is None:
                self._lf = TextUnits(self.text.replace("\r\n", "\n"))
            wanted = quote.replace("\r\n", "\n")
            for unit in units:
                found = self._lf.span(start, end, unit)
                if found is None or self._lf.text[found[0] : found[1]] != wanted:
                    continue
                real = self.lf_to_crlf(found[0]), self.lf_to_crlf(found[1])
                if real[0] < real[1]:
                    return real, unit + "+crlf-as-one"
        return None, default


def utf16_length(text: str) -> int:
    return len(text) + len(_ASTRAL.findall(text))
