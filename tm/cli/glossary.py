"""``tmkit glossary …``: lint, format, export, import, diff and dump the glossary workbook."""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from tm.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    MADE,
    Command,
    add_commands,
    error,
    optional_project,
    project_option,
    warn,
    write_stdout,
)

EXPORT_FORMATS = ("csv", "omegat", "tbx", "tbx2")  # glossary.exports' names (a test keeps them)


def _workbook(args: argparse.Namespace, given: str | None) -> Path | None:
    """The workbook named on the command line, else the project's (None: neither)."""
    if given:
        return Path(given)
    project = optional_project(args)
    return project.glossary if project is not None else None


NO_WORKBOOK = "no glossary workbook: give one, or run in a project (tmkit init)"


def _file(name: str, help_text: str, optional: bool = False) -> Callable:
    def add(command: argparse.ArgumentParser) -> None:
        if optional:
            command.add_argument(name, nargs="?", metavar=name.upper(), help=help_text)
            project_option(command)
        else:
            command.add_argument(name, metavar=name.upper(), help=help_text)

    return add


def _lint_options(command: argparse.ArgumentParser) -> None:
    _file("file", "the workbook (default: the project's)", optional=True)(command)
    command.add_argument(
        "--texts", metavar="DIR",
        help="where the terms should occur (unused-term): a folder of document pairs, or of "
        "Persian documents (default: the project's pairs)",
    )  # fmt: skip


def run_lint(args: argparse.Namespace) -> int:
    from glossary.lint import lint
    from glossary.workbook import read_glossary

    path = _workbook(args, args.file)
    if path is None:
        return error(NO_WORKBOOK)
    glossary, layout = read_glossary(path, strict=False)
    texts = _texts(args)
    if texts is None:
        warn(str(path), ["no texts to look for the terms in: unused-term not checked "
                         "(give --texts DIR, or run in a project)"])  # fmt: skip
    findings = lint(glossary, texts or (), layout=layout)
    for finding in findings:
        print(f"{path}:{finding}")
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    print(
        f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)} "
        f"in {len(glossary.terms)} concepts"
    )
    return EXIT_FINDINGS if errors else EXIT_OK


def _texts(args: argparse.Namespace) -> list[str] | None:
    """The Persian block texts of ``--texts DIR`` or of the project's pairs (None: neither)."""
    from corpus.collection import text_folders
    from corpus.errors import CorpusError
    from corpus.pipeline import load_document
    from corpus.readers import SUFFIXES

    if args.texts:
        root = Path(args.texts)
        if not root.is_dir():
            raise CorpusError(str(root), "no such folder", hint="--texts takes a folder")
        pairs = text_folders(root)
        documents = [(p.raw, p.fixes) for p in pairs] or [
            (path, None) for path in sorted(root.iterdir()) if path.suffix.lower() in SUFFIXES
        ]
        language, conjectured = "fa-IR", True
    else:
        project = optional_project(args)
        if project is None:
            return None
        documents = [(p.raw, p.fixes) for p in project.pairs()]
        language, conjectured = project.source_language, project.conjectures
    return [
        block.text
        for raw, fixes in documents
        for block in load_document(raw, language, fixes, conjectures=conjectured).blocks
    ]


def run_format(args: argparse.Namespace) -> int:
    from glossary.workbook import format_glossary

    print(f"{args.file}: {format_glossary(Path(args.file))}")
    return EXIT_OK


def _export_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--format", choices=EXPORT_FORMATS, default="tbx",
        help="tbx (TBX-Basic v3), tbx2 (TBX 2008, what OmegaT 3.6 and translate-toolkit read), "
        "omegat (tab-separated glossary), csv (every field, UTF-8 with BOM)",
    )  # fmt: skip
    command.add_argument(
        "-o", "--output", metavar="FILE",
        help="default: terms.<suffix> in the project's output folder" + MADE,
    )  # fmt: skip
    command.add_argument(
        "--glossary", metavar="XLSX", help="the glossary workbook (default: the project's)"
    )
    project_option(command)


def run_export(args: argparse.Namespace) -> int:
    from glossary.exports import GLOSSARY_EXPORTERS
    from glossary.workbook import load_glossary

    exporter = GLOSSARY_EXPORTERS[args.format]
    source = _workbook(args, args.glossary)
    if source is None:
        return error(NO_WORKBOOK)
    if args.output:
        path = Path(args.output)
    else:
        project = optional_project(args)
        if project is None:
            return error("give -o FILE (outside a project there is no output folder)")
        path = project.out / f"terms{exporter.suffix}"
    count = exporter.write(load_glossary(source), path)
    print(f"{count} entries written to {path}")
    return EXIT_OK


def _import_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "file", metavar="FILE", help="a TBX file (TBX-Basic, v3 or 2008), an OmegaT glossary "
        "(.utf8, .tab; Persian source, English target, comment), or a term list as "
        "Excel or LibreOffice save it (.csv, .tsv, .txt: UTF-8 or UTF-16, tab, ; or , separated; "
        "or an .xlsx workbook: its first sheet) with a header row: tmkit's field names (id, "
        "domain, fa, en, status ...) or its workbook's headers (Persian term ...), or recognised "
        "ones (a language: en, fa_IR, Persian (Iran); a language's field: Term [en], "
        "Status [fa], en_status, term_fa; sourceString/targetString with sourceLang/targetLang; "
        "without id, ids are made: FILE-LINE); two columns read as one field (but the note) are "
        "an error; a tmkit glossary workbook is read whole",
    )  # fmt: skip
    command.add_argument(
        "-o", "--output", required=True, metavar="XLSX|CSV",
        help="the workbook to write (.xlsx), or a CSV of every field (.csv, UTF-8 with BOM, as "
        "glossary export --format csv writes it): the suffix decides" + MADE,
    )  # fmt: skip
    command.add_argument(
        "--domain", default="general", metavar="ID",
        help="the domain of concepts that have none (default: general); added to the Domains "
        "sheet",
    )  # fmt: skip
    command.add_argument(
        "--replace", action="store_true",
        help="let -o replace the project's glossary (or another input of the project), which "
        "is refused without it: the import's concepts become the whole glossary (its "
        "formatting, extra columns and dropdowns kept)",
    )  # fmt: skip
    project_option(command)
    command.add_argument(
        "--columns", metavar="FIELD=HEADER,...",
        help="which column holds which field of a term list, e.g. en=sourceString,fa=targetString "
        "(the other columns are still recognised by their headers)",
    )  # fmt: skip


IMPORT_OUTPUTS = (".xlsx", ".csv")  # what glossary import writes, by the output's suffix


def run_import(args: argparse.Namespace) -> int:
    from corpus.atomic import protected
    from tm.project import PROJECT_INPUT

    output = Path(args.output)
    kind = output.suffix.lower()
    if kind not in IMPORT_OUTPUTS:
        what = kind or "a file without a suffix"
        return error(f"{output}: cannot write {what}: give a name ending in "
                     f"{' or '.join(IMPORT_OUTPUTS)} (the suffix decides the format)")  # fmt: skip
    project = None if args.replace else optional_project(args)
    hint = "give --replace to replace it by the import, or write to another file"
    # its pairs' documents and fixes (.txt, .docx, .tsv …) are never an import's .xlsx or .csv
    with protected(project.inputs([]) if project else [], PROJECT_INPUT, hint):
        return _import(args, output, kind)


def _import(args: argparse.Namespace, output: Path, kind: str) -> int:
    """``tmkit glossary import``, once the output is known to be one it may write."""
    from openpyxl.utils import get_column_letter

    from corpus.atomic import check_writable, write_atomic
    from glossary.csvimport import import_kind, parse_columns, read_term_list
    from glossary.exports import write_csv
    from glossary.model import Domain, Glossary, GlossaryError
    from glossary.tbx import read_tbx
    from glossary.workbook import load_glossary, write_glossary

    source = Path(args.file)
    check_writable(output, error=GlossaryError)  # before the input is read
    skipped: list[str] = []
    if import_kind(source) != "tbx":
        columns = parse_columns(args.columns) if args.columns else None
        found = read_term_list(source, domain=args.domain, columns=columns)
        terms, skipped = found.glossary.terms, list(found.skipped)
        if found.ignored:
            warn(str(source), ["columns not imported: " + ", ".join(found.ignored)])
        for index in found.unnamed:
            warn(str(source), [f"column {index + 1} ({get_column_letter(index + 1)}) has values "
                               "but no header: not imported"])  # fmt: skip
        if found.latin:
            warn(str(source), [f"{len(found.latin)} concepts skipped (Latin letters in the "
                               f"Persian term): {_listed(found.latin)}"])  # fmt: skip
        if found.merged:
            pairs = [f"{b} into {a}" for a, b in found.merged]
            warn(str(source), [f"{len(pairs)} rows merged into a concept with the same Persian "
                               "term or id (their English a variant, or a forbidden form when "
                               f"marked deprecated): {_listed(pairs)}"])  # fmt: skip
        for note in found.notes:  # cells split, domains made ids
            warn(str(source), [note])
        table: tuple[Domain, ...] = found.glossary.domains  # a tmkit workbook's
    else:
        left_out: Counter[str] = Counter()
        notes: list[str] = []
        tbx = read_tbx(source, skipped=skipped, left_out=left_out, notes=notes)
        for note in notes:  # Persian varieties mixed, terms split, domains made ids
            warn(str(source), [note])
        if not tbx.terms:  # no entry at all (one without both terms is an error already)
            raise GlossaryError(
                str(source), "no concept to import: no entries (<termEntry> or <conceptEntry>)",
                hint="tmkit imports Persian↔English concepts: each entry needs both",
            )  # fmt: skip
        if left_out:
            shown = [f"{name} ×{count}" for name, count in sorted(left_out.items())]
            warn(str(source), ["not imported (the workbook has no field for them): "
                               + _listed(shown)])  # fmt: skip
        terms = tuple(t if t.domain else replace(t, domain=args.domain) for t in tbx.terms)
        table = tbx.domains
    if skipped:
        warn(str(source), [f"{len(skipped)} concepts skipped (no Persian or no English term): "
                           f"{_listed(skipped)}"])  # fmt: skip
    workbook = kind == ".xlsx"
    existing = load_glossary(output).domains if workbook and output.exists() else ()
    made = {d.id for d in table}  # a TBX's table, or the domains made from subject fields
    domains = tuple(table) + tuple(d for d in existing if d.id not in made)
    known = {d.id for d in domains}
    extra = sorted({t.domain for t in terms} - known)
    glossary = Glossary(tuple(terms), tuple(domains) + tuple(Domain(d, d) for d in extra))
    # written beside the target and read back first: a workbook tmkit would refuse is never left
    trial = output.with_name(f".{output.name}.import.xlsx")
    try:
        template = output if workbook and output.exists() else None
        try:
            write_glossary(glossary, trial, template=template)
        except GlossaryError as err:  # a value no workbook holds: named against the input
            raise GlossaryError(str(source), err.message, hint=err.hint) from err
        checked = load_glossary(trial)
        if workbook:  # through the atomic writer, as every other output: a symlink is kept
            write_atomic(output, trial.read_bytes(), error=GlossaryError)
        else:  # .csv: every field, as tmkit glossary export --format csv writes it
            write_csv(checked, output)
    finally:
        trial.unlink(missing_ok=True)
    print(f"{len(glossary.terms)} concepts written to {output}")
    return EXIT_OK


def _listed(items: list[str] | tuple[str, ...]) -> str:
    return ", ".join(items[:20]) + (f" ... ({len(items) - 20} more)" if len(items) > 20 else "")


def _diff_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("old", metavar="OLD.xlsx")
    command.add_argument("new", metavar="NEW.xlsx")


def run_diff(args: argparse.Namespace) -> int:
    from glossary.diff import diff, diff_text
    from glossary.workbook import load_glossary

    old, new = load_glossary(Path(args.old)), load_glossary(Path(args.new))
    write_stdout(diff_text(old, new))
    return EXIT_FINDINGS if diff(old, new) else EXIT_OK


def run_dump(args: argparse.Namespace) -> int:
    """Print the workbook as text, invalid cells marked in place; exit 0 whatever it holds, so
    that ``git diff`` (the textconv driver) shows a broken workbook too."""
    from glossary.diff import dump_workbook

    path = _workbook(args, args.file)
    if path is None:
        return error(NO_WORKBOOK)
    write_stdout(dump_workbook(path))
    return EXIT_OK


ACTIONS = [
    Command("lint", run_lint, _lint_options,
            "Find mistakes in a glossary: duplicates, conflicts, scripts, ZWNJ, unused terms.",
            "tmkit glossary lint glossary.xlsx --texts texts/"),
    Command("format", run_format, _file("file", "the workbook to rewrite in place"),
            "Sort and normalize a glossary workbook in place, keeping its formatting.",
            "tmkit glossary format glossary.xlsx"),
    Command("export", run_export, _export_options,
            "Export the glossary for CAT tools: TBX, OmegaT glossary or CSV.",
            "tmkit glossary export --format tbx -o terms.tbx"),
    Command("import", run_import, _import_options,
            "Read a TBX file or a CSV/TSV term list into the workbook format.",
            "tmkit glossary import terms.tbx -o glossary.xlsx"),
    Command("diff", run_diff, _diff_options,
            "Print the concepts added, removed and changed between two workbooks (exit 1 if any).",
            "tmkit glossary diff old.xlsx glossary.xlsx"),
    Command("dump", run_dump, _file("file", "the workbook (default: the project's)", optional=True),
            "Print a stable text form of a workbook (a git textconv driver for .xlsx glossaries).",
            "tmkit glossary dump glossary.xlsx"),
]  # fmt: skip


def _actions(command: argparse.ArgumentParser) -> None:
    add_commands(command, ACTIONS, "actions", "ACTION")


COMMANDS = [
    Command("glossary", lambda args: EXIT_OK, _actions,
            "Lint, format, export, import, diff and dump the glossary workbook.",
            "tmkit glossary lint"),
]  # fmt: skip
