"""The sentence aligner: the bundled article against its gold, and synthetic pairs of real text."""

import pytest
from synthetic import build, sentence_pairs

from corpus.document import Kind, Segment
from corpus.gold import read_gold
from tm.align import align_segments
from tm.anchors import agreement, source_anchors, target_anchors
from tm.evaluate import evaluate_alignment, score
from tm.translit import english_skeleton, persian_skeletons


@pytest.fixture(scope="module")
def gold(article_folder):
    return read_gold(article_folder.gold)


@pytest.fixture(scope="module")
def english(article_folder):
    from corpus.pipeline import load_document

    return load_document(article_folder.english, article_folder.target_language())


def test_article_with_gold_segments_reaches_f1_098(gold):
    assert evaluate_alignment(gold).f1 >= 0.98


def test_article_end_to_end_with_own_segmentation_reaches_f1_098(gold, article, english):
    result = evaluate_alignment(gold, (article, english), srclang="fa-IR", tgtlang="en-GB")
    assert result.f1 >= 0.98, result


def test_no_footnote_is_aligned_with_body_text(article_segments, english):
    from corpus.pipeline import segment_document

    target = segment_document(english, "en-GB")
    for bead in align_segments(article_segments, target).beads:
        kinds = {article_segments[i].kind is Kind.FOOTNOTE for i in bead.source}
        kinds |= {target[j].kind is Kind.FOOTNOTE for j in bead.target}
        assert len(kinds) == 1, bead


PAIRS = sentence_pairs()


@pytest.mark.parametrize(
    ("distortion", "floor"),
    [
        pytest.param({}, 0.99, id="paragraphs-agree"),
        pytest.param({"shuffle_target_paragraphs": True}, 0.99, id="target-paragraphs-shuffled"),
        pytest.param({"no_paragraphs": True}, 0.99, id="no-paragraph-breaks"),
        pytest.param({"merge_target": 0.05}, 0.99, id="english-merges-5pc"),
        pytest.param({"merge_source": 0.05}, 0.98, id="persian-merges-5pc"),
        pytest.param({"drop": 0.05}, 0.88, id="5pc-sentences-dropped"),
        pytest.param(
            {
                "drop": 0.03,
                "merge_target": 0.03,
                "merge_source": 0.03,
                "shuffle_target_paragraphs": True,
            },
            0.93,
            id="everything-at-once",
        ),
    ],
)
def test_synthetic_pairs_of_real_sentences(distortion, floor):
    for seed in range(2):
        source, target, gold = build(PAIRS, seed, **distortion)
        beads = align_segments(source, target).beads
        result = score([(b.source, b.target) for b in beads], gold)
        assert result.f1 >= floor, (seed, result)


def test_paragraph_breaks_are_trusted_only_when_they_correspond():
    source, target, _ = build(PAIRS, 0)
    assert align_segments(source, target).paragraphs_trusted
    source, target, _ = build(PAIRS, 0, shuffle_target_paragraphs=True)
    assert not align_segments(source, target).paragraphs_trusted


def test_low_confidence_marks_a_wrong_pair():
    fa = [
        Segment(
            "p1.s1", "p1", Kind.BODY, "در سال ۱۹۹۷ بیش از ۳۰۰ کارشناس نظامی ترکی در باکو بودند."
        )
    ]
    en = [Segment("p1.s1", "p1", Kind.BODY, "The weather was fine.")]
    assert align_segments(fa, en).beads[0].confidence < 0.5


@pytest.mark.parametrize(
    ("persian", "english"),
    [("مینسک", "Minsk"), ("جاپاریدزه", "Japaridze"), ("پتروسیان", "Petrosyan"),
     ("لوک‌اویل", "LUKoil"), ("کراچی", "Karachi"), ("مسکو", "Moscow"), ("واشنگتن", "Washington"),
     ("آذربایجان", "Azerbaijan"), ("نزاویسیمایا", "Nezavisimaya"), ("شاکوم", "Shakkum")],
)  # fmt: skip
def test_names_match_through_transliteration(persian, english):
    assert english_skeleton(english) in persian_skeletons(persian)


def test_anchors_count_shared_names_and_numbers_and_penalise_missing_numbers():
    fa = source_anchors("روزنامه DAWN، چاپ کراچی، پاکستان، ۲۰ ژوئن ۱۹۹۷.")
    en = target_anchors("The newspaper Dawn, Karachi, Pakistan, 20 June 1997.")
    shared, missing = agreement(fa, en)
    assert shared >= 5 and missing == 0
    assert agreement(fa, target_anchors("Dawn, Karachi, 21 June 1997."))[1] == 2


def test_a_persian_thousands_separator_is_one_number():
    # the Arabic comma between digit groups, as Persian writers use it (TICO-19, PMC7119513)
    fa = source_anchors("مجموع ۵۷۱،۶۷۸ مورد و ۲۶٬۴۹۴ مرگ")
    en = target_anchors("a total of 571,678 cases and 26,494 deaths")
    assert agreement(fa, en) == (2, 0)


def test_a_decimal_typed_with_a_slash_is_the_number_of_its_translation(tmp_path):
    # ۲/۵ is how Persian is typed; the pair used to be split into a 1-0 and a 0-1 bead
    from corpus.pipeline import load_document, segment_document

    (tmp_path / "fa.txt").write_text(
        "نرخ رشد اقتصادی در سال گذشته ۲/۵ درصد بود و انتظار می‌رود امسال به ۳/۱ درصد برسد.\n\n"
        "این فروشگاه هر روز باز است.\n",
        encoding="utf-8",
    )
    (tmp_path / "en.txt").write_text(
        "Economic growth last year was 2.5 percent and is expected to reach 3.1 percent this "
        "year.\n\nThis shop is open every day.\n",
        encoding="utf-8",
    )
    fa = segment_document(load_document(tmp_path / "fa.txt", "fa"), "fa")
    en = segment_document(load_document(tmp_path / "en.txt", "en"), "en")
    beads = align_segments(fa, en).beads
    assert [(b.source, b.target) for b in beads] == [((0,), (0,)), ((1,), (1,))]
    assert agreement(source_anchors(fa[0].text), target_anchors(en[0].text)) == (2, 0)
    assert agreement(source_anchors("باز 24/7"), target_anchors("open 24/7")) == (2, 0)


def test_alignment_is_deterministic(article_segments, english):
    from corpus.pipeline import segment_document

    target = segment_document(english, "en-GB")
    assert align_segments(article_segments, target) == align_segments(article_segments, target)


def test_glossary_concepts_are_anchors():
    from glossary.match import Matcher
    from glossary.model import Glossary, Term

    glossary = Glossary(
        (Term("pipeline", "energy", "خط لوله", "pipeline"),
         Term("baku-ceyhan", "energy", "باکو - جیحون", "Baku–Ceyhan"))
    )  # fmt: skip
    fa, en = "احداث خط لوله نفت مسیر باکو - جیحون", "the construction of the Baku–Ceyhan pipeline"
    without = agreement(source_anchors(fa), target_anchors(en))[0]
    terms = Matcher(glossary)
    with_terms = agreement(source_anchors(fa, terms), target_anchors(en, terms))[0]
    assert with_terms == without + 2


def test_end_to_end_on_a_pair_not_from_the_article(tmp_path):
    """100 sentences of other prose, Persian without its ZWNJs, through both pipelines."""
    from synthetic import DATA

    from corpus.gold import Bead, gold_tsv, read_gold
    from corpus.normalize import normalize

    fa = (DATA / "fa-zwnj-heldout.txt").read_text(encoding="utf-8").split("\n")
    en = (DATA / "parallel" / "heldout.en.txt").read_text(encoding="utf-8").split("\n")
    pairs = [(f.replace("\u200c", ""), e) for f, e in zip(fa, en, strict=True) if f]
    paragraphs = [pairs[start : start + 4] for start in range(0, len(pairs), 4)]
    (tmp_path / "fa.txt").write_text(
        "\n\n".join(" ".join(f for f, _ in p) for p in paragraphs) + "\n", encoding="utf-8"
    )
    (tmp_path / "en.txt").write_text(
        "\n\n".join(" ".join(e for _, e in p) for p in paragraphs) + "\n", encoding="utf-8"
    )
    beads = [Bead(f"b{n}", (normalize(f),), (e,)) for n, (f, e) in enumerate(pairs, 1)]
    (tmp_path / "gold.tsv").write_text(gold_tsv(beads), encoding="utf-8")
    from corpus.pipeline import load_document

    documents = (load_document(tmp_path / "fa.txt", "fa"), load_document(tmp_path / "en.txt", "en"))
    result = evaluate_alignment(
        read_gold(tmp_path / "gold.tsv"), documents, srclang="fa", tgtlang="en"
    )
    assert result.f1 >= 0.98, result


@pytest.mark.parametrize(("size", "dropped"), [(5, (1, 2, 3)), (6, (0, 2, 4)), (7, (1, 2, 5))])
def test_a_paragraph_that_lost_sentences_in_a_long_document_keeps_its_pairs(size, dropped):
    # a long document (paragraph breaks trusted overall) in which the translator left out
    # about half the sentences of one paragraph: its paragraphs' lengths no longer match, but
    # the sentences that were translated are still paired with their translations
    fa, en, gold = [], [], []
    paragraphs = 41
    for n, (persian, english) in enumerate(sentence_pairs()[: size * paragraphs]):
        paragraph, position = divmod(n, size)
        fa.append(Segment(f"s{n}", f"p{paragraph}", Kind.BODY, persian))
        if paragraph == paragraphs // 2 and position in dropped:
            gold.append(((len(fa) - 1,), ()))
            continue
        en.append(Segment(f"s{n}", f"p{paragraph}", Kind.BODY, english))
        gold.append(((len(fa) - 1,), (len(en) - 1,)))
    alignment = align_segments(fa, en)
    assert [(b.source, b.target) for b in alignment.beads] == gold


@pytest.mark.parametrize(
    ("persian", "english"),
    [
        ("جمعیت ایران در سال ۱۳۹۵ برابر ۷۹٬۹۲۶٬۲۷۰ نفر بود.",
         "The population of Iran in 2016 was 79,926,270."),
        ("این قانون در سال ۱۳۷۶ تصویب شد.", "The law was passed in 1997."),
        ("۲-۱. موضوع قرارداد عبارت است از تأمین ۵۰۰ تن فولاد.",
         "2.1. The subject of the agreement is the supply of 500 tonnes of steel."),
    ],
)  # fmt: skip
def test_a_converted_year_or_a_clause_number_is_no_number_on_one_side_only(persian, english):
    # a translator writes the Solar Hijri year as its Gregorian year, and 2.1 for ۲-۱
    def one(text):
        return [Segment("p1.s1", "p1", Kind.BODY, text)]

    (bead,) = align_segments(one(persian), one(english)).beads
    assert not any(doubt.startswith("numbers differ") for doubt in bead.doubts), bead.doubts
    wrong = english.replace("2016", "2020").replace("1997", "2003").replace("2.1.", "2.3.")
    (bead,) = align_segments(one(persian), one(wrong)).beads
    assert any(doubt.startswith("numbers differ") for doubt in bead.doubts), bead.doubts
