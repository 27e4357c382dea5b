"""Alignment commands: ``tmkit align`` (any pair of documents) and ``tmkit eval-align``."""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

from tm.cli.common import (
    EXIT_OK,
    Command,
    error,
    input_file,
    optional_project,
    output_option,
    persian_options,
    project_option,
    warn,
    write_output,
    zwnj_spelling,
)
from tm.unit import SOURCE_LANGUAGE, TARGET_LANGUAGE


def _languages(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--srclang", help=f"source language (default: the project's, else {SOURCE_LANGUAGE})"
    )
    command.add_argument("--tgtlang", help="target language (default: the project's, else en-US)")


def _segmented_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--segmented",
        action="store_true",
        help="SOURCE and TARGET are already segmented, as for hunalign or LF Aligner: UTF-8 "
        "text, one segment a line, a blank line between paragraphs; tmkit aligns those very "
        "segments (it normalizes the Persian, but never cleans, joins or splits lines)",
    )


def _load(args: argparse.Namespace, path: str, language: str, spelling: str | None = None):
    """*path* read as ``tmkit align`` reads it: pre-segmented with ``--segmented``, else a
    document to clean; *spelling* given for the Persian side (which takes ``--fixes``)."""
    from corpus.pipeline import load_document, load_segmented

    load = load_segmented if args.segmented else load_document
    if spelling is None:
        return load(path, language)
    return load(path, language, args.fixes, zwnj_spelling=spelling)


def _align_options(command: argparse.ArgumentParser) -> None:
    input_file(command, "source", " (Persian)")
    input_file(command, "target", " (English)")
    _segmented_option(command)
    output_option("the TMX to write (with --format tsv: the TSV); default: standard output")(
        command
    )
    _languages(command)
    persian_options(command)
    command.add_argument(
        "--format",
        choices=("tmx", "tsv"),
        default="tmx",
        help="tmx: TMX 1.4b of the beads above the flag threshold (default); "
        "tsv: every bead with its shape, confidence and, when flagged, why",
    )
    command.add_argument(
        "--glossary", metavar="XLSX",
        help="glossary workbook used as the aligner's dictionary (default: the project's, "
        "in a project; else none)",
    )  # fmt: skip
    command.add_argument(
        "--id",
        metavar="ID",
        help="the document id in the units' ids (ID:b1 …; default: SOURCE's name, or 'stdin')",
    )
    project_option(command)


def run_align(args: argparse.Namespace) -> int:
    from tm.cli.corpus import rules
    from tm.pairs import align_documents, beads_tsv
    from tm.signature import run_date
    from tm.tmx import write_tmx
    from tm.unit import LOW_CONFIDENCE

    if args.source == "-" and args.target == "-":
        return error("only one of SOURCE and TARGET can be - (standard input is read once)")
    project = optional_project(args)
    srclang = args.srclang or (project.source_language if project else SOURCE_LANGUAGE)
    tgtlang = args.tgtlang or (project.target_language if project else TARGET_LANGUAGE)
    spelling = zwnj_spelling(args, project)
    source = _load(args, args.source, srclang, spelling)
    target = _load(args, args.target, tgtlang)
    warn(_name(args.source), source.warnings)
    warn(_name(args.target), target.warnings)
    glossary = Path(args.glossary) if args.glossary else (project.glossary if project else None)
    threshold = project.flag_threshold if project else LOW_CONFIDENCE
    pair = align_documents(
        args.id or ("stdin" if args.source == "-" else Path(args.source).stem),
        source,
        target,
        srclang=srclang,
        tgtlang=tgtlang,
        terms=_matcher(glossary, explicit=bool(args.glossary)),
        srx=rules(args),
        threshold=threshold,
    )
    if args.format == "tsv":
        write_output(args.output, beads_tsv(pair.review_beads(threshold)))
        return EXIT_OK
    units = [u for u in pair.units if not u.flagged]
    header = asdict(project.tmx) if project else {}
    to_stdout = args.output in (None, "-")
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "pair.tmx" if to_stdout else Path(args.output)
        written = write_tmx(units, path, srclang=srclang, creationdate=run_date(), **header)
        if to_stdout:
            write_output(None, path.read_bytes())
    print(
        f"{written} units written to {'standard output' if to_stdout else args.output}; "
        f"{len(pair.flagged)} flagged beads and {len(pair.unpaired)} unpaired segments left "
        "out (see --format tsv)",
        file=sys.stderr if to_stdout else sys.stdout,
    )
    return EXIT_OK


def _matcher(path: Path | None, explicit: bool):
    """The glossary's matcher (the aligner's dictionary); a missing --glossary is an error."""
    from glossary.match import Matcher
    from glossary.workbook import load_glossary
    from tm.errors import TmError

    if path is None:
        return None
    if not explicit and not path.exists():
        raise TmError(
            str(path),
            "no such file (tmkit.toml: [paths] glossary)",
            hint='put it there, correct the path, set glossary = "" for none, or give --glossary',
        )
    return Matcher(load_glossary(path))


def _name(path: str) -> str:
    return "<stdin>" if path == "-" else path


def _eval_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--gold", required=True, metavar="TSV", help="the gold alignment")
    command.add_argument(
        "texts", nargs="*", metavar="SOURCE TARGET",
        help="align these files with tmkit's own segmentation (default: the gold's segments)",
    )  # fmt: skip
    _segmented_option(command)
    _languages(command)
    persian_options(command)


def run_eval_align(args: argparse.Namespace) -> int:
    from corpus.gold import read_gold
    from tm.evaluate import evaluate_alignment

    gold = read_gold(args.gold)
    if args.texts and len(args.texts) != 2:
        return error("give both SOURCE and TARGET, or neither")
    srclang, tgtlang = args.srclang or SOURCE_LANGUAGE, args.tgtlang or TARGET_LANGUAGE
    documents = None
    if args.texts:
        spelling = zwnj_spelling(args, optional_project(args))
        documents = (
            _load(args, args.texts[0], srclang, spelling),
            _load(args, args.texts[1], tgtlang),
        )
    print(evaluate_alignment(gold, documents, srclang=srclang, tgtlang=tgtlang))
    return EXIT_OK


COMMANDS = [
    Command("align", run_align, _align_options,
            "Align a Persian document with its English translation into a TMX (or TSV for review).",
            "tmkit align fa.docx en.docx -o pair.tmx --tgtlang en-GB\n"
            "  tmkit align --segmented fa.txt en.txt -o pair.tmx   # one segment a line"),
    Command("eval-align", run_eval_align, _eval_options,
            "Score the aligner against a gold alignment: strict precision, recall, F1.",
            "tmkit eval-align --gold gold.tsv fa.raw.txt en.txt --fixes fa.fixes.tsv"),
]  # fmt: skip
