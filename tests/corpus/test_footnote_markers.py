"""Footnote markers of a reference translation stand where the Persian puts them.

For every document pair of ``corpus/texts`` with a gold alignment, each footnote marker of the
English (``^1`` …) must stand in the bead whose Persian segment holds the Persian marker
(``^۱`` …) it answers, the n-th English marker answering the n-th Persian one: the Persian may
number its notes anew on every page (``^۱`` each time, Persian or Arabic-Indic digits) while the
English numbers them 1, 2, 3 … in ASCII digits, so markers are paired by order, not by number.
Cleanup removes markers from the segments, so a marker is located in the raw text (after the
fixes) by the words before it on its line, matched by their matching key against the segments.
"""

from __future__ import annotations

import re
from itertools import accumulate
from pathlib import Path

import pytest

from corpus.collection import bundled_texts
from corpus.document import Kind, Segment
from corpus.fixes import apply_fixes, read_fixes
from corpus.gold import Bead, read_gold
from corpus.normalize import matching_key
from corpus.pipeline import load_document, segment_document
from corpus.textfile import read_text

MARKER = re.compile(r"\^\s?([0-9\u06f0-\u06f9\u0660-\u0669]{1,3})")  # ^1, ^۱, ^١
CONTEXT = 40  # characters of matching key before a marker that locate it


def marker_segments(text: str, segments: list[Segment]) -> list[int]:
    """The index in *segments* of the segment each footnote marker of *text* (the raw text the
    segments were read from, fixes applied) stands in, in document order.

    A marker is found by the matching key of the words before it on its line (a note's own
    number, at the start of its line, is no marker), looked for in the body segments' keys from
    the previous marker on, so a sentence the document repeats is found at its right place.
    """
    body = [
        (i, matching_key(s.text)) for i, s in enumerate(segments) if s.kind is not Kind.FOOTNOTE
    ]
    stream = "".join(key for _, key in body)
    ends = list(accumulate(len(key) for _, key in body))
    found: list[int] = []
    cursor = 0
    for number, line in enumerate(text.split("\n"), start=1):
        for marker in MARKER.finditer(line):
            before = matching_key(MARKER.sub("", line[: marker.start()]))
            if not before:
                continue
            context = before[-CONTEXT:]
            at = stream.find(context, max(0, cursor - len(context) + 1))  # ends after the last
            assert at != -1, f"line {number}: the words before {marker.group()!r} are in no segment"
            cursor = at + len(context)
            found.append(body[next(k for k, end in enumerate(ends) if end >= cursor)][0])
    return found


def bead_ids(beads: list[Bead], side: str) -> list[str]:
    """The bead of each segment of one side, in segment order."""
    return [bead.id for bead in beads for _ in getattr(bead, side)]


def misplaced(
    fa_text: str, fa: list[Segment], en_text: str, en: list[Segment], beads: list[Bead]
) -> list[str]:
    """Each English marker that does not stand in its Persian marker's bead, said in words;
    empty when every marker is in place."""
    fa_beads, en_beads = bead_ids(beads, "fa"), bead_ids(beads, "en")
    assert (len(fa_beads), len(en_beads)) == (len(fa), len(en)), "the gold does not fit"
    persian = [fa_beads[i] for i in marker_segments(fa_text, fa)]
    english = [en_beads[i] for i in marker_segments(en_text, en)]
    problems = [
        f"marker {n}: the Persian's in {p}, the English's in {e}"
        for n, (p, e) in enumerate(zip(persian, english, strict=False), start=1)
        if p != e
    ]
    if len(persian) != len(english):
        problems.append(f"{len(persian)} Persian markers, {len(english)} English markers")
    return problems


PAIRS = [
    pair
    for pair in bundled_texts()
    if pair.gold and pair.english and {pair.raw.suffix, pair.english.suffix} == {".txt"}
]


def test_the_bundled_article_is_checked_and_has_markers_on_both_sides():
    assert "caucasus-oil-policy" in [pair.id for pair in PAIRS]
    pair = next(pair for pair in PAIRS if pair.id == "caucasus-oil-policy")
    assert len(MARKER.findall(read_text(pair.english))) >= 9


@pytest.mark.parametrize("pair", PAIRS, ids=[pair.id for pair in PAIRS])
def test_every_english_footnote_marker_stands_in_the_bead_of_its_persian_marker(pair):
    fixes = read_fixes(pair.fixes) if pair.fixes else []
    fa_text = apply_fixes(read_text(pair.raw), fixes, str(pair.fixes))
    source = load_document(pair.raw, "fa-IR", pair.fixes, zwnj_spelling=pair.zwnj_spelling())
    language = pair.target_language()
    target = load_document(pair.english, language)
    fa, en = segment_document(source, "fa-IR"), segment_document(target, language)
    en_text = read_text(pair.english)
    assert misplaced(fa_text, fa, en_text, en, read_gold(pair.gold)) == []


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("english", "problems"),
    [
        (
            "The sea is closed.^1 Its oil is old. Its gas is new.^2\n\n1. A note.\n\n2. Another.\n",
            [],
        ),
        (
            "The sea is closed. Its oil is old.^1 Its gas is new.^2\n\n1. A note.\n\n2. Another.\n",
            ["marker 1: the Persian's in b1, the English's in b2"],
        ),
        (
            "The sea is closed.^1 Its oil is old. Its gas is new.\n\n1. A note.\n\n2. Another.\n",
            ["2 Persian markers, 1 English markers"],
        ),
    ],
    ids=["in-place", "moved-to-the-next-sentence", "one-missing"],
)
def test_a_marker_in_another_bead_is_named(tmp_path, english, problems):
    """Persian digits on one side and ASCII on the other, the Persian numbering each page's
    notes from ۱: markers pair by order."""
    fa_text = (
        "دریا بسته است.^۱ نفت آن کهنه است. گاز آن تازه است.^۱\n\n"
        "^۱. یک یادداشت.\n\n^۱. یادداشت دیگر.\n"
    )
    fa_path, en_path = write(tmp_path / "fa.txt", fa_text), write(tmp_path / "en.txt", english)
    fa = segment_document(load_document(fa_path, "fa-IR"), "fa-IR")
    en = segment_document(load_document(en_path, "en-GB"), "en-GB")
    body = [s for s in fa if s.kind is not Kind.FOOTNOTE]
    assert len(body) == 3 and len(fa) == len(en) == 5, (fa, en)
    beads = [
        Bead(f"b{n}", (f.text,), (e.text,)) for n, (f, e) in enumerate(zip(fa, en, strict=True), 1)
    ]
    assert misplaced(fa_text, fa, english, en, beads) == problems
