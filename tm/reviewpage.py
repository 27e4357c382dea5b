"""The review page: a document pair's beads side by side in one self-contained HTML file.

:func:`review_page` writes, for one document, a table of its beads — the Persian cell
``lang="fa" dir="rtl"``, the English ``lang="en" dir="ltr"``, runs of the other script
isolated in ``<bdi>`` — with each bead's shape, confidence (low confidence highlighted with
the flag's reason), the glossary's terms marked on both sides (``<mark>``, the concept in its
``title``), the term check's findings on their bead, headings as headings and footnotes as
footnotes after the body. A summary (counts, flagged beads, findings by rule) links to the
beads; a filter shows only the beads that need attention; keys move between them (j/k, n/p);
and a reviewer confirms a bead, marks it wrong, merges it with the next or moves a sentence
to a neighbouring bead, then exports the corrections (``tmkit review apply`` records them:
:mod:`tm.review`).

The page loads nothing: its style and script are inline, allowed by a Content-Security-Policy
that names their SHA-256 (no ``'unsafe-inline'``), so nothing else runs even if a text held
markup. Every text is escaped by lxml's builder (a segment ``<script>`` is shown as text).
The script and style are ``tm/data/review.js`` and ``tm/data/review.css``.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import NamedTuple

from corpus.document import Kind, Segment
from glossary.checks import Finding
from glossary.match import Match, Matcher

PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
# a run of Latin script inside Persian text (letters, and digits, spaces and punctuation
# between them): isolated left-to-right, so "Baku-Tbilisi-Ceyhan (BTC)" reads as written
LATIN_RUN = re.compile(
    r"[A-Za-z\u00c0-\u024f](?:[A-Za-z\u00c0-\u024f0-9.,'’&/\- ]*[A-Za-z\u00c0-\u024f0-9])?"
)
# a run of Arabic script inside English text, isolated right-to-left
ARABIC = "\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff"
PERSIAN_RUN = re.compile(rf"[{ARABIC}](?:[{ARABIC}\u200c\u200d ]*[{ARABIC}])?")
SHOWN = 50  # flagged beads and findings listed in the summary; the filter shows them all
HEADINGS = {Kind.TITLE: "h2", Kind.HEADING: "h3"}


# bidi controls: invisible, and an unbalanced one reorders the text after it; each is shown as
# a token in its place (the segment's exact text kept in its data-text)
BIDI_CONTROLS = {
    "\u202a": "LRE", "\u202b": "RLE", "\u202c": "PDF", "\u202d": "LRO", "\u202e": "RLO",
    "\u2066": "LRI", "\u2067": "RLI", "\u2068": "FSI", "\u2069": "PDI",
}  # fmt: skip
BIDI_CONTROL = re.compile(f"[{''.join(BIDI_CONTROLS)}]")


class Code(NamedTuple):
    """An inline code of a segment: where it stands in the text (a character offset), the
    token shown there (``⟨1⟩``, ``⟨/1⟩``, ``⟨2/⟩``) and its hover text (the code itself)."""

    position: int
    label: str
    title: str


@dataclass(frozen=True)
class PageBead:
    """One bead of a review page.

    :param source: indices into the page's Persian segments (consecutive).
    :param confidence: the aligner's, None when unknown (a TMX of another tool).
    :param flag: why the bead is flagged, ``""`` if it is not.
    :param review: what a reviewer said of it before (``confirmed``, ``edited``, ``wrong``).
    :param tuid: the TMX's own ``tuid`` of the unit (a TMX's page), shown under the bead's
        number; ``""`` when none.
    """

    source: tuple[int, ...]
    target: tuple[int, ...]
    confidence: float | None
    flag: str = ""
    review: str = ""
    tuid: str = ""

    @property
    def shape(self) -> str:
        return f"{len(self.source)}-{len(self.target)}"


@dataclass(frozen=True)
class ReviewDocument:
    """What a review page shows.

    :param id: the document pair's id (the corrections file names it).
    :param source: the Persian segments (body, then footnotes), *target* the English.
    :param beads: in document order.
    :param findings: the term check's findings of each bead, by the bead's position in
        *beads* (from 0).
    :param correctable: whether the page offers corrections (a project's pair: ``tmkit
        review apply`` records them; not a TMX's units).
    :param threshold: the flag threshold, shown in the summary.
    :param title: the page's heading (default: the id).
    :param codes: the inline codes of a segment (a TMX's ``bpt``, ``ept``, ``ph`` …), by
        (``"fa"`` or ``"en"``, the segment's index): each shown as a token where it stands.
    """

    id: str
    source: tuple[Segment, ...]
    target: tuple[Segment, ...]
    beads: tuple[PageBead, ...]
    findings: dict[int, list[Finding]] = field(default_factory=dict)
    correctable: bool = True
    threshold: float = 0.5
    title: str = ""
    codes: dict[tuple[str, int], tuple[Code, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class PageSummary:
    """A document's figures for the index page."""

    id: str
    beads: int
    flagged: int
    findings: int
    reviewed: int


def review_page(document: ReviewDocument, matcher: Matcher | None = None) -> str:
    """The review page of *document* as HTML text (UTF-8, self-contained).

    :param matcher: the glossary's matcher: its terms are marked on both sides (none without).
    """
    from lxml.builder import E

    marks = _Terms(matcher)
    script, style = _asset("review.js"), _asset("review.css")
    notes = _notes(document)
    rows, parts = [], []
    previous: PageBead | None = None
    for number, bead in enumerate(document.beads):
        footnote = _is_footnote(document, bead)
        if footnote and (previous is None or not _is_footnote(document, previous)):
            parts.append(E.tbody(*rows))
            rows = [E.tr(E.th("Footnotes", colspan="6", scope="colgroup"), {"class": "part"})]
        rows.append(_row(document, number, bead, previous, marks, notes))
        previous = bead
    parts.append(E.tbody(*rows))
    page = E.html(
        E.head(
            E.meta(charset="utf-8"),
            E.meta({"http-equiv": "Content-Security-Policy", "content": _policy(script, style)}),
            E.meta(name="viewport", content="width=device-width, initial-scale=1"),
            E.title(f"Review: {document.title or document.id}"),
            E.style(style),
        ),
        E.body(
            E.header(
                E.h1("Review: ", E.bdi(document.title or document.id)),
                _summary(document),
            ),
            _toolbar(document),
            E.table(
                E.thead(
                    E.tr(
                        E.th("Bead", scope="col"),
                        E.th("فارسی", lang="fa", dir="rtl", scope="col"),
                        E.th("English", lang="en", scope="col"),
                        E.th("Confidence", scope="col"),
                        E.th("Findings", scope="col"),
                        E.th("Review", scope="col"),
                    )
                ),
                *parts,
                id="beads",
            ),
            E.script(script),
            {
                "data-document": document.id,
                "data-correctable": "yes" if document.correctable else "no",
            },
        ),
        lang="en",
        dir="ltr",
    )
    return _serialize(page)


def index_page(summaries: Sequence[PageSummary], title: str = "tmkit review") -> str:
    """The index of a build's review pages: one row a document, linking to ``<id>.html``."""
    from lxml.builder import E

    style = _asset("review.css")
    rows = [
        E.tr(
            E.td(E.a(E.bdi(s.id), href=f"{s.id}.html")),
            E.td(str(s.beads)),
            E.td(str(s.flagged)),
            E.td(str(s.findings)),
            E.td(str(s.reviewed)),
        )
        for s in summaries
    ]
    page = E.html(
        E.head(
            E.meta(charset="utf-8"),
            E.meta({"http-equiv": "Content-Security-Policy", "content": _policy("", style)}),
            E.title(title),
            E.style(style),
        ),
        E.body(
            E.h1(title),
            E.table(
                E.thead(
                    E.tr(
                        *(
                            E.th(name, scope="col")
                            for name in ("Document", "Beads", "Flagged", "Findings", "Reviewed")
                        )
                    )
                ),
                E.tbody(*rows),
                {"class": "index"},
            ),
        ),
        lang="en",
        dir="ltr",
    )
    return _serialize(page)


def summary_of(document: ReviewDocument) -> PageSummary:
    """The figures of *document* that the index shows."""
    return PageSummary(
        document.id,
        len(document.beads),
        sum(1 for bead in document.beads if bead.flag),
        sum(len(found) for found in document.findings.values()),
        sum(1 for bead in document.beads if bead.review),
    )


def _serialize(page) -> str:
    from lxml import html

    return html.tostring(page, doctype="<!DOCTYPE html>", encoding="unicode") + "\n"


def _policy(script: str, style: str) -> str:
    """The Content-Security-Policy: nothing loads; only this script and style apply."""
    scripts = f"'{_digest(script)}'" if script else "'none'"
    return (
        f"default-src 'none'; script-src {scripts}; style-src '{_digest(style)}'; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )


def _digest(text: str) -> str:
    """A CSP source hash of *text* (``sha256-…``)."""
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


@cache
def _asset(name: str) -> str:
    return resources.files("tm").joinpath("data", name).read_text(encoding="utf-8")


def _is_footnote(document: ReviewDocument, bead: PageBead) -> bool:
    segments = [document.source[i] for i in bead.source] or [
        document.target[j] for j in bead.target
    ]
    return bool(segments) and segments[0].kind is Kind.FOOTNOTE


def _notes(document: ReviewDocument) -> dict[tuple[str, str], str]:
    """The anchor of each footnote block, by (side, block id): where its first segment is."""
    anchors = {}
    for side, segments in (("fa", document.source), ("en", document.target)):
        for segment in segments:
            if segment.kind is Kind.FOOTNOTE:
                anchors.setdefault((side, segment.block), f"note-{side}-{segment.block}")
    return anchors


def _row(document, number, bead, previous, marks, notes):
    from lxml.builder import E

    classes = ["bead"]
    if bead.flag:
        classes.append("flagged")
    findings = document.findings.get(number, [])
    if findings:
        classes.append("has-findings")
    if bead.review:
        classes.append(f"reviewed-{bead.review}")
    if _starts_paragraph(document, previous, bead):
        classes.append("paragraph")
    confidence = "—" if bead.confidence is None else f"{bead.confidence:.3f}"
    conf_cell = E.td(E.span(confidence, {"class": "score"}), {"class": "confidence"})
    if bead.flag:
        conf_cell.append(E.span(bead.flag, {"class": "reason"}))
    if bead.review:
        conf_cell.append(E.span(_REVIEWED[bead.review], {"class": "review-status"}))
    number_cell = E.td(
        E.a(f"b{number + 1}", href=f"#b{number + 1}"),
        E.span(bead.shape, {"class": "shape"}),
        {"class": "number"},
    )
    if bead.tuid:  # the TMX's own id, so a bead and its findings trace back to the unit
        number_cell.append(E.bdi(bead.tuid, {"class": "tuid", "title": "tuid"}))
    cells = [
        number_cell,
        _side(document.source, bead.source, "fa", marks, notes, document.codes),
        _side(document.target, bead.target, "en", marks, notes, document.codes),
        conf_cell,
        E.td(_findings(findings), {"class": "findings"})
        if findings
        else E.td({"class": "findings"}),
        E.td({"class": "actions"}),
    ]
    return E.tr(
        *cells,
        {
            "id": f"b{number + 1}",
            "class": " ".join(classes),
            "tabindex": "-1",
            "data-part": "notes" if _is_footnote(document, bead) else "body",
        },
    )


_REVIEWED = {"confirmed": "confirmed in review", "edited": "made in review",
             "wrong": "marked wrong in review"}  # fmt: skip


def _starts_paragraph(document: ReviewDocument, previous: PageBead | None, bead: PageBead) -> bool:
    """Whether *bead* begins a paragraph: its first segment's block is not that of the last
    segment of *previous* (compared on a side both beads have)."""
    if previous is None:
        return True
    if previous.source and bead.source:
        return document.source[previous.source[-1]].block != document.source[bead.source[0]].block
    if previous.target and bead.target:
        return document.target[previous.target[-1]].block != document.target[bead.target[0]].block
    return False


def _side(segments, indices, language, marks, notes, codes):
    """One side's cell: each segment a ``span.segment`` (its text exactly, so the page's
    script reads it back: in ``data-text`` when tokens stand for inline codes or bidi
    controls), headings in heading elements, note references as links."""
    from lxml.builder import E

    cell = E.td(
        {"class": f"side {language}", "lang": language, "dir": "rtl" if language == "fa" else "ltr"}
    )
    for position, index in enumerate(indices):
        segment = segments[index]
        inserts = codes.get((language, index), ())
        span = E.span(
            *_inline(segment.text, marks.find(language, segment.text), language, inserts),
            {"class": "segment", "data-i": str(index)},
        )
        if inserts or BIDI_CONTROL.search(segment.text):
            span.set("data-text", segment.text)
        if position:
            cell.append(E.span(" ", {"class": "space"}))
        if segment.kind is Kind.FOOTNOTE and (
            index == 0 or segments[index - 1].block != segment.block
        ):  # a footnote's first segment: its number, the target of the references
            span.set("id", notes[(language, segment.block)])
            cell.append(E.sup(_note_number(segment.block, language), {"class": "note-number"}))
        tag = HEADINGS.get(segment.kind)
        node = getattr(E, tag)(span, {"class": "segment-heading"}) if tag else span
        if segment.kind is Kind.LIST_ITEM:
            span.set("class", "segment list-item")
        cell.append(node)
        last = index + 1 >= len(segments) or segments[index + 1].block != segment.block
        for note in segment.notes if last else ():  # a block's notes, after its last segment
            anchor = notes.get((language, note))
            if anchor:
                cell.append(
                    E.sup(E.a(_note_number(note, language), href=f"#{anchor}"), {"class": "ref"})
                )
    return cell


def _note_number(block: str, language: str) -> str:
    number = block.removeprefix("fn")
    return number.translate(PERSIAN_DIGITS) if language == "fa" else number


def _inline(text: str, matches: list[Match], language: str, codes: Sequence[Code] = ()) -> list:
    """*text* as builder children: the glossary's matches in ``<mark>`` (the concept in its
    title), runs of the other script in ``<bdi>``; the characters are *text*'s exactly but
    for its bidi controls, each shown as a token (``⟨RLO⟩``) in its place, and *codes* as
    tokens where they stand."""
    from lxml.builder import E

    run, direction = (LATIN_RUN, "ltr") if language == "fa" else (PERSIAN_RUN, "rtl")
    runs = [(m.start(), m.end()) for m in run.finditer(text)]
    controls = [m.start() for m in BIDI_CONTROL.finditer(text)]
    at: dict[int, list[Code]] = {}
    for code in codes:
        at.setdefault(min(max(code.position, 0), len(text)), []).append(code)
    cuts = {0, len(text)} | set(at)
    for position in controls:
        cuts |= {position, position + 1}
    for match in matches:
        cuts |= {match.start, match.end}
    for start, end in runs:
        cuts |= {start, end}
    points = sorted(cuts)
    out: list = []
    current_mark = None
    for start, end in pairwise(points):
        for code in at.get(start, ()):
            out.append(_code(code))
            current_mark = None
        piece = text[start:end]
        inside = any(s <= start and end <= e for s, e in runs)
        if piece in BIDI_CONTROLS:
            name = BIDI_CONTROLS[piece]
            node = E.span(f"⟨{name}⟩", {"class": "control", "title": f"bidi control {name}, "
                                        f"U+{ord(piece):04X}"})  # fmt: skip
        else:
            node = E.bdi(piece, dir=direction) if inside else piece
        match = next((m for m in matches if m.start <= start and end <= m.end), None)
        target = out
        if match is not None:
            if current_mark is None or current_mark[0] is not match:
                mark = E.mark(
                    {
                        "class": "term forbidden" if match.role == "forbidden" else "term",
                        "data-concept": match.term_id,
                        "title": _concept(match),
                    }
                )
                out.append(mark)
                current_mark = (match, mark)
            target = current_mark[1]
        else:
            current_mark = None
        _append(target, node)
    out.extend(_code(code) for code in at.get(len(text), ()))
    return out


def _code(code: Code):
    """An inline code's token: escaped text, the code itself in its title, never markup."""
    from lxml.builder import E

    return E.span(code.label, {"class": "code", "title": code.title})


def _append(target, node) -> None:
    """Append *node* (text or an element) to a builder child list or an element."""
    if isinstance(target, list):
        if isinstance(node, str) and target and isinstance(target[-1], str):
            target[-1] += node
        else:
            target.append(node)
        return
    if isinstance(node, str):
        if len(target):
            target[-1].tail = (target[-1].tail or "") + node
        else:
            target.text = (target.text or "") + node
    else:
        target.append(node)


def _concept(match: Match) -> str:
    """The hover text of a marked term: the concept, its two forms, and the form found when
    it is a variant or a forbidden form."""
    term = getattr(match, "term", None)
    text = f"concept {match.term_id}"
    if term is not None:
        text += f": {term.fa} = {term.en}" + (f" ({term.domain})" if term.domain else "")
    if match.role != "term":
        role = "variant" if match.role == "variant" else "forbidden form"
        text += f"; found as {role} {match.form}"
    return text


class _Terms:
    """The glossary's matches in a segment, each with its concept's forms for the title."""

    def __init__(self, matcher: Matcher | None) -> None:
        self.matcher = matcher

    def find(self, language: str, text: str) -> list[Match]:
        if self.matcher is None:
            return []
        found = self.matcher.persian(text) if language == "fa" else self.matcher.english(text)
        terms = self.matcher.terms
        return [_Described(m, terms.get(m.term_id)) for m in found]


class _Described:
    """A match with its concept (for :func:`_concept`)."""

    def __init__(self, match: Match, term) -> None:
        self._match, self.term = match, term

    def __getattr__(self, name):
        return getattr(self._match, name)


def _findings(findings: Iterable[Finding]):
    from lxml.builder import E

    return E.ul(
        *(
            E.li(
                E.code(f.rule, {"class": "rule"}),
                " ",
                f.message,
                {"class": f"finding {f.severity.value}", "data-rule": f.rule},
            )
            for f in findings
        )
    )


def _summary(document: ReviewDocument):
    from lxml.builder import E

    beads = document.beads
    shapes = Counter(bead.shape for bead in beads)
    flagged = [(n, bead) for n, bead in enumerate(beads) if bead.flag]
    by_rule: dict[str, list[int]] = {}
    for n in sorted(document.findings):
        for finding in document.findings[n]:
            by_rule.setdefault(finding.rule, []).append(n)
    reviewed = Counter(bead.review for bead in beads if bead.review)
    figures = E.dl(
        E.dt("Segments"),
        E.dd(f"{len(document.source)} Persian, {len(document.target)} English"),
        E.dt("Beads"),
        E.dd(f"{len(beads)}: " + ", ".join(f"{shape} {n}" for shape, n in sorted(shapes.items()))),
        E.dt("Flagged"),
        E.dd(f"{len(flagged)} (confidence below {document.threshold} or no counterpart)"),
        E.dt("Findings"),
        E.dd(
            f"{sum(len(f) for f in document.findings.values())} in {len(document.findings)} beads"
        ),
        E.dt("Reviewed"),
        E.dd(", ".join(f"{n} {status}" for status, n in sorted(reviewed.items())) or "none yet"),
        {"class": "figures"},
    )
    flagged_list = E.ol(
        *(
            E.li(E.a(f"b{n + 1}", href=f"#b{n + 1}"), f" {_score(bead)}: {bead.flag}")
            for n, bead in flagged[:SHOWN]
        ),
        {"class": "flagged-list"},
    )
    if len(flagged) > SHOWN:
        flagged_list.append(E.li(f"… {len(flagged) - SHOWN} more: filter “flagged”"))
    rules = E.ul(
        *(
            E.li(
                E.code(rule),
                f" {len(numbers)}: ",
                *_links(sorted(set(numbers))),
            )
            for rule, numbers in sorted(by_rule.items())
        ),
        {"class": "rules"},
    )
    return E.section(
        figures,
        E.details(E.summary(f"Flagged beads ({len(flagged)})"), flagged_list, open="open")
        if flagged
        else E.p("No flagged beads."),
        E.details(
            E.summary(f"Findings by rule ({len(by_rule)} rule{'' if len(by_rule) == 1 else 's'})"),
            rules,
            open="open",
        )
        if by_rule
        else E.p("No findings."),
        {"class": "summary"},
    )


def _score(bead: PageBead) -> str:
    return "—" if bead.confidence is None else f"{bead.confidence:.3f}"


def _links(numbers: list[int]) -> list:
    from lxml.builder import E

    out: list = []
    for position, n in enumerate(numbers[:SHOWN]):
        if position:
            out.append(" ")
        out.append(E.a(f"b{n + 1}", href=f"#b{n + 1}"))
    if len(numbers) > SHOWN:
        out.append(f" … {len(numbers) - SHOWN} more")
    return out


def _toolbar(document: ReviewDocument):
    from lxml.builder import E

    tools = E.nav(
        E.label(
            "Show ",
            E.select(
                E.option("all beads", value="all"),
                E.option("flagged or with findings", value="attention"),
                E.option("flagged", value="flagged"),
                E.option("with findings", value="findings"),
                id="filter",
            ),
        ),
        E.span(
            "Keys: ",
            E.kbd("j"),
            "/",
            E.kbd("k"),
            " next/previous bead shown, ",
            E.kbd("n"),
            "/",
            E.kbd("p"),
            " next/previous flagged or with findings",
            {"class": "keys"},
        ),
        {"class": "toolbar"},
    )
    if document.correctable:
        tools.append(
            E.span(
                E.kbd("c"),
                " confirm, ",
                E.kbd("w"),
                " wrong, ",
                E.kbd("m"),
                " merge with next",
                {"class": "keys"},
            )
        )
        tools.append(E.button("Export corrections", id="export", type="button", disabled=""))
        tools.append(E.output("no corrections yet", id="corrections"))
    else:
        tools.append(
            E.span(
                "Corrections: only for a project's pair (tmkit review DOC-ID).", {"class": "keys"}
            )
        )
    return tools
