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

    The document is normalized as a whole (one block a line), so its own words decide
    ambiguous ZWNJ readings. Other languages get Unicode NFC and collapsed spaces only.
    """
    document = clean(text)
    blocks = document.blocks
    joined = "\n".join(block.text for block in blocks)
    warnings = list(document.warnings)
    if is_persian(language):
        joined, strays = normalize_with_report(joined)
        warnings += [f"line {blocks[s.line - 1].line}: {s}" for s in strays]
    else:
        joined = unicodedata.normalize("NFC", joined)
    texts = [" ".join(line.split()) for line in joined.split("\n")]
    normalized = [replace(block, text=t) for block, t in zip(blocks, texts, strict=True)]
    count = len(document.paragraphs)
    return Document(tuple(normalized[:count]), tuple(normalized[count:]), tuple(warnings))


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
