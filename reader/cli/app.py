"""Start the Textual app (placeholder until the app lands)."""

from __future__ import annotations

import argparse

from reader.cli import CommandError


def run(args: argparse.Namespace) -> int:
    raise CommandError("the app is not built yet")
