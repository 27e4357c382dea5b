"""The ``tmkit`` command line: parse arguments, call one library function, print.

One module per command group (:mod:`tm.cli.project`, :mod:`tm.cli.corpus`,
:mod:`tm.cli.alignment`, :mod:`tm.cli.memory`, :mod:`tm.cli.score`, :mod:`tm.cli.check`,
:mod:`tm.cli.review`, :mod:`tm.cli.glossary`);
each imports its libraries only when its command runs, so ``tmkit --help`` starts at once.

Exit codes: 0 success, 1 findings (checks), 2 bad input (one line on stderr), 130 interrupted
(Ctrl-C: one line, never a traceback), 141 when the reader of the output went away
(``tmkit … | head``), as a shell reports a program stopped by SIGPIPE; a standard output
that is closed (``tmkit … -o - >&-``) or cannot take the output (``> /dev/full``) is bad
input: one line naming standard output, 2.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from corpus.atomic import protected
from tm import __version__
from tm.cli import (
    alignment,
    check,
    corpus,
    glossary,
    lookup,
    memory,
    project,
    review,
    score,
    store,
)
from tm.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_BROKEN_PIPE,
    EXIT_INTERRUPTED,
    GuardedStdout,
    add_commands,
    input_files,
)

COMMANDS = (
    project.COMMANDS
    + corpus.COMMANDS
    + alignment.COMMANDS
    + memory.COMMANDS
    + score.COMMANDS
    + store.COMMANDS
    + lookup.COMMANDS
    + check.COMMANDS
    + review.COMMANDS
    + glossary.COMMANDS
)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``tmkit`` with *argv* (default ``sys.argv[1:]``); return the exit code."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    stdout = sys.stdout
    if stdout is not None:  # None: closed (tmkit … >&-), reported when written to
        sys.stdout = GuardedStdout(stdout)
    try:
        args = parser().parse_args(argv)
        args.command_line = list(sys.argv[1:] if argv is None else argv)  # for a manifest
        with protected(input_files(args), "is an input of this command"):  # -o a.tmx a.tmx
            code = args.run(args)
        sys.stdout.flush()  # what print left there
        return code
    except KeyboardInterrupt:
        print("tmkit: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader of our output went away (tmkit … | head)
        _drop_stdout()
        return EXIT_BROKEN_PIPE
    except Exception as err:
        from corpus.errors import CorpusError

        if isinstance(err, CorpusError):
            print(f"tmkit: error: {err}", file=sys.stderr)
            if err.path == "standard output":  # full: what it still buffers cannot go either
                _drop_stdout()
            return EXIT_BAD_INPUT
        if isinstance(err, OSError):  # e.g. a file that vanished or a full disk
            where = f"{err.filename}: " if err.filename else ""
            print(f"tmkit: error: {where}{err.strerror or err}", file=sys.stderr)
            return EXIT_BAD_INPUT
        raise
    finally:
        sys.stdout = stdout


def _drop_stdout() -> None:
    """Point standard output at the null device, so what it still buffers is dropped when
    Python exits instead of failing again (an exit code of 120 and a second message)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


class _Parser(argparse.ArgumentParser):
    """argparse's parser, whose usage errors are one line, as every bad input's (the usage is
    what ``--help`` prints); its commands' parsers are of this class too."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def parser() -> argparse.ArgumentParser:
    """The whole command line: every command with its options (nothing heavy imported)."""
    top = _Parser(
        prog="tmkit",
        description="Persian→English translation memory and glossary pipeline.",
        epilog="Run 'tmkit COMMAND --help' for a command's options and an example. "
        "Commands work on the project (a folder with tmkit.toml) you are in; "
        "tmkit init makes one.",
    )
    top.add_argument("--version", action="version", version=f"tmkit {__version__}")
    top.add_argument(
        "--project", metavar="DIR", help="the project folder (default: found from here upwards)"
    )
    add_commands(top, COMMANDS, "commands", "COMMAND")
    return top
