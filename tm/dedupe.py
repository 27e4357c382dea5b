"""Duplicate translation units: collapse identical pairs, report sources translated two ways.

Two units are the same pair when their source and their target are equal after whitespace
collapse (runs of spaces, tabs, line breaks and no-break spaces become one space; ZWNJ is a
letter joiner, not a space, and is kept). The pairs collapse into the first unit seen, whose
``occurrences`` becomes the sum of theirs. Units with the same source and different targets are
all kept and reported as a :class:`Conflict`: a translator should pick one.

Deduplication runs in two passes over a re-iterable source of units (a callable returning a fresh
iterator, e.g. one that reads the TMX files again): the first counts occurrences by a 16-byte
BLAKE2b hash of each pair, the second yields each pair once with its count. Memory is one
dictionary entry per distinct pair and per distinct source, never the units themselves, plus the
texts of the conflicting pairs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from tm.errors import TmError
from tm.tmx import SkippedTu, read_tmx, write_tmx
from tm.unit import TranslationUnit

UnitSource = Callable[[], Iterable[TranslationUnit]]


@dataclass(frozen=True)
class Conflict:
    """One source with several targets: ``targets[i]`` is in the unit ``tuids[i]``."""

    source: str
    targets: tuple[str, ...]
    tuids: tuple[str, ...]


@dataclass(frozen=True)
class DedupeSummary:
    """What a :class:`Deduplication` did: units in and out, pairs collapsed, conflicts."""

    units_read: int
    units_written: int
    duplicates_collapsed: int
    conflicts: tuple[Conflict, ...]


@dataclass(frozen=True)
class MergeReport:
    """What :func:`merge_tmx` did."""

    units_read: int
    units_written: int
    duplicates_collapsed: int
    conflicts: tuple[Conflict, ...]
    tu_skipped: int


def collapse_whitespace(text: str) -> str:
    """Return *text* with each run of whitespace as one space and none at either end.

    >>> collapse_whitespace(" سیاست‌های  نفتی\\nدر قفقاز ")
    'سیاست\\u200cهای نفتی در قفقاز'
    """
    return " ".join(text.split())


class Deduplication:
    """Iterate over the units of *units* with duplicate pairs collapsed (see the module).

    Iterating runs both passes; afterwards :attr:`summary` says what was done. Each iteration
    starts over.

    :param units: called twice, each call returning the same units afresh.
    :raises TmError: during iteration, when the second pass meets a pair the first did not.

    Example::

        deduplication = Deduplication(lambda: read_tmx("memory.tmx"))
        unique = list(deduplication)
        for conflict in deduplication.summary.conflicts:
            print(conflict.source, conflict.targets)
    """

    def __init__(self, units: UnitSource) -> None:
        self._units = units
        self.summary: DedupeSummary | None = None

    def __iter__(self) -> Iterator[TranslationUnit]:
        occurrences: dict[bytes, int] = {}  # pair key -> sum of occurrences
        first_pair: dict[bytes, bytes] = {}  # source key -> the first pair key seen with it
        conflicting: set[bytes] = set()  # source keys seen with two or more pairs
        read = 0
        for unit in self._units():
            source, pair = _keys(unit)
            read += 1
            occurrences[pair] = occurrences.get(pair, 0) + unit.occurrences
            if first_pair.setdefault(source, pair) != pair:
                conflicting.add(source)
        del first_pair

        conflicts: dict[bytes, tuple[str, list[str], list[str]]] = {}
        written = 0
        for unit in self._units():
            source, pair = _keys(unit)
            total = occurrences.get(pair)
            if total is None:
                raise TmError(
                    "<units>",
                    f"unit {unit.tuid!r} was not there in the first pass",
                    hint="the input changed while it was read; do not edit it during a merge",
                )
            if total == 0:
                continue  # the pair is written already
            occurrences[pair] = 0
            if source in conflicting:
                entry = conflicts.setdefault(source, (unit.source, [], []))
                entry[1].append(unit.target)
                entry[2].append(unit.tuid)
            written += 1
            yield unit if total == unit.occurrences else replace(unit, occurrences=total)
        self.summary = DedupeSummary(
            units_read=read,
            units_written=written,
            duplicates_collapsed=read - written,
            conflicts=tuple(
                Conflict(text, tuple(targets), tuple(tuids))
                for text, targets, tuids in conflicts.values()
            ),
        )


def merge_tmx(
    paths: Sequence[Path],
    output: Path,
    *,
    srclang: str | None = None,
    tgtlang: str | None = None,
    creationdate: str,
) -> MergeReport:
    """Read TMX files (tmkit's or another tool's) and write one deduplicated TMX 1.4b file.

    The files are streamed twice (once to count pairs, once to write) rather than held in memory.
    The output is normalized: TMX 1.4b as :func:`tm.tmx.write_tmx` writes it, inline codes as
    placeholders, every unit in the same two language tags written in canonical case
    (``fa-IR``), a tuid repeated across files made unique with ``#2``, ``#3`` … A tu without both
    languages is skipped and counted.

    :param srclang: the source language; default the first file's (see :func:`tm.tmx.read_tmx`).
    :param tgtlang: the target language; default the first other language of the first file.
    :param creationdate: the output's ``creationdate`` (``YYYYMMDDThhmmssZ``).
    :raises TmxError: an input cannot be read or the output cannot be written; *output* is then
        left as it was.

    Example::

        report = merge_tmx([Path("a.tmx"), Path("b.tmx")], Path("merged.tmx"),
                           creationdate="20240101T000000Z")
        print(report.units_written, report.duplicates_collapsed, len(report.conflicts))
    """
    srclang, tgtlang = _languages(paths, srclang, tgtlang)
    skipped = 0

    def count_skip(_: SkippedTu) -> None:
        nonlocal skipped
        skipped += 1

    passes = 0

    def units() -> Iterator[TranslationUnit]:
        nonlocal passes
        passes += 1
        on_skip = count_skip if passes == 1 else None
        for path in paths:
            for unit in read_tmx(path, srclang=srclang, tgtlang=tgtlang, on_skip=on_skip):
                yield replace(unit, srclang=srclang, tgtlang=tgtlang)

    deduplication = Deduplication(units)
    written = write_tmx(
        _unique_tuids(deduplication), output, srclang=srclang, creationdate=creationdate
    )
    summary = deduplication.summary
    if summary is None:
        raise RuntimeError("write_tmx returned before the last unit")
    return MergeReport(
        units_read=summary.units_read,
        units_written=written,
        duplicates_collapsed=summary.duplicates_collapsed,
        conflicts=summary.conflicts,
        tu_skipped=skipped,
    )


def canonical_language(tag: str) -> str:
    """Return a BCP 47 tag in its canonical case: language lower, script title, region upper.

    >>> canonical_language("FA-ir"), canonical_language("zh-hant-tw"), canonical_language("EN")
    ('fa-IR', 'zh-Hant-TW', 'en')
    """
    parts = tag.split("-")
    canonical = [parts[0].lower()]
    extension = False  # after a singleton (x-, u-, t-) every subtag is lower case
    for part in parts[1:]:
        extension = extension or len(part) == 1
        if extension or len(part) not in (2, 4):
            canonical.append(part.lower())
        else:
            canonical.append(part.upper() if len(part) == 2 else part.title())
    return "-".join(canonical)


def _languages(paths: Sequence[Path], srclang: str | None, tgtlang: str | None) -> tuple[str, str]:
    """Fix both languages before the first pass, so every file is read in the same pair."""
    if srclang is None or tgtlang is None:
        for path in paths:
            units = read_tmx(path, srclang=srclang, tgtlang=tgtlang)
            first = next(iter(units), None)
            units.close()
            if first is not None:
                srclang, tgtlang = srclang or first.srclang, tgtlang or first.tgtlang
                break
    return canonical_language(srclang or "fa-IR"), canonical_language(tgtlang or "en-US")


def _unique_tuids(units: Iterable[TranslationUnit]) -> Iterator[TranslationUnit]:
    seen: set[bytes] = set()
    for unit in units:
        tuid, number = unit.tuid, 1
        while _digest(tuid) in seen:
            number += 1
            tuid = f"{unit.tuid}#{number}"
        seen.add(_digest(tuid))
        yield unit if tuid == unit.tuid else replace(unit, tuid=tuid)


def _keys(unit: TranslationUnit) -> tuple[bytes, bytes]:
    """The source's key and the pair's key (collapsed texts, hashed)."""
    source = collapse_whitespace(unit.source)
    target = collapse_whitespace(unit.target)
    return _digest(source), _digest(f"{len(source)}:{source}{target}")


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
