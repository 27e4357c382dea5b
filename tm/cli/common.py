"""What the command modules share: exit codes, common options, the project, output, warnings.

Nothing here imports a heavy library: ``tmkit --help`` builds every command's parser, and only
the command that runs imports what it needs.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import IO, TYPE_CHECKING, NamedTuple

from corpus.zwnj import SPELLINGS
from tm.unit import SOURCE_LANGUAGE, TARGET_LANGUAGE

if TYPE_CHECKING:
    from tm.cluster import Cluster
    from tm.project import Project
    from tm.tmx import BadTu, SkippedTu

SHOWN_BAD = 5  # the bad tu a --skip-bad run names, each on its line

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT, EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 0, 1, 2, 130, 141


class Command(NamedTuple):
    """One command: its name, what runs it, what adds its options, a summary, an example."""

    name: str
    run: Callable[[argparse.Namespace], int]
    options: Callable[[argparse.ArgumentParser], None]
    summary: str
    example: str


def add_commands(
    parser: argparse.ArgumentParser, commands: Sequence[Command], title: str, metavar: str
) -> None:
    """Add *commands* as sub-commands of *parser*, each with its summary and example."""
    sub = parser.add_subparsers(title=title, required=True, metavar=metavar)
    for command in commands:
        child = sub.add_parser(
            command.name,
            help=command.summary,
            description=f"{command.summary}\n\nexample:\n  {command.example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        command.options(child)
        child.set_defaults(run=command.run)


def project_option(command: argparse.ArgumentParser) -> None:
    """``--project DIR`` (also accepted before the command: ``tmkit --project DIR build``)."""
    command.add_argument(
        "--project",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="the project folder (default: the nearest folder with a tmkit.toml, "
        "from the current one upwards)",
    )


def jobs_option(command: argparse.ArgumentParser, work: str = "aligning pairs") -> None:
    """Add ``--jobs N`` (worker processes for *work*; default: the cores)."""
    command.add_argument(
        "--jobs",
        "-j",
        type=_positive,
        default=os.cpu_count() or 1,
        metavar="N",
        help=f"worker processes for {work} (default: the number of cores, "
        f"{os.cpu_count() or 1} here)",
    )


def scheduler_option(command: argparse.ArgumentParser, work: str) -> None:
    """``--scheduler ADDRESS``: *work* (what the tasks are) on a Dask cluster (:func:`cluster`)."""
    command.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help=f"{work} on the Dask cluster of this scheduler (e.g. tcp://host:8786; needs "
        "pip install tmkit[cluster]; --jobs is then unused): the same output as a run here "
        "(README: 'On a cluster')",
    )


def cluster(args: argparse.Namespace) -> AbstractContextManager[Cluster | None]:
    """The Dask cluster of ``--scheduler``, connected while in the ``with``
    (:func:`tm.cluster.connect`), or None without the option.

    :raises TmError: no cluster to be had there (:func:`tm.cluster.connect`).
    """
    if not args.scheduler:
        return nullcontext()
    from tm.cluster import connect

    return connect(args.scheduler)


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, not {text!r}")
    return int(text)


def project(args: argparse.Namespace) -> Project:
    """The project of this command (``--project`` or found from the current folder).

    :raises TmError: none found: one line saying how to make one.
    """
    from tm.project import open_project

    return open_project(getattr(args, "project", None))


def optional_project(args: argparse.Namespace) -> Project | None:
    """The project when there is one (an explicit ``--project`` must exist), else None."""
    from tm.project import find_project, open_project

    if getattr(args, "project", None) is not None:
        return open_project(args.project)
    found = find_project()
    return open_project(found) if found else None


def input_file(command: argparse.ArgumentParser, name: str = "file", what: str = "") -> None:
    command.add_argument(
        name,
        metavar=name.upper(),
        help=f"document{what}: text (.txt, UTF-8), Word (.docx), Markdown (.md) or HTML; "
        "- for standard input (text)",
    )


def fixes_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--fixes",
        metavar="TSV",
        help="reviewed corrections to apply to the raw Persian first (wrong, right, reason, line, "
        "kind: empty, or conjecture)",
    )


def persian_options(command: argparse.ArgumentParser) -> None:
    """``--fixes``, ``--[no-]conjectures`` and ``--zwnj-spelling``: how the Persian document
    is read."""
    fixes_option(command)
    either = command.add_mutually_exclusive_group()  # both given: an error, not the last wins
    either.add_argument(
        "--conjectures",
        action="store_const",
        const=True,
        default=None,
        help="apply the fixes of kind conjecture (readings of garbled passages) with the "
        "corrections (default: the project's [fixes] conjectures, in a project; else apply them)",
    )
    either.add_argument(
        "--no-conjectures",
        dest="conjectures",
        action="store_const",
        const=False,
        help="leave the fixes of kind conjecture out: the raw text of those rows goes through "
        "the cleanup like any other text",
    )
    command.add_argument(
        "--zwnj-spelling",
        choices=SPELLINGS,
        help="how restored ZWNJs spell words Persian writes both ways (آنها/آن‌ها): common, "
        "as most writers do, or academy, the Academy of Persian Language's orthography "
        "(default: the project's, in a project; else common)",
    )


def conjectures(args: argparse.Namespace, project: Project | None) -> bool:
    """``--conjectures``/``--no-conjectures``, else the project's, else True."""
    if args.conjectures is not None:
        return args.conjectures
    return project.conjectures if project else True


def zwnj_spelling(args: argparse.Namespace, project: Project | None) -> str:
    """``--zwnj-spelling``, else the project's, else ``common``."""
    if args.zwnj_spelling:
        return args.zwnj_spelling
    return project.zwnj_spelling if project else SPELLINGS[0]


MADE = "; a missing folder is made, with its parents"  # every output's, said in its --help


def output_option(help_text: str, default: str | None = None, required: bool = False):
    """``-o PATH`` (also ``--output``, ``--out``), its help *help_text* and that a missing
    folder is made (:func:`corpus.atomic.atomic_output`, which every writer uses)."""

    def add(command: argparse.ArgumentParser) -> None:
        command.add_argument(
            "-o", "--output", "--out", metavar="PATH", default=default, required=required,
            help=help_text + MADE,
        )  # fmt: skip

    return add


def input_files(args: argparse.Namespace) -> list[str]:
    """The paths among a command's arguments that it reads: with ``-o``, every other argument
    (a value that names no regular file is passed over by :func:`corpus.atomic.protected`).

    A command without ``-o`` (``tmkit glossary format FILE``) rewrites its file on purpose.
    """
    if getattr(args, "output", None) in (None, "-"):
        return []
    paths: list = []
    for key, value in vars(args).items():
        if key not in ("output", "run", "command_line"):
            paths += value if isinstance(value, list) else [value]
    return [path for path in paths if isinstance(path, str) and path != "-"]


def write_output(path: str | None, data: str | bytes) -> None:
    """Write *data* to *path* atomically, or to standard output when *path* is None or ``-``.

    :raises BrokenPipeError: standard output took only part of *data* (its reader went away:
        ``tmkit … -o - | head``); the command line then exits 141, never 0.
    """
    if path is None or path == "-":
        write_stdout(data)
        return
    from corpus.atomic import write_atomic

    write_atomic(Path(path), data)


def write_stdout(data: str | bytes) -> None:
    """Write all of *data* (text as UTF-8) to standard output, or raise :class:`BrokenPipeError`
    (see :class:`StandardOutput`)."""
    out = StandardOutput()
    out.write(data.encode("utf-8") if isinstance(data, str) else data)
    out.flush()


class StandardOutput:
    """Standard output as a binary stream whose every write is written whole, for a writer that
    streams its output there (``tmkit merge -o -``) as for :func:`write_stdout`.

    A pipe whose reader has gone takes part of a large write and reports only the count, with
    no error (``sys.stdout.buffer.write`` returns it): the rest is written in a loop, so the
    next write fails with EPIPE, and a write that takes nothing is a broken pipe too: both
    raise :class:`BrokenPipeError` (the command line then exits 141, never 0).

    A closed standard output (``tmkit … -o - >&-``; Python then has no ``sys.stdout``) is a
    one-line :class:`~corpus.errors.CorpusError` (exit 2), raised when this is made, before
    anything is written: nothing was read, so it is bad usage, not a reader that went away.
    """

    def __init__(self) -> None:
        self._out = getattr(sys.stdout, "buffer", None)
        if self._out is None:
            raise _closed_stdout()
        self._guarded(sys.stdout.flush)  # text printed before goes first

    def write(self, data: bytes) -> int:
        """Write all of *data*; return its length."""
        rest = memoryview(data)
        while rest:
            written = self._guarded(self._out.write, rest)
            if not written:
                raise BrokenPipeError(errno.EPIPE, "standard output took no more bytes")
            rest = rest[written:]
        return len(data)

    def flush(self) -> None:
        """Flush what the stream buffers."""
        self._guarded(self._out.flush)

    @staticmethod
    def _guarded(call, *args):
        try:
            return call(*args)
        except BrokenPipeError:
            raise
        except OSError as err:
            raise stdout_error(err) from err


class GuardedStdout:
    """Standard output as ``print`` sees it while a command runs: a failed write or flush
    raises :func:`stdout_error`'s error, so every command reports it in the same one line.

    Everything else (``buffer``, ``fileno`` …) is the wrapped stream's.
    """

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as err:
            raise stdout_error(err) from err

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as err:
            raise stdout_error(err) from err

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def stdout_error(err: OSError) -> Exception:
    """The error to raise for *err*, a failed write to standard output.

    A broken pipe stays a :class:`BrokenPipeError` (exit 141); a closed standard output is
    ``standard output: is closed``; any other failure is ``standard output: cannot write:
    no space left on device`` …, the wording of a failed ``-o FILE``
    (:mod:`corpus.atomic`), one line, exit 2.
    """
    from corpus.atomic import reason
    from corpus.errors import CorpusError

    if isinstance(err, BrokenPipeError):
        return err
    if err.errno == errno.EBADF:  # its descriptor closed under us
        return _closed_stdout()
    return CorpusError("standard output", f"cannot write: {reason(err)}")


def _closed_stdout() -> Exception:
    from corpus.errors import CorpusError

    return CorpusError(
        "standard output", "is closed", hint="give -o FILE, or leave standard output open"
    )


def language_tag(option: str, tag: str) -> str:
    """*tag*, given with *option* (``--srclang`` …), as BCP 47 writes it (``en_us`` → ``en-US``).

    :raises TmError: *tag* is not a valid BCP 47 tag (:func:`corpus.languages.is_language_tag`).
    """
    from corpus.languages import canonical_language, is_language_tag
    from tm.errors import TmError

    if not is_language_tag(tag):
        raise TmError(option, f"{tag!r} is not a BCP 47 language tag", hint="e.g. fa-IR, en-GB")
    return canonical_language(tag)


def pair_languages(args: argparse.Namespace, project: Project | None) -> tuple[str, str]:
    """The languages of a Persian/English pair: ``--srclang`` and ``--tgtlang``, else
    *project*'s, else fa-IR and en-US. A source tag that is not Persian, or a target tag that
    is not English, is warned about: tmkit reads SOURCE as the Persian, TARGET as the English.

    :raises TmError: a tag that is not BCP 47 (:func:`language_tag`), naming its option.
    """
    from corpus.languages import is_english, is_persian

    defaults = (
        (project.source_language, project.target_language)
        if project
        else (SOURCE_LANGUAGE, TARGET_LANGUAGE)
    )
    tags = []
    for option, given, default, side, language, right in (
        ("--srclang", args.srclang, defaults[0], "SOURCE", "Persian", is_persian),
        ("--tgtlang", args.tgtlang, defaults[1], "TARGET", "English", is_english),
    ):
        tag = language_tag(option, given) if given else default
        if not right(tag):
            warn(option, [f"{tag} is not {language}: {side} is read, segmented and labelled "
                          f"as {tag}, yet aligned as the {language} side"])  # fmt: skip
        tags.append(tag)
    return tags[0], tags[1]


def skip_bad_option(command: argparse.ArgumentParser) -> None:
    """``--skip-bad``: a TMX's tu that tmkit refuses is left out and counted, not an error."""
    command.add_argument(
        "--skip-bad", action="store_true",
        help="leave out a TMX tu that is not well-formed XML (an unescaped &, a control "
        "character …) or that tmkit refuses (a tuv without a language, codes that do not pair "
        "…) and go on from the next tu: each is counted and the first 5 named on stderr "
        "(default: such a tu is an error, exit 2); an error outside a tu (in the header, a "
        "file cut short, a tu never closed) stops either way",
    )  # fmt: skip


def warn_bad(bad: Sequence[BadTu | str]) -> None:
    """Name the first :data:`SHOWN_BAD` tu a ``--skip-bad`` run left out (a
    :class:`tm.tmx.BadTu` or its line), one a line, and count the rest."""
    for tu in bad[:SHOWN_BAD]:
        print(f"tmkit: warning: {tu}", file=sys.stderr)
    if len(bad) > SHOWN_BAD:
        print(f"tmkit: warning: and {len(bad) - SHOWN_BAD} more bad tu skipped", file=sys.stderr)


def report_skipped(
    path: Path, skipped: Sequence[SkippedTu], read: int, *, lacking: str, why: str, hint: str
) -> None:
    """Once the TMX *path* is read (*read* units): its tu left out for lacking a language
    (*skipped*) are an error when none was read, else a warning naming the first.

    :param lacking: what no tu had, for the error (``a Persian (fa) segment``).
    :param why: what the skipped tu lacked, for the warning (``no Persian or no English``).
    :raises TmxError: tu were skipped and none read (their languages named).
    """
    if not skipped:
        return
    if not read:
        from corpus.languages import canonical_language
        from tm.errors import TmxError

        tags = {canonical_language(tag) for tu in skipped for tag in tu.languages}
        raise TmxError(
            str(path),
            f"no tu has {lacking} (languages: {', '.join(sorted(tags)) or 'none'})",
            hint=hint,
        )
    first = skipped[0]
    warn(str(path), [f"{len(skipped)} tu {why}, the first {first.tuid!r} on line {first.line}"])


def warn(name: str, warnings: Iterable[str]) -> None:
    for warning in warnings:
        print(f"tmkit: warning: {name}: {warning}", file=sys.stderr)


def error(message: str) -> int:
    """Print a one-line error; return the bad-input exit code."""
    print(f"tmkit: error: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def progress_bar(what: str) -> Callable[[Iterable, int], Iterable]:
    """A progress-bar wrapper over *total* items, shown only on a terminal and for 2 or more."""

    def wrap(items: Iterable, total: int) -> Iterable:
        if not sys.stderr.isatty() or total < 2:
            return items
        from tqdm import tqdm

        return tqdm(items, total=total, desc=what, unit="pair", file=sys.stderr)

    return wrap
