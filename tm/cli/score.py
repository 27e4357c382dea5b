"""MT evaluation: ``tmkit score`` (sacrebleu's metrics against the TM's references)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from corpus.errors import one_line
from tm.cli.common import (
    EXIT_OK,
    Command,
    optional_project,
    project,
    project_option,
    warn,
    write_stdout,
)

if TYPE_CHECKING:
    from tm.mteval import Evaluation, References

# tm.mteval's METRICS, TOKENIZERS, PAIRED_TESTS and TARGETS (a test keeps them equal): the
# command line names them without importing what scores
METRICS = ("bleu", "chrf", "chrf++", "ter")
TOKENIZERS = ("13a", "intl", "char", "none")
PAIRED_TESTS = ("bs", "ar")
TARGETS = ("en", "fa")
FORMATS = ("table", "json", "csv")
SHOWN = 10  # the terms missed listed in the table
TEST_NAMES = {"bs": "paired bootstrap resampling", "ar": "approximate randomization"}
WRONG_SCRIPT = 0.5  # warn when this share of a hypothesis's lines is in the other script
NORMALIZED = (
    "both sides normalized with tmkit's Persian normalization before scoring "
    "(tm.mteval.persian_for_scoring); sacrebleu reproduces these numbers on the files "
    "tmkit score --target fa --print references and --print hypothesis write"
)


def _metrics(text: str) -> list[str]:
    names = [name.strip().lower() for name in text.split(",") if name.strip()]
    if not names:
        raise argparse.ArgumentTypeError(
            f"the list is empty: give one or more of {', '.join(METRICS)}, comma-separated"
        )
    unknown = [name for name in names if name not in METRICS]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"{', '.join(unknown)}: not a metric (choose from {', '.join(METRICS)})"
        )
    return list(dict.fromkeys(names))


def _count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number of 0 or more, not {text!r}")
    return int(text)


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, not {text!r}")
    return int(text)


def _score_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--hyp", action="append", default=[], metavar="FILE",
        help="MT output, one segment a line in the references' order (UTF-8); give it again "
        "for more systems: the first is the baseline of the paired tests; - for standard input",
    )  # fmt: skip
    command.add_argument(
        "--ref", metavar="TMX|TXT",
        help="the references: a TMX (any tool's; units in file order) or a text file of one "
        "segment a line (default: the project's TM, out/tm.fa-en.tmx, as tmkit build wrote it)",
    )  # fmt: skip
    command.add_argument(
        "--src", metavar="TXT",
        help="with a text --ref: the source segments, one a line (term accuracy needs them)",
    )  # fmt: skip
    command.add_argument(
        "--target", choices=TARGETS, default="en",
        help="the language of the MT output: en (Persian→English, default) or fa "
        "(English→Persian, scored against the Persian side; both sides normalized first: "
        "tmkit's Persian normalization, digits as Persian digits)",
    )  # fmt: skip
    command.add_argument(
        "--metrics", type=_metrics, default=["bleu", "chrf"], metavar="LIST",
        help=f"comma-separated, of {', '.join(METRICS)} (default: bleu,chrf; chrf++ is "
        "chrF with word bigrams, sacrebleu's --chrf-word-order 2)",
    )  # fmt: skip
    command.add_argument(
        "--tokenize", choices=TOKENIZERS,
        help="BLEU's tokenizer (sacrebleu's; default 13a into English, intl into Persian); the "
        "flores/spm tokenizers, which download a model, are not offered",
    )  # fmt: skip
    command.add_argument(
        "--confidence", action="store_true",
        help="95%% confidence intervals by bootstrap resampling (sacrebleu's --confidence)",
    )  # fmt: skip
    command.add_argument(
        "--confidence-n", type=_positive, default=1000, metavar="N",
        help="bootstrap resamples for --confidence (default: 1000)",
    )  # fmt: skip
    command.add_argument(
        "--paired", choices=PAIRED_TESTS,
        help="the paired test of each system against the first when several --hyp are given: "
        "bs, paired bootstrap resampling (default), or ar, approximate randomization (with "
        "one --hyp there is nothing to test: a warning)",
    )  # fmt: skip
    command.add_argument(
        "--paired-n", type=_positive, metavar="N",
        help="resamples (bs) or trials (ar) of the paired test (default: sacrebleu's, "
        "1000 and 10000); seeded by SACREBLEU_SEED, default 12345",
    )  # fmt: skip
    command.add_argument(
        "--worst", type=_count, default=0, metavar="N",
        help="also list each system's N segments of lowest chrF (table and json)",
    )  # fmt: skip
    command.add_argument(
        "--glossary", metavar="XLSX",
        help="the glossary for term accuracy (default: the project's; none: not measured)",
    )  # fmt: skip
    command.add_argument("--format", choices=FORMATS, default="table", help="default: table")
    command.add_argument(
        "--print", choices=("sources", "references", "hypothesis"), dest="print_side",
        help="print the references' source segments (the lines to translate), the "
        "references themselves, or the one --hyp, one a line in the order scored, and exit; "
        "with --target fa the references and the hypothesis as scored (normalized), for "
        "sacrebleu to give the same numbers",
    )  # fmt: skip
    project_option(command)


def run_score(args: argparse.Namespace) -> int:
    from tm.errors import TmError
    from tm.mteval import as_scored, evaluate, read_hypothesis, script_mismatch

    references = _references(args)
    if args.print_side in ("sources", "references"):
        lines = references.targets if args.print_side == "references" else references.sources
        if lines is None:
            raise TmError(
                references.name, "the references have no source segments", hint="give --src"
            )
        if args.print_side == "references":
            lines = as_scored(references, lines)
        write_stdout("".join(line + "\n" for line in lines))
        return EXIT_OK
    if not args.hyp:
        raise TmError("--hyp", "no MT output to score", hint="give --hyp FILE")
    if args.hyp.count("-") > 1:
        raise TmError("--hyp", "- (standard input) can be given only once")
    if args.print_side == "hypothesis":
        if len(args.hyp) > 1:
            raise TmError("--print hypothesis", f"prints one --hyp, not {len(args.hyp)}")
        lines = as_scored(references, read_hypothesis(args.hyp[0], references))
        write_stdout("".join(line + "\n" for line in lines))
        return EXIT_OK

    systems = [(name, read_hypothesis(name, references)) for name in args.hyp]
    names = [name for name, _ in systems]
    if len(set(names)) < len(names):
        twice = next(name for name in names if names.count(name) > 1)
        raise TmError(twice, "given twice as --hyp", hint="each system once")
    if len(systems) == 1 and (args.paired or args.paired_n):
        option = "--paired" if args.paired else "--paired-n"
        warn(option, ["no paired test with one --hyp (give two systems or more): ignored"])
    language = {"en": "English", "fa": "Persian"}[references.target]
    other = {"en": "Arabic", "fa": "Latin"}[references.target]
    for name, lines in systems:
        share = script_mismatch(references, lines)
        if share >= WRONG_SCRIPT:
            warn(
                "<stdin>" if name == "-" else name,
                [f"{100 * share:.0f}% of its lines are mostly in the {other} script: is it "
                 f"{language} (--target {references.target})? scored anyway"],
            )  # fmt: skip
    glossary, glossary_name, why = _glossary(args, references)
    with _sacrebleu_warnings():
        evaluation = evaluate(
            references,
            systems,
            args.metrics,
            tokenize=args.tokenize,
            confidence=args.confidence_n if args.confidence else 0,
            paired=args.paired or "bs",
            paired_samples=args.paired_n or 0,
            worst=args.worst,
            glossary=glossary,
        )
    if args.format == "json":
        text = json.dumps(_as_json(evaluation, glossary_name, why), indent=2, ensure_ascii=False)
        write_stdout(text + "\n")
    elif args.format == "csv":
        write_stdout(_as_csv(evaluation))
    else:
        write_stdout(_as_table(evaluation, glossary_name, why))
    return EXIT_OK


@contextmanager
def _sacrebleu_warnings() -> Iterator[None]:
    """sacrebleu's warnings (``That's 100 lines that end in a tokenized period``: the output
    looks tokenized) as tmkit's: one line each on stderr, ``tmkit: warning: sacrebleu: …``."""
    import logging

    class Warnings(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            warn("sacrebleu", [one_line(record.getMessage())])

    logger = logging.getLogger("sacrebleu")
    handler, propagate = Warnings(logging.WARNING), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _references(args: argparse.Namespace) -> References:
    from tm.errors import TmError
    from tm.mteval import text_references, tmx_references

    if args.ref is None:
        if args.src:
            raise TmError("--src", "goes with a text --ref", hint="give --ref TXT")
        current = project(args)
        tmx = current.built_tmx
        if not tmx.is_file():
            raise TmError(str(tmx), "no TM yet", hint="run tmkit build first, or give --ref")
        return tmx_references(tmx, args.target, name=current.relative(tmx))
    if _is_tmx(Path(args.ref)):
        if args.src:
            raise TmError("--src", "a TMX --ref has its sources", hint="leave out --src")
        return tmx_references(args.ref, args.target)
    return text_references(args.ref, args.src, args.target)


def _is_tmx(path: Path) -> bool:
    """A ``.tmx`` file, or one whose first bytes are XML with a ``<tmx`` element."""
    if path.suffix.lower() == ".tmx":
        return True
    try:
        with path.open("rb") as stream:
            head = stream.read(4096)
    except OSError:
        return False
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") and b"<tmx" in head


def _glossary(args: argparse.Namespace, references: References):
    """The glossary for term accuracy, its name, and why none when there is none."""
    if references.sources is None:
        return None, "", "the references have no source segments (give --src)"
    if args.glossary:
        path = Path(args.glossary)
        name = args.glossary
    else:
        current = optional_project(args)
        if current is None or current.glossary is None:
            return None, "", "no glossary (give --glossary XLSX)"
        path = current.glossary
        name = current.relative(path)
    from glossary.workbook import load_glossary

    return load_glossary(path), name, ""


def _direction(references: References) -> str:
    return "fa→en" if references.target == "en" else "en→fa"


def _terms_cell(result) -> str:
    terms = result.terms
    if terms is None or terms.accuracy is None:
        return "–"
    return f"{terms.accuracy:.1f} ({terms.found}/{terms.total})"


def _as_table(evaluation: Evaluation, glossary_name: str, why: str) -> str:
    references = evaluation.references
    out = [
        f"references: {references.name}, {len(references.targets)} segments "
        f"({_direction(references)})"
        + (", Persian normalized before scoring" if references.target == "fa" else ""),
        "",
    ]
    metric_names = [score.name for score in evaluation.systems[0].scores]
    header = ["system", *metric_names] + (["terms %"] if not why else [])
    rows = [header]
    for number, result in enumerate(evaluation.systems):
        name = f"baseline: {result.name}" if evaluation.paired and number == 0 else result.name
        cells = [name, *(score.formatted() for score in result.scores)]
        rows.append(cells + ([_terms_cell(result)] if not why else []))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for row in rows:
        cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        out.append("  ".join(cells).rstrip())
    out += ["", "signatures:"]
    out += [f"  {score.full_signature}" for score in evaluation.systems[0].scores]
    if references.target == "fa":
        out.append(f"  {NORMALIZED}")
    if evaluation.paired:
        out.append(
            f"{TEST_NAMES[evaluation.paired]}, {evaluation.samples} "
            f"{'trials' if evaluation.paired == 'ar' else 'resamples'}, each system against "
            f"the baseline {evaluation.systems[0].name}: p < 0.05 marked *"
        )
    if why:
        out.append(f"terms: not measured: {why}")
    else:
        out.append(
            f"terms: approved concepts of {glossary_name} in the sources whose approved form "
            "(or an allowed variant, inflected) the output has, once a segment"
        )
    for result in evaluation.systems:
        missed = result.terms.missed if result.terms is not None else ()
        if missed:
            out += ["", f"terms missed, {result.name}:"]
            out += [f"  {m.id}  {m.term_id}: {m.expected}" for m in missed[:SHOWN]]
            if len(missed) > SHOWN:
                out.append(f"  and {len(missed) - SHOWN} more (--format json lists them all)")
    for result in evaluation.systems:
        if not result.worst:
            continue
        out += ["", f"lowest chrF, {result.name}:"]
        for segment in result.worst:
            out.append(f"  {segment.chrf:5.1f}  {segment.id}")
            if segment.source is not None:
                out.append(f"         source:     {segment.source}")
            out.append(f"         reference:  {segment.reference}")
            out.append(f"         hypothesis: {segment.hypothesis}")
    return "\n".join(out) + "\n"


def _as_json(evaluation: Evaluation, glossary_name: str, why: str) -> dict:
    references = evaluation.references
    systems = []
    for number, result in enumerate(evaluation.systems):
        scores = {
            score.name: {
                "score": score.score,
                "signature": score.full_signature,
                "mean": score.mean,
                "ci": score.ci,
                "p_value": score.p_value,
                **({"details": score.details} if score.details else {}),
            }
            for score in result.scores
        }
        terms = None
        if result.terms is not None:
            terms = {
                "found": result.terms.found,
                "total": result.terms.total,
                "accuracy": result.terms.accuracy,
                "missed": [
                    {
                        "segment": m.id,
                        "line": m.index + 1,
                        "term": m.term_id,
                        "expected": m.expected,
                    }
                    for m in result.terms.missed
                ],
            }
        worst = [
            {"segment": s.id, "line": s.index + 1, "chrF2": s.chrf, "source": s.source,
             "reference": s.reference, "hypothesis": s.hypothesis}
            for s in result.worst
        ]  # fmt: skip
        systems.append(
            {
                "name": result.name,
                "baseline": bool(evaluation.paired) and number == 0,
                "scores": scores,
                "terms": terms,
                **({"worst": worst} if worst else {}),
            }
        )
    return {
        "references": {
            "file": references.name,
            "segments": len(references.targets),
            "direction": _direction(references),
            "persian_normalized": references.target == "fa",
            **({"normalization": NORMALIZED} if references.target == "fa" else {}),
        },
        "paired_test": (
            {
                "test": TEST_NAMES[evaluation.paired],
                "samples": evaluation.samples,
                "baseline": evaluation.systems[0].name,
            }
            if evaluation.paired
            else None
        ),
        "glossary": glossary_name or None,
        "terms_not_measured": why or None,
        "systems": systems,
    }


def _as_csv(evaluation: Evaluation) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["system", "metric", "score", "mean", "ci", "p_value", "signature"])
    for result in evaluation.systems:
        for score in result.scores:
            values = (score.score, score.mean, score.ci, score.p_value)
            writer.writerow([result.name, score.name, *map(_blank, values), score.full_signature])
        terms = result.terms
        if terms is not None and terms.accuracy is not None:
            writer.writerow([result.name, "terms", terms.accuracy, "", "", "",
                             f"found:{terms.found}|total:{terms.total}"])  # fmt: skip
    return buffer.getvalue()


def _blank(value: float | None) -> str | float:
    return "" if value is None else value


COMMANDS = [
    Command("score", run_score, _score_options,
            "Score MT output against the TM's reference translations with sacrebleu (BLEU, "
            "chrF, chrF++, TER, each with its signature), with bootstrap confidence intervals, "
            "paired significance tests between systems (the first --hyp the baseline), the "
            "segments of lowest chrF, and term accuracy against the glossary.",
            "tmkit score --print sources > tm.fa; tmkit score --hyp mt.en --confidence"),
]  # fmt: skip
