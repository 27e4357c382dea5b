"""Align every document pair of a project: in parallel processes, reusing unchanged results.

Each pair's result (its cleaned Persian, segment counts, beads and translation units) is cached
in the project's ``.tmkit/cache/<id>.json`` under a key: the SHA-256 of everything the result
depends on — the pair's files (source, fixes, English, meta.toml), the glossary workbook (the
aligner's dictionary), the segmentation rules, the languages and flag threshold, and tmkit
itself (its version and the digest of its code and data files). A pair whose key is unchanged
is not aligned again; the others are aligned in ``jobs`` worker processes. Results come back in
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
from dataclasses import asdict, dataclass, fields, replace
from functools import cache
from pathlib import Path

from corpus.atomic import write_atomic
from corpus.collection import TextFolder
from tm.errors import TmError
from tm.pairs import Bead
from tm.project import Project
from tm.signature import file_digest
from tm.unit import PLAIN, TranslationUnit

CACHE_FORMAT = 3
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
            data["beads"] = tuple(Bead(**item) for item in data["beads"])
            data["warnings"] = tuple(data["warnings"])
            return cls(**data)
        except (ValueError, KeyError, TypeError):
            return None


class Results(list[PairResult]):
    """Every pair's result, in pair order; ``aligned``: how many were aligned now (the others
    came from the cache)."""

    def __init__(self, results: Iterable[PairResult], aligned: int) -> None:
        super().__init__(results)
        self.aligned = aligned


@dataclass(frozen=True)
class Settings:
    """What every pair's alignment depends on besides its own files."""

    source_language: str
    target_language: str
    glossary: Path | None
    segmentation: Path | None
    flag_threshold: float
    zwnj_spelling: str = "common"

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
        )

    def digest(self) -> str:
        """SHA-256 of these settings, the files they name, and tmkit's code."""
        parts = [
            f"languages {self.source_language} {self.target_language}",
            f"flag-threshold {self.flag_threshold!r}",
            f"zwnj-spelling {self.zwnj_spelling}",
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
) -> Results:
    """Align every pair of *project*; return the results in pair-id order.

    :param jobs: worker processes for the pairs that need aligning (1: in this process).
    :param progress: wraps the iteration over the pairs being aligned (given their count).
    :param reuse: take unchanged pairs' results from ``.tmkit/cache`` (False: align every
        pair). Every result aligned is stored there.
    :raises CorpusError: bad input in any pair (nothing is stored for that pair).
    """
    settings = Settings.of(project)
    digest = settings.digest()
    pairs = project.pairs()
    cache_dir = project.root / ".tmkit" / "cache"
    results: dict[str, PairResult] = {}
    todo: list[tuple[TextFolder, str]] = []
    for pair in pairs:
        key = pair_key(input_digests(pair), digest)
        cached = _load(cache_dir / f"{pair.id}.json", key) if reuse else None
        if cached is not None:
            results[pair.id] = cached
        else:
            todo.append((pair, key))
    for result in progress(_align_all(todo, settings, jobs), len(todo)):
        results[result.id] = result
        write_atomic(cache_dir / f"{result.id}.json", result.to_json() + "\n")
    if cache_dir.is_dir():
        for stale in cache_dir.glob("*.json"):
            if stale.stem not in results:
                stale.unlink()
    return Results((results[pair.id] for pair in pairs), len(todo))


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
    todo: list[tuple[TextFolder, str]], settings: Settings, jobs: int
) -> Iterator[PairResult]:
    """Align *todo*, in *jobs* processes when that helps; yields as pairs finish.

    Where processes fork (POSIX), the glossary and rules are loaded once, here, and the
    workers inherit them; elsewhere each worker loads them.
    """
    global _worker
    if not todo:
        return
    _worker = _PairAligner(settings)
    if jobs <= 1 or len(todo) <= 1:
        for pair, key in todo:
            yield _worker.align(pair, key)
        return
    fork = os.name == "posix"
    context = multiprocessing.get_context("fork" if fork else "spawn")
    pool = context.Pool(
        min(jobs, len(todo)), initializer=_start_worker, initargs=(None if fork else settings,)
    )
    try:
        yield from pool.imap_unordered(_work, todo)
        pool.close()
    finally:
        pool.terminate()
        pool.join()


class _PairAligner:
    """Aligns pairs with one glossary matcher and one set of rules, loaded once."""

    def __init__(self, settings: Settings) -> None:
        from corpus.srx import read_srx
        from glossary.match import Matcher
        from glossary.workbook import load_glossary

        self.settings = settings
        self.terms = Matcher(load_glossary(settings.glossary)) if settings.glossary else None
        self.srx = read_srx(settings.segmentation) if settings.segmentation else None

    def align(self, pair: TextFolder, key: str) -> PairResult:
        from corpus.languages import is_english
        from corpus.pipeline import load_document, segment_document
        from corpus.render import document_text
        from tm.pairs import align_documents, script_doubt

        settings = self.settings
        source = load_document(
            pair.raw,
            settings.source_language,
            pair.fixes,
            zwnj_spelling=pair.zwnj_spelling(settings.zwnj_spelling),
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
                pair.id, key, clean, len(segments), 0, tgtlang, (), (), None, source.warnings
            )
        target = load_document(pair.english, tgtlang)
        aligned = align_documents(
            pair.id,
            source,
            target,
            srclang=settings.source_language,
            tgtlang=tgtlang,
            terms=self.terms,
            srx=self.srx,
            threshold=settings.flag_threshold,
        )
        beads = aligned.review_beads(settings.flag_threshold)
        doubts = (
            script_doubt(source, pair.raw.name, "fa")
            + script_doubt(target, pair.english.name, "en")
            + _doubtful(beads, pair)
        )
        units = aligned.units
        if doubts:  # the whole pair is in doubt: none of its units goes into the TMX
            units = tuple(replace(u, flag=u.flag or f"the pair: {doubts[0]}") for u in units)
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
            source.warnings + target.warnings + doubts,
            doubts[0] if doubts else "",
        )


DOUBTFUL_SHARE = 0.5  # a pair with this share of its beads flagged is in doubt as a whole


def _doubtful(beads: tuple, pair: TextFolder) -> tuple[str, ...]:
    """A warning when most beads are flagged: the English may be another document's. Its
    units are then all flagged (the few that look paired are most likely chance)."""
    flagged = sum(1 for bead in beads if bead.flag)
    if not beads or flagged < DOUBTFUL_SHARE * len(beads):
        return ()
    return (
        f"{flagged} of {len(beads)} beads flagged or unpaired: is {pair.english.name} the "
        f"translation of {pair.raw.name}?",
    )


_worker: _PairAligner | None = None


def _start_worker(settings: Settings | None) -> None:
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if settings is not None:
        _worker = _PairAligner(settings)


def _work(task: tuple[TextFolder, str]) -> PairResult:
    assert _worker is not None
    return _worker.align(*task)


def _load(path: Path, key: str) -> PairResult | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    result = PairResult.from_json(text)
    return result if result is not None and result.key == key else None


_UNIT_FIELDS = {f.name for f in fields(TranslationUnit)}
_NO_TMX_DATA = json.loads(json.dumps({  # what an aligned unit has of another tool's TMX data
    "attributes": (), "annotations": (), "source_tuv": asdict(PLAIN), "target_tuv": asdict(PLAIN),
    "absorbed": (),
}))  # fmt: skip


def _unit(data: dict) -> TranslationUnit:
    if set(data) != _UNIT_FIELDS:
        raise KeyError("unit fields")
    if {name: data.pop(name) for name in _NO_TMX_DATA} != _NO_TMX_DATA:
        raise ValueError("a cached unit with TMX metadata: only aligned units are cached")
    data["source_blocks"] = tuple(data["source_blocks"])
    data["target_blocks"] = tuple(data["target_blocks"])
    return TranslationUnit(**data)
