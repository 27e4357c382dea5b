"""Duplicate translation units: collapse identical pairs, report sources translated two ways.

Two units are the same pair when their source language tags are the same, and their target
language tags (as BCP 47 writes them: a fa-IR and a fa-AF unit, or an en-US and an en-GB one,
are variants, kept apart with their own tags), and their source and their target are equal,
text and inline codes alike, after whitespace collapse (runs of spaces, tabs, line breaks and
no-break spaces become one space; ZWNJ is a letter joiner, not a space, and is kept). A
segment's codes are compared as TMX elements (name, attributes and content), so a tagged
``<ph/> files deleted.`` and a literal ``{1} files deleted.`` are two pairs. The pairs
collapse into the first unit seen, whose ``occurrences`` becomes the sum of theirs and whose
TMX metadata takes in the others' (TMX 1.4b ``<tu>`` attributes, and the same for each
``<tuv>``'s: OmegaT dates the tuv):

- ``changedate`` and ``lastusagedate``: the most recent of the duplicates', ``creationdate``
  the earliest (dates are compared as TMX writes them, ``YYYYMMDDThhmmssZ``);
- ``usagecount``: the sum of the duplicates' (a duplicate without one counts 0), written anew
  only when it is not the first unit's own count (``" 7 "`` stays as it was read);
- ``<prop>`` and ``<note>`` elements of the tu and of each tuv: the first unit's, then each
  other one a duplicate has, once;
- ``creationid`` and ``changeid``: each travels with its date, ``creationid`` with the
  ``creationdate`` kept and ``changeid`` with the ``changedate`` kept (a date taken from a
  duplicate without the id leaves none: the first unit's would credit the wrong person);
- every other attribute (``tuid`` …): the first unit's.

The same unit read twice (the same file given twice, under its name or another, a merge output
merged again with one of its inputs) is one occurrence: its ``occurrences`` and ``usagecount``
are the larger of the two reads, not their sum. A unit is the same unit when the pair is the
same (text and codes) and so are who made and changed it when: the ``creationdate``,
``creationid``, ``changedate`` and ``changeid`` of the tu and of each tuv (none and none are the
same), and its ``tuid`` when both reads have one. A tu without ``tuid`` (Trados, memoQ and
OmegaT write none) has no other name: the file's name is not the unit's, and the name a reader
gives it for messages is never written (:attr:`TranslationUnit.tuid_made`). ``usagecount`` and
``lastusagedate`` grow as a unit is used: a later export of the same unit is the same unit. A
merge writes a unit read without dates without them (it is not new, so it gets no date of the
run), so merging that output again with the input counts it once; two units of one pair that
have no tuid and no dates are one unit for the same reason (nothing tells them apart). A merge
(``list_absorbed``) writes a unit that duplicates collapsed into with the units it stands for
(:attr:`TranslationUnit.absorbed`, ``<prop type="x-merged-units">``): reading it again, or any
of its units, or another merge's output sharing some, counts each of them once.

Units with the same source (in the same source language tag) and different targets in the
same language tag are a :class:`Conflict` (an en-US and an en-GB translation are variants,
never a conflict, and so are the translations of a fa-IR and a fa-AF source), handled as the
policy says (``on_conflict``): ``keep-all`` writes every target (a translator should pick
one), ``first`` only the first one read, ``newest`` only the one with the most recent
``changedate`` of its tu and tuvs (else their latest ``creationdate``; an undated unit, without
either, is older than any dated one, ties go to the first read). Every conflict is reported,
with the units the policy left out.

Deduplication reads its units once: each pair's first unit is written to a temporary file
(:class:`_Spool`, pickled; kept in memory when the units are a sequence, which is in memory
already) and what its later duplicates bring is gathered; then
the first units are read back from that file, in the order read, each with what its duplicates
brought. Memory is one dictionary entry per distinct source (a 16-byte BLAKE2b hash of it, and
of its first pair with the place of that pair's unit in the file) and one per pair that is not
its source's first (a conflict's), never the units themselves, plus the texts of the conflicting
pairs and the metadata of the later duplicates.
"""

from __future__ import annotations

import hashlib
import pickle
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from corpus.languages import canonical_language, primary_language
from tm.errors import TmError, TmxError
from tm.tmx import (
    OWN_HEADER,
    BadTu,
    SkippedTu,
    TmxHeader,
    read_header,
    read_tmx,
    usage_count,
    write_tmx,
)
from tm.unit import Absorbed, Annotation, Content, TranslationUnit, Tuv, is_empty

UnitSource = Callable[[], Iterable[TranslationUnit]]
_OFFSET = 8  # bytes of a first unit's place in the spool, after its pair's 16-byte key
ON_CONFLICT = ("keep-all", "newest", "first")  # what to write of one source's several targets
SHOWN = 5  # the renamed tuids a warning names, then "and N more"


@dataclass(frozen=True)
class Conflict:
    """One source with several targets: ``targets[i]`` is in the unit ``tuids[i]``;
    ``dropped``: the tuids the conflict policy left out (none under ``keep-all``)."""

    source: str
    targets: tuple[str, ...]
    tuids: tuple[str, ...]
    dropped: tuple[str, ...] = ()


@dataclass(frozen=True)
class DedupeSummary:
    """What a :class:`Deduplication` did: units in and out, pairs collapsed, conflicts and the
    units the conflict policy left out."""

    units_read: int
    units_written: int
    duplicates_collapsed: int
    conflicts: tuple[Conflict, ...]
    conflicts_dropped: int = 0


@dataclass(frozen=True)
class MergeReport:
    """What :func:`merge_tmx` did; ``empty_dropped``: units with an empty source or target
    (nothing but whitespace and invisible characters, no code: :func:`is_empty`), which are not
    written, ``empty_tuids`` their tuids in the order read; ``source_languages`` and
    ``target_languages``: the language tags of the units written, in the order first read
    (``("en-US", "en-GB")`` for a mix of English variants); ``header_srclang``: the header's
    ``srclang`` (the source tag most units read have), ``own_srclang``: how many tu were
    written with a ``srclang`` of their own, another tag; ``renamed``: ``(file, tuid, new
    tuid)`` of each unit written under a new tuid, because a unit written before had its own
    (:func:`merge_tmx`), in the order written; ``skipped``: the tu without both languages
    (``tu_skipped`` of them), in the order read; ``bad``: with ``skip_bad``, the tu tmkit refused
    (:class:`tm.tmx.BadTu`), left out."""

    units_read: int
    units_written: int
    duplicates_collapsed: int
    conflicts: tuple[Conflict, ...]
    tu_skipped: int
    empty_dropped: int = 0
    empty_tuids: tuple[str, ...] = ()
    conflicts_dropped: int = 0
    source_languages: tuple[str, ...] = ()
    target_languages: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()  # ``path[:line]: warning`` lines, in the order found
    header_srclang: str = ""
    own_srclang: int = 0
    renamed: tuple[tuple[str, str, str], ...] = ()
    skipped: tuple[SkippedTu, ...] = ()
    bad: tuple[BadTu, ...] = ()  # with skip_bad: the tu refused and left out, in the order read


def collapse_whitespace(text: str) -> str:
    """Return *text* with each run of whitespace as one space and none at either end.

    >>> collapse_whitespace(" سیاست‌های  نفتی\\nدر قفقاز ")
    'سیاست\\u200cهای نفتی در قفقاز'
    """
    return " ".join(text.split())


LEVELS = ("tu", "source", "target")  # where TMX puts dates and counts: the tu and each tuv


def _level(unit: TranslationUnit, level: str) -> dict[str, str]:
    """The attributes of *unit*'s tu, source tuv or target tuv."""
    if level == "tu":
        return dict(unit.attributes)
    return dict((unit.source_tuv if level == "source" else unit.target_tuv).attributes)


_SAME_UNIT = ("creationdate", "creationid", "changedate", "changeid")  # of the tu and each tuv


def _identity(unit: TranslationUnit) -> tuple[bytes | None, bytes]:
    """What tells two reads of one pair apart as two units, as digests: its tuid (``None`` when
    the tu had none: a name the reader made, :attr:`TranslationUnit.tuid_made`, says nothing)
    and who created and changed it when (the tu's and each tuv's ``creationdate``,
    ``creationid``, ``changedate`` and ``changeid``; not ``usagecount`` or ``lastusagedate``,
    which grow as the unit is used), and which of its file's records with all these the same
    it is (:attr:`TranslationUnit.repeat`)."""
    levels = [_level(unit, level) for level in LEVELS]
    made = tuple(attributes.get(name) for attributes in levels for name in _SAME_UNIT)
    repeat = f"#{unit.repeat}" if unit.repeat else ""  # the n-th such record of its file
    return (None if unit.tuid_made else _digest(unit.tuid)), _digest(repr(made) + repeat)


@dataclass
class _Seen:
    """One unit of a pair, however many times it is read (the same file twice, a merge output
    with one of its inputs): its identity and the largest counts read."""

    tuid: bytes | None
    made: bytes
    occurrences: int
    usagecounts: tuple[int | None, int | None, int | None]  # of the tu, source tuv, target tuv

    @classmethod
    def of(cls, unit: TranslationUnit) -> list[_Seen]:
        """The units *unit* stands for: itself, or those a merge collapsed into it
        (:attr:`TranslationUnit.absorbed`). A merged unit used since (a count above the sum of
        its units') has used its first unit, which it carries the tuid of: the first takes
        what its units' counts do not hold (never below 0, or 1 occurrence)."""
        counts = tuple(
            usage_count(value) if (value := _level(unit, level).get("usagecount")) else None
            for level in LEVELS
        )
        if not unit.absorbed:
            return [cls(*_identity(unit), unit.occurrences, counts)]  # type: ignore[arg-type]
        seen = [cls(a.tuid, a.made, a.occurrences, a.usagecounts) for a in unit.absorbed]
        first, rest = seen[0], seen[1:]
        first.occurrences = max(1, unit.occurrences - sum(s.occurrences for s in rest))
        first.usagecounts = tuple(  # type: ignore[assignment]
            own if count is None else max(0, count - sum(s.usagecounts[n] or 0 for s in rest))
            for n, (own, count) in enumerate(zip(first.usagecounts, counts, strict=True))
        )
        return seen

    def same(self, other: _Seen) -> bool:
        """Whether *other* is this unit read again: the same dates and ids, and the same tuid
        when both reads have one (a tu without tuid has no other name, whatever its file)."""
        return other.made == self.made and (
            other.tuid is None or self.tuid is None or other.tuid == self.tuid
        )

    def absorbed(self) -> Absorbed:
        """This unit as a merged unit lists it (:attr:`TranslationUnit.absorbed`)."""
        return Absorbed(self.made, self.tuid, self.usagecounts, self.occurrences)

    def take(self, other: _Seen) -> None:
        """Another read of this unit: the larger of each count, not their sum."""
        self.occurrences = max(self.occurrences, other.occurrences)
        self.usagecounts = tuple(  # type: ignore[assignment]
            a if b is None else b if a is None else max(a, b)
            for a, b in zip(self.usagecounts, other.usagecounts, strict=True)
        )


@dataclass
class _Later:
    """What the later duplicates of a pair bring to its first unit (see the module)."""

    seen: list[_Seen]  # the distinct units of the pair, the first one first
    # (level, name) -> (date, the id of who made it, or None): ids travel with their dates
    dates: dict[tuple[str, str], tuple[str, str | None]] = field(default_factory=dict)
    annotations: dict[str, dict[Annotation, None]] = field(
        default_factory=lambda: {level: {} for level in LEVELS}
    )

    def add(self, unit: TranslationUnit) -> None:
        for seen in _Seen.of(unit):
            same = next((s for s in self.seen if s.same(seen)), None)
            if same is None:
                self.seen.append(seen)
            else:
                same.take(seen)
        for level in LEVELS:
            attributes = _level(unit, level)
            for name, pick in _DATES:
                value = attributes.get(name)
                old = self.dates.get((level, name))
                if value and (old is None or _better(pick, value, old[0])):
                    self.dates[(level, name)] = (value, attributes.get(_IDS.get(name, "")))
        for level, notes in (
            ("tu", unit.annotations),
            ("source", unit.source_tuv.annotations),
            ("target", unit.target_tuv.annotations),
        ):
            self.annotations[level].update(dict.fromkeys(notes))

    @property
    def occurrences(self) -> int:
        return sum(seen.occurrences for seen in self.seen)

    def merged(self, unit: TranslationUnit, list_absorbed: bool) -> TranslationUnit:
        """*unit*, the pair's first, with what its duplicates bring (see the module); with
        *list_absorbed*, with the units it stands for (:attr:`TranslationUnit.absorbed`)."""
        merged: dict[str, dict[str, str]] = {}
        for index, level in enumerate(LEVELS):
            attributes = _level(unit, level)
            for name, pick in _DATES:
                later = self.dates.get((level, name))
                first = attributes.get(name)
                if later is None or (first and not _better(pick, later[0], first)):
                    continue
                value, who = later
                attributes[name] = value
                if name in _IDS:
                    if who is None:
                        attributes.pop(_IDS[name], None)
                    else:
                        attributes[_IDS[name]] = who
            counts = [seen.usagecounts[index] for seen in self.seen]
            total = sum(count or 0 for count in counts)
            own = attributes.get("usagecount")
            if any(count is not None for count in counts) and (
                own is None or usage_count(own) != total
            ):
                attributes["usagecount"] = str(total)  # else the first's, as it was written
            merged[level] = attributes
        absorbed = tuple(seen.absorbed() for seen in self.seen)
        return replace(
            unit,
            occurrences=self.occurrences,
            absorbed=absorbed if list_absorbed and len(absorbed) > 1 else unit.absorbed,
            attributes=tuple(merged["tu"].items()),
            annotations=_union(unit.annotations, self.annotations["tu"]),
            source_tuv=_with(unit.source_tuv, merged["source"], self.annotations["source"]),
            target_tuv=_with(unit.target_tuv, merged["target"], self.annotations["target"]),
        )


_DATES = (("creationdate", min), ("changedate", max), ("lastusagedate", max))
_IDS = {"creationdate": "creationid", "changedate": "changeid"}  # who made the date


def _better(pick, value: str, than: str) -> bool:
    """True when *pick* (``min`` or ``max``) prefers *value* strictly to *than*."""
    return value != than and pick(value, than) == value


def _union(first: tuple[Annotation, ...], later: dict[Annotation, None]) -> tuple[Annotation, ...]:
    return tuple(dict.fromkeys((*first, *later)))


def _with(tuv: Tuv, attributes: dict[str, str], later: dict[Annotation, None]) -> Tuv:
    merged = tuple(attributes.items())
    if merged == tuv.attributes and not later:
        return tuv
    return replace(tuv, attributes=merged, annotations=_union(tuv.annotations, later))


def _date(unit: TranslationUnit) -> str:
    """When *unit* was last changed: the latest changedate of its tu and tuvs (OmegaT dates
    the tuv), else their latest creationdate, else ``""``."""
    for name in ("changedate", "creationdate"):
        dates = [_level(unit, level).get(name) or "" for level in LEVELS]
        if any(dates):
            return max(dates)
    return ""


class Deduplication:
    """Iterate over the units of *units* with duplicate pairs collapsed (see the module).

    Iterating reads the units, then yields the pairs (see the module); afterwards
    :attr:`summary` says what was done. Each iteration starts over.

    :param units: called once for each iteration, returning the units.
    :param on_conflict: ``keep-all`` (default), ``first`` or ``newest`` (see the module).
    :param list_absorbed: a unit that duplicates collapsed into lists the units it stands for
        (:attr:`TranslationUnit.absorbed`), so that a merge of the output with one of its inputs
        counts each once (``tmkit merge``); False (an export's new units, read nowhere else)
        lists none.
    :raises ValueError: an *on_conflict* that is none of :data:`ON_CONFLICT`.

    Example::

        deduplication = Deduplication(lambda: read_tmx("memory.tmx"), on_conflict="newest")
        unique = list(deduplication)
        for conflict in deduplication.summary.conflicts:
            print(conflict.source, conflict.targets, conflict.dropped)
    """

    def __init__(
        self, units: UnitSource, on_conflict: str = "keep-all", *, list_absorbed: bool = False
    ) -> None:
        if on_conflict not in ON_CONFLICT:
            raise ValueError(f"on_conflict {on_conflict!r} is not one of {ON_CONFLICT}")
        self._units = units
        self._policy = on_conflict
        self._list_absorbed = list_absorbed
        self.summary: DedupeSummary | None = None

    def __iter__(self) -> Iterator[TranslationUnit]:
        # source key -> its first pair's key and that pair's first unit's place in the spool
        firsts: dict[bytes, bytes] = {}
        others: dict[bytes, int] = {}  # pair key -> its first unit's place: a source's 2nd… pair
        later: dict[bytes, _Later] = {}  # pair key -> what its later duplicates bring
        chosen: dict[bytes, tuple[str, bytes]] = {}  # source key -> (date, pair) the policy keeps
        conflicting: set[bytes] = set()  # source keys seen with two or more pairs
        read = 0
        units = self._units()
        with _Kept() if isinstance(units, Sequence) else _Spool() as spool:
            for unit in units:
                source, pair = _keys(unit)
                read += 1
                first = firsts.get(source)
                if first is None:
                    firsts[source] = pair + spool.add((source, pair, unit)).to_bytes(_OFFSET)
                elif first[:-_OFFSET] == pair or pair in others:
                    place = others.get(pair, int.from_bytes(first[-_OFFSET:]))
                    if pair not in later:
                        later[pair] = _Later(_Seen.of(spool.get(place)[2]))
                    later[pair].add(unit)
                else:
                    conflicting.add(source)
                    others[pair] = spool.add((source, pair, unit))
                if self._policy == "newest":
                    date = _date(unit)
                    if source not in chosen or date > chosen[source][0]:
                        chosen[source] = (date, pair)
            if self._policy == "first":
                chosen = {source: ("", firsts[source][:-_OFFSET]) for source in conflicting}
            del firsts, others

            conflicts: dict[bytes, tuple[str, list[str], list[str], list[str]]] = {}
            written = dropped = 0
            for source, pair, unit in spool:
                if source in conflicting:
                    entry = conflicts.setdefault(source, (unit.source, [], [], []))
                    entry[1].append(unit.target)
                    entry[2].append(unit.tuid)
                    if self._policy != "keep-all" and chosen[source][1] != pair:
                        entry[3].append(unit.tuid)
                        dropped += 1
                        continue
                written += 1
                yield later.pop(pair).merged(unit, self._list_absorbed) if pair in later else unit
        self.summary = DedupeSummary(
            units_read=read,
            units_written=written,
            duplicates_collapsed=read - written - dropped,
            conflicts=tuple(
                Conflict(text, tuple(targets), tuple(tuids), tuple(left_out))
                for text, targets, tuids, left_out in conflicts.values()
            ),
            conflicts_dropped=dropped,
        )


class _Kept(list):
    """The first units of a sequence of units, which is in memory already: kept as they are
    (the interface of :class:`_Spool`)."""

    def __enter__(self) -> _Kept:
        return self

    def __exit__(self, *exc: object) -> None:
        self.clear()

    def add(self, value: object) -> int:
        """Append *value*; return its place, for :meth:`get`."""
        self.append(value)
        return len(self) - 1

    def get(self, place: int) -> object:
        """The value added at *place*."""
        return self[place]


class _Spool:
    """A temporary file of values (pickled) in ``TMPDIR``, appended one at a time and read back
    in order, or one by its place; removed when closed (a context manager).

    :raises TmError: the file cannot be made or written (a full disk …), naming the folder."""

    def __init__(self) -> None:
        try:
            self._file = tempfile.TemporaryFile()  # noqa: SIM115 (closed by __exit__)
        except OSError as err:
            raise _cannot_spool(err) from err
        self._end = 0
        self._at_end = True  # no seek before the next add (a seek flushes the buffer)

    def __enter__(self) -> _Spool:
        return self

    def __exit__(self, *exc: object) -> None:
        self._file.close()

    def add(self, value: object) -> int:
        """Append *value*; return its place, for :meth:`get`."""
        place = self._end
        if not self._at_end:
            self._file.seek(place)
            self._at_end = True
        try:
            self._end += self._file.write(pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
        except OSError as err:
            raise _cannot_spool(err) from err
        return place

    def get(self, place: int) -> object:
        """The value added at *place*."""
        self._at_end = False
        try:
            self._file.seek(place)  # flushes what is buffered
        except OSError as err:
            raise _cannot_spool(err) from err
        return pickle.load(self._file)

    def __iter__(self) -> Iterator:
        """The values in the order added (nothing may be added meanwhile).

        :raises TmError: what was added cannot be written out (a full disk)."""
        self._at_end = False
        try:
            self._file.seek(0)  # flushes what is buffered
        except OSError as err:
            raise _cannot_spool(err) from err
        while self._file.tell() < self._end:
            yield pickle.load(self._file)


def _cannot_spool(err: OSError) -> TmError:
    return TmError(
        tempfile.gettempdir(),
        f"cannot write a temporary file ({err.strerror})",
        hint="a merge keeps each pair's first unit there until every input is read: set "
        "TMPDIR to a folder with room",
    )


def merge_tmx(
    paths: Sequence[Path],
    output: Path,
    *,
    srclang: str | None = None,
    tgtlang: str | None = None,
    creationdate: str,
    on_conflict: str = "keep-all",
    stream: BinaryIO | None = None,
    skip_bad: bool = False,
) -> MergeReport:
    """Read TMX files (tmkit's or another tool's) and write one deduplicated TMX 1.4b file.

    The files are read once, as a stream: each pair's first unit is kept in a temporary file
    until every file is read (:class:`Deduplication`), never the units in memory.
    The output is TMX 1.4b as :func:`tm.tmx.write_tmx` writes it, and keeps what the inputs say
    about each unit: inline codes, tu and tuv attributes (dates, ids, ``usagecount`` …),
    ``<prop>`` and ``<note>`` elements. Duplicates merge their metadata and conflicts follow
    *on_conflict* (see the module). Each unit keeps its own language tags, written as BCP 47
    (:func:`corpus.languages.canonical_language`: ``fa_IR`` → ``fa-IR``, ``pes`` → ``fa``), so
    en-US and en-GB units merge and stay what they are (``target_languages`` says which there are);
    the header's ``srclang`` is the source tag most units read have (the first read of a tie),
    and a tu whose source tuv has another tag (a ``fa`` tu among ``fa-IR`` ones) is written with
    its own ``srclang``, which TMX 1.4b lets override the header's (``own_srclang`` counts
    them; a tu's own ``srclang`` read is written as its source tuv's tag, a warning naming it
    when that is another tag, but ``*all*``); the rest of the header is the inputs' as far as
    they agree (:func:`merged_header`: one input's header is kept whole, but for tmkit's
    ``creationtool`` and ``creationtoolversion``), else tmkit's (``datatype="plaintext"`` …).
    Of a multilingual tu (``srclang="*all*"``) the
    source and target languages are read. No two tu written have one tuid: a unit whose tuid
    a unit written before has (a tuid repeated across files, or the en-GB unit of a tu with an
    en-US one) gets ``#2``, ``#3`` …, the first that no unit read has (an input's own ``x#2``
    keeps its tuid), and each rename is reported (``renamed``, and one warning a file with
    their count). A tu without both languages is skipped and counted; a file none of whose
    tu has *tgtlang* (but that has *srclang*) is a warning when another file has it, an error
    when none has; a unit whose source or
    target is empty (:func:`is_empty`) is not written and counted, and is never a second
    translation.

    :param srclang: the source language, matched by :func:`tm.tmx.read_tmx` (``fa`` matches
        ``fa-IR``, ``fa_AF``, ``pes`` …), every file read in that direction. Without it the
        pair is ``fa`` and *tgtlang* and each file says its direction (``either_way`` of
        :func:`tm.tmx.read_tmx`): an en→fa TMX (header ``srclang="en-US"``, or a tu's own
        ``srclang``) is merged as en→fa, its units keyed by their English source, so its
        conflicts are one English source's Persian translations; when files or tu of both
        directions are merged, a warning for each file counts its units of each direction.
    :param tgtlang: the target language, matched the same way; default ``en``.
    :param creationdate: the output header's ``creationdate`` (``YYYYMMDDThhmmssZ``); a unit
        is written with the dates it was read with, none when it had none (units read from a
        file are not new: they get no date of the run, so a re-merge knows them).
    :param on_conflict: ``keep-all`` (default), ``first`` or ``newest``.
    :param stream: write the TMX to this binary stream as it goes (standard output) instead of
        to *output*, which then only names it in messages (:func:`tm.tmx.write_tmx`); every
        input is read through once before the first byte is written.
    :param skip_bad: leave out a tu tmkit refuses (``on_bad`` of :func:`tm.tmx.read_tmx`)
        and go on, listing it in ``bad``, instead of stopping at it.
    :raises TmxError: an input cannot be read, has tu but none with both languages (naming the
        languages it has), or the output cannot be written; *output* is then left as it was.

    Example::

        report = merge_tmx([Path("a.tmx"), Path("b.tmx")], Path("merged.tmx"),
                           creationdate="20240101T000000Z", on_conflict="newest")
        print(report.units_written, report.duplicates_collapsed, len(report.conflicts))
    """
    either_way = srclang is None  # each file's srclang (or a tu's) says its direction
    srclang, tgtlang = srclang or "fa", tgtlang or "en"
    directions: dict[str, Counter[str]] = {}  # file: its units' directions (fa→en …), counted
    empty = 0
    skipped_tus: list[SkippedTu] = []
    bad: list[BadTu] = []
    empty_tuids: list[str] = []
    languages: tuple[dict[str, None], dict[str, None]] = ({}, {})  # source and target tags
    sources: Counter[str] = Counter()  # the source tags of the units read
    tuids: set[bytes] = set()  # every tuid read with a # (x#2): a new tuid is none of them
    warnings: dict[str, None] = {}  # path[:line]: warning, each once

    def units() -> Iterator[TranslationUnit]:
        nonlocal empty
        lacking: list[tuple[Path, set[str]]] = []  # files with the source but not the target
        total = 0
        for path in paths:
            found: list[SkippedTu] = []
            read = 0
            records: set[bytes] = set()  # the file's records (pair, dates, ids), as digests
            repeats: Counter[bytes] = Counter()  # those read again in the file: how often
            for unit in read_tmx(
                path,
                srclang=srclang,
                tgtlang=tgtlang,
                on_skip=found.append,
                on_warning=warnings.setdefault,
                either_way=either_way,
                on_bad=bad.append if skip_bad else None,  # a bad tu stops it, or is left out
                origin=str(path),
            ):
                read += 1
                if is_empty(unit):
                    empty += 1
                    empty_tuids.append(unit.tuid)
                    continue
                tags = canonical_language(unit.srclang), canonical_language(unit.tgtlang)
                if tags != (unit.srclang, unit.tgtlang):
                    unit = replace(unit, srclang=tags[0], tgtlang=tags[1])
                record = _digest(repr((_keys(unit)[1], _identity(unit))))  # the file's own
                if record in records:
                    repeats[record] += 1
                    unit = replace(unit, repeat=repeats[record])
                records.add(record)
                languages[0][unit.srclang] = languages[1][unit.tgtlang] = None
                sources[unit.srclang] += 1
                direction = f"{primary_language(unit.srclang)}→{primary_language(unit.tgtlang)}"
                directions.setdefault(str(path), Counter())[direction] += 1
                if "#" in unit.tuid and not unit.tuid_made:  # what a renamed tuid could be
                    tuids.add(_digest(unit.tuid))
                yield unit
            skipped_tus.extend(found)
            total += read
            if found and not read:
                tags = {canonical_language(tag) for tu in found for tag in tu.languages}
                if any(_same_language(srclang, tag) for tag in tags):
                    lacking.append((path, tags))  # an error only if no file has the target
                    continue
                raise _no_pairs(path, srclang, tgtlang, tags)
        if lacking and not total:
            raise _no_pairs(lacking[0][0], srclang, tgtlang, lacking[0][1])
        for path, tags in lacking:
            warnings[f"{path}: no tu has a segment in {tgtlang} (languages: "
                     f"{', '.join(sorted(tags))}); its tu are skipped"] = None  # fmt: skip

    headers = [
        _valid_udes(path, read_header(path, lambda m: warnings.setdefault(m)), warnings)
        for path in paths
    ]
    kept = merged_header(headers)
    deduplication = Deduplication(units, on_conflict, list_absorbed=True)
    unique = iter(deduplication)
    first = next(unique, None)  # the first pass is over: every source tag and tuid is known
    header = sources.most_common(1)[0][0] if sources else canonical_language(srclang)
    if len({d for counts in directions.values() for d in counts}) > 1:
        for path, counts in directions.items():
            read = ", ".join(f"{n} {direction}" for direction, n in counts.items())
            warnings[f"{path}: units read {read} (as its header's srclang, or a tu's own, "
                     "says): TMs of both directions merged, each unit keeping its direction "
                     "and srclang, never a duplicate or conflict of the other direction's "
                     "(give --srclang to read every file one way)"] = None  # fmt: skip
    renamed: list[tuple[str, str, str]] = []
    own = 0  # the tu written with a srclang of their own

    def rename(unit: TranslationUnit, new: str) -> None:
        renamed.append((unit.origin, unit.tuid, new))

    def declare(unit: TranslationUnit, said: str | None) -> None:
        nonlocal own
        own += unit.srclang != header
        if said is not None and canonical_language(said) != unit.srclang:
            warnings[f"{unit.origin}: tu {unit.tuid!r}: srclang {said!r} written as "
                     f"{unit.srclang!r} (its source tuv's tag)"] = None  # fmt: skip

    written = write_tmx(
        _declared_sources(
            _unique_tuids(chain(() if first is None else (first,), unique), tuids, rename),
            header,
            declare,
        ),
        output,
        srclang=header,
        creationdate=creationdate,
        header=kept,
        date_units=False,
        stream=stream,
    )
    summary = deduplication.summary
    if summary is None:
        raise RuntimeError("write_tmx returned before the last unit")
    for path in dict.fromkeys(path for path, _, _ in renamed):
        pairs = [f"{old!r} → {new!r}" for where, old, new in renamed if where == path]
        more = f" and {len(pairs) - SHOWN} more" if len(pairs) > SHOWN else ""
        warnings[f"{path}: {len(pairs)} tu renamed, their tuid already written (a tuid is one "
                 f"tu's): {', '.join(pairs[:SHOWN])}{more}"] = None  # fmt: skip
    return MergeReport(
        units_read=summary.units_read + empty,
        units_written=written,
        duplicates_collapsed=summary.duplicates_collapsed,
        conflicts=summary.conflicts,
        tu_skipped=len(skipped_tus),
        skipped=tuple(skipped_tus),
        bad=tuple(bad),
        empty_dropped=empty,
        empty_tuids=tuple(empty_tuids),
        conflicts_dropped=summary.conflicts_dropped,
        source_languages=tuple(languages[0]),
        target_languages=tuple(languages[1]),
        warnings=tuple(warnings),
        header_srclang=header,
        own_srclang=own,
        renamed=tuple(renamed),
    )


BUILD_SIGNATURE = "x-signature"  # the header prop of tmkit build's signature (tm.build)


def _valid_udes(path: Path, header: TmxHeader, warnings: dict[str, None]) -> TmxHeader:
    """*header* without what would make the merge's header invalid under the TMX 1.4b DTD, each
    left out with a warning naming it: a ``<map>`` without its required ``unicode`` (or, in a
    ``<ude>`` without ``base``, with a ``code``: TMX 1.4b needs the base for it), a ``<ude>``
    without its required ``name``, and a ``<ude>`` left with no ``<map>`` (it needs one)."""
    udes = []
    for ude in header.udes:
        attributes = dict(ude.attributes)
        name = attributes.get("name", "")
        if not name:
            warnings[f"{path}: a <ude> without the name TMX 1.4b requires; left out of "
                     "the header"] = None  # fmt: skip
            continue
        maps = []
        for found in ude.maps:
            mapped = dict(found)
            what = " ".join(f"{key}={value!r}" for key, value in found) or "(no attributes)"
            if not mapped.get("unicode"):
                reason = "has no unicode attribute, which TMX 1.4b requires"
            elif "code" in mapped and "base" not in attributes:
                reason = "has a code but its <ude> has no base, which TMX 1.4b then requires"
            else:
                maps.append(found)
                continue
            warnings[f"{path}: <map {what}> of <ude name={name!r}> {reason}; left out of "
                     "the header"] = None  # fmt: skip
        if not maps:
            how = "has no <map> left" if ude.maps else "has no <map>"
            warnings[f"{path}: <ude name={name!r}> {how} (it maps nothing, and TMX 1.4b "
                     "needs one); left out of the header"] = None  # fmt: skip
            continue
        udes.append(replace(ude, maps=tuple(maps)))
    return replace(header, udes=tuple(udes))


def merged_header(headers: Sequence[TmxHeader]) -> TmxHeader:
    """The header a merge of files with *headers* keeps: the attributes they all agree on (all
    of one file's; ``creationtool``, ``creationtoolversion`` and ``srclang`` are the output's
    own), every distinct prop and note of each, in order, but a build's signature (``<prop
    type="x-signature">``, :data:`BUILD_SIGNATURE`: the inputs and versions of that build, which
    do not describe the merge), and each ``<ude>`` once by name (the
    first file's); a ``<ude>`` without ``<map>`` maps nothing and is left out (the TMX 1.4b DTD
    needs at least one; :func:`merge_tmx` warns of it)."""
    if not headers:
        return TmxHeader()
    agreed = [
        (name, value)
        for name, value in headers[0].attributes
        if name not in OWN_HEADER and all(h.get(name) == value for h in headers[1:])
    ]
    annotations = dict.fromkeys(
        a
        for h in headers
        for a in h.annotations
        if not (a.element == "prop" and dict(a.attributes).get("type") == BUILD_SIGNATURE)
    )
    udes = {}
    for header in headers:
        for ude in (u for u in header.udes if u.maps):
            udes.setdefault(dict(ude.attributes).get("name"), ude)
    return TmxHeader(tuple(agreed), tuple(annotations), tuple(udes.values()))


def _no_pairs(path: Path, srclang: str, tgtlang: str, tags: set[str]) -> TmxError:
    return TmxError(
        str(path),
        f"no tu has segments in both {srclang} and {tgtlang} "
        f"(languages: {', '.join(sorted(tags)) or 'none'})",
        hint="give --srclang and --tgtlang for the languages it has",
    )


def _same_language(wanted: str, found: str) -> bool:
    """Whether *found* is in *wanted*'s language (``fa-IR`` and ``pes`` are ``fa``)."""
    return primary_language(wanted) == primary_language(found)


def _unique_tuids(
    units: Iterable[TranslationUnit],
    taken: set[bytes],
    renamed: Callable[[TranslationUnit, str], None],
) -> Iterator[TranslationUnit]:
    """*units*, no two with one tuid: a unit keeps its own tuid unless a unit before it had it;
    then it gets ``tuid#2``, ``#3`` …, the first that no unit before it has and none read has
    (*taken*: the digests of the tuids read that have a ``#``, as every such name has, so an
    input's own ``x#2`` is never taken from it), lists itself as read
    (:attr:`TranslationUnit.absorbed`: a re-merge with its input knows it), and *renamed* is
    told (the unit, its new tuid)."""
    used: set[bytes] = set()
    for unit in units:
        if unit.tuid_made:  # written without a tuid: it takes none
            yield unit
            continue
        tuid, number = unit.tuid, 1
        key = _digest(tuid)
        while key in used or (number > 1 and key in taken):
            number += 1
            tuid = f"{unit.tuid}#{number}"
            key = _digest(tuid)
        used.add(key)
        if tuid == unit.tuid:
            yield unit
            continue
        renamed(unit, tuid)
        # it lists itself under the tuid read, so a re-merge with its input knows it
        absorbed = unit.absorbed or tuple(seen.absorbed() for seen in _Seen.of(unit))
        yield replace(unit, tuid=tuid, absorbed=absorbed)


def _declared_sources(
    units: Iterable[TranslationUnit],
    header: str,
    declared: Callable[[TranslationUnit, str | None], None],
) -> Iterator[TranslationUnit]:
    """*units*, each whose source tag is not the header's ``srclang`` (*header*) with a
    ``srclang`` of its own, as TMX 1.4b lets a tu override the header's: its tag. A tu that
    had a ``srclang`` says its source tuv's tag as written (``fa_IR`` → ``fa-IR``), but
    ``*all*``, which is kept. *declared* is told of each unit written with one and of the
    value it had (``None`` for none)."""
    for unit in units:
        said = unit.get("srclang")
        if (said or "").casefold() == "*all*" or (said is None and unit.srclang == header):
            yield unit
            continue
        declared(unit, said)
        attributes = {**dict(unit.attributes), "srclang": unit.srclang}
        yield unit if said == unit.srclang else replace(unit, attributes=tuple(attributes.items()))


def _keys(unit: TranslationUnit) -> tuple[bytes, bytes]:
    """The source's key and the pair's key (collapsed texts with their codes, hashed), both
    with the source's and the target's language tags: en-US and en-GB units are never
    duplicates or conflicts, nor are fa-IR, fa-AF and fa units (each keeps its own tag); and
    with the unit's context (:attr:`TranslationUnit.context`): a translation bound to a
    context is never a duplicate of, or in conflict with, the default one or another context's.
    The last unit's keys are kept (a merge asks for each unit's twice: its file's record, then
    the deduplication)."""
    last, keys = _last_keys[0]  # one read of both: another thread may replace them
    if last is unit:
        return keys
    languages = "\0".join(canonical_language(t).casefold() for t in (unit.srclang, unit.tgtlang))
    languages += f"\0{len(unit.context)}:{unit.context}"
    source = collapse_whitespace(_marked(unit.source_tuv.content) or unit.source)
    target = collapse_whitespace(_marked(unit.target_tuv.content) or unit.target)
    keys = (
        _digest(f"{languages}\0{source}"),
        _digest(f"{languages}\0{len(source)}:{source}{target}"),
    )
    _last_keys[0] = unit, keys
    return keys


_last_keys: list = [(None, (b"", b""))]  # the unit _keys was last asked for, and its keys


def _marked(content: Content) -> str:
    """*content* as one string, each inline element between characters XML text cannot hold
    (so that no text reads as a code): name, attributes in name order, content."""
    return "".join(
        part
        if isinstance(part, str)
        else f"\0{part.element} {sorted(part.attributes)!r}\1{_marked(part.content)}\2"
        for part in content
    )


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
