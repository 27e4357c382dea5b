"""The TM store's commands: ``tmkit tm import``, ``tmkit tm export``, ``tmkit tm stats``."""

from __future__ import annotations

import argparse
import sys
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
    warn,
)

if TYPE_CHECKING:
    from tm.store import Store

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
    from tm.store import file_name
    from tm.tmx import read_tmx

    current = optional_project(args)
    root = current.root if current else None
    with open_db(args) as store:
        for name in args.files:
            path = Path(name)
            warnings: list[str] = []
            units = read_tmx(path, srclang="fa", tgtlang="en", on_warning=warnings.append)
            done = store.import_file(path, file_name(path, root), units)
            for warning in warnings:
                print(f"tmkit: warning: {warning}", file=sys.stderr)
            if done.unchanged:
                print(f"{name}: unchanged since its last import ({done.units} units)")
            elif done.replaced:
                print(f"{name}: {done.units} units imported, replacing {done.replaced}")
            else:
                print(f"{name}: {done.units} units imported")
    return EXIT_OK


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
            "Import TMX files into the TM store (an unchanged file is left as it is, a changed "
            "one replaces its units; metadata and inline codes kept).",
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
