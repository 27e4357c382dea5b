"""The bundled glossary's forms are found where a translation uses them.

Each form added in the content revision (issue #16) is matched, with the glossary matcher that
``tmkit check`` uses, in a sentence or phrase of the kind it occurs in: the article itself, the
official texts its English follows (UNCLOS, the UN Security Council's resolutions, OSCE and US
usage), or the Persian of Iranian official and press usage. A form dropped from the workbook,
or one the matcher no longer finds, fails here.
"""

from __future__ import annotations

import pytest

from glossary.match import Matcher
from glossary.model import Glossary, bundled_glossary_path
from glossary.workbook import load_glossary

Z = "\u200c"


@pytest.fixture(scope="module")
def bundled() -> Glossary:
    return load_glossary(bundled_glossary_path())


@pytest.fixture(scope="module")
def matcher(bundled) -> Matcher:
    return Matcher(bundled)


def is_persian(text: str) -> bool:
    return any("\u0600" <= char <= "\u06ff" for char in text)


# (concept, form as the workbook has it, text, the span of text the form matches)
VARIANTS = [
    # the author's own form of a name (p16), kept in the Persian: a variant, not a fix
    ("ter-petrosyan", "پتروسیان",
     "تا زمان به قدرت رسیدن پتروسیان در سال ۱۹۹۰، ارمنستان به دنبال اتخاذ یک سیاست خارجی متوازن",
     "پتروسیان"),
    ("ter-petrosyan", "لئون ترپتروسیان",
     f"لئون ترپتروسیان، نخستین رئیس{Z}جمهور ارمنستان", "لئون ترپتروسیان"),
    ("peacekeeping-forces", "نیروهای حافظ صلح",
     "حفظ مصالحه و آتش بس بدون حضور نیروهای حافظ صلح روسی در قره باغ", "نیروهای حافظ صلح"),
    ("baku-ceyhan", "باکو - جیحان", "احداث خط لوله نفت باکو - جیحان", "باکو - جیحان"),
    ("baku-tbilisi-ceyhan", "خط لوله باکو - تفلیس - جیحان",
     "خط لوله باکو - تفلیس - جیحان در سال ۲۰۰۶ افتتاح شد.", "خط لوله باکو - تفلیس - جیحان"),
    ("baku-tbilisi-ceyhan", "باکو - تفلیس - جیحان",
     "نفت آذربایجان از مسیر باکو-تفلیس-جیحان صادر می‌شود.", "باکو-تفلیس-جیحان"),
    ("cis", f"کشورهای مستقل مشترک{Z}المنافع",
     f"آذربایجان در سال ۱۹۹۳ به کشورهای مستقل مشترک{Z}المنافع پیوست.",
     f"کشورهای مستقل مشترک{Z}المنافع"),
    ("occupied-territories", f"مناطق اشغال{Z}شده",
     f"خروج نیروهای اشغالگر از مناطق اشغال{Z}شده آذربایجان", f"مناطق اشغال{Z}شده"),
    # English: the OSCE's capitalisation, UNCLOS's spelling, the Security Council's wording
    ("minsk-group-co-chairs", "Minsk Group Co-Chairs",
     "The Minsk Group Co-Chairs presented new proposals to the parties.", "Minsk Group Co-Chairs"),
    ("minsk-group-co-chairs", "Co-Chairs of the Minsk Group",
     "a joint statement by the Co-Chairs of the Minsk Group", "Co-Chairs of the Minsk Group"),
    ("minsk-group-co-chairs", "OSCE Minsk Group Co-Chairs",
     "The OSCE Minsk Group Co-Chairs visited Baku and Yerevan.", "OSCE Minsk Group Co-Chairs"),
    ("minsk-group-co-chairs", "Minsk Group Co-Chairmen",
     "In 1997 the Minsk Group Co-Chairmen put forward a comprehensive proposal.",
     "Minsk Group Co-Chairmen"),
    ("minsk-group-co-chairs", "Co-Chairmen of the Minsk Group",
     "the Co-Chairmen of the Minsk Group (France, Russia and the United States)",
     "Co-Chairmen of the Minsk Group"),
    ("seabed", "sea-bed",
     "The continental shelf of a coastal State comprises the sea-bed and subsoil of the "
     "submarine areas that extend beyond its territorial sea", "sea-bed"),
    ("fishing-zone", "exclusive fishery zone",
     "Iceland extended its exclusive fishery zone to 50 nautical miles.", "exclusive fishery zone"),
    ("fishing-zone", "fishery zone", "the 12-mile fishery zone", "fishery zone"),
    ("us-state-department", "US Department of State",
     "The US Department of State welcomed the ceasefire.", "US Department of State"),
    ("us-state-department", "Department of State",
     "a spokesman for the Department of State said", "Department of State"),
    ("occupied-territories", "occupied areas",
     "immediate withdrawal of all occupying forces from the Kelbadjar district and other "
     "recently occupied areas of Azerbaijan", "occupied areas"),
]  # fmt: skip


# The concepts the revision added: every form of each, Persian and English, in a phrase.
RESOLUTIONS = {"822": "۸۲۲", "853": "۸۵۳", "874": "۸۷۴", "884": "۸۸۴"}
NEW_CONCEPTS = [
    ("tehran-convention", "کنوانسیون چارچوب حفاظت از محیط زیست دریایی دریای خزر",
     "کنوانسیون چارچوب حفاظت از محیط زیست دریایی دریای خزر در سال ۲۰۰۳ در تهران امضا شد.", None),
    ("tehran-convention", "کنوانسیون تهران", "دبیرخانه موقت کنوانسیون تهران", None),
    ("tehran-convention",
     "Framework Convention for the Protection of the Marine Environment of the Caspian Sea",
     "The Framework Convention for the Protection of the Marine Environment of the Caspian Sea "
     "entered into force on 12 August 2006.", None),
    ("tehran-convention", "Tehran Convention", "the Conference of the Parties to the Tehran "
     "Convention", "Tehran Convention"),
    ("exclusive-economic-zone", "منطقه انحصاری اقتصادی",
     "حقوق و صلاحیت دولت ساحلی در منطقه انحصاری اقتصادی", None),
    ("exclusive-economic-zone", "exclusive economic zone",
     "The exclusive economic zone shall not extend beyond 200 nautical miles from the baselines",
     None),
    ("exclusive-economic-zone", "EEZ", "fishing rights in the EEZ", None),
    ("delimitation", "تحدید حدود", "تحدید حدود فلات قاره میان کشورهای ساحلی", None),
    ("delimitation", "delimitation", "Delimitation of the continental shelf between States with "
     "opposite or adjacent coasts", "Delimitation"),
    ("internal-waters", f"آب{Z}های داخلی", f"آب{Z}های داخلی و دریای سرزمینی", None),
    ("internal-waters", "internal waters", "Waters on the landward side of the baseline of the "
     "territorial sea form part of the internal waters of the State.", None),
    ("baselines", "خطوط مبدأ", "روش خطوط مبدأ مستقیم", None),
    ("baselines", "خط مبدأ", f"عرض دریای سرزمینی از خط مبدأ اندازه{Z}گیری می{Z}شود.", None),
    ("baselines", "baselines", "the method of straight baselines joining appropriate points",
     None),
    ("baselines", "baseline", "the normal baseline for measuring the breadth of the territorial "
     "sea is the low-water line along the coast", None),
    ("caspian-summit", "اجلاس سران کشورهای ساحلی دریای خزر",
     "دومین اجلاس سران کشورهای ساحلی دریای خزر در تهران برگزار شد.", None),
    ("caspian-summit", "اجلاس سران کشورهای ساحلی خزر",
     "پنجمین اجلاس سران کشورهای ساحلی خزر در آکتائو", None),
    ("caspian-summit", "اجلاس سران خزر", "بیانیه اجلاس سران خزر", None),
    ("caspian-summit", "Caspian Summit", "the Fifth Caspian Summit in Aktau", None),
    ("caspian-summit", "summit of the Caspian littoral states",
     "the first summit of the Caspian littoral states, in Ashgabat in 2002", None),
    ("osce", "سازمان امنیت و همکاری اروپا", "نشست سازمان امنیت و همکاری اروپا در وین", None),
    ("osce-chairman-in-office", f"رئیس دوره{Z}ای سازمان امنیت و همکاری در اروپا",
     f"رئیس دوره{Z}ای سازمان امنیت و همکاری در اروپا از باکو دیدار کرد.", None),
    ("osce-chairman-in-office", f"رئیس دوره{Z}ای سازمان امنیت و همکاری اروپا",
     f"بیانیه رئیس دوره{Z}ای سازمان امنیت و همکاری اروپا", None),
    ("osce-chairman-in-office", "OSCE Chairman-in-Office", "The OSCE Chairman-in-Office "
     "visited Baku and Yerevan.", None),
    ("osce-chairman-in-office", "Chairman-in-Office", "a statement of the Chairman-in-Office",
     None),
    ("osce-chairman-in-office", "OSCE Chairperson-in-Office", "the OSCE Chairperson-in-Office "
     "welcomed the meeting", None),
    ("osce-chairman-in-office", "Chairperson-in-Office", "the Chairperson-in-Office said", None),
    ("personal-representative",
     f"نماینده شخصی رئیس دوره{Z}ای سازمان امنیت و همکاری در اروپا",
     f"نماینده شخصی رئیس دوره{Z}ای سازمان امنیت و همکاری در اروپا در امور مناقشه قره{Z}باغ",
     None),
    ("personal-representative", f"نماینده شخصی رئیس دوره{Z}ای",
     f"نماینده شخصی رئیس دوره{Z}ای از خط تماس بازدید کرد.", None),
    ("personal-representative", "Personal Representative of the OSCE Chairman-in-Office",
     "the Personal Representative of the OSCE Chairman-in-Office monitored the line of contact",
     None),
    ("personal-representative", "Personal Representative of the Chairman-in-Office",
     "a report of the Personal Representative of the Chairman-in-Office", None),
    ("personal-representative", "Personal Representative of the OSCE Chairperson-in-Office",
     "the Personal Representative of the OSCE Chairperson-in-Office on the Conflict Dealt with "
     "by the OSCE Minsk Conference", None),
    ("lisbon-principles", "اصول اجلاس سران لیسبون", "اصول اجلاس سران لیسبون در سال ۱۹۹۶", None),
    ("lisbon-principles", "اصول لیسبون", "ارمنستان اصول لیسبون را نپذیرفت.", None),
    ("lisbon-principles", "Lisbon Summit principles", "Armenia rejected the Lisbon Summit "
     "principles.", None),
    ("lisbon-principles", "Lisbon principles", "a settlement based on the Lisbon principles",
     None),
    *[
        case
        for number, digits in RESOLUTIONS.items()
        for case in (
            (f"unsc-resolution-{number}", f"قطعنامه {digits} شورای امنیت",
             f"اجرای قطعنامه {digits} شورای امنیت سازمان ملل", None),
            (f"unsc-resolution-{number}", f"قطعنامه {digits}",
             f"بر اساس قطعنامه {digits} نیروهای اشغالگر باید خارج شوند", None),
            (f"unsc-resolution-{number}", f"Security Council resolution {number} (1993)",
             f"Recalling Security Council resolution {number} (1993),", None),
            (f"unsc-resolution-{number}", f"UN Security Council resolution {number}",
             f"the UN Security Council resolution {number} on Nagorno-Karabakh", None),
            (f"unsc-resolution-{number}", f"Security Council resolution {number}",
             f"in Security Council resolution {number}, adopted in 1993", None),
            (f"unsc-resolution-{number}", f"resolution {number}",
             f"the demands of resolution {number}", None),
        )
    ],
    ("un-security-council", "شورای امنیت سازمان ملل متحد",
     "شورای امنیت سازمان ملل متحد در سال ۱۹۹۳ چهار قطعنامه صادر کرد.", None),
    ("un-security-council", "شورای امنیت سازمان ملل", "نشست شورای امنیت سازمان ملل", None),
    ("un-security-council", "شورای امنیت", "شورای امنیت خواستار آتش‌بس شد.", None),
    ("un-security-council", "United Nations Security Council",
     "the United Nations Security Council adopted four resolutions in 1993", None),
    ("un-security-council", "UN Security Council", "a UN Security Council meeting", None),
    ("un-security-council", "Security Council", "The Security Council demands the immediate "
     "cessation of all hostilities.", None),
    ("package-settlement", f"راه{Z}حل بسته{Z}ای", f"راه{Z}حل بسته{Z}ای گروه مینسک", None),
    ("package-settlement", f"طرح بسته{Z}ای", f"طرح بسته{Z}ای سال ۱۹۹۷", None),
    ("package-settlement", "package settlement", "a package settlement of the conflict", None),
    ("package-settlement", "package deal", "the package deal proposed in 1997", None),
    ("package-settlement", "package solution", "Baku rejected a package solution.", None),
    ("package-settlement", "package approach", "the package approach of the Co-Chairs", None),
    ("step-by-step-settlement", f"راه{Z}حل مرحله{Z}ای",
     f"ترپتروسیان راه{Z}حل مرحله{Z}ای را پذیرفت.", None),
    ("step-by-step-settlement", f"راه{Z}حل گام{Z}به{Z}گام",
     f"راه{Z}حل گام{Z}به{Z}گام برای حل مناقشه", None),
    ("step-by-step-settlement", f"طرح مرحله{Z}ای", f"طرح مرحله{Z}ای گروه مینسک", None),
    ("step-by-step-settlement", "step-by-step settlement", "a step-by-step settlement", None),
    ("step-by-step-settlement", "step-by-step approach",
     "Ter-Petrosyan accepted the step-by-step approach.", None),
    ("step-by-step-settlement", "phased settlement", "a phased settlement of the conflict",
     None),
    ("step-by-step-settlement", "phased approach", "the phased approach of 1997", None),
    ("refugees", "پناهندگان", "بازگشت پناهندگان به خانه‌هایشان", None),
    ("refugees", "پناهنده", "هر پناهنده حق بازگشت دارد.", None),
    ("refugees", "refugees", "the return of refugees to their homes", None),
    ("refugees", "refugee", "every refugee has the right to return", None),
    ("internally-displaced-persons", "آوارگان داخلی", "آوارگان داخلی آذربایجان", None),
    ("internally-displaced-persons", "internally displaced persons",
     "the return of internally displaced persons to the occupied districts", None),
    ("internally-displaced-persons", "IDPs", "camps for IDPs", None),
    ("internally-displaced-persons", "internally displaced person",
     "an internally displaced person from Agdam", None),
    ("internally-displaced-persons", "IDP", "an IDP settlement", None),
    ("guam", "گوام", "نشست وزیران خارجه گوام", None),
    ("guam", "سازمان گوام", "اعضای سازمان گوام", None),
    ("guam", "GUAM", "GUAM was founded in Strasbourg in 1997.", None),
    ("guam", "GUUAM", "Uzbekistan left GUUAM in 2005.", None),
    ("guam", "GUAM Organization for Democracy and Economic Development",
     "the Charter of the GUAM Organization for Democracy and Economic Development", None),
    ("cis-council-of-heads-of-state", f"شورای سران کشورهای مستقل مشترک{Z}المنافع",
     f"نشست شورای سران کشورهای مستقل مشترک{Z}المنافع در مسکو", None),
    ("cis-council-of-heads-of-state", f"شورای سران کشورهای مشترک{Z}المنافع",
     f"شورای سران کشورهای مشترک{Z}المنافع تشکیل جلسه داد.", None),
    ("cis-council-of-heads-of-state", f"شورای سران جامعه کشورهای مستقل مشترک{Z}المنافع",
     f"تصمیم شورای سران جامعه کشورهای مستقل مشترک{Z}المنافع", None),
    ("cis-council-of-heads-of-state", "CIS Council of Heads of State",
     "a meeting of the CIS Council of Heads of State in Moscow", None),
    ("cis-council-of-heads-of-state", "Council of Heads of State of the CIS",
     "the Council of Heads of State of the CIS met in Chisinau", None),
    ("cis-council-of-heads-of-state",
     "Council of Heads of State of the Commonwealth of Independent States",
     "a decision of the Council of Heads of State of the Commonwealth of Independent States",
     None),
    ("cis-charter", f"منشور کشورهای مستقل مشترک{Z}المنافع",
     f"امضای منشور کشورهای مستقل مشترک{Z}المنافع", None),
    ("cis-charter", f"منشور جامعه کشورهای مستقل مشترک{Z}المنافع",
     f"ماده ۲۱ منشور جامعه کشورهای مستقل مشترک{Z}المنافع", None),
    ("cis-charter", f"منشور جامعه مشترک{Z}المنافع", f"منشور جامعه مشترک{Z}المنافع", None),
    ("cis-charter", "Charter of the Commonwealth of Independent States",
     "Article 21 of the Charter of the Commonwealth of Independent States", None),
    ("cis-charter", "CIS Charter", "The CIS Charter was adopted in Minsk in 1993.", None),
    ("proven-reserves", f"ذخایر اثبات{Z}شده", f"ذخایر اثبات{Z}شده نفت آذربایجان", None),
    ("proven-reserves", "proven reserves", "Azerbaijan's proven reserves of oil", None),
    ("proven-reserves", "proved reserves", "proved reserves of crude oil", None),
    ("barrel", "بشکه", "دویست میلیارد بشکه نفت", None),
    ("barrel", "barrel", "the price of a barrel of oil", None),
    ("barrel", "bbl", "1 bbl = 42 US gallons", None),
    ("crude-oil", "نفت خام", "صادرات نفت خام آذربایجان", None),
    ("crude-oil", "crude oil", "exports of crude oil", None),
    ("transit-fees", "حق ترانزیت", "گرجستان از حق ترانزیت نفت درآمد دارد.", None),
    ("transit-fees", "عوارض ترانزیت", "عوارض ترانزیت گاز", None),
    ("transit-fees", "transit fees", "Georgia's revenue from transit fees", None),
    ("transit-fees", "transit fee", "a transit fee per barrel", None),
    ("transit-fees", "transit tariffs", "the transit tariffs of the pipeline", None),
    ("trans-caspian-pipeline", f"خط لوله ترانس{Z}خزر", f"احداث خط لوله ترانس{Z}خزر", None),
    ("trans-caspian-pipeline", "Trans-Caspian Gas Pipeline", "the Trans-Caspian Gas Pipeline "
     "from Turkmenistan", None),
    ("trans-caspian-pipeline", "Trans-Caspian pipeline", "the Trans-Caspian pipeline was never "
     "built", None),
    ("trans-caspian-pipeline", "TCGP", "the TCGP project", None),
]  # fmt: skip
NEW_CONCEPTS = [(concept, form, text, span or form) for concept, form, text, span in NEW_CONCEPTS]
ADDED = sorted({concept for concept, _, _, _ in NEW_CONCEPTS} - {"osce"})


@pytest.mark.parametrize(
    ("concept", "form", "text", "span"),
    VARIANTS + NEW_CONCEPTS,
    ids=[f"{concept}:{form}" for concept, form, _, _ in VARIANTS + NEW_CONCEPTS],
)
def test_each_new_form_is_the_concepts_and_is_found_in_a_real_phrase(
    bundled, matcher, concept, form, text, span
):
    term = bundled.by_id()[concept]
    forms = term.persian_forms if is_persian(form) else term.english_forms
    assert form in forms, f"{form!r} is not a form of {concept}: {forms}"
    matches = matcher.persian(text) if is_persian(text) else matcher.english(text)
    found = [(m.term_id, text[m.start : m.end]) for m in matches]
    assert (concept, span) in found, found


def test_the_co_chairs_are_capitalised_as_the_osce_writes_them(bundled, matcher):
    term = bundled.by_id()["minsk-group-co-chairs"]
    assert term.case_sensitive and term.en == "Minsk Group Co-Chairs"
    found = [m.term_id for m in matcher.english("the Minsk Group co-chairs met in Moscow")]
    assert "minsk-group-co-chairs" not in found and "minsk-group" in found


def test_every_form_of_each_added_concept_is_tried_and_the_concept_is_sourced(bundled):
    by_id = bundled.by_id()
    tried: dict[str, set[str]] = {}
    for concept, form, _, _ in NEW_CONCEPTS:
        tried.setdefault(concept, set()).add(form)
    assert len(ADDED) >= 20
    for concept in ADDED:
        term = by_id[concept]
        assert set(term.persian_forms) | set(term.english_forms) == tried[concept], concept
        assert term.status == "approved" and term.source, concept


def test_the_workbook_holds_at_least_200_approved_concepts(bundled):
    assert sum(term.status == "approved" for term in bundled.terms) >= 200
