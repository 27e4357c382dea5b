"""Plain-text forms of documents and segments, as ``tmkit clean`` and ``segment`` print them."""

from __future__ import annotations

from collections.abc import Iterable

from corpus.document import Document, Segment

SEGMENT_COLUMNS = ("id", "block", "kind", "notes", "text")


def document_text(document: Document) -> str:
    """Paragraphs separated by blank lines, then the footnotes (text only), then a newline.

    This is the source file a CAT tool gets: segmenting it with the bundled SRX rules gives
    exactly the segments of :func:`corpus.pipeline.segment_document`.
    """
    return "\n\n".join(block.text for block in document.blocks) + "\n"


def segments_text(segments: Iterable[Segment]) -> str:
    """One segment a line."""
    return "".join(f"{segment.text}\n" for segment in segments)


def segments_tsv(segments: Iterable[Segment]) -> str:
    """A header and one tab-separated row a segment (ids, kind, footnote links, text)."""
    rows = ["\t".join(SEGMENT_COLUMNS)]
    rows += ["\t".join((s.id, s.block, s.kind.value, ",".join(s.notes), s.text)) for s in segments]
    return "\n".join(rows) + "\n"
