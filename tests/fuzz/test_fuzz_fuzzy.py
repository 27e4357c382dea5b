"""Fuzzing the fuzzy match score's shortcuts (:mod:`tm.fuzzy`), which lookup relies on to
pass over units without reading them: for any segment and any unit's source,

- :meth:`tm.fuzzy.Query.upper` (one string edit distance) equals :func:`tm.fuzzy.upper_score`
  (the word lists, joins and all), at any cutoff, as far as the cutoff tells them apart;
- :func:`tm.fuzzy.upper_score` on the source's word keys is never below the score
  :func:`tm.fuzzy.compare` gives (it is that score before the number penalty).

The words are drawn from Persian words that join into one another (``می`` + ``شود`` =
``میشود``, ``کشور`` + ``ها`` + ``ی``), numbers, and separators (space, ZWNJ, none).
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tm.fuzzy import Query, compare, keys, tokens, upper_score

WORDS = ["می", "شود", "میشود", "می‌شود", "و", "در", "به", "کشور", "ها", "کشورها", "ی",
         "های", "کشورهای", "نفت", "12", "۱۲", "15", "a", "b", "ab", "ً"]  # fmt: skip
SEPARATORS = [" ", " ", " ", "\u200c", ""]
TEXT = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=14).map(
    lambda pairs: "".join(word + separator for word, separator in pairs)
)


@given(TEXT, TEXT, st.integers(0, 100))
def test_query_upper_is_upper_score(segment, source, cutoff):
    fast = Query(segment).upper(keys(source), cutoff)
    slow = upper_score(tokens(segment), keys(source), cutoff)
    assert fast == slow or (fast < cutoff and slow < cutoff)


@given(TEXT, TEXT)
def test_upper_score_bounds_the_score(segment, source):
    assert upper_score(tokens(segment), keys(source)) >= compare(segment, source).score
    assert Query(segment).compare(source) == compare(segment, source)
