"""SRX 2.0 rules and engine: the bundled file, its rules, and the engine's semantics."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from corpus.errors import CorpusError
from corpus.srx import bundled_srx_path, default_srx, read_srx

DATA = Path(__file__).resolve().parents[1] / "data"

SRX = default_srx()


def all_patterns():
    patterns = [pattern for pattern, _ in SRX.maps]
    for rules in SRX.rules.values():
        for rule in rules:
            patterns += [rule.before, rule.after]
    return [p for p in patterns if p]


def test_bundled_file_is_well_formed_srx_20():
    root = etree.parse(str(bundled_srx_path())).getroot()
    assert root.tag == "{http://www.lisa.org/srx20}srx"
    assert root.get("version") == "2.0"
    assert set(SRX.rules) == {"Persian", "English", "Default"}
    assert SRX.cascade


def test_language_maps_cascade_into_default():
    assert SRX.rules_for("fa-IR") == SRX.rules["Persian"] + SRX.rules["Default"]
    assert SRX.rules_for("en-US") == SRX.rules["English"] + SRX.rules["Default"]
    assert SRX.rules_for("de") == SRX.rules["Default"]


@pytest.mark.skipif(shutil.which("java") is None, reason="no JDK on this machine")
def test_every_regex_compiles_in_java(tmp_path):
    (tmp_path / "patterns.txt").write_text("\n".join(all_patterns()) + "\n", encoding="utf-8")
    source = tmp_path / "Compile.java"
    source.write_text(
        """
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.regex.*;
public class Compile {
    public static void main(String[] args) throws Exception {
        int bad = 0;
        for (String p : Files.readAllLines(Paths.get(args[0]), StandardCharsets.UTF_8)) {
            try { Pattern.compile(p); } catch (PatternSyntaxException e) {
                bad++; System.out.println("BAD " + p + " " + e.getDescription());
            }
        }
        System.out.println("compiled " + bad);
    }
}
""",
        encoding="utf-8",
    )
    result = subprocess.run(
        ["java", str(source), str(tmp_path / "patterns.txt")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "compiled 0"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "آیا نفت آن چنان اهمیت دارد؟ به طور حتم، روسیه با دید سیاسی به قفقاز می‌نگرد.",
            ["آیا نفت آن چنان اهمیت دارد؟", "به طور حتم، روسیه با دید سیاسی به قفقاز می‌نگرد."],
            id="persian-question-mark",
        ),
        pytest.param(
            "مارتین می‌گوید: «روسیه عقب‌نشینی کرده است». اگر ارمنستان معتقد است!  بله…  نه.",
            ["مارتین می‌گوید: «روسیه عقب‌نشینی کرده است».", "اگر ارمنستان معتقد است!", "بله…", "نه."],
            id="quotes-exclamation-ellipsis",
        ),
        pytest.param(
            "مجله «آسیا و آفریقا»، شماره ۸، سال ۱۹۹۷. و. مشریاکوف، کارشناس مرکز",
            ["مجله «آسیا و آفریقا»، شماره ۸، سال ۱۹۹۷.", "و. مشریاکوف، کارشناس مرکز"],
            id="initial",
        ),
        pytest.param(
            "۱. بند اول فهرست است. بند دوم ۲.۵ درصد است.",
            ["۱. بند اول فهرست است.", "بند دوم ۲.۵ درصد است."],
            id="numbered-item-and-decimal",
        ),
        pytest.param(
            "در سال‌های آینده (سال‌های ۱۹۹۷ - ۲۰۰۳) همه چیز در دست سیاستمداران خواهد بود.",
            ["در سال‌های آینده (سال‌های ۱۹۹۷ - ۲۰۰۳) همه چیز در دست سیاستمداران خواهد بود."],
            id="no-break",
        ),
        pytest.param(
            "این روند کاهش یافت.مقیاس‌ها تغییر کرد. در سال ۱۳۵۰ ه.ش تأسیس شد.",
            ["این روند کاهش یافت.", "مقیاس‌ها تغییر کرد.", "در سال ۱۳۵۰ ه.ش تأسیس شد."],
            id="sentence-end-without-its-space",
        ),
    ],
)
def test_persian_rules(text, expected):
    assert SRX.segment(text, "fa-IR") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The U.S. State Department agreed. Mr. Aliyev went to Washington.",
            ["The U.S. State Department agreed.", "Mr. Aliyev went to Washington."],
            id="us-mr",
        ),
        pytest.param(
            "See Asia and Africa, No. 8, 1997. Dr. Smith and St. Petersburg were cited.",
            ["See Asia and Africa, No. 8, 1997.", "Dr. Smith and St. Petersburg were cited."],
            id="no-dr-st",
        ),
        pytest.param(
            "Reserves reach 4.5 billion tonnes... perhaps more. Who knows? Nobody!",
            ["Reserves reach 4.5 billion tonnes... perhaps more.", "Who knows?", "Nobody!"],
            id="numbers-ellipsis",
        ),
        pytest.param(
            'He said: "Russia has retreated." Then he left. V. Meshcheryakov agreed.',
            ['He said: "Russia has retreated."', "Then he left.", "V. Meshcheryakov agreed."],
            id="quote-initial",
        ),
        pytest.param(
            "It was washed with soap.A 2014 study found 97 percent.Several methods exist.",
            [
                "It was washed with soap.",
                "A 2014 study found 97 percent.",
                "Several methods exist.",
            ],
            id="sentence-end-without-its-space",
        ),
        pytest.param(
            "The U.S.A. and St.Petersburg use Node.js and e.g.Python; a Ph.D in 1999.",
            ["The U.S.A. and St.Petersburg use Node.js and e.g.Python; a Ph.D in 1999."],
            id="no-space-but-no-sentence-end",
        ),
        pytest.param(
            "It opens at 5 p.m. The shop is in the U.S. It belongs to Arya Co. Ltd. Its owner "
            "met J. R. Smith at the U.S. State Department at 9 a.m. on Monday.",
            [
                "It opens at 5 p.m.",
                "The shop is in the U.S.",
                "It belongs to Arya Co. Ltd.",
                "Its owner met J. R. Smith at the U.S. State Department at 9 a.m. on Monday.",
            ],
            id="sentence-ending-in-an-abbreviation",
        ),
    ],
)
def test_english_rules(text, expected):
    assert SRX.segment(text, "en-US") == expected


# Section and clause numbers, one table per language with the same kinds of cases: each text
# with the segments it must give. A number that ends a real sentence still breaks.
# section and clause numbers, and real sentence ends beside numbers, per language; the OmegaT
# client test runs the same cases through OmegaT with our rules
NUMBER_CASES = {
    language: [(case["kind"], case["text"], case["segments"]) for case in cases]
    for language, cases in json.loads(
        (DATA / "segmentation-number-cases.json").read_text(encoding="utf-8")
    ).items()
}


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        pytest.param(language, text, expected, id=f"{language}-{name}")
        for language, cases in NUMBER_CASES.items()
        for name, text, expected in cases
    ],
)
def test_section_and_clause_numbers_are_not_sentence_ends(language, text, expected):
    assert SRX.segment(text, language) == expected


def test_both_languages_have_the_same_kinds_of_number_cases():
    kinds = {language: {name for name, _, _ in cases} for language, cases in NUMBER_CASES.items()}
    shared = kinds["fa-IR"] & kinds["en-US"]
    # Latin digits in Persian, hyphenated levels (Persian contracts' «۲-۱.») and Roman numerals
    # in English have no counterpart in the other
    assert {kind for kind in kinds["fa-IR"] - shared if "hyphenated" not in kind} == {
        "section-latin-digits",
        "paragraph-opens-with-latin-number",
        "sentence-ends-with-year-range",
    }
    assert kinds["en-US"] - shared == {"roman", "roman-ending-a-sentence"}


def test_first_matching_rule_decides_and_exceptions_come_first(tmp_path):
    path = tmp_path / "rules.srx"
    path.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
  <header segmentsubflows="yes" cascade="no"/>
  <body>
    <languagerules>
      <languagerule languagerulename="A">
        <rule break="no"><beforebreak>\\bi\\.e\\.</beforebreak><afterbreak>\\s</afterbreak></rule>
        <rule break="yes"><beforebreak>[.;]</beforebreak><afterbreak>\\s</afterbreak></rule>
      </languagerule>
      <languagerule languagerulename="B">
        <rule break="yes"><beforebreak>,</beforebreak><afterbreak>\\s</afterbreak></rule>
      </languagerule>
    </languagerules>
    <maprules>
      <languagemap languagepattern="x.*" languagerulename="A"/>
      <languagemap languagepattern=".*" languagerulename="B"/>
    </maprules>
  </body>
</srx>""",
        encoding="utf-8",
    )
    rules = read_srx(path)
    assert rules.segment("one, i.e. two; three. four", "xx") == ["one, i.e. two;", "three.", "four"]
    assert rules.segment("one, i.e. two; three", "yy") == ["one,", "i.e. two; three"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param("<srx", "not well-formed XML", id="malformed"),
        pytest.param(
            "<rules/>",
            ':1: no SRX namespace on <rules> (none): expected xmlns="http://www.lisa.org/srx20" '
            '(SRX 2.0) or xmlns="http://www.lisa.org/srx10" (SRX 1.0)',
            id="not-srx",
        ),
        pytest.param(
            '<srx version="2.0"><body/></srx>',
            ":1: no SRX namespace on <srx> (none): expected",
            id="srx-without-namespace",
        ),
        pytest.param(
            '<rules xmlns="http://www.lisa.org/srx20"/>',
            ":1: root element is <rules>, not <srx>",
            id="srx-namespace-other-root",
        ),
        pytest.param(
            '<srx xmlns="http://www.lisa.org/srx20"><body><languagerules><languagerule languagerulename="A">'
            "<rule><beforebreak>[.</beforebreak></rule></languagerule></languagerules></body></srx>",
            "bad regex '[.'",
            id="bad-regex",
        ),
        pytest.param(
            '<!DOCTYPE srx [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            '<srx xmlns="http://www.lisa.org/srx20"><body><maprules>'
            '<languagemap languagepattern="&e;" languagerulename="A"/></maprules></body></srx>',
            ":1:145: not well-formed XML: Attribute references external entity 'e'",
            id="hostile-entity-not-resolved",
        ),
    ],
)
def test_bad_srx_is_an_error_naming_the_file(tmp_path, content, message):
    path = tmp_path / "bad.srx"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CorpusError) as error:
        read_srx(path)
    assert str(error.value).startswith(f"{path}:")
    assert message in str(error.value)


PIECES = st.sampled_from(
    ["نفت", "خزر", "می‌گیرد", "؟", "!", ".", "…", "«", "»", " ", " ", "  ", "\n", "و.", "۱۹۹۷",
     "U.S.", "Mr.", "No.", "3.5", "A", "b", '"', ")", "("]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=30).map("".join), st.sampled_from(["fa-IR", "en-US", "de"]))
def test_segmentation_loses_no_character_and_makes_no_empty_segment(text, language):
    segments = SRX.segment(text, language)
    assert "".join("".join(segments).split()) == "".join(text.split())
    assert all(segment and segment == segment.strip() for segment in segments)


def test_entities_are_neither_loaded_nor_expanded(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    path = tmp_path / "hostile.srx"
    path.write_text(
        f'<!DOCTYPE srx [<!ENTITY e SYSTEM "file://{secret}"><!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<srx xmlns="http://www.lisa.org/srx20" version="2.0"><header cascade="no"/><body>'
        '<languagerules><languagerule languagerulename="A"><rule break="yes">'
        "<beforebreak>&e;&b;</beforebreak><afterbreak>x</afterbreak></rule></languagerule>"
        '</languagerules><maprules><languagemap languagepattern=".*" languagerulename="A"/>'
        "</maprules></body></srx>",
        encoding="utf-8",
    )
    with pytest.raises(CorpusError) as error:  # never a rule that silently lost its text
        read_srx(path)
    assert str(error.value) == (
        f"{path}:1: the DOCTYPE declares entity 'e'; tmkit never expands entities"
        " (SRX needs none: replace them by the characters they stand for)"
    )


def test_a_rule_keeps_its_text_after_a_comment_and_refuses_an_element(tmp_path):
    rules = (
        '<srx xmlns="http://www.lisa.org/srx20" version="2.0"><header cascade="no"/><body>'
        '<languagerules><languagerule languagerulename="A"><rule break="yes">'
        "<beforebreak>{}</beforebreak><afterbreak>x</afterbreak></rule></languagerule>"
        '</languagerules><maprules><languagemap languagepattern=".*" languagerulename="A"/>'
        "</maprules></body></srx>"
    )
    path = tmp_path / "rules.srx"
    path.write_text(rules.format("[.]<!-- the full stop -->y"), encoding="utf-8")
    assert read_srx(path).rules["A"][0].before == "[.]y"
    path.write_text(rules.format("[.]<b>y</b>"), encoding="utf-8")
    with pytest.raises(CorpusError) as error:
        read_srx(path)
    assert str(error.value) == (
        f"{path}:1: <b> inside <beforebreak>: a rule's regex is text only"
        " (write the regex as text, escaping < as &lt;)"
    )


@pytest.mark.parametrize("name", ["fa-zwnj-sentences.txt", "fa-zwnj-heldout.txt"])
def test_persian_prose_not_from_the_article_splits_into_its_sentences(name):
    data = Path(__file__).parent.parent / "data" / name
    sentences = [line for line in data.read_text(encoding="utf-8").split("\n") if line]
    assert SRX.segment(" ".join(sentences), "fa-IR") == sentences


def test_srx10_flattening_keeps_the_cascade(tmp_path):
    from corpus.srxwrite import flattened_rules, srx_bytes

    flattened = {pattern: rules for pattern, _, rules in flattened_rules(SRX)}
    assert flattened["(?i)fa.*"] == SRX.rules_for("fa-IR")
    assert flattened["(?i)en.*"] == SRX.rules_for("en-US")
    root = etree.fromstring(srx_bytes(SRX, "1.0"))
    ns = {"s": "http://www.lisa.org/srx10"}
    assert root.get("version") == "1.0"
    persian = root.find("s:body/s:languagerules/s:languagerule[@languagerulename='Persian']", ns)
    befores = [rule.findtext("s:beforebreak", namespaces=ns) for rule in persian]
    assert befores == [rule.before for rule in SRX.rules_for("fa-IR")]
    maps = root.findall("s:body/s:maprules/s:maprule/s:languagemap", ns)
    assert [m.get("languagepattern") for m in maps] == [p for p, _ in SRX.maps]


SRX10 = """<?xml version="1.0" encoding="UTF-8"?>
<srx xmlns="http://www.lisa.org/srx10" version="1.0">
  <header segmentsubflows="yes"/>
  <body>
    <languagerules>
      <languagerule languagerulename="A"><rule break="yes"><beforebreak>;</beforebreak>
        <afterbreak>\\s</afterbreak></rule></languagerule>
      <languagerule languagerulename="B"><rule break="yes"><beforebreak>,</beforebreak>
        <afterbreak>\\s</afterbreak></rule></languagerule>
    </languagerules>
    <maprules>
      <maprule maprulename="first">
        <languagemap languagepattern="x.*" languagerulename="A"/>
        <languagemap languagepattern=".*" languagerulename="B"/>
      </maprule>
      <maprule maprulename="second">
        <languagemap languagepattern=".*" languagerulename="A"/>
      </maprule>
    </maprules>
  </body>
</srx>"""


def test_srx_10_is_read_first_maprule_first_matching_map(tmp_path):
    # SRX 1.0 has no cascade: the first matching map of the first <maprule> alone applies
    path = tmp_path / "memoq.srx"
    path.write_text(SRX10, encoding="utf-8")
    rules = read_srx(path)
    assert not rules.cascade
    assert rules.segment("a, b; c", "xx") == ["a, b;", "c"]
    assert rules.segment("a, b; c", "yy") == ["a,", "b; c"]


def test_tmkits_own_srx_10_reads_back_as_the_same_segmentation(tmp_path):
    from corpus.srxwrite import srx_bytes

    path = tmp_path / "memoq.srx"
    path.write_bytes(srx_bytes(SRX, "1.0"))
    text = "چرا؟ زیرا نفت مهم است. و. مشریاکوف گفت. Mr. Smith left. He came."
    for language in ("fa-IR", "en-US", "de"):
        assert read_srx(path).segment(text, language) == SRX.segment(text, language)


@pytest.mark.parametrize("language", ["fa", "fa-IR", "fa_IR", "FA-ir"])
def test_language_patterns_match_without_regard_to_case_or_separator(tmp_path, language):
    # OmegaT writes languagepattern="FA.*"; a tag's case means nothing (BCP 47)
    path = tmp_path / "omegat.srx"
    path.write_text(
        SRX10.replace("srx10", "srx20").replace('"x.*"', '"FA.IR|FA"'), encoding="utf-8"
    )
    rules = read_srx(path)
    assert rules.matches(language)
    assert rules.segment("a, b; c", language) == ["a, b;", "c"]


def test_segment_warns_when_no_language_map_matches(tmp_path, capsys):
    from tm.cli import main

    rules = tmp_path / "only-x.srx"
    rules.write_text(SRX10.replace('".*"', '"y.*"'), encoding="utf-8")
    text = tmp_path / "t.txt"
    text.write_text("a; b\n", encoding="utf-8")
    assert main(["segment", "--lang", "fa", "--srx", str(rules), str(text)]) == 0
    out, err = capsys.readouterr()
    assert out == "a; b\n"
    assert err == (
        f"tmkit: warning: {rules}: no languagemap matches 'fa': no rule applies, each "
        "paragraph is one segment\n"
    )
