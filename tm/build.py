"""``tmkit build``: every document pair under corpus/texts → the TM and its exports.

For each document: clean and segment the Persian (with its fixes), segment the English
reference, align them. Then, in the output folder:

- ``tm.fa-en.tmx``: TMX 1.4b of the aligned units, deduplicated, without flagged beads;
- ``tm.fa-en.po``: the same units (flagged ones included, marked fuzzy) for Poedit/Weblate;
- ``segmentation.srx``: the SRX rules the segments were made with;
- ``omegat/``: an OmegaT project: the cleaned Persian in ``source/``, the TMX in ``tm/auto/``,
  the glossary in ``glossary/tmkit-terms.utf8``, our rules in ``omegat/segmentation.conf``
  (OmegaT 3.6) and ``omegat/segmentation.srx``;
- ``<doc-id>/fa.clean.txt`` and ``<doc-id>/beads.tsv`` (the alignment, for review);
- ``build.json``: the build signature (versions, SHA-256 of every input, options) and report.

Dates come from ``SOURCE_DATE_EPOCH`` or the documents' ``meta.toml``, never the clock, so the
same inputs give byte-identical files.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from corpus.atomic import write_atomic
from corpus.collection import TextFolder, bundled_texts
from corpus.pipeline import load_document, segment_document
from corpus.render import document_text
from corpus.srx import bundled_srx_path, default_srx
from glossary.exports import GLOSSARY_EXPORTERS
from glossary.model import bundled_glossary_path
from tm.export import EXPORTERS, glossary_matcher
from tm.omegat import write_omegat_project
from tm.pairs import AlignedPair, align_documents
from tm.signature import creationdate, signature, signature_line
from tm.unit import LOW_CONFIDENCE, SOURCE_LANGUAGE

TMX_NAME, PO_NAME = "tm.fa-en.tmx", "tm.fa-en.po"
OMEGAT_GLOSSARY = "tmkit-terms.utf8"  # not glossary.txt: that one is the translator's own


@dataclass(frozen=True)
class DocumentReport:
    """What the build made of one document pair."""

    id: str
    source_segments: int
    target_segments: int
    bead_types: dict[str, int]
    flagged: tuple[str, ...]
    paragraphs_trusted: bool | None
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class BuildReport:
    """The whole build: documents, units, duplicates and conflicts, the signature."""

    documents: tuple[DocumentReport, ...]
    units: int
    units_in_tmx: int
    duplicates: int
    conflicts: int
    signature: dict

    def as_json(self) -> str:
        return json.dumps(
            {
                "signature": self.signature,
                "documents": [d.__dict__ for d in self.documents],
                "units": self.units,
                "units_in_tmx": self.units_in_tmx,
                "duplicates_collapsed": self.duplicates,
                "conflicts": self.conflicts,
                "flag_threshold": LOW_CONFIDENCE,
            },
            indent=2,
            ensure_ascii=False,
        )


def build(
    out: Path,
    texts: list[TextFolder] | None = None,
    *,
    progress: Callable[[Iterable[TextFolder]], Iterable[TextFolder]] = iter,
    glossary: Path | None = None,
) -> BuildReport:
    """Build the TM of *texts* (default: the bundled corpus) into *out*.

    :param glossary: the glossary workbook: the aligner's dictionary, and its OmegaT export
        goes into the project (default: the bundled one).

    :param progress: wraps the documents' iteration (the CLI passes a progress bar).
    :raises CorpusError: bad input (nothing of the build's TM files is written then).
    """
    texts = bundled_texts() if texts is None else texts
    glossary = bundled_glossary_path() if glossary is None else glossary
    terms = glossary_matcher(glossary)
    date = creationdate(texts)
    reports, units, sources, target_languages = [], [], {}, Counter()
    for text in progress(texts):
        source = load_document(text.raw, SOURCE_LANGUAGE, text.fixes)
        sources[text.id] = document_text(source)
        if text.english is None:
            segments = segment_document(source, SOURCE_LANGUAGE)
            reports.append(DocumentReport(text.id, len(segments), 0, {}, (), None, source.warnings))
            continue
        target = load_document(text.english, text.target_language)
        pair = align_documents(text.id, source, target, tgtlang=text.target_language, terms=terms)
        units += pair.units
        target_languages[text.target_language] += len(pair.units)
        reports.append(_report(pair, source.warnings + target.warnings))
        write_atomic(out / text.id / "beads.tsv", beads_tsv(pair))
    for text_id, clean in sources.items():
        write_atomic(out / text_id / "fa.clean.txt", clean)
    sig = signature(texts, date)
    line = {"signature": signature_line(sig)}
    tmx = EXPORTERS["tmx"](units, out / TMX_NAME, date, line)
    EXPORTERS["po"](units, out / PO_NAME, date, line)
    write_atomic(out / "segmentation.srx", bundled_srx_path().read_text(encoding="utf-8"))
    target_language = target_languages.most_common(1)[0][0] if target_languages else "en-US"
    project = write_omegat_project(
        out / "omegat",
        sources,
        out / TMX_NAME,
        default_srx(),
        srclang=SOURCE_LANGUAGE,
        tgtlang=target_language,
    )
    if terms is not None:
        GLOSSARY_EXPORTERS["omegat"].write(terms.glossary, project / "glossary" / OMEGAT_GLOSSARY)
    report = BuildReport(tuple(reports), len(units), tmx.units, tmx.duplicates, tmx.conflicts, sig)
    write_atomic(out / "build.json", report.as_json() + "\n")
    return report


def beads_tsv(pair: AlignedPair) -> str:
    """The alignment for review: one row per bead (flagged beads marked)."""
    rows = ["bead\tshape\tconfidence\tflagged\tsource\ttarget"]
    for number, bead in enumerate(pair.alignment.beads, start=1):
        flagged = not (bead.source and bead.target) or bead.confidence < LOW_CONFIDENCE
        rows.append(
            "\t".join(
                (
                    f"b{number}",
                    f"{len(bead.source)}-{len(bead.target)}",
                    f"{bead.confidence:.3f}",
                    "yes" if flagged else "",
                    " ".join(pair.source[i].text for i in bead.source),
                    " ".join(pair.target[j].text for j in bead.target),
                )
            )
        )
    return "\n".join(rows) + "\n"


def _report(pair: AlignedPair, warnings: tuple[str, ...]) -> DocumentReport:
    return DocumentReport(
        pair.id,
        len(pair.source),
        len(pair.target),
        dict(sorted(pair.bead_types().items())),
        tuple(u.tuid for u in pair.flagged),
        pair.alignment.paragraphs_trusted,
        warnings,
    )
