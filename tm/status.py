"""``tmkit status``: the project's pairs and what changed since the last build, as git status.

The last build is the project's ``<out>/build.json``: its signature holds the SHA-256 of every
input it read, and its report each pair's cache key (:func:`tm.batch.pair_key`), segments,
flagged beads and unpaired segments. A pair is ``new`` (not in that build), ``changed`` (a file
of its own differs: named; or a setting it depends on), ``up to date`` (``tmkit build`` would
not align its first pass again), or has ``no English`` yet; a changed glossary, rules file,
setting or tmkit version is reported once, since it changes every pair's alignment; a glossary
or rules file that tmkit.toml names but is missing is reported as a problem. When the last
build trained a translation model on every pair (:mod:`tm.batch`) and a pair changed, the
status says that every pair's second pass may be aligned again.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from importlib.metadata import version

from corpus.errors import CorpusError
from tm.batch import Settings, input_digests, pair_key
from tm.project import Project
from tm.signature import file_digest


@dataclass(frozen=True)
class PairStatus:
    """One pair: its files, its state, and the last build's figures (None if not built)."""

    id: str
    source: str
    target: str
    state: str
    source_segments: int | None = None
    target_segments: int | None = None
    flagged: int | None = None
    unpaired: int | None = None


@dataclass(frozen=True)
class ProjectStatus:
    """The project's pairs, when it was last built, and what changed for every pair."""

    pairs: tuple[PairStatus, ...]
    built: dt.datetime | None
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    problems: tuple[str, ...] = ()
    model: bool = False


def project_status(project: Project) -> ProjectStatus:
    """Compare the project's files with its last build (``<out>/build.json``)."""
    record = project.out / "build.json"
    try:
        last = json.loads(record.read_text(encoding="utf-8"))
        inputs: dict[str, str] = last["signature"]["inputs"]
        documents = {d["id"]: d for d in last["documents"]}
        built = dt.datetime.fromtimestamp(record.stat().st_mtime, dt.UTC)
        tmkit = last["signature"].get("tmkit")
        model = bool(last.get("translation_model", {}).get("trained"))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        inputs, documents, built, tmkit, model = {}, {}, None, None, False
    try:
        digest = Settings.of(project).digest()
        problems: tuple[str, ...] = ()
    except CorpusError as err:
        digest, problems = None, (str(err),)
    pairs = []
    for pair in project.pairs():
        english = pair.english
        files = input_digests(pair)
        before = {
            name.split("/", 1)[1]: digest
            for name, digest in inputs.items()
            if name.startswith(f"{pair.id}/")
        }
        document = documents.get(pair.id)
        if document is None:
            state = "new" if built else "not built"
        else:
            names = files.keys() | before.keys()
            differing = sorted(n for n in names if files.get(n) != before.get(n))
            if differing:
                state = f"changed: {', '.join(differing)}"
            elif digest is None or pair_key(files, digest) != document.get("key"):
                state = "to be aligned again (settings or tmkit changed)"
            else:
                state = "up to date"
        if english is None:
            state += ", no English reference"
        if document and document.get("doubt"):
            state += f"; in doubt: {document['doubt']}"
        pairs.append(
            PairStatus(
                pair.id,
                pair.raw.name,
                english.name if english else "-",
                state,
                document["source_segments"] if document else None,
                document["target_segments"] if document else None,
                len(document["flagged"]) if document else None,
                document.get("unpaired") if document else None,
            )
        )
    changed = []
    if built is not None:
        shared = [project.glossary, project.segmentation]
        for path in (p for p in shared if p is not None and p.is_file()):
            name = project.relative(path)
            now = file_digest(path) if path.exists() else None
            if now != inputs.get(name):
                changed.append(name)
        if tmkit and tmkit != version("tmkit"):
            changed.append(f"tmkit {tmkit} → {version('tmkit')}")
    ids = {pair.id for pair in pairs}
    removed = tuple(sorted(i for i in documents if i not in ids))
    return ProjectStatus(tuple(pairs), built, tuple(changed), removed, problems, model)


def status_text(project: Project, status: ProjectStatus) -> str:
    """The status as ``tmkit status`` prints it."""
    glossary = project.relative(project.glossary) if project.glossary else "none"
    lines = [
        f"project {project.name or project.root.name} in {project.root}",
        f"languages {project.source_language} → {project.target_language}; texts in "
        f"{project.relative(project.texts)}/; glossary {glossary}; output "
        f"{project.relative(project.out)}/",
    ]
    if status.built is None:
        lines.append("not built yet: run tmkit build")
    else:
        lines.append(f"last build {status.built:%Y-%m-%d %H:%M} UTC")
    for item in status.changed:
        lines.append(f"changed since the last build: {item} (every pair is aligned again)")
    for item in status.removed:
        lines.append(f"removed since the last build: {item}")
    for item in status.problems:
        lines.append(f"problem: {item}")
    if status.model and (status.removed or any(p.state != "up to date" for p in status.pairs)):
        lines.append(
            "the last build's translation model learned from every pair: if a change changes "
            "it, tmkit build aligns every pair's second pass again"
        )
    if not status.pairs:
        lines.append(
            f"no document pairs yet: tmkit add SOURCE TARGET ({project.relative(project.texts)}/)"
        )
        return "\n".join(lines) + "\n"
    width = max(len("pair"), *(len(p.id) for p in status.pairs))
    lines.append("")
    lines.append(
        f"{'pair':<{width}}  {'source':<13} {'target':<9} {'fa segs':>7} {'en segs':>7} "
        f"{'flagged':>7} {'unpaired':>7}  state"
    )
    for pair in status.pairs:
        figures = (pair.source_segments, pair.target_segments, pair.flagged, pair.unpaired)
        shown = [f"{'-' if value is None else value:>7}" for value in figures]
        files = f"{pair.source:<13} {pair.target:<9}"
        lines.append(f"{pair.id:<{width}}  {files} {' '.join(shown)}  {pair.state}")
    return "\n".join(lines) + "\n"
