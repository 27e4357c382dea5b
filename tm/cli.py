"""The ``tmkit`` command line: parse arguments, call one library function, print.

Exit codes: 0 success, 1 findings (checks), 2 bad input (one line on stderr).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from corpus.atomic import write_atomic
from corpus.collection import bundled_texts
from corpus.errors import CorpusError
from corpus.gold import read_gold
from corpus.pipeline import load_document, segment_document
from corpus.render import document_text, segments_text, segments_tsv
from corpus.srx import bundled_srx_path, default_srx, read_srx
from corpus.srxwrite import srx_bytes
from glossary.cli import glossary_commands
from glossary.model import bundled_glossary_path
from tm import __version__
from tm.build import PO_NAME, TMX_NAME, beads_tsv, build
from tm.dedupe import merge_tmx
from tm.evaluate import evaluate_alignment
from tm.export import EXPORTERS, export, glossary_matcher
from tm.pairs import align_documents, align_folder
from tm.po import apply_po
from tm.tmx import tmx_date, write_tmx
from tm.unit import LOW_CONFIDENCE, SOURCE_LANGUAGE, TARGET_LANGUAGE

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``tmkit`` with *argv* (default ``sys.argv[1:]``); return the exit code."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except CorpusError as err:
        print(f"tmkit: error: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tmkit",
        description="Persian→English translation memory and glossary pipeline.",
        epilog="Run 'tmkit COMMAND --help' for a command's options and an example.",
    )
    parser.add_argument("--version", action="version", version=f"tmkit {__version__}")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")
    for name, function, options, summary, example in COMMANDS + glossary_commands():
        command = commands.add_parser(
            name,
            help=summary,
            description=f"{summary}\n\nexample:\n  {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        options(command)
        command.set_defaults(run=function)
    return parser


# options shared by several commands


def _input_file(command: argparse.ArgumentParser, name: str = "file", what: str = "") -> None:
    command.add_argument(name, metavar=name.upper(), help=f"UTF-8 text file{what}, or - for stdin")


def _fixes(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--fixes",
        metavar="TSV",
        help="reviewed corrections to apply to the raw Persian first (wrong, right, reason, line)",
    )


def _languages(command: argparse.ArgumentParser) -> None:
    command.add_argument("--srclang", default=SOURCE_LANGUAGE, help="source language (fa-IR)")
    command.add_argument("--tgtlang", default=TARGET_LANGUAGE, help="target language (en-US)")


def _output(help_text: str, default: str | None = None, required: bool = False):
    def add(command: argparse.ArgumentParser) -> None:
        command.add_argument(
            "-o", "--output", "--out", metavar="PATH", default=default, required=required,
            help=help_text,
        )  # fmt: skip

    return add


def _warn(name: str, warnings: Sequence[str]) -> None:
    for warning in warnings:
        print(f"tmkit: warning: {name}: {warning}", file=sys.stderr)


# corpus commands


def _document_options(command: argparse.ArgumentParser, language_required: bool) -> None:
    _input_file(command)
    command.add_argument(
        "--lang",
        required=language_required,
        default=None if language_required else "fa",
        help="language of FILE as a BCP 47 code: fa (Persian rules: fixes, normalization) "
        "or en" + ("" if language_required else " (default: fa)"),
    )
    _fixes(command)


def _load(args: argparse.Namespace):
    document = load_document(args.file, args.lang, args.fixes)
    _warn("<stdin>" if args.file == "-" else args.file, document.warnings)
    return document


def run_clean(args: argparse.Namespace) -> int:
    sys.stdout.write(document_text(_load(args)))
    return EXIT_OK


def _segment_options(command: argparse.ArgumentParser) -> None:
    _document_options(command, language_required=True)
    command.add_argument(
        "--format",
        choices=("text", "tsv"),
        default="text",
        help="text: one segment a line (default); tsv: id, block, kind, footnote links, text",
    )
    command.add_argument("--srx", metavar="FILE", help="SRX 2.0 rules (default: the bundled ones)")


def run_segment(args: argparse.Namespace) -> int:
    document = _load(args)
    srx = read_srx(args.srx) if args.srx else None
    segments = segment_document(document, args.lang, srx)
    sys.stdout.write(segments_tsv(segments) if args.format == "tsv" else segments_text(segments))
    return EXIT_OK


def _srx_options(command: argparse.ArgumentParser) -> None:
    _output("file to write (default: standard output)")(command)
    command.add_argument(
        "--srx-version",
        choices=("2.0", "1.0"),
        default="2.0",
        help="2.0: the rules as tmkit applies them (OmegaT, Okapi); 1.0: the same rules "
        "flattened, without cascading, for memoQ (default: 2.0)",
    )


def run_srx(args: argparse.Namespace) -> int:
    if args.srx_version == "1.0":
        rules = srx_bytes(default_srx(), "1.0").decode("utf-8")
    else:
        rules = bundled_srx_path().read_text(encoding="utf-8")
    if args.output:
        write_atomic(Path(args.output), rules)
    else:
        sys.stdout.write(rules)
    return EXIT_OK


# TM commands


def run_build(args: argparse.Namespace) -> int:
    out = Path(args.output)
    report = build(out, progress=_progress)
    print(f"{'document':<24} {'fa segs':>7} {'en segs':>7} {'flagged':>7}  beads by type")
    for d in report.documents:
        types = " ".join(f"{shape}:{count}" for shape, count in d.bead_types.items())
        print(
            f"{d.id:<24} {d.source_segments:>7} {d.target_segments:>7} {len(d.flagged):>7}  {types}"
        )
        _warn(d.id, d.warnings)
    print(
        f"units {report.units}, in the TMX {report.units_in_tmx} "
        f"(flagged below {LOW_CONFIDENCE} left out, {report.duplicates} duplicates collapsed, "
        f"{report.conflicts} sources with different targets)"
    )
    libraries = ", ".join(f"{k} {v}" for k, v in report.signature["libraries"].items())
    print(f"tmkit {report.signature['tmkit']}, {libraries}")
    print(f"inputs: {len(report.signature['inputs'])} files, SHA-256 in {out}/build.json")
    print(f"wrote {out}/: {TMX_NAME}, {PO_NAME}, segmentation.srx, omegat/, build.json")
    return EXIT_OK


def _progress(texts):
    if not sys.stderr.isatty() or len(texts) < 2:
        return texts
    from tqdm import tqdm

    return tqdm(texts, desc="documents", unit="doc", file=sys.stderr)


def _align_options(command: argparse.ArgumentParser) -> None:
    _input_file(command, "source", " (Persian)")
    _input_file(command, "target", " (English)")
    _output("the TMX to write (with --format tsv: the TSV; default: standard output)")(command)
    _languages(command)
    _fixes(command)
    command.add_argument(
        "--format",
        choices=("tmx", "tsv"),
        default="tmx",
        help="tmx: TMX 1.4b of the beads above the confidence threshold (default); "
        "tsv: every bead with its shape and confidence, for review",
    )
    command.add_argument(
        "--glossary", metavar="XLSX",
        help="glossary workbook used as the aligner's dictionary (default: the bundled one)",
    )  # fmt: skip


def run_align(args: argparse.Namespace) -> int:
    source = load_document(args.source, args.srclang, args.fixes)
    target = load_document(args.target, args.tgtlang)
    _warn(args.source, source.warnings)
    _warn(args.target, target.warnings)
    terms = glossary_matcher(Path(args.glossary) if args.glossary else bundled_glossary_path())
    pair = align_documents(
        Path(args.source).stem,
        source,
        target,
        srclang=args.srclang,
        tgtlang=args.tgtlang,
        terms=terms,
    )
    if args.format == "tsv":
        text = beads_tsv(pair)
        write_atomic(Path(args.output), text) if args.output else sys.stdout.write(text)
        return EXIT_OK
    if not args.output:
        print("tmkit: error: --format tmx needs -o OUT.tmx", file=sys.stderr)
        return EXIT_BAD_INPUT
    flagged = set(pair.flagged)
    units = [u for u in pair.units if u not in flagged]
    written = write_tmx(units, Path(args.output), srclang=args.srclang, creationdate=tmx_date(0))
    print(
        f"{written} units written to {args.output}; {len(flagged)} flagged beads and "
        f"{len(pair.unpaired)} unpaired segments left out (see --format tsv)"
    )
    return EXIT_OK


def _eval_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--gold", required=True, metavar="TSV", help="the gold alignment")
    command.add_argument(
        "texts", nargs="*", metavar="SOURCE TARGET",
        help="align these files with tmkit's own segmentation (default: the gold's segments)",
    )  # fmt: skip
    _languages(command)
    _fixes(command)


def run_eval_align(args: argparse.Namespace) -> int:
    gold = read_gold(args.gold)
    if args.texts and len(args.texts) != 2:
        print("tmkit: error: give both SOURCE and TARGET, or neither", file=sys.stderr)
        return EXIT_BAD_INPUT
    documents = None
    if args.texts:
        documents = (
            load_document(args.texts[0], args.srclang, args.fixes),
            load_document(args.texts[1], args.tgtlang),
        )
    print(evaluate_alignment(gold, documents, srclang=args.srclang, tgtlang=args.tgtlang))
    return EXIT_OK


def _merge_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("inputs", nargs="+", metavar="TMX", help="TMX files (any TMX 1.1–1.4)")
    _output("the merged TMX", required=True)(command)
    command.add_argument("--srclang", help="source language (default: the first file's)")
    command.add_argument("--tgtlang", help="target language (default: the first other one)")


def run_merge(args: argparse.Namespace) -> int:
    report = merge_tmx(
        [Path(p) for p in args.inputs],
        Path(args.output),
        srclang=args.srclang,
        tgtlang=args.tgtlang,
        creationdate=tmx_date(0),
    )
    print(
        f"read {report.units_read} units, wrote {report.units_written} to {args.output} "
        f"({report.duplicates_collapsed} duplicates collapsed, {report.tu_skipped} tu skipped)"
    )
    for conflict in report.conflicts:
        print(
            f"tmkit: warning: {len(conflict.targets)} targets for: {conflict.source}",
            file=sys.stderr,
        )
    return EXIT_OK


def _export_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--format", choices=sorted(EXPORTERS), default="tmx", help="the format (default: tmx)"
    )
    _output("the file to write (default: out/tm.fa-en.<format>)")(command)


def run_export(args: argparse.Namespace) -> int:
    path = Path(args.output or f"out/tm.fa-en.{args.format}")
    count = export(args.format, path)
    print(f"{count} units written to {path}")
    return EXIT_OK


def _import_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "po", metavar="REVIEWED.po", help="a PO file from `tmkit export --format po`"
    )
    command.add_argument(
        "--texts", default="corpus/texts", metavar="DIR",
        help="the document pairs to update (default: corpus/texts of the checkout you are in)",
    )  # fmt: skip


def run_import_po(args: argparse.Namespace) -> int:
    root = Path(args.texts)
    if not root.is_dir():
        print(f"tmkit: error: {root}: no such folder (run it in a checkout, or give --texts)",
              file=sys.stderr)  # fmt: skip
        return EXIT_BAD_INPUT
    changed = 0
    terms = glossary_matcher(bundled_glossary_path())  # the same alignment as `tmkit export`
    for folder in bundled_texts(root):
        if folder.english is None:
            continue
        report = apply_po(Path(args.po), align_folder(folder, terms).units, folder.english)
        changed += len(report)
        for change in report:
            print(f"{folder.id}: {change.tuid}: {change.old!r} -> {change.new!r}")
    print(f"{changed} English sentences changed; run `tmkit build` to rebuild the TM")
    return EXIT_OK


COMMANDS: list[tuple[str, Callable, Callable, str, str]] = [
    ("build", run_build, _output("output folder (default: out)", default="out"),
     "Build the TM of the bundled corpus: TMX, PO, SRX, OmegaT project, report.",
     "tmkit build --out out"),
    ("clean", run_clean, lambda c: _document_options(c, language_required=False),
     "Print a cleaned document: paragraphs separated by blank lines, then footnotes.",
     "tmkit clean article.txt --fixes fa.fixes.tsv > article.clean.txt"),
    ("segment", run_segment, _segment_options,
     "Clean a document and print one segment a line, footnotes after the body.",
     "tmkit segment article.txt --lang fa --fixes fa.fixes.tsv"),
    ("srx", run_srx, _srx_options,
     "Write the bundled SRX segmentation rules (2.0 for OmegaT and Okapi, 1.0 for memoQ).",
     "tmkit srx -o segmentation.srx; tmkit srx --srx-version 1.0 -o memoq.srx"),
    ("align", run_align, _align_options,
     "Align a Persian document with its English translation into a TMX (or TSV for review).",
     "tmkit align fa.txt en.txt -o pair.tmx --tgtlang en-GB"),
    ("eval-align", run_eval_align, _eval_options,
     "Score the aligner against a gold alignment: strict precision, recall, F1.",
     "tmkit eval-align --gold gold.tsv fa.raw.txt en.txt --fixes fa.fixes.tsv"),
    ("merge", run_merge, _merge_options,
     "Merge TMX files (any tool's) into one normalized, deduplicated TMX 1.4b.",
     "tmkit merge a.tmx b.tmx -o merged.tmx"),
    ("export", run_export, _export_options,
     "Export the bundled corpus's TM in one format (" + ", ".join(sorted(EXPORTERS)) + ").",
     "tmkit export --format po -o review.po"),
    ("import-po", run_import_po, _import_options,
     "Bring reviewed translations from a PO file back into the corpus's English.",
     "tmkit import-po review.po"),
]  # fmt: skip
