"""Project commands: ``tmkit init``, ``tmkit add``, ``tmkit status``, ``tmkit build``."""

from __future__ import annotations

import argparse
import shlex
from pathlib import Path

from tm.cli.common import (
    EXIT_OK,
    MADE,
    Command,
    cluster,
    fixes_option,
    jobs_option,
    progress_bar,
    project,
    project_option,
    scheduler_option,
    warn,
)
from tm.unit import TARGET_LANGUAGE


def _init_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "folder", nargs="?", default=".", metavar="DIR",
        help="the project folder, made if missing (default: the current folder)",
    )  # fmt: skip
    command.add_argument(
        "--example",
        action="store_true",
        help="copy in the bundled example: a Persian article, its English reference and "
        "its domain glossary",
    )
    command.add_argument(
        "--target", default=TARGET_LANGUAGE, metavar="LANG",
        help="the English variant of the references (default: en-US)",
    )  # fmt: skip
    command.add_argument("--name", default="", help="the project's name (default: DIR's name)")


def run_init(args: argparse.Namespace) -> int:
    from tm.scaffold import init_project

    made = init_project(Path(args.folder), example=args.example, name=args.name, target=args.target)
    where = Path(args.folder)
    print(f"made a tmkit project in {made.root}")
    print(f"  {made.relative(made.file):<16} settings: languages, paths, options")
    print(f"  {made.relative(made.texts) + '/':<16} the document pairs (tmkit add puts them here)")
    if made.glossary is not None:
        print(f"  {made.relative(made.glossary):<16} the glossary workbook (Excel, LibreOffice)")
    prefix = "" if where == Path(".") else f"cd {shlex.quote(str(where))} && "
    next_step = "tmkit build" if args.example else "tmkit add SOURCE.docx TARGET.docx"
    print(f"next: {prefix}{next_step}")
    return EXIT_OK


def _add_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "source", metavar="SOURCE", help="the Persian document (.txt, .docx, .md, .html)"
    )
    command.add_argument(
        "target", nargs="?", metavar="TARGET",
        help="its English reference translation (may be added later as texts/ID/en.<suffix>)",
    )  # fmt: skip
    command.add_argument("--id", metavar="ID", help="the pair's id (default: from SOURCE's name)")
    fixes_option(command)
    command.add_argument(
        "--tgtlang", metavar="LANG", help="the reference's English variant (default: the project's)"
    )
    project_option(command)


def run_add(args: argparse.Namespace) -> int:
    from tm.scaffold import add_pair

    current = project(args)
    added = add_pair(
        current,
        Path(args.source),
        Path(args.target) if args.target else None,
        pair_id=args.id,
        fixes=Path(args.fixes) if args.fixes else None,
        target_language=args.tgtlang,
    )
    warn(added.id, added.warnings)
    english = f", {added.target_segments} English segments" if args.target else ""
    print(
        f"added {added.id} ({current.relative(added.folder)}/): "
        f"{added.source_segments} Persian segments{english}; run tmkit build"
    )
    return EXIT_OK


def run_status(args: argparse.Namespace) -> int:
    from tm.status import project_status, status_text

    current = project(args)
    print(status_text(current, project_status(current)), end="")
    return EXIT_OK


def _build_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "-o", "--out", "--output", dest="output", metavar="DIR",
        help="output folder (default: the project's, out/)" + MADE,
    )  # fmt: skip
    jobs_option(command)
    scheduler_option(command, "align the pairs, a task each,")
    command.add_argument(
        "--full", action="store_true",
        help="align every pair again, ignoring the results of earlier builds",
    )  # fmt: skip
    project_option(command)


MAX_REASONS = 10  # flagged beads listed with their reasons; more are in build.json


def run_build(args: argparse.Namespace) -> int:
    from tm.build import PO_NAME, TMX_NAME, build

    current = project(args)
    out = Path(args.output) if args.output else current.out
    with cluster(args) as on:
        report = build(
            current, out, jobs=args.jobs, progress=progress_bar("aligning"),
            reuse=not args.full, cluster=on,
        )  # fmt: skip
    print(
        f"{'document':<24} {'fa segs':>7} {'en segs':>7} {'flagged':>7} {'unpaired':>8}"
        "  beads by type"
    )
    for d in report.documents:
        types = " ".join(f"{shape}:{count}" for shape, count in d.bead_types.items())
        figures = f"{d.source_segments:>7} {d.target_segments:>7} {len(d.flagged):>7}"
        print(f"{d.id:<24} {figures} {d.unpaired:>8}  {types}")
        warn(d.id, d.warnings)
    flagged = [(d.id, f) for d in report.documents for f in d.flagged]
    for _, item in flagged[:MAX_REASONS]:
        print(f"  flagged {item.tuid} ({item.score:.3f}): {item.reason}")
    if len(flagged) > MAX_REASONS:
        print(f"  … {len(flagged) - MAX_REASONS} more flagged beads: see {out}/build.json")
    unpaired = sum(d.unpaired for d in report.documents)
    if unpaired:
        print(f"  {unpaired} segments have no counterpart (1-0, 0-1 beads): see beads.tsv")
    print(
        f"units {report.units}, in the TMX {report.units_in_tmx} "
        f"(flagged below {report.flag_threshold} left out, {report.duplicates} duplicates "
        f"collapsed, {report.conflicts} sources with different targets)"
    )
    cached = len(report.documents) - report.aligned
    print(f"aligned {report.aligned} pairs, {cached} unchanged since the last build")
    print(_model_line(report))
    libraries = ", ".join(f"{k} {v}" for k, v in report.signature["libraries"].items())
    print(f"tmkit {report.signature['tmkit']}, {libraries}")
    print(f"inputs: {len(report.signature['inputs'])} files, SHA-256 in {out}/build.json")
    print(f"wrote {out}/: {TMX_NAME}, {PO_NAME}, segmentation.srx, omegat/, build.json")
    return EXIT_OK


def _model_line(report) -> str:
    """Whether the build's translation model (Moore 2002) was trained, from how many beads."""
    from tm.align import MIN_BITEXT

    beads = report.confident_beads
    if report.word_pairs is None:
        return (
            f"translation model: not trained ({beads} confident beads, {MIN_BITEXT} needed): "
            "the first pass stands"
        )
    pairs = sum(1 for d in report.documents if d.confident_beads)
    cached = len(report.documents) - report.second
    return (
        f"translation model: {report.word_pairs} word pairs learned from {beads} confident "
        f"beads of {pairs} pairs; second pass: aligned {report.second} pairs, {cached} unchanged"
    )


COMMANDS = [
    Command("init", run_init, _init_options,
            "Make a project folder: tmkit.toml, texts/, a glossary workbook (or the example).",
            "tmkit init my-tm"),
    Command("add", run_add, _add_options,
            "Add a Persian document and its English reference to the project as a pair.",
            "tmkit add report.fa.docx report.en.docx --id report-2024"),
    Command("status", run_status, project_option,
            "List the project's pairs: segments, flagged beads, what changed since the build.",
            "tmkit status"),
    Command("build", run_build, _build_options,
            "Build the project's TM: TMX, PO, SRX, OmegaT project, report (changed pairs only).",
            "tmkit build --jobs 4"),
]  # fmt: skip
