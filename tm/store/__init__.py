"""The TM store: translation units kept for lookup, concordance and analysis, two engines.

One small interface (:class:`Store`), two engines behind it: SQLite (:mod:`tm.store.sqlite`, a
file, the project's default ``tm.sqlite``) for one machine and PostgreSQL
(:mod:`tm.store.postgresql`, ``postgresql://…``) for a team sharing one TM. :func:`open_store`
picks the engine from ``--db``. Both hold the same schema (version :data:`SCHEMA_VERSION`,
``docs/architecture.md`` "The TM store"), and the same contract tests run against both
(``tests/tm/store/``).

What a store holds: the files imported (name, SHA-256, when), and each unit of each file in its
file's order with everything TMX said of it (:mod:`tm.store.codec`) and the keys lookups search:

- ``source_key``, ``target_key``: :func:`corpus.normalize.matching_key` of each side (letter
  variants, ZWNJs, spaces, digits folded): a 100% match is a unit whose ``source_key`` is the
  segment's; concordance searches them for a substring (a trigram index);
- ``words``: the source's word keys (:func:`tm.fuzzy.keys`), and ``length``, their count: the
  fuzzy candidates come from a word index whose terms are each word with its unit's length
  bucket (:func:`length_bucket`: ``word#bucket``), so the units holding a word within a length
  window are read straight from the index, none of another length;
- ``previous``: the ``source_key`` of the unit before it in the same file and document, for
  context matches.

A file imported again unchanged (same SHA-256) is left as it is; a changed one has its units
replaced, in one transaction: an error leaves the store as it was.
"""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import ClassVar, NamedTuple

from corpus.normalize import matching_key
from tm.errors import TmError
from tm.fuzzy import keys
from tm.store.codec import decode, encode
from tm.unit import TranslationUnit

SCHEMA_VERSION = 2
DEFAULT_NAME = "tm.sqlite"  # the project's store, at its root
POSTGRESQL = ("postgresql://", "postgres://")
EXACT_LENGTHS = 16  # lengths below this have a bucket each
LAST_OCTAVE = 40  # lengths of 2**41 words and more share the last bucket


def length_bucket(length: int) -> int:
    """The length bucket of a unit of *length* words, what the word index keys each word
    with: the length itself below :data:`EXACT_LENGTHS`, then eight buckets for each
    doubling (each about 9% wider than the one before), never decreasing with the length.

    >>> [length_bucket(n) for n in (3, 15, 16, 17, 31, 32, 40, 64)]
    [3, 15, 16, 16, 23, 24, 26, 32]
    """
    if length < EXACT_LENGTHS:
        return max(length, 0)
    octave = min(length.bit_length() - 1, LAST_OCTAVE + 1)
    if octave > LAST_OCTAVE:
        return 8 * octave - 16
    return 8 * octave - 16 + ((length - (1 << octave)) >> (octave - 3))


def bucket_sql(column: str) -> str:
    """:func:`length_bucket` of the integer *column* as a SQL expression (SQLite and
    PostgreSQL alike: ``CASE``, ``<<`` and ``>>``)."""
    arms = [f"WHEN {column} < {EXACT_LENGTHS} THEN {column}"]
    for octave in range(EXACT_LENGTHS.bit_length() - 1, LAST_OCTAVE + 1):
        arms.append(
            f"WHEN {column} < {1 << (octave + 1)} THEN "
            f"{8 * octave - 16} + (({column} - {1 << octave}) >> {octave - 3})"
        )
    return f"(CASE {' '.join(arms)} ELSE {8 * (LAST_OCTAVE + 1) - 16} END)"


def bucket_terms(words: Iterable[str], lengths: tuple[int, int]) -> list[str]:
    """The word index's terms for *words* in units of *lengths* words (inclusive): each
    word with each bucket the window touches."""
    low, high = length_bucket(lengths[0]), length_bucket(lengths[1])
    return [f"{word}#{bucket}" for word in words for bucket in range(low, high + 1)]


@dataclass(frozen=True)
class StoredUnit:
    """A unit as the store holds it.

    :param id: its row id (stable until its file is imported again changed).
    :param file: the name of the file it was imported from.
    :param position: its place in that file, from 0.
    :param data: the unit as the store holds it (:mod:`tm.store.codec`; :attr:`unit` reads it).
    :param previous: the ``source_key`` of the unit before it in its file and document.
    :param words: its source's word keys (:func:`tm.fuzzy.keys`).
    """

    id: int
    file: str
    position: int
    data: str
    previous: str
    words: tuple[str, ...]

    @cached_property
    def unit(self) -> TranslationUnit:
        """The unit, with all its metadata (decoded when first asked for)."""
        return decode(self.data)


class Near(NamedTuple):
    """A fuzzy candidate as :meth:`Store.near` finds it (its text not read).

    :param id: its row id.
    :param hits: the summed weights of the word groups its source holds a word of.
    :param length: its source's length in words.
    :param words: its source's word keys (:func:`tm.fuzzy.keys`), space-separated.
    """

    id: int
    hits: int
    length: int
    words: str


@dataclass(frozen=True)
class Imported:
    """What importing one file did.

    :param file: the file's name in the store.
    :param units: its units in the store now.
    :param replaced: the units it had before (0 for a new file).
    :param unchanged: the file was imported before with the same SHA-256: nothing was done.
    """

    file: str
    units: int
    replaced: int
    unchanged: bool


@dataclass(frozen=True)
class FileStats:
    """One imported file: name, units, SHA-256 and when it was imported (ISO 8601, UTC)."""

    name: str
    units: int
    sha256: str
    imported: str


@dataclass(frozen=True)
class Stats:
    """What a store holds: the engine, its schema version, units, words, documents, files."""

    engine: str
    schema: int
    units: int
    source_words: int
    documents: int
    files: tuple[FileStats, ...]


@dataclass(frozen=True)
class Row:
    """The columns of one unit's row, computed the same way for every engine."""

    position: int
    document: str
    source_key: str
    target_key: str
    words: tuple[str, ...]
    previous: str
    data: str

    @classmethod
    def of(cls, units: Iterable[TranslationUnit]) -> Iterator[Row]:
        """The rows of a file's *units*, in order (``previous`` from the unit before it in
        the same document)."""
        last: dict[str, str] = {}
        for position, unit in enumerate(units):
            key = matching_key(unit.source)
            yield cls(
                position,
                unit.document,
                key,
                matching_key(unit.target),
                tuple(keys(unit.source)),
                last.get(unit.document, ""),
                encode(unit),
            )
            last[unit.document] = key


COLUMNS = "u.id, u.file, u.position, u.data, u.previous, u.words"  # what stored_unit reads


class Store(ABC):
    """A TM store (one engine). Use it as a context manager, or call :meth:`close`.

    What is the same SQL on both engines lives here, written with ``?`` placeholders
    (:meth:`_execute`); an engine gives its connection's primitives, its schema
    (:attr:`migrations`) and the queries that use its own indexes.
    """

    engine = ""
    name = ""  # the store as messages name it (a path, a URL without its password)
    migrations: ClassVar[dict[int, tuple[str, ...]]] = {}  # version → what makes it
    weighs_in_sql = True  # near weighs others in SQL (a cost a word), else in Python (none)
    _depth = 0  # atomic blocks open
    _changed = 0  # units added or removed in the open atomic block

    @abstractmethod
    def _execute(self, sql: str, values: Sequence = ()) -> Iterable[Sequence]:
        """Run *sql* (``?`` placeholders) with *values*; return its rows."""

    @abstractmethod
    def _execute_many(self, sql: str, rows: Iterable[Sequence]) -> None:
        """Run *sql* (``?`` placeholders) once for each of *rows*."""

    @abstractmethod
    def _tables(self) -> set[str]:
        """The names of the database's tables."""

    @abstractmethod
    def _transaction(self) -> AbstractContextManager:
        """A transaction for a ``with`` block: committed at its end, rolled back on any
        exception (Ctrl-C too); PostgreSQL also locks ``files`` so imports serialize."""

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """One transaction for a ``with`` block and every change made in it (imports of
        several files): committed at its end, rolled back on any exception (Ctrl-C too),
        which leaves the store as it was. Inside another ``atomic`` block it is part of that
        block's transaction."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._changed = 0
        with self._transaction():
            self._depth = 1
            try:
                yield
            finally:
                self._depth = 0
        if self._changed:
            self._committed(self._changed)

    @abstractmethod
    def _committed(self, changed: int) -> None:
        """After a transaction that added or removed *changed* units is committed: what the
        engine's indexes need then."""

    @abstractmethod
    def _insert(self, file: str, rows: Iterable[Row]) -> tuple[int, Counter[str]]:
        """Insert *rows* as units of *file*; return how many, and how many hold each word."""

    def _migrate(self) -> None:
        """Make the schema, or bring it to :data:`SCHEMA_VERSION` (see :attr:`migrations`).

        :raises TmError: a database with tables but no ``meta`` (not a tmkit store), or of a
            newer schema (never changed)."""
        tables = self._tables()
        if tables and "meta" not in tables:
            raise TmError(self.name, f"a {self.engine} database that is not a tmkit TM store")
        version = 0
        if "meta" in tables:
            version = int(
                next(iter(self._execute("SELECT value FROM meta WHERE key = 'schema'")))[0]
            )
        if version > SCHEMA_VERSION:
            raise TmError(
                self.name,
                f"TM store schema {version} is newer than this tmkit's ({SCHEMA_VERSION})",
                hint="upgrade tmkit",
            )
        if version == SCHEMA_VERSION:
            return
        with self._transaction():
            if not version:
                self._execute("CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL)")
                self._execute("INSERT INTO meta VALUES ('schema', '0')")
            for step in range(version + 1, SCHEMA_VERSION + 1):
                for statement in self.migrations[step]:
                    self._execute(statement)
            self._execute("UPDATE meta SET value = ? WHERE key = 'schema'", (str(SCHEMA_VERSION),))

    def digest(self, file: str) -> str | None:
        """The SHA-256 *file* was last imported with, ``None`` when it never was."""
        rows = list(self._execute("SELECT sha256 FROM files WHERE name = ?", (file,)))
        return rows[0][0] if rows else None

    def replace(self, file: str, sha256: str, rows: Iterable[Row]) -> tuple[int, int]:
        """Replace the units of *file* by *rows* in one transaction (:meth:`atomic`: the
        caller's, when it has one); return ``(units now, units before)``. An exception
        leaves the store as it was."""
        with self.atomic():
            old: Counter[str] = Counter()
            old_lengths: Counter[int] = Counter()
            before = 0
            for words, length in self._execute(
                "SELECT words, length FROM units WHERE file = ?", (file,)
            ):
                old.update(set(_word_list(words)))
                old_lengths[length_bucket(length)] += 1
                before += 1
            self._execute("DELETE FROM units WHERE file = ?", (file,))
            now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            self._execute(
                "INSERT INTO files SELECT ?, ?, ?, coalesce(max(position), -1) + 1 FROM files "
                "WHERE true ON CONFLICT (name) DO UPDATE SET sha256 = excluded.sha256, "
                "imported = excluded.imported",
                (file, sha256, now),
            )
            lengths: Counter[int] = Counter()

            def counted(rows: Iterable[Row]) -> Iterator[Row]:
                for row in rows:
                    lengths[length_bucket(len(row.words))] += 1
                    yield row

            count, change = self._insert(file, counted(rows))
            change.subtract(old)
            lengths.subtract(old_lengths)
            for table, key, counts in (("word_counts", "word", change),
                                       ("length_counts", "bucket", lengths)):  # fmt: skip
                self._execute_many(
                    f"INSERT INTO {table} VALUES (?, ?) ON CONFLICT ({key}) DO UPDATE SET "
                    f"units = {table}.units + excluded.units",
                    [(item, delta) for item, delta in counts.items() if delta],
                )
                self._execute(f"DELETE FROM {table} WHERE units <= 0")
            if not count:
                self._execute("DELETE FROM files WHERE name = ?", (file,))
            self._changed += count + before
        return count, before

    def window_units(self, lengths: tuple[int, int]) -> tuple[int, int]:
        """``(units in the window, units)``: how many units have a length bucket the length
        window *lengths* touches, and how many there are."""
        low, high = length_bucket(lengths[0]), length_bucket(lengths[1])
        ((inside, total),) = list(
            self._execute(
                "SELECT coalesce(sum(CASE WHEN bucket BETWEEN ? AND ? THEN units END), 0), "
                "coalesce(sum(units), 0) FROM length_counts",
                (low, high),
            )
        )
        return int(inside), int(total)

    def stats(self) -> Stats:
        """What the store holds (:class:`Stats`)."""
        files = tuple(
            FileStats(name, units, sha256, imported)
            for name, units, sha256, imported in self._execute(
                "SELECT f.name, (SELECT count(*) FROM units u WHERE u.file = f.name), f.sha256, "
                "f.imported FROM files f ORDER BY f.position"
            )
        )
        ((units, words, documents),) = list(
            self._execute(
                "SELECT count(*), coalesce(sum(length), 0), count(DISTINCT nullif(document, '')) "
                "FROM units"
            )
        )
        return Stats(self.engine, SCHEMA_VERSION, units, int(words), documents, files)

    def by_ids(self, ids: Sequence[int]) -> list[StoredUnit]:
        """The units of these row *ids* (any order; an id no unit has is left out)."""
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = self._execute(f"SELECT {COLUMNS} FROM units u WHERE u.id IN ({marks})", ids)
        return [stored_unit(row) for row in rows]

    def with_source_key(self, key: str) -> list[StoredUnit]:
        """The units whose ``source_key`` is *key*: the 100% candidates."""
        rows = self._execute(f"SELECT {COLUMNS} FROM units u WHERE u.source_key = ?", (key,))
        return [stored_unit(row) for row in rows]

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @abstractmethod
    def close(self) -> None:
        """Close the connection."""

    @abstractmethod
    def stored(self, file: str | None = None) -> Iterator[StoredUnit]:
        """Every unit (of *file* only, when given), file by file in import order, each file's
        in its order."""

    @abstractmethod
    def frequencies(self, words: Sequence[str]) -> dict[str, int]:
        """How many units' sources hold each of *words* (word keys); a word none holds is
        left out."""

    @abstractmethod
    def near(
        self,
        groups: Sequence[tuple[Sequence[str], int]],
        others: Sequence[tuple[Sequence[str], int]],
        lengths: tuple[int, int],
        least: int,
        limit: int,
    ) -> list[Near]:
        """The fuzzy candidates: the units whose length in words is within *lengths*
        (inclusive) and whose source holds words of *groups* and *others* weighing *least*
        or more in all, with their word keys (their text is not read: :meth:`by_ids` reads it).

        :param groups: ``(word keys, weight)``: a unit holding any word of a group has its
            weight added to its :attr:`Near.hits` (once a group); the units are found
            through the word index by these.
        :param others: groups weighed the same way on each unit the index found (its row
            read), not looked up in the index.
        :param least: the least :attr:`Near.hits` a unit found has (1 or more).
        :param limit: the most units returned: the highest hits first (then the newest).
        """

    @abstractmethod
    def containing(self, key: str, side: str, limit: int) -> list[StoredUnit]:
        """Up to *limit* units whose ``source_key`` (*side* ``fa``) or ``target_key``
        (``en``) contains *key*: the concordance candidates."""

    def import_file(self, path: Path, name: str, units: Iterable[TranslationUnit]) -> Imported:
        """Import *units*, read from the file *path*, under *name*: nothing when the file's
        SHA-256 is the one last imported under *name*, else its units replace the old ones.

        :param units: the file's units, read lazily (not read when the file is unchanged); an
            error while reading them leaves the store as it was.
        :raises TmError: *path* cannot be read.
        """
        sha256 = file_digest(path)
        if self.digest(name) == sha256:
            count = self.stats_of(name)
            return Imported(name, count, 0, True)
        now, before = self.replace(name, sha256, Row.of(units))
        return Imported(name, now, before, False)

    def stats_of(self, file: str) -> int:
        """How many units *file* has in the store."""
        return next((f.units for f in self.stats().files if f.name == file), 0)

    def units(self, file: str | None = None) -> Iterator[TranslationUnit]:
        """The units (:meth:`stored`) without their store data."""
        return (stored.unit for stored in self.stored(file))


def file_digest(path: Path) -> str:
    """The SHA-256 of the file *path* (hex).

    :raises TmError: it cannot be read.
    """
    digest = hashlib.sha256()
    try:
        with Path(path).open("rb") as stream:
            while chunk := stream.read(1 << 20):
                digest.update(chunk)
    except OSError as err:
        raise TmError(str(path), f"cannot read ({err.strerror})") from err
    return digest.hexdigest()


def file_name(path: Path, root: Path | None) -> str:
    """The name a file is imported under: its path relative to the project *root* (POSIX)
    when inside it, so ``tmkit build`` and ``tmkit tm import out/tm.fa-en.tmx`` name it
    alike, else its absolute path."""
    path = Path(path).resolve()
    if root is not None and path.is_relative_to(root.resolve()):
        return path.relative_to(root.resolve()).as_posix()
    return str(path)


def _word_list(words: str | Sequence[str]) -> Sequence[str]:
    """A row's ``words``: space-separated (SQLite) or a list (PostgreSQL)."""
    return words.split() if isinstance(words, str) else words


def stored_unit(row: Sequence) -> StoredUnit:
    """A :class:`StoredUnit` from a row ``(id, file, position, data, previous, words)``, the
    words space-separated or a list."""
    return StoredUnit(row[0], row[1], row[2], row[3], row[4], tuple(_word_list(row[5])))


def open_store(db: str | Path) -> Store:
    """Open (and make, or migrate to :data:`SCHEMA_VERSION`) the store *db*: a
    ``postgresql://`` URL (needs the ``postgresql`` extra, psycopg) or a SQLite file path.

    :raises TmError: the database cannot be opened, is not a tmkit store, or has a newer
        schema than this tmkit knows.
    """
    if str(db).startswith(POSTGRESQL):
        from tm.store.postgresql import PostgresStore

        return PostgresStore(str(db))
    from tm.store.sqlite import SqliteStore

    return SqliteStore(Path(db))
