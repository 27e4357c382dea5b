"""Reviewed corrections of a raw document (``fa.fixes.tsv``).

Format: UTF-8 TSV with the header ``wrong  right  reason  line  kind``; ``line`` is optional
(the 1-based line of the raw file the fix applies to; for a DOCX, Markdown or HTML document
the :attr:`~corpus.document.Block.line` of a block: the paragraph number in a DOCX body, the
source line where the block starts in Markdown and HTML, see :func:`apply_block_fixes`), and so
is ``kind``: empty for a correction (an extraction or typing error the reviewers established),
or ``conjecture`` for a reading of a garbled passage that they could not establish (the
likeliest one, its doubt said in ``reason``). A file of 3 or 4 columns (``kind`` absent, every
row a correction) reads as before. ``read_fixes(..., conjectures=False)`` leaves the
conjectures out, so the garbled text is the raw text as received, which the cleanup then
reads like any other (a marker-like ``^۰`` in it is a footnote marker) (``tmkit clean
--no-conjectures``, ``[fixes] conjectures = false`` in ``tmkit.toml``); corrections always
apply.
Lines starting with ``#`` and blank lines are ignored. Every fix must match its scope (that
line, or else the whole file) exactly once: a fix that no longer matches, or matches more
than once, is an error, so the list cannot silently rot when the raw text changes. Fixes are
located on the raw text first and then applied together, so their order does not matter; two
fixes that overlap are an error.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from corpus.document import Document
from corpus.errors import CorpusError
from corpus.textfile import read_text, table_rows

COLUMNS = ("wrong", "right", "reason", "line", "kind")
CONJECTURE = "conjecture"  # the one value of ``kind`` besides empty (a correction)


@dataclass(frozen=True)
class Fix:
    """One reviewed correction: replace *wrong* by *right* (on raw line *line*, if set)."""

    wrong: str
    right: str
    reason: str
    line: int | None
    source_line: int  # where the fix is written in the TSV, for error messages
    conjecture: bool = False  # ``kind`` is ``conjecture``: a reading, not an established fix


def read_fixes(path: str | Path, *, conjectures: bool = True) -> list[Fix]:
    """Parse a fixes TSV; with ``conjectures=False`` the rows of kind ``conjecture`` are left
    out (every row is still read and checked, so a bad one is an error either way).

    :raises CorpusError: bad header, missing cells, a bad line number, an unknown kind.
    """
    name = str(path)
    text = read_text(path, page_breaks=False)  # a TSV has no pages: a form feed is refused
    rows = table_rows(text.split("\n"), name, delimiter="\t", quoting=csv.QUOTE_NONE)
    fixes: list[Fix] = []
    header_seen = False
    for number, row in rows:
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
    return [fix for fix in fixes if conjectures or not fix.conjecture]


def _parse_row(row: list[str], name: str, number: int) -> Fix:
    if len(row) not in (3, 4, 5):
        raise CorpusError(
            name,
            f"expected 3 to 5 tab-separated cells, found {len(row)}",
            line=number,
            hint="wrong, right, reason[, line[, kind]]",
        )
    wrong, right, reason = row[0], row[1], row[2].strip()
    if not wrong:
        raise CorpusError(name, "empty 'wrong' cell", line=number)
    if wrong == right:
        raise CorpusError(name, "'wrong' equals 'right'", line=number)
    if not reason:
        raise CorpusError(name, "empty 'reason' cell", line=number, hint="say why")
    line_cell = row[3].strip() if len(row) >= 4 else ""
    if line_cell and not (line_cell.isdigit() and int(line_cell) > 0):
        raise CorpusError(name, f"bad line number {line_cell!r}", line=number)
    kind = row[4].strip() if len(row) == 5 else ""
    if kind not in ("", CONJECTURE):
        raise CorpusError(
            name,
            f"unknown kind {kind!r}",
            line=number,
            hint=f"leave it empty for a correction, or write {CONJECTURE}",
        )
    line = int(line_cell) if line_cell else None
    return Fix(wrong, right, reason, line, number, conjecture=kind == CONJECTURE)


def apply_fixes(text: str, fixes: list[Fix], fixes_name: str = "fixes") -> str:
    """Return *text* with every fix applied (a fix's ``line`` is a line of *text*).

    :raises CorpusError: a fix matches zero or several times in its scope, or two overlap.
    """
    line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def scope(fix: Fix) -> list[tuple[int, int]]:
        return [_scope(text, line_starts, fix, fixes_name)]

    return _apply(text, fixes, fixes_name, scope, "line")


def apply_block_fixes(
    document: Document,
    fixes: Sequence[Fix],
    fixes_name: str = "fixes",
    *,
    unit: str = "line",
    extent: int | None = None,
) -> Document:
    """Return *document* with every fix applied to the text of its blocks.

    For a document read from a structured format (DOCX, Markdown, HTML) a fix's ``line`` is a
    block's :attr:`~corpus.document.Block.line` (the *unit* it counts: ``"line"`` of the
    source, or ``"paragraph"`` of a DOCX body); several blocks may share it (a DOCX footnote
    has the number of the paragraph that first refers to it), and the fix must match exactly
    once among them. A fix without ``line`` must match exactly once in the whole document. The
    same rules as :func:`apply_fixes` (exactly once, no overlap, errors naming the TSV row),
    by the same code: the blocks are one text, one block a line, and no fix holds a line end.

    :param extent: the number of lines (paragraphs) of the source, for a "past the end" error.
    :raises CorpusError: a fix matches zero or several times in its scope, two overlap, or a
        fix's line is past the end of the source.
    """
    blocks = document.blocks
    if any("\n" in block.text for block in blocks):
        raise ValueError("a block's text holds a line end")
    text = "\n".join(block.text for block in blocks)
    starts = list(itertools.accumulate((len(b.text) + 1 for b in blocks), initial=0))
    ranges: dict[int, list[tuple[int, int]]] = {}
    for block, start in zip(blocks, starts[:-1], strict=True):
        ranges.setdefault(block.line, []).append((start, start + len(block.text)))

    def scope(fix: Fix) -> list[tuple[int, int]]:
        if fix.line is None:
            return [(0, len(text))]
        if extent is not None and fix.line > extent:
            raise CorpusError(
                fixes_name,
                f"{unit} {fix.line} is past the end of the document ({extent} {unit}s)",
                line=fix.source_line,
            )
        return ranges.get(fix.line, [])

    fixed = _apply(text, list(fixes), fixes_name, scope, unit).split("\n")
    changed = [replace(b, text=t) for b, t in zip(blocks, fixed, strict=True)]
    count = len(document.paragraphs)
    return replace(document, paragraphs=tuple(changed[:count]), footnotes=tuple(changed[count:]))


def _apply(
    text: str,
    fixes: Sequence[Fix],
    fixes_name: str,
    scope: Callable[[Fix], list[tuple[int, int]]],
    unit: str,
) -> str:
    """Locate every fix in its scope (ranges of *text*), check, and apply them together."""
    spans: list[tuple[int, int, Fix]] = []
    for fix in fixes:
        found = [
            hit for start, end in scope(fix) for hit in _occurrences(text, fix.wrong, start, end)
        ]
        where = f"{unit} {fix.line}" if fix.line else "the document"
        if len(found) != 1:
            what = "does not match" if not found else f"matches {len(found)} times"
            hint = "update or remove the fix" if not found else f"give the {unit}, or more context"
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
