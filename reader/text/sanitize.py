"""Make untrusted article text harmless on a terminal without moving any offset."""

from __future__ import annotations

import re

# C0 controls except tab, LF and CR; DEL; C1 controls (CSI 0x9b starts escape sequences too).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # "␛" for ESC, one code point for one
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def display_safe(text: str) -> str:
    """Replace control characters one for one, so a display offset is a document offset."""
    return _CONTROL.sub(_picture, text)


def has_controls(text: str) -> bool:
    return _CONTROL.search(text) is not None


def snippet(text: str, width: int = 60) -> str:
    """Untrusted text as one harmless line of at most `width` characters, cut with an ellipsis."""
    text = " ".join(display_safe(text[: width * 4]).split())
    return text if len(text) <= width else text[: width - 1] + "…"
