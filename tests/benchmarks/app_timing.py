"""What the app benchmarks share: repaint timing mixed into an App, polling, and generated articles.

Kept apart from the benchmarks so a child process timed from its own start imports only what the
app itself imports (plus Textual's App), not every other benchmark's screens.
"""

from __future__ import annotations

import inspect
import random
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from reader.app import ReaderApp
from reader.text.corpus import read_document

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


# -- timing repaints -------------------------------------------------------------------------------


class Paints:
    """Mixed into an App: records (time, probe(screen)) whenever a screen update goes to the driver."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.paints: list[tuple[float, Any]] = []
        self.probe: Callable[[Any], Any] | None = None
        super().__init__(*args, **kwargs)

    def _display(self, screen: Any, renderable: Any) -> None:
        if renderable is not None:
            probe = self.probe
            self.paints.append((time.perf_counter(), probe(screen) if probe else screen))
        super()._display(screen, renderable)  # type: ignore[misc]


class TimedReader(Paints, ReaderApp):
    # CSS_PATH is relative to the module that sets it: point at the app's own file.
    CSS_PATH = str(Path(inspect.getfile(ReaderApp)).with_name(str(ReaderApp.CSS_PATH)))


def first_after(paints: list[tuple[float, Any]], after: float, test: Callable[[Any], bool]) -> float | None:
    return next((t for t, state in paints if t >= after and test(state)), None)


async def until(pilot: Any, condition: Callable[[], bool], timeout: float, step: float = 0.005) -> bool:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            return False
        await pilot.pause(step)
    return True


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def pctl(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


# -- generated articles ----------------------------------------------------------------------------

BOILERPLATE = ["Share this article", "Advertisement", "Sign up for our newsletter", "Read more"]
DATE_STYLES = (
    "{d:%B} {d.day}, {d.year}",
    "{d:%Y-%m-%d}",
    "{d.day} {d:%B} {d.year}",
    "Published {d:%d %b %Y}",
)


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if len(line.split()) >= 8]


def seed_paragraphs() -> list[list[str]]:
    return [_paragraphs(read_document(path).text) for path in sorted(SEEDS.glob("*.txt"))]


def article(n: int, seeds: list[list[str]], rng: random.Random) -> str:
    """A plausible saved page: headline, dateline, body paragraphs shuffled, some web clutter."""
    body = list(seeds[n % len(seeds)])
    rng.shuffle(body)
    words = body[0].split()[:9]
    headline = " ".join(w.strip('.,;:!?"“”') for w in words) + f" in dispatch {n}"
    day = date(2023, 1, 1) + timedelta(days=n % 900)
    lines = [
        rng.choice(BOILERPLATE),
        DATE_STYLES[n % len(DATE_STYLES)].format(d=day),
        headline,
        "",
        *(p + "\n" for p in body[: max(3, len(body) - rng.randrange(3))]),
        f"This is dispatch number {n}, filed by desk {rng.randrange(1, 40)} after checks.",
        "",
        rng.choice(BOILERPLATE),
    ]
    return "\n".join(lines) + "\n"


def make_folder(folder: Path, count: int) -> None:
    folder.mkdir(parents=True)
    seeds = seed_paragraphs()
    rng = random.Random(20260113)
    for n in range(count):
        (folder / f"{n:05d}.txt").write_text(article(n, seeds, rng), encoding="utf-8")


def make_big_article(path: Path, size: int = 1_000_000) -> int:
    seeds = seed_paragraphs()
    rng = random.Random(7)
    parts = ["Belarus and the war: a very long file of collected reports", "January 13, 2023", ""]
    total = 0
    n = 0
    while total < size:
        paragraph = rng.choice(rng.choice(seeds)) + f" (Report {n}.)"
        parts.append(paragraph + "\n")
        total += len(paragraph.encode("utf-8")) + 2
        n += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(parts), encoding="utf-8")
    return path.stat().st_size
