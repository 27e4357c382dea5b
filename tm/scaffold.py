"""Make a project (``tmkit init``) and add document pairs to it (``tmkit add``).

A new project is a folder with ``tmkit.toml`` (:func:`tm.project.project_toml`), an empty
``texts/`` for the pairs, a glossary workbook with no concepts yet (its sheets, dropdowns and
guide ready for editors) and a ``.gitignore`` for what tmkit generates (``out/``, ``.tmkit/``,
the TM store ``tm.sqlite``).
With the example, the bundled article pair and its glossary are copied in instead.

A pair is added as received: ``texts/<id>/fa.raw.<suffix>`` and ``en.<suffix>`` are byte copies
of the given files, ``fa.fixes.tsv`` a copy of the fixes, and ``meta.toml`` records the
languages, the files' original names and their SHA-256. Both documents are read (and the fixes
applied) before anything is written, so a file tmkit cannot read is refused at once; the pair's
folder appears whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from corpus.collection import SOURCE_STEM, TARGET_STEM, bundled_texts
from corpus.pipeline import load_document, segment_document
from corpus.readers import SUFFIXES
from corpus.tomlfile import toml_string
from tm.errors import TmError
from tm.pairs import script_doubt
from tm.project import (
    PROJECT_FILE,
    Project,
    check_languages,
    check_pair_id,
    load_project,
    project_toml,
)
from tm.unit import SOURCE_LANGUAGE

GITIGNORE = (
    "# made by tmkit: generated outputs, the build cache, the TM store\nout/\n.tmkit/\ntm.sqlite*\n"
)
_ID = re.compile(r"[^\W_][\w.-]{0,99}")  # letters of any script, digits, '.', '_', '-'
_LANGUAGE_TAIL = re.compile(r"[-_.](fa|fas|per|pes|farsi|persian|fa[-_]ir|source|src)$", re.I)


@dataclass(frozen=True)
class AddedPair:
    """What ``tmkit add`` made: the folder, its segment counts and the documents' warnings."""

    id: str
    folder: Path
    source_segments: int
    target_segments: int
    warnings: tuple[str, ...]


def init_project(
    folder: Path, *, example: bool = False, name: str = "", target: str = "en-US"
) -> Project:
    """Make a project in *folder* (created if missing); return it.

    :param example: copy the bundled example pair (the article "Oil policies in the Caucasus"
        and its English reference) and its domain glossary into the project.
    :raises TmError: *folder* already has a tmkit.toml, or cannot be written, or
        ``SOURCE_DATE_EPOCH`` is set but not a Unix time (checked before anything is made:
        the glossary workbook is dated with it).
    """
    from glossary.model import Glossary, bundled_glossary_path
    from glossary.workbook import write_glossary
    from tm.signature import source_date_epoch

    folder = Path(folder)
    check_languages("--target", SOURCE_LANGUAGE, target)
    source_date_epoch()  # a bad value is one line before any folder or file is made
    if (folder / PROJECT_FILE).exists():
        raise TmError(
            str(folder / PROJECT_FILE),
            "this folder is a tmkit project already",
            hint="use it (tmkit status), or give another folder",
        )
    texts, glossary = folder / "texts", folder / "glossary.xlsx"
    try:
        texts.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise TmError(str(texts), f"cannot make the folder ({err.strerror})") from err
    if example:
        for pair in bundled_texts():
            shutil.copytree(pair.folder, texts / pair.id, dirs_exist_ok=True)
        if not glossary.exists():
            shutil.copyfile(bundled_glossary_path(), glossary)
    elif not glossary.exists():
        write_glossary(Glossary(()), glossary)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text(GITIGNORE, encoding="utf-8")
    toml = project_toml(name=name or folder.resolve().name, target=target)
    (folder / PROJECT_FILE).write_text(toml, encoding="utf-8")
    return load_project(folder / PROJECT_FILE)


def add_pair(
    project: Project,
    source: Path,
    target: Path | None,
    *,
    pair_id: str | None = None,
    fixes: Path | None = None,
    target_language: str | None = None,
) -> AddedPair:
    """Copy a Persian document and its English reference into the project as a new pair.

    :param target: the English reference, or None to add the Persian alone (aligned once
        ``en.<suffix>`` is put beside it).
    :param pair_id: the folder's name (default: from the source file's name, without a
        trailing language marker such as ``.fa``).
    :param target_language: the reference's English variant (default: the project's).
    :raises CorpusError: a document or fixes file tmkit cannot read (nothing is written).
    :raises TmError: an unsupported file type, an id in use or not usable as a folder name.
    """
    source, target = Path(source), Path(target) if target is not None else None
    for path in (source, target):
        if path is not None:
            _check_document(path)
    if target is not None and source.resolve() == target.resolve():
        raise TmError(str(target), "the English reference is the Persian document itself")
    pair_id = pair_id or _id_from(source)
    if not _ID.fullmatch(pair_id):
        raise TmError(
            pair_id,
            "not a usable pair id",
            hint="letters (any script), digits, '.', '_' and '-', starting with a letter or "
            "digit; no spaces",
        )
    folder = project.texts / pair_id
    check_pair_id(pair_id, folder)
    taken = {p.id.casefold(): p.id for p in project.pairs()} if project.texts.is_dir() else {}
    if folder.exists() or pair_id.casefold() in taken:
        other = taken.get(pair_id.casefold(), pair_id)
        raise TmError(
            str(folder), f"a pair with this id exists ({other})", hint="give another --id"
        )
    tgtlang = target_language or project.target_language
    check_languages("--tgtlang", project.source_language, tgtlang)
    document = load_document(source, project.source_language, fixes)
    warnings = document.warnings + script_doubt(document, source.name, "fa")
    source_segments = len(segment_document(document, project.source_language))
    target_segments = 0
    if target is not None:
        english = load_document(target, tgtlang)
        warnings += english.warnings + script_doubt(english, target.name, "en")
        target_segments = len(segment_document(english, tgtlang))
    project.texts.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{pair_id}.", dir=project.texts))
    try:
        files = {f"{SOURCE_STEM}{source.suffix.lower()}": source}
        if target is not None:
            files[f"{TARGET_STEM}{target.suffix.lower()}"] = target
        if fixes is not None:
            files["fa.fixes.tsv"] = Path(fixes)
        for name, path in files.items():
            shutil.copyfile(path, staging / name)
        meta = _meta(pair_id, source, target, project.source_language, target_language)
        (staging / "meta.toml").write_text(meta, encoding="utf-8")
        os.chmod(staging, 0o777 & ~_umask())
        staging.rename(folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return AddedPair(pair_id, folder, source_segments, target_segments, warnings)


def _check_document(path: Path) -> None:
    if not path.is_file():
        raise TmError(str(path), "no such file")
    if path.suffix.lower() not in SUFFIXES:
        raise TmError(
            str(path),
            f"not a document tmkit reads ({path.suffix or 'no suffix'})",
            hint="give " + ", ".join(SUFFIXES) + "; extract a PDF's text first (pdftotext -layout)",
        )


def _id_from(source: Path) -> str:
    stem = source.name[: -len(source.suffix)] if source.suffix else source.name
    stem = _LANGUAGE_TAIL.sub("", stem)
    slug = re.sub(r"[^\w.]+|_", "-", stem.lower()).strip("-.")
    return slug or "pair-" + hashlib.sha256(stem.encode()).hexdigest()[:8]


def _meta(
    pair_id: str, source: Path, target: Path | None, srclang: str, tgtlang: str | None
) -> str:
    """The pair's meta.toml; ``[target] language`` only when given (else the project's)."""
    today = dt.datetime.now(dt.UTC).date().isoformat()
    lines = [
        f"# The document pair {pair_id!r}, added by tmkit add on {today}.",
        f"id = {toml_string(pair_id)}",
        "",
        "[source]",
        f"language = {toml_string(srclang)}",
        f"received = {toml_string(source.name)}",
        f'sha256 = "{hashlib.sha256(source.read_bytes()).hexdigest()}"',
        "",
        "[target]",
    ]
    if tgtlang:
        lines.append(f"language = {toml_string(tgtlang)}")
    else:
        lines.append("# language: the project's [languages] target, unless set here")
    if target is not None:
        lines += [
            f"received = {toml_string(target.name)}",
            f'sha256 = "{hashlib.sha256(target.read_bytes()).hexdigest()}"',
        ]
    lines.append(f"date = {today}  # the TM's creationdate comes from the latest of these")
    return "\n".join(lines) + "\n"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
