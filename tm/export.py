"""Exporters of a TM by format name: the registry behind ``tmkit export --format`` and the build.

Each exporter writes a list of aligned units to one file and says what it wrote:

- ``tmx``: TMX 1.4b (:mod:`tm.tmx`), deduplicated (:mod:`tm.dedupe`), without the units the
  aligner flagged;
- ``po``: PO (:mod:`tm.po`), every unit, flagged ones marked fuzzy with their reason.

The header mapping carries the project's TMX metadata (``creationtool``, ``creationid``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from tm.dedupe import Deduplication
from tm.po import write_po
from tm.tmx import write_tmx
from tm.unit import TranslationUnit


@dataclass(frozen=True)
class Exported:
    """What an exporter wrote."""

    units: int
    duplicates: int = 0
    conflicts: int = 0


Writer = Callable[
    [list[TranslationUnit], Path, str, Mapping[str, str], Mapping[str, str]], Exported
]


def write_tmx_export(
    units: list[TranslationUnit],
    path: Path,
    creationdate: str,
    signature: Mapping[str, str],
    header: Mapping[str, str],
) -> Exported:
    """TMX: unflagged units, deduplicated; the signature goes into the header."""
    kept = [u for u in units if not u.flagged]
    deduplicated = Deduplication(lambda: kept)
    written = write_tmx(
        deduplicated, path, creationdate=creationdate, properties=signature, **header
    )
    summary = deduplicated.summary
    return Exported(written, summary.duplicates_collapsed, len(summary.conflicts))


def write_po_export(
    units: list[TranslationUnit],
    path: Path,
    creationdate: str,
    signature: Mapping[str, str],
    header: Mapping[str, str],
) -> Exported:
    """PO: every unit (flagged ones fuzzy); the signature goes into the header. Units of
    several English variants (pairs of en-GB and en-US references) make one file whose
    ``Language`` is ``en``."""
    metadata = {f"X-Tmkit-{k.title()}": v for k, v in signature.items()}
    languages = {unit.tgtlang for unit in units}
    primaries = {tag.lower().split("-")[0] for tag in languages}
    language = None  # the first unit's, or refused by write_po when the languages differ
    if len(languages) == 1:
        language = languages.pop()
    elif len(primaries) == 1:
        language = primaries.pop()
    metadata = {**metadata, "creationdate": creationdate}
    return Exported(write_po(units, path, metadata=metadata, language=language))


EXPORTERS: dict[str, Writer] = {"tmx": write_tmx_export, "po": write_po_export}
