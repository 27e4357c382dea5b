"""Align every document pair of a project: in parallel processes, reusing unchanged results.

The pairs are aligned in Moore's (2002) two passes, the translation model learning from all
of them (as :func:`tm.align.align_batch` does for a batch). The first pass aligns each pair by
lengths, anchors and the core lexicon; IBM Model 1 is trained once on the confident 1–1 beads
of every pair's first pass, in pair-id order (:func:`tm.align.learn`); if they are at least
:data:`tm.align.MIN_BITEXT`, the second pass aligns each pair again with the word pairs it
learned, else the first pass stands.

Each pass's result for a pair (its cleaned Persian, segment counts, beads and translation
units; the first pass's also says which beads the model learns from) is cached: the first in
the project's ``.tmkit/cache/<id>.json``, the second in ``.tmkit/cache/learned/<id>.json``.
The first is keyed by the SHA-256 of everything the result depends on — the pair's files
(source, fixes, English, meta.toml), the glossary workbook (the aligner's dictionary), the
segmentation rules, the languages, flag threshold, ZWNJ spelling and whether the fixes'
conjectures apply, and tmkit itself (its version and the digest of its code and data files);
the second by that key and the digest of the learned word
pairs, so a change to any pair that changes the model aligns every pair's second pass again.
A result whose key is unchanged is not aligned again; the others are aligned in ``jobs``
worker processes, or as tasks on a Dask cluster (:mod:`tm.cluster`). Results come back in
pair order whatever order the workers finish in, so a build from the cache writes the same
bytes as a build from scratch.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, fields
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from corpus.atomic import write_atomic
from corpus.collection import TextFolder
from corpus.document import Kind, Segment
from tm.align import confident_beads, learn
from tm.errors import TmError
from tm.pairs import Bead
from tm.project import Project
from tm.signature import file_digest
from tm.unit import PLAIN, TranslationUnit

if TYPE_CHECKING:
    from tm.cluster import Cluster

CACHE_FORMAT = 5
MODEL_FILE = "model.tsv"  # in .tmkit/cache/learned: the learned word pairs (Model.learned)
PACKAGES = ("corpus", "glossary", "tm")


@dataclass(frozen=True)
class PairResult:
    """What aligning one document pair gave; a value that round-trips through JSON.

    :param clean: the cleaned Persian document (:func:`corpus.render.document_text`).
    :param units: the translation units, flagged ones included (``unit.flag`` set).
    :param beads: every bead, unpaired ones included; empty when the pair has no English.
    :param paragraphs_trusted: whether the aligner kept the paragraph breaks (None: no English).
    :param doubt: why the whole pair is in doubt (a side in the wrong script, most beads
        flagged), ``""`` if it is not; its units are then all flagged.
    :param confident: the indices of the beads a translation model learns from
        (:func:`tm.align.confident_beads`); the first pass's are what :class:`Model` learns.
    :param model: the digest of the learned word pairs the pair was aligned with (the second
        pass: :attr:`Model.digest`), ``""`` for the first pass.
    :param source: the Persian segments the beads' indices point into (the review page's
        paragraphs, headings and footnotes); empty when the pair has no English.
    :param target: the English segments.
    """

    id: str
    key: str
    clean: str
    source_segments: int
    target_segments: int
    target_language: str
    units: tuple[TranslationUnit, ...]
    beads: tuple[Bead, ...]
    paragraphs_trusted: bool | None
    warnings: tuple[str, ...]
    doubt: str = ""
    confident: tuple[int, ...] = ()
    model: str = ""
    source: tuple[Segment, ...] = ()
    target: tuple[Segment, ...] = ()

    @property
    def flagged(self) -> tuple[TranslationUnit, ...]:
        return tuple(unit for unit in self.units if unit.flagged)

    def bead_types(self) -> dict[str, int]:
        """How many beads of each shape, sorted by shape."""
        counts: dict[str, int] = {}
        for bead in self.beads:
            counts[bead.shape] = counts.get(bead.shape, 0) + 1
        return dict(sorted(counts.items()))

    def to_json(self) -> str:
        return json.dumps({"format": CACHE_FORMAT, **asdict(self)}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> PairResult | None:
        """The result stored in *text*, or None for a cache entry this tmkit cannot use."""
        try:
            data = json.loads(text)
            if data.pop("format", None) != CACHE_FORMAT:
                return None
            data["units"] = tuple(_unit(item) for item in data["units"])
            data["beads"] = tuple(_bead(item) for item in data["beads"])
            data["source"] = tuple(_segment(item) for item in data["source"])
            data["target"] = tuple(_segment(item) for item in data["target"])
            data["warnings"] = tuple(data["warnings"])
            data["confident"] = tuple(data["confident"])
            return cls(**data)
        except (ValueError, KeyError, TypeError):
            return None


@dataclass(frozen=True)
class Model:
    """The translation model of a project's second pass (Moore 2002), learned from the
    confident 1–1 beads of every pair's first pass.

    :param confident: each pair's count of those beads, by pair id.
    :param word_pairs: the word pairs learned (:func:`tm.align.learn`), sorted; None when the
        beads are fewer than :data:`tm.align.MIN_BITEXT` and the first pass stands.
    """

    confident: dict[str, int]
    word_pairs: tuple[tuple[str, str], ...] | None

    @classmethod
    def learned(cls, first: Iterable[PairResult], cached: Path) -> Model:
        """IBM Model 1 trained on the confident beads of *first* (the first pass's results),
        in their order; its word pairs are kept in *cached* (a TSV headed by the digest of
        the beads), which gives them back without training while the beads are the same."""
        first = list(first)
        bitext = [(r.beads[i].source, r.beads[i].target) for r in first for i in r.confident]
        header = f"# beads {hashlib.sha256(json.dumps(bitext).encode()).hexdigest()}\n"
        try:
            text = cached.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""
        confident = {r.id: len(r.confident) for r in first}
        if text.startswith(header):
            lines = text[len(header) :]
        else:
            pairs = learn(bitext)
            if pairs is None:
                return cls(confident, None)
            lines = "".join(f"{fa}\t{en}\n" for fa, en in sorted(set(pairs)))
            write_atomic(cached, header + lines)
        return cls(confident, tuple(tuple(line.split("\t")) for line in lines.splitlines()))

    @cached_property
    def digest(self) -> str:
        """SHA-256 of the learned word pairs (part of the second pass's cache key); ``""``
        when no model was trained."""
        if self.word_pairs is None:
            return ""
        text = "".join(f"{fa}\t{en}\n" for fa, en in self.word_pairs)
        return hashlib.sha256(text.encode()).hexdigest()


class Results(list[PairResult]):
    """Every pair's result, in pair order; ``aligned``: how many pairs the first pass aligned
    now (the others came from the cache); ``model``: the translation model; ``second``: how
    many pairs its second pass aligned now (0 without a model)."""

    def __init__(
        self, results: Iterable[PairResult], aligned: int, model: Model, second: int = 0
    ) -> None:
        super().__init__(results)
        self.aligned = aligned
        self.model = model
        self.second = second


@dataclass(frozen=True)
class Settings:
    """What every pair's alignment depends on besides its own files."""

    source_language: str
    target_language: str
    glossary: Path | None
    segmentation: Path | None
    flag_threshold: float
    zwnj_spelling: str = "common"
    conjectures: bool = True  # apply the fixes of kind "conjecture" ([fixes] conjectures)

    @classmethod
    def of(cls, project: Project) -> Settings:
        """The project's settings.

        :raises TmError: the glossary, the segmentation rules or the texts folder named in
            tmkit.toml are missing.
        """
        for key, path in (("glossary", project.glossary), ("segmentation", project.segmentation)):
            if path is not None and not path.is_file():
                raise TmError(
                    str(path),
                    f"no such file (tmkit.toml: [paths] {key})",
                    hint=f'put it there, correct the path, or set {key} = "" for none',
                )
        if not project.texts.is_dir():
            raise TmError(
                str(project.texts),
                "no such folder (tmkit.toml: [paths] texts)",
                hint="correct the path, or make the folder: tmkit add puts pairs there",
            )
        return cls(
            project.source_language,
            project.target_language,
            project.glossary,
            project.segmentation,
            project.flag_threshold,
            project.zwnj_spelling,
            project.conjectures,
        )

    def digest(self) -> str:
        """SHA-256 of these settings, the files they name, and tmkit's code."""
        parts = [
            f"languages {self.source_language} {self.target_language}",
            f"flag-threshold {self.flag_threshold!r}",
            f"zwnj-spelling {self.zwnj_spelling}",
            f"conjectures {'yes' if self.conjectures else 'no'}",
            f"glossary {file_digest(self.glossary) if self.glossary else '-'}",
            f"segmentation {file_digest(self.segmentation) if self.segmentation else '-'}",
            f"tmkit {code_digest()}",
        ]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def input_digests(pair: TextFolder) -> dict[str, str]:
    """The SHA-256 of each of *pair*'s files (source, fixes, English, meta), by file name."""
    return {path.name: file_digest(path) for path in pair.inputs()}


def pair_key(digests: dict[str, str], settings_digest: str) -> str:
    """The cache key of a pair: its files' names and contents (:func:`input_digests`), and the
    settings' digest."""
    digest = hashlib.sha256(settings_digest.encode())
    for name, content in digests.items():
        digest.update(f"\n{name} {content}".encode())
    return digest.hexdigest()


def align_project(
    project: Project,
    *,
    jobs: int = 1,
    progress: Callable[[Iterable, int], Iterable] = lambda items, total: items,
    reuse: bool = True,
    cluster: Cluster | None = None,
) -> Results:
    """Align every pair of *project* in two passes (module docstring); return the results in
    pair-id order: the second pass's when a model was trained, else the first's.

    :param jobs: worker processes for the pairs that need aligning (1: in this process).
    :param progress: wraps the iteration over the pairs being aligned (given their count),
        once for each pass.
    :param reuse: take unchanged results from ``.tmkit/cache`` (False: align every pair).
        Every result aligned is stored there.
    :param cluster: align the pairs as tasks on this Dask cluster instead of in *jobs*
        processes (the same results).
    :raises CorpusError: bad input in any pair (nothing is stored for that pair).
    :raises TmError: a worker of *cluster* runs another tmkit, or reads other files.
    """
    settings = Settings.of(project)
    digest = settings.digest()
    pairs = project.pairs()
    keys = {pair.id: pair_key(input_digests(pair), digest) for pair in pairs}
    cache_dir = project.root / ".tmkit" / "cache"
    learned = cache_dir / "learned"
    run = _Pass(pairs, keys, settings, digest, jobs, progress, reuse, cluster)
    first, aligned = run(cache_dir, Model({}, None))
    if not reuse:
        (learned / MODEL_FILE).unlink(missing_ok=True)
    model = Model.learned(first, learned / MODEL_FILE)
    second, realigned = [], 0
    if model.word_pairs is not None:  # else too little to learn from: the first pass stands
        second, realigned = run(learned, model)
    else:
        (learned / MODEL_FILE).unlink(missing_ok=True)
    for folder, results in ((cache_dir, first), (learned, second)):
        ids = {result.id for result in results}
        for stale in folder.glob("*.json") if folder.is_dir() else ():
            if stale.stem not in ids:
                stale.unlink()
    return Results(second or first, aligned, model, realigned)


@dataclass(frozen=True)
class _Pass:
    """Runs one pass over the pairs: cached results where their key is unchanged, the others
    aligned in worker processes and stored."""

    pairs: list[TextFolder]
    keys: dict[str, str]
    settings: Settings
    digest: str  # the settings'
    jobs: int
    progress: Callable[[Iterable, int], Iterable]
    reuse: bool
    cluster: Cluster | None

    def __call__(self, folder: Path, model: Model) -> tuple[list[PairResult], int]:
        """The results of every pair, in order, aligned with *model*'s word pairs (none: the
        first pass) and cached in *folder*; and how many were aligned now."""
        results: dict[str, PairResult] = {}
        todo: list[tuple[TextFolder, str]] = []
        for pair in self.pairs:
            key = self.keys[pair.id]
            cached = _load(folder / f"{pair.id}.json", key, model.digest) if self.reuse else None
            if cached is not None:
                results[pair.id] = cached
            else:
                todo.append((pair, key))
        if self.cluster is not None:
            aligning = self.cluster.align(todo, self.settings, self.digest, model)
        else:
            aligning = _align_all(todo, self.settings, self.jobs, model)
        for result in self.progress(aligning, len(todo)):
            results[result.id] = result
            write_atomic(folder / f"{result.id}.json", result.to_json() + "\n")
        return [results[pair.id] for pair in self.pairs], len(todo)


@cache
def code_digest() -> str:
    """SHA-256 of tmkit's version and of every code and data file of its packages."""
    from tm import __version__

    digest = hashlib.sha256(__version__.encode())
    for package in PACKAGES:
        root = Path(__file__).resolve().parent.parent / package
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                digest.update(f"\n{path.relative_to(root.parent).as_posix()}\n".encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def _align_all(
    todo: list[tuple[TextFolder, str]], settings: Settings, jobs: int, model: Model
) -> Iterator[PairResult]:
    """Align *todo* with *model*'s word pairs, in *jobs* processes when that helps; yields as
    pairs finish.

    Where processes fork (POSIX), the glossary, rules and lexicon are loaded once, here, and
    the workers inherit them; elsewhere each worker loads them.
    """
    global _worker
    if not todo:
        return
    _worker = PairAligner(settings, model)
    if jobs <= 1 or len(todo) <= 1:
        for pair, key in todo:
            yield _worker.align(pair, key)
        return
    fork = os.name == "posix"
    context = multiprocessing.get_context("fork" if fork else "spawn")
    setup = None if fork else (settings, model)
    pool = context.Pool(min(jobs, len(todo)), initializer=_start_worker, initargs=(setup,))
    try:
        yield from pool.imap_unordered(_work, todo)
        pool.close()
    finally:
        pool.terminate()
        pool.join()


class PairAligner:
    """Aligns pairs with one glossary matcher, one set of rules and one lexicon (the core
    lexicon, and the model's word pairs in the second pass), loaded once."""

    def __init__(self, settings: Settings, model: Model) -> None:
        from corpus.srx import read_srx
        from glossary.match import Matcher
        from glossary.workbook import load_glossary
        from tm.lexical import Lexicon

        self.settings = settings
        self.terms = Matcher(load_glossary(settings.glossary)) if settings.glossary else None
        self.srx = read_srx(settings.segmentation) if settings.segmentation else None
        self.lexicon = Lexicon.core().with_keys(model.word_pairs or ())
        self.model = model.digest

    def align(self, pair: TextFolder, key: str) -> PairResult:
        """Clean, segment and align *pair* (*key*: its cache key, :func:`pair_key`).

        :raises CorpusError: bad input in the pair (a file tmkit cannot read, a reference
            that is not English).
        """
        from corpus.languages import is_english
        from corpus.pipeline import load_document, segment_document
        from corpus.render import document_text
        from corpus.reviewed import read_reviewed
        from tm.pairs import align_documents, doubted_units, pair_doubts

        settings = self.settings
        source = load_document(
            pair.raw,
            settings.source_language,
            pair.fixes,
            zwnj_spelling=pair.zwnj_spelling(settings.zwnj_spelling),
            conjectures=settings.conjectures,
        )
        tgtlang = pair.target_language(settings.target_language)
        if not is_english(tgtlang):
            raise TmError(
                str(pair.folder / "meta.toml"),
                f"[target] language {tgtlang!r} is not English",
                hint="tmkit aligns Persian with English: e.g. en-GB or en-US",
            )
        clean = document_text(source)
        if pair.english is None:
            segments = segment_document(source, settings.source_language, self.srx)
            return PairResult(
                pair.id, key, clean, len(segments), 0, tgtlang, (), (), None, source.warnings,
                model=self.model,
            )  # fmt: skip
        target = load_document(pair.english, tgtlang)
        reviewed = read_reviewed(pair.reviewed) if pair.reviewed else None
        aligned = align_documents(
            pair.id,
            source,
            target,
            srclang=settings.source_language,
            tgtlang=tgtlang,
            terms=self.terms,
            srx=self.srx,
            threshold=settings.flag_threshold,
            lexicon=self.lexicon,
            reviewed=reviewed,
        )
        beads = aligned.review_beads(settings.flag_threshold)
        doubts = pair_doubts(source, target, beads, (pair.raw.name, pair.english.name))
        units = doubted_units(aligned.units, doubts)
        return PairResult(
            pair.id,
            key,
            clean,
            len(aligned.source),
            len(aligned.target),
            tgtlang,
            units,
            beads,
            aligned.alignment.paragraphs_trusted,
            source.warnings + target.warnings + aligned.warnings + doubts,
            doubts[0] if doubts else "",
            _indices(aligned.alignment.beads, confident_beads(aligned.alignment)),
            self.model,
            aligned.source,
            aligned.target,
        )


def _indices(beads: tuple, chosen: list) -> tuple[int, ...]:
    """The positions in *beads* of the beads in *chosen*."""
    chosen_set = set(chosen)
    return tuple(n for n, bead in enumerate(beads) if bead in chosen_set)


_worker: PairAligner | None = None


def _start_worker(setup: tuple[Settings, Model] | None) -> None:
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if setup is not None:
        _worker = PairAligner(*setup)


def _work(task: tuple[TextFolder, str]) -> PairResult:
    assert _worker is not None
    return _worker.align(*task)


def _load(path: Path, key: str, model: str) -> PairResult | None:
    """The result cached in *path* if it was aligned with *key* and *model* (a digest)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    result = PairResult.from_json(text)
    if result is None or (result.key, result.model) != (key, model):
        return None
    return result


_UNIT_FIELDS = {f.name for f in fields(TranslationUnit)}
_NO_TMX_DATA = json.loads(json.dumps({  # what an aligned unit has of another tool's TMX data
    "attributes": (), "annotations": (), "source_tuv": asdict(PLAIN), "target_tuv": asdict(PLAIN),
    "absorbed": (),
}))  # fmt: skip


def _bead(data: dict) -> Bead:
    data["source_segments"] = tuple(data["source_segments"])
    data["target_segments"] = tuple(data["target_segments"])
    return Bead(**data)


def _segment(data: dict) -> Segment:
    return Segment(
        data["id"], data["block"], Kind(data["kind"]), data["text"], tuple(data["notes"])
    )


def _unit(data: dict) -> TranslationUnit:
    if set(data) != _UNIT_FIELDS:
        raise KeyError("unit fields")
    if {name: data.pop(name) for name in _NO_TMX_DATA} != _NO_TMX_DATA:
        raise ValueError("a cached unit with TMX metadata: only aligned units are cached")
    data["source_blocks"] = tuple(data["source_blocks"])
    data["target_blocks"] = tuple(data["target_blocks"])
    return TranslationUnit(**data)
