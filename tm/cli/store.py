"""The TM store's commands: ``tmkit tm import``, ``tmkit tm export``, ``tmkit tm stats``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from tm.cli.common import (
    EXIT_OK,
    Command,
    StandardOutput,
    add_commands,
    optional_project,
    output_option,
    project_option,
    report_skipped,
    warn,
)

if TYPE_CHECKING:
    from tm.store import Store
    from tm.unit import TranslationUnit

DB_HELP = (
    "the TM store: a SQLite file, or a postgresql:// URL for a shared PostgreSQL "
    "(default: the project's tm.sqlite)"
)


def db_option(command: argparse.ArgumentParser) -> None:
    """``--db PATH|URL`` and ``--project``: which store a command uses."""
    command.add_argument("--db", metavar="PATH|URL", help=DB_HELP)
    project_option(command)


def open_db(args: argparse.Namespace) -> Store:
    """The store ``--db`` names, else the project's (``tm.sqlite`` at its root).

    :raises TmError: no ``--db`` and no project; the store cannot be opened.
    """
    from tm.errors import TmError
    from tm.store import DEFAULT_NAME, open_store

    if args.db:
        return open_store(args.db)
    current = optional_project(args)
    if current is None:
        raise TmError(
            "--db",
            "no TM store: not in a project",
            hint="give --db tm.sqlite (or a postgresql:// URL), or run in a project",
        )
    return open_store(current.root / DEFAULT_NAME)


def _import_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("files", nargs="+", metavar="FILE.tmx", help="TMX files (any TMX 1.1–1.4)")
    db_option(command)


def run_import(args: argparse.Namespace) -> int:
    from tm.errors import TmError
    from tm.store import file_name

    current = optional_project(args)
    root = current.root if current else None
    done = []
    with open_db(args) as store:
        try:
            with store.atomic():  # every file or none: a bad one leaves the store as it was
                for name in args.files:
                    path = Path(name)
                    done.append(
                        (name, store.import_file(path, file_name(path, root), _units(path)))
                    )
        except TmError as err:
            if len(args.files) > 1:
                hint = "; ".join(filter(None, [err.hint, "no file was imported"]))
                raise type(err)(
                    err.path, err.message, line=err.line, column=err.column, hint=hint
                ) from err
            raise
    for name, imported in done:
        if imported.unchanged:
            print(f"{name}: unchanged since its last import ({imported.units} units)")
        elif imported.replaced:
            print(f"{name}: {imported.units} units imported, replacing {imported.replaced}")
        else:
            print(f"{name}: {imported.units} units imported")
    return EXIT_OK


def _units(path: Path) -> Iterator[TranslationUnit]:
    """The units of the TMX *path*, Persian as the source and English as the target whatever
    its header's ``srclang`` or its tuvs' order (an en→fa TMX is stored as its fa→en units);
    its warnings on stderr, and one for the tu lacking one of the two.

    :raises TmxError: the file cannot be read, or it has tu but none with Persian and English.
    """
    from tm.tmx import SkippedTu, read_tmx

    skipped: list[SkippedTu] = []
    count = 0
    for unit in read_tmx(path, srclang="fa", tgtlang="en", on_warning=_warning,
                         on_skip=skipped.append):  # fmt: skip
        count += 1
        yield unit
    report_skipped(path, skipped, count, lacking="both a Persian (fa) and an English (en) "
                   "segment", why="left out (no Persian or no English)",
                   hint="the TM store holds Persian–English units")  # fmt: skip


def _warning(line: str) -> None:
    print(f"tmkit: warning: {line}", file=sys.stderr)


def _export_options(command: argparse.ArgumentParser) -> None:
    output_option("the TMX to write; - or none for standard output")(command)
    command.add_argument(
        "--file", metavar="NAME", help="only the units imported from this file (as stats names it)"
    )
    db_option(command)


def run_export(args: argparse.Namespace) -> int:
    from tm.signature import run_date
    from tm.tmx import write_tmx

    with open_db(args) as store:
        units = store.units(args.file)
        if args.output in (None, "-"):
            where = "standard output"
            written = write_tmx(
                units, Path(where), creationdate=run_date(), date_units=False,
                stream=StandardOutput(),
            )  # fmt: skip
        else:
            where = args.output
            written = write_tmx(units, Path(where), creationdate=run_date(), date_units=False)
    summary = sys.stderr if args.output in (None, "-") else sys.stdout
    print(f"{written} units written to {where}", file=summary)
    return EXIT_OK


def _stats_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--format", choices=("table", "json"), default="table")
    db_option(command)


def run_stats(args: argparse.Namespace) -> int:
    import json
    from dataclasses import asdict

    with open_db(args) as store:
        stats = store.stats()
    if args.format == "json":
        print(json.dumps(asdict(stats), ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"engine {stats.engine}, schema {stats.schema}")
    print(
        f"units {stats.units}, source words {stats.source_words}, documents {stats.documents}, "
        f"files {len(stats.files)}"
    )
    for file in stats.files:
        print(f"  {file.units:>9}  {file.imported}  {file.sha256[:12]}  {file.name}")
    if not stats.units:
        warn("tm", ["the store is empty: tmkit tm import FILE.tmx (or tmkit build) fills it"])
    return EXIT_OK


ACTIONS = [
    Command("import", run_import, _import_options,
            "Import TMX files into the TM store, all or none (Persian as the source whatever the "
            "TMX's direction; an unchanged file is left as it is, a changed one replaces its "
            "units; metadata and inline codes kept).",
            "tmkit tm import out/tm.fa-en.tmx vendor.tmx"),
    Command("export", run_export, _export_options,
            "Export the TM store's units as one TMX 1.4b, with their metadata and inline codes.",
            "tmkit tm export -o all.tmx"),
    Command("stats", run_stats, _stats_options,
            "Print what the TM store holds: engine, schema, units, words, files imported.",
            "tmkit tm stats --db postgresql:///tm"),
]  # fmt: skip


def _actions(command: argparse.ArgumentParser) -> None:
    add_commands(command, ACTIONS, "actions", "ACTION")


COMMANDS = [
    Command("tm", lambda args: EXIT_OK, _actions,
            "Import TMX into the TM store (SQLite or PostgreSQL), export it, print its stats.",
            "tmkit tm import out/tm.fa-en.tmx"),
]  # fmt: skip
