"""Reviewed corrections of a raw document (``fa.fixes.tsv``).

Format: UTF-8 TSV with the header ``wrong  right  reason  line``; ``line`` is optional
(the 1-based line of the raw file the fix applies to). Lines starting with ``#`` and blank
lines are ignored. Every fix must match its scope (that line, or else the whole file)
exactly once: a fix that no longer matches, or matches more than once, is an error, so
the list cannot silently rot when the raw text changes. Fixes are located on the raw
text first and then applied together, so their order does not matter; two fixes that
overlap are an error.
"""

from __future__ import annotations

import csv
import itertools
from dataclasses import dataclass
from pathlib import Path

from corpus.errors import CorpusError
from corpus.textfile import read_text

COLUMNS = ("wrong", "right", "reason", "line")


@dataclass(frozen=True)
class Fix:
    """One reviewed correction: replace *wrong* by *right* (on raw line *line*, if set)."""

    wrong: str
    right: str
    reason: str
    line: int | None
    source_line: int  # where the fix is written in the TSV, for error messages


def read_fixes(path: str | Path) -> list[Fix]:
    """Parse a fixes TSV.

    :raises CorpusError: bad header, missing cells, a bad line number.
    """
    name = str(path)
    rows = csv.reader(read_text(path).split("\n"), delimiter="\t", quoting=csv.QUOTE_NONE)
    fixes: list[Fix] = []
    header_seen = False
    for number, row in enumerate(rows, start=1):
        if not row or not "".join(row).strip() or row[0].startswith("#"):
            continue
        if not header_seen:
            if tuple(cell.strip() for cell in row[:3]) != COLUMNS[:3]:
                raise CorpusError(
                    name, "bad header", line=number, hint="expected: " + "\\t".join(COLUMNS)
                )
            header_seen = True
            continue
        fixes.append(_parse_row(row, name, number))
    return fixes


def _parse_row(row: list[str], name: str, number: int) -> Fix:
    if len(row) not in (3, 4):
        raise CorpusError(
            name,
            f"expected 3 or 4 tab-separated cells, found {len(row)}",
            line=number,
            hint="wrong, right, reason[, line]",
        )
    wrong, right, reason = row[0], row[1], row[2].strip()
    if not wrong:
        raise CorpusError(name, "empty 'wrong' cell", line=number)
    if wrong == right:
        raise CorpusError(name, "'wrong' equals 'right'", line=number)
    if not reason:
        raise CorpusError(name, "empty 'reason' cell", line=number, hint="say why")
    line_cell = row[3].strip() if len(row) == 4 else ""
    if line_cell and not (line_cell.isdigit() and int(line_cell) > 0):
        raise CorpusError(name, f"bad line number {line_cell!r}", line=number)
    return Fix(wrong, right, reason, int(line_cell) if line_cell else None, number)


def apply_fixes(text: str, fixes: list[Fix], fixes_name: str = "fixes") -> str:
    """Return *text* with every fix applied.

    :raises CorpusError: a fix matches zero or several times in its scope, or two overlap.
    """
    line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    spans: list[tuple[int, int, Fix]] = []
    for fix in fixes:
        start, end = _scope(text, line_starts, fix, fixes_name)
        found = _occurrences(text, fix.wrong, start, end)
        where = f"line {fix.line}" if fix.line else "the document"
        if len(found) != 1:
            what = "does not match" if not found else f"matches {len(found)} times"
            hint = "update or remove the fix" if not found else "give the line, or more context"
            raise CorpusError(
                fixes_name, f"fix {fix.wrong!r} {what} in {where}", line=fix.source_line, hint=hint
            )
        spans.append((found[0], found[0] + len(fix.wrong), fix))
    spans.sort(key=lambda span: span[0])
    for (_, end, first), (start, _, second) in itertools.pairwise(spans):
        if start < end:
            raise CorpusError(
                fixes_name,
                f"fix {second.wrong!r} overlaps fix {first.wrong!r} (line {first.source_line})",
                line=second.source_line,
            )
    pieces, cursor = [], 0
    for start, end, fix in spans:
        pieces += [text[cursor:start], fix.right]
        cursor = end
    return "".join(pieces) + text[cursor:]


def _scope(text: str, line_starts: list[int], fix: Fix, fixes_name: str) -> tuple[int, int]:
    if fix.line is None:
        return 0, len(text)
    if fix.line > len(line_starts):
        raise CorpusError(
            fixes_name,
            f"line {fix.line} is past the end of the document ({len(line_starts)} lines)",
            line=fix.source_line,
        )
    start = line_starts[fix.line - 1]
    end = line_starts[fix.line] - 1 if fix.line < len(line_starts) else len(text)
    return start, end


def _occurrences(text: str, needle: str, start: int, end: int) -> list[int]:
    found, position = [], text.find(needle, start, end)
    while position != -1:
        found.append(position)
        position = text.find(needle, position + 1, end)
    return found
