"""ZWNJ restoration measured on well-typed Persian: recall, wrong joins and missed words by class.

Each text is normalized once without restoration (``normalize(text, restore_zwnj=False)``: its
letters, spacing and stray ZWNJs as tmkit writes them); that is the gold. The gold with every
ZWNJ removed is given to the normalizer, and its output is compared with the gold word by word
(words are aligned on their letters, so a library that respaces the text is still scored):

- **ZWNJ words**: gold words with a ZWNJ; **right**: those the output writes exactly so;
  **recall**: right / ZWNJ words;
- **missed**: gold ZWNJ words the output writes without one of their ZWNJs;
- **wrong joins**: output words with a ZWNJ where the gold has none, counted per word and as a
  share of the ZWNJ words the output writes; **variants**: those of them whose spelling the gold
  itself writes elsewhere (TICO-19 writes both آنها and آن‌ها, پیشگیری and پیش‌گیری).

Each missed or wrong word is put in the class of its ZWNJ (:func:`corpus.zwnj.cut_class`:
verbal prefix, plural, silent heh + suffix, comparative, clitic after ی, compound, other), and
the lists are written to ``--lists`` (default ``out/bench_zwnj_lists.txt``, git-ignored).

The texts: the Persian of TICO-19 (``tests/data/tico19/all.en-fa.tmx``, CC0, 31 documents, each
normalized as one document) and the held-out sentences ``tests/data/fa-zwnj-heldout.txt`` (one
document). tmkit runs with each ZWNJ spelling (``common``, the default: words most writers
glue stay glued; ``academy``: the Academy's orthography; see :mod:`corpus.zwnj`). With
``--hazm PYTHON`` / ``--parsivar PYTHON`` (the Python of a throwaway venv that has the library;
see ``compare_zwnj_libraries.py``) their normalizers get the same stripped text.

A second table says what no restorer can know from the stripped text: the words each text
writes both ways (آنها 206 times and آن‌ها 9 times), and the least missed + wrong joins that
a restorer writing each word one way must make on them (per word, the fewer of its two
counts), and the best recall such a restorer reaches with wrong joins ≤ 0.5% if it knew,
word by word, which spelling the text prefers (an oracle: that knowledge is not in the text).

Run: ``python benchmarks/bench_zwnj.py [--hazm PYTHON] [--parsivar PYTHON] [--lists FILE]``
"""

from __future__ import annotations

import argparse
import difflib
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent))

from compare_zwnj_libraries import PROGRAMS, run_library

from corpus.normalize import LETTERS, normalize
from corpus.zwnj import CLASSES, SPELLINGS, WORD, ZWNJ, cut_class, cut_positions

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def tico19_documents() -> list[str]:
    """TICO-19's Persian, one text per document (its units one a line)."""
    documents: dict[str, list[str]] = {}
    for tu in etree.parse(str(DATA / "tico19" / "all.en-fa.tmx")).getroot().iter("tu"):
        for tuv in tu.iter("tuv"):
            if tuv.get(XML_LANG) == "fa":
                documents.setdefault(tu.findtext("prop"), []).append(tuv.findtext("seg") or "")
    return ["\n".join(units) for units in documents.values()]


def heldout_documents() -> list[str]:
    return [(DATA / "fa-zwnj-heldout.txt").read_text(encoding="utf-8").strip()]


TEXTS = {"TICO-19": tico19_documents, "held-out sentences": heldout_documents}


@dataclass
class Score:
    zwnj_words: int = 0
    right: int = 0
    written: int = 0  # output words with a ZWNJ, among the aligned words
    missed: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    wrong: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    by_class: Counter[str] = field(default_factory=Counter)  # gold ZWNJ words by class
    spellings: set[str] = field(default_factory=set)  # every ZWNJ word the gold writes
    variants: int = 0  # wrong words whose spelling the gold itself writes elsewhere

    @property
    def recall(self) -> float:
        return self.right / self.zwnj_words if self.zwnj_words else 1.0

    @property
    def wrong_words(self) -> int:
        return sum(sum(c.values()) for c in self.wrong.values())

    @property
    def missed_words(self) -> int:
        return sum(sum(c.values()) for c in self.missed.values())

    @property
    def wrong_share(self) -> float:
        return self.wrong_words / self.written if self.written else 0.0


def _fold(word: str) -> str:
    word = unicodedata.normalize("NFKC", word).translate(LETTERS)
    return "".join(c for c in word if not unicodedata.combining(c))


def _words(text: str) -> list[str]:
    return [_fold(w) for w in WORD.findall(text)]


def score_pair(gold: str, output: str, score: Score) -> None:
    """Add to *score* the comparison of *output* with *gold*, word by word."""
    gold_words, out_words = _words(gold), _words(output)
    plain = [w.replace(ZWNJ, "") for w in gold_words]
    matcher = difflib.SequenceMatcher(
        None, plain, [w.replace(ZWNJ, "") for w in out_words], autojunk=False
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":  # words joined or split (می کند → می‌کند), not restoration
            continue
        for want_word, have_word in zip(gold_words[i1:i2], out_words[j1:j2], strict=True):
            want, have = cut_positions(want_word), cut_positions(have_word)
            bare = want_word.replace(ZWNJ, "")
            score.written += bool(have)
            if want:
                score.zwnj_words += 1
                score.by_class[cut_class(bare, min(want))] += 1
                if want <= have:
                    score.right += have == want
                else:
                    score.missed[cut_class(bare, min(want - have))][want_word] += 1
            if have - want:
                score.wrong[cut_class(bare, min(have - want))][f"{have_word} ({want_word})"] += 1
                score.variants += have_word in score.spellings


def measure(documents: list[str], normalizer) -> Score:
    score = Score()
    golds = [normalize(text, restore_zwnj=False) for text in documents]
    score.spellings = {w for gold in golds for w in _words(gold) if ZWNJ in w}
    for gold in golds:
        score_pair(gold, normalizer(gold.replace(ZWNJ, "")), score)
    return score


@dataclass
class BothWays:
    """The words a text writes both with and without a ZWNJ."""

    words: int  # distinct words (letters) written both ways
    with_zwnj: int  # their occurrences with a ZWNJ
    glued: int  # their occurrences glued
    floor: int  # the least missed + wrong joins of a restorer writing each word one way
    oracle_recall: float  # best recall at wrong joins <= 0.5% knowing each word's preference


def both_ways(documents: list[str]) -> BothWays:
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for text in documents:
        for word in _words(normalize(text, restore_zwnj=False)):
            spellings[word.replace(ZWNJ, "")][word] += 1
    zwnj_words = sum(n for c in spellings.values() for w, n in c.items() if ZWNJ in w)
    split = []  # (occurrences with the most frequent ZWNJ spelling, glued occurrences)
    always = 0  # ZWNJ words whose letters are never written glued
    for plain, counts in spellings.items():
        best = max((n for w, n in counts.items() if ZWNJ in w), default=0)
        if best and counts[plain]:
            split.append((best, counts[plain]))
        else:
            always += best
    budget, right, wrong = 0.005 * zwnj_words, always, 0
    for best, glued in sorted(split, key=lambda pair: -pair[0] / pair[1]):
        if wrong + glued <= budget:  # writing this word with its ZWNJ stays within budget
            right, wrong = right + best, wrong + glued
    return BothWays(
        len(split),
        sum(best for best, _ in split),
        sum(glued for _, glued in split),
        sum(min(pair) for pair in split),
        right / zwnj_words if zwnj_words else 1.0,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    for name in PROGRAMS:
        parser.add_argument(f"--{name}", metavar="PYTHON", help=f"a Python that has {name}")
    parser.add_argument("--lists", default="out/bench_zwnj_lists.txt", help="per-class word lists")
    args = parser.parse_args()
    normalizers = {
        f"tmkit {spelling}": partial(normalize, zwnj_spelling=spelling) for spelling in SPELLINGS
    }
    for name in PROGRAMS:
        python = getattr(args, name)
        if python:
            normalizers[name] = lambda text, n=name, p=python: run_library(n, p, text)
    lists = []
    header = (
        f"{'text':<19} {'normalizer':<13} {'ZWNJ words':>10} {'right':>6} {'recall':>7} "
        f"{'missed':>6} {'wrong joins':>11} {'of written':>10} {'variants':>8}"
    )
    print(header)
    for text_name, read in TEXTS.items():
        documents = read()
        for name, normalizer in normalizers.items():
            s = measure(documents, normalizer)
            print(
                f"{text_name:<19} {name:<13} {s.zwnj_words:>10} {s.right:>6} {s.recall:>7.3f} "
                f"{s.missed_words:>6} {s.wrong_words:>11} {s.wrong_share:>10.2%} {s.variants:>8}"
            )
            lists.append(f"# {text_name}, {name}: recall {s.recall:.3f}, wrong {s.wrong_words}")
            for kind in CLASSES:
                missed, wrong = s.missed.get(kind, Counter()), s.wrong.get(kind, Counter())
                lists.append(
                    f"## {kind}: {s.by_class[kind]} ZWNJ words, "
                    f"{sum(missed.values())} missed, {sum(wrong.values())} wrong"
                )
                for label, words in (("missed", missed), ("wrong", wrong)):
                    if words:
                        lists.append(
                            f"{label}: " + " ".join(f"{w}×{n}" for w, n in words.most_common())
                        )
    print()
    print(
        f"{'text':<19} {'written both ways':>17} {'with ZWNJ':>9} {'glued':>6} "
        f"{'least missed+wrong':>18} {'oracle recall at 0.5%':>21}"
    )
    for text_name, read in TEXTS.items():
        b = both_ways(read())
        print(
            f"{text_name:<19} {b.words:>17} {b.with_zwnj:>9} {b.glued:>6} {b.floor:>18} "
            f"{b.oracle_recall:>21.3f}"
        )
    Path(args.lists).parent.mkdir(parents=True, exist_ok=True)
    Path(args.lists).write_text("\n".join(lists) + "\n", encoding="utf-8")
    print(f"per-class lists: {args.lists}")


if __name__ == "__main__":
    main()
