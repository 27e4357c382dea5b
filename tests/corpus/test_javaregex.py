"""Java regexes in SRX files: corpus.javaregex gives what java.util.regex gives.

Each case is a Java pattern, a sample text and the spans (in code points) that java.util.regex's
``Matcher.find()`` finds one after another in it, written down from JDK 17; with a JDK on the
machine the same cases are also run through ``tests/corpus/java/RegexSpans.java``.
"""

import shutil
import subprocess
from pathlib import Path

import pytest

from corpus.javaregex import JavaRegexError, compile_java, translate

JAVA = Path(__file__).parent / "java"

# (Java pattern, text, spans java.util.regex finds, case name)
CASES = [
    (r"\w(\Q...\E|…)\s", "He waited... and… then", "8-13 15-18", "quote"),
    (r"\Q(a+b)*\E", "x(a+b)*y (a+b)", "1-7", "quote-specials"),
    (r"[\Q.-]\E]+", "a.-]b-", "1-4 5-6", "quote-in-class"),
    (r"a\Q.*", "a.* aXX", "0-3", "quote-unclosed"),
    (r"\s[\p{Lu}&&[^I]]\.\s", " J. Smith and I. Then A. B", "0-4 21-25", "intersection-initial"),
    ("[a-z&&[^aeiou]]+", "strength and rhythm", "0-3 4-8 10-12 13-19", "intersection-consonants"),
    ("[a-z&&def]+", "abcdefg", "3-6", "intersection-unbracketed"),
    (
        r"[\p{Ll}&&[^aeouiyęąó]][\p{Ll}&&[^aeouiyęąó]]+\.\s",
        "tzn. np. ul. ok. ",
        "0-5 5-9",
        "intersection-polish",
    ),
    ("[^a-z&&[aeiou]]+", "xAey, u!", "0-2 3-6 7-8", "intersection-negated"),
    ("[a[0-9]x]+", "a1x b22 xx9", "0-3 5-7 8-11", "nested-union"),
    ("[^a[0-9]]+", "ab12cd", "1-2 4-6", "negated-nested-union"),
    ("a++a", "aaaa", "", "possessive-plus"),
    (r"[a-z]*+\d", "abc1 abc", "0-4", "possessive-star"),
    ("x?+x", "xx x", "0-2", "possessive-optional"),
    (r"\d{1,3}+\d", "12345", "0-4", "possessive-braces"),
    ("<.+?>", "<a><b>", "0-3 3-6", "reluctant"),
    ("(?>ab|a)c", "ac abc", "0-2 3-6", "atomic"),
    (r"\p{L}+", "Straße, داده 123", "0-6 8-12", "p-L"),
    (r"\pL\pN", "a1 ب۲", "0-2 3-5", "p-single-letter"),
    (r"\p{Lu}\p{Ll}+", "Iran and Baku", "0-4 9-13", "p-Lu"),
    (r"\p{IsLu}", "aBcD", "1-2 3-4", "p-IsLu"),
    (r"\p{gc=Nd}+", "x۱۲3", "1-4", "p-gc"),
    (r"\P{L}+", "ab, cd!", "2-4 6-7", "P-negated"),
    (r"\p{javaLowerCase}+", "ABcdéÉ", "2-5", "p-javaLowerCase"),
    (r"\p{javaUpperCase}+", "ABcdÉ", "0-2 4-5", "p-javaUpperCase"),
    (r"\p{javaWhitespace}", "a b\xa0c\td", "1-2 5-6", "p-javaWhitespace"),
    (r"\p{IsAlphabetic}+", "Ⅻ abc ۳", "0-1 2-5", "p-IsAlphabetic"),
    (r"\p{InArabic}+", "Persian فارسی text", "8-13", "p-InArabic"),
    (r"\p{IsArabic}+", "فارسی abc", "0-5", "p-IsArabic-script"),
    (r"\p{block=Arabic}+", "فارسی abc", "0-5", "p-block-key"),
    ("[.!?…]['\\\"\\u201D\\p{Pe}]*\\s", 'done.) Next! ok?" yes', "4-7 11-13 15-18", "p-Pe"),
    (r"\p{Lower}+", "abcé", "0-3", "posix-lower-is-ascii"),
    (r"\p{Punct}+", "a.,;b«»", "1-4", "posix-punct"),
    (r"\p{Alpha}+", "abcé", "0-3", "posix-alpha"),
    (r"[\p{Lu}\d]+", "AB12cdÉ", "0-4 6-7", "p-in-class"),
    (r"\p{LD}+", "a1, b2", "0-2 4-6", "p-LD"),
    (r"\d+", "12 ۱۲", "0-2", "d-ascii"),
    (r"\w+", "data داده", "0-4", "w-ascii"),
    (r"\s", "a\xa0b c", "3-4", "s-ascii"),
    (r"\S+", "a\xa0b c", "0-3 4-5", "S-ascii"),
    (r"\bداده\b", "داده\u200cها داده", "0-4 8-12", "b-unicode"),
    (r"(?U)\w+", "data داده", "0-4 5-9", "U-flag"),
    (r"\h+", "a \xa0\tb", "1-4", "h"),
    (r"\H+", "a \xa0\tb", "0-1 4-5", "H"),
    (r"\R", "a\r\nb\nc\u2028d", "1-3 4-5 6-7", "R"),
    (r"\v", "a\nb\x0bc", "1-2 3-4", "v"),
    (".+", "ab\rcd\u2028ef", "0-2 3-5 6-8", "dot"),
    ("(?s).+", "ab\rcd", "0-5", "dot-s"),
    (r"b\z", "ab\n ab", "5-6", "z"),
    (r"b\Z", "ab\n", "1-2", "Z"),
    ("(?i)straße", "STRAßE straße STRASSE", "0-6 7-13", "i-ascii-only"),
    ("(?i)é", "é É", "0-1", "i-not-unicode"),
    ("(?iu)é", "é É", "0-1 2-3", "iu-unicode"),
    (r"\b(?iu)mgr\.\s", "MGR. Mgr. mgr. ", "0-5 5-10 10-15", "iu-word"),
    ("(?i)[a-c]+", "ABCabcd", "0-6", "i-class"),
    ("(?i)[é]", "éÉ", "0-1", "i-class-non-ascii"),
    ("(?iu)[é]", "éÉ", "0-1 1-2", "iu-class"),
    ("a(?i:b)c", "abc aBc aBC", "0-3 4-7", "i-scoped"),
    ("(a(?i)b)c", "aBc aBC", "0-3", "i-to-group-end"),
    ("(?i)a(?-i)b", "Ab AB", "0-2", "i-off"),
    ("(?x) a b # comment\n c", "abc a b c", "0-3", "x-comments"),
    ("(?x)[a b]+", "ab ba", "0-2 3-5", "x-in-class"),
    ("(?m)^b", "a\nb", "2-3", "m"),
    (r"(?i)\p{Lu}", "aB", "0-1 1-2", "i-property"),
    (r"\0101\011", "A\t B", "0-2", "octal"),
    (r"\x{1F600}|\x{41}", "A😀", "0-1 1-2", "hex-braces"),
    (r"\x41\u0628", "Aب", "0-2", "hex"),
    (r"\uD83D\uDE00", "a😀", "1-2", "surrogate-pair"),
    (r"\cI", "a\tb", "1-2", "control"),
    (r"\e|\a", "\x1b\x07", "0-1 1-2", "escape-e-a"),
    (r"[\u0600-\u06FF]+", "abc فارسی", "4-9", "range-escapes"),
    (r"[\x{600}-\x{6FF}]+", "abc فارسی", "4-9", "range-hex-braces"),
    (r"[^\x00-\x80]+", "abc فارسی", "4-9", "not-ascii"),
    (r"(?<w>[a-z])\k<w>", "abba", "1-3", "named-group"),
    (r"(a)\1", "aa a", "0-2", "backreference"),
    (r"(?<=[.!?]\s{1,4})\d", "x. 1 2", "3-4", "lookbehind"),
    (r"(?<![0-9.])[0-9]+\.", "1.2. 3.", "0-2 5-7", "negative-lookbehind"),
    (r"\bب\b", "بَ ب", "3-4", "b-mark"),
    (r"\Bس\B", "است س", "1-2", "B"),
    (r"\bMr\.", "Mr. xMr.", "0-3", "b-ascii-word"),
    ("[]a]", "]a[", "0-1 1-2", "bracket-first-in-class"),
    ("[^]a]", "]ab", "2-3", "bracket-first-in-negated-class"),
    ("[a&&]", "a&", "0-1", "intersection-empty-right"),
    ("[&&a]", "a&", "0-1", "intersection-empty-left"),
    ("[^a-c[x-z]&&[b-y]]", "abcxyzm", "0-1 5-6 6-7", "negation-of-union-and-intersection"),
    (r"[\w&&[^\d]]+", "a1b_", "0-1 2-4", "intersection-with-shorthand"),
    (r"\N{LATIN SMALL LETTER A}", "ab", "0-1", "character-name"),
    (r"[\N{LATIN SMALL LETTER A}b]", "abc", "0-1 1-2", "character-name-in-class"),
    (r"\p{IsWhite_Space}", "a b", "1-2", "p-IsWhite_Space"),
    (r"\p{IsPunctuation}+", "a.,b", "1-3", "p-IsPunctuation"),
    (r"\p{javaJavaIdentifierStart}+", "$a_1", "0-3", "p-javaJavaIdentifierStart"),
    (r"\p{javaJavaIdentifierPart}+", "a1\u200b-", "0-3", "p-javaJavaIdentifierPart"),
    (r"\b{g}", "e\u0301x\r\nاَب", "0-0 2-2 3-3 5-5 7-7 8-8", "grapheme-boundary"),
    (r"\b{g}\u0301", "e\u0301", "", "grapheme-boundary-not-before-a-mark"),
    (r"x\b{g}\S", "x\u200dy xy", "4-6", "grapheme-boundary-not-before-zwj"),
]


def spans(pattern, text):
    return " ".join(f"{m.start()}-{m.end()}" for m in compile_java(pattern).finditer(text))


@pytest.mark.parametrize(
    ("pattern", "text", "expected"), [pytest.param(*case[:3], id=case[3]) for case in CASES]
)
def test_python_finds_what_java_finds(pattern, text, expected):
    assert spans(pattern, text) == expected


@pytest.mark.skipif(shutil.which("java") is None, reason="no JDK on this machine")
def test_the_expected_spans_are_what_this_jdk_finds(tmp_path):
    records = tmp_path / "records.txt"
    records.write_text("\0".join(f"{p}\x01{t}" for p, t, _, _ in CASES), encoding="utf-8")
    result = subprocess.run(
        ["java", str(JAVA / "RegexSpans.java"), str(records)],
        capture_output=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    found = result.stdout.split("\n")[: len(CASES)]
    assert {name: java for (_, _, _, name), java in zip(CASES, found, strict=True)} == {
        name: expected for _, _, expected, name in CASES
    }


def test_possessive_quantifiers_and_atomic_groups_are_kept_as_they_are():
    # the regex module has Java's syntax and meaning for these
    for pattern in ("a++", "a*+", "a?+", "a{1,3}+", "(?>ab|a)"):
        assert translate(pattern) == "(?-f)" + pattern


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        pytest.param(
            r"\p{NoSuchThing}", r"unknown character property \p{NoSuchThing}", id="property"
        ),
        pytest.param(r"\p{IsNoSuchScript}", "unknown character property", id="script"),
        pytest.param(r"\j", r"escape \j has no translation", id="escape"),
        pytest.param(r"[a-", "unclosed character class", id="class"),
        pytest.param(r"(?<n>a", "unclosed group", id="group"),
        pytest.param(r"a)", "unmatched )", id="paren"),
        pytest.param(r"\x{110000}", "illegal hexadecimal escape", id="hex"),
        pytest.param(r"(?Pa)", "unknown group construct", id="python-syntax"),
        pytest.param(r"*a", "dangling quantifier", id="quantifier"),
        pytest.param(r"[z-a]", "illegal character range", id="range"),
        pytest.param(r"\b{w}", r"\b{…}: Java has only \b{g}", id="b-other-boundary"),
        pytest.param(r"\B{g}", r"\B{…}: Java has only \b{g}", id="B-grapheme"),
    ],
)
def test_what_cannot_be_translated_is_an_error_with_its_position(pattern, message):
    with pytest.raises(JavaRegexError) as error:
        compile_java(pattern)
    assert message in str(error.value)
    assert repr(pattern) in str(error.value)


def test_docstring_example():
    import doctest

    import corpus.javaregex

    assert doctest.testmod(corpus.javaregex).failed == 0


# Random patterns built from what SRX files use, on random texts of letters (Latin, Persian),
# digits, punctuation, spaces, NBSP, ZWNJ and line terminators (no astral characters, so that
# Java's UTF-16 positions are Python's)
ATOMS = [
    "a", "B", "é", "É", ".", "\\.", "\\s", "\\S", "\\w", "\\W", "\\d", "\\b", "\\B", "\\p{Lu}",
    "\\p{Ll}", "\\P{L}", "\\p{Pe}", "\\p{InArabic}", "\\p{IsLatin}", "\\p{javaLowerCase}",
    "\\p{Punct}", "\\p{Lower}", "\\h", "\\R", "\\Q.*\\E", "\\x{627}", "\\u0628", "\\0101", "ب",
    "\u200c", "[a-c]", "[^a-c]", "[\\p{Lu}&&[^I]]", "[a-z&&[^aeiou]]", "[.!?]", "[\\s\\d]",
    "[^\\s]", "[é-ë]", "[\\p{L}&&[^\\p{Lu}]]", "^", "$", "(?i)", "(?iu)", "(?-i)", "(?U)", "(?s)",
    "(?m)",
]  # fmt: skip
UNQUANTIFIED = ("(?", "^", "$", "\\b", "\\B")
QUANTIFIERS = ["", "", "", "*", "+", "?", "*?", "+?", "++", "*+", "{1,2}", "{2}"]
CHARACTERS = [*"aAbBcéÉeiIuU.!? \t\n\r\u00a0\u200cبپ۱1_)»", "\u2028", "\r\n"]


def random_pattern(rng, depth=0):
    parts = []
    for _ in range(rng.randint(1, 4)):
        roll = rng.random()
        if roll < 0.12 and depth < 2:
            opener = rng.choice(["(", "(?:", "(?=", "(?!", "(?<=", "(?>", "(?i:"])
            inner = random_pattern(rng, depth + 1)
            if opener == "(?<=" and any(q in inner for q in "*+?{"):
                inner = "a"  # Java needs a bounded look-behind
            atom = opener + inner + ")"
        elif roll < 0.2 and depth < 2:
            atom = f"(?:{random_pattern(rng, depth + 1)}|{random_pattern(rng, depth + 1)})"
        else:
            atom = rng.choice(ATOMS)
        parts.append(atom + ("" if atom.startswith(UNQUANTIFIED) else rng.choice(QUANTIFIERS)))
    return "".join(parts)


@pytest.mark.skipif(shutil.which("java") is None, reason="no JDK on this machine")
def test_random_patterns_match_where_java_matches(tmp_path):
    import random

    rng = random.Random(20261130)
    cases = [
        (random_pattern(rng), "".join(rng.choice(CHARACTERS) for _ in range(rng.randint(0, 15))))
        for _ in range(1500)
    ]
    records = tmp_path / "records.txt"
    records.write_text("\0".join(f"{p}\x01{t}" for p, t in cases), encoding="utf-8")
    result = subprocess.run(
        ["java", str(JAVA / "RegexLookingAt.java"), str(records)],
        capture_output=True,
        encoding="utf-8",
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    differ = []
    for (pattern, text), java in zip(cases, result.stdout.split("\n"), strict=False):
        try:
            compiled = compile_java(pattern)
        except JavaRegexError:
            python = "ERROR"
        else:
            ends = (compiled.match(text, i) for i in range(len(text) + 1))
            python = " ".join(str(m.end()) if m else "-" for m in ends)
        if python != java:
            differ.append((pattern, text, java, python))
    assert differ == []
