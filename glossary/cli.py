"""The glossary's commands (``tmkit check``, ``tmkit glossary …``), added to tmkit's parser.

Each entry is (name, run, add-options, summary, example), as in :mod:`tm.cli`; library code
does the work, these functions parse, call and print.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from glossary.checks import ALL_RULES, check_units
from glossary.diff import diff, diff_text, dump
from glossary.exports import GLOSSARY_EXPORTERS
from glossary.lint import lint
from glossary.model import Domain, Glossary, bundled_glossary_path
from glossary.report import (
    FORMATS,
    fails,
    format_findings,
    rules_table,
    summary,
    write_findings_xlsx,
)
from glossary.tbx import read_tbx
from glossary.tsv import glossary_from_tsv
from glossary.workbook import (
    format_glossary,
    load_glossary,
    read_glossary,
    write_glossary,
)

EXIT_OK, EXIT_FINDINGS = 0, 1


def _glossary_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--glossary", metavar="XLSX", help="the glossary workbook (default: the bundled one)"
    )


def _glossary_path(value: str | None) -> Path:
    return Path(value) if value else bundled_glossary_path()


def _check_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--tmx", nargs="+", default=[], metavar="FILE", help="TMX files to check")
    command.add_argument("--po", nargs="+", default=[], metavar="FILE", help="PO files to check")
    _glossary_option(command)
    command.add_argument(
        "--format", choices=FORMATS, default="table",
        help="table (default), json, junit (JUnit XML for CI dashboards) or github (annotations)",
    )  # fmt: skip
    command.add_argument(
        "--fail-on", choices=("error", "warning"), default="error",
        help="exit 1 when a finding is at least this severe (default: error)",
    )  # fmt: skip
    command.add_argument("--report", metavar="XLSX", help="also write the findings as a workbook")
    command.add_argument(
        "--list-rules", action="store_true", help="print the rules (id, severity) and exit"
    )


def run_check(args: argparse.Namespace) -> int:
    from tm.export import corpus_units
    from tm.po import read_po
    from tm.tmx import read_tmx

    if args.list_rules:
        sys.stdout.write(rules_table())
        return EXIT_OK
    glossary = load_glossary(_glossary_path(args.glossary))
    units = [u for path in args.tmx for u in read_tmx(Path(path))]
    units += [u for path in args.po for u in read_po(Path(path))]
    if not (args.tmx or args.po):
        units = corpus_units()
    findings = check_units(units, glossary, ALL_RULES)
    output = format_findings(findings, args.format, checked=len(units))
    sys.stdout.write(output if output.endswith("\n") or not output else output + "\n")
    if args.format != "table":
        print(summary(findings), file=sys.stderr)
    if args.report:
        write_findings_xlsx(findings, Path(args.report))
    return EXIT_FINDINGS if fails(findings, args.fail_on) else EXIT_OK


def _glossary_group(command: argparse.ArgumentParser) -> None:
    actions = command.add_subparsers(title="actions", required=True, metavar="ACTION")
    for name, run, options, summary_text, example in ACTIONS:
        action = actions.add_parser(
            name, help=summary_text, description=f"{summary_text}\n\nexample:\n  {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )  # fmt: skip
        options(action)
        action.set_defaults(run=run)


def _file(name: str, help_text: str, optional: bool = False) -> Callable:
    def add(command: argparse.ArgumentParser) -> None:
        if optional:
            command.add_argument(name, nargs="?", metavar=name.upper(), help=help_text)
        else:
            command.add_argument(name, metavar=name.upper(), help=help_text)

    return add


def run_lint(args: argparse.Namespace) -> int:
    from corpus.collection import bundled_texts
    from corpus.pipeline import load_document

    path = _glossary_path(args.file)
    glossary, layout = read_glossary(path, strict=False)
    texts = [
        block.text
        for folder in bundled_texts()
        for block in load_document(folder.raw, "fa-IR", folder.fixes).blocks
    ]
    findings = lint(glossary, texts, layout=layout)
    for finding in findings:
        print(f"{path}:{finding}")
    errors = sum(f.severity == "error" for f in findings)
    print(f"{errors} errors, {len(findings) - errors} warnings in {len(glossary.terms)} concepts")
    return EXIT_FINDINGS if errors else EXIT_OK


def run_format(args: argparse.Namespace) -> int:
    changed = format_glossary(Path(args.file))
    print(f"{args.file}: {'sorted and normalized' if changed else 'already tidy'}")
    return EXIT_OK


def _export_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--format", choices=sorted(GLOSSARY_EXPORTERS), default="tbx",
        help="tbx (TBX-Basic v3), tbx2 (TBX 2008, what OmegaT 3.6 and translate-toolkit read), "
        "omegat (tab-separated glossary), csv (every field, UTF-8 with BOM)",
    )  # fmt: skip
    command.add_argument("-o", "--output", metavar="FILE", help="default: out/terms.<suffix>")
    _glossary_option(command)


def run_export(args: argparse.Namespace) -> int:
    exporter = GLOSSARY_EXPORTERS[args.format]
    path = Path(args.output or f"out/terms{exporter.suffix}")
    count = exporter.write(load_glossary(_glossary_path(args.glossary)), path)
    print(f"{count} entries written to {path}")
    return EXIT_OK


def _import_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "file", metavar="FILE", help="a TBX file (TBX-Basic, v3 or 2008) or a TSV with a header "
        "row of field names (id, domain, fa, en, status, fa_variants, en_variants, forbidden ...)",
    )  # fmt: skip
    command.add_argument(
        "-o", "--output", required=True, metavar="XLSX", help="the workbook to write"
    )


def run_import(args: argparse.Namespace) -> int:
    output = Path(args.output)
    if Path(args.file).suffix.lower() == ".tsv":
        terms = glossary_from_tsv(Path(args.file)).terms
        domains = load_glossary(output).domains if output.exists() else ()
        known = {d.id for d in domains}
        extra = sorted({t.domain for t in terms} - known)
        glossary = Glossary(terms, tuple(domains) + tuple(Domain(d, d) for d in extra))
    else:
        glossary = read_tbx(Path(args.file))
    write_glossary(glossary, output, template=output if output.exists() else None)
    print(f"{len(glossary.terms)} concepts written to {output}")
    return EXIT_OK


def _diff_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("old", metavar="OLD.xlsx")
    command.add_argument("new", metavar="NEW.xlsx")


def run_diff(args: argparse.Namespace) -> int:
    old, new = load_glossary(Path(args.old)), load_glossary(Path(args.new))
    sys.stdout.write(diff_text(old, new))
    return EXIT_FINDINGS if diff(old, new) else EXIT_OK


def run_dump(args: argparse.Namespace) -> int:
    sys.stdout.write(dump(load_glossary(_glossary_path(args.file))))
    return EXIT_OK


ACTIONS: list[tuple[str, Callable, Callable, str, str]] = [
    ("lint", run_lint, _file("file", "the workbook (default: the bundled one)", optional=True),
     "Find mistakes in a glossary workbook (duplicates, conflicts, scripts, ZWNJ, unused terms).",
     "tmkit glossary lint glossary/terms.xlsx"),
    ("format", run_format, _file("file", "the workbook to rewrite in place"),
     "Sort and normalize a glossary workbook in place, keeping its formatting.",
     "tmkit glossary format glossary/terms.xlsx"),
    ("export", run_export, _export_options,
     "Export the glossary for CAT tools: TBX, OmegaT glossary or CSV.",
     "tmkit glossary export --format tbx -o terms.tbx"),
    ("import", run_import, _import_options,
     "Read a TBX (or TSV) file into the workbook format.",
     "tmkit glossary import terms.tbx -o glossary/terms.xlsx"),
    ("diff", run_diff, _diff_options,
     "Print the concepts added, removed and changed between two workbooks (exit 1 if any).",
     "tmkit glossary diff old.xlsx glossary/terms.xlsx"),
    ("dump", run_dump, _file("file", "the workbook (default: the bundled one)", optional=True),
     "Print a stable text form of a workbook (a git textconv driver for terms.xlsx).",
     "tmkit glossary dump glossary/terms.xlsx"),
]  # fmt: skip


def glossary_commands() -> list[tuple[str, Callable, Callable, str, str]]:
    """The glossary's commands for :mod:`tm.cli`."""
    return [
        ("check", run_check, _check_options,
         "Check the TM against the glossary: terms, forbidden forms, figures (exit 1 on errors).",
         "tmkit check --tmx out/tm.fa-en.tmx --format junit > findings.xml"),
        ("glossary", lambda args: EXIT_OK, _glossary_group,
         "Lint, format, export, import, diff and dump the glossary workbook.",
         "tmkit glossary lint"),
    ]  # fmt: skip
