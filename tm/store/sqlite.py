"""The SQLite engine of the TM store: one file, no server (the project's ``tm.sqlite``).

Schema (version 2; :data:`MIGRATIONS` makes it, one list of statements a version):

- ``meta(key, value)``: ``schema`` → the schema version;
- ``files(name, sha256, imported, position)``: the files imported, in import order;
- ``units(id, file, position, document, source_key, target_key, words, length, previous,
  data)``: one row a unit (see :mod:`tm.store`; ``words`` space-separated, ``data`` the unit as
  JSON, :mod:`tm.store.codec`), indexed on ``(file, position)`` and ``source_key``;
- ``word_counts(word, units)``: how many units' sources hold each word (the rarest words of a
  segment choose the fuzzy candidates);
- ``unit_words``: a contentless FTS5 index of each unit's words keyed with its length bucket
  (``word#bucket``, :func:`tm.store.length_bucket`; schema 2, made from ``units`` by the
  triggers) with the ``unicode61`` tokenizer over tmkit's own word keys, so ZWNJs and letter
  variants never split or separate words as FTS5's tokenizer would on the text; the fuzzy
  candidates are one FTS5 query a word group, their rows counted with ``GROUP BY``;
- ``unit_keys``: an FTS5 ``trigram`` index (external content) of ``source_key`` and
  ``target_key``, for concordance: a substring of three characters or more is found through it
  (SQLite 3.34 or later).

Triggers keep both FTS5 indexes in step with ``units``. A file written by a newer tmkit
(a higher schema) is refused rather than changed.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from tm.errors import TmError
from tm.store import (
    COLUMNS,
    Near,
    Row,
    Store,
    StoredUnit,
    bucket_sql,
    bucket_terms,
    stored_unit,
)


def _bucketed(prefix: str) -> str:
    """The text ``unit_words`` indexes for the row *prefix* (``new``, ``old``, ``units``): each
    word of ``words`` followed by ``#`` and the row's length bucket."""
    bucket = f"'#' || {bucket_sql(f'{prefix}.length')}"
    return (
        f"CASE WHEN {prefix}.words = '' THEN '' ELSE "
        f"replace({prefix}.words, ' ', {bucket} || ' ') || {bucket} END"
    )


MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        "CREATE TABLE files (name TEXT PRIMARY KEY, sha256 TEXT NOT NULL, "
        "imported TEXT NOT NULL, position INTEGER NOT NULL)",
        "CREATE TABLE units (id INTEGER PRIMARY KEY, file TEXT NOT NULL REFERENCES files(name), "
        "position INTEGER NOT NULL, document TEXT NOT NULL, source_key TEXT NOT NULL, "
        "target_key TEXT NOT NULL, words TEXT NOT NULL, length INTEGER NOT NULL, "
        "previous TEXT NOT NULL, data TEXT NOT NULL)",
        "CREATE UNIQUE INDEX units_place ON units(file, position)",
        "CREATE INDEX units_source_key ON units(source_key)",
        "CREATE TABLE word_counts (word TEXT PRIMARY KEY, units INTEGER NOT NULL) WITHOUT ROWID",
        "CREATE VIRTUAL TABLE unit_words USING fts5(words, content='units', content_rowid='id', "
        "tokenize=\"unicode61 remove_diacritics 0 tokenchars '#'\", detail=none)",
        "CREATE VIRTUAL TABLE unit_keys USING fts5(source_key, target_key, content='units', "
        "content_rowid='id', tokenize='trigram', detail=none)",
        "CREATE TRIGGER units_added AFTER INSERT ON units BEGIN "
        "INSERT INTO unit_words(rowid, words) VALUES (new.id, new.words); "
        "INSERT INTO unit_keys(rowid, source_key, target_key) "
        "VALUES (new.id, new.source_key, new.target_key); END",
        "CREATE TRIGGER units_removed AFTER DELETE ON units BEGIN "
        "INSERT INTO unit_words(unit_words, rowid, words) VALUES ('delete', old.id, old.words); "
        "INSERT INTO unit_keys(unit_keys, rowid, source_key, target_key) "
        "VALUES ('delete', old.id, old.source_key, old.target_key); END",
    ),
    2: (  # the word index's terms carry the unit's length bucket; contentless
        "DROP TRIGGER units_added",
        "DROP TRIGGER units_removed",
        "DROP TABLE unit_words",
        "CREATE VIRTUAL TABLE unit_words USING fts5(words, content='', "
        "tokenize=\"unicode61 remove_diacritics 0 tokenchars '#'\", detail=none)",
        "CREATE TRIGGER units_added AFTER INSERT ON units BEGIN "
        f"INSERT INTO unit_words(rowid, words) VALUES (new.id, {_bucketed('new')}); "
        "INSERT INTO unit_keys(rowid, source_key, target_key) "
        "VALUES (new.id, new.source_key, new.target_key); END",
        "CREATE TRIGGER units_removed AFTER DELETE ON units BEGIN "
        "INSERT INTO unit_words(unit_words, rowid, words) "
        f"VALUES ('delete', old.id, {_bucketed('old')}); "
        "INSERT INTO unit_keys(unit_keys, rowid, source_key, target_key) "
        "VALUES ('delete', old.id, old.source_key, old.target_key); END",
        f"INSERT INTO unit_words(rowid, words) SELECT id, {_bucketed('units')} FROM units",
        "CREATE TABLE length_counts (bucket INTEGER PRIMARY KEY, units INTEGER NOT NULL)",
        f"INSERT INTO length_counts SELECT {bucket_sql('length')}, count(*) FROM units GROUP BY 1",
    ),
}
VARIABLES = 30_000  # values a statement at most (SQLite allows 32,766)
COMPOUND = 400  # word groups a compound SELECT at most (SQLite allows 500 terms)
BATCH = 5000  # units inserted a statement
TRIGRAM = 3  # the trigram index finds substrings of this many characters or more


class SqliteStore(Store):
    """The store in the SQLite file *path* (made when missing).

    :raises TmError: *path* is not a SQLite database or not a tmkit store, has a newer schema,
        or cannot be opened.
    """

    engine = "sqlite"
    migrations = MIGRATIONS

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = str(path)
        try:
            if path.parent and not path.parent.is_dir():
                path.parent.mkdir(parents=True)
            self.db = sqlite3.connect(path, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as err:
            raise TmError(str(path), f"not a tmkit TM store ({err})") from err
        except OSError as err:
            raise TmError(str(path), f"cannot open ({err.strerror})") from err

    def _execute(self, sql: str, values: Sequence = ()) -> sqlite3.Cursor:
        return self.db.execute(sql, values)

    def _execute_many(self, sql: str, rows: Iterable[Sequence]) -> None:
        self.db.executemany(sql, rows)

    def _tables(self) -> set[str]:
        return {row[0] for row in self.db.execute("SELECT name FROM sqlite_master")}

    def _transaction(self) -> _Transaction:
        return _Transaction(self.db)

    def close(self) -> None:
        self.db.close()

    def _committed(self, changed: int) -> None:
        """Nothing: FTS5 and SQLite's indexes are whole at each commit."""

    def _insert(self, file: str, rows: Iterable[Row]) -> tuple[int, Counter[str]]:
        words: Counter[str] = Counter()
        count = 0
        batch: list[tuple] = []
        for row in rows:
            words.update(set(row.words))
            batch.append(
                (file, row.position, row.document, row.source_key, row.target_key,
                 " ".join(row.words), len(row.words), row.previous, row.data)
            )  # fmt: skip
            count += 1
            if len(batch) >= BATCH:
                self._insert_batch(batch)
        self._insert_batch(batch)
        return count, words

    def _insert_batch(self, batch: list) -> None:
        self.db.executemany("INSERT INTO units VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?)", batch)
        batch.clear()

    def stored(self, file: str | None = None) -> Iterator[StoredUnit]:
        where, values = ("WHERE u.file = ?", (file,)) if file is not None else ("", ())
        cursor = self.db.execute(
            f"SELECT {COLUMNS} FROM units u JOIN files f ON f.name = u.file {where} "
            "ORDER BY f.position, u.position",
            values,
        )
        return map(stored_unit, cursor)

    def frequencies(self, words: Sequence[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for start in range(0, len(words), VARIABLES):
            chunk = words[start : start + VARIABLES]
            marks = ",".join("?" * len(chunk))
            found.update(
                self.db.execute(
                    f"SELECT word, units FROM word_counts WHERE word IN ({marks})", chunk
                )
            )
        return found

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
        parts: list[str] = []
        values: list = []
        for words, weight in groups:
            terms = " OR ".join(f'"{term}"' for term in bucket_terms(words, lengths))
            parts.append("SELECT rowid AS id, ? AS weight FROM unit_words(?)")
            values += [weight, terms]
        chunks = [
            " UNION ALL ".join(parts[i : i + COMPOUND]) for i in range(0, len(parts), COMPOUND)
        ]
        rows = chunks[0] if len(chunks) == 1 else " UNION ALL ".join(
            f"SELECT * FROM ({chunk})" for chunk in chunks
        )  # fmt: skip
        weighed: list[str] = []  # the others, found in the row's space-separated words
        weights: list = []  # their values, before the index's in the statement
        for words, weight in others:
            held = " OR ".join("instr(' ' || u.words || ' ', ?)" for _ in words)
            weighed.append(f"CASE WHEN {held} THEN ? ELSE 0 END")
            weights += [*(f" {word} " for word in words), weight]
        total = " + ".join(["h.hits", *weighed])
        found = max(least - sum(weight for _, weight in others), 1)  # from the index alone
        cursor = self.db.execute(
            f"SELECT id, hits, length, words FROM (SELECT h.id, {total} AS hits, u.length, u.words "
            f"FROM (SELECT id, sum(weight) AS hits FROM ({rows}) GROUP BY id HAVING hits >= ?) "
            "h JOIN units u ON u.id = h.id WHERE u.length BETWEEN ? AND ?) WHERE hits >= ? "
            "ORDER BY hits DESC, id DESC LIMIT ?",
            (*weights, *values, found, *lengths, least, limit),
        )
        return list(map(Near._make, cursor))

    def containing(self, key: str, side: str, limit: int) -> list[StoredUnit]:
        column = "source_key" if side == "fa" else "target_key"
        if len(key) >= TRIGRAM and not {"%", "_"} & set(key):  # LIKE through the index
            cursor = self.db.execute(
                f"SELECT {COLUMNS} FROM unit_keys JOIN units u ON u.id = unit_keys.rowid "
                f"WHERE unit_keys.{column} LIKE ? ORDER BY u.id LIMIT ?",
                (f"%{key}%", limit),
            )
        else:  # too short for the trigram index, or a wildcard: every unit is read
            cursor = self.db.execute(
                f"SELECT {COLUMNS} FROM units u WHERE instr(u.{column}, ?) ORDER BY u.id LIMIT ?",
                (key, limit),
            )
        return [stored_unit(row) for row in cursor]


class _Transaction:
    """``BEGIN IMMEDIATE`` … ``COMMIT``, or ``ROLLBACK`` on any exception (Ctrl-C too)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind, value, traceback) -> None:
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")
