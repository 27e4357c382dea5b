"""Do no harm: on well-typed Persian, normalization changes text only by its documented rules.

TICO-19's Persian (CC0, ``tests/data/tico19``: 31 documents translated by professionals, about
4,300 ZWNJs) is normalized document by document, as the pipeline does, and every character the
normalizer changes is explained by the rule that made it. The rules are named in
:data:`DOCUMENTED` (the contract in ``corpus/normalize.py`` and the README); a change that none
explains is a failure. No word of the documents is named here: the explanation is by rule.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.normalize import BIDI, BIDI_HALF_SPACE, LETTERS, PRESENTATION_FORMS, normalize
from corpus.zwnj import (
    BOUND_WORDS,
    NON_JOINING,
    VERB_PREFIXES,
    WORD,
    ZWNJ,
    Usage,
    cut_positions,
    restore_word,
)

DOCUMENTED = {
    "typed document",  # counted once a document, not a change
    "document without its ZWNJs",
    "letter forms",  # rule 1 (and the invisible joiners of rule 2)
    "bidi marks",  # rule 2: RLM/LRM/ALM between letters → ZWNJ, other marks dropped
    "spacing",  # rule 5
    "stray ZWNJ",  # rule 4: doubled, beside a space, at a word's edge, after a non-joining letter
    "detached suffix joined",  # rule 4: می کند → می‌کند, کشور ها → کشورها
    "document's spelling",  # rule 4: a word the document writes with a ZWNJ more often
    "restoration in a document that lost its ZWNJs",  # rule 4
}


def _letters(text: str) -> str:
    text = PRESENTATION_FORMS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    return unicodedata.normalize("NFC", text).translate(LETTERS)


def _zwnj_places(text: str) -> set[int]:
    return cut_positions(text.replace(" ", "").replace("\n", ""))


def _explain_cleanup(before: str, after: str, rules: Counter[str]) -> None:
    """Everything but restoration: *after* is ``normalize(before, restore_zwnj=False)``."""
    folded = _letters(before)
    if folded != before:
        rules["letter forms"] += 1
    marked, folded = folded, BIDI.sub("", BIDI_HALF_SPACE.sub(ZWNJ, folded))
    if folded != marked:
        rules["bidi marks"] += 1
    if folded == after:
        return
    old, new = folded.replace(" ", ""), after.replace(" ", "")
    if old != new:
        if old.replace(ZWNJ, "") != new.replace(ZWNJ, ""):
            rules[f"undocumented: {folded!r} → {after!r}"] += 1
            return
        if not _zwnj_places(new) <= _zwnj_places(old):
            rules[f"undocumented: ZWNJ added in {folded!r} → {after!r}"] += 1
            return
        rules["stray ZWNJ"] += 1
    if folded.replace(ZWNJ, "").split() != after.replace(ZWNJ, "").split() or " " in old:
        rules["spacing"] += 1


def _explain_restoration(before: str, after: str, usage: Usage, rules: Counter[str]) -> None:
    """Restoration: *before* is the text without it, *after* the normalizer's output."""
    old_words, new_words = WORD.findall(before), WORD.findall(after)
    matcher = difflib.SequenceMatcher(
        None, [w.replace(ZWNJ, "") for w in old_words], [w.replace(ZWNJ, "") for w in new_words],
        autojunk=False,
    )  # fmt: skip
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old_run, new_run = old_words[i1:i2], new_words[j1:j2]
        pairs: list[tuple[list[str], str]] = []
        for new in new_run:  # each new word with the old words it is made of
            taken, plain = [], new.replace(ZWNJ, "")
            while old_run and "".join(taken).replace(ZWNJ, "") != plain:
                taken.append(old_run.pop(0))
            pairs.append((taken, new))
        if tag != "equal" and (old_run or any(
            "".join(taken).replace(ZWNJ, "") != new.replace(ZWNJ, "") for taken, new in pairs
        )):  # fmt: skip
            rules[f"undocumented: {old_words[i1:i2]} → {new_words[j1:j2]}"] += 1
            continue
        for taken, new in pairs:
            if len(taken) >= 2:
                good, joined = True, taken[0]
                for second in taken[1:]:
                    good &= second in BOUND_WORDS or joined in VERB_PREFIXES
                    joined += "" if joined[-1] in NON_JOINING else ZWNJ
                    joined += second
                good &= new == joined
                rules["detached suffix joined" if good else f"undocumented: {taken} → {new}"] += 1
                continue
            if not taken:
                rules[f"undocumented: {new} made of nothing"] += 1
                continue
            old = taken[0]
            if old == new:
                continue
            plain = new.replace(ZWNJ, "")
            if old != plain:
                rules[f"undocumented: a written ZWNJ word changed {old!r} → {new!r}"] += 1
            elif usage.forms.get(plain) == new:
                rules["document's spelling"] += 1
            elif not usage.typed:
                rules["restoration in a document that lost its ZWNJs"] += 1
            else:
                rules[f"undocumented: {old!r} → {new!r} in a typed document"] += 1


def explain(text: str) -> Counter[str]:
    """The rules that explain each change :func:`normalize` makes to *text* (one document)."""
    rules: Counter[str] = Counter()
    cleaned = normalize(text, restore_zwnj=False)
    usage = Usage.of(cleaned)
    rules["typed document" if usage.typed else "document without its ZWNJs"] += 1
    lines = zip(text.split("\n"), cleaned.split("\n"), normalize(text).split("\n"), strict=True)
    for line, cleaned_line, normalized_line in lines:
        _explain_cleanup(line, cleaned_line, rules)
        _explain_restoration(cleaned_line, normalized_line, usage, rules)
    return rules


def test_tico19_persian_changes_only_by_documented_rules(tico19_documents):
    rules: Counter[str] = Counter()
    for units in tico19_documents.values():
        rules += explain("\n".join(fa for fa, _ in units))
    undocumented = {rule: n for rule, n in rules.items() if rule not in DOCUMENTED}
    assert undocumented == {}, undocumented
    # four of the documents are typed without ZWNJs (a space after می): restoration works there
    assert rules["typed document"] + rules["document without its ZWNJs"] == len(tico19_documents)
    assert rules["letter forms"] > 0 and rules["stray ZWNJ"] > 0  # the test sees changes


def test_tico19_written_zwnj_words_are_kept(tico19_documents):
    """A word with a ZWNJ after a joining letter comes out as written (or with a detached
    suffix joined to it: راه‌حل ها → راه‌حل‌ها)."""
    changed = Counter()
    for units in tico19_documents.values():
        text = normalize("\n".join(fa for fa, _ in units), restore_zwnj=False)
        out = set(WORD.findall(normalize(text)))
        heads = {w.rsplit(ZWNJ, 1)[0] for w in out if ZWNJ in w}
        changed.update(w for w in WORD.findall(text) if ZWNJ in w and not {w} & (out | heads))
    assert not changed, changed.most_common(20)


@pytest.mark.parametrize(
    "text",
    [
        "دهه‌ای", "ضربه‌ای", "پیشرفت‌هایی", "جلسه دو ساعته‌ای بود.", "بین‌گونه‌ای",
        "محل‌های", "تیم‌های", "دست‌های", "چندهسته‌ای", "سختگیرانه‌تری",
    ],
)  # fmt: skip
def test_a_written_zwnj_word_is_never_resplit(text):
    assert normalize(text) == text


def test_the_documents_own_spelling_decides():
    # a text typed with its ZWNJs: a glued word is its author's spelling, left as it is
    text = "سیاست‌های دولت و آنها می‌گویند که شرکت‌ها و دانشگاه‌ها بزرگ‌ترین هستند."
    assert normalize(text) == text
    # written with a ZWNJ more often than glued: the glued one takes the document's spelling
    assert normalize("کم‌تر و کم‌تر و کمتر") == "کم‌تر و کم‌تر و کم‌تر"
    # a text without ZWNJs: the rules restore them, in the spelling asked for
    assert normalize("آنها و سیاستهای دولت") == "آنها و سیاست‌های دولت"
    assert normalize("آنها و سیاستهای دولت", zwnj_spelling="academy") == "آن‌ها و سیاست‌های دولت"


def test_one_spelling_a_word_in_a_restored_document():
    once = normalize("منطقهای که. منطقهای بزرگ")
    assert len({w for w in once.replace(".", " ").split() if "منطق" in w}) == 1


GLUED = ["میگیرد", "سیاستهای", "منطقهای", "بزرگترین", "تعیینکننده", "نمیتواند", "دادهاند"]
FILLER = ["نفت", "در", "و", "که", "میز", "تهران", "دفتر", ".", "،", "ها", "ای", "می"]
RANDOM_WORD = st.text(alphabet="ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی", min_size=2, max_size=9)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(GLUED + FILLER) | RANDOM_WORD, max_size=10), st.data())
def test_correct_zwnjs_added_are_never_lost(words, data):
    """Adding ZWNJs where restoration puts them never makes the output lose them (a suffix
    written apart may still join the word: the typed word stays inside the output's)."""
    text = " ".join(words)
    written = []
    for word in words:
        restored = restore_word(word)
        written.append(restored if data.draw(st.booleans()) else word)
    typed = " ".join(written)
    out = normalize(typed)
    for word in set(written):
        if ZWNJ in word:
            assert word in out, (typed, out)
    assert normalize(out) == out
    assert normalize(normalize(text)) == normalize(text)
