"""The term matcher, on the article's own Persian and English: what must match and what must not."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.match import (
    AGENT_SUFFIX,
    ENGLISH_SUFFIXES,
    IES_SUFFIXES,
    INFLECTION_STARTS,
    PERSIAN_SUFFIX,
    Match,
    Matcher,
    _english_cased_piece,
    _english_piece,
    _keyed,
    _keyed_by_character,
    _persian_piece,
)
from glossary.model import Glossary, Status, Term

Z = "\u200c"

GLOSSARY = Glossary(
    (
        Term("caspian-sea", "caspian", "دریای خزر", "Caspian Sea", forbidden=("Khazar Sea",)),
        Term(
            "caspian-legal-regime", "caspian", "رژیم حقوقی دریای خزر",
            "legal regime of the Caspian Sea", forbidden=("legal status of the Caspian Sea",),
        ),
        Term("karabakh", "conflict", f"قره{Z}باغ", "Nagorno-Karabakh", forbidden=("Karabagh",)),
        Term("littoral-states", "caspian", "کشورهای ساحلی", "littoral states"),
        Term("baku-ceyhan", "oil", "باکو - جیحون", "Baku–Ceyhan"),
        Term("oil", "oil", "نفت", "oil"),
        Term("mediator", "conflict", "میانجی", "mediator", fa_variants=(f"میانجی{Z}گر",)),
        Term("producer", "oil", f"تولید{Z}کننده", "producer"),
        Term("turk", "states", "ترک", "Turk"),
        Term("russia", "states", "روسیه", "Russia"),
        Term("russian", "states", "روسی", "Russian"),
        Term("co-operation", "general", "همکاری", "co-operation", en_variants=("cooperation",)),
        Term("minsk-group", "conflict", "گروه مینسک", "Minsk Group"),
        Term("party", "conflict", "طرف", "party"),
        Term("dawn", "periodicals", "داون", "Dawn", case_sensitive=True),
        Term("table", "test", "میز", "table", status=Status.PROPOSED),  # not of the article
    )
)  # fmt: skip


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(GLOSSARY)


def found(matches: list[Match], text: str) -> list[tuple[str, str]]:
    return [(m.term_id, text[m.start : m.end]) for m in matches]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("بخشی از دریای خزر که", [("caspian-sea", "دریای خزر")], id="plain"),
        pytest.param("سهم دریای خزرِ", [("caspian-sea", "دریای خزرِ")], id="ezafe-kasra"),
        pytest.param("دريای خزر", [("caspian-sea", "دريای خزر")], id="arabic-yeh"),
        pytest.param(f"مناقشه قره{Z}باغ مرتبط", [("karabakh", f"قره{Z}باغ")], id="zwnj"),
        pytest.param("در قره باغ، باعث شک", [("karabakh", "قره باغ")], id="space"),
        pytest.param("مسئله قرهباغ", [("karabakh", "قرهباغ")], id="joined"),
        pytest.param(f"مردم قره{Z}باغی", [("karabakh", f"قره{Z}باغی")], id="adjective-yeh"),
        pytest.param(
            f"طرفدار استفاده مشترک فقط توسط کشورهای ساحلی{Z}ای است",
            [("littoral-states", f"کشورهای ساحلی{Z}ای")],
            id="indefinite-after-yeh",
        ),
        pytest.param("مسیر باکو - جیحون", [("baku-ceyhan", "باکو - جیحون")], id="spaced-dash"),
        pytest.param("مسیر باکو-جیحون", [("baku-ceyhan", "باکو-جیحون")], id="hyphen"),
        pytest.param("مسیر باکو جیحون", [("baku-ceyhan", "باکو جیحون")], id="dash-as-space"),
        pytest.param("برنامه نفتی شرکت", [("oil", "نفتی")], id="relational-adjective"),
        pytest.param(f"صادرات نفت{Z}ها", [("oil", f"نفت{Z}ها")], id="plural"),
        pytest.param(
            f"چشم میانجی{Z}گران را", [("mediator", f"میانجی{Z}گران")], id="agent-plural-an"
        ),
        pytest.param(
            f"تا میانجی{Z}های دیگر", [("mediator", f"میانجی{Z}های")], id="plural-with-ezafe"
        ),
        pytest.param(
            "به نفع تولیدکنندگانی که", [("producer", "تولیدکنندگانی")], id="kanande-kanandegan"
        ),
        pytest.param(
            f"برای روسیه{Z}ای که ذخایر", [("russia", f"روسیه{Z}ای")], id="shortest-suffix-wins"
        ),
        pytest.param("همکاری‌های نظامی", [("co-operation", "همکاری‌های")], id="inflected"),
    ],
)
def test_persian_term_is_found_in_every_spelling_and_inflection(matcher, text, expected):
    assert found(matcher.persian(text), text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("همچنین، میزان بالای وابستگی متقابل", id="miz-in-mizan"),
        pytest.param("مهم‌ترین شریک بازرگانی آذربایجان: ترکیه", id="turk-in-turkiye"),
        pytest.param("همراه با قزاقستان و ترکمنستان", id="turk-in-turkmenistan"),
        pytest.param(f"این بازی ظریفی که {Z}باغ", id="zwnj-is-no-word-start"),
        pytest.param("خطر برای سیاستمداران و تجار", id="no-term-at-all"),
        pytest.param(f"نفت{Z}کش", id="compound-is-another-word"),
        pytest.param("طرفداران", id="an-after-a-plain-noun"),
    ],
)
def test_word_that_merely_contains_a_term_is_not_a_match(matcher, text):
    assert matcher.persian(text) == []


def test_ba_gh_in_qarabagh_is_not_found_alone():
    matcher = Matcher(Glossary((Term("garden", "test", "باغ", "garden"),)))
    assert matcher.persian(f"مناقشه قره{Z}باغ") == []
    assert found(matcher.persian("مناقشه قره باغ"), "مناقشه قره باغ") == [("garden", "باغ")]


def test_offsets_are_those_of_the_original_text(matcher):
    text = "پیشنهادهای جدید گروه  مینسک با برنامه صلح"  # two spaces inside the term
    (match,) = matcher.persian(text)
    assert (match.term_id, text[match.start : match.end]) == ("minsk-group", "گروه  مینسک")
    assert match.role == "term" and match.form == "گروه مینسک"


def test_variant_is_reported_as_variant(matcher):
    text = f"رنگ سیاه نفت چشم میانجی{Z}گر را"
    roles = {m.term_id: m.role for m in matcher.persian(text)}
    assert roles == {"oil": "term", "mediator": "variant"}


def test_longest_match_wins_when_terms_overlap(matcher):
    text = "روسیه استخراج و انتقال نفت را در گرو تعیین رژیم حقوقی دریای خزر و حل مسائل"
    assert [m.term_id for m in matcher.persian(text)] == ["russia", "oil", "caspian-legal-regime"]
    every = {m.term_id for m in matcher.persian(text, overlapping=True)}
    assert {"caspian-legal-regime", "caspian-sea"} <= every


def test_longest_match_wins_in_english_too(matcher):
    text = "determining the legal regime of the Caspian Sea and resolving"
    assert [m.term_id for m in matcher.english(text)] == ["caspian-legal-regime"]
    assert {m.term_id for m in matcher.english(text, overlapping=True)} == {
        "caspian-legal-regime",
        "caspian-sea",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("along the Baku–Ceyhan route", "Baku–Ceyhan", id="en-dash"),
        pytest.param("along the Baku-Ceyhan route", "Baku-Ceyhan", id="hyphen"),
        pytest.param("along the Baku Ceyhan route", "Baku Ceyhan", id="space"),
        pytest.param("along the Baku — Ceyhan route", "Baku — Ceyhan", id="spaced-em-dash"),
        pytest.param("the main OIL pipeline", "OIL", id="case-insensitive"),
        pytest.param("Caspian oil's price", "oil", id="possessive"),
        pytest.param("the world's third oil-producing region", "oil", id="in-compound"),
        pytest.param("the parties to the conflict", "parties", id="plural-ies"),
        pytest.param("the other mediators (the OSCE)", "mediators", id="plural-s"),
        pytest.param("the Nagorno Karabakh question", "Nagorno Karabakh", id="hyphen-as-space"),
        pytest.param("military co-operation", "co-operation", id="hyphenated-term"),
        pytest.param("military cooperation", "cooperation", id="variant"),
        pytest.param("The newspaper Dawn, Karachi", "Dawn", id="case-sensitive"),
    ],
)
def test_english_term_is_found_in_its_variants(matcher, text, expected):
    assert [text[m.start : m.end] for m in matcher.english(text)] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("the turmoil of the 1990s", id="oil-in-turmoil"),
        pytest.param("the Minskers said", id="minsk-in-minskers"),
        pytest.param("at dawn the talks began", id="case-sensitive-name"),
        pytest.param("a Turkish army", id="turk-in-turkish"),
        pytest.param("the counterparty", id="party-inside-a-word"),
        pytest.param("Russia regards", id="russian-not-in-russia"),
    ],
)
def test_english_word_that_merely_contains_a_term_is_not_a_match(matcher, text):
    ids = {m.term_id for m in matcher.english(text)}
    assert not ids & {"oil", "minsk-group", "dawn", "turk", "party", "russian"}


def test_a_space_does_not_join_a_word_to_the_next():
    matcher = Matcher(Glossary((Term("azerbaijani", "states", "آذربایجانی", "Azerbaijani"),)))
    assert matcher.english("Azerbaijan is the key to Caspian oil") == []
    assert [m.suffix for m in matcher.english("the Azerbaijanis")] == ["s"]


def test_forbidden_forms_are_matched_with_their_role(matcher):
    text = "the Karabagh conflict and the Khazar Sea"
    assert [(m.term_id, m.role) for m in matcher.english(text)] == [
        ("karabakh", "forbidden"),
        ("caspian-sea", "forbidden"),
    ]


def test_form_shared_by_two_concepts_gives_both():
    glossary = Glossary(
        (
            Term("legal-status", "caspian", "وضعیت حقوقی", "legal status"),
            Term("regime", "caspian", "رژیم حقوقی", "legal regime", forbidden=("legal status",)),
        )
    )
    matches = Matcher(glossary).english("the legal status of the Caspian Sea")
    assert sorted((m.term_id, m.role) for m in matches) == [
        ("legal-status", "term"),
        ("regime", "forbidden"),
    ]


def test_empty_glossary_and_empty_text_find_nothing(matcher):
    assert Matcher(Glossary(())).persian("دریای خزر") == []
    assert matcher.persian("") == [] and matcher.english("") == []


# --- the key of a text ------------------------------------------------------------------------

PIECES = (_persian_piece, _english_piece, _english_cased_piece)


TEXTS = st.text(
    st.sampled_from(
        [*"سیاست‌های نفتی در قفقاز", *"Baku–Ceyhan co-op", "ً", "ِ", "ّ", "ـ", "\u200d", "\u00ad",
         "\u00a0", "\n", "—", "-", "،", ".", "؟", "«", "»", "(", ")", "ß", "ﬁ", "ﻻ", "ي", "ك", "ۀ",
         "آ", "۱", "٢", "7", "'", "\u2019", "É"]
    )
    | st.characters(),
    max_size=40,
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_key_is_the_character_by_character_key(text):
    # _keyed computes with str.translate and str.replace what the loop over the characters
    # defines (and falls back on it for unusual texts)
    for piece in PIECES:
        fast, slow = _keyed(text, piece), _keyed_by_character(text, piece)
        assert (fast.key, fast.origin, fast.boundary) == (slow.key, slow.origin, slow.boundary)


def test_every_inflection_begins_with_one_of_the_inflection_starts():
    # the matcher drops a hit whose word goes on with any other letter, before its grammar
    letters = sorted(set(PERSIAN_SUFFIX.pattern + AGENT_SUFFIX.pattern) - set("(?:|)"))
    found = set()
    for size in range(1, 5):
        for chars in itertools.product(letters, repeat=size):
            text = "".join(chars)
            if PERSIAN_SUFFIX.fullmatch(text) or AGENT_SUFFIX.fullmatch(text):
                found.add(text[0])
    assert found | {s[0] for s in ENGLISH_SUFFIXES | IES_SUFFIXES if s} == INFLECTION_STARTS
