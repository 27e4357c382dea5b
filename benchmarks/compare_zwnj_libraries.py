"""ZWNJ restoration of tmkit, hazm and parsivar on the bundled article; prints a table.

Each normalizer gets the raw article (``fa.raw.txt``, no fixes) and is scored on the article's
hand-checked glued words (``tests/data/caucasus-zwnj-gold.tsv``: a word is right when its correct
form is in the output and its glued form is not) and look-alike words that must stay whole
(``caucasus-zwnj-traps.txt``). hazm and parsivar are not tmkit's dependencies: give the Python of
a virtual environment that has them (``python -m venv /tmp/h && /tmp/h/bin/pip install hazm``).

Run: ``python benchmarks/compare_zwnj_libraries.py [--hazm PYTHON] [--parsivar PYTHON]``
"""

from __future__ import annotations

import argparse
import re
import subprocess
from pathlib import Path

from corpus.normalize import normalize

ROOT = Path(__file__).parents[1]
RAW = ROOT / "corpus" / "texts" / "caucasus-oil-policy" / "fa.raw.txt"
DATA = ROOT / "tests" / "data"
WORD = re.compile("[\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06d5\u200c]+")
FOLD = str.maketrans({"ي": "ی", "ك": "ک"})
PROGRAMS = {
    "hazm": "import sys, hazm; print(hazm.Normalizer().normalize(sys.stdin.read()))",
    "parsivar": "import sys, parsivar; print(parsivar.Normalizer().normalize(sys.stdin.read()))",
}


def run_library(name: str, python: str, text: str) -> str:
    """*text* through library *name*'s normalizer, run by *python* (a venv that has it)."""
    return subprocess.run(
        [python, "-c", PROGRAMS[name]], input=text, capture_output=True, text=True, check=True
    ).stdout


def score(text: str) -> tuple[int, int, int, int]:
    """(gold words right, gold words, look-alikes broken, look-alikes present)."""
    words = {w.translate(FOLD) for w in WORD.findall(text)}
    rows = (DATA / "caucasus-zwnj-gold.tsv").read_text(encoding="utf-8").split("\n")[1:]
    pairs = [row.split("\t") for row in rows if row]
    right = sum(1 for glued, correct in pairs if correct in words and glued not in words)
    traps = (DATA / "caucasus-zwnj-traps.txt").read_text(encoding="utf-8").split()
    plain = {w.replace("\u200c", "") for w in words}
    present = [t for t in traps if t in plain]
    broken = sum(1 for t in present if t not in words)
    return right, len(pairs), broken, len(present)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    for name in PROGRAMS:
        parser.add_argument(f"--{name}", metavar="PYTHON", help=f"a Python that has {name}")
    args = parser.parse_args()
    raw = RAW.read_text(encoding="utf-8")
    outputs = {"tmkit": normalize(raw)}
    for name in PROGRAMS:
        python = getattr(args, name)
        if python:
            outputs[name] = run_library(name, python, raw)
    print(f"{'normalizer':<10} {'glued words right':>18} {'look-alikes broken':>19}")
    for name, text in outputs.items():
        right, total, broken, present = score(text)
        print(f"{name:<10} {f'{right} of {total}':>18} {f'{broken} of {present}':>19}")


if __name__ == "__main__":
    main()
