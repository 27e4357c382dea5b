"""Glossary changes as text: a stable dump (a git ``textconv`` driver) and a field-by-field diff.

An XLSX is a binary blob in a pull request. :func:`dump` turns a glossary into text that ``git
diff`` can compare line by line, and :func:`diff` / :func:`diff_text` list the domains and
concepts added, removed and changed, field by field.

The dump (:func:`dump`): a first line ``# tmkit glossary: N domains, M concepts``, then one block
a domain, then one block a concept, each sorted by id (the workbook's row order is not a change)
and preceded by a blank line::

    domain caspian-law
      name: Legal regime of the Caspian Sea

    concept caspian-legal-regime
      domain: caspian-law
      fa: رژیم حقوقی دریای خزر
      en: legal regime of the Caspian Sea
      en_variants: Caspian legal regime
      status: approved

Fields follow the workbook's column order (:data:`TERM_FIELDS`), one ``field: value`` line each;
empty fields are left out, lists are joined by ``; ``, case_sensitive shows as ``yes``, and a
line break, a carriage return or a backslash inside a value as ``\\n``, ``\\r``, ``\\\\``, so that
every field stays on its line. The same glossary always gives the same text; concepts with the
same id (which lint reports) keep their workbook order.

A workbook with invalid cells dumps too (:func:`dump_workbook`, what the textconv driver
calls): each invalid cell is shown in place, as typed, with what is wrong, and what no cell
shows (a missing sheet or column) comes after the first line::

    # tmkit glossary: 4 domains, 12 concepts
    # invalid: Terms!1:1: missing column 'note' (the header row needs ...)

    concept oil-cartels
      domain: energy
      status: aproved   <- invalid: unknown status (expected approved, proposed or deprecated)

A valid workbook gives exactly :func:`dump` of its glossary, so a diff between a valid and a
broken version shows the broken cells only. A file that is not a workbook at all gives one
line saying so. It never raises: ``git diff`` shows something whatever the file holds.

Set up as a textconv driver (``.gitattributes`` has ``glossary/*.xlsx diff=tmkit-glossary``)::

    git config diff.tmkit-glossary.textconv "tmkit glossary dump"
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from enum import StrEnum
from pathlib import Path

from glossary.model import COLUMNS, Domain, Glossary, GlossaryError, Term
from glossary.workbook import Invalid, read_glossary_leniently

# The workbook's columns, then the Term fields the workbook has no column for (case_sensitive)
TERM_FIELDS: tuple[str, ...] = tuple(name for name, _, _ in COLUMNS) + tuple(
    f.name for f in fields(Term) if f.name not in {name for name, _, _ in COLUMNS}
)
DOMAIN_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Domain))
_ESCAPES = str.maketrans({"\\": "\\\\", "\n": "\\n", "\r": "\\r"})


def field_text(item: Term | Domain, name: str) -> str:
    """Return field *name* of a concept or domain as text: lists joined by ``; ``, yes/no.

    >>> field_text(Term("oil-cartels", "oil", "کارتل‌های نفتی", "oil cartels"), "status")
    'approved'
    """
    value = getattr(item, name)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return "; ".join(value)
    return str(value)


def _shown(item: Term | Domain, names: Sequence[str]) -> list[tuple[str, str]]:
    """The (field, text) pairs of *item* that are not empty (false counts as empty), id left out."""
    return [
        (name, field_text(item, name)) for name in names if name != "id" and getattr(item, name)
    ]


def dump(glossary: Glossary) -> str:
    """Return the stable text form of *glossary*: one block per domain and concept, by id.

    Example::

        print(dump(load_glossary(Path("glossary/terms.xlsx"))), end="")
    """
    return _dump(glossary)


def dump_workbook(path: str | Path) -> str:
    """Return the stable text form of the workbook at *path*, whatever it holds; never raises.

    A valid workbook gives :func:`dump` of its glossary; invalid cells are marked in place
    (see the module); a file that is not a workbook gives one line,
    ``# tmkit glossary: cannot read this file: not an XLSX workbook (…)``.

    Example (the git textconv driver)::

        sys.stdout.write(dump_workbook(sys.argv[1]))
    """
    try:
        read = read_glossary_leniently(Path(path))
    except GlossaryError as err:
        reason = f"{err.message} ({err.hint})" if err.hint else err.message
        place = err.path.removeprefix(str(path)).lstrip(":")  # Terms!E3:F3, when it names one
        reason = f"{place}: {reason}" if place and place != err.path else reason
        return f"# tmkit glossary: cannot read this file: {reason}\n"
    except Exception as err:  # a textconv driver must print something, whatever the file
        reason = (str(err).splitlines() or [""])[0]
        return f"# tmkit glossary: cannot read this file: {type(err).__name__}: {reason}\n"
    return _dump(read.glossary, read.invalid_terms, read.invalid_domains, read.problems)


def _dump(
    glossary: Glossary,
    invalid_terms: Sequence[Mapping[str, Invalid]] = (),
    invalid_domains: Sequence[Mapping[str, Invalid]] = (),
    problems: Sequence[str] = (),
) -> str:
    lines = [f"# tmkit glossary: {len(glossary.domains)} domains, {len(glossary.terms)} concepts"]
    lines += [f"# invalid: {problem}".translate(_ESCAPES) for problem in problems]
    for kind, items, names, invalid in (
        ("domain", glossary.domains, DOMAIN_FIELDS, invalid_domains),
        ("concept", glossary.terms, TERM_FIELDS, invalid_terms),
    ):
        for index in sorted(range(len(items)), key=lambda index: items[index].id):
            item = items[index]
            bad = invalid[index] if index < len(invalid) else {}
            header = f"{kind} {item.id}"
            lines += ["", _marked(header, bad["id"].problem) if "id" in bad else header]
            for name in names:
                if name == "id":
                    continue
                if name in bad:
                    line = f"  {name}: {bad[name].text.translate(_ESCAPES)}"
                    lines.append(_marked(line, bad[name].problem))
                elif getattr(item, name):
                    lines.append(f"  {name}: {field_text(item, name).translate(_ESCAPES)}")
    return "\n".join(lines) + "\n"


def _marked(line: str, problem: str) -> str:
    """``  status: aproved   <- invalid: unknown status (…)``."""
    return f"{line.rstrip()}   <- invalid: {problem.translate(_ESCAPES)}"


class ChangeKind(StrEnum):
    """What happened to a domain or concept between two glossaries."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True)
class FieldChange:
    """One field's text before and after ("" when the field is empty or the item absent)."""

    field: str
    old: str
    new: str


@dataclass(frozen=True)
class Change:
    """A domain or concept added, removed or changed, with the fields that differ.

    For an added item the fields are its non-empty fields (``old`` empty), for a removed one the
    same with ``new`` empty; ``item`` is ``"domain"`` or ``"concept"``.
    """

    kind: ChangeKind
    item: str
    id: str
    fields: tuple[FieldChange, ...]


def diff(old: Glossary, new: Glossary) -> list[Change]:
    """Return the changes from *old* to *new*: domains, then concepts, each sorted by id.

    Items are matched by id (with the same id twice, the last one counts); the order of rows
    is not a change.

    Example::

        for change in diff(load_glossary(old_path), load_glossary(new_path)):
            print(change.kind, change.item, change.id, [f.field for f in change.fields])
    """
    changes: list[Change] = []
    for kind, before, after, names in (
        ("domain", old.domains, new.domains, DOMAIN_FIELDS),
        ("concept", old.terms, new.terms, TERM_FIELDS),
    ):
        before_by_id = {item.id: item for item in before}
        after_by_id = {item.id: item for item in after}
        for key in sorted(before_by_id.keys() | after_by_id.keys()):
            a, b = before_by_id.get(key), after_by_id.get(key)
            if a is None:
                shown = _shown(b, names)
                changes.append(Change(ChangeKind.ADDED, kind, key, _fields(shown, new=True)))
            elif b is None:
                shown = _shown(a, names)
                changes.append(Change(ChangeKind.REMOVED, kind, key, _fields(shown, new=False)))
            elif a != b:
                differ = tuple(
                    FieldChange(name, field_text(a, name), field_text(b, name))
                    for name in names
                    if getattr(a, name) != getattr(b, name)
                )
                changes.append(Change(ChangeKind.CHANGED, kind, key, differ))
    return changes


def _fields(shown: list[tuple[str, str]], *, new: bool) -> tuple[FieldChange, ...]:
    return tuple(
        FieldChange(name, "", text) if new else FieldChange(name, text, "") for name, text in shown
    )


def diff_text(old: Glossary, new: Glossary) -> str:
    """Return the changes from *old* to *new* for a reviewer: a summary line, then each item.

    An added item is ``+ concept <id>`` followed by its fields, a removed one ``- concept <id>``,
    a changed one ``~ concept <id>`` followed by each changed field twice, ``field: - old`` and
    ``field: + new`` (a side that is empty is left out). Two equal glossaries give
    ``no changes``.
    """
    changes = diff(old, new)
    if not changes:
        return "no changes\n"
    lines = [_summary(changes)]
    marks = {ChangeKind.ADDED: "+", ChangeKind.REMOVED: "-", ChangeKind.CHANGED: "~"}
    for change in changes:
        lines.append(f"{marks[change.kind]} {change.item} {change.id}")
        for field in change.fields:
            if change.kind is not ChangeKind.CHANGED:
                text = field.new if change.kind is ChangeKind.ADDED else field.old
                lines.append(f"    {field.field}: {text.translate(_ESCAPES)}")
                continue
            for mark, text in (("-", field.old), ("+", field.new)):
                if text:
                    lines.append(f"    {field.field}: {mark} {text.translate(_ESCAPES)}")
    return "\n".join(lines) + "\n"


def _summary(changes: list[Change]) -> str:
    """``concepts: 1 added, 2 changed; domains: 1 removed``."""
    parts = []
    for item in ("concept", "domain"):
        counts = [
            f"{n} {kind.value}"
            for kind in ChangeKind
            if (n := sum(1 for c in changes if c.item == item and c.kind is kind))
        ]
        if counts:
            parts.append(f"{item}s: " + ", ".join(counts))
    return "; ".join(parts)
