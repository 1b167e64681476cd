"""Who tagged what, for review mode and the library: a letter per annotator, the view filter, counts.

Pure (no Textual). A letter stands for an annotator wherever colour cannot be relied on: the gutter,
the panel, the status line and the library's column all use the same `Letters`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotations.model import Annotation

EVERYONE = ""  # the view filter that shows every annotator's tags


@dataclass(frozen=True)
class Letters:
    """One distinct capital letter (else a digit) per annotator, from their names, stable for a set."""

    by_name: dict[str, str]

    @classmethod
    def of(cls, names: Iterable[str], me: str | None = None) -> Letters:
        # the user first, then names with a letter to give (a name of digits takes a spare one last)
        ordered = sorted(set(names), key=lambda n: (n != me, not _has_letter(n), n.casefold(), n))
        taken: set[str] = set()
        out: dict[str, str] = {}
        spare = [*"ABCDEFGHIJKLMNOPQRSTUVWXYZ", *"0123456789"]
        for name in ordered:
            letter = next(
                (c.upper() for c in name if c.isascii() and c.isalpha() and c.upper() not in taken), ""
            )
            if not letter:
                letter = next((c for c in spare if c not in taken), "*")
            taken.add(letter)
            out[name] = letter
        return cls(out)

    def __getitem__(self, name: str) -> str:
        return self.by_name.get(name, "?")

    def legend(self) -> str:
        return " ".join(f"{letter}={name}" for name, letter in self.by_name.items())


def _has_letter(name: str) -> bool:
    return any(c.isascii() and c.isalpha() for c in name)


def annotators(annotations: Iterable[Annotation]) -> list[str]:
    return sorted({a.annotator for a in annotations})


def filter_cycle(names: Sequence[str], me: str) -> list[str]:
    """The filter's stops in order: everyone, mine, then each other annotator."""
    others = [n for n in names if n != me]
    return [EVERYONE, me, *others]


def next_filter(current: str, names: Sequence[str], me: str) -> str:
    stops = filter_cycle(names, me)
    try:
        return stops[(stops.index(current) + 1) % len(stops)]
    except ValueError:
        return EVERYONE


def shown(annotations: Sequence[Annotation], who: str) -> tuple[Annotation, ...]:
    """The annotations the filter lets through (`EVERYONE`: all of them)."""
    if who == EVERYONE:
        return tuple(annotations)
    return tuple(a for a in annotations if a.annotator == who)


def who_marks(annotations: Iterable[Annotation], letters: Letters) -> list[tuple[int, int, str]]:
    """(start, end, letters) for each tagged span: the letters of every annotator who tagged it."""
    by_span: dict[tuple[int, int], set[str]] = {}
    for a in annotations:
        if not a.orphan:
            by_span.setdefault((a.start, a.end), set()).add(letters[a.annotator])
    return [(s, e, "".join(sorted(marks))) for (s, e), marks in sorted(by_span.items())]


def counts_by_annotator(annotations: Iterable[Annotation]) -> Counter[str]:
    return Counter(a.annotator for a in annotations if not a.orphan)


def filter_name(who: str, me: str) -> str:
    if who == EVERYONE:
        return "everyone"
    return "mine" if who == me else who


def team_cell(
    tagged_by: Iterable[str], finished_by: Iterable[str], letters: Letters, curator: str = ""
) -> str:
    """The library's column: a letter per annotator who tagged the document, ✓ after those who
    finished it ("A✓ B"); a finished annotator without tags still shows. The curator (issue 12's
    gold annotator) has no letter: ★ at the end says the document is curated."""
    done = set(finished_by)
    everyone = set(tagged_by) | done
    names = sorted(everyone - {curator}, key=lambda n: letters[n])
    cell = " ".join(letters[n] + ("✓" if n in done else "") for n in names)
    if curator and curator in everyone:
        cell = f"{cell} ★" if cell else "★"
    return cell
