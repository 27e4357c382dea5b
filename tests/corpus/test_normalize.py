"""Persian normalization rule by rule, on sentences of the article, and the matching key."""

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.normalize import KEY_LETTERS, LETTERS, matching_key, normalize, normalize_with_report

Z = "\u200c"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("ثروتهاي نفتی", f"ثروت{Z}های نفتی", id="arabic-yeh"),
        pytest.param("در ابتكار دیپلماتیک", "در ابتکار دیپلماتیک", id="arabic-kaf"),
        pytest.param("لطمہ شدیدی", "لطمه شدیدی", id="urdu-heh"),
        pytest.param("سال ١٩٩٧", "سال ۱۹۹۷", id="arabic-indic-digits"),
        pytest.param(
            "حدود ۴ میلیارد تن (۸۰ درصد)", "حدود ۴ میلیارد تن (۸۰ درصد)", id="persian-digits"
        ),
        pytest.param("روزنامه DAWN، چاپ 1997", "روزنامه DAWN، چاپ 1997", id="latin-kept"),
        pytest.param("نفـــت", "نفت", id="tatweel"),
        pytest.param("\ufead\ufeed\ufeb3\ufef4\ufeea", "روسیه", id="presentation-forms"),
    ],
)
def test_letters_and_digits(raw, expected):
    assert normalize(raw) == expected


def test_stray_cyrillic_letters_are_removed_and_reported():
    text, strays = normalize_with_report("با باکو و متحдан جدید آن")
    assert text == "با باکو و متح جدید آن"
    assert [str(s) for s in strays] == ["removed Cyrillic 'дан' from 'متحдан'"]


@pytest.mark.parametrize(
    "text",
    [
        "ویروس‌های HCoVها در انسان شناخته شده‌اند.",  # TICO-19 writes acronyms so
        "این CoV\u200cهای جدید هستند.",
        "گیرنده آنژیوتانسینII در سلول",
        "ویروس‌های βها و αها",
    ],
)
def test_latin_and_greek_letters_glued_to_persian_are_words_not_strays(text):
    assert normalize_with_report(text) == (normalize(text), [])
    for word in ("HCoV", "CoV", "II", "β"):
        assert (word in text) == (word in normalize(text))


def test_latin_word_beside_persian_punctuation_is_not_stray():
    assert normalize_with_report("روزنامه DAWN، چاپ کراچی")[1] == []


@pytest.mark.parametrize(
    ("glued", "restored"),
    [
        # verbal prefix می/نمی
        ("پس از فروپاشی شوروی مورد استفاده قرار میگیرد.", f"قرار می{Z}گیرد."),
        ("از نظر اقتصادی این امر نمیتواند وضع آذربایجان را بهبود بخشد.", f"نمی{Z}تواند"),
        ("روسیه با دید سیاسی به قفقاز مینگرد.", f"می{Z}نگرد."),
        ("نزدیکترین متحد روسیه در قفقاز به شمار میآمده", f"می{Z}آمده"),
        ("روسیه استخراج نفت را تلقی می کند.", f"تلقی می{Z}کند."),
        # plurals
        ("سیاستهای نفتی در قفقاز", f"سیاست{Z}های نفتی"),
        ("شرکتهای بزرگ بینالمللی", f"شرکت{Z}های بزرگ بین{Z}المللی"),
        ("برای دههها و شاید هم صدها سال", f"دهه{Z}ها و شاید هم صدها"),
        ("اختلافات بین کمپانی های نفتی غربی", f"کمپانی{Z}های نفتی"),
        ("با جستجوی جهت گیری سیاست خارجی", f"جهت{Z}گیری سیاست"),
        ("و تنگه های دریای سیاه", f"تنگه{Z}های دریای"),
        # heh + ای / اند
        ("بزرگترین قدرتهای منطقهای و جهانی", f"بزرگ{Z}ترین قدرت{Z}های منطقه{Z}ای"),
        ("یا نفت وسیلهای اقتصادی است", f"وسیله{Z}ای اقتصادی"),
        ("ارامنه با حمایت روسیه ایستادهاند.", f"ایستاده{Z}اند."),
        ("آیا نفت برای روسیهای که ذخایر نفتی آن از همه عظیمتر است", f"روسیه{Z}ای که"),
        # comparatives
        ("واقعبینانهتر خواهد بود", f"واقع{Z}بینانه{Z}تر"),
        ("جمهوری آذربایجان قویتر شود و روسیه ضعیفتر شود", f"قوی{Z}تر شود و روسیه ضعیف{Z}تر"),
        # compounds
        ("اهمیت تعیینکننده نفت", f"تعیین{Z}کننده"),
        ("چگونگی شکلگیری روابط", f"شکل{Z}گیری"),
        ("جامعه کشورهای مستقل مشترکالمنافع", f"مشترک{Z}المنافع"),
        ("هماکنون رهبران آذربایجان", f"هم{Z}اکنون"),
        ("سیاست بیثباتی را در منطقه", f"بی{Z}ثباتی"),
        ("و در نتیجه رئیسجمهور آذربایجان", f"رئیس{Z}جمهور"),
    ],
)
def test_zwnj_is_restored(glued, restored):
    """The article's words, restored as its reference spells them (the Academy's orthography)."""
    assert restored in normalize(glued, zwnj_spelling="academy")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a plural + ezafe before punctuation or the text's end: the heh reading's stem
        # (کتابه, کشوره) is only a fragment of glued words in the usage list, not a word
        ("او از کتابهای، مجلات و روزنامههای کشور", "او از کتاب‌های، مجلات و روزنامه‌های کشور"),
        ("فهرست کتابهای.", "فهرست کتاب‌های."),
        ("این کشورهای", "این کشورهای"),
        # where the heh reading's stem is a word, the context still decides
        ("در منطقهای که", "در منطقه‌ای که"),
        ("دو ساعتهای بود.", "دو ساعته‌ای بود."),
    ],
)
def test_a_fragment_of_glued_usage_is_no_heh_stem(text, expected):
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("glued", "common", "academy"),
    [
        # words most writers glue stay glued in the common spelling
        ("آنها رفتند", "آنها رفتند", f"آن{Z}ها رفتند"),
        ("بزرگترین قدرتهای منطقهای", f"بزرگترین قدرت{Z}های منطقه{Z}ای", None),
        ("کمتر از همیشه", "کمتر از همیشه", None),
        # the verbal prefix is not a matter of spelling: informal text glues it, edited text not
        ("من این کار را میکنم", f"را می{Z}کنم", f"را می{Z}کنم"),
        # a suffix typed as a word is a separation the writer made
        ("سال ها گذشت", f"سال{Z}ها گذشت", f"سال{Z}ها گذشت"),
    ],
)
def test_zwnj_spelling_common_or_academy(glued, common, academy):
    assert common in normalize(glued)
    assert academy is None or academy in normalize(glued, zwnj_spelling="academy")


def test_unknown_zwnj_spelling_is_an_error():
    with pytest.raises(ValueError, match="unknown ZWNJ spelling 'farhangestan'"):
        normalize("آنها", zwnj_spelling="farhangestan")


@pytest.mark.parametrize(
    "word",
    [
        "میز", "میزان", "میان", "میدان", "میلیارد", "مینسک", "میر", "تهران", "تنها",
        "بیشتر", "بیشترین", "بهترین", "کمتر", "دفتر", "متر", "کیلومتر", "سهام", "الهام",
        "نهایی", "رهایی", "کشورها", "همکاری", "دریای", "آسیای", "ترکیه", "مقدمه",
    ],
)  # fmt: skip
def test_words_that_only_look_affixed_are_left_alone(word):
    assert normalize(f"این {word} است") == f"این {word} است"


@pytest.mark.parametrize(
    "text",
    [
        "این بخش از گزارش",
        "ساز و آواز",
        "نفت زده شد",
        "این گونه گیاه",
        "گذار به دموکراسی",
        "ای دوست",
    ],
)
def test_words_that_can_stand_alone_are_not_glued(text):
    assert normalize(text) == text


def test_existing_zwnj_is_kept_and_invisible_ones_removed():
    assert normalize(f"سیاست{Z}های کشور{Z}ها") == f"سیاست{Z}های کشورها"
    assert normalize(f"{Z}نفت{Z}{Z}ها {Z}") == f"نفت{Z}ها"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("نفت ، گاز و برق .", "نفت، گاز و برق."),
        ("( بعد از روسیه )", "(بعد از روسیه)"),
        ("« اصلاحات »", "«اصلاحات»"),
        ("مسکو،باکو؛ایروان", "مسکو، باکو؛ ایروان"),
        ("سه   فاصله", "سه فاصله"),
        ("۱۹۹۷ - ۲۰۰۳", "۱۹۹۷ - ۲۰۰۳"),
        ("۲.۵ درصد", "۲.۵ درصد"),
        ("روسیه عقب‌نشینی کرده است.اگر ارمنستان", "روسیه عقب‌نشینی کرده است. اگر ارمنستان"),
        ("در سال ۵۵۰ ق.م بنا شد", "در سال ۵۵۰ ق.م بنا شد"),
        ("www.example.com را ببینید", "www.example.com را ببینید"),
        # a comma between digits separates thousands (TICO-19 writes ۵۷۱،۶۷۸): one number
        ("مجموع ۵۷۱،۶۷۸ مورد", "مجموع ۵۷۱،۶۷۸ مورد"),
        ("در سال،۱۳۹۹", "در سال، ۱۳۹۹"),
    ],
)
def test_spacing_around_punctuation(raw, expected):
    assert normalize(raw) == expected


def test_output_is_nfc():
    decomposed = unicodedata.normalize("NFD", "مسئله رئیس آذربایجان")
    assert normalize(decomposed) == unicodedata.normalize("NFC", decomposed)


def key_of_whole_text(text: str) -> str:
    """The matching key as defined on the whole text: NFKC, letter variants, no marks, ASCII
    digits, case folded, no white space."""
    text = unicodedata.normalize("NFKC", text).translate(LETTERS).translate(KEY_LETTERS)
    text = "".join(c for c in text if not unicodedata.category(c).startswith("M"))
    text = "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in text)
    return "".join(text.casefold().split())


@settings(max_examples=500, deadline=None)
@given(
    st.text(st.sampled_from([*"تعیین‌کننده ي ك ة أ ۱٢3 «»،؟e", "\u064b", "\u0650", "\ufb8e", "\ufefb",
                             "\u00e9", "\u0301", "\u00df", "\u0130", "\ufb01", "\u212b",
                             "\u200f", "\u00a0"])
            | st.characters(), max_size=30)
)  # fmt: skip
def test_matching_key_is_that_of_the_whole_text(text):
    assert matching_key(text) == key_of_whole_text(text)


def test_matching_key_folds_spelling_variants():
    key = matching_key(f"تعیین{Z}کننده")
    assert key == matching_key("تعیین کننده") == matching_key("تعيينكننده")
    assert matching_key("رژیمِ حقوقی") == matching_key("رژیم حقوقی")
    assert matching_key("۱۹۹۷") == matching_key("1997") == "1997"
    assert matching_key("مسئله") != matching_key("مسئول")


def test_normalized_article_has_no_arabic_forms_or_stray_letters(article_text):
    assert not re.search("[يكہىة]", article_text)
    assert not re.search(
        r"[\u0621-\u064a\u067e-\u06cc][A-Za-z\u0400-\u04ff]|[A-Za-z\u0400-\u04ff][\u0621-\u064a\u067e-\u06cc]",
        article_text,
    )
    assert unicodedata.normalize("NFC", article_text) == article_text


PUNCTUATION = [Z, " ", " ", "\n", "،", ".", "؟", "!", "«", "»", "(", ")", "ـ", "\u064b", "ۀ"]
PUNCTUATION += ["ة", "\u200d", "д", "a", "\u200f", "\u200e", "\u061c", "\u2067", "\u202b"]
PERSIAN_TEXT = st.text(
    alphabet=st.sampled_from(
        [*"ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیآئؤءيكہى۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", *PUNCTUATION]
    ),
    max_size=60,
)


@settings(max_examples=400, deadline=None)
@given(PERSIAN_TEXT)
def test_normalization_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "میگیرد",
                "سیاستهای",
                "منطقهای",
                "میز",
                "تهران",
                "بزرگترین",
                "می",
                "ها",
                "کند",
                "دفتر",
                "داده",
                "اند",
                "نفت",
            ]
        ),
        max_size=8,
    )
)
def test_normalization_is_idempotent_on_words(words):
    once = normalize(" ".join(words))
    assert normalize(once) == once
