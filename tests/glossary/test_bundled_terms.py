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


@pytest.mark.parametrize(
    ("concept", "form", "text", "span"),
    VARIANTS,
    ids=[f"{concept}:{form}" for concept, form, _, _ in VARIANTS],
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
