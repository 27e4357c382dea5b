"""Lookup and concordance against the store (every engine): the documented formula, ranking,
numbers, Persian spelling variants, both scripts."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tm.concordance import concordance
from tm.lookup import lookup
from tm.tmx import read_tmx
from tm.unit import TranslationUnit

TICO = Path(__file__).parents[2] / "data" / "tico19" / "all.en-fa.tmx"
IMMUNE = "سیستم ایمنی انطباقی خیلی زود به مبارزه با ویروس می‌پیوندد."  # TICO-19, 10 words


@pytest.fixture
def tico(store):
    store.import_file(TICO, "tico", read_tmx(TICO, srclang="fa", tgtlang="en"))
    return store


def _units(store, tmp_path, *pairs, document="", name="t"):
    path = tmp_path / f"{name}.tmx"
    path.write_text(repr(pairs), encoding="utf-8")  # its digest names this content
    units = [TranslationUnit(f"{name}:{i}", fa, en, document=document)
             for i, (fa, en) in enumerate(pairs)]  # fmt: skip
    store.import_file(path, name, units)


def test_an_edited_sentence_scores_what_the_formula_gives(tico):
    words = IMMUNE.rstrip(".").split()
    edited = " ".join([*words[:3], "سریع", *words[4:]])  # one word replaced (خیلی → سریع)
    best = lookup(tico, edited, minimum=50).matches[0]
    assert best.stored.unit.source == IMMUNE
    assert best.fuzzy.score == math.floor(100 * (len(words) - 1) / len(words)) == 90
    assert (best.fuzzy.edits, best.fuzzy.words) == (1, 10)
    start = IMMUNE.index("خیلی")
    assert best.fuzzy.changed == ((start, start + len("خیلی")),)


def test_two_words_dropped_and_one_added(tico):
    words = IMMUNE.rstrip(".").split()
    edited = " ".join(["اکنون", *words[:4], *words[6:]])  # +1 word, −2 words: 3 edits of 10
    best = lookup(tico, edited, minimum=50).matches[0]
    assert best.stored.unit.source == IMMUNE and (best.fuzzy.edits, best.fuzzy.words) == (3, 10)
    assert best.fuzzy.score == math.floor(100 * (10 - 3) / 10) == 70


def test_zwnj_and_space_variants_score_100(tico):
    for variant in (IMMUNE.replace("می‌", "می "), IMMUNE.replace("می‌", "می"),
                    IMMUNE.replace("ی", "ي").replace("ک", "ك")):  # fmt: skip
        best = lookup(tico, variant).matches[0]
        assert best.stored.unit.source == IMMUNE and best.fuzzy.score == 100
        assert best.kind == "100"  # the same words, not the same characters


def test_the_exact_match_ranks_above_a_variant_at_100(store, tmp_path):
    segment = "قیمت نفت افزایش یافت."
    _units(store, tmp_path, ("قیمت نفت افزایش یافت!", "Oil prices rose!"),
           (segment, "The price of oil rose."))  # fmt: skip
    matches = lookup(store, segment).matches
    assert [m.fuzzy.score for m in matches] == [100, 100]
    assert [m.kind for m in matches] == ["exact", "100"]
    assert matches[0].stored.unit.target == "The price of oil rose."


def test_a_context_match_ranks_above_an_exact_one(store, tmp_path):
    repeated = "جدول ۱ را ببینید."
    _units(store, tmp_path, ("مقدمه کوتاه است.", "The introduction is short."),
           (repeated, "See Table 1."), name="a", document="a")  # fmt: skip
    _units(store, tmp_path, ("بخش دوم درباره نفت است.", "Part two is about oil."),
           (repeated, "See table 1 (below)."), name="b", document="b")  # fmt: skip
    after_b = lookup(store, repeated, previous="بخش دوم درباره نفت است.").matches
    assert [m.kind for m in after_b] == ["context", "exact"]
    assert after_b[0].stored.unit.target == "See table 1 (below)."
    assert [m.kind for m in lookup(store, repeated).matches] == ["exact", "exact"]


def test_a_number_difference_costs_the_documented_penalty(store, tmp_path):
    from tm.fuzzy import NUMBER_PENALTY

    _units(store, tmp_path, ("تولید نفت در سال ۱۴۰۱ به ۳ میلیون بشکه رسید.", "…"))
    same_digits = lookup(store, "تولید نفت در سال 1401 به 3 میلیون بشکه رسید.").matches[0]
    assert same_digits.fuzzy.score == 100 and same_digits.fuzzy.numbers == ((), ())
    other_year = lookup(store, "تولید نفت در سال ۱۴۰۲ به ۳ میلیون بشکه رسید.").matches[0]
    assert other_year.fuzzy.score == 100 - NUMBER_PENALTY
    assert other_year.fuzzy.numbers == (("1402",), ("1401",))
    assert other_year.fuzzy.edits == 0 and "1402 ≠ 1401" in other_year.fuzzy.reason


def test_nothing_below_the_minimum_and_at_most_the_limit(tico):
    found = lookup(tico, IMMUNE, minimum=40, limit=3)
    assert 1 <= len(found.matches) <= 3
    assert all(m.fuzzy.score >= 40 for m in found.matches)
    scores = [m.fuzzy.score for m in found.matches]
    assert scores == sorted(scores, reverse=True)


def test_concordance_in_persian_is_zwnj_variant_and_inflection_aware(tico):
    for phrase in ("ویروس کرونا", "ویروس‌کرونا", "ويروس كرونا"):
        hits = concordance(tico, phrase, side="fa", limit=500).hits
        found = {h.stored.unit.source[a:b] for h in hits for a, b in h.spans}
        assert {"ویروس کرونا", "ویروس کرونای"} <= found
        assert all("ویروس" in f for f in found)
    plural = {h.stored.unit.source[a:b] for h in concordance(tico, "کشور", limit=500).hits
              for a, b in h.spans}  # fmt: skip
    assert {"کشور", "کشورها", "کشورهای"} <= plural


def test_concordance_in_english_shows_the_aligned_persian(tico):
    hits = concordance(tico, "health workers", side="en", limit=500).hits
    assert hits and all("health workers" in h.stored.unit.target.lower() for h in hits)
    assert all(h.stored.unit.source for h in hits)
    # a word is never found inside another word
    virus = concordance(tico, "virus", side="en", limit=500).hits
    found = {h.stored.unit.target[a:b].lower() for h in virus for a, b in h.spans}
    assert found <= {"virus", "viruses"} and "virus" in found


@given(
    st.lists(st.integers(1, 3), min_size=1, max_size=9),
    st.integers(1, 20),
    st.lists(st.booleans(), min_size=9, max_size=9),
)
def test_a_unit_holding_enough_words_holds_one_of_each_part(weights, least, held):
    """PostgreSQL's candidate query ANDs the parts _must_hold cuts: a unit whose words weigh
    least or more must hold a word of every part (else the index would lose it)."""
    from tm.store.postgresql import _must_hold

    groups = [([f"w{i}"], weight) for i, weight in enumerate(weights)]
    holds = {f"w{i}" for i, on in enumerate(held[: len(groups)]) if on}
    if sum(weight for (word,), weight in groups if word in holds) >= least:
        assert all(any(w in holds for words, _ in part for w in words)
                   for part in _must_hold(groups, least))  # fmt: skip
