"""What went wrong, as one line for people: every error message of the store, the CLI and the app
goes through here, so none prints a traceback's worth of text or an empty reason."""

from __future__ import annotations


def one_line(exc: BaseException, limit: int = 300) -> str:
    """The message with its whitespace folded (a parser's multi-line report becomes one line), the
    exception's type when the message is empty, cut to `limit` characters."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def os_reason(exc: OSError) -> str:
    """An OS error's reason without its errno and path ("No such file or directory")."""
    return one_line(exc) if exc.strerror is None else str(exc.strerror)
