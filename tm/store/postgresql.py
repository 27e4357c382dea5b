"""The PostgreSQL engine of the TM store: one TM shared by a team (``--db postgresql://…``).

The same schema as :mod:`tm.store.sqlite` (version 1; :data:`MIGRATIONS`), with PostgreSQL's
indexes in place of SQLite's FTS5 tables:

- ``units.words`` is a ``text[]`` of the source's word keys with a GIN index: the fuzzy
  candidates are the units whose words overlap the segment's rarest (``words && …``);
- ``units.source_key`` and ``target_key`` have pg_trgm GIN indexes (``gin_trgm_ops``), which
  answer concordance's ``LIKE '%…%'`` (the extension is made if missing: PostgreSQL 13 and
  later let a database owner make it);
- ``source_key`` has a hash index (a B-tree entry cannot hold a long segment's key).

An import takes a lock on ``files`` for its transaction, so two team members importing at once
are serialized; an error rolls the whole file back. Uses psycopg 3 (the ``postgresql`` extra);
the server's database must be in UTF-8 (what pg_trgm needs to read Persian letters as word
characters, with a UTF-8 locale such as ``C.UTF-8``).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime

from tm.errors import TmError
from tm.store import SCHEMA_VERSION, FileStats, Row, Stats, Store, StoredUnit, stored_unit

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
}
_COLUMNS = "u.id, u.file, u.position, u.data, u.previous"
_cursors = itertools.count()
_PASSWORD = re.compile(r"(://[^:/@]*:)[^@]*@")


class PostgresStore(Store):
    """The store in the PostgreSQL database *url* (its tables made when missing).

    :raises TmError: the server cannot be reached, the database is not a tmkit store (tables of
        its own but no ``meta``), or has a newer schema; psycopg is not installed.
    """

    engine = "postgresql"

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
        except psycopg.Error as err:
            first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
            raise TmError(self.name, f"cannot connect ({first})") from err
        self._migrate()

    def _migrate(self) -> None:
        tables = {
            row[0]
            for row in self.db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
            )
        }
        if tables and "meta" not in tables:
            raise TmError(self.name, "a PostgreSQL database that is not a tmkit TM store")
        version = 0
        if "meta" in tables:
            row = self.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            version = int(row[0])
        if version > SCHEMA_VERSION:
            raise TmError(
                self.name,
                f"TM store schema {version} is newer than this tmkit's ({SCHEMA_VERSION})",
                hint="upgrade tmkit",
            )
        if version == SCHEMA_VERSION:
            return
        with self.db.transaction():
            if not version:
                self.db.execute("CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL)")
                self.db.execute("INSERT INTO meta VALUES ('schema', '0')")
            for step in range(version + 1, SCHEMA_VERSION + 1):
                for statement in MIGRATIONS[step]:
                    self.db.execute(statement)
            self.db.execute(
                "UPDATE meta SET value = %s WHERE key = 'schema'", (str(SCHEMA_VERSION),)
            )

    def close(self) -> None:
        self.db.close()

    def digest(self, file: str) -> str | None:
        row = self.db.execute("SELECT sha256 FROM files WHERE name = %s", (file,)).fetchone()
        return row[0] if row else None

    def replace(self, file: str, sha256: str, rows: Iterable[Row]) -> tuple[int, int]:
        with self.db.transaction(), self.db.cursor() as cursor:
            cursor.execute("LOCK TABLE files IN SHARE ROW EXCLUSIVE MODE")
            old: Counter[str] = Counter()
            before = 0
            for (words,) in cursor.execute("SELECT words FROM units WHERE file = %s", (file,)):
                old.update(set(words))
                before += 1
            cursor.execute("DELETE FROM units WHERE file = %s", (file,))
            now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            cursor.execute(
                "INSERT INTO files SELECT %s, %s, %s, coalesce(max(position), -1) + 1 FROM files "
                "ON CONFLICT (name) DO UPDATE SET sha256 = excluded.sha256, "
                "imported = excluded.imported",
                (file, sha256, now),
            )
            new: Counter[str] = Counter()
            count = 0
            with cursor.copy(
                "COPY units (file, position, document, source_key, target_key, words, length, "
                "previous, data) FROM STDIN"
            ) as copy:
                for row in rows:
                    new.update(set(row.words))
                    copy.write_row(
                        (file, row.position, row.document, row.source_key, row.target_key,
                         list(row.words), len(row.words), row.previous, row.data)
                    )  # fmt: skip
                    count += 1
            change = new.copy()
            change.subtract(old)
            cursor.executemany(
                "INSERT INTO word_counts VALUES (%s, %s) ON CONFLICT (word) DO UPDATE SET "
                "units = word_counts.units + excluded.units",
                [(word, delta) for word, delta in change.items() if delta],
            )
            cursor.execute("DELETE FROM word_counts WHERE units <= 0")
            if not count:
                cursor.execute("DELETE FROM files WHERE name = %s", (file,))
        return count, before

    def stats(self) -> Stats:
        files = tuple(
            FileStats(*row)
            for row in self.db.execute(
                "SELECT f.name, (SELECT count(*) FROM units u WHERE u.file = f.name), f.sha256, "
                "f.imported FROM files f ORDER BY f.position"
            )
        )
        units, words, documents = self.db.execute(
            "SELECT count(*), coalesce(sum(length), 0), count(DISTINCT nullif(document, '')) "
            "FROM units"
        ).fetchone()
        return Stats(self.engine, SCHEMA_VERSION, units, int(words), documents, files)

    def stored(self, file: str | None = None) -> Iterator[StoredUnit]:
        where, values = ("WHERE u.file = %s", (file,)) if file is not None else ("", ())
        # server side, held outside a transaction: streamed, not all in memory
        cursor = self.db.cursor(name=f"stored_{next(_cursors)}", withhold=True)
        cursor.execute(
            f"SELECT {_COLUMNS} FROM units u JOIN files f ON f.name = u.file {where} "
            "ORDER BY f.position, u.position",
            values,
        )
        return _closing(cursor)

    def frequencies(self, words: Sequence[str]) -> dict[str, int]:
        cursor = self.db.execute(
            "SELECT word, units FROM word_counts WHERE word = ANY(%s)", (list(words),)
        )
        return dict(cursor)

    def with_words(
        self, words: Sequence[str], lengths: tuple[int, int], limit: int
    ) -> list[StoredUnit]:
        if not words:
            return []
        cursor = self.db.execute(
            f"SELECT {_COLUMNS} FROM units u WHERE u.words && %s::text[] "
            "AND u.length BETWEEN %s AND %s LIMIT %s",
            (list(words), *lengths, limit),
        )
        return [stored_unit(row) for row in cursor]

    def with_source_key(self, key: str) -> list[StoredUnit]:
        cursor = self.db.execute(f"SELECT {_COLUMNS} FROM units u WHERE u.source_key = %s", (key,))
        return [stored_unit(row) for row in cursor]

    def containing(self, key: str, side: str, limit: int) -> list[StoredUnit]:
        column = "source_key" if side == "fa" else "target_key"
        pattern = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        cursor = self.db.execute(
            f"SELECT {_COLUMNS} FROM units u WHERE u.{column} LIKE %s ORDER BY u.id LIMIT %s",
            (f"%{pattern}%", limit),
        )
        return [stored_unit(row) for row in cursor]


def _closing(cursor) -> Iterator[StoredUnit]:
    """The rows of a server-side *cursor* as :class:`StoredUnit`, the cursor closed after."""
    with cursor:
        for row in cursor:
            yield stored_unit(row)
