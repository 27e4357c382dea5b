"""Bidi and invisible marks: a keyboard's RLM half-space, and marks that only steer display."""

import pytest

from corpus.normalize import matching_key, normalize

Z = "\u200c"
RLM, LRM, ALM = "\u200f", "\u200e", "\u061c"


@pytest.mark.parametrize("mark", [RLM, LRM, ALM])
def test_a_mark_between_two_persian_letters_is_a_zwnj(mark):
    assert normalize(f"من می{mark}روم و کتاب{mark}ها را می{mark}خوانم") == (
        f"من می{Z}روم و کتاب{Z}ها را می{Z}خوانم"
    )


def test_after_a_letter_that_does_not_join_the_zwnj_is_dropped_too():
    assert normalize(f"در{RLM}باره") == "درباره"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (f"{RLM}سلام{RLM}", "سلام"),  # at a segment's edges
        (f"سلام {RLM}دنیا", "سلام دنیا"),  # at a word's edge
        (f"نسخه{LRM} 2.0", "نسخه 2.0"),
        (f"ABC{LRM} 123", "ABC 123"),  # between Latin words too: a segment is plain text
        ("\u202bمتن\u202c و \u2067متن دیگر\u2069", "متن و متن دیگر"),  # embeddings, isolates
        (f"{ALM}۱۲۳", "۱۲۳"),
    ],
)
def test_marks_elsewhere_are_dropped(raw, expected):
    assert normalize(raw) == expected


def test_a_document_typed_with_rlm_half_spaces_is_a_typed_document():
    text = f"دانش{RLM}آموزان می{RLM}گویند که سیاستهای مدرسه{RLM}ها خوب است."
    assert normalize(text) == f"دانش{Z}آموزان می{Z}گویند که سیاستهای مدرسه{Z}ها خوب است."


def test_matching_key_folds_every_mark():
    key = matching_key(f"قره{Z}باغ")
    for mark in (RLM, LRM, ALM, "\u202b", "\u2067"):
        assert matching_key(f"قره{mark}باغ") == key
    assert matching_key(f"{RLM}قره باغ\u2069") == key


def test_the_glossary_finds_a_term_spelled_with_rlm():
    from glossary.match import Matcher
    from glossary.model import Glossary, Term

    matcher = Matcher(Glossary((Term("karabakh", "conflict", "قره‌باغ", "Nagorno-Karabakh"),)))
    text = f"مسئله قره{RLM}باغ حل نشد"
    assert [(m.term_id, text[m.start : m.end]) for m in matcher.persian(text)] == [
        ("karabakh", f"قره{RLM}باغ")
    ]
    spelled = Matcher(Glossary((Term("karabakh", "conflict", f"قره{RLM}باغ", "Karabakh"),)))
    assert [m.term_id for m in spelled.persian(f"مسئله قره{Z}باغ")] == ["karabakh"]
