"""The article, rendered with the Line API: one widget however long the text.

The text is wrapped here into rows, each a (start, end) slice of the document text, so screen rows map
to document offsets and back with a bisect. Only the visible rows are ever styled. Article text is
data: it becomes `Segment`s after `display_safe`, never markup.

Each sentence starts a row, and its gutter marks are on that row only: a row never holds the start
of two sentences, so the marks read per sentence without colour (as brat shows one sentence a line).
When other annotators' tags are shown, a column says whose the marks are: `+` yours and someone
else's, `~` only someone else's (blank: yours alone).

What is tagged comes from a `Marks` the screen keeps up to date; after a key only the rows of the
spans that changed are drawn again.

A `j` that scrolls repaints every row on screen (Textual has no scrolled copy of the old ones), so
each drawn row is kept (`_strips`) with the cursor and selection it was drawn with, and a row is
styled again only when those or its marks, overlays or width changed: a scroll styles the cursor's
rows alone.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import ClassVar, NamedTuple

from rich.cells import get_character_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from annotations.model import DEFAULT_LABELS
from reader.services.tag_marks import Marks
from reader.text.sanitize import display_safe
from reader.text.spans import Span
from reader.widgets.wrap import wrap

_AS_SPACE = str.maketrans({"\t": " ", "\n": " ", "\r": " "})

MARKS = {"claim": "C", "quote": "Q", "fact": "F"}
NOTE_MARK = "*"  # in its own gutter column: a tag on the sentence has a note
WHOSE_MARKS = {"both": "+", "theirs": "~"}  # yours and another annotator's / only someone else's
MEASURE = 90  # the widest text row, in cells: long lines are hard to read on a wide terminal
KEPT_ROWS = 2048  # drawn rows kept for scrolling back over them (a few screens' worth, whatever the text)


def mark_for(label: str) -> str:
    """The letter that tells a label apart without colour."""
    return MARKS.get(label, label[:1].upper() or "?")


class Overlay(NamedTuple):
    """An extra layer of styled spans (search hits, suggestions); `mark` goes in the gutter.

    A named tuple: a long article has thousands, rebuilt after each change, and a tuple is built
    three times faster than a frozen dataclass (and sorts by span without a key).
    """

    start: int
    end: int
    style: str  # a component class of ArticleView, e.g. "article-view--hit"
    mark: str = ""


class ArticleView(ScrollView, can_focus=True, inherit_bindings=False):
    """Paragraphs of sentences with a sentence cursor, a selection, label marks and overlays."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-view--cursor",
        "article-view--selection",
        "article-view--gutter",
        "article-view--claim",
        "article-view--quote",
        "article-view--fact",
        "article-view--label",
        "article-view--hit",
        "article-view--suggestion",
        "article-view--untaggable",
    }

    @dataclass
    class CursorMoved(Message):
        view: ArticleView
        sentence: int

    def __init__(self, *, labels: Sequence[str] = DEFAULT_LABELS, **kwargs) -> None:
        super().__init__(**kwargs)
        self.labels = tuple(labels)
        self._text = ""
        self._display = ""
        self._paragraphs: list[Span] = []
        self.sentences: list[Span] = []
        self._sentence_starts: list[int] = []
        self._rows: list[Span | None] = []  # None: the blank row between paragraphs
        self._row_starts: list[int] = []  # starts of the text rows, ascending
        self._row_index: list[int] = []  # screen row of each text row
        self._wrap_width = -1
        self.cursor = 0
        self.selection_anchor: int | None = None
        self._just_loaded = False
        self._base_style: Style | None = None
        self._marks = Marks(self.labels, "")
        self._whose_column = False  # other annotators' tags are shown (and review mode is off)
        self._overlays: list[Overlay] = []
        self._overlay_starts: list[int] = []
        self._overlay_reach = 0
        self._untaggable: frozenset[int] = frozenset()  # sentence indexes: headings, captions, a date
        self._who: list[tuple[int, int, str]] = []  # review mode: annotator letters per span
        self._who_starts: list[int] = []
        self._who_reach = 0
        self._who_width = 0
        # row -> ((what of the cursor and selection it shows, scroll x, width), the row as drawn)
        self._strips: dict[int, tuple[tuple[object, ...], Strip]] = {}

    # -- content -----------------------------------------------------------------------------------

    @property
    def gutter_width(self) -> int:
        # cursor, `?` (a suggestion), a letter per label, whose (`+`/`~`, with others' tags), `*` (a
        # note), a space; review mode's letters and a space
        whose = 1 if self._whose_column else 0
        return len(self.labels) + 4 + whose + (self._who_width + 1 if self._who_width else 0)

    def load(self, text: str, paragraphs: Sequence[Span], sentences: Sequence[Span], cursor: int = 0) -> None:
        """Show a new document (or a new analysis of the same one)."""
        self._text = text
        # one for one, so offsets hold: a tab, and the line breaks inside a hard-wrapped paragraph
        # (shown as one paragraph, rewrapped to the screen)
        self._display = display_safe(text).translate(_AS_SPACE)
        self._paragraphs = list(paragraphs)
        self.sentences = list(sentences)
        self._sentence_starts = [s for s, _ in self.sentences]
        self._untaggable = frozenset()
        self.selection_anchor = None
        self.cursor = max(0, min(cursor, len(self.sentences) - 1))
        self._wrap_width = -1  # `_rewrap` forgets the drawn rows too
        self._rewrap()
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._show_cursor()
        self.refresh()
        self._just_loaded = True
        # The new virtual size only bounds scrolling after the next layout: show the cursor again then.
        self.call_after_refresh(self._settle_after_load)

    def set_marks(self, marks: Marks, changed: Sequence[Span] | None = None) -> None:
        """What is tagged (the shown annotations, kept up to date by the screen); `changed`: the spans
        a key changed, whose rows alone are drawn again (None: every row)."""
        self._marks = marks
        whose = bool(marks.others) and not self._who_width
        if whose != self._whose_column:
            self._whose_column = whose
            changed = None
            if self._text:
                self._wrap_width = -1
                self._rewrap()
        if changed is None:
            self._restyle_all()
        else:
            self._refresh_spans(changed)

    def _restyle_all(self) -> None:
        """Every row's look changed (all marks, overlays, dimmed sentences, the whose column): none of
        the kept rows may be drawn again as it was."""
        self._strips.clear()
        self.refresh()

    def _refresh_spans(self, spans: Iterable[Span]) -> None:
        """Draw again the rows on screen that show these spans (and their sentences' gutter marks);
        forget them as drawn off screen too."""
        top = int(self.scroll_y)
        bottom = top + max(1, self.scrollable_content_region.height)
        for start, end in spans:
            first = self.row_of(self.sentences[self.sentence_at(start)][0]) if self.sentences else 0
            last = self.row_of(max(start, end - 1))
            self._forget_rows(first, last)
            first, last = max(first, top), min(last, bottom)
            if first <= last:
                self.refresh_lines(first, last - first + 1)

    def _forget_rows(self, first: int, last: int) -> None:
        """Rows first..last are to be styled again when next drawn."""
        strips = self._strips
        if last - first < len(strips):
            for row in range(first, last + 1):
                strips.pop(row, None)
        else:
            for row in [r for r in strips if first <= r <= last]:
                del strips[row]

    def set_untaggable(self, indexes: Iterable[int]) -> None:
        """Sentences that are not there to tag (headings, captions): dimmed, skipped by `]`."""
        self._untaggable = frozenset(indexes)
        self._restyle_all()

    def is_taggable(self, index: int) -> bool:
        return index not in self._untaggable

    def set_overlays(self, overlays: Iterable[Overlay]) -> None:
        ordered = sorted(overlays)  # tuples: by start, then end
        if ordered == self._overlays:
            return  # the same (a tag that answered no suggestion): every row would be drawn for nothing
        self._overlays = ordered
        self._overlay_starts = [o.start for o in self._overlays]
        self._overlay_reach = max((o.end - o.start for o in self._overlays), default=0)
        self._restyle_all()

    def change_overlays(self, gone: Sequence[Overlay], new: Sequence[Overlay]) -> None:
        """Take some overlays away and add others, redrawing their rows only (a tag that answers one
        suggestion of thousands)."""
        overlays, starts = self._overlays, self._overlay_starts
        for overlay in gone:
            i = bisect_left(overlays, overlay)
            if i < len(overlays) and overlays[i] == overlay:
                del overlays[i], starts[i]
        for overlay in new:
            i = bisect_left(overlays, overlay)
            overlays.insert(i, overlay)
            starts.insert(i, overlay.start)
            self._overlay_reach = max(self._overlay_reach, overlay.end - overlay.start)
        self._refresh_spans((o.start, o.end) for o in (*gone, *new))

    def set_who(self, marks: Sequence[tuple[int, int, str]], width: int) -> None:
        """Review mode: (start, end, letters of who tagged it), drawn in a gutter column `width` wide."""
        if not marks and not self._who and width == self._who_width == 0:
            return  # review mode stays off: nothing to redraw
        rewrap = width != self._who_width
        if width and self._whose_column:
            self._whose_column, rewrap = False, True  # the letters say whose
        elif not width and bool(self._marks.others) != self._whose_column:
            self._whose_column, rewrap = bool(self._marks.others), True
        self._who = sorted(marks)
        self._who_starts = [m[0] for m in self._who]
        self._who_reach = max((e - s for s, e, _ in self._who), default=0)
        self._who_width = width
        if rewrap and self._text:
            self._wrap_width = -1
            self._rewrap()
        self._restyle_all()

    def _who_segments(self, start: int, end: int, gutter: Style) -> list[Segment]:
        lo = bisect_left(self._who_starts, start - self._who_reach)
        hi = bisect_left(self._who_starts, end)
        letters = sorted({c for s, e, m in self._who[lo:hi] if e > start and s < end for c in m})
        text = "".join(letters)
        if len(text) > self._who_width:
            text = text[: self._who_width - 1] + "+"
        return [Segment(text.ljust(self._who_width) + " ", gutter + self._style("article-view--label"))]

    def labels_at(self, start: int, end: int) -> list[str]:
        return [label for label in self.labels if self._marks.label_over(label, start, end)]

    # -- geometry ----------------------------------------------------------------------------------

    def _text_width(self) -> int:
        return max(10, min(MEASURE, self.scrollable_content_region.width - self.gutter_width))

    def _rewrap(self) -> None:
        width = self._text_width() if self.size.width else 80
        if width == self._wrap_width:
            return
        self._wrap_width = width
        self._strips.clear()
        rows: list[Span | None] = []
        starts: list[int] = []
        index: list[int] = []
        sentence_starts = self._sentence_starts
        for n, (a, b) in enumerate(self._paragraphs):
            if n:
                rows.append(None)
            lo, hi = bisect_right(sentence_starts, a), bisect_left(sentence_starts, b)
            cuts = [a, *sentence_starts[lo:hi], b]
            for piece_start, piece_end in pairwise(cuts):
                for row in wrap(self._display, piece_start, piece_end, width):
                    starts.append(row[0])
                    index.append(len(rows))
                    rows.append(row)
        self._rows, self._row_starts, self._row_index = rows, starts, index
        self.virtual_size = Size(width + self.gutter_width, len(rows))

    def on_resize(self, event: events.Resize) -> None:
        if self._text_width() != self._wrap_width and self._paragraphs:
            self._rewrap()
            self._show_cursor()
        self.refresh()

    def row_of(self, offset: int) -> int:
        """The screen row showing a document offset."""
        i = bisect_right(self._row_starts, offset) - 1
        return self._row_index[max(0, i)] if self._row_index else 0

    def sentence_rows(self, index: int) -> tuple[int, int]:
        start, end = self.sentences[index]
        return self.row_of(start), self.row_of(max(start, end - 1))

    def offset_visible(self, offset: int) -> bool:
        """Whether the row showing `offset` is on screen now."""
        top = int(self.scroll_y)
        return top <= self.row_of(offset) < top + max(1, self.scrollable_content_region.height)

    def sentence_at(self, offset: int) -> int:
        """The sentence containing `offset`, else the next one (else the last)."""
        if not self.sentences:
            return 0
        i = bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and self.sentences[i][1] > offset:
            return i
        return min(i + 1, len(self.sentences) - 1)

    def sentence_on_row(self, row: int) -> int:
        """The first sentence that shows on a screen row (or after it)."""
        for y in range(max(0, row), len(self._rows)):
            span = self._rows[y]
            if span is not None:
                return self.sentence_at(span[0])
        return len(self.sentences) - 1

    # -- cursor ------------------------------------------------------------------------------------

    @property
    def selection(self) -> Span | None:
        """(first, last) sentence indexes of the selection, when one is active."""
        if self.selection_anchor is None:
            return None
        return (min(self.selection_anchor, self.cursor), max(self.selection_anchor, self.cursor))

    @property
    def target(self) -> Span | None:
        """The document span the next command acts on: the selection, else the cursor's sentence."""
        if not self.sentences:
            return None
        first, last = self.selection or (self.cursor, self.cursor)
        return self.sentences[first][0], self.sentences[last][1]

    def _settle_after_load(self) -> None:
        self._just_loaded = False
        self._show_cursor()

    def move_to(self, index: int, *, keep_scroll: bool = False) -> None:
        if not self.sentences:
            return
        index = max(0, min(index, len(self.sentences) - 1))
        previous, scroll = self.cursor, self.scroll_offset
        self.cursor = index
        self._show_cursor(keep_scroll=keep_scroll)
        if self._just_loaded:
            self.call_after_refresh(self._show_cursor)
        if self.scroll_offset == scroll and previous < len(self.sentences):
            # Only the rows of the old and the new cursor (and a selection between them) change.
            a0, a1 = self.sentence_rows(previous)
            b0, b1 = self.sentence_rows(index)
            if self.selection_anchor is not None:
                first, last = min(a0, b0), max(a1, b1)
                self.refresh_lines(first, last - first + 1)
            else:
                self.refresh_lines(a0, a1 - a0 + 1)
                self.refresh_lines(b0, b1 - b0 + 1)
        else:
            self.refresh()
        self.post_message(self.CursorMoved(self, index))

    def page(self, direction: int) -> None:
        """Scroll a page and put the cursor on the first sentence in view."""
        height = max(1, self.scrollable_content_region.height)
        top = int(self.scroll_y)
        new_top = max(0, min(top + direction * (height - 1), max(0, len(self._rows) - height)))
        if new_top == top:
            self.move_to(len(self.sentences) - 1 if direction > 0 else 0)
            return
        self.scroll_to(y=new_top, animate=False, immediate=True)
        self.move_to(self.sentence_on_row(new_top), keep_scroll=True)

    def _show_cursor(self, keep_scroll: bool = False) -> None:
        if not self.sentences or not self._rows:
            return
        first, last = self.sentence_rows(self.cursor)
        height = max(1, self.scrollable_content_region.height)
        top = int(self.scroll_y)
        bottom = top + height - 1
        if first >= top and last <= bottom:
            return
        if last - first + 1 > height:
            if keep_scroll and first <= bottom and last >= top:
                return
            self.scroll_to(y=first, animate=False, immediate=True)
        elif first < top:
            self.scroll_to(y=first, animate=False, immediate=True)
        else:
            self.scroll_to(y=last - height + 1, animate=False, immediate=True)

    def start_or_extend_selection(self) -> None:
        if self.selection_anchor is None:
            self.selection_anchor = self.cursor
            self.refresh()
        else:
            self.move_to(self.cursor + (1 if self.cursor >= self.selection_anchor else -1))

    def clear_selection(self) -> None:
        if self.selection_anchor is not None:  # else nothing to redraw (called after every tag key)
            self.selection_anchor = None
            self.refresh()

    # -- mouse -------------------------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self._rows:
            return
        y = offset.y + int(self.scroll_y)
        if y >= len(self._rows):
            return
        span = self._rows[y]
        if span is None:
            return
        x = max(0, offset.x + int(self.scroll_x) - self.gutter_width)
        pos, cells = span[0], 0
        while pos < span[1]:
            cells += get_character_cell_size(self._display[pos])
            if cells > x:
                break
            pos += 1
        self.focus()
        self.move_to(self.sentence_at(min(pos, span[1] - 1)))

    # -- rendering ---------------------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        if " " in name:  # an overlay may combine classes: a label's colour under the suggestion's style
            return Style.chain(*(self._style(part) for part in name.split()))
        return self.get_component_rich_style(name, partial=True, default=Style())

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._base_style = None  # a new theme or new CSS: recompute once
        self._strips.clear()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        if self._base_style is None:
            self._base_style = self.rich_style  # costly (walks the ancestors): once, not per line
        base = self._base_style
        row = scroll_y + y
        if row >= len(self._rows) or self._rows[row] is None:
            return Strip.blank(width, base)
        start, end = self._rows[row]  # type: ignore[misc]
        # What decides the row's look besides its marks and overlays (which forget it when they change):
        # the part of the cursor's sentence and of the selection on it, and the crop.
        cursor = selection = None
        if self.sentences:
            a, b = self.sentences[self.cursor]
            if a < end and start < b:
                cursor = (max(a, start), min(b, end))
            chosen = self.selection
            if chosen:
                a, b = self.sentences[chosen[0]][0], self.sentences[chosen[1]][1]
                if a < end and start < b:
                    selection = (max(a, start), min(b, end))
        look = (cursor, selection, scroll_x, width)
        kept = self._strips.get(row)
        if kept is not None and kept[0] == look:
            return kept[1]
        strip = Strip(self._gutter(start, end, base) + self._text_segments(start, end, base))
        strip = strip.crop_extend(scroll_x, scroll_x + width, base)
        if len(self._strips) >= KEPT_ROWS:
            self._strips.clear()
        self._strips[row] = (look, strip)
        return strip

    def _gutter(self, start: int, end: int, base: Style) -> list[Segment]:
        gutter = base + self._style("article-view--gutter")
        in_cursor = in_selection = False
        if self.sentences:
            c0, c1 = self.sentences[self.cursor]
            in_cursor = c0 < end and start < c1
            selection = self.selection
            if selection:
                s0, s1 = self.sentences[selection[0]][0], self.sentences[selection[1]][1]
                in_selection = s0 < end and start < s1
        indicator = "▶" if in_cursor else ("┃" if in_selection else " ")
        if in_cursor:
            cursor_style = base + self._style("article-view--cursor")
        elif in_selection:
            cursor_style = base + self._style("article-view--selection")
        else:
            cursor_style = gutter
        segments = [Segment(indicator, cursor_style)]
        # The marks of a sentence are on its first row only, and they are the whole sentence's.
        first = bisect_left(self._sentence_starts, start)
        if first >= len(self.sentences) or self._sentence_starts[first] >= end:
            segments.append(Segment(" " * (self.gutter_width - 1), gutter))
            return segments
        start, end = self.sentences[first]
        # A suggestion's mark is "?" and its label's letter in lower case ("?q"): a tag's letter is upper
        # case, so a tag and a suggestion on one sentence tell apart without colour. "?" has its own column.
        marked = [o for o in self._overlays_in(start, end) if o.mark]
        question = any(o.mark.startswith("?") for o in marked)
        segments.append(Segment("?" if question else " ", gutter + self._style("article-view--suggestion")))
        marks = self._marks
        for label in self.labels:
            if marks.label_over(label, start, end):
                style = base + self._style("article-view--label") + self._style(f"article-view--{label}")
                segments.append(Segment(mark_for(label), style))
            else:
                overlay = next((o for o in marked if o.mark[-1:].upper() == mark_for(label)), None)
                if overlay is None:
                    segments.append(Segment(" ", gutter))
                else:
                    segments.append(Segment(overlay.mark[-1:], gutter + self._style(overlay.style)))
        if self._whose_column:
            segments.append(Segment(WHOSE_MARKS.get(marks.whose(start, end), " "), gutter))
        segments.append(Segment(NOTE_MARK if marks.note_over(start, end) else " ", gutter))
        segments.append(Segment(" ", gutter))
        if self._who_width:
            segments += self._who_segments(start, end, gutter)
        return segments

    def _overlays_in(self, start: int, end: int) -> list[Overlay]:
        if not self._overlays:
            return []
        lo = bisect_left(self._overlay_starts, start - self._overlay_reach)
        hi = bisect_left(self._overlay_starts, end)
        return [o for o in self._overlays[lo:hi] if o.end > start and o.start < end]

    def _text_segments(self, start: int, end: int, base: Style) -> list[Segment]:
        layers: list[tuple[int, int, Style]] = []
        for label in self.labels:
            spans = self._marks.spans(label, start, end)
            if spans:
                style = self._style(f"article-view--{label}")
                layers.extend((a, b, style) for a, b in spans)
        for overlay in self._overlays_in(start, end):
            layers.append((overlay.start, overlay.end, self._style(overlay.style)))
        selection = self.selection
        if selection:
            a, b = self.sentences[selection[0]][0], self.sentences[selection[1]][1]
            layers.append((a, b, self._style("article-view--selection")))
        if self.sentences:
            a, b = self.sentences[self.cursor]
            layers.append((a, b, self._style("article-view--cursor")))
        if self._untaggable and self.sentence_at(start) in self._untaggable:
            a, b = self.sentences[self.sentence_at(start)]
            layers.insert(0, (a, b, self._style("article-view--untaggable")))
        layers = [(max(a, start), min(b, end), s) for a, b, s in layers if a < end and b > start]
        cuts = sorted({start, end, *(a for a, _, _ in layers), *(b for _, b, _ in layers)})
        segments = []
        for a, b in pairwise(cuts):
            style = base
            for la, lb, layer_style in layers:
                if la <= a and b <= lb:
                    style = style + layer_style
            segments.append(Segment(self._display[a:b], style))
        return segments

    def row_text(self, row: int) -> str:
        """What a screen row shows (tests and debugging)."""
        span = self._rows[row] if 0 <= row < len(self._rows) else None
        return self._display[span[0] : span[1]] if span else ""

    def row_start(self, row: int) -> int:
        span = self._rows[row] if 0 <= row < len(self._rows) else None
        return span[0] if span else -1

    @property
    def row_count(self) -> int:
        return len(self._rows)
