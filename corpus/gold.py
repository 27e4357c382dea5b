"""The gold sentence alignment of a document pair (``gold.tsv``).

Format: UTF-8 TSV with the header ``bead  lang  text`` and one row per segment: the bead's id
(``b1``, ``b2`` ...), ``fa`` or ``en``, and the segment's text as the segmenter produces it.
Rows follow document order in each language; the rows of one bead are adjacent, Persian first.
A bead may have rows in one language only (a 1–0 or 0–1 bead). Segments are stored by their
text, not their index, so the file survives changes of segment ids, and :func:`mismatches`
tells exactly where it no longer matches the segmenter's output.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from corpus.errors import CorpusError
from corpus.textfile import read_text, table_rows

COLUMNS = ("bead", "lang", "text")
LANGUAGES = ("fa", "en")


@dataclass(frozen=True)
class Bead:
    """One alignment unit: Persian segments and the English sentences that translate them."""

    id: str
    fa: tuple[str, ...]
    en: tuple[str, ...]


def read_gold(path: str | Path) -> list[Bead]:
    """Parse a gold alignment file.

    :raises CorpusError: bad header, an unknown language, a bead split over the file.
    """
    name = str(path)
    lines = read_text(path, page_breaks=False).split("\n")  # a TSV has no pages
    if tuple(lines[0].split("\t")) != COLUMNS:
        raise CorpusError(name, "bad header", line=1, hint="expected: bead\\tlang\\ttext")
    beads: dict[str, dict[str, list[str]]] = {}
    last = None
    rows = table_rows(lines[1:], name, first=2, delimiter="\t", quoting=csv.QUOTE_NONE)
    for number, row in rows:
        if not row:
            continue
        if len(row) != 3 or row[1] not in LANGUAGES or not row[2].strip():
            raise CorpusError(name, "expected: bead, fa|en, text", line=number)
        bead, language, text = row
        if bead != last and bead in beads:
            raise CorpusError(name, f"bead {bead} is split over the file", line=number)
        beads.setdefault(bead, {"fa": [], "en": []})[language].append(text)
        last = bead
    return [Bead(bead, tuple(sides["fa"]), tuple(sides["en"])) for bead, sides in beads.items()]


def gold_tsv(beads: list[Bead]) -> str:
    """The text of a gold file for *beads*."""
    rows = ["\t".join(COLUMNS)]
    for bead in beads:
        rows += [f"{bead.id}\tfa\t{text}" for text in bead.fa]
        rows += [f"{bead.id}\ten\t{text}" for text in bead.en]
    return "\n".join(rows) + "\n"


def mismatches(beads: list[Bead], fa: list[str], en: list[str]) -> list[str]:
    """Where the beads' segments differ from the segmenter's (*fa*, *en*); empty when they agree."""
    problems = []
    for language, segments in (("fa", fa), ("en", en)):
        stored = [(bead.id, text) for bead in beads for text in getattr(bead, language)]
        for index, ((bead, text), actual) in enumerate(zip(stored, segments, strict=False)):
            if text != actual:
                problems.append(f"{language} segment {index + 1} (bead {bead}): gold has "
                                f"{text!r}, the segmenter gives {actual!r}")  # fmt: skip
                break
        if len(stored) != len(segments):
            problems.append(
                f"{language}: gold has {len(stored)} segments, the segmenter {len(segments)}"
            )
    return problems
