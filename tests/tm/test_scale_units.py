"""The scale benchmarks' data (benchmarks/scale_units.py): valid TMX 1.4b, distinct units of
TICO-19's real sentences with what CAT tools write, the same bytes for the same seed."""

from __future__ import annotations

import sys
from pathlib import Path

from test_tmx import validate

from tm.tmx import read_tmx

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import scale_units

UNITS = 3_500  # past the 3,070 base pairs: the second round's varied units too


def test_units_are_valid_distinct_and_carry_what_cat_tools_write(tmp_path):
    path = tmp_path / "units.tmx"
    scale_units.write_tmx(path, UNITS, seed=3)
    validate(path)
    warnings: list[str] = []
    units = list(read_tmx(path, on_warning=warnings.append))
    assert warnings == []
    assert len(units) == UNITS
    assert len({(u.source, u.target) for u in units}) == UNITS
    assert len({u.tuid for u in units}) == UNITS
    assert [(u.source, u.target) for u in units] == list(scale_units.pairs(UNITS, seed=3))
    base = {(p.fa, p.en) for p in scale_units.base_pairs()}
    assert len(base) == 3_070
    assert sum((u.source, u.target) in base for u in units) == 3_070  # the first round as is
    later = [u for u in units if (u.source, u.target) not in base]
    assert all(any("۰" <= c <= "۹" for c in u.source) for u in later)  # numbered in Persian
    assert sum("\u200c" in u.source for u in units) > UNITS / 3  # the translators' ZWNJs
    with_codes = [u for u in units if u.source_tuv.content]
    elements = {
        p.element for u in with_codes for p in u.source_tuv.content if not isinstance(p, str)
    }
    assert elements == {"bpt", "ept", "ph"} and 0.25 < len(with_codes) / UNITS < 0.45
    assert all(u.get("creationdate") and u.get("creationid") for u in units)
    assert 0.5 < sum(u.get("changedate") is not None for u in units) / UNITS < 0.7
    assert 0.05 < sum(any(a.element == "note" for a in u.annotations) for u in units) / UNITS < 0.15
    assert all(u.get("changedate") >= u.get("creationdate") for u in units if u.get("changedate"))


def test_the_same_seed_gives_the_same_bytes_another_seed_other_units(tmp_path):
    first, again, other = (tmp_path / f"{name}.tmx" for name in ("first", "again", "other"))
    scale_units.write_tmx(first, 500, seed=1)
    scale_units.write_tmx(again, 500, seed=1)
    scale_units.write_tmx(other, 500, seed=2)
    assert first.read_bytes() == again.read_bytes()
    assert first.read_bytes() != other.read_bytes()
    assert list(scale_units.pairs(500, seed=1)) != list(scale_units.pairs(500, seed=2))
