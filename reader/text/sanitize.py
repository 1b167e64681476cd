"""Make untrusted article text harmless on a terminal without moving any offset."""

from __future__ import annotations

import re

# Bidi formatting characters: embeddings, overrides and isolates reorder what follows them on screen,
# so a sentence could read differently from what is stored and exported; the marks (LRM, RLM, ALM)
# move neutral characters. Shown as ↔.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Invisible characters that hide text boundaries: zero-width space, word joiner, invisible operators,
# a BOM inside the text, the Mongolian vowel separator. Shown as ␣. ZWJ and ZWNJ stay: emoji sequences
# and Arabic and Indic scripts need them, and they cannot reorder anything.
_INVISIBLE = "\u180e\u200b\u2060-\u2064\ufeff"
# C0 controls except tab, LF and CR; DEL; C1 controls (CSI 0x9b starts escape sequences too).
_CONTROL = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}{_INVISIBLE}]")
_BIDI_CHARS = re.compile(f"[{_BIDI}]")


def _picture(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # "␛" for ESC, one code point for one
    if code == 0x7F:
        return "\u2421"  # ␡
    if code <= 0x9F:
        return "\ufffd"
    return "\u2194" if _BIDI_CHARS.match(char) else "\u2423"


def display_safe(text: str) -> str:
    """Replace control, bidi and invisible characters one for one with visible symbols, so a display
    offset is a document offset and the screen shows the stored order."""
    return _CONTROL.sub(_picture, text)


def has_controls(text: str) -> bool:
    return _CONTROL.search(text) is not None


def snippet(text: str, width: int = 60) -> str:
    """Untrusted text as one harmless line of at most `width` characters, cut with an ellipsis."""
    text = " ".join(display_safe(text[: width * 4]).split())
    return text if len(text) <= width else text[: width - 1] + "…"
