"""Alignment on real document pairs (issue 11): TICO-19's documents and the bundled article.

Prints one table, then a speed line. Run: ``python benchmarks/bench_align_tico.py
[--hunalign PATH] [--split-run-ons]`` (``tox -e bench`` runs it without hunalign).

**Pairs.** ``tests/data/tico19/all.en-fa.tmx`` (CC0): 31 documents (a unit's
``<prop type="note">`` is its document's URL), 3,071 professionally translated units in
document order. Each document becomes a document pair by ``tests/tm/synthetic.py``'s
``build``, seeded with the document's number (0–30, the order of first appearance in the
TMX), the same seeds in every scenario: consecutive units grouped into Persian paragraphs of
1–6 beads (a new paragraph before a bead with probability 1/4, and after a segment without a
sentence's final punctuation — a heading, a list line, a list's introduction ending in a colon, an
item ending in a semicolon — which stands alone in such documents: TICO-19's units that end in
a colon introduce the bulleted lists of its web pages). Scenarios:

- *clean*: every unit a 1–1 bead, the English paragraphs those of the Persian;
- *drops*: 5% of the units lose their English or their Persian (gold 1–0 / 0–1 beads);
- *merges*: 5% of the units are joined to the previous English segment (``; ``) and 5% to the
  previous Persian one (``،``): gold 2–1 and 1–2 beads;
- *disagreeing paragraph breaks*: the English paragraphs regrouped independently;
- *all at once*: 3% drops, 3% merges on each side and the English paragraphs regrouped.

The *article* row is the bundled ``corpus/texts/caucasus-oil-policy`` against its ``gold.tsv``
(its raw Persian with its fixes, its English reference), as ``tests/tm/test_align.py`` scores it.

**Modes.** *End to end*: each side written as a text file (a paragraph a line, paragraphs
separated by blank lines) and read, cleaned, normalized, segmented and aligned as ``tmkit
align`` does (``corpus.pipeline.load_document``, ``tm.pairs.align_many``, one pair at a
time); with ``--split-run-ons`` also as ``tmkit align --split-run-ons`` does (rows *run-ons*,
end to end only). *Gold split*: the aligner (``tm.align.align_segments``) is given the gold
segments and their paragraphs (the article's gold has none: one paragraph).

**Metrics**, pooled over the documents. Each side's text is read as one stream of characters
under ``corpus.normalize.matching_key`` (white space and ZWNJs left out, Persian letter
variants and digits unified), so that tmkit's normalized segments and the gold's raw ones
compare; the bench stops if a side's segments do not cover exactly the gold text.

- *strict F1*: a predicted bead is right only if both its sides are exactly a gold bead's, its
  joined text at the same place (``tm.evaluate.score``);
- *tiled F1*: F1 over links. A predicted bead links every gold source sentence it covers with
  every gold target sentence it covers (a segment covers the gold sentences whose characters
  it overlaps); a side with nothing gives null links (s, ∅) or (∅, t); gold beads give links
  the same way. With the gold split this is the link-level measure of Langlais et al. (1998);
  end to end it credits the right parts of a bead whose segments are wrong;
- *TMX precision*: of the units written to the TMX, how many are exactly a gold bead (strict);
  tmkit writes the beads with both sides whose confidence reaches the flag threshold
  (``tm.unit.LOW_CONFIDENCE``), hunalign (LF Aligner) writes every bead with both sides. The
  number of units written is in brackets;
- *linked*: of the same units, how many link only gold sentences that a gold bead links (every
  link of the unit, as for tiled F1, is a gold link). End to end a TICO unit of several
  sentences that tmkit segments into sentences and pairs one by one gives units that are right
  but none of them a whole gold bead: strict precision counts them wrong, this one right (it
  cannot tell which sentence of the unit goes with which, only that no unit crosses a gold
  bead's boundary);
- *seconds*: the wall time of the alignment of all the documents (end to end, tmkit's includes
  reading, cleaning, normalizing and segmenting; hunalign's is its runs only).

**hunalign** (the baseline, with ``--hunalign PATH`` to a binary built from its public source;
not part of tmkit): run as LF Aligner runs it without a dictionary — the empty dictionary
(``null.dic`` beside the binary's ``src/``, in ``data/``), ``-realign`` (its README: the
automatic dictionary built from a first pass, "recommended to achieve the highest possible
alignment quality"), UTF-8 (its default); one sentence a line and a ``<p>`` line between
paragraphs, as it expects. Its ladder output is read (the same alignment ``-text`` prints, but
by line numbers, so segments containing `` ~~~ `` cannot confuse it). Gold split: it gets the
gold segments; end to end: tmkit's own segmentation of the same files.

**Speed**: the TICO units repeated to 100,000 sentence pairs (paragraphs as in *clean*;
``--speed-pairs N`` for another size, 0 for none; ``--distinct`` numbers each repeat on both
sides, so that no text repeats; ``--flat``: no paragraph breaks) aligned by
``align_segments`` in a fresh
process, its segments analysed by as many processes as there are cores: seconds, that
process's peak resident memory and its workers' (issue 11 asks for under 60 s and bounded
memory). The analysis of a text is kept for the next 1,024 texts only, so the repeated units
are analysed again each time, as distinct sentences would be.
"""

from __future__ import annotations

import argparse
import bisect
import multiprocessing
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from itertools import pairwise
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "tests" / "tm"))

from synthetic import build

from corpus.collection import bundled_texts
from corpus.document import Kind, Segment
from corpus.gold import read_gold
from corpus.normalize import matching_key
from corpus.pipeline import load_document, segment_document
from tm.align import align_segments
from tm.evaluate import Score, score
from tm.pairs import align_many, bead_flag
from tm.tmx import read_tmx
from tm.unit import LOW_CONFIDENCE

ROOT = Path(__file__).parents[1]
TICO = ROOT / "tests" / "data" / "tico19" / "all.en-fa.tmx"
ARTICLE_ID = "caucasus-oil-policy"
PARAGRAPHS = {"longest_paragraph": 6, "open_ends_paragraph": True}
SCENARIOS = {
    "clean": {},
    "drops": {"drop": 0.05},
    "merges": {"merge_source": 0.05, "merge_target": 0.05},
    "disagreeing paragraph breaks": {"shuffle_target_paragraphs": True},
    "all at once": {
        "drop": 0.03, "merge_source": 0.03, "merge_target": 0.03,
        "shuffle_target_paragraphs": True,
    },
}  # fmt: skip
SPEED_PAIRS = 100_000
NOTHING = Score(0, 0, 0)

Bead = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class Case:
    """One document pair: its gold segments and beads, and its two files for end to end."""

    name: str
    source: list[Segment]
    target: list[Segment]
    gold: list[Bead]
    fa: Path
    en: Path
    fixes: Path | None = None
    tgtlang: str = "en-US"
    zwnj_spelling: str = "common"


@dataclass(frozen=True)
class Run:
    """What an aligner made of a case: the segments it aligned, its beads, those it writes."""

    source: Sequence[Segment]
    target: Sequence[Segment]
    beads: list[Bead]
    written: list[Bead]


def tico_documents() -> list[list[tuple[str, str]]]:
    """TICO-19's documents in order of first appearance: each its (Persian, English) units."""
    documents: dict[str, list[tuple[str, str]]] = {}
    for unit in read_tmx(TICO, srclang="fa", tgtlang="en"):
        url = next(a.text for a in unit.annotations if dict(a.attributes).get("type") == "note")
        documents.setdefault(url, []).append((unit.source, unit.target))
    return list(documents.values())


def tico_cases(options: dict, folder: Path) -> list[Case]:
    cases = []
    folder.mkdir()
    for number, units in enumerate(tico_documents()):
        source, target, gold = build(units, number, **PARAGRAPHS, **options)
        fa, en = folder / f"{number}.fa.txt", folder / f"{number}.en.txt"
        for path, segments in ((fa, source), (en, target)):
            path.write_text(_paragraphs(segments), encoding="utf-8")
        cases.append(Case(f"tico{number}", source, target, gold, fa, en))
    return cases


def _paragraphs(segments: Sequence[Segment]) -> str:
    """The segments as a text file: a paragraph a line, a blank line between paragraphs."""
    blocks: dict[str, list[str]] = {}
    for segment in segments:
        blocks.setdefault(segment.block, []).append(segment.text)
    return "\n\n".join(" ".join(texts) for texts in blocks.values()) + "\n"


def article_case() -> Case:
    folder = next(text for text in bundled_texts() if text.id == ARTICLE_ID)
    source: list[Segment] = []
    target: list[Segment] = []
    gold: list[Bead] = []
    for n, bead in enumerate(read_gold(folder.gold)):
        gold.append(
            (
                tuple(range(len(source), len(source) + len(bead.fa))),
                tuple(range(len(target), len(target) + len(bead.en))),
            )
        )
        source += [Segment(f"b{n}", "p1", Kind.BODY, text) for text in bead.fa]
        target += [Segment(f"b{n}", "p1", Kind.BODY, text) for text in bead.en]
    return Case(
        "article", source, target, gold, folder.raw, folder.english, folder.fixes,
        folder.target_language(), folder.zwnj_spelling(),
    )  # fmt: skip


def _load(case: Case):
    source = load_document(case.fa, "fa-IR", case.fixes, zwnj_spelling=case.zwnj_spelling)
    return source, load_document(case.en, case.tgtlang)


def _tmkit_run(source, target, alignment) -> Run:
    beads = [(b.source, b.target) for b in alignment.beads]
    written = [
        (b.source, b.target)
        for b in alignment.beads
        if b.source and b.target and not bead_flag(b, LOW_CONFIDENCE)
    ]
    return Run(source, target, beads, written)


def tmkit_end_to_end(case: Case, run_ons: bool = False) -> Run:
    source, target = _load(case)
    (pair,) = align_many(
        [(case.name, source, target)], srclang="fa-IR", tgtlang=case.tgtlang, run_ons=run_ons
    )
    return _tmkit_run(pair.source, pair.target, pair.alignment)


def tmkit_gold_split(case: Case) -> Run:
    return _tmkit_run(case.source, case.target, align_segments(case.source, case.target))


def hunalign(binary: Path) -> tuple[Callable[[Case], Run], Callable[[Case], Run]]:
    """hunalign on the gold split and on tmkit's segmentation (end to end)."""
    dictionary = binary.parents[2] / "data" / "null.dic"

    def run(source: Sequence[Segment], target: Sequence[Segment]) -> Run:
        with tempfile.TemporaryDirectory() as scratch:
            files = []
            for name, segments in (("fa", source), ("en", target)):
                path = Path(scratch) / name
                path.write_text(_hunalign_lines(segments), encoding="utf-8")
                files.append(str(path))
            ladder = subprocess.run(
                [str(binary), "-realign", str(dictionary), *files],
                capture_output=True, text=True, check=True,
            ).stdout  # fmt: skip
        beads = _ladder_beads(ladder, _line_segments(source), _line_segments(target))
        return Run(source, target, beads, [b for b in beads if b[0] and b[1]])

    def end_to_end(case: Case) -> Run:
        source, target = _load(case)
        return run(segment_document(source, "fa-IR"), segment_document(target, case.tgtlang))

    return (lambda case: run(case.source, case.target)), end_to_end


def _hunalign_lines(segments: Sequence[Segment]) -> str:
    lines = []
    for n, segment in enumerate(segments):
        if n and segment.block != segments[n - 1].block:
            lines.append("<p>")
        lines.append(segment.text)
    return "\n".join(lines) + "\n"


def _line_segments(segments: Sequence[Segment]) -> list[int | None]:
    """For each line given to hunalign, its segment's index (None for a ``<p>`` line)."""
    lines: list[int | None] = []
    for n, segment in enumerate(segments):
        if n and segment.block != segments[n - 1].block:
            lines.append(None)
        lines.append(n)
    return lines


def _ladder_beads(ladder: str, source: list[int | None], target: list[int | None]) -> list[Bead]:
    """hunalign's ladder (rungs ``i j score``, each starting a bead that ends at the next
    rung, the last at the ends of the texts) as beads of segment indices; ``<p>`` lines left
    out, and so beads of nothing else."""
    rungs = [tuple(int(n) for n in line.split("\t")[:2]) for line in ladder.splitlines()]
    rungs.append((len(source), len(target)))
    beads = []
    for (i, j), (k, m) in pairwise(rungs):
        bead = (
            tuple(n for n in source[i:k] if n is not None),
            tuple(n for n in target[j:m] if n is not None),
        )
        if bead[0] or bead[1]:
            beads.append(bead)
    return beads


class Stream:
    """A side's segments as spans of one character stream under ``matching_key``."""

    def __init__(self, texts: Sequence[str]) -> None:
        keys = [matching_key(text) for text in texts]
        self.text = "".join(keys)
        self.ends = [0]
        for key in keys:
            self.ends.append(self.ends[-1] + len(key))

    def span(self, indices: Sequence[int]) -> tuple[int, ...]:
        """The characters of consecutive segments: ``(start, end)``; ``()`` for none."""
        return (self.ends[indices[0]], self.ends[indices[-1] + 1]) if indices else ()

    def covered(self, start: int, end: int) -> list[int]:
        """The segments whose characters overlap ``[start, end)``."""
        first = bisect.bisect_right(self.ends, start) - 1
        return list(range(first, bisect.bisect_left(self.ends, end)))


@dataclass
class Tally:
    strict: Score = NOTHING
    tiled: Score = NOTHING
    written: Score = NOTHING
    linked: Score = NOTHING
    seconds: float = 0.0

    def add(self, case: Case, run: Run) -> None:
        gold = [Stream([s.text for s in case.source]), Stream([s.text for s in case.target])]
        ours = [Stream([s.text for s in run.source]), Stream([s.text for s in run.target])]
        for side, name in enumerate(("Persian", "English")):
            if ours[side].text != gold[side].text:
                sys.exit(f"{case.name}: the {name} segments do not cover the gold text")

        def sides(streams: list[Stream], bead: Bead):
            return tuple(streams[side].span(bead[side]) for side in (0, 1))

        right = [sides(gold, bead) for bead in case.gold]
        self.strict = _plus(self.strict, score((sides(ours, b) for b in run.beads), right))
        self.written = _plus(self.written, score((sides(ours, b) for b in run.written), right))
        predicted = _links(run.beads, ours, gold)
        expected = _links(case.gold, gold, gold)
        linked = sum(_links([bead], ours, gold) <= expected for bead in run.written)
        self.linked = _plus(self.linked, Score(linked, len(run.written), 0))
        self.tiled = _plus(
            self.tiled, Score(len(predicted & expected), len(predicted), len(expected))
        )


def _links(beads: list[Bead], ours: list[Stream], gold: list[Stream]) -> set:
    """A bead's links between the gold sentences its two sides cover (None: no counterpart)."""
    links = set()
    for bead in beads:
        covered = []
        for side in (0, 1):
            span = ours[side].span(bead[side])
            covered.append(gold[side].covered(*span) if span else [])
        source, target = covered
        links |= {(s, t) for s in source or [None] for t in target or [None]}
    return links


def _plus(a: Score, b: Score) -> Score:
    return Score(a.correct + b.correct, a.predicted + b.predicted, a.gold + b.gold)


def measure(cases: list[Case], align: Callable[[Case], Run]) -> Tally:
    tally = Tally()
    for case in cases:
        start = time.perf_counter()
        run = align(case)
        tally.seconds += time.perf_counter() - start
        tally.add(case, run)
    return tally


def speed(pairs: int, distinct: bool = False, flat: bool = False) -> str:
    """Align *pairs* sentence pairs; run in a fresh process, so its peak memory is its own
    (and its analysis workers'). With *distinct*, each repeat of a unit gets its repeat's
    number in parentheses on both sides (Persian digits in the Persian), so no text repeats;
    with *flat*, the document has no paragraph breaks."""
    units = [unit for document in tico_documents() for unit in document]
    repeated = (units * (pairs // len(units) + 1))[:pairs]
    if distinct:
        repeated = [_numbered(unit, k // len(units)) for k, unit in enumerate(repeated)]
    source, target, _ = build(repeated, 0, **({"no_paragraphs": True} if flat else PARAGRAPHS))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    jobs = os.cpu_count() or 1
    start = time.perf_counter()
    align_segments(source, target, jobs=jobs)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return (
        f"speed: {len(source):,} sentence pairs (TICO-19 units repeated"
        f"{', each repeat numbered' if distinct else ''}"
        f"{', no paragraph breaks' if flat else ''}) aligned by "
        f"align_segments (jobs={jobs}) in {seconds:.1f} s; peak resident memory {peak:.0f} MB "
        f"({before:.0f} MB before aligning; an analysis worker's at most {workers:.0f} MB)"
    )


def _numbered(unit: tuple[str, str], number: int) -> tuple[str, str]:
    if not number:
        return unit
    persian = str(number).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    fa, en = unit
    return f"{fa.rstrip('.')} ({persian}).", f"{en.rstrip('.')} ({number})."


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--hunalign", type=Path, metavar="PATH", help="a hunalign binary")
    parser.add_argument(
        "--speed-pairs", type=int, default=SPEED_PAIRS, metavar="N",
        help=f"sentence pairs of the speed line (default {SPEED_PAIRS:,}; 0: none)",
    )  # fmt: skip
    parser.add_argument(
        "--distinct", action="store_true",
        help="number each repeat of a unit in the speed line, so that no text repeats",
    )  # fmt: skip
    parser.add_argument(
        "--flat", action="store_true",
        help="no paragraph breaks in the speed line's document",
    )  # fmt: skip
    parser.add_argument(
        "--split-run-ons", action="store_true",
        help="also tmkit with tmkit align --split-run-ons, end to end (row 'run-ons')",
    )  # fmt: skip
    args = parser.parse_args()
    aligners = {"tmkit": (tmkit_end_to_end, tmkit_gold_split)}
    if args.split_run_ons:  # on the gold split there is no run-on segment to split
        aligners["run-ons"] = (partial(tmkit_end_to_end, run_ons=True), None)
    if args.hunalign:
        gold_split, end_to_end = hunalign(args.hunalign.resolve())
        aligners["hunalign"] = (end_to_end, gold_split)
    print(
        f"{'pairs':<36} {'mode':<10} {'aligner':<8} {'strict F1':>9} {'tiled F1':>8} "
        f"{'TMX precision (units)':>21} {'linked':>6} {'seconds':>7}"
    )
    with tempfile.TemporaryDirectory() as scratch:
        rows = [
            (f"TICO-19 {name}", tico_cases(options, Path(scratch) / name))
            for name, options in SCENARIOS.items()
        ]
        rows.append(("bundled article", [article_case()]))
        for label, cases in rows:
            for mode, index in (("end to end", 0), ("gold split", 1)):
                for aligner, functions in aligners.items():
                    if functions[index] is None:
                        continue
                    tally = measure(cases, functions[index])
                    written = f"{tally.written.precision:.4f} ({tally.written.predicted})"
                    print(
                        f"{label:<36} {mode:<10} {aligner:<8} {tally.strict.f1:>9.4f} "
                        f"{tally.tiled.f1:>8.4f} {written:>21} {tally.linked.precision:>6.4f} "
                        f"{tally.seconds:>7.1f}",
                        flush=True,
                    )
    if args.speed_pairs:
        spawn = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(1, mp_context=spawn) as child:
            print(child.submit(speed, args.speed_pairs, args.distinct, args.flat).result())


if __name__ == "__main__":
    main()
