"""``tmkit build``: run the pipeline on every bundled document and record what went in.

For now the pipeline ends at segmentation (alignment and TMX come with later stages).
Output, under the output folder:

- ``<doc-id>/fa.clean.txt``: the cleaned, normalized source (``tmkit clean``);
- ``<doc-id>/fa.segments.tsv``: its segments with ids, kinds and footnote links;
- ``build.json``: the build signature (versions, SHA-256 of every input, options).
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import sys
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from corpus.collection import TextFolder, bundled_texts
from corpus.pipeline import load_document, segment_document
from corpus.render import document_text, segments_tsv, write_atomic
from corpus.srx import bundled_srx_path

SOURCE_LANGUAGE = "fa-IR"
LIBRARIES = ("lxml", "openpyxl", "polib", "sacrebleu", "sentencepiece", "regex")


@dataclass(frozen=True)
class DocumentSummary:
    """What the build made of one document."""

    id: str
    paragraphs: int
    footnotes: int
    segments: int
    warnings: tuple[str, ...]


def build(out: Path, texts: list[TextFolder] | None = None) -> list[DocumentSummary]:
    """Clean and segment each document into *out*; write ``build.json``.

    :raises CorpusError: bad input; nothing is written for that document.
    """
    texts = bundled_texts() if texts is None else texts
    summaries = []
    for text in texts:
        document = load_document(text.raw, SOURCE_LANGUAGE, text.fixes)
        segments = segment_document(document, SOURCE_LANGUAGE)
        write_atomic(out / text.id / "fa.clean.txt", document_text(document))
        write_atomic(out / text.id / "fa.segments.tsv", segments_tsv(segments))
        summaries.append(
            DocumentSummary(
                text.id,
                len(document.paragraphs),
                len(document.footnotes),
                len(segments),
                document.warnings,
            )
        )
    write_atomic(
        out / "build.json", json.dumps(signature(texts), indent=2, ensure_ascii=False) + "\n"
    )
    return summaries


def signature(texts: list[TextFolder]) -> dict:
    """Versions, input hashes and options: the same inputs give the same signature."""
    inputs = {"segmentation.srx": _sha256(bundled_srx_path())}
    for text in texts:
        for path in (text.raw, text.fixes):
            if path is not None:
                inputs[f"{text.id}/{path.name}"] = _sha256(path)
    return {
        "tmkit": version("tmkit"),
        "python": platform.python_version(),
        "libraries": {name: version(name) for name in LIBRARIES},
        "inputs": inputs,
        "options": {"srclang": SOURCE_LANGUAGE},
        "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH"),
        "platform": sys.platform,
    }


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
