"""Values of the corpus stage: blocks of a cleaned document and their segments."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """What a block (and each of its segments) is in the document's structure."""

    TITLE = "title"
    AUTHOR = "author"
    HEADING = "heading"
    BODY = "body"
    LIST_ITEM = "list-item"
    FOOTNOTE = "footnote"


@dataclass(frozen=True)
class Block:
    """One paragraph of a cleaned document.

    :param line: the raw file's line where the block starts (1-based).
    :param notes: ids of the footnotes whose markers stood in this block.
    :param id: ``p<n>`` for paragraphs, ``fn<n>`` for footnotes (document order).
    :param segments: pre-segmented input only (:mod:`corpus.readers.segmented`): the block's
        segments as given, one a line from :attr:`line` on (*text* is them joined by spaces);
        :func:`corpus.pipeline.segment_document` keeps them instead of applying the rules.
    """

    id: str
    kind: Kind
    text: str
    line: int
    notes: tuple[str, ...] = ()
    segments: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    """A cleaned document: paragraphs in reading order, then footnotes, and warnings."""

    paragraphs: tuple[Block, ...]
    footnotes: tuple[Block, ...]
    warnings: tuple[str, ...] = field(default=())

    @property
    def blocks(self) -> tuple[Block, ...]:
        """Paragraphs then footnotes: the order in which tmkit writes and segments them."""
        return self.paragraphs + self.footnotes


@dataclass(frozen=True)
class Segment:
    """One sentence-level segment.

    :param id: ``<block id>.s<n>``, stable while the block's segmentation is unchanged.
    """

    id: str
    block: str
    kind: Kind
    text: str
    notes: tuple[str, ...] = ()
