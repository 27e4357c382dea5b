"""Lookup through the indexes finds what a full scan finds (every engine).

The full scan scores every unit of the store with :func:`tm.fuzzy.compare` and ranks them as
:mod:`tm.lookup` says; :func:`tm.lookup.lookup` reads only the candidates its indexes and
bounds leave. Both are run on the 3,071 TICO-19 units and 1,400 near duplicates of them
(:func:`units`) for edited TICO-19 sentences, short
(3–5 words), medium and long (40 words or more): words replaced, dropped, added, numbers
changed, and Persian spelling variants (a ZWNJ written as a space or left out, a space
glued), which the score joins. The top matches (unit, score, kind) must be the same.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace
from pathlib import Path

import pytest

from tm.fuzzy import compare, keys
from tm.lookup import lookup
from tm.tmx import read_tmx

TICO = Path(__file__).parents[2] / "data" / "tico19" / "all.en-fa.tmx"
LIMIT = 5


@pytest.fixture(scope="module")
def units():
    """The TICO-19 units, then two variants of each of the first 700 (two words of each
    replaced by words of other units): near duplicates, as a real TM holds, many of which tie
    (the newest ranks first)."""
    tico = list(read_tmx(TICO, srclang="fa", tgtlang="en"))
    vocabulary = sorted({w for u in tico for w in u.source.split()})
    pick = random.Random(3)
    variants = []
    for round_ in (1, 2):
        for i, unit in enumerate(tico[:700]):
            words = unit.source.split()
            for _ in range(2):
                words[pick.randrange(len(words))] = pick.choice(vocabulary)
            variants.append(replace(unit, tuid=f"v{round_}:{i}", source=" ".join(words)))
    return tico + variants


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)]
)
def tico(request, tmp_path_factory, units):
    """One store of the TICO-19 units for the module, of each engine."""
    from tm.store import open_store

    if request.param == "sqlite":
        db = str(tmp_path_factory.mktemp("full-scan") / "tm.sqlite")
    else:
        db = request.getfixturevalue("postgresql_server").new_database("tmkit_full_scan")
    with open_store(db) as store:
        store.import_file(TICO, "tico", units)
        yield store


def _edited(source: str, vocabulary: list[str], pick: random.Random, most: int) -> str:
    """*source* with one to *most* edits of the kinds the module lists."""
    words = source.split()
    for _ in range(pick.randint(1, most)):
        edit = pick.choice(("replace", "drop", "add", "number", "zwnj", "glue"))
        place = pick.randrange(len(words))
        if edit == "replace":
            words[place] = pick.choice(vocabulary)
        elif edit == "drop" and len(words) > 2:
            del words[place]
        elif edit == "add":
            words.insert(place, pick.choice(vocabulary))
        elif edit == "number":
            words.insert(place, str(pick.randint(1, 2000)))
        elif edit == "zwnj":  # می‌شود → می شود or میشود, and the other way round
            text = " ".join(words)
            text = text.replace("\u200c", pick.choice((" ", "")), 1)
            words = re.sub(r"\bمی (?=\S)", "می\u200c", text, count=1).split()
        elif edit == "glue" and place + 1 < len(words):
            words[place : place + 2] = [words[place] + words[place + 1]]
    return " ".join(words)


def _queries(units, kind: str, count: int, seed: int) -> list[str]:
    fits, most = {"short": (range(3, 6), 1), "medium": (range(8, 25), 2),
                  "long": (range(40, 1000), 3)}[kind]  # fmt: skip
    pick = random.Random(seed)
    vocabulary = sorted({w for u in units for w in u.source.split()})
    sources = [u.source for u in units if len(keys(u.source)) in fits]
    return [_edited(pick.choice(sources), vocabulary, pick, most) for _ in range(count)]


def _full_scan(store, segment: str, minimum: int) -> list[tuple[int, int, str]]:
    """Every unit scored and ranked as lookup ranks (no previous segment: no context)."""
    scored = []
    for stored in store.stored():
        fuzzy = compare(segment, stored.unit.source)
        if fuzzy.score >= minimum:
            kind = "exact" if fuzzy.exact else "100" if fuzzy.score == 100 else "fuzzy"
            scored.append((-fuzzy.score, not fuzzy.exact, -stored.id, kind))
    scored.sort()
    return [(-id_, -score, kind) for score, _, id_, kind in scored[:LIMIT]]


@pytest.mark.parametrize(
    ("kind", "count", "minimum"),
    [("short", 6, 70), ("short", 4, 50), ("medium", 6, 70), ("medium", 4, 50),
     ("long", 4, 70), ("long", 3, 50)],
)  # fmt: skip
def test_lookup_finds_the_matches_a_full_scan_finds(tico, units, kind, count, minimum):
    found_any = 0
    for segment in _queries(units, kind, count, seed=count * 1000 + minimum):
        expected = _full_scan(tico, segment, minimum)
        got = lookup(tico, segment, minimum=minimum, limit=LIMIT)
        assert [(m.stored.id, m.fuzzy.score, m.kind) for m in got.matches] == expected, segment
        found_any += bool(expected)
    assert found_any >= count // 2  # the edits leave matches to find


@pytest.mark.parametrize(
    ("segment", "minimum"),
    [("وسط قفسه سینهاست", 50),  # سینه است in the unit
     ("شب ها تببیشتر سیتوتوکسیسیتی", 70),
     ("محدودیت سفر برای WM+TCM ورود و هولناکی از هوبیوضع شد.", 70)],
)  # fmt: skip
def test_words_glued_in_the_segment_and_apart_in_the_unit(tico, segment, minimum):
    """Edits the random ones above made, which the rarest-words filter without joins
    missed (a unit found only once its words written apart are joined)."""
    expected = _full_scan(tico, segment, minimum)
    got = lookup(tico, segment, minimum=minimum, limit=LIMIT)
    assert expected and [(m.stored.id, m.fuzzy.score, m.kind) for m in got.matches] == expected
