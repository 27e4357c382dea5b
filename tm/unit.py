"""The translation unit: one aligned pair of segments, the value every TM format handles."""

from __future__ import annotations

from dataclasses import dataclass

SOURCE_LANGUAGE = "fa-IR"
TARGET_LANGUAGE = "en-US"
LOW_CONFIDENCE = (
    0.5  # default flag threshold: beads scored below it are out of the TMX, fuzzy in PO
)


@dataclass(frozen=True)
class TranslationUnit:
    """A Persian source and its English target, with where they come from.

    :param tuid: stable id, ``<document>:<bead>`` for units tmkit aligns (e.g.
        ``caucasus-oil-policy:b12``); kept as given for units read from another tool's TMX.
    :param source: the source text (one or more segments joined by a space).
    :param target: the target text (one or more sentences joined by a space).
    :param document: the document pair's id (``caucasus-oil-policy``), or ``""``.
    :param source_blocks: the source block ids the segments belong to (``p3``, ``fn2``).
    :param target_blocks: the same on the target side.
    :param kind: the source blocks' kind (``body``, ``heading``, ``footnote`` ...).
    :param score: the aligner's confidence in ``[0, 1]``, or ``None`` when not aligned by tmkit.
    :param occurrences: how many times this exact pair occurs (duplicates collapse into one).
    :param flag: why the aligner doubts this unit (e.g. ``numbers differ (1 on one side
        only)``) when its score is below the project's flag threshold, else ``""``. A flagged
        unit stays out of the TMX and is fuzzy in PO.
    """

    tuid: str
    source: str
    target: str
    srclang: str = SOURCE_LANGUAGE
    tgtlang: str = TARGET_LANGUAGE
    document: str = ""
    source_blocks: tuple[str, ...] = ()
    target_blocks: tuple[str, ...] = ()
    kind: str = "body"
    score: float | None = None
    occurrences: int = 1
    flag: str = ""

    @property
    def flagged(self) -> bool:
        """Whether the aligner flagged this unit (see *flag*)."""
        return bool(self.flag)
