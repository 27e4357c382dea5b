"""Glossaries of 100 to 10,000 concepts for the check benchmark, written as the workbook that
``tmkit check`` reads (:func:`glossary.workbook.write_glossary`).

The concepts are taken in this order until there are SIZE of them:

1. TICO-19's COVID-19 terminologies (``tests/data/tico19/*.csv``, read as ``tmkit glossary
   import`` reads them: 563 rows), a row whose Persian or English term an earlier row has
   merged into it, its forms becoming variants; approved, as imported;
2. the core lexicon (``tm/data/lexicon-fa-en.tsv``) past its 300 most frequent words (function
   words no glossary lists): the Persian words that share a first English equivalent are one
   concept (its term the more frequent, the others its Persian variants), the first English
   equivalent its term and the others allowed variants; proposed (a general word is a
   candidate until a terminologist approves it: matched, never reported);
3. two-word terms: the pairs of such lexicon words that TICO-19's Persian writes side by side,
   the most frequent first, then pairs that it never writes (a large glossary holds concepts a
   TM never uses), English ``B A`` (an ezafe phrase: بهداشت عمومی, public health) with ``A of
   B`` and ``A B`` allowed, A's second equivalent for its first forbidden (public hygiene for
   public health); every tenth approved, the others proposed.

So the 100-concept glossary is TICO-19's alone, and the 10,000-concept one has about 2,700
lexicon concepts and 6,700 multiword ones, with inflected uses in TICO-19's sentences
(ها, ی, ترین ...) and several Persian and English forms to a concept.

Usage: ``python benchmarks/scale_glossary.py SIZE -o terms.xlsx``
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from itertools import chain, islice, pairwise
from pathlib import Path

from corpus.normalize import matching_key
from glossary.csvimport import read_term_list
from glossary.model import Domain, Glossary, Status, Term
from glossary.workbook import write_glossary
from tm.lexical import core_pairs
from tm.tmx import read_tmx

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "tico19"
TERM_LISTS = ("f_en-fa_IR.csv", "g_en_fa.csv", "g_fa_en.csv")
FUNCTION_WORDS = 300  # the lexicon's most frequent words: no glossary's concepts
PERSIAN_WORD = re.compile(r"[\u0600-\u06ff\u200c]+")
DOMAINS = (
    Domain("covid", "COVID-19", "TICO-19's terminologies"),
    Domain("general", "general vocabulary", "the core lexicon's words"),
    Domain("phrases", "two-word terms", "pairs of lexicon words"),
)


def glossary(size: int) -> Glossary:
    """The first *size* concepts of the module's list (fewer only when it has fewer).

    :raises ValueError: *size* is below 1.
    """
    if size < 1:
        raise ValueError(f"a glossary of {size} concepts")
    return Glossary(tuple(islice(_concepts(), size)), DOMAINS)


def _concepts() -> Iterator[Term]:
    seen: dict[str, Term] = {}  # a form's key → its concept
    for term in chain(_tico_terms(), _lexicon_terms(), _phrase_terms()):
        keys = [matching_key(f) for f in term.persian_forms] + [
            f.casefold() for f in term.english_forms
        ]
        if not any(key in seen for key in keys):
            for key in keys:
                seen[key] = term
            yield term


def _tico_terms() -> list[Term]:
    merged: dict[str, Term] = {}  # the id of the concept a row went into → that concept
    into: dict[str, str] = {}  # a form's key → the id of its concept
    for name in TERM_LISTS:
        for term in read_term_list(DATA / name, domain="covid").glossary.terms:
            term = replace(term, id=f"tico-{Path(name).stem}-{term.id}")
            keys = [matching_key(term.fa), term.en.casefold()]
            kept = next((merged[into[k]] for k in keys if k in into), None)
            if kept is None:
                merged[term.id] = term
                into.update(dict.fromkeys(keys, term.id))
                continue
            fa = tuple(f for f in term.persian_forms if f not in kept.persian_forms)
            en = tuple(f for f in term.english_forms if f not in kept.english_forms)
            kept = replace(
                kept, fa_variants=kept.fa_variants + fa, en_variants=kept.en_variants + en
            )
            merged[kept.id] = kept
            into.update(dict.fromkeys(keys, kept.id))
    return list(merged.values())


def _lexicon() -> dict[str, list[str]]:
    """The lexicon's Persian words past the function words, with their English equivalents."""
    senses: dict[str, list[str]] = {}
    for persian, english in core_pairs():
        senses.setdefault(persian, []).append(english)
    return dict(list(senses.items())[FUNCTION_WORDS:])


def _lexicon_terms() -> list[Term]:
    by_english: dict[str, list[str]] = {}
    lexicon = _lexicon()
    for persian, english in lexicon.items():
        by_english.setdefault(english[0], []).append(persian)
    terms = []
    for number, (english, persian) in enumerate(by_english.items()):
        others = tuple(dict.fromkeys(e for p in persian for e in lexicon[p] if e != english))
        terms.append(
            Term(
                f"lex-{number:05}", "general", persian[0], english,
                status=Status.PROPOSED,
                fa_variants=tuple(persian[1:]), en_variants=others,
            )
        )  # fmt: skip
    return terms


def _phrase_terms() -> Iterator[Term]:
    lexicon = _lexicon()
    synonyms: dict[str, list[str]] = {}  # an English equivalent → the Persian words with it
    for persian, english in lexicon.items():
        synonyms.setdefault(english[0], []).append(persian)
    written: Counter[tuple[str, str]] = Counter()
    for unit in read_tmx(DATA / "all.en-fa.tmx", srclang="fa"):
        words = PERSIAN_WORD.findall(unit.source)
        written.update(p for p in pairwise(words) if all(w in lexicon for w in p))
    words = list(lexicon)
    never = (  # each word with the next, then with the one after it ...
        (a, b)
        for step in range(1, len(words))
        for a, b in zip(words, words[step:], strict=False)
        if (a, b) not in written
    )
    pairs = (pair for pair, _ in written.most_common())
    for number, (a, b) in enumerate(chain(pairs, never)):
        first, second = lexicon[a][0], lexicon[b][0]
        wrong = [f"{second} {other}" for other in lexicon[a][1:2]]
        other_a = [s for s in synonyms[first] if s != a][:1]
        other_b = [s for s in synonyms[second] if s != b][:1]
        yield Term(
            f"phrase-{number:05}", "phrases", f"{a} {b}", f"{second} {first}",
            status=Status.APPROVED if number % 10 == 0 else Status.PROPOSED,
            fa_variants=(*(f"{s} {b}" for s in other_a), *(f"{a} {s}" for s in other_b)),
            en_variants=(f"{first} of {second}", f"{first} {second}"), forbidden=tuple(wrong),
        )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", type=int, help="how many concepts (1 to about 10,000)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the .xlsx to write")
    args = parser.parse_args()
    made = glossary(args.size)
    write_glossary(made, args.output)
    print(f"{args.output}: {len(made.terms)} concepts")


if __name__ == "__main__":
    main()
