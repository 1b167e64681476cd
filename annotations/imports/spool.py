"""Pass one's checked documents in a temporary file, for pass two to read instead of the import file.

Every import reads its file twice: once to check all of it before the store is touched, once to
merge. Parsing and checking the file a second time was a third of a 1M-annotation import; `marshal`
gives the same documents back for a tenth of that. Memory stays one document (it is on disk, not
held); the disk holds about the file's texts and spans until the import ends (the file is unlinked
from the start: nothing is left behind, even after a kill). A spool that cannot be made or written (no
temporary folder, a full disk) is dropped, and pass two reads the import file again as before.
"""

from __future__ import annotations

import contextlib
import marshal
import tempfile
from collections.abc import Iterator
from typing import IO, Any


class Spool:
    def __init__(self) -> None:
        try:
            self._file: IO[bytes] | None = tempfile.TemporaryFile(prefix="reader-import-")  # noqa: SIM115
        except OSError:
            self._file = None

    @property
    def complete(self) -> bool:
        """True while everything kept is there to read back."""
        return self._file is not None

    def keep(self, record: Any) -> None:
        """One document as plain values (tuples, lists, str, int, bool, None)."""
        if self._file is None:
            return
        data = marshal.dumps(record)
        try:
            self._file.write(len(data).to_bytes(8, "little") + data)  # marshal.load(file) reads by the byte
            self._file.flush()  # a full disk says so here, where it is caught, not when reading back
        except OSError:
            self.close()

    def records(self) -> Iterator[Any]:
        """What was kept, in order (only when `complete`)."""
        assert self._file is not None
        self._file.seek(0)
        while size := int.from_bytes(self._file.read(8), "little"):
            yield marshal.loads(self._file.read(size))

    def close(self) -> None:
        file, self._file = self._file, None
        if file is not None:
            with contextlib.suppress(OSError):  # its buffer could not be written (a full disk): unread
                file.close()

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
