"""Using the TM store: ``tmkit lookup``, ``concordance``, ``analyze``, ``pretranslate``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from tm.cli.common import (
    EXIT_OK,
    Command,
    conjectures,
    error,
    optional_project,
    output_option,
    persian_options,
    warn,
    write_stdout,
    zwnj_spelling,
)
from tm.cli.store import db_option, open_db

SHOWN = "\x1b[1;33m", "\x1b[0m"  # bold yellow on a terminal: what differs, what was found
PLAIN = "", ""


def marks() -> tuple[str, str]:
    """The escape codes that highlight a span: ANSI on a terminal (unless ``NO_COLOR``), else
    none (the places are in ``--format json``)."""
    return SHOWN if sys.stdout.isatty() and not os.environ.get("NO_COLOR") else PLAIN


def highlighted(text: str, spans: Iterable[tuple[int, int]], mark: tuple[str, str]) -> str:
    """*text* with each ``(start, end)`` span between the two *mark* codes."""
    if not mark[0]:
        return text
    out, last = [], 0
    for start, end in sorted(spans):
        out += [text[last:start], mark[0], text[start:end], mark[1]]
        last = end
    return "".join([*out, text[last:]])


def glossary_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--glossary", metavar="XLSX",
        help="the glossary whose terms are listed under each match (default: the project's)",
    )  # fmt: skip


def matcher(args: argparse.Namespace):
    """The glossary matcher of ``--glossary`` or the project's glossary, ``None`` without one."""
    path = Path(args.glossary) if args.glossary else None
    if path is None:
        current = optional_project(args)
        path = current.glossary if current is not None else None
    if path is None:
        return None
    from glossary.match import Matcher
    from glossary.workbook import load_glossary

    return Matcher(load_glossary(path))


def _percentage(text: str) -> int:
    value = int(text)
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"{text} is not a percentage from 0 to 100")
    return value


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a count of 1 or more")
    return value


def _lookup_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("segment", metavar="PERSIAN_TEXT", help="the segment to find matches for")
    command.add_argument(
        "--min", type=_percentage, default=70, dest="minimum",
        help="the lowest match percentage shown (default: 70)",
    )  # fmt: skip
    command.add_argument(
        "--limit", type=_positive, default=5, help="the most matches shown (default: 5)"
    )
    command.add_argument(
        "--previous", metavar="TEXT",
        help="the segment before it in its document: a unit after the same segment is a "
        "context match, ranked above other 100%% matches",
    )  # fmt: skip
    command.add_argument("--format", choices=("text", "json"), default="text")
    glossary_option(command)
    db_option(command)


def run_lookup(args: argparse.Namespace) -> int:
    from tm.lookup import CANDIDATES, glossary_hits, lookup

    if not args.segment.strip():
        return error("lookup: the segment is empty")
    terms = matcher(args)
    with open_db(args) as store:
        found = lookup(
            store, args.segment, minimum=args.minimum, limit=args.limit, previous=args.previous
        )
    rows = []
    for match in found.matches:
        unit = match.stored.unit
        rows.append({
            "score": match.fuzzy.score, "kind": match.kind, "reason": match.fuzzy.reason,
            "source": unit.source, "target": unit.target, "tuid": unit.tuid,
            "document": unit.document, "file": match.stored.file,
            "changed": [list(span) for span in match.fuzzy.changed],
            "numbers": {"segment": list(match.fuzzy.numbers[0]),
                        "unit": list(match.fuzzy.numbers[1])},
            "terms": [{"found": found_text, "en": en}
                      for found_text, en in (glossary_hits(terms, unit.source) if terms else [])],
        })  # fmt: skip
    if args.format == "json":
        summary = {"candidates": found.candidates, "capped": found.capped, "matches": rows}
        write_stdout(json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    mark = marks()
    lines = []
    for row, match in zip(rows, found.matches, strict=True):
        kind = "" if row["kind"] == "fuzzy" else f" {row['kind']}"
        lines.append(f"{row['score']}%{kind}  {row['tuid']}  ({row['file']})")
        lines.append(f"  fa: {highlighted(row['source'], match.fuzzy.changed, mark)}")
        lines.append(f"  en: {row['target']}")
        lines.append(f"  {row['reason']}")
        for term in row["terms"]:
            lines.append(f"  term: {term['found']} → {term['en']}")
    if not rows:
        lines.append(f"no match of {args.minimum}% or more")
    if found.capped:
        lines.append(
            f"(the index found more candidates than the {CANDIDATES} weighed: a match may "
            "lie beyond them)"
        )
    write_stdout("\n".join(lines) + "\n")
    return EXIT_OK


def _concordance_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("phrase", metavar="WORD|PHRASE", help="a word or phrase to find")
    command.add_argument(
        "--lang", choices=("fa", "en"),
        help="the side to search (default: fa when the phrase has Persian letters, else en)",
    )  # fmt: skip
    command.add_argument(
        "--limit", type=_positive, default=20, help="the most units shown (default: 20)"
    )
    command.add_argument("--format", choices=("text", "json"), default="text")
    db_option(command)


def run_concordance(args: argparse.Namespace) -> int:
    from tm.concordance import concordance

    side = args.lang or ("fa" if any("\u0600" <= c <= "\u06ff" for c in args.phrase) else "en")
    with open_db(args) as store:
        try:
            found = concordance(store, args.phrase, side=side, limit=args.limit)
        except ValueError as err:
            return error(f"concordance: {err}")
    rows = [
        {"source": h.stored.unit.source, "target": h.stored.unit.target, "tuid": h.stored.unit.tuid,
         "file": h.stored.file, "found": [list(span) for span in h.spans]}
        for h in found.hits
    ]  # fmt: skip
    if args.format == "json":
        summary = {"side": side, "capped": found.capped, "units": rows}
        write_stdout(json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    mark = marks()
    lines = []
    for hit in found.hits:
        unit = hit.stored.unit
        fa = highlighted(unit.source, hit.spans, mark) if side == "fa" else unit.source
        en = highlighted(unit.target, hit.spans, mark) if side == "en" else unit.target
        lines += [f"{unit.tuid}  ({hit.stored.file})", f"  fa: {fa}", f"  en: {en}"]
    if len(rows) == args.limit:
        lines.append(f"the first {len(rows)} units holding {args.phrase!r} ({side}; --limit)")
    else:
        lines.append(f"{len(rows)} units hold {args.phrase!r} ({side})")
    write_stdout("\n".join(lines) + "\n")
    return EXIT_OK


def _documents_option(command: argparse.ArgumentParser, many: bool) -> None:
    command.add_argument(
        "documents", nargs="+" if many else None, metavar="NEW_DOCUMENT",
        help="Persian document: text (.txt, UTF-8), Word (.docx), Markdown (.md) or HTML; "
        "cleaned, normalized and segmented as tmkit segment does",
    )  # fmt: skip
    command.add_argument(
        "--srx", metavar="FILE", help="segmentation rules (default: the project's)"
    )
    persian_options(command)


def segmented(args: argparse.Namespace, names: list[str]) -> list[tuple[str, list]]:
    """Each document of *names* read, normalized and segmented: ``(name, segments)``.

    :raises CorpusError: a document cannot be read (the first such, before any lookup).
    """
    from corpus.pipeline import load_document, segment_document
    from tm.cli.corpus import rules

    srx = rules(args)
    project = optional_project(args)
    spelling, conjectured = zwnj_spelling(args, project), conjectures(args, project)
    documents = []
    for name in names:
        document = load_document(
            name, "fa", args.fixes, zwnj_spelling=spelling, conjectures=conjectured
        )
        warn(name, document.warnings)
        documents.append((Path(name).name, segment_document(document, "fa", srx)))
    return documents


def _analyze_options(command: argparse.ArgumentParser) -> None:
    _documents_option(command, many=True)
    command.add_argument("--format", choices=("table", "json", "csv"), default="table")
    db_option(command)


def run_analyze(args: argparse.Namespace) -> int:
    from tm.analysis import bands, matched_segments

    documents = segmented(args, args.documents)
    with open_db(args) as store:
        matched = list(matched_segments(store, documents))
    lines = bands(matched)
    total_words = sum(line.words for line in lines)
    if args.format == "json":
        per_document = {
            name: [vars(line) for line in bands(m for m in matched if m.document == name)]
            for name, _ in documents
        }
        data = {"bands": [vars(line) for line in lines], "documents": per_document}
        write_stdout(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "csv":
        rows = ["band,segments,words"] + [f"{b.band},{b.segments},{b.words}" for b in lines]
        write_stdout("\n".join(rows) + "\n")
    else:
        out = [f"{'band':<12} {'segments':>8} {'words':>8} {'words %':>8}"]
        for line in lines:
            share = 100 * line.words / total_words if total_words else 0
            out.append(f"{line.band:<12} {line.segments:>8} {line.words:>8} {share:>8.1f}")
        out.append(f"{'total':<12} {len(matched):>8} {total_words:>8}")
        write_stdout("\n".join(out) + "\n")
    return EXIT_OK


def _pretranslate_options(command: argparse.ArgumentParser) -> None:
    _documents_option(command, many=False)
    output_option("the pre-translated file: .tmx (TMX 1.4b) or .po", required=True)(command)
    command.add_argument(
        "--min", type=_percentage, default=75, dest="minimum",
        help="the lowest match percentage used (default: 75)",
    )  # fmt: skip
    db_option(command)


def run_pretranslate(args: argparse.Namespace) -> int:
    from tm.analysis import matched_segments
    from tm.pretranslate import pretranslated_units, write_pretranslation
    from tm.signature import run_date

    if Path(args.output).suffix.lower() not in (".tmx", ".po"):
        return error(f"{args.output}: write a .tmx or a .po file")
    documents = segmented(args, [args.documents])
    with open_db(args) as store:
        units = pretranslated_units(matched_segments(store, documents, args.minimum), args.minimum)
    done = write_pretranslation(units, Path(args.output), run_date())
    print(
        f"{done.segments} segments, {done.translated} pre-translated from the TM "
        f"({done.full} at 100%, {done.translated - done.full} fuzzy of {args.minimum}% or more): "
        f"wrote {args.output}"
    )
    return EXIT_OK


COMMANDS = [
    Command("lookup", run_lookup, _lookup_options,
            "Find the TM store's fuzzy matches for a Persian segment, with their percentage, "
            "what made it (word edits, numbers that differ) and the glossary terms in them.",
            'tmkit lookup "قیمت نفت در سال ۱۴۰۲ افزایش یافت" --min 70 --limit 5'),
    Command("concordance", run_concordance, _concordance_options,
            "Find a word or phrase in the TM store's Persian or English side (ZWNJ, spelling "
            "variant and inflection aware) and show it with its translation.",
            'tmkit concordance "ویروس کرونا"'),
    Command("analyze", run_analyze, _analyze_options,
            "Count the segments and words of new Persian documents per match band against the "
            "TM store (bands: context, 100, repetitions, 95–99, 85–94, 75–84, 50–74, no match).",
            "tmkit analyze new-report.fa.docx --format csv"),
    Command("pretranslate", run_pretranslate, _pretranslate_options,
            "Write a new Persian document's segments with their best TM match (at --min or "
            "above, marked with its score) as TMX or PO for a CAT tool.",
            "tmkit pretranslate new-report.fa.docx -o new-report.po --min 75"),
]  # fmt: skip
