"""Fuzzing the term matcher (:class:`glossary.match.Matcher`): for any glossary and any text it
raises nothing, each match lies within the text and on text that is its form (the form's
matching key, then the suffix it names), leftmost-longest matches do not overlap (but for
several concepts on one span), and a form standing as a word of its own is found.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.normalize import matching_key
from glossary.match import DASHES, JOINERS, Matcher
from glossary.model import Glossary, Term

PERSIAN_WORDS = ["نفت", "خزر", "دریای خزر", "خط لوله", "قره‌باغ", "گاز", "باکو-جیحون",
                 "میانجی‌گر", "تعیین‌کننده", "روسیه", "ها", "ی", "منطقه", "آسیا", "كشور"]  # fmt: skip
ENGLISH_WORDS = ["oil", "Caspian Sea", "pipeline", "Baku–Ceyhan", "gas", "co-operation",
                 "Russia", "states", "s", "turmoil", "OIL", "the", "Minsk"]  # fmt: skip
SEPARATORS = [" ", "\u200c", "", "، ", ". ", "-", "\u2013", "«", "»", "\n", "'s ", "های ", "ی "]
PERSIAN_TEXT = st.one_of(
    st.lists(st.sampled_from(PERSIAN_WORDS + SEPARATORS), max_size=16).map("".join),
    st.text(max_size=30),
)
ENGLISH_TEXT = st.one_of(
    st.lists(st.sampled_from(ENGLISH_WORDS + SEPARATORS), max_size=16).map("".join),
    st.text(max_size=30),
)
FORMS_FA = st.one_of(st.sampled_from(PERSIAN_WORDS[:10]), st.text(min_size=1, max_size=6))
FORMS_EN = st.one_of(st.sampled_from(ENGLISH_WORDS[:9]), st.text(min_size=1, max_size=6))


@st.composite
def glossaries(draw) -> Glossary:
    terms = []
    for number in range(draw(st.integers(1, 5))):
        terms.append(
            Term(
                f"c{number}",
                "d",
                draw(FORMS_FA),
                draw(FORMS_EN),
                fa_variants=tuple(draw(st.lists(FORMS_FA, max_size=2))),
                en_variants=tuple(draw(st.lists(FORMS_EN, max_size=2))),
                forbidden=tuple(draw(st.lists(FORMS_EN, max_size=1))),
                case_sensitive=draw(st.booleans()),
            )
        )
    return Glossary(tuple(terms))


def _english_key(text: str, case_sensitive: bool) -> str:
    """*text* as an English match compares it (the module's docstring): without the spaces
    and dashes between words, accents and compatibility forms (NFKD), digits as ASCII, and
    without case unless the term is case sensitive."""
    text = re.sub(f"[\\s{re.escape(DASHES + JOINERS)}]", "", text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.category(c).startswith("M"))
    text = "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in text)
    return text if case_sensitive else text.casefold()


def _persian_key(text: str) -> str:
    """*text* as a Persian match compares it (the module's docstring): its matching key
    (:func:`corpus.normalize.matching_key`), hyphens, dashes and joiners left out."""
    return re.sub(f"[{re.escape(DASHES + JOINERS)}]", "", matching_key(text))


def assert_sound(matches, text: str, glossary: Glossary, persian: bool, overlapping: bool):
    terms = glossary.by_id()
    for match in matches:
        assert 0 <= match.start < match.end <= len(text)
        term = terms[match.term_id]
        span = text[match.start : match.end]
        if persian:
            assert match.form in term.persian_forms
            key = _persian_key(match.form) + match.suffix
            assert _persian_key(span) == key, (match, span)
        else:
            assert match.form in (*term.english_forms, *term.forbidden)
            key = _english_key(match.form, term.case_sensitive)
            assert _english_key(span, term.case_sensitive) in (
                key + match.suffix,
                key[:-1] + "ies" if match.suffix == "es" else None,
            ), (match, span)
    if not overlapping:
        for first, second in itertools.pairwise(matches):
            same_span = (first.start, first.end) == (second.start, second.end)
            assert same_span or first.end <= second.start, (first, second)


@settings(deadline=None)
@given(glossaries(), PERSIAN_TEXT, st.booleans())
def test_persian_matches_lie_on_their_forms(glossary, text, overlapping):
    matches = Matcher(glossary).persian(text, overlapping=overlapping)
    assert_sound(matches, text, glossary, persian=True, overlapping=overlapping)


@settings(deadline=None)
@given(glossaries(), ENGLISH_TEXT, st.booleans())
def test_english_matches_lie_on_their_forms(glossary, text, overlapping):
    matches = Matcher(glossary).english(text, overlapping=overlapping)
    assert_sound(matches, text, glossary, persian=False, overlapping=overlapping)


@settings(deadline=None)
@given(glossaries(), st.data())
def test_a_form_standing_alone_is_found(glossary, data):
    term = data.draw(st.sampled_from(glossary.terms))
    persian = data.draw(st.booleans())
    forms = term.persian_forms if persian else (*term.english_forms, *term.forbidden)
    form = data.draw(st.sampled_from(forms))
    words = PERSIAN_WORDS if persian else ENGLISH_WORDS
    before, after = (data.draw(st.sampled_from(words)) for _ in range(2))
    text = f"{before} {form} {after}"
    matcher = Matcher(glossary)
    found = (matcher.persian if persian else matcher.english)(text, overlapping=True)
    start = len(before) + 1
    if not _is_word(form):
        return  # punctuation, spaces alone: no word to find
    assert any(m.term_id == term.id and m.start == start for m in found), (form, text, found)


def _is_word(form: str) -> bool:
    """A form made of letters or digits at both ends, as a glossary's terms are."""
    stripped = form.strip()
    return stripped == form and bool(stripped) and stripped[0].isalnum() and stripped[-1].isalnum()
