"""TM commands: ``tmkit export``, ``tmkit import-po``, ``tmkit merge``."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from tm.cli.common import (
    EXIT_OK,
    Command,
    StandardOutput,
    error,
    jobs_option,
    language_tag,
    output_option,
    project,
    project_option,
    skip_bad_option,
    warn,
    warn_bad,
    write_output,
)

EXPORT_FORMATS = ("po", "tmx")  # tm.export.EXPORTERS' names (a test keeps them equal)
SHOWN = 5  # the tuids named in a warning, then "and N more"
ON_CONFLICT = ("keep-all", "newest", "first")  # tm.dedupe.ON_CONFLICT (a test keeps them equal)


def _export_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--format", choices=EXPORT_FORMATS, default="tmx", help="the format (default: tmx)"
    )
    output_option("the file to write (default: standard output)")(command)
    jobs_option(command)
    project_option(command)


def run_export(args: argparse.Namespace) -> int:
    from tm.build import export

    current = project(args)
    if args.output in (None, "-"):  # never beside the build's own files, which it would skew
        with tempfile.TemporaryDirectory() as scratch:
            path = Path(scratch) / f"tm.fa-en.{args.format}"
            written = export(current, args.format, path, jobs=args.jobs)
            write_output(None, path.read_bytes())
        print(f"{written.units} units written to standard output", file=sys.stderr)
        return EXIT_OK
    written = export(current, args.format, Path(args.output), jobs=args.jobs)
    print(f"{written.units} units written to {args.output}")
    return EXIT_OK


def _import_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "po", metavar="REVIEWED.po", help="a PO file from `tmkit export --format po`"
    )
    command.add_argument(
        "--force", action="store_true",
        help="import even when an English file changed since the PO was exported (its "
        "entries then overwrite those changes)",
    )  # fmt: skip
    command.add_argument(
        "--include-fuzzy", action="store_true",
        help="also import the fuzzy entries (not yet reviewed: left out by default)",
    )  # fmt: skip
    jobs_option(command)
    project_option(command)


def run_import_po(args: argparse.Namespace) -> int:
    from tm.batch import align_project
    from tm.po import import_po

    current = project(args)
    po = Path(args.po)
    pairs = [
        (result.units, pair.english)
        for pair, result in zip(
            current.pairs(), align_project(current, jobs=args.jobs), strict=True
        )
        if pair.english is not None
    ]
    report = import_po(
        po,
        pairs,
        include_fuzzy=args.include_fuzzy,
        force=args.force,
        record=current.root / ".tmkit" / "imports.json",
    )
    if not report.signed:
        warn(str(po), ["no tmkit signature: whether the English changed since the export is "
                       "not known (a PO from tmkit export has one)"])  # fmt: skip
    warn(str(po), report.warnings)
    skipped = report.fuzzy_skipped
    if skipped:
        shown = ", ".join(skipped[:5]) + (", …" if len(skipped) > 5 else "")
        warn(str(po), [f"{len(skipped)} fuzzy entries not imported (not yet reviewed: "
                       f"remove the fuzzy flag, or give --include-fuzzy): {shown}"])  # fmt: skip
    if report.whitespace_only:
        shown = [f"{tuid} (line {line})" for tuid, line in report.whitespace_only[:SHOWN]]
        more = len(report.whitespace_only) - SHOWN
        warn(str(po), [f"{len(report.whitespace_only)} entries differ from the English only "
                       "in white space, not imported (the TM collapses white space): "
                       + ", ".join(shown) + (f" and {more} more" if more > 0 else "")])  # fmt: skip
    for path, warning in report.file_warnings:
        warn(str(path), [warning])
    for change in report:
        print(f"{change.document}: {change.tuid}: {change.old!r} -> {change.new!r}")
    print(f"{len(report)} English sentences changed; run `tmkit build` to rebuild the TM")
    return EXIT_OK


def _merge_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "inputs", nargs="+", metavar="TMX",
        help="TMX files (any TMX 1.1–1.4); - for standard input (once)",
    )  # fmt: skip
    output_option("the merged TMX; - for standard output", required=True)(command)
    command.add_argument(
        "--srclang",
        help="source language, a BCP 47 tag, matched as a language: fa reads fa-IR, fa_IR, "
        "pes and, in a tu without one of those, prs (Dari); every file is then read in that "
        "direction (default: fa and --tgtlang, each file's direction as its header's srclang, "
        "or a tu's own, says: an en-US→fa-IR TMX is merged as en→fa)",
    )  # fmt: skip
    command.add_argument(
        "--tgtlang", default="en",
        help="target language, matched the same way: en reads en-US and en-GB, each unit "
        "keeping its own tag (default: en)",
    )  # fmt: skip
    command.add_argument(
        "--on-conflict", choices=ON_CONFLICT, default="keep-all",
        help="one source with several translations: write them all (default), only the "
        "newest (changedate of the tu or its tuvs, else creationdate; undated is older than "
        "any dated unit) or only the first read; each is reported (a translation bound to a "
        "context, an OmegaT alternative, Trados x-Context, memoQ x-context-pre/-post, is no "
        "conflict of the default one or another context's)",
    )  # fmt: skip
    skip_bad_option(command)


def run_merge(args: argparse.Namespace) -> int:
    from tm.dedupe import merge_tmx
    from tm.errors import TmxError
    from tm.signature import run_date

    if args.inputs.count("-") > 1:
        return error("merge: - (standard input) can be given only once")
    options = {
        "srclang": args.srclang and language_tag("--srclang", args.srclang),
        "tgtlang": language_tag("--tgtlang", args.tgtlang),
        "creationdate": run_date(),
        "on_conflict": args.on_conflict,
        "skip_bad": args.skip_bad,
    }
    with tempfile.TemporaryDirectory() as scratch:
        # standard input is read twice like any input (its header, then its units): kept in
        # a scratch file, named <stdin> in messages
        stdin = Path(scratch) / "stdin.tmx"
        inputs = [stdin if p == "-" else Path(p) for p in args.inputs]
        if "-" in args.inputs:
            with stdin.open("wb") as copy:
                shutil.copyfileobj(sys.stdin.buffer, copy)
        try:
            if args.output == "-":  # standard output: the TMX alone there, the summary on stderr
                where, summary = "standard output", sys.stderr
                report = merge_tmx(inputs, Path(where), stream=StandardOutput(), **options)
            else:
                report = merge_tmx(inputs, Path(args.output), **options)
                where, summary = args.output, sys.stdout
        except TmxError as err:
            if err.path == str(stdin):
                err.path = "<stdin>"
            raise

    def named(text: str) -> str:  # standard input's scratch copy as <stdin>
        return "<stdin>" + text[len(str(stdin)) :] if text.startswith(str(stdin)) else text

    warnings = [named(w) for w in report.warnings]
    print(
        f"read {report.units_read} units, wrote {report.units_written} to {where} "
        f"({report.duplicates_collapsed} duplicates collapsed, {report.tu_skipped} tu skipped"
        + (f", {len(report.bad)} bad tu skipped)" if args.skip_bad else ")"),
        file=summary,
    )
    warn_bad([named(str(tu)) for tu in report.bad])
    if len(report.source_languages) > 1:
        own = f"{report.own_srclang} tu in another tag have their own srclang"
        warn(where, [f"source languages mixed: {', '.join(report.source_languages)} (each unit "
                     f"keeps its own tag: the header's srclang is {report.header_srclang}, "
                     f"the {own})"])  # fmt: skip
    if len(report.target_languages) > 1:
        warn(where, [f"target languages mixed: {', '.join(report.target_languages)} (each unit "
                     "keeps its own tag)"])  # fmt: skip
    for warning in warnings:
        print(f"tmkit: warning: {warning}", file=sys.stderr)
    if report.empty_dropped:
        empty = _first([repr(t) for t in report.empty_tuids])
        warn(where, [f"{report.empty_dropped} units with an empty source or target "
                     f"not written (tu {empty})"])  # fmt: skip
    if report.tu_skipped:
        tus = [f"{named(tu.path)}:{tu.line} tu {tu.tuid!r} (languages: "
               f"{', '.join(tu.languages) or 'none'})" for tu in report.skipped]  # fmt: skip
        warn(where, [f"{report.tu_skipped} tu skipped, without both {args.srclang or 'fa'} and "
                     f"{args.tgtlang}: {_first(tus)}"])  # fmt: skip
    for conflict in report.conflicts:
        left_out = f"; left out: {', '.join(conflict.dropped)}" if conflict.dropped else ""
        warn(where, [f"{len(conflict.targets)} targets for: {conflict.source} "
                           f"(tu {', '.join(conflict.tuids)}{left_out})"])  # fmt: skip
    return EXIT_OK


def _first(names: list[str]) -> str:
    """The first :data:`SHOWN` of *names*, then "and N more"."""
    more = len(names) - SHOWN
    return ", ".join(names[:SHOWN]) + (f" and {more} more" if more > 0 else "")


COMMANDS = [
    Command("export", run_export, _export_options,
            "Export the project's TM in one format (" + ", ".join(EXPORT_FORMATS) + ").",
            "tmkit export --format po -o review.po"),
    Command("import-po", run_import_po, _import_options,
            "Bring translations reviewed in a PO file back into the pairs' English files.",
            "tmkit import-po review.po"),
    Command("merge", run_merge, _merge_options,
            "Merge TMX files (any tool's) into one deduplicated TMX 1.4b, keeping their inline "
            "codes, dates, ids, usage counts, props and notes. Duplicates (same text and codes) "
            "become one unit with the latest changedate, the sum of their usagecount and every "
            "note; the same unit read twice (same text, codes, dates and ids, whatever the file's "
            "name) counts once, identical records within one file each; units with an empty "
            "side and tu without both languages are left out and named. Each file is merged in "
            "its own direction (an en→fa TMX as en→fa) unless --srclang says one. The header's "
            "srclang is the source tag most units have, a unit in another has its own; a tuid "
            "written before gets #2, #3 … (never an input's own tuid), reported on stderr.",
            "tmkit merge a.tmx b.tmx -o merged.tmx --on-conflict newest"),
]  # fmt: skip
