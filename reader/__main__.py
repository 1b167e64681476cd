"""Command line: `reader [PATH...]` opens the app; subcommands script the pipeline and store."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from reader.cli import SUBCOMMANDS, CommandError, load_subcommand


class _Parser(argparse.ArgumentParser):
    """argparse, with a mistake in the arguments said in one line (its usage block is for --help)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _app_parser() -> argparse.ArgumentParser:
    from annotations.model import DEFAULT_LABELS

    parser = _Parser(
        prog="reader",
        description="Read saved news articles and tag their sentences as claim, quote or fact.",
        epilog="Subcommands: " + ", ".join(SUBCOMMANDS) + " (reader SUBCOMMAND --help).",
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or folders (default: the bundled seeds)"
    )
    parser.add_argument("--store", metavar="DIR", help="annotation store folder (env READER_STORE)")
    parser.add_argument("--annotator", metavar="NAME", help="who is tagging (env READER_ANNOTATOR)")
    parser.add_argument(
        "--curator",
        metavar="NAME",
        help="the annotator name curation writes the gold layer as (env READER_CURATOR; default gold)",
    )
    parser.add_argument(
        "--labels",
        metavar="L1,L2,...",
        help="the label set, comma-separated, at most 9 "
        f"(env READER_LABELS; default {','.join(DEFAULT_LABELS)}); keys 1-9 tag them in order",
    )
    parser.add_argument(
        "--verdicts",
        metavar="V1,V2,...",
        help="the claim verdict scale, best first, comma-separated (env READER_VERDICTS; default "
        "true,mostly true,mixed,mostly false,false,misleading,unproven); V on a claim sets one",
    )
    parser.add_argument(
        "--bindings",
        action="store_true",
        help="list every key binding id with its keys (after your keymap) and exit",
    )
    parser.add_argument("--version", action="version", version="%(prog)s " + _version())
    return parser


def _version() -> str:
    from reader import __version__

    return __version__


def _fail(message: str, code: int = 2) -> int:
    print(f"reader: error: {message}", file=sys.stderr)
    return code


def _waiting(message: str) -> None:
    print(f"reader: {message}", file=sys.stderr, flush=True)


def run(argv: Sequence[str]) -> int:
    argv = list(argv)
    from annotations.store.lock import set_process

    # Named in the lock record, so that another process waiting for the store can say who holds it.
    set_process("reader " + argv[0] if argv and argv[0] in SUBCOMMANDS else "reader", _waiting)
    if argv and argv[0] in SUBCOMMANDS:
        module = load_subcommand(argv[0])
        parser = _Parser(prog=f"reader {argv[0]}", description=module.__doc__)
        module.add_arguments(parser)
        args = parser.parse_args(argv[1:])
        return module.run(args)
    from reader.cli import app as app_command

    args = _app_parser().parse_args(argv)
    if args.bindings:
        from reader.cli.bindings import show_bindings

        return show_bindings()
    return app_command.run(args)


def main(argv: Sequence[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    try:
        code = run(argv)
    except CommandError as exc:
        code = _fail(str(exc), exc.code)
    except KeyboardInterrupt:
        code = 130
    except BrokenPipeError:
        # The reader of our stdout went away (`reader export | head`): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = 0
    except Exception as exc:
        if os.environ.get("READER_DEBUG"):
            raise
        from annotations.reasons import one_line

        code = _fail(f"unexpected {type(exc).__name__}: {one_line(exc)} (set READER_DEBUG=1 for details)", 1)
    sys.exit(code)


if __name__ == "__main__":
    main()
