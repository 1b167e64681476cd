"""A user's own screenshot: Textual's "Screenshot" palette command is reachable in the reader's palette."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.app import ReaderApp


def test_palette_screenshot_command_saves_an_svg(
    make_app: Callable[[], ReaderApp], steps, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = workdir / "home"
    (home / "Downloads").mkdir(parents=True)  # Textual saves there; without it the save fails
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    app = make_app()

    async def run() -> list[Path]:
        async with app.run_test(size=(100, 30)) as pilot:
            await steps.settle(app, pilot)
            await steps.press(app, pilot, "ctrl+p", *"screenshot")
            await steps.press(app, pilot, "enter")
            for _ in range(100):
                saved = sorted((home / "Downloads").glob("*.svg"))
                if saved and "</svg>" in saved[0].read_text(encoding="utf-8"):
                    return saved
                await pilot.pause(0.05)
            return []

    saved = asyncio.run(run())
    assert len(saved) == 1
    svg = saved[0].read_text(encoding="utf-8")
    assert "Belarus" in svg and "annotator" in svg  # the library, as it was on screen
