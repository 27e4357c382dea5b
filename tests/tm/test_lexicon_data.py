"""The core Persian-English lexicon shipped as data (tm/data/lexicon-fa-en.tsv)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

LEXICON = Path(__file__).resolve().parents[2] / "tm" / "data" / "lexicon-fa-en.tsv"

# Arabic-script letters, Persian digits and ZWNJ; no Latin, no spaces.
PERSIAN = re.compile("[\u0600-\u06ff\u200c]+")
# One English word or phrase: lower-case ASCII words joined by a space, hyphen or apostrophe.
ENGLISH = re.compile(r"[a-z0-9]+(?:[ '-][a-z0-9]+)*")


def _entries() -> list[tuple[int, str, list[str]]]:
    entries = []
    text = LEXICON.read_text(encoding="utf-8")
    for number, line in enumerate(text.split("\n"), 1):
        if not line or line.startswith("#"):
            continue
        assert line.count("\t") == 1, f"line {number}: expected one tab: {line!r}"
        persian, english = line.split("\t")
        entries.append((number, persian, english.split("; ")))
    return entries


@pytest.fixture(scope="module")
def lexicon() -> dict[str, set[str]]:
    table: dict[str, set[str]] = {}
    for _, persian, english in _entries():
        table.setdefault(persian, set()).update(english)
    return table


def test_every_line_parses() -> None:
    for number, persian, english in _entries():
        assert persian, f"line {number}: empty Persian side"
        assert PERSIAN.fullmatch(persian), f"line {number}: not Arabic script: {persian!r}"
        assert "\u064a" not in persian, f"line {number}: Arabic yeh in {persian!r}"
        assert "\u0643" not in persian, f"line {number}: Arabic kaf in {persian!r}"
        assert not persian.startswith("\u200c") and not persian.endswith("\u200c")
        assert english and all(english), f"line {number}: empty English side"
        for word in english:
            assert ENGLISH.fullmatch(word), f"line {number}: bad English {word!r}"


def test_no_duplicate_pairs() -> None:
    seen: set[tuple[str, str]] = set()
    for number, persian, english in _entries():
        for word in english:
            assert (persian, word) not in seen, f"line {number}: duplicate {persian} {word}"
            seen.add((persian, word))


def test_size_and_header() -> None:
    entries = _entries()
    assert len(entries) >= 2500
    header = [
        line for line in LEXICON.read_text(encoding="utf-8").splitlines() if line.startswith("#")
    ]
    assert any("wordfreq" in line and "CC BY-SA 4.0" in line for line in header)
    assert f"# Entries: {len(entries)}" in header


@pytest.mark.parametrize(
    ("persian", "english"),
    [
        ("و", "and"),
        ("در", "in"),
        ("از", "from"),
        ("با", "with"),
        ("برای", "for"),
        ("رفتن", "go"),
        ("رو", "went"),
        ("رفت", "gone"),
        ("دیدن", "see"),
        ("کتاب", "book"),
        ("آب", "water"),
        ("سال", "year"),
        ("دو", "two"),
        ("هزار", "thousand"),
        ("شنبه", "saturday"),
        ("ایران", "iran"),
        ("تهران", "tehran"),
        ("بزرگ", "big"),
        ("خوب", "good"),
        ("مادر", "mother"),
    ],
)
def test_spot_checks(lexicon: dict[str, set[str]], persian: str, english: str) -> None:
    assert english in lexicon[persian]
