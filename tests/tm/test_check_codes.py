"""The term and consistency checks read a standalone inline code (ph, it, ut) as a word
boundary, as CAT tools' QA does (README, "The term check"); the unit's text and the TMX written
stay as they were."""

import json
from pathlib import Path

import pytest

from glossary.model import bundled_glossary_path
from tm.cli import main
from tm.tmx import read_tmx
from tm.unit import InlineElement, check_text

CODES = Path(__file__).parents[1] / "data" / "tmx" / "codes-check.tmx"  # a tester's file
BR = InlineElement("ph", (("x", "1"),), ("<br/>",))


def test_a_code_between_words_hides_no_term(capsys):
    # k1: Port<ph>&lt;br/&gt;</ph>Atirau: the forbidden "Atirau" is a word of its own
    args = ["check", "--tmx", str(CODES), "--glossary", str(bundled_glossary_path())]
    assert main([*args, "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)
    found = {(f["rule"], f["tuid"]) for f in findings}
    assert {("term-forbidden", "k1"), ("term-missing", "k1")} <= found
    # k1 and k2 (Port <b>Atirau</b>) say the same, the TM's translation: only k3, whose Atyrau
    # is a real difference, is inconsistent with them
    inconsistent = {
        f["tuid"]: f["message"] for f in findings if f["rule"] == "inconsistent-translation"
    }
    assert inconsistent == {"k3": "the same source is translated differently in k1"}


def test_the_units_text_and_codes_stay_as_read():
    unit = next(u for u in read_tmx(CODES, srclang="fa") if u.tuid == "k1")
    assert (unit.source, unit.target) == ("بندرآتیراو", "PortAtirau")
    assert BR.element in {
        part.element for part in unit.target_tuv.content if not isinstance(part, str)
    }
    checked = unit.for_checks()
    assert (checked.source, checked.target) == ("بندر آتیراو", "Port Atirau")


@pytest.mark.parametrize(
    ("content", "text"),
    [
        (("Port", BR, "Atirau"), "Port Atirau"),
        (("Port", InlineElement("it", (("pos", "begin"),), ("<b>",)), "Atirau"), "Port Atirau"),
        (("Port", InlineElement("ut", (), ("{\\line}",)), "Atirau"), "Port Atirau"),
        (("Port", BR, BR, "Atirau"), "Port Atirau"),  # two codes: one space
        (("Port ", BR, "Atirau"), "Port Atirau"),  # beside a space: nothing added
        ((BR, "Port", BR), "Port"),  # at either end: nothing added
        # a bpt/ept pair marks up part of a word in place: no boundary
        (
            (
                "Atir",
                InlineElement("bpt", (("i", "1"),), ("<b>",)),
                "au",
                InlineElement("ept", (("i", "1"),), ("</b>",)),
            ),
            "Atirau",
        ),
        (("Port", InlineElement("hi", (), ("Atirau",))), "PortAtirau"),  # hi is text
        # a sub-flow (an image's alt text) is not the sentence's text; its code is a boundary
        (
            (
                "Port",
                InlineElement("ph", (), ("<img alt='", InlineElement("sub", (), ("x",)), "'>")),
                "A",
            ),
            "Port A",
        ),
    ],
)
def test_check_text_reads_standalone_codes_as_word_boundaries(content, text):
    assert check_text(content) == text
