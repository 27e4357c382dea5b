"""``tmkit check``: the TM against the glossary (CI's term-consistency gate)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from tm.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    MADE,
    Command,
    StandardOutput,
    cluster,
    error,
    jobs_option,
    optional_project,
    project_option,
    report_skipped,
    scheduler_option,
    skip_bad_option,
    warn,
    warn_bad,
    write_stdout,
)

if TYPE_CHECKING:
    from glossary.checks import CheckUnit
    from tm.cluster import Cluster

FORMATS = ("table", "json", "junit", "github")  # glossary.report.FORMATS (a test keeps them equal)


def _check_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--tmx", nargs="+", default=[], metavar="FILE", help="TMX files to check")
    command.add_argument(
        "--po", nargs="+", default=[], metavar="FILE",
        help="PO files to check (any PO: plural forms each checked, fuzzy entries checked and "
        "named on stderr, obsolete ones left out)",
    )  # fmt: skip
    command.add_argument(
        "--glossary", metavar="XLSX", help="the glossary workbook (default: the project's)"
    )
    command.add_argument(
        "--include-flagged", action="store_true",
        help="also check the units the aligner flagged (left out of the TMX by default)",
    )  # fmt: skip
    command.add_argument(
        "--format", choices=FORMATS, default="table",
        help="table (default), json, junit (JUnit XML for CI dashboards) or github (annotations); "
        "a unit of a --tmx or --po file is named with its file in each",
    )  # fmt: skip
    command.add_argument(
        "--fail-on", choices=("error", "warning"), default="error",
        help="exit 1 when a finding is at least this severe (default: error)",
    )  # fmt: skip
    command.add_argument(
        "--report", metavar="XLSX", help="also write the findings as a workbook" + MADE
    )
    command.add_argument(
        "--list-rules", action="store_true", help="print the rules (id, severity) and exit"
    )
    skip_bad_option(command)
    jobs_option(
        command,
        "checking units, a thousand at a time, and for aligning a project's pairs; "
        "the findings are the same whatever N",
    )
    scheduler_option(
        command,
        "check the units, a thousand a task (and align a project's pairs, a task each),",
    )
    project_option(command)


def run_check(args: argparse.Namespace) -> int:
    with cluster(args) as on:
        return _check(args, on)


def _check(args: argparse.Namespace, on: Cluster | None) -> int:
    from glossary.checks import ALL_RULES, CheckUnit, checked
    from glossary.report import fails, findings_text, rules_table, summary, write_findings_xlsx
    from glossary.workbook import load_glossary

    if args.list_rules:
        write_stdout(rules_table())
        return EXIT_OK
    if args.report and Path(args.report).suffix.lower() != ".xlsx":
        return error(f"{args.report}: --report writes a workbook: give a name ending in .xlsx")
    project = optional_project(args)
    if args.glossary:
        glossary_path = Path(args.glossary)
    elif project is not None and project.glossary is not None:
        glossary_path = project.glossary
    elif project is not None:
        return error(f"{project.file}: the project has no glossary ([paths] glossary is \"\"): "
                     "give --glossary XLSX")  # fmt: skip
    else:
        return error("no glossary: give --glossary XLSX, or run in a project (tmkit init)")
    glossary = load_glossary(glossary_path)
    if not glossary.terms:
        note = "no concepts yet: only the checks that need no terms ran (figures, untranslated, "
        warn(str(glossary_path), [note + "mixed script, consistency)"])
    paths: dict[str, Path] = {}
    if args.tmx or args.po:
        units: Iterable[CheckUnit] = _file_units(args.tmx, args.po, skip_bad=args.skip_bad)
    elif project is not None:
        from tm.batch import align_project

        units = [
            CheckUnit.of(unit)
            for result in align_project(project, jobs=args.jobs, cluster=on)
            for unit in result.units
            if args.include_flagged or not unit.flagged
        ]
        paths = {pair.id: pair.english for pair in project.pairs() if pair.english is not None}
    else:
        return error("nothing to check: give --tmx or --po files, or run in a project")
    counted = _Counted(units)
    mapper = None if on is None else on.ordered_map
    # the findings are kept on disk and written as they are read: a million never in memory
    with checked(counted, glossary, ALL_RULES, jobs=args.jobs, mapper=mapper) as findings:
        out = StandardOutput()
        for piece in findings_text(findings, args.format, checked=counted.count, paths=paths):
            out.write(piece.encode("utf-8"))
        out.flush()
        if args.format != "table":
            print(summary(findings), file=sys.stderr)
        if args.report:
            write_findings_xlsx(findings, Path(args.report))
        return EXIT_FINDINGS if fails(findings, args.fail_on) else EXIT_OK


class _Counted:
    """An iterable of units that counts those read (JUnit says how many passed)."""

    def __init__(self, units: Iterable[CheckUnit]) -> None:
        self.units, self.count = units, 0

    def __iter__(self) -> Iterator[CheckUnit]:
        for unit in self.units:
            self.count += 1
            yield unit


def _file_units(tmx: list[str], po: list[str], *, skip_bad: bool) -> Iterator[CheckUnit]:
    """The units of the TMX files, read as they are checked (*skip_bad*: see
    :func:`_tmx_units`), then those of the PO files, each named with its file (``origin``)."""
    from glossary.checks import CheckUnit
    from tm.po import read_po

    for path in tmx:
        yield from _tmx_units(path, skip_bad=skip_bad)
    for path in po:
        read = read_po(Path(path))
        _none_read(path, len(read), "entry but the header")
        fuzzy = [unit.tuid for unit in read if unit.flag == "fuzzy"]
        if fuzzy:
            shown = ", ".join(fuzzy[:5]) + (", …" if len(fuzzy) > 5 else "")
            warn(path, [f"{len(fuzzy)} fuzzy units (not yet reviewed) checked like the "
                        f"others: {shown}"])  # fmt: skip
        yield from (CheckUnit.of(unit, origin=path) for unit in read)


def _none_read(path: str, count: int, what: str) -> None:
    """Say so when a file gives no unit to check (a PO of its header alone, a TMX without tu):
    "no findings" would read as a pass."""
    if not count:
        warn(path, [f"0 units checked: it has no {what}"])


def _tmx_units(name: str, *, skip_bad: bool = False) -> Iterator[CheckUnit]:
    """The units of one TMX as the checks read them (:meth:`TranslationUnit.for_checks`: a
    standalone code is a word boundary), one at a time, named with the file: its Persian side
    in ``source`` whatever its header says (TICO-19's is "en"), and ``into_persian`` when the
    tu's ``srclang``, else the header's, is English. Once the file is read: a TMX with tu but
    none in Persian is an error (as ``tmkit merge`` says it), one with some tu lacking Persian
    a warning, one without tu a warning; with *skip_bad* a tu tmkit refuses is left out, and
    named and counted on stderr."""
    from corpus.languages import is_english
    from glossary.checks import CheckUnit
    from tm.tmx import BadTu, SkippedTu, read_header, read_tmx

    path = Path(name)
    declared = read_header(path).get("srclang") or ""
    english: dict[str, bool] = {}  # whether a srclang is English, by tag as the tags come
    skipped: list[SkippedTu] = []
    bad: list[BadTu] = []
    on_bad = bad.append if skip_bad else None
    count = 0
    for unit in read_tmx(path, srclang="fa", on_skip=skipped.append, on_bad=on_bad):
        own = unit.get("srclang") or ""  # a tu's own srclang overrides the header's
        tag = declared if own.casefold() in ("", "*all*") else own
        if tag not in english:
            english[tag] = is_english(tag)
        count += 1
        yield CheckUnit.of(unit.for_checks(), origin=name, into_persian=english[tag])
    if bad:
        warn_bad(bad)
        warn(name, [f"{len(bad)} bad tu skipped (--skip-bad), not checked"])
    report_skipped(path, skipped, count, lacking="a Persian (fa) segment",
                   why="skipped (no Persian or no second language)",
                   hint="tmkit check reads the Persian side of a TMX: give a Persian↔English "
                   "TMX")  # fmt: skip
    _none_read(name, count, "tu")


COMMANDS = [
    Command("check", run_check, _check_options,
            "Check the TM against the glossary: terms, forbidden forms, figures (exit 1: errors).",
            "tmkit check --format junit > findings.xml"),
]  # fmt: skip
