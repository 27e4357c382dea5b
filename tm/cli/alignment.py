"""Alignment commands: ``tmkit align`` (any pair of documents) and ``tmkit eval-align``."""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, replace
from pathlib import Path

from tm.cli.common import (
    EXIT_OK,
    Command,
    conjectures,
    error,
    input_file,
    jobs_option,
    optional_project,
    output_option,
    pair_languages,
    persian_options,
    project_option,
    warn,
    write_output,
    zwnj_spelling,
)
from tm.unit import SOURCE_LANGUAGE, TARGET_LANGUAGE


def _languages(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--srclang",
        help=f"source language, a BCP 47 tag (default: the project's, else {SOURCE_LANGUAGE}); "
        "one that is not Persian is warned about",
    )
    command.add_argument(
        "--tgtlang",
        help=f"target language, a BCP 47 tag (default: the project's, else {TARGET_LANGUAGE}); "
        "one that is not English is warned about",
    )


def _segmented_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--segmented",
        action="store_true",
        help="SOURCE and TARGET are already segmented, as for hunalign or LF Aligner: UTF-8 "
        "text, one segment a line, a blank line between paragraphs; tmkit aligns those very "
        "segments (it normalizes the Persian, but never cleans, joins or splits lines)",
    )


def _load(
    args: argparse.Namespace,
    path: str,
    language: str,
    spelling: str | None = None,
    conjectured: bool = True,
):
    """*path* read as ``tmkit align`` reads it: pre-segmented with ``--segmented``, else a
    document to clean; *spelling* (and whether the fixes' conjectures apply) given for the
    Persian side (which takes ``--fixes``)."""
    from corpus.pipeline import load_document, load_segmented

    load = load_segmented if args.segmented else load_document
    if spelling is None:
        return load(path, language)
    return load(path, language, args.fixes, zwnj_spelling=spelling, conjectures=conjectured)


def _align_options(command: argparse.ArgumentParser) -> None:
    input_file(command, "source", " (Persian), or a folder of them (paired by file name with "
               "the files of the TARGET folder), or with --batch the list of pairs")  # fmt: skip
    command.add_argument(
        "target", nargs="?", metavar="TARGET",
        help="the English translation, or a folder of them (none with --batch)",
    )  # fmt: skip
    command.add_argument(
        "--batch", action="store_true",
        help="SOURCE is a list of pairs, one a line: Persian file, tab, English file, and "
        "optionally tab and an id (paths relative to the list; # starts a comment; an "
        "error in a listed file names the list's line). Many "
        "pairs (a list, or two folders) are aligned as one batch: the translation model "
        "learns from all of them (Moore's second pass), and one TMX holds their units",
    )  # fmt: skip
    _segmented_option(command)
    command.add_argument(
        "--split-run-ons", action="store_true",
        help="split a segment that holds two or three sentences without the punctuation "
        "between them (after a Persian finite verb, never inside a compound verb; an English "
        "mark glued to the next capital, or kept by an abbreviation rule) when it faces their "
        "translations and the 1-1 beads score better; the text is never changed",
    )  # fmt: skip
    output_option("the TMX to write (with --format tsv: the TSV); default: standard output")(
        command
    )
    _languages(command)
    persian_options(command)
    command.add_argument(
        "--format",
        choices=("tmx", "tsv"),
        default="tmx",
        help="tmx: TMX 1.4b of the beads above the flag threshold, none of a pair in doubt "
        "as a whole (a side not in its script, most beads flagged: warned about) (default); "
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
    jobs_option(command, "analysing the segments of a long pair (20,000 segments or more)")


def run_align(args: argparse.Namespace) -> int:
    from tm.cli.corpus import rules
    from tm.pairs import align_many, beads_tsv, doubted_units, pair_doubts
    from tm.signature import run_date
    from tm.tmx import write_tmx
    from tm.unit import LOW_CONFIDENCE

    if args.source == "-" and args.target == "-":
        return error("only one of SOURCE and TARGET can be - (standard input is read once)")
    paths = _pairs(args)
    if len(paths) > 1 and (args.fixes or args.id):
        return error("--fixes and --id are for one pair: with many, ids are the file names")
    project = optional_project(args)
    srclang, tgtlang = pair_languages(args, project)
    spelling, conjectured = zwnj_spelling(args, project), conjectures(args, project)
    documents = []
    for doc_id, source_path, target_path, entry in paths:
        with _named_entry(entry):
            source = _load(args, source_path, srclang, spelling, conjectured)
            target = _load(args, target_path, tgtlang)
        warn(_name(source_path), source.warnings)
        warn(_name(target_path), target.warnings)
        documents.append((doc_id, source, target))
    glossary = Path(args.glossary) if args.glossary else (project.glossary if project else None)
    threshold = project.flag_threshold if project else LOW_CONFIDENCE
    pairs = align_many(
        documents,
        srclang=srclang,
        tgtlang=tgtlang,
        terms=_matcher(glossary, explicit=bool(args.glossary)),
        srx=rules(args),
        threshold=threshold,
        run_ons=args.split_run_ons,
        jobs=args.jobs,
    )
    judged = []  # a pair in doubt as a whole is warned about, its units all flagged
    for pair, (_, source, target), (_, source_path, target_path, _) in zip(
        pairs, documents, paths, strict=True
    ):
        names = (_name(source_path), _name(target_path))
        doubts = pair_doubts(source, target, pair.review_beads(threshold), names)
        warn(pair.id, doubts)
        judged.append(replace(pair, units=doubted_units(pair.units, doubts)))
    pairs = judged
    if args.format == "tsv":
        tables = [
            beads_tsv(pair.review_beads(threshold), pair.id if len(pairs) > 1 else "")
            for pair in pairs
        ]
        write_output(args.output, tables[0] + "".join(t.split("\n", 1)[1] for t in tables[1:]))
        return EXIT_OK
    units = [u for pair in pairs for u in pair.units if not u.flagged]
    header = asdict(project.tmx) if project else {}
    to_stdout = args.output in (None, "-")
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "pair.tmx" if to_stdout else Path(args.output)
        written = write_tmx(units, path, srclang=srclang, creationdate=run_date(), **header)
        if to_stdout:
            write_output(None, path.read_bytes())
    flagged = sum(len(pair.flagged) for pair in pairs)
    unpaired = sum(len(pair.unpaired) for pair in pairs)
    halves = [(pair.id, b.split) for pair in pairs for b in pair.alignment.beads if b.split]
    split = {(doc_id, half[:-1]) for doc_id, half in halves}  # the segments they come from
    print(
        f"{written} units written to {'standard output' if to_stdout else args.output}"
        f"{f' from {len(pairs)} pairs' if len(pairs) > 1 else ''}; {flagged} flagged beads "
        f"and {unpaired} unpaired segments left out (see --format tsv)"
        + (f"; {len(split)} run-on segments split into {len(halves)}" if split else ""),
        file=sys.stderr if to_stdout else sys.stdout,
    )
    return EXIT_OK


def _pairs(args: argparse.Namespace) -> list[tuple[str, str, str, str]]:
    """The (id, Persian file, English file, list line) pairs to align: the list of ``--batch``
    (the list line ``pairs.list:3`` naming each pair's entry), the files of two folders paired
    by name, or SOURCE and TARGET (list line ``""``).

    :raises TmError: a bad list line (with its number), a missing file, or folders without a
        file in common.
    """
    from tm.errors import TmError

    if args.batch:
        if args.target is not None:
            raise TmError(args.target, "with --batch, give only the list of pairs")
        return _batch_list(Path(args.source))
    if args.target is None:
        raise TmError(args.source, "give the English TARGET too (or --batch with a list)")
    source, target = Path(args.source), Path(args.target)
    if source.is_dir() and target.is_dir():
        return _folder_pairs(source, target)
    if source.is_dir() or target.is_dir():
        folder = source if source.is_dir() else target
        raise TmError(str(folder), "a folder on one side only: give two folders or two files")
    doc_id = args.id or ("stdin" if args.source == "-" else source.stem)
    return [(doc_id, args.source, args.target, "")]


@contextlib.contextmanager
def _named_entry(entry: str) -> Iterator[None]:
    """Errors reading a pair's files prefixed with the *entry* of the list that named the
    pair (``pairs.list:3: empty.txt: file is empty``); as they are without one."""
    from corpus.errors import CorpusError

    try:
        yield
    except CorpusError as err:
        if not entry:
            raise
        raise type(err)(
            f"{entry}: {err.path}", err.message, line=err.line, column=err.column, hint=err.hint
        ) from err


def _batch_list(path: Path) -> list[tuple[str, str, str, str]]:
    from corpus.textfile import read_text
    from tm.errors import TmError

    pairs, seen = [], set()
    for number, line in enumerate(read_text(path, page_breaks=False).split("\n"), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) not in (2, 3) or not all(cell.strip() for cell in cells):
            raise TmError(
                f"{path}:{number}",
                "expected: Persian file, tab, English file (tab, id)",
                hint="one pair a line, the cells separated by tabs",
            )
        source, target = (path.parent / cells[0].strip(), path.parent / cells[1].strip())
        for side in (source, target):
            if not side.is_file():
                raise TmError(f"{path}:{number}", f"no such file: {side}")
        doc_id = cells[2].strip() if len(cells) == 3 else source.stem
        if doc_id in seen:
            raise TmError(f"{path}:{number}", f"a second pair with the id {doc_id!r}",
                          hint="give each pair its own id in a third cell")  # fmt: skip
        seen.add(doc_id)
        pairs.append((doc_id, str(source), str(target), f"{path}:{number}"))
    if not pairs:
        raise TmError(str(path), "no pairs in the list")
    return pairs


def _folder_pairs(source: Path, target: Path) -> list[tuple[str, str, str, str]]:
    from tm.errors import TmError

    def files(folder: Path) -> dict[str, Path]:
        return {p.name: p for p in sorted(folder.iterdir()) if p.is_file() and p.name[0] != "."}

    persian, english = files(source), files(target)
    common = [name for name in persian if name in english]
    if not common:
        raise TmError(
            str(source),
            f"no file name in common with {target}",
            hint="the two folders pair files by name: fa/report.txt with en/report.txt",
        )
    for name in sorted(set(persian) ^ set(english)):
        folder, other = (source, target) if name in persian else (target, source)
        warn(str(folder / name), [f"no file of that name in {other}: left out"])
    return [(Path(name).stem, str(persian[name]), str(english[name]), "") for name in common]


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
    from tm.unit import LOW_CONFIDENCE

    gold = read_gold(args.gold)
    if args.texts and len(args.texts) != 2:
        return error("give both SOURCE and TARGET, or neither")
    project = optional_project(args)
    srclang, tgtlang = pair_languages(args, project)
    documents = None
    if args.texts:
        spelling, conjectured = zwnj_spelling(args, project), conjectures(args, project)
        documents = (
            _load(args, args.texts[0], srclang, spelling, conjectured),
            _load(args, args.texts[1], tgtlang),
        )
    threshold = project.flag_threshold if project else LOW_CONFIDENCE
    print(
        evaluate_alignment(gold, documents, srclang=srclang, tgtlang=tgtlang, threshold=threshold)
    )
    return EXIT_OK


COMMANDS = [
    Command("align", run_align, _align_options,
            "Align a Persian document with its English translation into a TMX (or TSV for review).",
            "tmkit align fa.docx en.docx -o pair.tmx --tgtlang en-GB\n"
            "  tmkit align --segmented fa.txt en.txt -o pair.tmx   # one segment a line\n"
            "  tmkit align fa/ en/ -o tm.tmx   # many pairs, by file name, as one batch"),
    Command("eval-align", run_eval_align, _eval_options,
            "Score the aligner against a gold alignment: strict precision, recall, F1, and "
            "the precision of the beads a TMX would get (both sides, not flagged).",
            "tmkit eval-align --gold gold.tsv fa.raw.txt en.txt --fixes fa.fixes.tsv"),
]  # fmt: skip
