"""The reading screen's search box: hidden until `/`, closed by Enter (search) or Escape."""

from __future__ import annotations

from textual.widgets import Input


class SearchBox(Input):
    """An Input shown on demand; the screen searches on `Input.Submitted` and gives focus back."""

    def open(self) -> None:
        self.add_class("-shown")
        self.focus()

    def close(self) -> None:
        self.remove_class("-shown")

    @property
    def is_open(self) -> bool:
        return self.has_class("-shown")
