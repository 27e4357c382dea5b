"""Corpus commands: ``tmkit clean``, ``tmkit segment``, ``tmkit srx``."""

from __future__ import annotations

import argparse

from tm.cli.common import (
    EXIT_OK,
    Command,
    conjectures,
    input_file,
    optional_project,
    output_option,
    persian_options,
    project_option,
    warn,
    write_output,
    write_stdout,
    zwnj_spelling,
)


def _document_options(command: argparse.ArgumentParser, language_required: bool) -> None:
    input_file(command)
    command.add_argument(
        "--lang",
        required=language_required,
        default=None if language_required else "fa",
        help="language of FILE as a BCP 47 code: fa (Persian rules: fixes, normalization) "
        "or en" + ("" if language_required else " (default: fa)"),
    )
    persian_options(command)


def _load(args: argparse.Namespace):
    from corpus.pipeline import load_document

    project = optional_project(args)
    document = load_document(
        args.file,
        args.lang,
        args.fixes,
        zwnj_spelling=zwnj_spelling(args, project),
        conjectures=conjectures(args, project),
    )
    warn("<stdin>" if args.file == "-" else args.file, document.warnings)
    return document


def run_clean(args: argparse.Namespace) -> int:
    from corpus.render import document_text

    write_stdout(document_text(_load(args)))
    return EXIT_OK


def _segment_options(command: argparse.ArgumentParser) -> None:
    _document_options(command, language_required=True)
    command.add_argument(
        "--format",
        choices=("text", "tsv"),
        default="text",
        help="text: one segment a line (default); tsv: id, block, kind, footnote links, text",
    )
    command.add_argument(
        "--srx",
        metavar="FILE",
        help="SRX 2.0 or 1.0 rules (default: the project's, in a project; else tmkit's "
        "bundled ones)",
    )
    project_option(command)


def rules(args: argparse.Namespace):
    """The SRX rules to segment with: ``--srx``, the project's, or None (the bundled ones)."""
    from corpus.srx import read_srx

    if getattr(args, "srx", None):
        return read_srx(args.srx)
    project = optional_project(args)
    return read_srx(project.segmentation) if project and project.segmentation else None


def run_segment(args: argparse.Namespace) -> int:
    from corpus.pipeline import segment_document
    from corpus.render import segments_text, segments_tsv

    document = _load(args)
    srx = rules(args)
    if srx is not None and not srx.matches(args.lang):
        unmatched = (
            f"no languagemap matches {args.lang!r}: no rule applies, each paragraph is one segment"
        )
        warn(args.srx or "the project's segmentation rules", [unmatched])
    segments = segment_document(document, args.lang, srx)
    write_stdout(segments_tsv(segments) if args.format == "tsv" else segments_text(segments))
    return EXIT_OK


def _srx_options(command: argparse.ArgumentParser) -> None:
    output_option("file to write (default: standard output)")(command)
    command.add_argument(
        "--srx-version",
        choices=("2.0", "1.0"),
        default="2.0",
        help="2.0: the rules as tmkit applies them (OmegaT, Okapi); 1.0: the same rules "
        "flattened, without cascading, for memoQ (default: 2.0)",
    )
    project_option(command)


def run_srx(args: argparse.Namespace) -> int:
    from corpus.srx import bundled_srx_path, default_srx, read_srx
    from corpus.srxwrite import srx_bytes

    project = optional_project(args)
    path = project.segmentation if project and project.segmentation else bundled_srx_path()
    if args.srx_version == "1.0":
        srx = read_srx(path) if project and project.segmentation else default_srx()
        data = srx_bytes(srx, "1.0")
    else:
        data = path.read_bytes()
    write_output(args.output, data)
    return EXIT_OK


COMMANDS = [
    Command("clean", run_clean, lambda c: _document_options(c, language_required=False),
            "Print a cleaned document: paragraphs separated by blank lines, then footnotes.",
            "tmkit clean article.txt --fixes fa.fixes.tsv > article.clean.txt"),
    Command("segment", run_segment, _segment_options,
            "Clean a document and print one segment a line, footnotes after the body.",
            "tmkit segment article.docx --lang fa --format tsv"),
    Command("srx", run_srx, _srx_options,
            "Write the segmentation rules (SRX 2.0 for OmegaT and Okapi, 1.0 for memoQ).",
            "tmkit srx -o segmentation.srx; tmkit srx --srx-version 1.0 -o memoq.srx"),
]  # fmt: skip
