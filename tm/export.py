"""Exporters of a TM by format name: the registry behind ``tmkit export --format`` and the build.

Each exporter writes a list of aligned units to one file and says what it wrote:

- ``tmx``: TMX 1.4b (:mod:`tm.tmx`), deduplicated (:mod:`tm.dedupe`), without the beads the
  aligner flagged (confidence below ``LOW_CONFIDENCE``);
- ``po``: PO (:mod:`tm.po`), every unit, flagged ones marked fuzzy.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from corpus.collection import TextFolder, bundled_texts
from glossary.match import Matcher
from glossary.model import bundled_glossary_path
from glossary.workbook import load_glossary
from tm.dedupe import Deduplication
from tm.pairs import align_folder
from tm.po import write_po
from tm.signature import creationdate, signature, signature_line
from tm.tmx import write_tmx
from tm.unit import LOW_CONFIDENCE, TranslationUnit


@dataclass(frozen=True)
class Exported:
    """What an exporter wrote."""

    units: int
    duplicates: int = 0
    conflicts: int = 0


Writer = Callable[[list[TranslationUnit], Path, str, Mapping[str, str]], Exported]


def write_tmx_export(
    units: list[TranslationUnit], path: Path, creationdate: str, signature: Mapping[str, str]
) -> Exported:
    """TMX: unflagged units, deduplicated; the signature goes into the header."""
    kept = [u for u in units if u.score is None or u.score >= LOW_CONFIDENCE]
    deduplicated = Deduplication(lambda: kept)
    written = write_tmx(deduplicated, path, creationdate=creationdate, properties=signature)
    summary = deduplicated.summary
    return Exported(written, summary.duplicates_collapsed, len(summary.conflicts))


def write_po_export(
    units: list[TranslationUnit], path: Path, creationdate: str, signature: Mapping[str, str]
) -> Exported:
    """PO: every unit (flagged ones fuzzy); the signature goes into the header."""
    metadata = {f"X-Tmkit-{k.title()}": v for k, v in signature.items()}
    return Exported(write_po(units, path, metadata={**metadata, "creationdate": creationdate}))


EXPORTERS: dict[str, Writer] = {"tmx": write_tmx_export, "po": write_po_export}


def corpus_units(texts: list[TextFolder] | None = None) -> list[TranslationUnit]:
    """The aligned units of every document pair (with an English reference) in *texts*.

    The bundled glossary, when there is one, serves the aligner as its dictionary.
    """
    texts = bundled_texts() if texts is None else texts
    terms = glossary_matcher(bundled_glossary_path())
    return [
        unit
        for text in texts
        if text.english is not None
        for unit in align_folder(text, terms).units
    ]


def glossary_matcher(path: Path) -> Matcher | None:
    """A matcher of the glossary workbook at *path*, or None when there is none."""
    return Matcher(load_glossary(path)) if path.exists() else None


def export(name: str, path: Path, texts: list[TextFolder] | None = None) -> int:
    """Write the corpus's TM to *path* in format *name*; return the units written."""
    texts = bundled_texts() if texts is None else texts
    date = creationdate(texts)
    sig = {"signature": signature_line(signature(texts, date))}
    return EXPORTERS[name](corpus_units(texts), path, date, sig).units
