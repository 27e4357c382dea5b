"""The ``tmkit`` command line: parse arguments, call one library function, print.

Exit codes: 0 success, 1 findings (checks), 2 bad input (one line on stderr).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from corpus.errors import CorpusError
from corpus.pipeline import load_document, segment_document
from corpus.render import document_text, segments_text, segments_tsv, write_atomic
from corpus.srx import bundled_srx_path, default_srx, read_srx
from corpus.srx10 import srx10_bytes
from tm import __version__
from tm.build import build

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
    for name, function, summary, example in COMMANDS:
        command = commands.add_parser(
            name,
            help=summary,
            description=f"{summary}\n\nexample:\n  {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        OPTIONS[name](command)
        command.set_defaults(run=function)
    return parser


def _document_options(command: argparse.ArgumentParser, language_required: bool) -> None:
    command.add_argument("file", metavar="FILE", help="UTF-8 text file, or - for standard input")
    command.add_argument(
        "--lang",
        required=language_required,
        default=None if language_required else "fa",
        help="language of FILE as a BCP 47 code: fa (Persian rules: fixes, normalization) "
        "or en" + ("" if language_required else " (default: fa)"),
    )
    command.add_argument(
        "--fixes",
        metavar="TSV",
        help="reviewed corrections to apply to the raw text first (wrong, right, reason, line)",
    )


def _segment_options(command: argparse.ArgumentParser) -> None:
    _document_options(command, language_required=True)
    command.add_argument(
        "--format",
        choices=("text", "tsv"),
        default="text",
        help="text: one segment a line (default); tsv: id, block, kind, footnote links, text",
    )
    command.add_argument("--srx", metavar="FILE", help="SRX 2.0 rules (default: the bundled ones)")


def _output_option(help_text: str, default: str | None = None):
    def add(command: argparse.ArgumentParser) -> None:
        command.add_argument("-o", "--output", metavar="PATH", default=default, help=help_text)

    return add


def _srx_options(command: argparse.ArgumentParser) -> None:
    _output_option("file to write (default: standard output)")(command)
    command.add_argument(
        "--srx-version",
        choices=("2.0", "1.0"),
        default="2.0",
        help="2.0: the rules as tmkit applies them (OmegaT, Okapi); 1.0: the same rules "
        "flattened, without cascading, for memoQ (default: 2.0)",
    )


def _load(args: argparse.Namespace):
    document = load_document(args.file, args.lang, args.fixes)
    name = "<stdin>" if args.file == "-" else args.file
    for warning in document.warnings:
        print(f"tmkit: warning: {name}: {warning}", file=sys.stderr)
    return document


def run_clean(args: argparse.Namespace) -> int:
    sys.stdout.write(document_text(_load(args)))
    return EXIT_OK


def run_segment(args: argparse.Namespace) -> int:
    document = _load(args)
    srx = read_srx(args.srx) if args.srx else None
    segments = segment_document(document, args.lang, srx)
    sys.stdout.write(segments_tsv(segments) if args.format == "tsv" else segments_text(segments))
    return EXIT_OK


def run_srx(args: argparse.Namespace) -> int:
    if args.srx_version == "1.0":
        rules = srx10_bytes(default_srx()).decode("utf-8")
    else:
        rules = bundled_srx_path().read_text(encoding="utf-8")
    if args.output:
        write_atomic(Path(args.output), rules)
    else:
        sys.stdout.write(rules)
    return EXIT_OK


def run_build(args: argparse.Namespace) -> int:
    out = Path(args.output)
    summaries = build(out)
    print(f"{'document':<24} {'paragraphs':>10} {'footnotes':>9} {'segments':>8} {'warnings':>8}")
    for s in summaries:
        print(
            f"{s.id:<24} {s.paragraphs:>10} {s.footnotes:>9} {s.segments:>8} {len(s.warnings):>8}"
        )
        for warning in s.warnings:
            print(f"tmkit: warning: {s.id}: {warning}", file=sys.stderr)
    print(f"wrote {out}/ (build.json, <doc>/fa.clean.txt, <doc>/fa.segments.tsv)")
    return EXIT_OK


COMMANDS: list[tuple[str, Callable[[argparse.Namespace], int], str, str]] = [
    (
        "build",
        run_build,
        "Run the pipeline on the bundled corpus and write the results.",
        "tmkit build -o out",
    ),
    (
        "clean",
        run_clean,
        "Print a cleaned document: paragraphs separated by blank lines, then footnotes.",
        "tmkit clean article.txt --fixes fa.fixes.tsv > article.clean.txt",
    ),
    (
        "segment",
        run_segment,
        "Clean a document and print one segment a line, footnotes after the body.",
        "tmkit segment article.txt --lang fa --fixes fa.fixes.tsv",
    ),
    (
        "srx",
        run_srx,
        "Write the bundled SRX segmentation rules (2.0 for OmegaT and Okapi, 1.0 for memoQ).",
        "tmkit srx -o segmentation.srx; tmkit srx --srx-version 1.0 -o memoq.srx",
    ),
]
OPTIONS: dict[str, Callable[[argparse.ArgumentParser], None]] = {
    "build": _output_option("output folder (default: out)", default="out"),
    "clean": lambda command: _document_options(command, language_required=False),
    "segment": _segment_options,
    "srx": _srx_options,
}
