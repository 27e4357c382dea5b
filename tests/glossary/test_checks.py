"""The check rules on the article's real units: quiet on the reference, firing on units altered
to break them. False alarms are the failure this stage exists to avoid, so the bundled corpus and
glossary must give no error at all."""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.checks import (
    ALL_RULES,
    RULES,
    DeprecatedTerm,
    Finding,
    ForbiddenTerm,
    InconsistentTranslation,
    MissingTerm,
    MixedScript,
    NumberMismatch,
    SegmentPair,
    Severity,
    UnmatchedTargetTerm,
    Untranslated,
    check_units,
)
from glossary.figures import figures
from glossary.model import Glossary, Status, Term
from tm.batch import align_project
from tm.unit import TranslationUnit

Z = "\u200c"
ROOT = Path(__file__).resolve().parents[2]

# Concepts of the article, as the bundled glossary has them (kept here so that these tests do not
# move when editors change the workbook).
ARTICLE = Glossary(
    (
        Term("caspian-sea", "caspian", "دریای خزر", "Caspian Sea", fa_variants=("دریای مازندران",),
             forbidden=("Khazar Sea", "Mazandaran Sea")),
        Term("caspian-legal-regime", "caspian", "رژیم حقوقی دریای خزر",
             "legal regime of the Caspian Sea", forbidden=("legal status of the Caspian Sea",)),
        Term("legal-status", "caspian", "وضعیت حقوقی", "legal status"),
        Term("continental-shelf", "caspian", "فلات قاره", "continental shelf"),
        Term("littoral-states", "caspian", "کشورهای ساحلی", "littoral states",
             en_variants=("littoral countries",), forbidden=("coastal countries",)),
        Term("national-sectors", "caspian", f"بخش{Z}های ملی", "national sectors"),
        Term("karabakh", "karabakh", f"قره{Z}باغ", "Nagorno-Karabakh",
             forbidden=("Karabagh", "Nagorno-Karabagh")),
        Term("minsk-group", "karabakh", "گروه مینسک", "Minsk Group"),
        Term("peacekeeping-forces", "karabakh", "نیروهای پاسدار صلح", "peacekeeping forces",
             fa_variants=("نیروهای حافظ صلح",), forbidden=("peace guard forces",)),
        Term("ceasefire", "karabakh", "آتش بس", "ceasefire", en_variants=("cease-fire",)),
        Term("mediator", "karabakh", "میانجی", "mediator", fa_variants=(f"میانجی{Z}گر",)),
        Term("osce", "karabakh", "سازمان امنیت و همکاری در اروپا",
             "Organization for Security and Co-operation in Europe", en_variants=("OSCE",)),
        Term("csce", "karabakh", "کنفرانس امنیت و همکاری در اروپا",
             "Conference on Security and Co-operation in Europe", status=Status.DEPRECATED,
             note="renamed OSCE in 1995: use osce"),
        Term("cis", "cis", f"جامعه کشورهای مستقل مشترک{Z}المنافع",
             "Commonwealth of Independent States", en_variants=("CIS",)),
        Term("baku-ceyhan", "energy", "باکو - جیحون", "Baku–Ceyhan"),
        Term("oil-cartels", "energy", f"کارتل{Z}های نفتی", "oil cartels"),
        Term("transnational-companies", "energy", f"کمپانی{Z}های فراملیتی",
             "transnational companies"),
        Term("lukoil", "energy", f"لوک{Z}اویل", "LUKoil", case_sensitive=True),
        Term("heydar-aliyev", "people", f"حیدر علی{Z}اف", "Heydar Aliyev"),
        Term("ter-petrosyan", "people", "ترپتروسیان", "Ter-Petrosyan",
             fa_variants=("پتروسیان",)),  # the article's (the author's) form
        Term("nezavisimaya-gazeta", "periodicals", "نزاویسیمایا گازتا", "Nezavisimaya Gazeta"),
        Term("transcaucasia", "states", "ماوراء قفقاز", "Transcaucasia",
             fa_variants=("ماورای قفقاز",)),
        Term("russia", "states", "روسیه", "Russia"),
        Term("azerbaijan", "states", "آذربایجان", "Azerbaijan"),
        Term("west", "states", "غرب", "West"),
        Term("oil", "energy", "نفت", "oil"),
        Term("dawn", "periodicals", "داون", "Dawn", case_sensitive=True),
        Term("geo-economics", "energy", "ژئواکونومی", "geo-economics", status=Status.PROPOSED),
    )
)  # fmt: skip


@pytest.fixture(scope="module")
def units(example_project) -> dict[str, TranslationUnit]:
    results = align_project(example_project)
    return {unit.tuid.split(":")[-1]: unit for result in results for unit in result.units}


def bundled_glossary() -> Glossary:
    """The bundled termbase (glossary/terms.xlsx)."""
    from glossary.workbook import load_glossary

    return load_glossary(ROOT / "glossary" / "terms.xlsx")


def altered(unit: TranslationUnit, *, source=("", ""), target=("", "")) -> TranslationUnit:
    """*unit* with one substring of its source and/or target replaced (which must be there)."""
    for (old, _new), text in ((source, unit.source), (target, unit.target)):
        assert old in text, f"{old!r} is no longer in {unit.tuid}"
    return dataclasses.replace(
        unit,
        source=unit.source.replace(*source) if source[0] else unit.source,
        target=unit.target.replace(*target) if target[0] else unit.target,
    )


def run(rule, *pairs, glossary: Glossary = ARTICLE) -> list[Finding]:
    return check_units(pairs, glossary, rules=[rule])


def ids(findings: list[Finding]) -> list[tuple[str, str]]:
    return [(f.rule, f.term_id) for f in findings]


# --- the acceptance criterion --------------------------------------------------------------


def test_bundled_corpus_and_glossary_give_no_error(units):
    glossary = bundled_glossary()
    findings = check_units(units.values(), glossary)
    errors = [
        f"{f.tuid} {f.rule} {f.term_id}: {f.message}" for f in findings if f.severity == "error"
    ]
    assert errors == []
    warnings = Counter(f.rule for f in findings)
    assert sum(warnings.values()) <= len(units) // 10, warnings  # a handful, each reviewable


def test_article_concepts_give_no_error_either(units):
    assert [f for f in check_units(units.values(), ARTICLE) if f.severity == "error"] == []


# --- term-missing ---------------------------------------------------------------------------


def test_missing_term_is_quiet_on_the_reference(units):
    assert run(MissingTerm, units["b28"], units["b102"], units["b22"], units["b20"]) == []


def test_missing_term_fires_when_the_term_is_replaced(units):
    unit = altered(units["b28"], target=("Nagorno-Karabakh", "Artsakh"))
    (finding,) = run(MissingTerm, unit)
    assert (finding.rule, finding.severity, finding.term_id) == (
        "term-missing",
        "error",
        "karabakh",
    )
    assert finding.expected == "Nagorno-Karabakh" and finding.tuid == "caucasus-oil-policy:b28"
    assert f"«قره{Z}باغ»" in finding.message


@pytest.mark.parametrize(
    "spelling", [f"قره{Z}باغ", "قره باغ", "قرهباغ"], ids=["zwnj", "space", "joined"]
)
def test_spacing_variant_of_a_term_still_matches(units, spelling):
    # b102 has the article's own spaced spelling, قره باغ
    unit = altered(units["b102"], source=("قره باغ", spelling))
    assert run(MissingTerm, unit) == []
    broken = altered(unit, target=("in Nagorno-Karabakh", "in the region"))
    assert ids(run(MissingTerm, broken)) == [("term-missing", "karabakh")]


def test_inflected_term_still_matches(units):
    # b90: میانجی‌گران (the agent plural) is the mediator concept
    assert run(MissingTerm, units["b90"]) == []
    broken = altered(units["b90"], target=("the mediators' eye", "the eye of the outside world"))
    assert ids(run(MissingTerm, broken)) == [("term-missing", "mediator")]


def test_plural_of_a_term_still_matches(units):
    unit = altered(units["b47"], source=(f"بخش{Z}های ملی", f"بخش{Z}های ملی{Z}ای"))
    assert run(MissingTerm, unit) == []
    broken = altered(unit, target=("national sectors", "zones"))
    assert ids(run(MissingTerm, broken)) == [("term-missing", "national-sectors")]


def test_word_merely_containing_a_term_does_not_match(units):
    # b63: ترکیه is not the ترک of ...; b124: میزان is not میز
    glossary = Glossary(
        (*ARTICLE.terms, Term("turk", "states", "ترک", "Turk"), Term("table", "x", "میز", "table"))
    )
    assert run(MissingTerm, units["b63"], units["b124"], glossary=glossary) == []
    spaced = altered(units["b124"], source=("میزان بالای", "میز ان بالای"))
    assert ids(run(MissingTerm, spaced, glossary=glossary)) == [("term-missing", "table")]


def test_name_may_be_rendered_by_its_adjective(units):
    # b5: رهبران روسیه → Russian leaders; b31: سیاست قفقازی → Caucasus policy
    assert run(MissingTerm, units["b5"], units["b117"]) == []


def test_persian_adjective_may_be_rendered_by_the_english_adjective(units):
    # b27: کشورهای غربی → Western countries (غرب + the adjectival yeh)
    assert run(MissingTerm, units["b27"]) == []
    broken = altered(units["b27"], target=("Western countries", "Atlantic countries"))
    assert ids(run(MissingTerm, broken)) == [("term-missing", "west")]


def test_longest_term_is_the_one_required(units):
    # b94 has رژیم حقوقی دریای خزر: "the Caspian Sea" alone does not do
    broken = altered(
        units["b94"], target=("the legal regime of the Caspian Sea", "the Caspian Sea")
    )
    assert ids(run(MissingTerm, broken)) == [("term-missing", "caspian-legal-regime")]


def test_only_approved_terms_are_required():
    pair = SegmentPair("x", "ژئواکونومی خزر", "the economics of the Caspian")
    assert run(MissingTerm, pair) == []


# --- term-forbidden -------------------------------------------------------------------------


def test_forbidden_form_fires(units):
    unit = altered(units["b28"], target=("Nagorno-Karabakh", "Nagorno-Karabagh"))
    findings = run(ForbiddenTerm, unit)
    assert ids(findings) == [("term-forbidden", "karabakh")]
    assert findings[0].severity == Severity.ERROR and findings[0].expected == "Nagorno-Karabakh"


def test_forbidden_form_that_is_another_concepts_term_is_quiet_where_that_concept_is_meant(units):
    # b46: وضعیت حقوقی دریای خزر is the legal status of the Caspian Sea, which is forbidden for
    # the legal regime only
    assert run(ForbiddenTerm, units["b46"]) == []
    wrong = altered(units["b94"], target=("legal regime", "legal status"))
    assert ids(run(ForbiddenTerm, wrong)) == [("term-forbidden", "caspian-legal-regime")]


def test_a_forbidden_form_used_twice_is_one_finding_that_counts_them(units):
    unit = altered(units["b28"], target=("Nagorno-Karabakh", "Nagorno-Karabagh"))
    twice = dataclasses.replace(unit, target=f"{unit.target} Nagorno-Karabagh again.")
    [finding] = run(ForbiddenTerm, twice)
    assert finding.message.endswith("use 'Nagorno-Karabakh' (2 times)")
    [once] = run(ForbiddenTerm, unit)
    assert once.message.endswith("use 'Nagorno-Karabakh'")


def test_forbidden_form_inserted_anywhere_fires(units):
    unit = altered(units["b37"], target=("the Caspian Sea", "the Khazar Sea"))
    assert ids(run(ForbiddenTerm, unit)) == [("term-forbidden", "caspian-sea")]
    assert run(ForbiddenTerm, units["b37"]) == []


# --- number-mismatch ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "tuid",
    ["b23", "b42", "b51", "b64", "b65", "b112", "b119", "b136", "b141", "b38", "b43", "b129"],
)
def test_figures_of_the_reference_match(units, tuid):
    # percentages (۸۰ درصد = 80 per cent), ranges (۱۹۹۷ - ۲۰۰۳ = 1997–2003), $10 billion,
    # dates, and figures in words on both sides (دویست میلیارد = two hundred billion)
    assert run(NumberMismatch, units[tuid]) == []


def test_changed_year_fires(units):
    unit = altered(units["b51"], target=("in 1990", "in 1991"))
    (finding,) = run(NumberMismatch, unit)
    assert finding.rule == "number-mismatch" and finding.severity == Severity.ERROR
    assert finding.message == (
        "1990 in the source but not in the target; 1991 in the target but not in the source"
    )
    assert finding.expected == "1990"


def test_changed_percentage_fires(units):
    unit = altered(units["b42"], target=("20 per cent", "30 per cent"))
    assert [f.expected for f in run(NumberMismatch, unit)] == ["20"]
    assert run(NumberMismatch, altered(units["b42"], target=("20 per cent", "20%"))) == []


def test_figure_written_in_words_on_the_other_side_is_accepted(units):
    # b43: یک میلیارد دلار → one billion dollars; written $1 billion it still matches
    assert (
        run(NumberMismatch, altered(units["b43"], target=("one billion dollars", "$1 billion")))
        == []
    )
    # b119: ۳۰۰ written out in English
    assert run(NumberMismatch, altered(units["b119"], target=("300", "three hundred"))) == []
    assert run(NumberMismatch, altered(units["b119"], target=("300", "three"))) != []


def test_solar_year_and_its_gregorian_year_match(units):
    unit = altered(units["b136"], source=("۸ آوریل ۱۹۹۷", "۱۹ فروردین ۱۳۷۶"))
    assert [f.message for f in run(NumberMismatch, unit)] == [
        "19 in the source but not in the target; 8 in the target but not in the source"
    ]
    assert run(NumberMismatch, altered(units["b141"], source=("سال ۱۹۹۷", "سال ۱۳۷۶"))) == []


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("۸۰ درصد", "fa", {"80"}),
        ("۲/۵ میلیون", "fa", {"2500000"}),
        ("۲٫۵ میلیون", "fa", {"2500000"}),
        ("۸۰ هزار نفر", "fa", {"80000"}),
        ("80 thousand people", "en", {"80000"}),
        ("0.08% and .08%", "en", {"0.08"}),
        ("۱۲/۲۰۲۰", "fa", {"12", "2020"}),
        ("۱۳۷۶/۵/۱۲", "fa", {"1376", "5", "12"}),
        ("۱٬۲۰۰ نفر", "fa", {"1200"}),
        ("٢٠ درصد", "fa", {"20"}),
        ("1,200 people", "en", {"1200"}),
        ("2.50 per cent", "en", {"2.5"}),
        ("(1997–2003)", "en", {"1997", "2003"}),
        ("the 1990s", "en", set()),  # a decade, read aside (readings)
        ("twenty-first century", "en", set()),
        ("2.1. The subject of the agreement", "en", {"2", "1"}),
        ("۲-۱. موضوع قرارداد", "fa", {"2", "1"}),
        ("(۳-۲) تعهدات", "fa", {"3", "2"}),
        ("2.5 million people", "en", {"2500000"}),
        ("12.5 percent of 40", "en", {"12.5", "40"}),
    ],
)
def test_figures_are_read_as_values(text, language, expected):
    assert figures(text, language) == expected


def mismatch(fa: str, en: str) -> list[str]:
    return [f.message for f in run(NumberMismatch, SegmentPair("u1", fa, en))]


@pytest.mark.parametrize(
    ("fa", "en"),
    [
        # TICO-19 PubMed_6:169 (a part): 8:00 a.m. is ساعت ۸
        ("در ۱۵ مارس ساعت ۸ صبح، ۱۵ کشور", "as at 15 March 8:00 a.m., 15 other countries"),
        ("ساعت ۲۰ باز است", "It opens at 8 p.m."),
        ("ساعت ۸:۳۰ شب", "at 8.30 pm"),
        ("ساعت ۲۰:۳۰", "at 08:30 p.m."),
        ("جلسه ساعت ۸ است", "The meeting is at 08:00."),
        ("۸ صبح", "at 8 o'clock"),
        ("ساعت ۸ و ۳۰ دقیقه", "at 8:30"),  # the minutes as a plain number
        # TICO-19 Wikisource_2:2151 (a part): two times, one after a slash
        ("ساعت 14:00 به وقت UTC با 07:00 به وقت PT", "next Thursday, 14:00 UTC/07:00 PT"),
    ],
)
def test_a_time_of_day_compares_as_hour_and_minute(fa, en):
    assert mismatch(fa, en) == []


def test_a_different_time_of_day_fires():
    assert mismatch("ساعت ۹ صبح", "at 8:00 a.m.") == [
        "ساعت 9 صبح in the source but not in the target; 8:00 a.m. in the target but not in "
        "the source"
    ]
    assert mismatch("ساعت ۸:۳۰", "at 8:00") != []  # (8, 30) is not (8, 0)
    assert mismatch("ساعت ۸ صبح", "at 8 p.m.") != []  # 8 a.m. is not 20:00
    assert mismatch("ساعت ۸", "at 8 p.m.") == []  # ساعت ۸ is 8 or 20


@pytest.mark.parametrize(
    ("fa", "en"),
    [
        # TICO-19 wiki_5:2726 (a part)
        ("در دهه 40، دو کروناویروس حیوانی دیگر", "In the 1940s, two more animal coronaviruses"),
        ("در دهه ۱۹۴۰", "in the 1940s"),
        ("در دهه‌ی چهل", "in the 1940s"),
        ("در دهه ۴۰ میلادی", "in the '40s"),
        ("در دهه‌های ۱۹۵۰ و ۱۹۶۰", "in the 1950s and 1960s"),
    ],
)
def test_a_decade_matches_its_persian_forms(fa, en):
    assert mismatch(fa, en) == []


def test_a_different_decade_fires():
    assert mismatch("در دهه ۵۰", "in the 1940s") == [
        "دهه 50 in the source but not in the target; 1940s in the target but not in the source"
    ]
    assert mismatch("در دهه ۱۸۴۰", "in the 1940s") != []


@pytest.mark.parametrize(
    ("fa", "en"),
    [
        # TICO-19 Wikivoyage_1:2170: کووید-19 in the Persian only
        (
            "در 11 مارس 2020، سازمان بهداشت جهانی (WHO) اعلام کرد که کووید-19 یک پاندمی است.",
            "It was declared a pandemic by the World Health Organization (WHO) on 11 March 2020.",
        ),
        ("ویروس کرونا در ۳ کشور", "COVID-19 in 3 countries"),
        ("ویروس کرونا", "SARS-CoV-2, H1N1, MERS-CoV, G7, A4 and 5G"),
        ("کووید-۱۹ و کووید-19", "COVID-19"),
        ("این ویروس (2019-nCoV)", "the virus"),
        ("۱۹ مورد کووید", "19 COVID-19 cases"),
    ],
)
def test_digits_of_a_name_are_not_figures(fa, en):
    assert mismatch(fa, en) == []


def test_a_name_s_digits_count_where_the_other_side_writes_the_name():
    # TICO-19 PubMed_8:489 (a part): a real error, HCoV-NL63 written HCoV-NL6
    assert mismatch("HCoV-HKU1 و HCoV-NL6", "HCoV-HKU1 and HCoV-NL63") == [
        "HCoV-NL6 in the source but not in the target; HCoV-NL63 in the target but not in the "
        "source"
    ]
    # a number hyphened to a lowercase word, or apart from a name, is a figure
    assert mismatch("در میانه سال", "in mid-2020") != []
    assert mismatch("قرنطینه روزه", "a 10-day quarantine") != []
    assert mismatch("ویندوز", "Windows 10") != []
    assert mismatch("کووید ۲۰", "COVID-19") != []  # ۲۰ is a plain figure


def test_a_short_year_span_is_two_years():
    # TICO-19 Wikipedia_handpicked_5:1860
    fa, en = (
        "تأثیر پاندمی کرونایروس 2020-2019 بر آموزش",
        "Impact of the 2019–20 coronavirus pandemic",
    )
    assert mismatch(fa, en) == []
    assert figures("1957-58 and 1998-02", "en") == {"1957", "1958", "1998", "2"}
    # TICO-19 PubMed_6:176 (a part): Persian writes the span end first, 11-2010
    assert mismatch("در طی سالهای 11-2010 انجام شد", "performed in 2010–11") == []
    assert figures("سالهای ۱۱-۲۰۱۲", "fa") == {"11", "2012"}
    # TICO-19 Wikipedia_handpicked_1:1557 (a part): at the end of a sentence
    assert mismatch("از زمان بحران اقتصادی 08-2007 بود.", "since the crisis of 2007–08.") == []


# --- untranslated ---------------------------------------------------------------------------


def test_untranslated_is_quiet_on_the_reference(units):
    assert run(Untranslated, *units.values()) == []


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("", "the target is empty"),
        ("   ", "the target is empty"),
        (None, "the target is a copy of the source"),
        ("به طور حتم، روسیه با دید سیاسی به قفقاز می‌نگرد.", "the target is in Persian"),
        (
            "Russia has made its policy در قفقاز بسیار فعال very active.",
            "Persian left in the target: «در قفقاز بسیار فعال»",
        ),
    ],
    ids=["empty", "blank", "copy", "persian", "persian-phrase-left"],
)
def test_untranslated_target_fires(units, target, message):
    unit = units["b18"]
    unit = dataclasses.replace(unit, target=unit.source if target is None else target)
    findings = run(Untranslated, unit)
    assert [(f.rule, f.severity, f.message) for f in findings] == [
        ("untranslated", Severity.ERROR, message)
    ]


def test_a_persian_name_kept_in_the_target_is_not_untranslated(units):
    unit = altered(
        units["b43"], target=("Nezavisimaya Gazeta", "Nezavisimaya Gazeta (نزاویسیمایا گازتا)")
    )
    assert run(Untranslated, unit) == []


def english_to_persian(fa: str, en: str):
    from glossary.checks import CheckUnit

    return CheckUnit("u1", fa, en, into_persian=True)  # an en→fa TMX: Persian is the target


@pytest.mark.parametrize(
    "fa",
    [  # TICO-19's kind: addresses, names, acronyms and codes kept in Latin in Persian text
        "براساس PubMed (https://www.ncbi.nlm.nih.gov/pubmed/)، از زمان اولین گزارش",
        "گونه‌های HCoV-229E، HCoV-OC43، HCoV-HKU1 و HCoV-NL63 معمولا علائم خفیف مثل سرماخوردگی و یا اسهال ایجاد می‌کنند",
        "براساس تفاوت در توالی‌های پروتئینی، کروناویروس‌ها به چهار جنس (alpha-CoV، beta-CoV، gamma-CoV و delta-CoV) طبقه‌بندی می‌شوند",
        "کپسول‌های Shu Feng Jie Du در درمان موثر بودند",
        "نشانی info@example.org و www.example.org/contact/page را ببینید",
    ],
)
def test_names_codes_and_addresses_kept_in_latin_are_not_english_left(fa):
    assert run(Untranslated, english_to_persian(fa, "The English side of it.")) == []


def test_english_prose_left_in_a_persian_target_fires():
    fa = "کپسول‌های گیاهی در این مطالعه was found to be effective و در درمان بیماری موثر بودند"
    findings = run(Untranslated, english_to_persian(fa, "Capsules were found effective."))
    assert [f.message for f in findings] == [
        "English left in the target: «was found to be effective»"
    ]


def test_latin_source_copied_to_the_target_is_not_untranslated():
    assert run(Untranslated, SegmentPair("x", "OSCE", "OSCE")) == []


# --- term-unmatched-target ------------------------------------------------------------------


def test_unmatched_target_term_fires(units):
    unit = altered(units["b24"], target=("Caspian oil", "Caspian Sea oil"))
    findings = run(UnmatchedTargetTerm, unit)
    assert [(f.rule, f.severity, f.term_id) for f in findings] == [
        ("term-unmatched-target", Severity.WARNING, "caspian-sea")
    ]
    assert run(UnmatchedTargetTerm, units["b24"]) == []


def test_unmatched_target_is_quiet_on_derived_names_and_latin_names_in_the_source(units):
    # b5: Russian ← روسیه; b144: روزنامه DAWN → The newspaper Dawn
    assert run(UnmatchedTargetTerm, units["b5"], units["b144"], units["b117"]) == []


# --- inconsistent-translation ---------------------------------------------------------------


def test_identical_translations_of_one_source_are_consistent(units):
    # b26 and b95 are the same sentence, translated alike; b136 and b143 differ by a full stop
    assert run(InconsistentTranslation, *units.values()) == []


def test_different_translation_of_the_same_source_fires_on_both(units):
    other = altered(units["b95"], target=("Preserving the monopoly", "Keeping the monopoly"))
    findings = run(InconsistentTranslation, units["b26"], other)
    assert [(f.tuid, f.severity) for f in findings] == [
        ("caucasus-oil-policy:b26", Severity.WARNING),
        ("caucasus-oil-policy:b95", Severity.WARNING),
    ]
    assert findings[0].expected == other.target
    assert "caucasus-oil-policy:b95" in findings[0].message


def test_same_source_by_matching_key_is_the_same_source(units):
    spaced = altered(
        units["b95"], source=("اجازه خواهد داد", "اجازه خواهد داد"), target=("allow", "let")
    )
    spaced = dataclasses.replace(spaced, source=spaced.source.replace(Z, " "))
    assert len(run(InconsistentTranslation, units["b26"], spaced)) == 2


# --- mixed-script ---------------------------------------------------------------------------


def test_mixed_script_is_quiet_on_the_reference(units):
    # b144 has the Latin DAWN beside Persian words, as separate words
    assert run(MixedScript, *units.values()) == []


@pytest.mark.parametrize(
    ("source", "target", "message"),
    [
        # the raw article's own stray: a Cyrillic дан inside متحدان
        ("متحدانش", "متحдانش", "'متحдانش' in the source mixes Arabic and Cyrillic letters"),
        ("DAWN،", "DAWNکراچی،", "'DAWNکراچی' in the source mixes Arabic and Latin letters"),
    ],
)
def test_mixed_script_word_fires(units, source, target, message):
    tuid = "b5" if source == "متحدانش" else "b144"
    findings = run(MixedScript, altered(units[tuid], source=(source, target)))
    assert [(f.rule, f.severity, f.message) for f in findings] == [
        ("mixed-script", Severity.WARNING, message)
    ]


def test_homoglyph_in_the_target_fires(units):
    unit = altered(units["b37"], target=("Caspian", "Cаspian"))  # Cyrillic а
    assert [f.message for f in run(MixedScript, unit)] == [
        "'Cаspian' in the target mixes Cyrillic and Latin letters"
    ]


# --- deprecated-term ------------------------------------------------------------------------


def test_deprecated_term_fires(units):
    unit = altered(
        units["b116"],
        target=("Organization for Security", "Conference on Security"),
    )
    findings = run(DeprecatedTerm, unit)
    assert [(f.rule, f.severity, f.term_id) for f in findings] == [
        ("deprecated-term", Severity.WARNING, "csce")
    ]
    assert "renamed OSCE" in findings[0].message
    assert run(DeprecatedTerm, units["b116"]) == []


# --- the registry and the runner ------------------------------------------------------------


def test_registry_lists_every_rule_with_its_severity_without_running_it():
    assert {rule_id: rule.severity.value for rule_id, rule in RULES.items()} == {
        "unresolved-msgcat-conflict": "error",
        "term-missing": "error",
        "term-forbidden": "error",
        "number-mismatch": "error",
        "untranslated": "error",
        "term-unmatched-target": "warning",
        "inconsistent-translation": "warning",
        "mixed-script": "warning",
        "deprecated-term": "warning",
    }
    assert all(rule.title and rule.id == rule_id for rule_id, rule in RULES.items())
    assert tuple(RULES.values()) == ALL_RULES


def test_check_units_takes_any_iterable_and_is_deterministic(units):
    broken = altered(units["b51"], target=("1990", "1991"))
    chosen = [units["b50"], broken, units["b52"]]
    first = check_units(iter(chosen), ARTICLE)
    assert first == check_units(chosen, ARTICLE)
    assert [(f.tuid, f.rule, f.document) for f in first] == [
        ("caucasus-oil-policy:b51", "number-mismatch", "caucasus-oil-policy")
    ]


def test_findings_are_values():
    finding = check_units([SegmentPair("x", "سال ۱۹۹۷", "in 1998")], ARTICLE)[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.rule = "other"  # type: ignore[misc]


def test_a_tm_checked_in_chunks_and_workers_gives_the_findings_of_one_pass(units, monkeypatch):
    from glossary import checks

    # b95 translated otherwise, far from b26 and b95 (other chunks) and with a Cyrillic
    # homoglyph: its inconsistent-translation (the TM's translation is theirs, three units to
    # one) comes before its mixed-script, as the rules are ordered
    other = altered(
        units["b95"], target=("Preserving the monopoly", "Keeping the monоpoly")
    )  # Cyrillic о
    marked = altered(units["b50"], target=("", ""))
    marked = dataclasses.replace(marked, target="#-#-#-#-#  a.po  #-#-#-#-#\n" + marked.target)
    broken = altered(units["b51"], target=("1990", "1991"))
    tm = [*units.values(), other, marked, broken, units["b26"]]
    whole = check_units(tm, ARTICLE)  # fewer units than a chunk: one pass, in this process
    monkeypatch.setattr(checks, "CHUNK", 7)
    assert check_units(tm, ARTICLE, jobs=1) == whole
    assert check_units(tm, ARTICLE, jobs=2) == whole
    assert [(f.tuid.split(":")[1], f.rule, f.expected) for f in whole[-5:]] == [
        ("b95", "inconsistent-translation", units["b95"].target),
        ("b95", "mixed-script", ""),
        ("b50", "unresolved-msgcat-conflict", ""),
        ("b51", "number-mismatch", "1990"),
        ("b51", "inconsistent-translation", units["b51"].target),  # one to one: both reported
    ]


def test_every_letter_of_the_arabic_block_is_arabic():
    # mixed-script skips a text whose letters are all of U+0600–U+06FF: none can mix scripts
    from glossary.checks import OUTSIDE_ARABIC, _script

    block = [chr(code) for code in range(0x600, 0x700)]
    assert {_script(c) for c in block if c.isalpha()} == {"Arabic"}
    assert not any(OUTSIDE_ARABIC.search(c) for c in block)
    assert OUTSIDE_ARABIC.search("دریای Caspian") and OUTSIDE_ARABIC.search("متحдан")


@settings(max_examples=300, deadline=None)
@given(
    forms=st.lists(st.text("RusiaEconmyTrkh -", min_size=1, max_size=12), min_size=1, max_size=3),
    text=st.text("rusianechomyicTRKh -.", max_size=30),
    case_sensitive=st.booleans(),
)
def test_the_quick_test_never_misses_a_derived_word(forms, text, case_sensitive):
    from glossary.checks import _derivable, _derived_pattern

    term = Term(
        "t", "d", "ف", forms[0], en_variants=tuple(forms[1:]), case_sensitive=case_sensitive
    )
    if _derived_pattern(term).search(text):
        assert _derivable(term, text)
