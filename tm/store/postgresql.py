"""The PostgreSQL engine of the TM store: one TM shared by a team (``--db postgresql://…``).

The same schema as :mod:`tm.store.sqlite` (version 2; :data:`MIGRATIONS`), with PostgreSQL's
indexes in place of SQLite's FTS5 tables:

- ``units.words`` is a ``text[]`` of the source's word keys; a GIN index over
  ``tmkit_terms(words, length)``, each word with the unit's length bucket (``word#bucket``,
  :func:`tm.store.length_bucket`), finds the fuzzy candidates within a length window: a unit
  holding words weighing ``least`` holds one of each part of them that weighs more than it
  may lack, so one index scan ANDs an ``&&`` a part (:func:`_must_hold`) and reads only the
  rows holding a word of every part, whose words are read (``words`` is kept in the row,
  ``STORAGE MAIN``: no TOAST read) and weighed here;
- ``units.source_key`` and ``target_key`` have pg_trgm GIN indexes (``gin_trgm_ops``), which
  answer concordance's ``LIKE '%…%'`` (the extension is made if missing: PostgreSQL 13 and
  later let a database owner make it);
- ``source_key`` has a hash index (a B-tree entry cannot hold a long segment's key).

The connection turns JIT compilation off (a lookup's queries are small: compiling one costs
more than it saves). An import takes a lock on ``files`` for its transaction, so two team
members importing at once are serialized; an error rolls the whole import back (every file of
it). Uses psycopg 3 (the ``postgresql`` extra);
the server's database must be in UTF-8 (what pg_trgm needs to read Persian letters as word
characters, with a UTF-8 locale such as ``C.UTF-8``).
"""

from __future__ import annotations

import heapq
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import reduce
from operator import or_

from tm.errors import TmError
from tm.store import COLUMNS, Near, Row, Store, StoredUnit, bucket_sql, bucket_terms, stored_unit

MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        "CREATE TABLE files (name text PRIMARY KEY, sha256 text NOT NULL, "
        "imported text NOT NULL, position bigint NOT NULL)",
        "CREATE TABLE units (id bigserial PRIMARY KEY, file text NOT NULL REFERENCES files(name), "
        "position integer NOT NULL, document text NOT NULL, source_key text NOT NULL, "
        "target_key text NOT NULL, words text[] NOT NULL, length integer NOT NULL, "
        "previous text NOT NULL, data text NOT NULL)",
        "CREATE UNIQUE INDEX units_place ON units(file, position)",
        "CREATE INDEX units_source_key ON units USING hash (source_key)",
        "CREATE INDEX units_words ON units USING gin (words)",
        "CREATE INDEX units_source_trigrams ON units USING gin (source_key gin_trgm_ops)",
        "CREATE INDEX units_target_trigrams ON units USING gin (target_key gin_trgm_ops)",
        "CREATE TABLE word_counts (word text PRIMARY KEY, units bigint NOT NULL)",
    ),
    2: (  # the word index's terms carry the unit's length bucket
        "CREATE FUNCTION tmkit_terms(words text[], length integer) RETURNS text[] "
        "LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT array(SELECT w || '#' || "
        f"({bucket_sql('length')})::text FROM unnest(words) AS w) $$",
        "DROP INDEX units_words",
        "CREATE INDEX units_terms ON units USING gin (tmkit_terms(words, length))",
        # kept in the row (compressed) rather than out of line: a candidate's words are
        # read with its row, no TOAST read
        "ALTER TABLE units ALTER COLUMN words SET STORAGE MAIN",
        "CREATE TABLE length_counts (bucket integer PRIMARY KEY, units bigint NOT NULL)",
        f"INSERT INTO length_counts SELECT {bucket_sql('length')}, count(*) FROM units GROUP BY 1",
    ),
}
GIN_INDEXES = ("units_terms", "units_source_trigrams", "units_target_trigrams")
INDEXED = 8  # the others (the cheapest first) looked up in the index with the groups
PARTS = 12  # parts of the words looked up that a unit must hold one of each (_must_hold)
_cursors = itertools.count()
_PASSWORD = re.compile(r"(://[^:/@]*:)[^@]*@")


class PostgresStore(Store):
    """The store in the PostgreSQL database *url* (its tables made when missing).

    :raises TmError: the server cannot be reached, the database is not a tmkit store (tables of
        its own but no ``meta``), or has a newer schema; psycopg is not installed.
    """

    engine = "postgresql"
    migrations = MIGRATIONS
    weighs_in_sql = False

    def __init__(self, url: str) -> None:
        self.name = _PASSWORD.sub(r"\1***@", url)  # never a password in a message
        try:
            import psycopg
        except ImportError as err:
            raise TmError(
                self.name, "psycopg is not installed", hint="pip install 'tmkit[postgresql]'"
            ) from err
        try:
            self.db = psycopg.connect(url, autocommit=True)
            # lookups are many small queries: compiling one (JIT) costs more than it saves
            self.db.execute("SET jit = off")
        except psycopg.Error as err:
            first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
            raise TmError(self.name, f"cannot connect ({first})") from err
        self._migrate()

    def _execute(self, sql: str, values: Sequence = ()):
        return self.db.execute(sql.replace("?", "%s"), values)

    def _execute_many(self, sql: str, rows: Iterable[Sequence]) -> None:
        with self.db.cursor() as cursor:
            cursor.executemany(sql.replace("?", "%s"), rows)

    def _tables(self) -> set[str]:
        rows = self.db.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
        )
        return {row[0] for row in rows}

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        with self.db.transaction():
            if "files" in self._tables():  # not while the schema is being made
                self.db.execute("LOCK TABLE files IN SHARE ROW EXCLUSIVE MODE")
            yield

    def close(self) -> None:
        self.db.close()

    def _committed(self, changed: int) -> None:
        """Move the entries an import left in the GIN indexes' pending lists (``fastupdate``)
        into the indexes, which every lookup would otherwise read through (tens of ms after
        a large import, until autovacuum came; the tables' owner only); and after a change
        of a tenth of the units or more, ``ANALYZE`` them, as autovacuum would a minute later,
        so the next lookups are planned on what the table now holds."""
        import psycopg

        for index in GIN_INDEXES:
            try:
                self.db.execute("SELECT gin_clean_pending_list(%s::regclass)", (index,))
            except psycopg.errors.InsufficientPrivilege:
                break  # not the tables' owner: autovacuum will

        (units,) = next(  # as the last ANALYZE counted them (-1: never)
            iter(self.db.execute("SELECT reltuples FROM pg_class WHERE oid = 'units'::regclass"))
        )
        if changed * 10 >= units:
            self.db.execute("ANALYZE units")

    def _insert(self, file: str, rows: Iterable[Row]) -> tuple[int, Counter[str]]:
        words: Counter[str] = Counter()
        count = 0
        with (
            self.db.cursor() as cursor,
            cursor.copy(
                "COPY units (file, position, document, source_key, target_key, words, length, "
                "previous, data) FROM STDIN"
            ) as copy,
        ):
            for row in rows:
                words.update(set(row.words))
                copy.write_row(
                    (file, row.position, row.document, row.source_key, row.target_key,
                     list(row.words), len(row.words), row.previous, row.data)
                )  # fmt: skip
                count += 1
        return count, words

    def stored(self, file: str | None = None) -> Iterator[StoredUnit]:
        where, values = ("WHERE u.file = %s", (file,)) if file is not None else ("", ())
        # server side, held outside a transaction: streamed, not all in memory
        cursor = self.db.cursor(name=f"stored_{next(_cursors)}", withhold=True)
        cursor.execute(
            f"SELECT {COLUMNS} FROM units u JOIN files f ON f.name = u.file {where} "
            "ORDER BY f.position, u.position",
            values,
        )
        return _closing(cursor)

    def frequencies(self, words: Sequence[str]) -> dict[str, int]:
        cursor = self.db.execute(
            "SELECT word, units FROM word_counts WHERE word = ANY(%s)", (list(words),)
        )
        return dict(cursor)

    def near(
        self,
        groups: Sequence[tuple[Sequence[str], int]],
        others: Sequence[tuple[Sequence[str], int]],
        lengths: tuple[int, int],
        least: int,
        limit: int,
    ) -> list[Near]:
        if not groups:
            return []
        weighed = [*groups, *others]
        # the groups and the cheapest others are looked up in the index (it reads no row): a
        # unit weighing least holds of them least less what the others after them weigh
        indexed = weighed[: len(groups) + INDEXED]
        parts = _must_hold(indexed, max(least - sum(w for _, w in weighed[len(indexed) :]), 1))
        held = " AND ".join("tmkit_terms(u.words, u.length) && %s::text[]" for _ in parts)
        terms = [[term for words, _ in part for term in bucket_terms(words, lengths)]
                 for part in parts]  # fmt: skip
        sql = (
            "SELECT u.id, u.length, array_to_string(u.words, ' ') FROM units u "
            f"WHERE {held} AND u.length BETWEEN %s AND %s"
        )
        # weighed here: a CASE a group in SQL read (decompressed) the row's array each time,
        # two thirds of the statement's time. Each group owns as many bits as it weighs, so a
        # unit's hits are the bits set in the union of its words' groups' bits.
        bits: dict[str, int] = {}
        offset = 0
        for words, weight in weighed:
            for word in words:
                bits[word] = bits.get(word, 0) | ((1 << weight) - 1) << offset
            offset += weight
        wanted = frozenset(bits)

        def weighed_rows(rows: Iterable[tuple[int, int, str]]) -> Iterator[Near]:
            for id_, length, words in rows:
                held = reduce(or_, map(bits.__getitem__, wanted.intersection(words.split())), 0)
                if (hits := held.bit_count()) >= least:
                    yield Near(id_, hits, length, words)

        # streamed (libpq's single-row mode: one round trip), the best *limit* kept: a segment
        # of common words at a low minimum may find millions of rows, never all held in memory
        with self.db.cursor() as cursor:
            rows = cursor.stream(sql, (*terms, *lengths))
            return heapq.nlargest(limit, weighed_rows(rows), key=lambda c: (c.hits, c.id))

    def containing(self, key: str, side: str, limit: int) -> list[StoredUnit]:
        column = "source_key" if side == "fa" else "target_key"
        pattern = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        cursor = self.db.execute(
            f"SELECT {COLUMNS} FROM units u WHERE u.{column} LIKE %s ORDER BY u.id LIMIT %s",
            (f"%{pattern}%", limit),
        )
        return [stored_unit(row) for row in cursor]


def _must_hold(
    groups: Sequence[tuple[Sequence[str], int]], least: int
) -> list[list[tuple[Sequence[str], int]]]:
    """Parts of *groups* a unit holding words of *groups* weighing *least* or more holds a
    word of each: runs of *groups* (in their order, the cheapest first, round from the last to
    the first) weighing more than such a unit may lack (the weight of *groups* less *least*),
    one from each group on, at most :data:`PARTS`. The GIN index answers them in one scan (a
    term in several parts is read once) and reads only the rows holding a word of every part."""
    spare = sum(weight for _, weight in groups) - least
    if spare < 0 or not groups:
        return [list(groups)]  # no unit holds enough: the query's count says so
    runs: dict[frozenset[int], list] = {}
    for start in range(len(groups)):
        places, weight, end = [], 0, start
        while weight <= spare:  # round the end to the start: the cheapest words again
            places.append(end % len(groups))
            weight += groups[places[-1]][1]
            end += 1
        runs.setdefault(frozenset(places), [groups[place] for place in places])
    parts = list(runs.values())
    return parts[:: max(1, math.ceil(len(parts) / PARTS))]


def _closing(cursor) -> Iterator[StoredUnit]:
    """The rows of a server-side *cursor* as :class:`StoredUnit`, the cursor closed after."""
    with cursor:
        for row in cursor:
            yield stored_unit(row)
