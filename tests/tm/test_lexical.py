"""Lexical evidence for the aligner (tm/lexical.py): keys, coverage, evidence, IBM Model 1."""

import pytest

from tm.lexical import (
    Lexicon,
    coverage,
    english_keys,
    evidence,
    learned_pairs,
    model1,
    persian_tokens,
)

ZWNJ = "\u200c"


@pytest.fixture(scope="module")
def core():
    return Lexicon.core()


@pytest.mark.parametrize(
    ("word", "key"),
    [
        (f"می{ZWNJ}روند", "رو"),  # verbal prefix and personal ending: the present stem
        ("رفتند", "رفت"),  # past stem + ending
        (f"کتاب{ZWNJ}هایشان", "کتاب"),  # plural + clitic
        ("کشورهای", "کشور"),  # plural + ezafe, glued
        ("جلسه", "جلسه"),
        ("تعيين", "تعیین"),  # Arabic yeh folded by the matching key
    ],
)
def test_inflected_persian_words_find_their_lexicon_key(core, word, key):
    assert core.persian_key(word) == key


def test_an_unknown_word_has_no_key(core):
    assert core.persian_key("زبزبزب") is None


def test_english_keys_are_stems_without_function_words():
    assert english_keys("The meetings were held in the mornings.") == ["meet", "held", "morn"]


def test_coverage_counts_the_words_the_other_side_translates(core):
    fa = core.persian_words("جلسه ساعت ده صبح در ساختمان شهرداری برگزار می‌شود.")
    en = core.english_words("The meeting will be held at ten in the morning at the town hall.")
    weather = core.persian_words("امروز هوا بسیار خنک است و باد شدیدی از شمال می‌وزد.")
    matched, total = coverage(fa, en)
    assert total >= 6 and matched >= 5
    assert coverage(weather, en)[0] == 0 and coverage(weather, en)[1] >= 5
    assert evidence(*coverage(fa, en), "fa") > 0.3
    assert evidence(*coverage(weather, en), "fa") < -0.3
    assert evidence(0, 0, "fa") == 0.0


def test_evidence_of_few_words_counts_less_than_of_many():
    assert 0 < evidence(2, 2, "en") < evidence(20, 20, "en") <= 0.5
    assert -0.5 <= evidence(0, 20, "en") < evidence(0, 2, "en") < 0


def test_model1_learns_word_translations_from_co_occurrence():
    bitext = [
        (["خانه", "بزرگ"], ["big", "hous"]),
        (["خانه"], ["hous"]),
        (["بزرگ"], ["big"]),
        (["خانه", "کوچک"], ["small", "hous"]),
    ]
    table = model1(bitext, iterations=10)
    assert max(table["خانه"], key=table["خانه"].get) == "hous"
    assert max(table["بزرگ"], key=table["بزرگ"].get) == "big"
    pairs = learned_pairs(bitext)
    assert ("خانه", "hous") in pairs and ("بزرگ", "big") in pairs
    assert ("کوچک", "small") not in pairs  # seen once: too little to learn from


def test_a_learned_pair_becomes_evidence():
    lexicon = Lexicon().with_keys([("پوتین", "putin")])
    fa, en = lexicon.persian_words("پوتین سخن گفت"), lexicon.english_words("Putin spoke.")
    assert coverage(fa, en) == (1, 1)


def test_persian_tokens_for_the_model_are_stems_of_zwnj_words():
    assert persian_tokens(f"کتاب{ZWNJ}ها را می{ZWNJ}خوانند") == ["کتاب", "را", "خوانند"]
