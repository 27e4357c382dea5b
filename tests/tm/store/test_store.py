"""The TM store's contract (every engine): import, reimport, export, stats, atomicity."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from tm.errors import TmxError
from tm.store import SCHEMA_VERSION
from tm.store.codec import encode
from tm.tmx import read_tmx

DATA = Path(__file__).parents[2] / "data"
TICO = DATA / "tico19" / "all.en-fa.tmx"
OTHER_TOOLS = [
    "memoq.tmx",
    "trados-context.tmx",
    "trados-no-tuid.tmx",
    "codes-check.tmx",
    "omegat-project-save.tmx",
    "undeclared-attributes.tmx",
    "en-gb.tmx",
]


def _read(path):
    return list(read_tmx(path, srclang="fa", tgtlang="en"))


def _comparable(unit):
    """A unit without what names the file it was read from (never written)."""
    tuid = "" if unit.tuid_made else unit.tuid
    return encode(replace(unit, origin="", tuid=tuid))


def test_import_then_stats_count_every_unit_and_word(store):
    done = store.import_file(TICO, "tico", _read(TICO))
    assert (done.units, done.replaced, done.unchanged) == (3071, 0, False)
    stats = store.stats()
    assert stats.units == 3071 and stats.schema == SCHEMA_VERSION == 2
    assert [(f.name, f.units) for f in stats.files] == [("tico", 3071)]
    from tm.fuzzy import keys

    assert stats.source_words == sum(len(keys(u.source)) for u in _read(TICO))


def test_an_unchanged_file_is_a_no_op_and_a_changed_one_replaces_its_units(store, tmp_path):
    path = tmp_path / "memoq.tmx"
    shutil.copy(DATA / "tmx" / "memoq.tmx", path)
    first = store.import_file(path, "m", _read(path))
    again = store.import_file(path, "m", _read(path))
    assert again.unchanged and again.units == first.units
    ids = [s.id for s in store.stored("m")]
    assert [s.id for s in store.stored("m")] == ids  # nothing rewritten
    old = _read(path)[0].source
    path.write_text(path.read_text(encoding="utf-8").replace(old, old + " جدید"), encoding="utf-8")
    changed = store.import_file(path, "m", _read(path))
    assert (changed.unchanged, changed.replaced, changed.units) == (False, first.units, first.units)
    sources = [u.source for u in store.units("m")]
    assert old + " جدید" in sources and old not in sources


@pytest.mark.parametrize("name", OTHER_TOOLS)
def test_export_gives_back_every_unit_with_its_metadata_and_codes(store, tmp_path, name):
    from tm.tmx import write_tmx

    original = _read(DATA / "tmx" / name)
    store.import_file(DATA / "tmx" / name, name, original)
    out = tmp_path / "out.tmx"
    write_tmx(store.units(), out, creationdate="20240101T000000Z", date_units=False)
    assert [_comparable(u) for u in _read(out)] == [_comparable(u) for u in original]


def test_units_keep_file_order_across_files(store):
    memoq, trados = DATA / "tmx" / "memoq.tmx", DATA / "tmx" / "trados-context.tmx"
    store.import_file(memoq, "a", _read(memoq))
    store.import_file(trados, "b", _read(trados))
    assert [u.tuid for u in store.units()] == [u.tuid for u in _read(memoq) + _read(trados)]
    assert [f.name for f in store.stats().files] == ["a", "b"]


def test_a_bad_file_leaves_the_store_as_it_was(store, tmp_path):
    path = tmp_path / "tm.tmx"
    shutil.copy(DATA / "tmx" / "memoq.tmx", path)
    store.import_file(path, "tm", _read(path))
    before = [encode(u) for u in store.units()]
    shutil.copy(DATA / "tmx" / "malformed.tmx", path)
    with pytest.raises(TmxError, match="not well-formed"):
        store.import_file(path, "tm", read_tmx(path, srclang="fa", tgtlang="en"))
    assert [encode(u) for u in store.units()] == before
    assert store.digest("tm") is not None and store.stats().units == len(before)


def test_context_previous_is_the_unit_before_in_the_same_document(store):
    from corpus.normalize import matching_key

    units = _read(TICO)[:3]
    units = [replace(units[0], document="d1"), replace(units[1], document="d2"),
             replace(units[2], document="d1")]  # fmt: skip
    store.import_file(TICO, "t", units)
    previous = [s.previous for s in store.stored()]
    assert previous == ["", "", matching_key(units[0].source)]


def test_a_schema_1_store_is_migrated_and_looks_up_as_a_new_one(db, monkeypatch, tmp_path):
    """Schema 1 (the word index without length buckets, no length counts) opened by this
    tmkit becomes schema 2 in place, and finds what a store made at schema 2 finds."""
    import tm.store
    from tm.lookup import lookup
    from tm.store import Row, open_store

    units = _read(TICO)[:400]
    with monkeypatch.context() as patched:
        patched.setattr(tm.store, "SCHEMA_VERSION", 1)
        with open_store(db) as old:  # as tmkit with schema 1 wrote it
            with old._transaction():
                old._execute("INSERT INTO files VALUES ('t', 'x', 'now', 0)")
                _, words = old._insert("t", Row.of(units))
                old._execute_many("INSERT INTO word_counts VALUES (?, ?)", list(words.items()))
            assert old.stats().schema == 1
    fresh = str(tmp_path / "fresh.sqlite")
    with open_store(db) as migrated, open_store(fresh) as new:
        new.import_file(TICO, "t", units)
        assert migrated.stats().schema == 2 and migrated.stats().units == 400
        for unit in units[::40]:
            segment = " ".join(unit.source.split()[1:])  # its first word dropped
            found = [(m.stored.position, m.fuzzy.score) for m in lookup(migrated, segment).matches]
            assert found and found == [
                (m.stored.position, m.fuzzy.score) for m in lookup(new, segment).matches
            ]


def test_an_atomic_block_rolls_back_every_file_imported_in_it(store, tmp_path):
    first = tmp_path / "memoq.tmx"
    shutil.copy(DATA / "tmx" / "memoq.tmx", first)
    store.import_file(first, "m", _read(first))
    before = [encode(u) for u in store.units()]
    bad = tmp_path / "bad.tmx"
    shutil.copy(DATA / "tmx" / "malformed.tmx", bad)
    with pytest.raises(TmxError), store.atomic():
        store.import_file(TICO, "tico", _read(TICO))
        shutil.copy(DATA / "tmx" / "en-gb.tmx", first)  # changed: its units replace m's
        assert not store.import_file(first, "m", _read(first)).unchanged
        store.import_file(bad, "bad", read_tmx(bad, srclang="fa", tgtlang="en"))
    assert [encode(u) for u in store.units()] == before
    assert [(f.name, f.units) for f in store.stats().files] == [("m", 3)]
    assert store.digest("tico") is None


@pytest.mark.postgresql
def test_postgresql_merges_the_gin_pending_lists_after_an_import(postgresql_server):
    """Lookups read through a GIN index's pending list (fastupdate) until it is merged: an
    import leaves none behind."""
    from tm.store import open_store

    with open_store(postgresql_server.new_database("tmkit_pending")) as store:
        store.import_file(TICO, "tico", _read(TICO))
        store._execute("CREATE EXTENSION IF NOT EXISTS pgstattuple")
        for index in ("units_terms", "units_source_trigrams", "units_target_trigrams"):
            ((pending,),) = list(
                store._execute(f"SELECT pending_tuples FROM pgstatginindex('{index}')")
            )
            assert pending == 0, index


def test_near_weighs_each_group_once_and_keeps_the_least_count(store, tmp_path):
    """``near``'s contract on every engine: a group counts its weight once however many of
    its words a unit holds, a word in two groups counts for both, *others* are weighed on the
    units found, *least* and *limit* hold, and each candidate comes with its word keys."""
    from tm.fuzzy import keys
    from tm.unit import TranslationUnit

    texts = ["نفت گاز خط لوله", "نفت گاز دریا ساحل", "کوه دشت جنگل باغ"]
    units = [TranslationUnit(f"t{i}", text, f"en {i}") for i, text in enumerate(texts)]
    store.import_file(TICO, "made", units)
    ids = {near.words: near.id for near in store.near([(keys("نفت"), 1)], [], (4, 4), 1, 9)}
    first, second = (ids[" ".join(keys(text))] for text in texts[:2])
    assert len(ids) == 2 and first < second  # the third holds no word looked up

    groups = [(keys("نفت"), 2), (keys("گاز خط"), 1)]  # a group of two words counts once
    others = [(keys("لوله"), 1), (keys("دریا"), 1), (keys("جنگل"), 1)]
    found = store.near(groups, others, (4, 4), 4, 9)
    assert [(n.id, n.hits, n.length) for n in found] == [(second, 4, 4), (first, 4, 4)]
    assert store.near(groups, others, (4, 4), 5, 9) == []
    assert [n.id for n in store.near(groups, others, (4, 4), 4, 1)] == [second]
    assert store.near(groups, others, (5, 9), 1, 9) == []  # outside the length window

    both = [(keys("نفت"), 1), (keys("نفت گاز"), 1), (keys("لوله"), 3)]
    assert [(n.id, n.hits) for n in store.near(both, [], (4, 4), 1, 9)] == [
        (first, 5),
        (second, 2),
    ]
