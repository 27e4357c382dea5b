"""``tmkit review``: the review page of a document pair or a TMX; ``tmkit review apply``:
record a page's corrections in the pair's ``reviewed.json``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tm.cli.common import (
    EXIT_OK,
    MADE,
    Command,
    error,
    jobs_option,
    optional_project,
    project,
    project_option,
    warn,
    write_output,
)


def _review_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "what", nargs="*", metavar="DOC-ID | apply CORRECTIONS",
        help="a pair's id: its page (default: every pair's, and the index, in out/review/); "
        "apply CORRECTIONS: record the corrections a page exported in the pair's "
        "reviewed.json, which the next build keeps",
    )  # fmt: skip
    command.add_argument(
        "--tmx", metavar="FILE", help="the page of this TMX's units instead (no corrections)"
    )
    command.add_argument(
        "-o", "--output", "--out", metavar="FILE",
        help="the page's file (- for standard output; default: out/review/DOC-ID.html, or "
        "FILE.review.html in the current folder for --tmx)" + MADE,
    )  # fmt: skip
    command.add_argument(
        "--glossary", metavar="XLSX",
        help="the glossary whose terms are marked and checked (default: the project's)",
    )  # fmt: skip
    jobs_option(command)
    project_option(command)


def run_review(args: argparse.Namespace) -> int:
    what = args.what
    if what and what[0] == "apply":
        if len(what) != 2 or args.tmx or args.output:
            return error("tmkit review apply takes one corrections file and no other option")
        return _apply(args, Path(what[1]))
    if len(what) > 1:
        return error(f"one DOC-ID at a time (given: {' '.join(what)})")
    if args.tmx:
        if what:
            return error("give a DOC-ID or --tmx FILE, not both")
        return _tmx(args)
    return _pairs(args, what[0] if what else None)


def _glossary(args: argparse.Namespace, current):
    from tm.review import load_terms

    if args.glossary:
        return load_terms(Path(args.glossary))
    return load_terms(current.glossary if current is not None else None)


def _tmx(args: argparse.Namespace) -> int:
    from tm.review import tmx_review
    from tm.tmx import read_tmx

    path = Path(args.tmx)
    current = optional_project(args)
    glossary = _glossary(args, current)
    if not glossary.terms:
        warn(str(path), ["no glossary (--glossary XLSX): no terms marked"])
    units = list(read_tmx(path, srclang="fa"))
    output = args.output or f"{path.stem}.review.html"
    write_output(output, tmx_review(units, path.name, glossary))
    if output != "-":
        print(f"wrote {output}: {len(units)} units")
    return EXIT_OK


def _pairs(args: argparse.Namespace, only: str | None) -> int:
    from tm.batch import align_project
    from tm.review import REVIEW_FOLDER, pair_pages, write_review_pages

    current = project(args)
    if only is not None and only not in {pair.id for pair in current.pairs()}:
        return error(f"{current.relative(current.texts)}: no document pair {only!r}")
    if only is None and args.output:
        return error(
            "-o names one page: give a DOC-ID (without one, every page goes to out/review/)"
        )
    results = align_project(current, jobs=args.jobs)
    for result in results:
        if only in (None, result.id):
            warn(result.id, result.warnings)
    glossary = _glossary(args, current)
    if only is None:
        pages = write_review_pages(results, glossary, current.out, current.flag_threshold)
        count = len(pages) - 1
        print(f"wrote {count} review page{'' if count == 1 else 's'} and index.html in "
              f"{current.relative(current.out / REVIEW_FOLDER)}/")  # fmt: skip
        return EXIT_OK
    pages = pair_pages(results, glossary, current.flag_threshold, only)
    if not pages:
        return error(f"{only}: the pair has no English document yet: nothing to review")
    ((document, page),) = pages
    output = args.output or str(current.out / REVIEW_FOLDER / f"{only}.html")
    write_output(output, page)
    if output != "-":
        flagged = sum(1 for bead in document.beads if bead.flag)
        print(f"wrote {output}: {len(document.beads)} beads, {flagged} flagged, "
              f"{sum(len(f) for f in document.findings.values())} findings")  # fmt: skip
    return EXIT_OK


def _apply(args: argparse.Namespace, path: Path) -> int:
    from tm.review import apply_corrections

    current = project(args)
    applied = apply_corrections(current, path)
    if not applied.corrections:
        print(f"tmkit: warning: no corrections in {path}: nothing recorded", file=sys.stderr)
        return EXIT_OK
    print(
        f"recorded {applied.corrections} reviewed beads of {applied.document} in "
        f"{current.relative(applied.path)} (now {applied.recorded}); tmkit build aligns the "
        "pair again around them"
    )
    return EXIT_OK


COMMANDS = [
    Command("review", run_review, _review_options,
            "Write a pair's review page (beads side by side, terms, findings); apply its "
            "corrections.",
            "tmkit review apply ~/Downloads/caucasus-oil-policy.corrections.json"),
]  # fmt: skip
