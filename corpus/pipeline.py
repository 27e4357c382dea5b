"""The corpus stage end to end: raw text → fixes → cleanup → normalization → segments."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from pathlib import Path

from corpus.cleanup import clean
from corpus.document import Document, Segment
from corpus.fixes import apply_fixes, read_fixes
from corpus.normalize import normalize_with_report
from corpus.srx import Srx, default_srx
from corpus.textfile import read_text


def is_persian(language: str) -> bool:
    """Whether a BCP 47 code names Persian (``fa``, ``fa-IR``, ``fa-AF`` ...)."""
    return language.lower().split("-")[0] in {"fa", "per", "fas"}


def prepare(text: str, language: str) -> Document:
    """Clean *text* and normalize it for *language* (Persian rules for ``fa``).

    Other languages get Unicode NFC and collapsed spaces only.
    """
    document = clean(text)
    warnings = list(document.warnings)

    def normalized(block):
        if not is_persian(language):
            return replace(block, text=" ".join(unicodedata.normalize("NFC", block.text).split()))
        result, strays = normalize_with_report(block.text)
        warnings.extend(f"line {block.line}: {stray}" for stray in strays)
        return replace(block, text=result)

    return Document(
        tuple(normalized(b) for b in document.paragraphs),
        tuple(normalized(b) for b in document.footnotes),
        tuple(warnings),
    )


def load_document(path: str | Path, language: str, fixes: str | Path | None = None) -> Document:
    """Read *path* (``-`` for stdin), apply the fixes file if given, and :func:`prepare` it.

    :raises CorpusError: unreadable input or a fix that does not apply exactly once.
    """
    text = read_text(path)
    if fixes is not None:
        text = apply_fixes(text, read_fixes(fixes), str(fixes))
    return prepare(text, language)


def segment_document(document: Document, language: str, srx: Srx | None = None) -> list[Segment]:
    """Segment every block with the SRX rules: paragraphs first, then footnotes."""
    rules = srx or default_srx()
    return [
        Segment(f"{block.id}.s{n}", block.id, block.kind, text, block.notes)
        for block in document.blocks
        for n, text in enumerate(rules.segment(block.text, language), start=1)
    ]
