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
    optional_project,
    output_option,
    project,
    project_option,
    skip_bad_option,
    warn,
    warn_bad,
    write_output,
)

EXPORT_FORMATS = ("po", "tmx")  # tm.export.EXPORTERS' names (a test keeps them equal)
FORMATS = (*EXPORT_FORMATS, "parallel")  # parallel: a folder of files (tm.parallel)
FILTERS = ("length", "ratio", "identical", "script", "numbers")  # tm.filters.FILTERS (a test)
SHOWN = 5  # the tuids named in a warning, then "and N more"
ON_CONFLICT = ("keep-all", "newest", "first")  # tm.dedupe.ON_CONFLICT (a test keeps them equal)


def _export_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--format", choices=FORMATS, default="tmx",
        help="the format (default: tmx); parallel: MT training and test data in a folder "
        "(README: 'MT-ready exports')",
    )  # fmt: skip
    output_option("the file to write (default: standard output); with --format parallel, the "
                  "folder to write into")(command)  # fmt: skip
    parallel = command.add_argument_group("--format parallel")
    parallel.add_argument(
        "--tmx", action="append", metavar="FILE",
        help="export the units of this TMX (any tool's; give it again for more) instead of "
        "the project's TM",
    )  # fmt: skip
    parallel.add_argument(
        "--splits", metavar="TRAIN,DEV,TEST",
        help="the shares of the pairs in train, dev and test, split by document "
        "(default: 0.8,0.1,0.1)",
    )  # fmt: skip
    parallel.add_argument(
        "--seed", type=_whole, metavar="N",
        help="the seed of the documents' shuffle: the same seed, the same splits (default: 1)",
    )  # fmt: skip
    parallel.add_argument(
        "--filters", metavar="LIST",
        help=f"the filters to run, comma-separated, of {', '.join(FILTERS)}; all (default) "
        "or none",
    )  # fmt: skip
    parallel.add_argument(
        "--min-words", type=_whole, metavar="N", help="length: the fewest words a side has (1)"
    )
    parallel.add_argument(
        "--max-words", type=_whole, metavar="N", help="length: the most words a side has (250)"
    )
    parallel.add_argument(
        "--max-ratio", type=float, metavar="R",
        help="ratio: the longer side's characters at most R times the shorter's (3)",
    )  # fmt: skip
    parallel.add_argument(
        "--min-script", type=float, metavar="SHARE",
        help="script: the least share of a side's words in its own script (0.3)",
    )  # fmt: skip
    models = parallel.add_mutually_exclusive_group()
    models.add_argument(
        "--spm", action="store_true",
        help="also train a SentencePiece model on the training split (joint, both languages) "
        "and write every split encoded",
    )  # fmt: skip
    models.add_argument(
        "--spm-separate", action="store_true",
        help="one SentencePiece model a language instead (not with --spm)",
    )  # fmt: skip
    parallel.add_argument(
        "--vocab-size", type=_whole, metavar="N",
        help="the SentencePiece vocabulary (default: 8000, or fewer when the training split "
        "supports fewer; a size given is a hard limit)",
    )  # fmt: skip
    jobs_option(command)
    project_option(command)


PARALLEL_ONLY = ("tmx", "splits", "seed", "filters", "min_words", "max_words", "max_ratio",
                 "min_script", "vocab_size")  # fmt: skip


def _whole(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}")
    return int(text)


def run_export(args: argparse.Namespace) -> int:
    if args.format == "parallel":
        return run_parallel(args)
    given = [name for name in PARALLEL_ONLY if getattr(args, name) is not None]
    given += [name for name in ("spm", "spm_separate") if getattr(args, name)]
    if given:
        option = "--" + given[0].replace("_", "-")
        return error(f"{option}: goes with --format parallel")
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


def run_parallel(args: argparse.Namespace) -> int:
    import shlex
    from contextlib import ExitStack

    from corpus.atomic import protected
    from tm.errors import TmError
    from tm.filters import FilterSettings, parse_filters
    from tm.parallel import (
        DEFAULT_RATIOS,
        output_files,
        parse_ratios,
        prepare,
        sentencepiece_files,
        write_export,
    )

    if args.output in (None, "-"):
        return error("--format parallel writes a folder of files: give -o DIR")
    if args.vocab_size is not None and not (args.spm or args.spm_separate):
        return error("--vocab-size: goes with --spm or --spm-separate")
    if args.max_ratio is not None and args.max_ratio < 1:
        return error(f"--max-ratio: {args.max_ratio:g} is below 1 (the ratio of the longer side)")
    if args.min_script is not None and not 0 <= args.min_script <= 1:
        return error(f"--min-script: {args.min_script:g} is not a share from 0 to 1")
    try:
        ratios = parse_ratios(args.splits) if args.splits else DEFAULT_RATIOS
    except ValueError as err:
        raise TmError("--splits", str(err)) from None
    try:
        names = parse_filters(args.filters) if args.filters is not None else FILTERS
    except ValueError as err:
        raise TmError("--filters", str(err)) from None
    defaults = FilterSettings()
    settings = FilterSettings(
        names,
        defaults.min_words if args.min_words is None else args.min_words,
        defaults.max_words if args.max_words is None else args.max_words,
        defaults.max_ratio if args.max_ratio is None else args.max_ratio,
        defaults.min_script if args.min_script is None else args.min_script,
    )
    seed = 1 if args.seed is None else args.seed
    current = optional_project(args) if args.tmx else project(args)
    if current is not None:
        _check_not_the_projects(Path(args.output), current)
    with ExitStack() as stack:
        if args.tmx:
            pairs, source = _tmx_pairs(args.tmx)
        else:
            texts = current.pairs()
            stack.enter_context(protected(current.inputs(texts), "is an input of the project"))
            pairs, source = _project_pairs(current, texts, args.jobs)
        prepared = prepare(pairs, ratios=ratios, seed=seed, settings=settings)
        files: dict[str, str | bytes] = dict(output_files(prepared))
        sentencepiece = None
        if args.spm or args.spm_separate:
            made, sentencepiece = sentencepiece_files(
                prepared, vocab_size=args.vocab_size, separate=args.spm_separate
            )
            files |= made
        manifest = {
            "command": shlex.join(["tmkit", *getattr(args, "command_line", [])]),
            "source": source,
            "options": {
                "splits": dict(zip(("train", "dev", "test"), ratios, strict=True)),
                "split_by": "document",
                "seed": seed,
                **settings.as_dict(),
                "deduplicated_by": "matching key of both sides, within each split",
                "overlap_removed": "train pairs with either side in dev or test; dev pairs "
                "with either side in test",
            },
            "counts": prepared.counts,
            "documents": prepared.documents,
            **({"sentencepiece": sentencepiece} if sentencepiece else {}),
        }
        write_export(Path(args.output), files, manifest)
    _parallel_summary(args.output, prepared, sentencepiece)
    return EXIT_OK


def _check_not_the_projects(out: Path, current) -> None:
    """Refuse an -o folder that is, is inside or holds the project's texts folder (the pairs,
    the user's) or its build output folder (``tmkit build`` rewrites it)."""
    from tm.errors import TmError

    where = out.resolve()
    for folder, what in ((current.texts, "texts folder"), (current.out, "build output folder")):
        folder = folder.resolve()
        if where == folder or where.is_relative_to(folder) or folder.is_relative_to(where):
            relation = (
                "is"
                if where == folder
                else ("is inside" if where.is_relative_to(folder) else "holds")
            )
            raise TmError(
                str(out),
                f"{relation} the project's {what} ({current.relative(folder)}): not written into",
                hint="give -o a folder of its own, e.g. mt/",
            )


def _tmx_pairs(paths: list[str]) -> tuple[list, dict]:
    """The sentence pairs of TMX files (Persian as the source, whatever each header says) and
    the manifest's record of them: each file's SHA-256 and tmkit's versions."""
    from tm.errors import TmxError
    from tm.parallel import sentence_pairs
    from tm.signature import file_digest, versions
    from tm.tmx import read_tmx

    seen: dict[Path, str] = {}
    for path in paths:
        resolved = Path(path).resolve()
        if resolved in seen:
            again = "" if seen[resolved] == path else f" (as {seen[resolved]})"
            raise TmxError(path, f"given twice as --tmx{again}", hint="each file once")
        seen[resolved] = path
    pairs: list = []
    for path in paths:
        units = [u.for_checks() for u in read_tmx(path, srclang="fa", tgtlang="en")]
        if not units:
            raise TmxError(path, "no tu with both a Persian and an English segment",
                           hint="give a fa–en TMX")  # fmt: skip
        pairs += sentence_pairs(units, path, len(pairs) + 1)
    inputs = {path: file_digest(Path(path)) for path in paths}
    return pairs, {"tmx": paths, "units": len(pairs), "signature": {**versions(), "inputs": inputs}}


def _project_pairs(current, texts: list, jobs: int) -> tuple[list, dict]:
    """The sentence pairs of the project's TM as ``tmkit export --format tmx`` writes it (its
    units without the ones the aligner flagged), and the manifest's record: the build
    signature (every input's SHA-256, the options, the versions)."""
    from tm.batch import align_project
    from tm.parallel import sentence_pairs
    from tm.signature import creationdate, signature

    sig = signature(current, texts, creationdate(texts))
    units = [unit for result in align_project(current, jobs=jobs) for unit in result.units]
    kept = [unit for unit in units if not unit.flagged]
    record = {"project": current.relative(current.file), "units": len(units),
              "flagged_left_out": len(units) - len(kept), "signature": sig}  # fmt: skip
    return sentence_pairs(kept, ""), record


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _parallel_summary(out: str, prepared, sentencepiece: dict | None) -> None:
    counts = prepared.counts
    rejected = counts["rejected"]
    by_filter = ", ".join(f"{name} {n}" for name, n in rejected.items() if name != "pairs" and n)
    written = counts["written"]
    duplicates = sum(counts["duplicates_removed"].values())
    overlap = sum(counts["overlap_removed"].values())
    print(
        f"{_count(counts['pairs_read'], 'pair')} read; {rejected['pairs']} rejected by the "
        "filters" + (f" ({by_filter})" if by_filter else "")
        + f"; {_count(duplicates, 'duplicate')} and {_count(overlap, 'pair')} sharing a side "
        "with a later split removed"
    )  # fmt: skip
    print(", ".join(f"{split} {_count(written[split], 'pair')} "
                    f"({_count(len(prepared.documents[split]), 'document')})"
                    for split in written))  # fmt: skip
    empty = [split for split in ("dev", "test") if not written[split]]
    if empty and sum(len(d) for d in prepared.documents.values()) < 3:
        documents = _count(sum(len(d) for d in prepared.documents.values()), "document")
        warn(out, [f"{' and '.join(empty)} empty: the splits are by document, and the TM has "
                   f"{documents}"])  # fmt: skip
    if sentencepiece:
        for name, model in sentencepiece["models"].items():
            print(f"{name}: {model['pieces']} pieces from {model['sentences']} training "
                  f"sentences; {model['round_trip_checked'] - model['round_trip_failed']} of "
                  f"{model['round_trip_checked']} segments decode to themselves")  # fmt: skip
            if model["round_trip_failed"]:
                warn(out, [f"{name}: {model['round_trip_failed']} segments do not decode to "
                           "themselves"])  # fmt: skip
    print(f"wrote {out}/ (manifest.json lists every file with its SHA-256)")


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
            "Export the project's TM in one format (" + ", ".join(FORMATS) + "). parallel "
            "writes MT training and test data: train/dev/test split by document, filtered "
            "(each dropped pair with its reason), deduplicated, without test overlap in "
            "training, a manifest, and optionally SentencePiece models.",
            "tmkit export --format parallel -o mt/ --spm"),
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
