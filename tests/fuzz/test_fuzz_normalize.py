"""Fuzzing the normalizer (:func:`corpus.normalize.normalize`): on any text it is idempotent and
its result is NFC; Persian already written as the normalizer writes it comes back unchanged;
a ZWNJ between two Persian letters, the first of which joins, is kept (rule 4 of the module).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.normalize import normalize, normalize_with_report

DATA = Path(__file__).parents[1] / "data"
ZWNJ = "\u200c"
# Persian letters that join the next one, and all Persian letters (no Arabic variant forms)
JOINING = "بپتثجچحخسشصضطظعغفقکگلمنهی"
PERSIAN = JOINING + "اآدذرزژو"
# variants, marks and spacing the normalizer rewrites, beside ordinary text
NOISE = [ZWNJ, ZWNJ * 2, " ", "  ", "\u00a0", "\n", "،", ".", "؟", "!", "«", "»", "(", ")",
         "ـ", "\u064b", "\u0650", "ۀ", "ة", "ي", "ك", "ى", "٤", "۴", "4", "\u200d", "\u200f",
         "\u200e", "\u061c", "\u2067", "\u202b", "д", "a", "ﻻ", "ﺏ", "e\u0301", "A\u030a",
         "\u0627\u0653", "\u064a\u0654"]  # fmt: skip
ANY_TEXT = st.one_of(
    st.lists(st.sampled_from([*PERSIAN, *NOISE, "می", "ها", "تر"]), max_size=40).map("".join),
    st.text(max_size=40),
)
SENTENCES = [
    line
    for name in ("fa-zwnj-sentences.txt", "fa-zwnj-heldout.txt")
    for line in (DATA / name).read_text(encoding="utf-8").splitlines()
    if line.strip()
]


@settings(deadline=None)
@given(ANY_TEXT)
def test_normalization_is_idempotent_and_nfc(text):
    once = normalize(text)
    assert unicodedata.is_normalized("NFC", once)
    assert normalize(once) == once
    assert normalize_with_report(once)[1] == []  # nothing stray is left to remove


@settings(deadline=None)
@given(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4))
def test_persian_already_normalized_comes_back_unchanged(sentences):
    """Sentences of careful Persian (written for tmkit's tests, their ZWNJs standard), once
    normalized, are text as tmkit writes it: put together in any order they stay as they are."""
    text = " ".join(normalize(sentence) for sentence in sentences)
    assert normalize(text) == text


@settings(deadline=None)
@given(
    st.text(alphabet=PERSIAN, min_size=1, max_size=5),
    st.sampled_from(JOINING),
    st.sampled_from(PERSIAN),
    st.text(alphabet=PERSIAN, max_size=5),
    st.lists(st.sampled_from([*SENTENCES[:20], "و", "از", "ها", "می", "نفت،"]), max_size=3),
)
def test_a_zwnj_between_two_letters_is_kept(head, joining, letter, tail, context):
    word = f"{head}{joining}{ZWNJ}{letter}{tail}"
    text = " ".join([*context, word, *reversed(context)])
    assert f"{joining}{ZWNJ}{letter}" in normalize(text)
