"""The build signature: what went into a TM, so that builds can be compared and reproduced.

As sacrebleu prints a signature with every score, tmkit records with every TM the versions of
tmkit, Python and its libraries, the SHA-256 of every input (raw text, fixes, English, metadata,
SRX rules) and the options. It goes to ``build.json``, into the TMX header and the PO metadata.
Dates come from ``SOURCE_DATE_EPOCH``, the documents' ``meta.toml`` or their files' times.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import platform
import time
from importlib.metadata import version
from pathlib import Path

from corpus.collection import TextFolder
from corpus.errors import CorpusError
from corpus.sourcedate import source_date_epoch as read_source_date_epoch
from corpus.srx import bundled_srx_path
from tm.errors import TmError
from tm.project import Project
from tm.tmx import tmx_date

LIBRARIES = ("lxml", "openpyxl", "polib", "sacrebleu", "sentencepiece", "regex")


def signature(project: Project, texts: list[TextFolder], date: str = "") -> dict:
    """Versions, input hashes and options: the same inputs give the same signature.

    Inputs are named as in the project: ``segmentation.srx`` (tmkit's bundled rules) or the
    project's rules file, the glossary workbook's path, and ``<doc-id>/<file>`` for each
    pair's files.
    """
    rules = project.segmentation
    inputs = {project.relative(rules) if rules else "segmentation.srx": file_digest(
        rules or bundled_srx_path()
    )}  # fmt: skip
    if project.glossary is not None and project.glossary.exists():
        inputs[project.relative(project.glossary)] = file_digest(project.glossary)
    for text in texts:
        for path in text.inputs():
            inputs[f"{text.id}/{path.name}"] = file_digest(path)
    return {
        **versions(),
        "inputs": inputs,
        "options": {
            "srclang": project.source_language,
            "flag_threshold": project.flag_threshold,
            "conjectures": project.conjectures,
        },
        "creationdate": date,
    }


def versions() -> dict:
    """The versions of tmkit, Python and :data:`LIBRARIES`, as a signature records them."""
    return {
        "tmkit": version("tmkit"),
        "python": platform.python_version(),
        "libraries": {name: version(name) for name in LIBRARIES},
    }


def signature_line(sig: dict) -> str:
    """The signature as sacrebleu prints its own: ``key:value|…``, the version last."""
    inputs = ",".join(f"{name}={digest[:12]}" for name, digest in sorted(sig["inputs"].items()))
    parts = [
        f"srclang:{sig['options']['srclang']}",
        f"flag:{sig['options']['flag_threshold']}",
        f"conjectures:{'yes' if sig['options'].get('conjectures', True) else 'no'}",
        f"date:{sig['creationdate']}",
        f"inputs:{inputs}",
        f"python:{sig['python']}",
        *(f"{name}:{v}" for name, v in sig["libraries"].items()),
        f"tmkit:{sig['tmkit']}",
    ]
    return "|".join(parts)


def signature_inputs(line: str) -> dict[str, str]:
    """The inputs a signature line records (:func:`signature_line`): name → SHA-256 prefix."""
    for part in line.split("|"):
        if part.startswith("inputs:"):
            pairs = (item.rpartition("=") for item in part[len("inputs:") :].split(","))
            return {name: digest for name, _, digest in pairs if name}
    return {}


def changed_since(line: str, files: dict[str, Path]) -> list[str]:
    """The names of *files* (as a signature names them) whose bytes differ from what the
    signature *line* recorded; files it does not record are not reported."""
    recorded = signature_inputs(line)
    return [
        name
        for name, path in files.items()
        if name in recorded and not file_digest(path).startswith(recorded[name])
    ]


def source_date_epoch() -> int | None:
    """``SOURCE_DATE_EPOCH`` when set (``None`` when unset or empty), read by
    :func:`corpus.sourcedate.source_date_epoch`.

    :raises TmError: a value that is not a whole number of seconds from 0 (``-1``, ``soon``)
        or is past the year 9999, which no TMX date can say: one line naming the variable
        and its value.
    """
    return read_source_date_epoch(TmError)


def run_date() -> str:
    """The TMX date of this run (``YYYYMMDDThhmmssZ``): ``SOURCE_DATE_EPOCH`` when set
    (reproducible builds), else the clock. What align dates the units it makes and merge its
    header (merge writes a unit read without dates without them)."""
    epoch = source_date_epoch()
    return tmx_date(int(time.time()) if epoch is None else epoch)


def creationdate(texts: list[TextFolder]) -> str:
    """The TM's date: ``SOURCE_DATE_EPOCH``, else the latest ``[target] date`` of *texts*, else
    (no pair has one) the latest modification time of their input files, so the same inputs
    give the same bytes; :func:`run_date` when there are no inputs at all."""
    epoch = source_date_epoch()
    if epoch is not None:
        return tmx_date(epoch)
    latest: dt.date | None = None
    for text in texts:
        value = text.meta.get("target", {}).get("date")
        if value is None:
            continue
        try:
            date = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
        except ValueError:
            raise CorpusError(
                str(text.folder / "meta.toml"),
                f"[target] date {value!r} is not a date",
                hint="write it as 2024-05-31",
            ) from None
        date = date if not isinstance(date, dt.datetime) else date.date()
        latest = date if latest is None else max(latest, date)
    if latest is not None:
        return tmx_date(int(dt.datetime.combine(latest, dt.time(), dt.UTC).timestamp()))
    modified = [path.stat().st_mtime for text in texts for path in text.inputs()]
    return tmx_date(int(max(modified))) if modified else run_date()


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes (hex): how every input of a build is named by content."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
