"""A reviewer's decisions on a document pair's beads: the corrections file a review page
exports and the pair's ``reviewed.json`` that ``tmkit review apply`` records them in.

Both are one format: UTF-8 JSON, an object ::

    {"tmkit": "review", "format": 1, "document": "<doc-id>",
     "beads": [{"status": "confirmed",
                "source": [{"index": 3, "text": "..."}],
                "target": [{"index": 4, "text": "..."}]}]}

``status`` is ``confirmed`` (the bead is right), ``edited`` (the reviewer made it: merged
beads, moved a sentence; also right) or ``wrong`` (the pairing is wrong). A bead names its
segments by their index in the document's segment list (0-based, body then footnotes, as
:func:`corpus.pipeline.segment_document` gives them) *and* their text, so a file made
against another version of the document is found out (:func:`stale`). Each side's indices
are consecutive; a side may be empty (a sentence without counterpart), not both; no segment
is in two beads.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from corpus.errors import CorpusError

FORMAT = 1
MARKER = "review"
STATUSES = ("confirmed", "edited", "wrong")
FILE_NAME = "reviewed.json"  # in the pair's folder, beside gold.tsv


@dataclass(frozen=True)
class ReviewedBead:
    """One bead as the reviewer left it.

    :param status: one of :data:`STATUSES`.
    :param source: the Persian segments' indices (consecutive, ascending).
    :param source_text: their texts, in the same order.
    """

    status: str
    source: tuple[int, ...]
    target: tuple[int, ...]
    source_text: tuple[str, ...]
    target_text: tuple[str, ...]

    @property
    def fixed(self) -> bool:
        """Whether the bead is right as it is (confirmed or edited): the aligner keeps it."""
        return self.status != "wrong"

    def segments(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """(source indices, target indices)."""
        return self.source, self.target


@dataclass(frozen=True)
class Reviewed:
    """A corrections file or a pair's ``reviewed.json``: its document's id and beads (sorted
    by their first segment)."""

    document: str
    beads: tuple[ReviewedBead, ...]


def read_reviewed(path: str | Path) -> Reviewed:
    """Read and check a corrections file or ``reviewed.json``.

    :raises CorpusError: not UTF-8 JSON, not this format, a bead badly formed (named by its
        position, ``beads[3]``), or two beads sharing a segment.
    """
    name = str(path)
    try:
        data = json.loads(Path(path).read_bytes().decode("utf-8"))
    except UnicodeDecodeError as err:
        raise CorpusError(name, f"not UTF-8 (byte {err.start})") from None
    except json.JSONDecodeError as err:
        raise CorpusError(name, f"not JSON: {err.msg}", line=err.lineno, column=err.colno) from None
    if not isinstance(data, dict) or data.get("tmkit") != MARKER:
        raise CorpusError(
            name,
            'not a review corrections file (no "tmkit": "review")',
            hint="export the corrections from a tmkit review page",
        )
    if data.get("format") != FORMAT:
        raise CorpusError(name, f"format {data.get('format')!r}: this tmkit reads format {FORMAT}")
    document = data.get("document")
    beads = data.get("beads")
    if not isinstance(document, str) or not document or not isinstance(beads, list):
        raise CorpusError(name, 'expected "document" (a pair id) and "beads" (a list)')
    read = tuple(_bead(name, f"beads[{n}]", item) for n, item in enumerate(beads))
    check_disjoint(name, read)
    return Reviewed(document, tuple(sorted(read, key=_order)))


def reviewed_json(reviewed: Reviewed) -> str:
    """The text of a ``reviewed.json`` (or corrections file) holding *reviewed*."""
    beads = [
        {
            "status": bead.status,
            "source": [
                {"index": i, "text": t} for i, t in zip(bead.source, bead.source_text, strict=True)
            ],
            "target": [
                {"index": i, "text": t} for i, t in zip(bead.target, bead.target_text, strict=True)
            ],
        }
        for bead in sorted(reviewed.beads, key=_order)
    ]
    document = {"tmkit": MARKER, "format": FORMAT, "document": reviewed.document, "beads": beads}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def merged(old: Reviewed, new: Reviewed) -> Reviewed:
    """*old*'s beads and *new*'s, a bead of *new* replacing every bead of *old* it shares a
    segment with (the later decision wins)."""
    taken = {(side, i) for bead in new.beads for side, i in _segments(bead)}
    kept = [bead for bead in old.beads if not any(s in taken for s in _segments(bead))]
    return Reviewed(new.document, tuple(sorted([*kept, *new.beads], key=_order)))


def stale(beads: Sequence[ReviewedBead], source: Sequence[str], target: Sequence[str]) -> list[str]:
    """Where *beads* no longer match the document's segments (*source*, *target*: their
    texts in order): one line each, naming the bead by its first segment; empty when all
    match."""
    problems = []
    for bead in beads:
        for side, indices, texts, segments in (
            ("Persian", bead.source, bead.source_text, source),
            ("English", bead.target, bead.target_text, target),
        ):
            for index, text in zip(indices, texts, strict=True):
                actual = segments[index] if index < len(segments) else None
                if actual != text:
                    now = "no such segment" if actual is None else f"it is now {_short(actual)}"
                    problems.append(
                        f"{side} segment {index + 1} was {_short(text)} when reviewed; {now}"
                    )
                    break
    return problems


def check_disjoint(name: str, beads: Sequence[ReviewedBead]) -> None:
    """:raises CorpusError: two of *beads* share a segment."""
    seen: dict[tuple[str, int], int] = {}
    for n, bead in enumerate(beads):
        for segment in _segments(bead):
            other = seen.setdefault(segment, n)
            if other != n:
                side, index = segment
                raise CorpusError(
                    name,
                    f"beads[{other}] and beads[{n}] both hold {side} segment {index + 1}",
                    hint="a segment belongs to one bead",
                )


def _bead(name: str, place: str, item: object) -> ReviewedBead:
    if not isinstance(item, dict) or item.get("status") not in STATUSES:
        raise CorpusError(name, f"{place}: expected a status, one of {', '.join(STATUSES)}")
    sides = []
    for key in ("source", "target"):
        segments = item.get(key)
        if not isinstance(segments, list) or not all(
            isinstance(s, dict)
            and type(s.get("index")) is int
            and s["index"] >= 0
            and isinstance(s.get("text"), str)
            for s in segments
        ):
            raise CorpusError(
                name, f'{place}: "{key}" must be a list of {{"index": N, "text": "..."}}'
            )
        indices = tuple(s["index"] for s in segments)
        if any(b != a + 1 for a, b in pairwise(indices)):
            raise CorpusError(name, f'{place}: the "{key}" segments are not consecutive')
        sides.append((indices, tuple(s["text"] for s in segments)))
    (source, source_text), (target, target_text) = sides
    if not source and not target:
        raise CorpusError(name, f"{place}: a bead without segments")
    return ReviewedBead(item["status"], source, target, source_text, target_text)


def _segments(bead: ReviewedBead) -> list[tuple[str, int]]:
    return [("Persian", i) for i in bead.source] + [("English", j) for j in bead.target]


def _order(bead: ReviewedBead) -> tuple[int, int]:
    """Sorted by the first Persian segment, a bead without one by its first English one."""
    last = 1 << 62
    return (bead.source[0] if bead.source else last, bead.target[0] if bead.target else last)


def _short(text: str, size: int = 40) -> str:
    return "“" + (text if len(text) <= size else text[: size - 1] + "…") + "”"
