"""The reading screen's search box: hidden until `/`, closed by Enter (search) or Escape."""

from __future__ import annotations

from collections.abc import Mapping

from textual import events
from textual.binding import ActiveBinding
from textual.widgets import Input


class SearchBox(Input):
    """An Input shown on demand; the screen searches on `Input.Submitted` and gives focus back.

    `focus()` takes effect in a later call, so keys typed right after `/` (one read of the terminal:
    "/district", or `c` within 100 ms on a large document) still reach the focused article and its tag
    keys. From `open` until the focus arrives the screen hands every key to `hold`, and they are
    replayed here, in order, as if typed into the box.
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._early: list[events.Key] | None = None  # None: not opening

    def open(self) -> None:
        self.add_class("-shown")
        self._early = []
        self.focus()

    def close(self) -> None:
        self._early = None
        self.remove_class("-shown")

    @property
    def is_open(self) -> bool:
        return self.has_class("-shown")

    def take(self, event: events.Key, bindings: Mapping[str, ActiveBinding]) -> bool:
        """For the screen's `on_key`: True when the key is the box's (the screen stops it).

        The search key opens the box right here, in key order: a binding runs only once its key has
        bubbled up to the app, behind the rest of a burst, so `c` after `/` would have tagged first.
        """
        if self.hold(event):
            return True
        found = bindings.get(event.key)
        if found is not None and found.enabled and found.binding.action == "search":
            self.open()
            return True
        return False

    def hold(self, event: events.Key) -> bool:
        """Keep a key that arrived before the focus; True when kept (the caller stops the event).

        Escape is never kept: it closes the box, and a key that cannot close it would trap the user.
        """
        if self._early is None or self.has_focus or event.key == "escape":
            return False
        self._early.append(event)
        return True

    def _on_focus(self, event: events.Focus) -> None:
        super()._on_focus(event)
        early, self._early = self._early or [], None
        for key in early:  # through the box's own handling: text is inserted, Enter submits
            self.post_message(events.Key(key.key, key.character))
