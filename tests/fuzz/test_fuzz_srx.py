"""Fuzzing the SRX engine (:meth:`corpus.srx.Srx.segment`): with tmkit's bundled rules and with
rule sets made of Java regexes SRX files use, on any text, segmenting raises nothing and the
segments cover the text: in order, each where it stands in the text, with only white space
between and around them, none empty and none with white space at its ends.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.srx import Rule, Srx, default_srx

PIECES = st.sampled_from(
    ["نفت", "خزر", "می‌گیرد", "؟", "!", ".", "…", "«", "»", " ", "\u00a0", "\u200c", "\n",
     "\r\n", "\u2028", "\x85", "\t", "و.", "۱۹۹۷", "U.S.", "Mr.", "e.g.", "3.5", "A", "b",
     '"', ")", "(", "...", "?!", "ق.م", "ص.", "\u200f", "\u061c"]
)  # fmt: skip
TEXT = st.one_of(st.lists(PIECES, max_size=30).map("".join), st.text(max_size=60))
LANGUAGE = st.sampled_from(["fa-IR", "fa", "en-US", "en_GB", "de", "", "x-unknown"])
REGEX = st.sampled_from(
    ["", "\\s", "\\s+", "[.!?]", "[.?!]+[\"')\\]»]*", "\\p{L}", "\\p{Lu}", "\\b", "(?i)mr\\.",
     "\\d+", ".", "\\.\\.\\.", "[\\u0600-\\u06FF]", "\\Q.\\E", "[^\\s]", "^", "$", "\\n",
     "[؟!.]", "\\u200c", "\\p{Zs}*", "(?:e\\.g|i\\.e)\\.", "\\w+", "[\\p{Pe}\\p{Pf}]"]
)  # fmt: skip
RULES = st.lists(st.builds(Rule, st.booleans(), REGEX, REGEX), max_size=6)


def assert_covers(segments: list[str], text: str) -> None:
    """*segments* are *text*'s non-white-space parts, in order, where they stand."""
    position = 0
    for segment in segments:
        assert segment and segment == segment.strip()
        found = text.find(segment, position)
        assert found >= 0, (segment, text)
        assert not text[position:found].strip(), (text[position:found], text)
        position = found + len(segment)
    assert not text[position:].strip()


@settings(deadline=None)
@given(TEXT, LANGUAGE)
def test_the_bundled_rules_cover_any_text(text, language):
    assert_covers(default_srx().segment(text, language), text)


@settings(deadline=None)
@given(TEXT, st.lists(RULES, min_size=1, max_size=3), st.booleans())
def test_any_rule_set_covers_any_text(text, rule_lists, cascade):
    names = [f"rules{n}" for n in range(len(rule_lists))]
    srx = Srx(
        dict(zip(names, (tuple(rules) for rules in rule_lists), strict=True)),
        tuple((".*", name) for name in names),
        cascade,
    )
    assert_covers(srx.segment(text, "fa-IR"), text)
