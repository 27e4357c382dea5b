"""The corpus stage end to end: a document file → fixes → blocks → normalization → segments.

Plain text (a PDF extraction) is cleaned by layout heuristics (:mod:`corpus.cleanup`); Word
.docx, Markdown and HTML say what their blocks are (:mod:`corpus.readers`). Every format then
goes through the same normalization (:func:`normalize_document`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from pathlib import Path

from corpus.cleanup import clean
from corpus.document import Block, Document, Kind, Segment
from corpus.errors import CorpusError
from corpus.fixes import read_fixes
from corpus.languages import is_persian
from corpus.normalize import normalize_with_report
from corpus.readers import read_source
from corpus.srx import Srx, default_srx
from corpus.textfile import STDIN
from corpus.xmlsafe import TEXT_LIMIT, over_limit

# a line that may be over the limit in UTF-8; tried at line starts only (^), so linear
_LONG_LINE = re.compile(f"^[^\n]{{{TEXT_LIMIT // 4 + 1},}}", re.MULTILINE)


def prepare(text: str, language: str) -> Document:
    """Clean plain *text* (:func:`corpus.cleanup.clean`) and :func:`normalize_document` it."""
    return normalize_document(clean(text), language)


def within_limit(document: Document, name: str, unit: str = "line") -> None:
    """Refuse a paragraph (or footnote) of more than :data:`corpus.xmlsafe.TEXT_LIMIT` bytes of
    UTF-8, the limit tmkit reads a TMX segment with: one segment that size would take minutes
    and gigabytes to clean, normalize, segment and align, and no TMX could carry it.

    :raises CorpusError: naming the file and the block's line (a DOCX paragraph's number).
    """
    for block in (*document.blocks, *document.footnotes):
        # a pre-segmented block's lines are its segments: the line over the limit is named
        for number, text in enumerate(block.segments or (block.text,)):
            if over_limit(text):
                what = "a footnote" if block.kind is Kind.FOOTNOTE else "a paragraph"
                what = "a line" if block.segments else what
                if unit != "line":
                    what = f"{unit} {block.line}: {what}"
                raise _over_limit(name, what, block.line + number if unit == "line" else None)


def _within_limit_raw(text: str, name: str) -> None:
    """:func:`within_limit` for plain text before cleanup (which would take minutes on it): a
    line over the limit is a paragraph over it."""
    for long in _LONG_LINE.finditer(text):
        if over_limit(long.group()):
            raise _over_limit(name, "a line", text.count("\n", 0, long.start()) + 1)


def _over_limit(name: str, what: str, line: int | None) -> CorpusError:
    return CorpusError(
        name,
        f"{what} of more than {TEXT_LIMIT:,} bytes, over the limit tmkit reads",
        line=line,
        hint="split it into paragraphs, a blank line between them",
    )


def normalize_document(
    document: Document, language: str, *, unit: str = "line", zwnj_spelling: str = "common"
) -> Document:
    """Normalize every block of an un-normalized *document* for *language*.

    Persian (``fa``) gets :func:`corpus.normalize.normalize_with_report`, the document as a
    whole (one block a line; a pre-segmented block, one segment a line), so its own words
    decide ambiguous ZWNJ readings; letters of another script it removes are warnings
    ``<unit> N: ...`` with the block's :attr:`~corpus.document.Block.line` (a pre-segmented
    segment's own line; *unit* is ``line``, or ``paragraph`` for DOCX);
    *zwnj_spelling* is ``common`` or ``academy`` (:func:`corpus.zwnj.restore`).
    Other languages get Unicode NFC only. Every language: whitespace runs become one space.
    Block ids, kinds, lines and footnote links are unchanged; a pre-segmented block's
    segments are normalized one by one, never joined or split.
    """
    blocks = document.blocks
    if not blocks:
        return document
    pieces = [block.segments or (block.text,) for block in blocks]
    joined = "\n".join(text for texts in pieces for text in texts)
    lines = [
        block.line + k
        for block, texts in zip(blocks, pieces, strict=True)
        for k in range(len(texts))
    ]
    warnings = list(document.warnings)
    if is_persian(language):
        joined, strays = normalize_with_report(joined, zwnj_spelling=zwnj_spelling)
        warnings += [f"{unit} {lines[s.line - 1]}: {s}" for s in strays]
    else:
        joined = unicodedata.normalize("NFC", joined)
    texts = iter(" ".join(line.split()) for line in joined.split("\n"))
    normalized = []
    for block, piece in zip(blocks, pieces, strict=True):
        own = tuple(next(texts) for _ in piece)
        if block.segments:
            normalized.append(replace(block, text=" ".join(t for t in own if t), segments=own))
        else:
            normalized.append(replace(block, text=own[0]))
    count = len(document.paragraphs)
    return Document(tuple(normalized[:count]), tuple(normalized[count:]), tuple(warnings))


def load_document(
    path: str | Path,
    language: str,
    fixes: str | Path | None = None,
    *,
    zwnj_spelling: str = "common",
    conjectures: bool = True,
) -> Document:
    """Read *path*, apply the fixes file if given, and normalize it for *language*.

    The format comes from the suffix (:data:`corpus.readers.SUFFIXES`): Word ``.docx``,
    Markdown ``.md``/``.markdown``, HTML ``.html``/``.htm``/``.xhtml``; ``.txt``, any other
    suffix and ``-`` (stdin) are plain UTF-8 text, cleaned by :func:`prepare` exactly as
    before. A fix's ``line`` is a line of a plain-text file, a paragraph number of a DOCX
    body, or the source line where a Markdown/HTML block starts (:mod:`corpus.fixes`).
    *zwnj_spelling*: ``common`` or ``academy``, how restored Persian words are spelled where
    both are written (:func:`corpus.zwnj.restore`). *conjectures*: apply the fixes of kind
    ``conjecture`` too (default), or leave them out (:func:`corpus.fixes.read_fixes`).

    :raises CorpusError: unreadable input, an unsupported format (``.pdf``, ``.odt``,
        ``.doc`` ...), a fix that does not apply exactly once, or a paragraph over the limit
        (:func:`within_limit`).
    """
    source = read_source(path)
    if source.text is not None:
        _within_limit_raw(source.text, source.name)
    fix_list = read_fixes(fixes, conjectures=conjectures) if fixes is not None else []
    document = source.blocks(fix_list, str(fixes))
    within_limit(document, source.name, source.unit)
    return normalize_document(document, language, unit=source.unit, zwnj_spelling=zwnj_spelling)


def load_segmented(
    path: str | Path,
    language: str,
    fixes: str | Path | None = None,
    *,
    zwnj_spelling: str = "common",
    conjectures: bool = True,
) -> Document:
    """Read a pre-segmented file (one segment a line, a blank line between paragraphs:
    :mod:`corpus.readers.segmented`), apply the fixes file if given (a fix's ``line`` is a
    line of the file; *conjectures* as for :func:`load_document`), and normalize it for
    *language* (:func:`normalize_document`), never cleaning, joining or splitting its lines.

    :raises CorpusError: unreadable input (with its line), a fix that does not apply exactly
        once, or a paragraph over the limit (:func:`within_limit`).
    """
    from corpus.readers.segmented import read_segmented

    fix_list = read_fixes(fixes, conjectures=conjectures) if fixes is not None else []
    document = read_segmented(path, fix_list, str(fixes))
    within_limit(document, "<stdin>" if str(path) == STDIN else str(path))
    return normalize_document(document, language, zwnj_spelling=zwnj_spelling)


def segment_document(document: Document, language: str, srx: Srx | None = None) -> list[Segment]:
    """Segment every block with the SRX rules: paragraphs first, then footnotes. A
    pre-segmented block (:attr:`~corpus.document.Block.segments`) keeps its own segments
    (those left empty by normalization dropped)."""
    rules = srx or default_srx()
    return [
        Segment(f"{block.id}.s{n}", block.id, block.kind, text, block.notes)
        for block in document.blocks
        for n, text in enumerate(_split(block, rules, language), start=1)
    ]


def _split(block: Block, rules: Srx, language: str) -> list[str]:
    if block.segments:
        return [text for text in block.segments if text]
    return rules.segment(block.text, language)
