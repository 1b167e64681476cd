"""The footer: the screen's active bindings, drawn as one or two lines of text.

Textual's `Footer` mounts a widget per key and recomposes them all whenever the bindings change,
which on the reading screen (25 keys, bindings refreshed after every tag) cost more than the
keystroke itself. This bar redraws one renderable instead. A click on a key runs its action.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import ActiveBinding, Binding
from textual.dom import DOMNode
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget

from reader.commands import every_command

RANK = {command.id: n for n, command in enumerate(every_command())}
"""Where each binding id stands in the command table: the key bar lists in this order."""

GROUP_ACTION: dict[str, str] = {}
for _command in every_command():
    GROUP_ACTION.setdefault(_command.group, _command.action.split("(")[0])
"""The action of each group's first command: the group's name ("undo") is what it does; a key of
the group that does something else (`^r`, redo) says so itself when it shows alone."""

MAX_LINES = 3
FIRST = ("help", "tag", "select", "note", "clear", "undo", "find", "untagged", "back")
"""On a short terminal the bar has one line: these come first (help lists the rest)."""


def max_lines(height: int) -> int:
    """One line at 24 rows (the text needs them), two up to 36, three above."""
    return 1 if height <= 24 else 2 if height <= 36 else MAX_LINES


@dataclass(frozen=True)
class KeyItem:
    node: DOMNode
    binding: Binding  # the first binding of a group: a click runs it
    enabled: bool
    key: str
    description: str

    @property
    def width(self) -> int:
        return cell_len(self.key) + cell_len(self.description) + 2


class KeyBar(Widget):
    """Every shown binding once (the first key of each action), dimmed when it cannot run now."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key", "key-bar--description", "key-bar--disabled"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._layout: list[list[tuple[int, KeyItem]]] = []
        self._version = 0
        self._cached: tuple[tuple[int, int, int], list[list[tuple[int, KeyItem]]]] | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen:
            self._version += 1
            # A new layout only when the number of lines changes (not when a key is merely dimmed).
            lines = len(self._lines(self.content_region.width or self.size.width))
            self.refresh(layout=lines != len(self._layout))

    def items(self) -> list[KeyItem]:
        """One item per action; the bindings of one group share an item ("c/q/f tag").

        A node may define `key_bar_action(action) -> str` to say what a binding stands for: on the
        reading screen `tag_nth(0)` (key 1) is `tag('claim')` (key c), so 1 is not listed beside c,
        and a label without a letter key shows its number instead ("c/q/f/4 tag").
        """
        seen: set[str] = set()
        items: list[KeyItem] = []
        groups: dict[Binding.Group, int] = {}  # group -> index of its item
        palette: KeyItem | None = None
        for node, binding, enabled, _tooltip in self._in_table_order():
            key = self.app.get_key_display(binding)
            if binding.action in ("app.command_palette", "command_palette"):
                palette = KeyItem(node, binding, enabled, key, binding.description)
                continue
            stands_for = getattr(node, "key_bar_action", None)
            action = stands_for(binding.action) if callable(stands_for) else binding.action
            if not binding.show or action in seen:
                continue
            seen.add(action)
            group = binding.group
            if group is not None and group in groups:
                # A group shows the first key of each binding: "c/q/f tag" (a remapped key included,
                # though the keymap moves it to the end of the bindings).
                at = groups[group]
                first = items[at]
                merged = f"{first.key}/{key.split()[0]}"
                items[at] = KeyItem(
                    first.node, first.binding, first.enabled or enabled, merged, first.description
                )
            elif group is not None:
                groups[group] = len(items)
                # Without its group's first key (u hidden while typing in a box) a key says what it does.
                same = GROUP_ACTION.get(group.description, "") in ("", action.split("(")[0])
                description = group.description if same else binding.description.lower()
                items.append(KeyItem(node, binding, enabled, key.split()[0], description))
            else:
                items.append(KeyItem(node, binding, enabled, key, binding.description))
        # Help first: whatever does not fit is listed there.
        items.sort(key=lambda item: item.binding.id != "help")
        if palette is not None:
            items.append(palette)
        return items

    def _in_table_order(self) -> list[ActiveBinding]:
        """The active bindings, those of groups in the order of `reader.commands` (node by node).

        A keymap moves a remapped binding to the end of its node's bindings; putting the grouped
        ones back in table order keeps "C/q/f tag" in place when claim is remapped to C. The others
        stay where Textual lists them.
        """
        active = list(self.screen.active_bindings.values())
        nodes = {node: n for n, node in enumerate(dict.fromkeys(a.node for a in active))}
        slots = [n for n, a in enumerate(active) if a.binding.group is not None]
        last = len(RANK)
        grouped = sorted(
            (active[n] for n in slots), key=lambda a: (nodes[a.node], RANK.get(a.binding.id or "", last))
        )
        for n, binding in zip(slots, grouped, strict=True):
            active[n] = binding
        return active

    def _lines(self, width: int) -> list[list[tuple[int, KeyItem]]]:
        """Items on at most `max_lines` lines of `width` cells: (x, item); cached per bindings change."""
        lines = max_lines(self.app.size.height)
        key = (width, self._version, lines)
        if self._cached is None or self._cached[0] != key:
            self._cached = (key, self._place(width, lines))
        return self._cached[1]

    def _place(self, width: int, most: int) -> list[list[tuple[int, KeyItem]]]:
        items = self.items()
        if most == 1:  # what fits on one line: the tagging keys before the moving ones
            rank = {name: n for n, name in enumerate(FIRST)}
            items.sort(key=lambda item: rank.get(item.description, len(rank)))
        lines: list[list[tuple[int, KeyItem]]] = [[]]
        x = 0
        for item in items:
            if x + item.width > width and lines[-1]:
                if len(lines) == most:
                    if most == 1:
                        continue  # a shorter one further on may still fit
                    break
                lines.append([])
                x = 0
            lines[-1].append((x, item))
            x += item.width
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Text:
        width = self.content_region.width or self.size.width
        self._layout = self._lines(width)
        key_style = self.get_component_rich_style("key-bar--key", partial=True)
        description_style = self.get_component_rich_style("key-bar--description", partial=True)
        disabled = self.get_component_rich_style("key-bar--disabled", partial=True)
        text = Text(no_wrap=True, overflow="crop", end="")
        for n, line in enumerate(self._layout):
            if n:
                text.append("\n")
            for _, item in line:
                dim = disabled if not item.enabled else None
                text.append(f"{item.key} ", key_style + dim if dim else key_style)
                text.append(f"{item.description} ", description_style + dim if dim else description_style)
        return text

    @property
    def shown(self) -> str:
        """The keys and descriptions as shown (tests)."""
        return " ".join(f"{item.key} {item.description}" for line in self._layout for _, item in line)

    async def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y >= len(self._layout):
            return
        for x, item in self._layout[offset.y]:
            if x <= offset.x < x + item.width and item.enabled:
                await self.app.run_action(item.binding.action, item.node)
                return
