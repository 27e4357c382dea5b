"""``tmkit build``: every document pair of a project → the TM and its exports.

For each pair: clean and segment the Persian (with its fixes), segment the English reference,
align them (:mod:`tm.batch`: only the pairs whose inputs changed, in parallel processes). Then,
in the output folder:

- ``tm.fa-en.tmx``: TMX 1.4b of the aligned units, deduplicated, without flagged beads;
- ``tm.fa-en.po``: the same units (flagged ones included, marked fuzzy) for Poedit/Weblate;
- ``segmentation.srx``: the SRX rules the segments were made with;
- ``omegat/``: an OmegaT project: the cleaned Persian in ``source/``, the TMX in ``tm/auto/``,
  the glossary in ``glossary/tmkit-terms.utf8``, the rules in ``omegat/segmentation.conf``
  (OmegaT 3.6) and ``omegat/segmentation.srx``;
- ``<doc-id>/fa.clean.txt`` and ``<doc-id>/beads.tsv`` (the alignment, for review: every bead
  with its shape, confidence and, when flagged, why);
- ``review/<doc-id>.html`` and ``review/index.html``: the review pages (:mod:`tm.review`):
  the beads side by side with their confidence, terms and findings, where a reviewer
  corrects them;
- ``build.json``: the build signature (versions, SHA-256 of every input, options) and report,
  with each flagged unit and its reason.

Then the TMX is imported into the TM store (:mod:`tm.store`: the project's ``tm.sqlite``, or
the one given), where ``tmkit lookup``, ``concordance``, ``analyze`` and ``pretranslate`` find
it; a TMX that did not change is left as it is there.

Dates come from ``SOURCE_DATE_EPOCH`` or the pairs' ``meta.toml``, never the clock, so the same
inputs give byte-identical files, whether the pairs were aligned now or taken from the cache.
"""

from __future__ import annotations

import json
import os
import shutil
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from corpus.atomic import check_writable, protected, write_atomic
from corpus.srx import bundled_srx_path, default_srx, read_srx
from tm.align import MIN_BITEXT
from tm.batch import PairResult, Settings, align_project
from tm.errors import TmError
from tm.export import EXPORTERS, Exported
from tm.omegat import write_omegat_project
from tm.pairs import beads_tsv
from tm.project import PO_NAME, PROJECT_INPUT, TMX_NAME, Project
from tm.review import REVIEW_FOLDER, REVIEW_INDEX, load_terms, write_review_pages
from tm.signature import creationdate, signature, signature_line
from tm.store import DEFAULT_NAME, Imported, file_name, open_store
from tm.tmx import read_tmx

if TYPE_CHECKING:
    from tm.cluster import Cluster

OMEGAT_GLOSSARY = "tmkit-terms.utf8"  # not glossary.txt: that one is the translator's own
PAIR_FILES = ("fa.clean.txt", "beads.tsv")


@dataclass(frozen=True)
class Flagged:
    """A unit the aligner doubted: its id, score and why."""

    tuid: str
    score: float | None
    reason: str


@dataclass(frozen=True)
class DocumentReport:
    """What the build made of one document pair.

    :param key: the pair's cache key (:func:`tm.batch.pair_key`): what ``tmkit status``
        compares to tell whether the pair would be aligned again.
    :param unpaired: segments of either side that no segment of the other translates
        (1–0 and 0–1 beads: a sentence the translator left out or added).
    :param doubt: why the whole pair is in doubt, its units all flagged (``""``: it is not).
    :param confident_beads: its first pass's confident 1–1 beads, which the project's
        translation model learns from (:class:`tm.batch.Model`).
    """

    id: str
    key: str
    source_segments: int
    target_segments: int
    bead_types: dict[str, int]
    flagged: tuple[Flagged, ...]
    unpaired: int
    paragraphs_trusted: bool | None
    warnings: tuple[str, ...]
    doubt: str = ""
    confident_beads: int = 0


@dataclass(frozen=True)
class BuildReport:
    """The whole build: documents, units, duplicates and conflicts, the signature.

    :param aligned: how many pairs the first pass aligned in this build (the others came from
        the cache).
    :param word_pairs: how many word pairs the translation model learned from the documents'
        confident beads (Moore 2002), None when they were too few to train it (fewer than
        :data:`tm.align.MIN_BITEXT`) and the first pass stands.
    :param second: how many pairs the second pass, with the learned word pairs, aligned in
        this build.
    :param stored: what importing the TMX into the TM store did (not in ``build.json``).
    """

    documents: tuple[DocumentReport, ...]
    units: int
    units_in_tmx: int
    duplicates: int
    conflicts: int
    signature: dict
    flag_threshold: float
    aligned: int = 0
    word_pairs: int | None = None
    second: int = 0
    stored: Imported | None = None

    @property
    def confident_beads(self) -> int:
        """How many confident beads the translation model learns from (all documents)."""
        return sum(d.confident_beads for d in self.documents)

    def as_json(self) -> str:
        """The report as ``build.json`` holds it (nothing about the cache: same bytes)."""
        return json.dumps(
            {
                "signature": self.signature,
                "documents": [
                    {**d.__dict__, "flagged": [f.__dict__ for f in d.flagged]}
                    for d in self.documents
                ],
                "units": self.units,
                "units_in_tmx": self.units_in_tmx,
                "duplicates_collapsed": self.duplicates,
                "conflicts": self.conflicts,
                "flag_threshold": self.flag_threshold,
                "translation_model": {
                    "trained": self.word_pairs is not None,
                    "confident_beads": self.confident_beads,
                    "needed": MIN_BITEXT,
                    "word_pairs": self.word_pairs or 0,
                },
            },
            indent=2,
            ensure_ascii=False,
        )


def build(
    project: Project,
    out: Path | None = None,
    *,
    jobs: int = 1,
    progress: Callable[[Iterable, int], Iterable] = lambda items, total: items,
    reuse: bool = True,
    cluster: Cluster | None = None,
    db: str | None = None,
) -> BuildReport:
    """Build the TM of *project* into *out* (default: the project's ``out`` folder), and
    import its TMX into the TM store *db* (default: the project's ``tm.sqlite``).

    :param jobs: worker processes for aligning the pairs that changed.
    :param progress: wraps the iteration over the pairs being aligned (the CLI's progress bar).
    :param reuse: take the results of unchanged pairs from the cache (False: align every
        pair again).
    :param cluster: align the pairs as tasks on this Dask cluster (:mod:`tm.cluster`)
        instead of in *jobs* processes: the same bytes.
    :raises CorpusError: bad input (the TM files are not written then).
    """
    out = project.out if out is None else Path(out)
    Settings.of(project)  # a glossary, rules or texts folder named but missing stops it here
    inside = out.resolve().is_relative_to(project.texts.resolve())
    if inside or project.texts.resolve().is_relative_to(out.resolve()):
        raise TmError(
            str(out),
            "the output folder may not be or hold the pairs' folder (tmkit build rewrites it)",
            hint="give another --out",
        )
    texts = project.pairs()
    for name in (TMX_NAME, PO_NAME, "build.json", "segmentation.srx"):
        check_writable(out / name)  # a read-only output stops the build before any write
    date = creationdate(texts)
    sig = signature(project, texts, date)  # the inputs as they are before the pairs are read
    results = align_project(project, jobs=jobs, progress=progress, reuse=reuse, cluster=cluster)
    units = [unit for result in results for unit in result.units]
    tmx = _write_tm(project, sig, units, out)  # first: the step that may refuse a unit
    for result in results:
        if result.beads:
            write_atomic(out / result.id / "beads.tsv", beads_tsv(result.beads), unless_same=True)
        write_atomic(out / result.id / "fa.clean.txt", result.clean, unless_same=True)
    _remove_stale(out, {result.id for result in results})
    terms = load_terms(project.glossary)
    if not reuse or results.aligned or results.second or not _pages_current(out, sig, results):
        write_review_pages(results, terms, out, project.flag_threshold, jobs=jobs)
    rules = project.segmentation or bundled_srx_path()
    write_atomic(out / "segmentation.srx", rules.read_bytes())
    languages = Counter(r.target_language for r in results for _ in r.units)
    omegat = write_omegat_project(
        out / "omegat",
        {result.id: result.clean for result in results},
        out / TMX_NAME,
        read_srx(project.segmentation) if project.segmentation else default_srx(),
        srclang=project.source_language,
        tgtlang=languages.most_common(1)[0][0] if languages else project.target_language,
    )
    _prune(omegat / "source", {f"{result.id}.txt" for result in results})
    if project.glossary is not None:
        from glossary.exports import GLOSSARY_EXPORTERS

        GLOSSARY_EXPORTERS["omegat"].write(terms, omegat / "glossary" / OMEGAT_GLOSSARY)
    report = BuildReport(
        tuple(_report(result, results.model.confident[result.id]) for result in results),
        len(units),
        tmx.units,
        tmx.duplicates,
        tmx.conflicts,
        sig,
        project.flag_threshold,
        results.aligned,
        None if results.model.word_pairs is None else len(results.model.word_pairs),
        results.second,
    )
    write_atomic(out / "build.json", report.as_json() + "\n")
    with open_store(db or project.root / DEFAULT_NAME) as store:
        tmx_path = out / TMX_NAME
        stored = store.import_file(
            tmx_path, file_name(tmx_path, project.root), read_tmx(tmx_path, srclang="fa")
        )
    return replace(report, stored=stored)


def _pages_current(out: Path, sig: dict, results: Sequence[PairResult]) -> bool:
    """Whether the review pages in *out* are those of this build: the previous build's
    signature (its ``build.json``) is *sig*, and every page is there. Their term check runs
    over the whole TM, so a build that changed nothing does not run it again."""
    try:
        previous = json.loads((out / "build.json").read_text(encoding="utf-8"))["signature"]
    except (OSError, ValueError, KeyError, TypeError):
        return False
    folder = out / REVIEW_FOLDER
    pages = [
        folder / REVIEW_INDEX,
        *(folder / f"{result.id}.html" for result in results if result.beads),
    ]
    return previous == sig and all(page.is_file() for page in pages)


def export(project: Project, name: str, path: Path, *, jobs: int = 1) -> Exported:
    """Write the project's TM to *path* in format *name* (``tmx``, ``po``), as the build does.

    :raises CorpusError: bad input in a pair; *path* is one of the files the build writes or
        one of the project's inputs (README, ``tmkit export``: never written over).
    """
    texts = project.pairs()
    with (
        protected(_build_files(project, texts), "is a file tmkit build writes"),
        protected(project.inputs(texts), PROJECT_INPUT),
    ):
        units = [unit for result in align_project(project, jobs=jobs) for unit in result.units]
        return _write(project, signature(project, texts, creationdate(texts)), units, name, path)


def _build_files(project: Project, texts: list) -> list[Path]:
    """The files in the output folder that ``tmkit build`` writes (README: export never
    writes over them, or the build's TMX, PO and report would disagree)."""
    out = project.out
    files = [out / name for name in (TMX_NAME, PO_NAME, "build.json", "segmentation.srx")]
    for folder in (out / "omegat", out / REVIEW_FOLDER, *(out / text.id for text in texts)):
        files += folder.rglob("*") if folder.is_dir() else []
    return files


def _write_tm(project: Project, sig: dict, units: list, out: Path) -> Exported:
    """Write the TMX and the PO beside their targets, then put both in place: a failure in
    either leaves the last build's pair of files as it was."""
    staged = {out / name: out / f".{name}.staged" for name in (TMX_NAME, PO_NAME)}
    try:
        tmx = _write(project, sig, units, "tmx", staged[out / TMX_NAME])
        _write(project, sig, units, "po", staged[out / PO_NAME])
        for final, temporary in staged.items():
            os.replace(temporary, final)
    finally:
        for temporary in staged.values():
            temporary.unlink(missing_ok=True)
    return tmx


def _write(project: Project, sig: dict, units: list, name: str, path: Path) -> Exported:
    line = {"signature": signature_line(sig)}
    return EXPORTERS[name](units, path, sig["creationdate"], line, asdict(project.tmx))


def _report(result: PairResult, confident: int) -> DocumentReport:
    return DocumentReport(
        result.id,
        result.key,
        result.source_segments,
        result.target_segments,
        result.bead_types(),
        tuple(Flagged(unit.tuid, unit.score, unit.flag) for unit in result.flagged),
        sum(bead.unpaired for bead in result.beads),
        result.paragraphs_trusted,
        result.warnings,
        result.doubt,
        confident,
    )


def _remove_stale(out: Path, ids: set[str]) -> None:
    """Remove the output folders of pairs no longer in the project (only tmkit's files)."""
    if not out.is_dir():
        return
    for folder in out.iterdir():
        if folder.name in ids or not folder.is_dir():
            continue
        names = {path.name for path in folder.iterdir()}
        if names and names <= set(PAIR_FILES):
            shutil.rmtree(folder)


def _prune(folder: Path, keep: set[str]) -> None:
    for path in folder.glob("*.txt"):
        if path.name not in keep:
            path.unlink()
