"""The build signature: what went into a TM, so that builds can be compared and reproduced.

As sacrebleu prints a signature with every score, tmkit records with every TM the versions of
tmkit, Python and its libraries, the SHA-256 of every input (raw text, fixes, English, metadata,
SRX rules) and the options. It goes to ``build.json``, into the TMX header and the PO metadata.
Dates come from ``SOURCE_DATE_EPOCH`` or the documents' ``meta.toml``, never the clock.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import platform
from importlib.metadata import version
from pathlib import Path

from corpus.collection import TextFolder
from corpus.srx import bundled_srx_path
from glossary.model import bundled_glossary_path
from tm.tmx import tmx_date
from tm.unit import LOW_CONFIDENCE, SOURCE_LANGUAGE

LIBRARIES = ("lxml", "openpyxl", "polib", "sacrebleu", "sentencepiece", "regex")


def signature(texts: list[TextFolder], date: str = "") -> dict:
    """Versions, input hashes and options: the same inputs give the same signature."""
    inputs = {"segmentation.srx": _sha256(bundled_srx_path())}
    if bundled_glossary_path().exists():
        inputs["glossary/terms.xlsx"] = _sha256(bundled_glossary_path())
    for text in texts:
        for path in (text.raw, text.fixes, text.english, text.folder / "meta.toml"):
            if path is not None and path.exists():
                inputs[f"{text.id}/{path.name}"] = _sha256(path)
    return {
        "tmkit": version("tmkit"),
        "python": platform.python_version(),
        "libraries": {name: version(name) for name in LIBRARIES},
        "inputs": inputs,
        "options": {"srclang": SOURCE_LANGUAGE, "flag_threshold": LOW_CONFIDENCE},
        "creationdate": date,
    }


def signature_line(sig: dict) -> str:
    """The signature as sacrebleu prints its own: ``key:value|…``, the version last."""
    inputs = ",".join(f"{name}={digest[:12]}" for name, digest in sorted(sig["inputs"].items()))
    parts = [
        f"srclang:{sig['options']['srclang']}",
        f"flag:{sig['options']['flag_threshold']}",
        f"date:{sig['creationdate']}",
        f"inputs:{inputs}",
        f"python:{sig['python']}",
        *(f"{name}:{v}" for name, v in sig["libraries"].items()),
        f"tmkit:{sig['tmkit']}",
    ]
    return "|".join(parts)


def creationdate(texts: list[TextFolder]) -> str:
    """The TM's date: ``SOURCE_DATE_EPOCH``, else the latest ``[target] date`` of *texts*."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return tmx_date(int(epoch))
    dates = [str(t.meta.get("target", {}).get("date", "")) for t in texts]
    latest = max((d for d in dates if d), default="1970-01-01")
    when = dt.datetime.combine(dt.date.fromisoformat(latest), dt.time(), dt.UTC)
    return tmx_date(int(when.timestamp()))


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
