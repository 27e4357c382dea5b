"""Other tools' SRX files, written in Java regex syntax: they load and segment as Java does.

``tests/data/realworld/12-srx-languagetool-java-regex`` holds small files shaped like
LanguageTool's (``\\Q…\\E``, ``[\\p{Lu}&&[^I]]``); ``tests/data/srx/languagetool-segment.srx``
is LanguageTool's own file (LGPL 2.1, see the README there). With a JDK on the machine every
case is also segmented by ``tests/corpus/java/SrxSegment.java``, an SRX engine on
``java.util.regex``, which must give the same segments.
"""

import json
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from corpus.errors import CorpusError
from corpus.srx import bundled_srx_path, read_srx

DATA = Path(__file__).resolve().parents[1] / "data"
REALWORLD = DATA / "realworld" / "12-srx-languagetool-java-regex"
LANGUAGETOOL = DATA / "srx" / "languagetool-segment.srx"
JAVA = Path(__file__).parent / "java"

EN_SENTENCES = [
    "He waited... and then left.",
    "The report was signed by J. Smith on Monday.",
    "It was late.",
]

# LanguageTool's English sentence splitting tests (EnglishSRXSentenceTokenizerTest.testTokenize):
# the sentences of each text, with the whitespace LanguageTool keeps at their ends. Two cases
# that these 2017 rules split otherwise than today's test expects are left out
# ("(i.e. MS Word) yourself?" and "U.S.A either.", which LanguageTool fixed later).
LANGUAGETOOL_EN = [
    ["Here's a sentence. ", "And here's one that's not comp"],
    ["This is a sentence. ", "And this is another one."],
    ["This is a sentence.", "Isn't it?", "Yes, it is."],
    ["This is e.g. Mr. Smith, who talks slowly...", "But this is another sentence."],
    ["Chanel no. 5 is blah."],
    ["Mrs. Jones gave Peter $4.5, to buy Chanel No 5.", "He never came back."],
    ["On p. 6 there's nothing. ", "Another sentence."],
    ["Leave me alone!, he yelled. ", "Another sentence."],
    ['"Leave me alone!", he yelled.'],
    ["'Leave me alone!', he yelled. ", "Another sentence."],
    ["'Leave me alone!,' he yelled. ", "Another sentence."],
    ["This works on the phrase level, i.e. not on the word level."],
    ["Let's meet at 5 p.m. in the main street."],
    ["James comes from the U.K. where he worked as a programmer."],
    ["Don't split strings like U.S.A. please."],
    ["Don't split strings like U. S. A. either."],
    ["Don't split... ", "Well you know. ", "Here comes more text."],
    ["Don't split... well you know. ", "Here comes more text."],
    ['The "." should not be a delimiter in quotes.'],
    ['"Here he comes!" she said.'],
    ['"Here he comes!", she said.'],
    ['"Here he comes." ', "But this is another sentence."],
    ['"Here he comes!". ', "That's what he said."],
    ["The sentence ends here. ", "(Another sentence.)"],
    ["The sentence (...) ends here."],
    ["The sentence [...] ends here."],
    ["The sentence ends here (...). ", "Another sentence."],
    ["He won't. ", "Really."],
    ["He will not. ", "Really."],
    ["He won't go. ", "Really."],
    ["He won't say no.", "Not really."],
    ["He won't say No.", "Not really."],
    ["He won't say no. 5 is better. ", "Not really."],
    ["He won't say No. 5 is better. ", "Not really."],
    ["They met at 5 p.m. on Thursday."],
    ["They met at 5 p.m. ", "It was Thursday."],
    ["This is it: a test."],
    ["12) Make sure that the lamp is on. ", "12) Make sure that the lamp is on. "],
    ["He also offers a conversion table (see Cohen, 1988, p. 123). "],
    ["James is from the Ireland!", "He lives in Spain now."],
    ["Jones Bros. have built a successful company."],
    ["It (really!) works."],
    ["It [really!] works."],
    ["It works (really!). ", "No doubt."],
    ["It works [really!]. ", "No doubt."],
    ["It really(!) works well."],
    ["It really[!] works well."],
    ["This is a sentence.\x02 ", "And this is another one."],
]


@cache
def languagetool():
    return read_srx(LANGUAGETOOL)


def java_segments(srx, language, texts, tmp_path):
    """Segments of each text from the Java SRX engine."""
    path = tmp_path / "texts.txt"
    path.write_text("\0".join(texts), encoding="utf-8")
    result = subprocess.run(
        ["java", str(JAVA / "SrxSegment.java"), str(srx), language, str(path)],
        capture_output=True,
        encoding="utf-8",
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return [record.split("\0")[:-1] for record in result.stdout.split("\x01")[:-1]]


needs_jdk = pytest.mark.skipif(shutil.which("java") is None, reason="no JDK on this machine")


@pytest.mark.parametrize("name", ["lt-style.srx", "lt-style-no-Q.srx"])
def test_languagetool_style_files_load_and_keep_the_initial(name):
    srx = read_srx(REALWORLD / name)
    text = (REALWORLD / "en.txt").read_text(encoding="utf-8")
    assert srx.segment(text, "en") == EN_SENTENCES
    assert srx.segment("signed by J. Smith", "en-GB") == ["signed by J. Smith"]
    # the intersection leaves I out: "I. Then" is a sentence end after the pronoun
    assert srx.segment("so did I. Then we left.", "en") == ["so did I.", "Then we left."]


@needs_jdk
@pytest.mark.parametrize("name", ["lt-style.srx", "lt-style-no-Q.srx"])
def test_languagetool_style_files_give_what_java_gives(name, tmp_path):
    text = (REALWORLD / "en.txt").read_text(encoding="utf-8")
    assert java_segments(REALWORLD / name, "en", [text], tmp_path) == [EN_SENTENCES]


def test_languagetool_segment_srx_loads():
    srx = read_srx(LANGUAGETOOL)
    assert sum(len(rules) for rules in srx.rules.values()) == 1345
    assert {"English", "Polish", "Catalan", "Persian", "Default"} <= set(srx.rules)
    assert srx.rules_for("en-US")[-1] in srx.rules["Default"]


@pytest.mark.parametrize(
    "sentences", [pytest.param(case, id=" ".join(case)[:40]) for case in LANGUAGETOOL_EN]
)
def test_languagetool_segment_srx_splits_its_english_test_sentences(sentences):
    srx = languagetool()
    expected = [sentence.strip() for sentence in sentences]
    assert srx.segment("".join(sentences), "en") == expected


@needs_jdk
def test_languagetool_segment_srx_gives_what_java_gives(tmp_path):
    srx = languagetool()
    texts = ["".join(case) for case in LANGUAGETOOL_EN]
    texts.append(
        "Jestem zły, bo... (wpisz własną odpowiedź) drażni mnie krowa. To jest św. Paweł. "
        "W r. 1994 pojechałem do Rygi. Tu jest 5 ww. autorów, np. Józek. Patrz art. 3 ust. 3."
    )
    for language, text in (("en", None), ("pl", texts[-1])):
        chosen = texts[:-1] if text is None else [text]
        expected = [srx.segment(t, language) for t in chosen]
        assert java_segments(LANGUAGETOOL, language, chosen, tmp_path) == expected


@needs_jdk
def test_tmkit_rules_give_what_java_gives(tmp_path):
    cases = json.loads((DATA / "segmentation-number-cases.json").read_text(encoding="utf-8"))
    srx = read_srx(bundled_srx_path())
    for language, entries in cases.items():
        texts = [entry["text"] for entry in entries]
        if language == "fa-IR":
            lines = (DATA / "fa-zwnj-sentences.txt").read_text(encoding="utf-8").split("\n")
            texts.append(" ".join(line for line in lines if line))
        expected = [srx.segment(text, language) for text in texts]
        assert java_segments(bundled_srx_path(), language, texts, tmp_path) == expected


def test_a_rule_that_cannot_be_translated_is_named(tmp_path):
    source = (REALWORLD / "lt-style.srx").read_text(encoding="utf-8")
    path = tmp_path / "other.srx"
    path.write_text(source.replace("\\s[\\p{Lu}", "\\s[\\p{IsNoSuchScript}"), encoding="utf-8")
    with pytest.raises(CorpusError) as error:
        read_srx(path)
    message = str(error.value)
    assert message.startswith(
        f"{path}:15: rule 2 of language rule 'English', beforebreak: bad regex"
    )
    assert "unknown character property \\p{IsNoSuchScript} at position 3" in message
    assert "\n" not in message


@needs_jdk
@pytest.mark.parametrize("language", ["pl", "nl", "ca", "fa", "en_two"])
def test_languagetool_sample_text_segments_as_in_java(language, tmp_path):
    # the file's own sample (okpsrx:sample: Polish, Dutch and English paragraphs) under the
    # rules of several languages
    sample = etree.parse(str(LANGUAGETOOL)).find(".//{http://okapi.sf.net/srx-extensions}sample")
    paragraphs = [line for line in sample.text.split("\n") if line.strip()]
    expected = [languagetool().segment(text, language) for text in paragraphs]
    assert len(paragraphs) == 27
    assert java_segments(LANGUAGETOOL, language, paragraphs, tmp_path) == expected


GREEDY_RULES = """<?xml version="1.0" encoding="UTF-8"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
  <header cascade="no"/>
  <body>
    <languagerules>
      <languagerule languagerulename="X">
        <rule break="no"><beforebreak>\\bu[lb]\\.\\s?</beforebreak><afterbreak></afterbreak></rule>
        <rule break="yes"><beforebreak>[.!?]\\s*</beforebreak><afterbreak>\\s</afterbreak></rule>
        <rule break="yes"><beforebreak>\\.+</beforebreak><afterbreak>\\.</afterbreak></rule>
      </languagerule>
    </languagerules>
    <maprules><languagemap languagepattern=".*" languagerulename="X"/></maprules>
  </body>
</srx>"""


def test_a_rule_applies_wherever_its_before_pattern_can_end(tmp_path):
    # SRX: at each position, does beforebreak match text ending there? A greedy [.!?]\s* or
    # \.+ ends at each of its characters, not only where a left-to-right search stops; so
    # "ul. " keeps its full stop (the optional \s? may end before the space) and "a... b"
    # breaks between the dots
    path = tmp_path / "greedy.srx"
    path.write_text(GREEDY_RULES, encoding="utf-8")
    srx = read_srx(path)
    assert srx.segment("na ul. Dobrej. Tak!  Nie", "pl") == ["na ul. Dobrej.", "Tak!", "Nie"]
    assert srx.segment("a... b", "pl") == ["a.", ".", ".", "b"]


@needs_jdk
def test_greedy_rules_give_what_java_gives(tmp_path):
    path = tmp_path / "greedy.srx"
    path.write_text(GREEDY_RULES, encoding="utf-8")
    texts = ["na ul. Dobrej. Tak!  Nie", "a... b", "ub.  x. y"]
    expected = [read_srx(path).segment(text, "pl") for text in texts]
    assert java_segments(path, "pl", texts, tmp_path) == expected
