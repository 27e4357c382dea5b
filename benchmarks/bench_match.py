"""Glossary matching cost with 10 and with 10,000 terms (Aho–Corasick): prints a table.

The text is the bundled article's Persian and English, repeated; the large glossary is the bundled
one plus synthetic concepts. Run: ``tox -e bench`` or ``python benchmarks/bench_match.py``.
"""

from __future__ import annotations

import time

from corpus.collection import bundled_texts
from corpus.pipeline import load_document
from glossary.match import Matcher
from glossary.model import Glossary, Term, bundled_glossary_path
from glossary.workbook import load_glossary

SIZES = (10, 1_000, 10_000)


def main() -> None:
    folder = bundled_texts()[0]
    persian = [b.text for b in load_document(folder.raw, "fa-IR", folder.fixes).blocks] * 10
    english = [b.text for b in load_document(folder.english, "en-GB").blocks] * 10
    real = load_glossary(bundled_glossary_path()).terms
    letters = "ابپتجچخدرزسشصطعفقکگلمنوهی"
    print(f"{'terms':>6} {'build s':>8} {'persian s':>10} {'english s':>10} {'matches':>8}")
    for size in SIZES:
        synthetic = [
            Term(f"t{n}", "energy", _word(n, letters), f"zzterm{n}")
            for n in range(max(0, size - len(real)))
        ]
        terms = (list(real) + synthetic)[:size]
        start = time.perf_counter()
        matcher = Matcher(Glossary(tuple(terms)))
        built = time.perf_counter()
        found = sum(len(matcher.persian(text)) for text in persian)
        middle = time.perf_counter()
        found += sum(len(matcher.english(text)) for text in english)
        end = time.perf_counter()
        times = f"{built - start:>8.2f} {middle - built:>10.2f} {end - middle:>10.2f}"
        print(f"{size:>6} {times} {found:>8}")


def _word(n: int, letters: str) -> str:
    """A distinct six-letter Persian-looking word for synthetic concept *n*."""
    digits = []
    for _ in range(6):
        n, rest = divmod(n, len(letters))
        digits.append(letters[rest])
    return "".join(digits)


if __name__ == "__main__":
    main()
