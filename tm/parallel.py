"""MT-ready exports of a TM: ``tmkit export --format parallel``.

A TM of reference translations is training and test data for machine translation. This turns
its units into what MT toolkits read (Moses-style plain text, as mtdata and OPUS give it), the
way careful data preparation does it (mtdata, OpusFilter, bicleaner-hardrules):

1. every unit becomes a sentence pair: its Persian and English text in Unicode NFC, each on one
   line (white space runs, line breaks too, as one space: Moses text has one segment a line);
2. filters (:mod:`tm.filters`) reject pairs, each with the reason it was dropped;
3. the pairs are split into train, dev and test **by document**, so no document is in two
   splits (sentences of one document share names, terms and phrasing: split by sentence, a
   test set would be half memorised). A unit's document is tmkit's ``x-document`` prop (the
   pair it was aligned from), else its ``tuid`` before the last ``:`` (``CMU_1:12`` in
   TICO-19, ``<document>:<bead>`` in tmkit's TMX), else its file. The documents, sorted by
   name and shuffled with the seed, are dealt out one by one, each to the split least full for
   its share once the document is in it (:func:`assign_documents`), so a seed always gives the
   same splits;
4. duplicates within a split are removed (the same Persian and English, by the matching key:
   case, spelling variants, ZWNJ and spaces folded, :func:`corpus.normalize.matching_key`);
5. a training pair either side of which is a dev or test segment is removed, and a dev pair
   either side of which is a test segment (as mtdata's ``--drop-tests`` does: a test sentence
   seen in training inflates the score), and counted;
6. ``<split>.fa`` and ``<split>.en`` (one segment a line, line *n* of one the translation of
   line *n* of the other), ``pairs.jsonl`` (each pair written, with its split, line, id,
   document and where it comes from), ``rejected.jsonl`` (each pair dropped, with every
   reason), optionally SentencePiece models and encoded files (:mod:`tm.spm`), and last
   ``manifest.json``: the command, the options, the counts of every step, the documents of
   each split, the inputs' SHA-256 and tmkit's signature, and the SHA-256 of every file
   written. Every file is written atomically; nothing in the manifest depends on the clock.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from corpus.atomic import check_writable, write_atomic
from corpus.normalize import matching_key
from tm.errors import TmError
from tm.filters import FilterSettings, Rejection, count_rejections, reject_pairs
from tm.unit import TranslationUnit

SPLITS = ("train", "dev", "test")
DEFAULT_RATIOS = (0.8, 0.1, 0.1)
SIDES = ("fa", "en")
MANIFEST = "manifest.json"
EXPORT_FILE = re.compile(  # the names of the files an export writes, besides the manifest
    r"(?:train|dev|test)\.(?:spm\.)?(?:fa|en)|spm(?:\.fa|\.en)?\.(?:model|vocab)"
    r"|(?:pairs|rejected)\.jsonl"
)


@dataclass(frozen=True)
class SentencePair:
    """One unit of the TM as a sentence pair for MT.

    :param tuid: the unit's id (``caucasus-oil-policy:b12``, ``CMU_1:12``).
    :param fa: the Persian text, NFC, on one line.
    :param en: the English text, NFC, on one line.
    :param document: the document it belongs to (see the module).
    :param origin: where it comes from: the pair's folder, or the TMX file.
    :param position: its place among the units read, from 1.
    :param score: the aligner's confidence, when tmkit aligned it.
    """

    tuid: str
    fa: str
    en: str
    document: str
    origin: str
    position: int
    score: float | None = None

    def provenance(self) -> dict:
        """Where the pair comes from, as ``pairs.jsonl`` and ``rejected.jsonl`` give it."""
        found = {"tuid": self.tuid, "document": self.document, "origin": self.origin,
                 "position": self.position}  # fmt: skip
        return found | ({"score": self.score} if self.score is not None else {})


def one_line(text: str) -> str:
    """*text* in NFC with its white space runs (line breaks too) as one space, trimmed; a ZWNJ,
    which is no white space, stays.

    >>> one_line(" می\u200cشود\\n  خوب ") == "می\u200cشود خوب"
    True
    """
    return " ".join(unicodedata.normalize("NFC", text).split())


def document_of(unit: TranslationUnit, file: str) -> str:
    """The document of *unit* read from *file*: its ``x-document``, else its ``tuid`` up to
    the last ``:``, else *file* (the whole file one document)."""
    if unit.document:
        return unit.document
    if not unit.tuid_made and ":" in unit.tuid.strip(":"):
        return unit.tuid.rsplit(":", 1)[0]
    return file


def sentence_pairs(
    units: Iterable[TranslationUnit], origin: str, start: int = 1
) -> list[SentencePair]:
    """The units (Persian source, English target) as sentence pairs, numbered from *start*.

    :param origin: where they come from (a TMX's name, or ``""`` for a project's units, whose
        origin is then their pair's document id).
    """
    return [
        SentencePair(
            unit.tuid,
            one_line(unit.source),
            one_line(unit.target),
            document_of(unit, origin),
            origin or unit.document,
            number,
            unit.score,
        )
        for number, unit in enumerate(units, start)
    ]


@dataclass(frozen=True)
class Dropped:
    """A pair left out, with why: the filters that rejected it, or ``duplicate`` or
    ``overlap`` (with the split it was in)."""

    pair: SentencePair
    reasons: tuple[Rejection, ...]
    split: str | None = None

    def as_json(self) -> dict:
        reasons = [{"reason": r.filter, "detail": r.detail} for r in self.reasons]
        return {**self.pair.provenance(), "split": self.split, "reasons": reasons,
                "fa": self.pair.fa, "en": self.pair.en}  # fmt: skip


@dataclass
class Prepared:
    """The pairs of each split, what was dropped and the counts of each step."""

    splits: dict[str, list[SentencePair]]
    documents: dict[str, list[str]]
    dropped: list[Dropped]
    counts: dict = field(default_factory=dict)


def parse_ratios(text: str) -> tuple[float, float, float]:
    """``0.8,0.1,0.1`` as three shares of train, dev and test.

    :raises ValueError: not three numbers from 0 to 1 summing to 1, or no share for train.
    """
    try:
        values = tuple(float(part) for part in text.split(","))
    except ValueError:
        raise ValueError(f"{text!r}: expected three numbers, e.g. 0.8,0.1,0.1") from None
    if len(values) != 3 or any(not 0 <= v <= 1 for v in values):
        raise ValueError(f"{text!r}: expected three shares from 0 to 1 (train,dev,test)")
    if abs(sum(values) - 1) > 1e-6:
        raise ValueError(f"{text!r}: the shares add up to {sum(values):g}, not 1")
    if values[0] == 0:
        raise ValueError(f"{text!r}: the training split needs a share")
    return values[0], values[1], values[2]


def assign_documents(sizes: dict[str, int], ratios: Sequence[float], seed: int) -> dict[str, str]:
    """Each document's split: the documents sorted by name and shuffled with *seed*
    (:class:`random.Random`), then dealt one by one to the split that, with the document, is
    least full for its share (its pairs over its share of all, *ratios* being train, dev and
    test); a split of share 0 gets none; ties go to the earlier split. A large document so
    goes where it fits (on TICO-19's documents, of 4 to 450 units, dev and test stay within 4
    points of their 10% whatever the seed: ``tests/tm/test_parallel.py``).

    :param sizes: each document's number of pairs.
    """
    order = sorted(sizes)
    random.Random(seed).shuffle(order)
    total = sum(sizes.values()) or 1
    share = dict(zip(SPLITS, ratios, strict=True))
    open_splits = [split for split in SPLITS if share[split] > 0]
    filled = dict.fromkeys(SPLITS, 0)
    chosen = {}
    for document in order:
        split = min(
            open_splits,
            key=lambda s: ((filled[s] + sizes[document]) / (share[s] * total), SPLITS.index(s)),
        )
        chosen[document] = split
        filled[split] += sizes[document]
    return chosen


def prepare(
    pairs: Sequence[SentencePair],
    *,
    ratios: Sequence[float] = DEFAULT_RATIOS,
    seed: int = 1,
    settings: FilterSettings | None = None,
) -> Prepared:
    """Filter, split by document, deduplicate and remove overlaps (the module's steps 2–5).

    :param settings: the filters and their thresholds (default: all, with their defaults).

    :raises TmError: every pair was rejected (nothing to export).
    """
    settings = settings or FilterSettings()
    found = reject_pairs([(pair.fa, pair.en) for pair in pairs], settings)
    dropped = [Dropped(p, tuple(r)) for p, r in zip(pairs, found, strict=True) if r]
    kept = [pair for pair, reasons in zip(pairs, found, strict=True) if not reasons]
    if pairs and not kept:
        raise TmError(
            "filters", f"all {len(pairs)} pairs rejected: nothing to export",
            hint="see the thresholds in tmkit export --help, or --filters none",
        )  # fmt: skip
    sizes = Counter(pair.document for pair in kept)
    chosen = assign_documents(dict(sizes), ratios, seed)
    splits: dict[str, list[SentencePair]] = {split: [] for split in SPLITS}
    for pair in kept:
        splits[chosen[pair.document]].append(pair)
    documents = {split: sorted(d for d, s in chosen.items() if s == split) for split in SPLITS}
    duplicates = {}
    for split in SPLITS:
        splits[split], removed = _deduplicated(splits[split], split)
        dropped += removed
        duplicates[split] = len(removed)
    overlap = {}
    for split, later in (("dev", ("test",)), ("train", ("dev", "test"))):
        splits[split], removed = _without_overlap(splits[split], split, splits, later)
        dropped += removed
        overlap[split] = len(removed)
    dropped.sort(key=lambda d: d.pair.position)
    rejected = count_rejections([d.reasons for d in dropped if d.split is None])
    counts = {
        "pairs_read": len(pairs),
        "rejected": {
            **{name: rejected[name] for name in settings.names},
            "pairs": sum(1 for d in dropped if d.split is None),
        },
        "kept_after_filters": len(kept),
        "duplicates_removed": duplicates,
        "overlap_removed": overlap,
        "written": {split: len(splits[split]) for split in SPLITS},
    }
    return Prepared(splits, documents, dropped, counts)


def _keys(pair: SentencePair) -> tuple[str, str]:
    return matching_key(pair.fa), matching_key(pair.en)


def _deduplicated(
    pairs: list[SentencePair], split: str
) -> tuple[list[SentencePair], list[Dropped]]:
    first: dict[tuple[str, str], SentencePair] = {}
    kept, removed = [], []
    for pair in pairs:
        key = _keys(pair)
        if key in first:
            detail = f"the same pair as {first[key].tuid}"
            removed.append(Dropped(pair, (Rejection("duplicate", detail),), split))
        else:
            first[key] = pair
            kept.append(pair)
    return kept, removed


def _without_overlap(
    pairs: list[SentencePair],
    split: str,
    splits: dict[str, list[SentencePair]],
    later: Sequence[str],
) -> tuple[list[SentencePair], list[Dropped]]:
    held: list[dict[str, tuple[str, SentencePair]]] = [{}, {}]  # fa keys, en keys
    for other in later:
        for pair in splits[other]:
            for side, key in enumerate(_keys(pair)):
                held[side].setdefault(key, (other, pair))
    kept, removed = [], []
    for pair in pairs:
        reasons = []
        for side, key in enumerate(_keys(pair)):
            if key in held[side]:
                other, there = held[side][key]
                language = ("Persian", "English")[side]
                reasons.append(
                    Rejection("overlap", f"its {language} side is in {other} ({there.tuid})")
                )
        if reasons:
            removed.append(Dropped(pair, tuple(reasons), split))
        else:
            kept.append(pair)
    return kept, removed


def jsonl(records: Iterable[dict]) -> str:
    """One JSON object a line (UTF-8, Persian as itself)."""
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n" for r in records)


def lines(texts: Iterable[str]) -> str:
    """One segment a line, each ending in a line feed."""
    return "".join(text + "\n" for text in texts)


def output_files(prepared: Prepared) -> dict[str, str]:
    """The text files of an export (name → content): each split's ``.fa`` and ``.en``,
    ``pairs.jsonl`` and ``rejected.jsonl``."""
    files = {}
    for split in SPLITS:
        for side in SIDES:
            files[f"{split}.{side}"] = lines(getattr(p, side) for p in prepared.splits[split])
    files["pairs.jsonl"] = jsonl(
        {"split": split, "line": number, **pair.provenance(), "fa": pair.fa, "en": pair.en}
        for split in SPLITS
        for number, pair in enumerate(prepared.splits[split], 1)
    )
    files["rejected.jsonl"] = jsonl(d.as_json() for d in prepared.dropped)
    return files


def write_export(
    out: Path,
    files: dict[str, str | bytes],
    manifest: dict,
) -> dict:
    """Write *files* into the folder *out*, then ``manifest.json``: *manifest* with the
    SHA-256 of each file. The export's files (:data:`EXPORT_FILE`) a previous manifest names
    and this one does not write (its SentencePiece files, when this one trains none) are
    removed, so the folder holds one export; no other file is touched. Every file is written
    atomically, the manifest last.

    An export's file is written over or removed only when its bytes are those the previous
    manifest records (:func:`check_export_folder`): a file edited since, or export-named
    files in a folder with no manifest (another export's, someone's own), are refused, not
    lost.

    :raises CorpusError: a file cannot be written (read-only, a folder in the way …), or is
        refused (:func:`check_export_folder`), before anything is written.
    :return: the manifest written.
    """
    out = Path(out)
    for name in [*files, MANIFEST]:
        check_writable(out / name, error=TmError)
    stale = set(check_export_folder(out)) - set(files)
    digests = {}
    for name, data in files.items():
        write_atomic(out / name, data, error=TmError)
        raw = data.encode("utf-8") if isinstance(data, str) else data
        digests[name] = hashlib.sha256(raw).hexdigest()
    for name in sorted(stale):  # export files only: _previous_manifest refuses other names
        (out / name).unlink(missing_ok=True)
    written = {**manifest, "files": digests}
    write_atomic(out / MANIFEST, json.dumps(written, indent=2, ensure_ascii=False) + "\n",
                 error=TmError)  # fmt: skip
    return written


def _previous_manifest(path: Path) -> dict | None:
    """The earlier export's manifest at *path*: ``None`` when there is no file, ``{}`` when
    the file is not an export's manifest (not JSON, or no ``files`` naming export files
    only, each with its SHA-256)."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except ValueError:
        return {}
    files = manifest.get("files") if isinstance(manifest, dict) else None
    if not isinstance(files, dict) or not all(
        isinstance(name, str) and EXPORT_FILE.fullmatch(name) and isinstance(digest, str)
        for name, digest in files.items()
    ):
        return {}
    return manifest


def check_export_folder(out: Path) -> dict[str, str]:
    """Refuse to write into *out* when an export would lose or mix in files it did not write:
    each export-named file (:data:`EXPORT_FILE`) there must be one the previous
    ``manifest.json`` lists with the SHA-256 of its bytes now.

    :return: the files the previous manifest lists, each with its SHA-256 (none when there
        is no manifest, or no folder yet).

    :raises TmError: a file edited since the previous export (named), export-named files in
        a folder with no manifest of an export (the folder and a file named), or a
        ``manifest.json`` that is not an export's (someone's own, never written over).
    """
    out = Path(out)
    try:
        present = sorted(p.name for p in out.iterdir() if EXPORT_FILE.fullmatch(p.name))
    except OSError:
        return {}  # missing (written later), or not a folder: the writes name the reason
    manifest = _previous_manifest(out / MANIFEST)
    if manifest == {}:
        raise TmError(
            str(out / MANIFEST),
            "is not the manifest of an earlier tmkit export: not written over",
            hint="export into an empty or new folder, or move that file away",
        )
    previous: dict[str, str] = (manifest or {}).get("files", {})
    if present and not previous:
        raise TmError(
            str(out),
            f"holds {present[0]} but no {MANIFEST} of an earlier export: not mixed with this one",
            hint="export into an empty or new folder, or remove that export's files first",
        )
    for name in present:
        recorded = previous.get(name)
        try:
            now = hashlib.sha256((out / name).read_bytes()).hexdigest()
        except OSError:
            now = None
        if recorded is None or now != recorded:
            why = "not in" if recorded is None else "changed since"
            raise TmError(
                str(out / name),
                f"{why} the earlier export ({MANIFEST}'s SHA-256): not written over or removed",
                hint="move it away (or delete it) and export again",
            )
    return previous


def sentencepiece_files(
    prepared: Prepared, *, vocab_size: int | None = None, separate: bool = False
) -> tuple[dict[str, str | bytes], dict]:
    """SentencePiece models trained on the training split only (:func:`tm.spm.train`): one
    joint model of both languages (``spm.model``, ``spm.vocab``), or with *separate* one a
    language (``spm.fa.*``, ``spm.en.*``); and every split encoded (``train.spm.fa`` …, the
    pieces separated by spaces).

    :return: the files (name → content) and the manifest's record: every trainer setting,
        the size got, and how many segments of all splits decode to themselves (all, or the
        model is not lossless: ``round_trip_failed`` counts the others).
    :raises TmError: an empty training split, or a *vocab_size* it cannot fill.
    """
    from tm.spm import sentencepiece_version, train

    training = prepared.splits["train"]
    groups = [("spm.fa", ("fa",)), ("spm.en", ("en",))] if separate else [("spm", SIDES)]
    files: dict[str, str | bytes] = {}
    models = {}
    for name, sides in groups:
        sentences = [getattr(pair, side) for side in sides for pair in training]
        model = train(sentences, vocab_size, name=name)
        files[f"{name}.model"], files[f"{name}.vocab"] = model.model, model.vocab
        checked = failed = 0
        for split in SPLITS:
            for side in sides:
                texts = [getattr(pair, side) for pair in prepared.splits[split]]
                encoded = model.encode(texts)
                files[f"{split}.spm.{side}"] = lines(encoded)
                decoded = model.decode(encoded)
                checked += len(texts)
                failed += sum(a != b for a, b in zip(texts, decoded, strict=True))
        models[name] = {
            "trained_on": [f"train.{side}" for side in sides],
            "sentences": len(sentences),
            "pieces": model.pieces,
            "trainer": model.settings,
            "round_trip_checked": checked,
            "round_trip_failed": failed,
        }
    record = {"version": sentencepiece_version(), "joint": not separate, "models": models}
    return files, record
