"""Pre-translation: each segment of a new document with its best TM match, for a CAT tool.

Each segment whose best match (:func:`tm.analysis.matched_segments`) scores at least the
threshold becomes a unit with the match's English as its target, marked with where it comes
from: in TMX the props ``x-match-score`` (the percentage), ``x-match-kind`` (``context``,
``exact``, ``100`` or ``fuzzy``), ``x-match-tuid`` and ``x-match-reason`` (what made the score);
in PO an entry that is ``fuzzy`` (to be reviewed) unless the match is 100%, its comment saying
the same. A PO keeps every segment (those without a match with an empty ``msgstr``: the
translator's file holds the whole document); a TMX holds only the units translated.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tm.analysis import SegmentMatch
from tm.po import write_po
from tm.tmx import write_tmx
from tm.unit import Annotation, TranslationUnit

FORMATS = ("tmx", "po")


@dataclass(frozen=True)
class Pretranslated:
    """What a pre-translation wrote: segments, those translated, those a 100% match gave."""

    segments: int
    translated: int
    full: int


def pretranslated_units(matched: Iterable[SegmentMatch], minimum: int) -> list[TranslationUnit]:
    """A unit per segment: its match's target when the match scores *minimum* or more, else
    an empty target; ``flag`` says a fuzzy match's score (PO: ``fuzzy``)."""
    units = []
    for item in matched:
        segment, match = item.segment, item.match
        tuid = f"{item.document}:{segment.id}"
        if match is None or match.fuzzy.score < minimum:
            units.append(TranslationUnit(tuid, segment.text, ""))
            continue
        source = match.stored.unit
        props = (("x-match-score", str(match.fuzzy.score)), ("x-match-kind", match.kind),
                 ("x-match-tuid", source.tuid), ("x-match-reason", match.fuzzy.reason))  # fmt: skip
        flag = "" if match.fuzzy.score == 100 else (
            f"{match.fuzzy.score}% match of {source.tuid}: {match.fuzzy.reason}"
        )  # fmt: skip
        notes = tuple(Annotation("prop", value, (("type", name),)) for name, value in props)
        units.append(
            TranslationUnit(
                tuid,
                segment.text,
                source.target,
                tgtlang=source.tgtlang,
                flag=flag,
                annotations=notes,
            )
        )
    return units


def write_pretranslation(
    units: list[TranslationUnit], path: Path, creationdate: str
) -> Pretranslated:
    """Write *units* (:func:`pretranslated_units`) to *path*: ``.po`` as PO (every segment),
    else TMX 1.4b (the translated ones).

    :raises TmError: the file cannot be written.
    """
    translated = [u for u in units if u.target]
    if path.suffix.lower() == ".po":
        write_po(units, path, metadata={"creationdate": creationdate}, language="en")
    else:
        write_tmx(translated, path, creationdate=creationdate)
    full = sum(1 for u in translated if not u.flag)
    return Pretranslated(len(units), len(translated), full)
