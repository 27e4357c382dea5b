"""ZWNJ restoration by class, on text without ZWNJs: each kind of fault fixed as a kind.

The words here are examples of a class; the rules that decide them (corpus/zwnj.py) name none.
"""

import pytest

from corpus.normalize import normalize

Z = "\u200c"


@pytest.mark.parametrize(
    "text",
    [
        # units and loanwords ending like a comparative: the stem is no Persian word
        "حجم ۵ نانومتر است", "۲۰ میکرولیتر از نمونه", "تایتر آنتی‌بادی", "پیکومتر و گیگالیتر",
        # names ending like a plural or heh + ام
        "در شانگهای چین", "دانشگاه ناتینگهام در انگلستان", "دمای ۱۰۰ درجه فارنهایت",
        "در توئیتر نوشت", "از برمینگهام آمد",
        # a number word ending like ‌زده
        "پانزده روز", "سیزده نفر",
    ],
)  # fmt: skip
def test_loanwords_and_names_are_not_cut(text):
    assert normalize(text) == text


@pytest.mark.parametrize(
    ("glued", "restored"),
    [
        ("در سالگیاش ازدواج کرد", f"سالگی{Z}اش"),
        ("در روزگار جوانیاش", f"جوانی{Z}اش"),
        ("همه راضیاند", f"راضی{Z}اند"),
    ],
)
def test_a_clitic_after_yeh_is_restored(glued, restored):
    assert restored in normalize(glued)


@pytest.mark.parametrize("word", ["پریشان", "ادبیات", "دریای", "تجربیات", "پیام"])
def test_words_ending_like_a_clitic_after_yeh_stay(word):
    assert normalize(f"این {word} است") == f"این {word} است"


@pytest.mark.parametrize(
    ("glued", "restored"),
    [
        ("از شیوهای دیگر استفاده کرد", f"شیوه{Z}ای دیگر"),
        ("در منطقهای که", f"منطقه{Z}ای که"),
        ("جلسه دو ساعتهای بود.", f"ساعته{Z}ای بود."),
        ("ساعتهای کاری", f"ساعت{Z}های کاری"),  # an ezafe follows: the plural
        ("دستهای خود را بشویید", f"دست{Z}های خود"),  # the ezafe's possessor follows
        ("پیشرفتهایی که", f"پیشرفت{Z}هایی"),  # ‌هایی, the plural's ending
        ("در کشورهای در حال توسعه", "کشورهای در حال"),  # a preposition may follow
    ],
)
def test_silent_heh_and_ai_read_in_context(glued, restored):
    assert restored in normalize(glued)


def test_the_documents_words_decide_heh_or_plural():
    # the document writes the plural stem alone: Xهای is its plural
    assert f"تیم{Z}های" in normalize("تیم ما برد. تیمهای دیگر باختند.")
    # a word of its own (رویداد) is not read as a compound participle + ای
    assert normalize("رویدادهای مهم سال") == "رویدادهای مهم سال"


@pytest.mark.parametrize(
    ("glued", "restored"),
    [
        ("جمهوریخواهان کنگره", f"جمهوری{Z}خواهان"),
        ("تولید آنتیبادی", f"آنتی{Z}بادی"),
        ("عوامل بیماریزا", f"بیماری{Z}زا"),
        ("بیگانههراسی و تبعیض", f"بیگانه{Z}هراسی"),
    ],
)
def test_productive_compounds_are_restored(glued, restored):
    assert restored in normalize(glued)


def test_a_protected_stem_keeps_its_letters_inside_a_compound():
    assert normalize("ماسک فیلتر کننده") == "ماسک فیلترکننده"
