"""Which files make the corpus, and how each one becomes a Document."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path

from annotations.reasons import os_reason
from reader.text.decode import DecodeError, decode_bytes
from reader.text.document import Document, DocumentError

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES


class CorpusError(ValueError):
    """A path the user named that cannot be used at all (one line)."""


def bundled_seeds() -> Path:
    """The sample articles: inside the installed package, or beside it in a checkout."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "seeds", here.parent / "seeds"):
        if candidate.is_dir():
            return candidate
    raise CorpusError("the bundled seeds are missing from this installation")


def _walk(folder: str) -> list[str]:
    """The absolute path of every article file under `folder`, hidden ones skipped, in the order of
    their relative paths.

    Strings only: a Path per file made discovering 100,000 files take two seconds (a tenth of that
    this way); `Corpus.files` builds the Paths when something asks for them."""
    found: list[str] = []
    for dirpath, dirnames, filenames in os.walk(folder, onerror=None):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        rel_dir = os.path.relpath(dirpath, folder).replace(os.sep, "/")
        prefix = "" if rel_dir == "." else rel_dir + "/"
        found.extend(
            prefix + name
            for name in filenames
            if name[name.rfind(".") :].lower() in SUFFIXES and not name.startswith(".")
        )
    found.sort()  # by relative path, "/"-separated on every system
    base = os.path.join(folder, "")
    if os.sep == "/":
        return [base + rel for rel in found]
    return [base + rel.replace("/", os.sep) for rel in found]


class Corpus:
    """The files a user pointed at, with the root their relative paths are taken from.

    `paths` are the absolute paths as strings, in order; `files` the same as Paths, built on first use
    (a library's start needs only the strings)."""

    __slots__ = ("_files", "paths", "root")

    def __init__(self, root: Path, files: Iterable[Path | str] = ()) -> None:
        self.root = root
        self.paths: tuple[str, ...] = tuple(map(str, files))
        self._files: tuple[Path, ...] | None = None

    @property
    def files(self) -> tuple[Path, ...]:
        if self._files is None:
            self._files = tuple(map(Path, self.paths))
        return self._files

    def relative(self, path: Path) -> str:
        resolved = _resolved(path)
        try:
            return resolved.relative_to(self.root).as_posix()
        except ValueError:
            return resolved.as_posix()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Corpus):
            return NotImplemented
        return (self.root, self.paths) == (other.root, other.paths)

    def __hash__(self) -> int:
        return hash((self.root, self.paths))

    def __repr__(self) -> str:
        return f"Corpus(root={self.root!r}, {len(self.paths)} files)"


def _resolved(path: Path) -> Path:
    """Symlinks followed; a link loop cannot be followed, so its own absolute path names it."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):  # "Symlink loop" (RuntimeError before Python 3.13, OSError after)
        return Path(os.path.abspath(path))


def discover(paths: Sequence[Path | str]) -> Corpus:
    """Files and folders (recursive, hidden skipped) in a stable order; bad paths raise."""
    if not paths:
        paths = [bundled_seeds()]
    found: dict[str, None] = {}
    roots: list[Path] = []
    for raw in paths:
        path = Path(raw).expanduser()
        if not path.exists():
            raise CorpusError(f"no such file or folder: {raw}")
        resolved = path.resolve()
        if resolved.is_dir():
            if not os.access(resolved, os.R_OK | os.X_OK):
                raise CorpusError(f"folder is not readable: {raw}")
            roots.append(resolved)
            files = _walk(str(resolved))
            if len(paths) == 1:
                return Corpus(resolved, files)
            found.update(dict.fromkeys(files))
        else:
            roots.append(resolved.parent)
            found.setdefault(str(resolved), None)
    root = Path(os.path.commonpath([str(r) for r in roots])) if roots else Path.cwd()
    return Corpus(root, found)


def read_regular(path: Path, limit: int = -1) -> bytes:
    """The bytes of a regular file (at most `limit`); a FIFO, socket or device raises OSError.

    Opened without blocking, so a FIFO named like an article cannot hang a scan waiting for a writer.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotARegularFile(path)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(limit)
    finally:
        os.close(fd)


class NotARegularFile(OSError):
    """A FIFO, socket or device: never read, it could block or never end."""


def read_document(path: Path) -> Document:
    """Decode one file; any failure becomes a DocumentError with a one-line reason."""
    try:
        data = read_regular(path)
    except NotARegularFile:
        raise DocumentError(path, "not a regular file (a pipe, socket or device)") from None
    except FileNotFoundError:
        raise DocumentError(path, "file not found") from None
    except PermissionError:
        raise DocumentError(path, "permission denied") from None
    except IsADirectoryError:
        raise DocumentError(path, "is a folder, not a file") from None
    except OSError as exc:
        raise DocumentError(path, os_reason(exc).lower()) from None
    try:
        text, encoding = decode_bytes(data)
    except DecodeError as exc:
        raise DocumentError(path, str(exc)) from None
    if path.suffix.lower() in HTML_SUFFIXES:
        from reader.text.html import extract_article

        return extract_article(path, text, encoding)
    return Document.from_text(text, path=path, encoding=encoding)
