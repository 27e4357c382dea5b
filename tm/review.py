"""Review pages and reviewers' corrections: ``tmkit review`` and what ``tmkit build`` writes
to ``out/review/``.

- :func:`write_review_pages`: one page a document pair (:mod:`tm.reviewpage`) from the
  build's results, with the term check's findings on their beads (as ``tmkit check
  --include-flagged`` finds them over the whole project) and the glossary's terms marked,
  and ``index.html``; the pages of pairs no longer in the project removed.
- :func:`tmx_review`: the page of any TMX's units, one bead a unit (no corrections: they
  belong to a project's pair).
- :func:`apply_corrections`: a corrections file a page exported, checked against the pair's
  documents as they are now (a file made before the documents changed is refused), recorded
  in the pair's ``reviewed.json`` (:mod:`corpus.reviewed`), which the next build reads: its
  confirmed and edited beads are held, confidence 1 and never flagged, and the rest is
  aligned around them (:func:`tm.align.align_segments`, *fixed*); the file is one of the
  pair's inputs, so the build aligns the pair again.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path

from corpus.atomic import write_atomic
from corpus.document import Kind, Segment
from corpus.reviewed import (
    FILE_NAME,
    Reviewed,
    ReviewedBead,
    check_disjoint,
    merged,
    read_reviewed,
    reviewed_json,
    stale,
)
from glossary.checks import ALL_RULES, CheckUnit, Finding, check_units
from glossary.model import Glossary
from tm.batch import PairResult, Settings
from tm.errors import TmError
from tm.project import REVIEW_FOLDER, REVIEW_INDEX, Project
from tm.reviewpage import (
    Code,
    PageBead,
    ReviewDocument,
    index_page,
    review_page,
    summary_of,
)
from tm.unit import NATIVE_CODES, Content, TranslationUnit


def load_terms(path: Path | None) -> Glossary:
    """The glossary at *path* (an empty one for None: the checks that need no terms run)."""
    if path is None:
        return Glossary(())
    from glossary.workbook import load_glossary

    return load_glossary(path)


def pair_document(
    result: PairResult, findings: dict[int, list[Finding]], threshold: float
) -> ReviewDocument:
    """The review page's content of one pair's build result (*findings* by bead position)."""
    beads = tuple(
        PageBead(b.source_segments, b.target_segments, b.confidence, b.flag, b.review)
        for b in result.beads
    )
    return ReviewDocument(result.id, result.source, result.target, beads, findings, True, threshold)


def findings_by_position(
    units: Sequence[TranslationUnit], glossary: Glossary, jobs: int = 1
) -> dict[int, list[Finding]]:
    """Every rule's findings of *units* (checked together, as ``tmkit check`` does, in *jobs*
    worker processes), by the unit's position in *units* (a TMX's tuids may repeat or be
    missing)."""
    numbered = [CheckUnit.of(unit, tuid=str(n)) for n, unit in enumerate(units)]
    found: dict[int, list[Finding]] = {}
    for finding in check_units(numbered, glossary, ALL_RULES, jobs=jobs):
        n = int(finding.tuid)
        found.setdefault(n, []).append(replace(finding, tuid=units[n].tuid))
    return found


def pair_pages(
    results: Sequence[PairResult],
    glossary: Glossary,
    threshold: float,
    only: str | None = None,
    jobs: int = 1,
) -> list[tuple[ReviewDocument, str]]:
    """The review page (content and HTML) of every pair of *results* with English, or of
    the pair *only*; the term check's findings are those of all *results*' units (flagged
    ones too) checked together, as ``tmkit check --include-flagged`` finds them.

    :param glossary: its terms are marked and checked.
    :param jobs: worker processes of the term check.
    """
    from glossary.match import Matcher

    units = [unit for result in results for unit in result.units]
    found = findings_by_position(units, glossary, jobs)
    by_tuid = {units[n].tuid: unit_findings for n, unit_findings in found.items()}
    matcher = Matcher(glossary) if glossary.terms else None
    pages = []
    for result in results:
        if not result.beads or (only is not None and result.id != only):
            continue
        findings = {
            n: by_tuid[f"{result.id}:b{n + 1}"]
            for n in range(len(result.beads))
            if f"{result.id}:b{n + 1}" in by_tuid
        }
        document = pair_document(result, findings, threshold)
        pages.append((document, review_page(document, matcher)))
    return pages


def write_review_pages(
    results: Sequence[PairResult], glossary: Glossary, out: Path, threshold: float, jobs: int = 1
) -> list[Path]:
    """Write ``<out>/review/<id>.html`` for every pair with English (:func:`pair_pages`, the
    term check in *jobs* worker processes) and ``index.html``; remove the pages of pairs no
    longer among *results*. Files whose content is unchanged are not rewritten. Returns the
    pages (index last).
    """
    folder = out / REVIEW_FOLDER
    written, summaries = [], []
    for document, page in pair_pages(results, glossary, threshold, jobs=jobs):
        path = folder / f"{document.id}.html"
        write_atomic(path, page, unless_same=True)
        written.append(path)
        summaries.append(summary_of(document))
    write_atomic(folder / REVIEW_INDEX, index_page(summaries), unless_same=True)
    written.append(folder / REVIEW_INDEX)
    keep = {path.name for path in written}
    for page in folder.glob("*.html"):
        if page.name not in keep:
            page.unlink()
    return written


def tmx_review(units: Sequence[TranslationUnit], name: str, glossary: Glossary) -> str:
    """The review page of a TMX's *units* (read with Persian as the source): one 1–1 bead a
    unit, its confidence tmkit's ``x-score`` when it has one, its flag none (a TMX holds what
    passed), the findings of the term check; *name* is the page's title."""
    from glossary.match import Matcher

    source = tuple(_unit_segment(unit, n, unit.source) for n, unit in enumerate(units))
    target = tuple(_unit_segment(unit, n, unit.target) for n, unit in enumerate(units))
    beads = tuple(
        PageBead((n,), (n,), unit.score, tuid="" if unit.tuid_made else unit.tuid)
        for n, unit in enumerate(units)
    )
    findings = findings_by_position(units, glossary)
    codes = {}
    for n, unit in enumerate(units):
        for language, tuv in (("fa", unit.source_tuv), ("en", unit.target_tuv)):
            found = tuple(_codes(tuv.content))
            if found:
                codes[(language, n)] = found
    document = ReviewDocument(
        name, source, target, beads, findings, correctable=False, title=name, codes=codes
    )
    return review_page(document, Matcher(glossary) if glossary.terms else None)


def _codes(content: Content) -> Iterator[Code]:
    """The native codes of a segment's *content* (:class:`tm.unit.InlineElement`) where they
    stand in its plain text: ``⟨i⟩`` … ``⟨/i⟩`` a ``bpt``/``ept`` pair, ``⟨x/⟩`` a standalone
    code (its ``x``, or its place among the segment's codes); the code itself the title."""
    position = 0
    count = 0

    def walk(parts: Content) -> Iterator[Code]:
        nonlocal position, count
        for part in parts:
            if isinstance(part, str):
                position += len(part)
            elif part.element == "hi":
                yield from walk(part.content)
            elif part.element in NATIVE_CODES:
                count += 1
                number = part.get("i") or part.get("x") or str(count)
                label = {"bpt": f"⟨{number}⟩", "ept": f"⟨/{number}⟩"}.get(
                    part.element, f"⟨{number}/⟩"
                )
                yield Code(position, label, f"<{part.element}> {_code_text(part.content)}")

    yield from walk(content)


def _code_text(content: Content) -> str:
    """A native code's content as text (a ``sub``'s text inside it too)."""
    return "".join(part if isinstance(part, str) else _code_text(part.content) for part in content)


def _unit_segment(unit: TranslationUnit, n: int, text: str) -> Segment:
    try:
        kind = Kind(unit.kind)
    except ValueError:
        kind = Kind.BODY
    block = unit.source_blocks[0] if unit.source_blocks else f"u{n}"
    return Segment(f"u{n}", f"{unit.document}/{block}", kind, text)


@dataclass(frozen=True)
class Applied:
    """What :func:`apply_corrections` recorded: the pair, its file, how many beads the
    corrections held and how many the file holds now."""

    document: str
    path: Path
    corrections: int
    recorded: int


def pair_segments(project: Project, document: str) -> tuple[list[Segment], list[Segment]]:
    """The Persian and English segments of the pair *document* of *project*, as the build
    makes them (its fixes, spelling, rules and languages).

    :raises TmError: no such pair, or it has no English.
    """
    from corpus.pipeline import load_document, segment_document
    from corpus.srx import read_srx

    pairs = {pair.id: pair for pair in project.pairs()}
    pair = pairs.get(document)
    if pair is None:
        raise TmError(
            str(project.texts),
            f"no document pair {document!r} in the project",
            hint="the corrections name the pair whose page they came from",
        )
    if pair.english is None:
        raise TmError(str(pair.folder), "the pair has no English document: nothing to review")
    settings = Settings.of(project)
    srx = read_srx(settings.segmentation) if settings.segmentation else None
    source = load_document(
        pair.raw,
        settings.source_language,
        pair.fixes,
        zwnj_spelling=pair.zwnj_spelling(settings.zwnj_spelling),
    )
    tgtlang = pair.target_language(settings.target_language)
    target = load_document(pair.english, tgtlang)
    return (
        segment_document(source, settings.source_language, srx),
        segment_document(target, tgtlang, srx),
    )


def apply_corrections(project: Project, path: Path) -> Applied:
    """Record the corrections file at *path* in its pair's ``reviewed.json`` (made if
    missing; a bead of the corrections replaces the recorded beads it shares a segment with).

    :raises CorpusError: the file is not a corrections file (:func:`corpus.reviewed.
        read_reviewed`).
    A file without beads records nothing (the result's *corrections* 0, nothing written).

    :raises TmError: no such pair (the file and its ``document`` named); a bead's segments
        are not the document's now (the documents changed since the page was made: nothing
        is recorded); beads that cross
        each other or put a footnote with body text.
    """
    corrections = read_reviewed(path)
    if corrections.document not in {pair.id for pair in project.pairs()}:
        raise TmError(
            str(path),
            f'"document": no document pair {corrections.document!r} in the project '
            f"({project.texts})",
            hint="the corrections name the pair whose page they came from",
        )
    folder = project.texts / corrections.document
    recorded_path = folder / FILE_NAME
    if not corrections.beads:  # nothing to record: reviewed.json is left as it is
        return Applied(corrections.document, recorded_path, 0, 0)
    source, target = pair_segments(project, corrections.document)
    problems = stale(corrections.beads, [s.text for s in source], [s.text for s in target])
    if problems:
        raise TmError(
            str(path),
            f"made from another version of {corrections.document}: {problems[0]}",
            hint="make the review page again (tmkit build or tmkit review) and redo the "
            "corrections there",
        )
    if recorded_path.exists():
        old = read_reviewed(recorded_path)
        old_fits = Reviewed(
            old.document,
            tuple(
                bead
                for bead in old.beads
                if not stale([bead], [s.text for s in source], [s.text for s in target])
            ),
        )
        if len(old_fits.beads) != len(old.beads):
            raise TmError(
                str(recorded_path),
                "holds beads made from another version of the documents",
                hint="delete it (or the beads the document no longer has) and review again",
            )
        result = merged(old_fits, corrections)
    else:
        result = corrections
    _check_order(str(path), result.beads, source, target)
    write_atomic(recorded_path, reviewed_json(result))
    return Applied(corrections.document, recorded_path, len(corrections.beads), len(result.beads))


def _check_order(
    name: str, beads: Sequence[ReviewedBead], source: Sequence[Segment], target: Sequence[Segment]
) -> None:
    """:raises TmError: *beads* share a segment, cross (one's Persian before another's and
    its English after), or hold footnotes with body text."""
    check_disjoint(name, beads)
    for bead in beads:
        kinds = {source[i].kind is Kind.FOOTNOTE for i in bead.source}
        kinds |= {target[j].kind is Kind.FOOTNOTE for j in bead.target}
        if len(kinds) > 1:
            raise TmError(name, f"a bead holds a footnote and body text ({_first(bead)})")
    fixed = sorted((b for b in beads if b.fixed and b.source and b.target), key=lambda b: b.source)
    for before, after in pairwise(fixed):
        if before.target[-1] >= after.target[0]:
            raise TmError(
                name,
                f"two beads cross: {_first(before)} comes before {_first(after)} in Persian "
                "but not in English",
            )


def _first(bead: ReviewedBead) -> str:
    if bead.source:
        return f"the bead of Persian segment {bead.source[0] + 1}"
    return f"the bead of English segment {bead.target[0] + 1}"
