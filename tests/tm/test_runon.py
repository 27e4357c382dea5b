"""Run-on segments split by the aligner (tm/runon.py)."""

from corpus.document import Kind, Segment
from tm.align import align_segments
from tm.runon import english_boundaries, persian_boundaries, split_run_ons

ZWNJ = "\u200c"


def segments(*texts: str) -> list[Segment]:
    return [Segment(f"p1.s{n}", "p1", Kind.BODY, text) for n, text in enumerate(texts, start=1)]


def test_persian_boundaries_follow_a_finite_verb_not_a_continuing_word():
    text = f"آیا اکنون مشکلی در تنفس دارید آیا علایم دیگری دارید و تب هم می{ZWNJ}کنید"
    assert [text[:offset].split()[-1] for offset in persian_boundaries(text)] == ["دارید"]


def test_english_boundaries_where_a_segmenter_has_no_space_or_kept_the_mark():
    glued = "Hands can be cleaned with ash.The World Health Organization agrees."
    assert [glued[:offset][-4:] for offset in english_boundaries(glued)] == ["ash."]
    kept = "Studies used vitamin D. Large studies are underway."
    assert [kept[:offset][-3:] for offset in english_boundaries(kept)] == [" D."]
    opener = "the schools closed The shops stayed open"
    assert [opener[:offset][-6:] for offset in english_boundaries(opener)] == ["closed"]


def test_a_run_on_english_segment_facing_two_persian_sentences_is_split_and_said_so():
    fa = segments(
        "جلسه ساعت ده صبح در ساختمان شهرداری برگزار می‌شود.",
        "پس از جلسه، همه برای ناهار به رستوران کنار رودخانه می‌روند.",
    )
    text = (
        "The meeting will be held at ten in the morning at the town hall.After the meeting, "
        "everyone will go to the restaurant by the river for lunch."
    )
    en = segments(text)
    source, target, alignment = split_run_ons(fa, en, align_segments(fa, en))
    assert [(b.source, b.target) for b in alignment.beads] == [((0,), (0,)), ((1,), (1,))]
    assert [s.text for s in target] == [
        "The meeting will be held at ten in the morning at the town hall.",
        "After the meeting, everyone will go to the restaurant by the river for lunch.",
    ]
    assert "".join(s.text for s in target).replace(" ", "") == text.replace(" ", "")
    assert [b.split for b in alignment.beads] == ["p1.s1a", "p1.s1b"]
    assert [s.id for s in target] == ["p1.s1a", "p1.s1b"] and source == fa


def test_a_sentence_translated_by_two_is_not_cut_without_a_boundary():
    fa = segments("جمهوری آذربایجان در سال ۱۹۹۱ استقلال یافت و نفت خزر را به غرب گشود.")
    en = segments("Azerbaijan became independent in 1991.", "It opened Caspian oil to the West.")
    alignment = align_segments(fa, en)
    source, target, split = split_run_ons(fa, en, alignment)
    assert source == fa and target == en and split == alignment


def test_align_split_run_ons_option_writes_the_halves_as_units(tmp_path, capsys):
    from tm.cli import main
    from tm.tmx import read_tmx

    fa, en, out = tmp_path / "fa.txt", tmp_path / "en.txt", tmp_path / "pair.tmx"
    fa.write_text(
        "جلسه ساعت ده صبح در ساختمان شهرداری برگزار می‌شود. "
        "پس از جلسه، همه برای ناهار به رستوران کنار رودخانه می‌روند.\n",
        encoding="utf-8",
    )
    en.write_text(
        "The meeting will be held at ten in the morning at the town hall We will all go to "
        "the restaurant by the river for lunch after the meeting.\n",
        encoding="utf-8",
    )
    assert main(["align", str(fa), str(en), "-o", str(out)]) == 0
    assert len(list(read_tmx(out))) == 1 and "run-on" not in capsys.readouterr().out
    assert main(["align", str(fa), str(en), "-o", str(out), "--split-run-ons"]) == 0
    assert "1 run-on segments split into 2" in capsys.readouterr().out
    assert [u.target for u in read_tmx(out)] == [
        "The meeting will be held at ten in the morning at the town hall",
        "We will all go to the restaurant by the river for lunch after the meeting.",
    ]


def _verbs_before_boundaries(text: str) -> list[str]:
    return [text[:offset].split()[-1] for offset in persian_boundaries(text)]


def test_persian_boundaries_follow_a_past_stem_or_perfect_alone_never_inside_a_compound_verb():
    simple_past = "کارخانه پارسال گشایش یافت کارگران از شهر دیگری آمدند"
    perfect = f"او ده سال در این شهر زیسته{ZWNJ}اید کارها را می{ZWNJ}شناسید"
    compound = (
        "این سد تا سال آینده ساخته خواهد شد کشاورزان آب بیشتری خواهند داشت "
        "دولت هزینه را پرداخته است شهروندان راضی بودند گزارشی نوشته شد همه خواندند"
    )
    assert _verbs_before_boundaries(simple_past) == ["یافت"]
    assert _verbs_before_boundaries(perfect) == [f"زیسته{ZWNJ}اید"]
    assert _verbs_before_boundaries(compound) == ["شد", "داشت", "است", "بودند", "شد"]


def test_a_run_on_of_three_sentences_facing_three_is_split_into_three():
    fa = segments(
        "قیمت نفت در سال ۲۰۲۰ به شدت کاهش یافت دولت بودجه را در ماه مه اصلاح کرد "
        "این تصمیم ۳ میلیارد دلار صرفه‌جویی به همراه داشت."
    )
    en = segments(
        "Oil prices fell sharply in 2020.",
        "The government revised the budget in May.",
        "This decision saved 3 billion dollars.",
    )
    alignment = align_segments(fa, en)
    assert [(b.source, b.target) for b in alignment.beads] == [((0,), (0, 1, 2))]
    source, target, split = split_run_ons(fa, en, alignment)
    assert [(b.source, b.target) for b in split.beads] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    assert [s.text.split()[-1] for s in source] == ["یافت", "کرد", "داشت."]
    assert [b.split for b in split.beads] == ["p1.s1a", "p1.s1b", "p1.s1c"] and target == en
