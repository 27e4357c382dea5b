"""A tmkit project: a folder the user owns, with ``tmkit.toml`` at its root.

Commands find the project as git finds a repository: in the current folder or the nearest
parent that has a ``tmkit.toml`` (``--project DIR`` names one). Every path in the file is
relative to the file's folder. The format, key by key (``docs/project.md`` has the same):

.. code-block:: toml

    [project]
    format = 1                      # version of this file's format (required)
    name = "my-tm"                  # optional, shown by tmkit status

    [languages]
    source = "fa-IR"                # the documents' language: Persian (fa, fa-IR, fa-AF)
    target = "en-US"                # the references' English variant; a pair's meta.toml
                                    # ([target] language) may say otherwise

    [paths]
    texts = "texts"                 # document pairs, one folder each (texts/<id>/)
    glossary = "glossary.xlsx"      # the glossary workbook ("" for none)
    segmentation = ""               # SRX 2.0 rules ("" for tmkit's bundled rules)
    out = "out"                     # where tmkit build writes

    [build]
    flag-threshold = 0.5            # beads below this confidence are flagged: left out of
                                    # the TMX, fuzzy in PO

    [normalize]
    zwnj-spelling = "common"        # words Persian writes both ways (آنها/آن‌ها), where a
                                    # lost ZWNJ is restored: "common" (as most writers) or
                                    # "academy" (the Academy of Persian Language's orthography)

    [fixes]
    conjectures = true              # apply the fixes of kind "conjecture" (readings of
                                    # garbled passages) with the corrections; false: leave
                                    # the garbled text as received

    [tmx]
    creationtool = "tmkit"          # the TMX header's creationtool
    creationid = ""                 # who made the TM: the header's and each unit's creationid

Every key but ``[project] format`` is optional and has the default shown. An unknown key is
an error (a misspelt key would otherwise be ignored silently).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from corpus.collection import TextFolder, text_folders
from corpus.languages import is_english, is_language_tag, is_persian
from corpus.tomlfile import read_toml, toml_string
from corpus.zwnj import SPELLINGS
from tm.errors import TmError
from tm.unit import LOW_CONFIDENCE, SOURCE_LANGUAGE, TARGET_LANGUAGE

PROJECT_FILE = "tmkit.toml"
TMX_NAME = "tm.fa-en.tmx"  # the TM tmkit build writes in the output folder
PO_NAME = "tm.fa-en.po"  # beside it
REVIEW_FOLDER = "review"  # the review pages' folder in the output folder: <id>.html a pair
REVIEW_INDEX = "index.html"  # their index, beside them
# what tmkit build writes in the output folder beside the pairs' own folders (out/<id>/)
OUTPUT_NAMES = frozenset(
    {TMX_NAME, PO_NAME, "build.json", "segmentation.srx", "omegat", REVIEW_FOLDER}
)
FORMAT = 1
NOT_FOUND_HINT = (
    "make one with `tmkit init [DIR]` (or `tmkit init --example DIR` for the bundled example), "
    "or give --project DIR"
)
_KEYS: dict[str, dict[str, type | tuple[type, ...]]] = {
    "project": {"format": int, "name": str},
    "languages": {"source": str, "target": str},
    "paths": {"texts": str, "glossary": str, "segmentation": str, "out": str},
    "build": {"flag-threshold": (int, float)},
    "normalize": {"zwnj-spelling": str},
    "fixes": {"conjectures": bool},
    "tmx": {"creationtool": str, "creationid": str},
}


@dataclass(frozen=True)
class TmxSettings:
    """TMX header metadata from ``[tmx]``."""

    creationtool: str = "tmkit"
    creationid: str = ""


PROJECT_INPUT = "is an input of the project"  # why -o never names one (corpus.atomic.protected)


@dataclass(frozen=True)
class Project:
    """A project folder and its settings (paths absolute)."""

    root: Path
    name: str = ""
    source_language: str = SOURCE_LANGUAGE
    target_language: str = TARGET_LANGUAGE
    texts: Path = Path("texts")
    glossary: Path | None = None
    segmentation: Path | None = None
    out: Path = Path("out")
    flag_threshold: float = LOW_CONFIDENCE
    zwnj_spelling: str = SPELLINGS[0]
    conjectures: bool = True
    tmx: TmxSettings = field(default_factory=TmxSettings)

    @property
    def file(self) -> Path:
        return self.root / PROJECT_FILE

    @property
    def built_tmx(self) -> Path:
        """The TM ``tmkit build`` writes: ``<out>/tm.fa-en.tmx``."""
        return self.out / TMX_NAME

    def pairs(self) -> list[TextFolder]:
        """The document pairs under ``texts``, sorted by id (none when the folder is missing).

        :raises CorpusError: a pair folder's name is not a usable id
            (:func:`corpus.collection.text_folders`).
        :raises TmError: a pair's id is a name the build writes (:func:`check_pair_id`).
        """
        pairs = text_folders(self.texts) if self.texts.is_dir() else []
        for pair in pairs:
            check_pair_id(pair.id, pair.folder)
        return pairs

    def inputs(self, texts: list[TextFolder] | None = None) -> list[Path]:
        """The files the project's build reads (``tmkit.toml``, the glossary, the segmentation
        rules, the pairs' documents and fixes), which no command's ``-o`` writes over (README).

        :param texts: the pairs, when already listed (default: :meth:`pairs`).
        """
        files = [self.file, self.glossary, self.segmentation]
        pairs = self.pairs() if texts is None else texts
        files += [path for text in pairs for path in text.inputs()]
        return [path for path in files if path is not None]

    def relative(self, path: Path) -> str:
        """*path* as written relative to the project root (POSIX), for reports."""
        return project_path(path.resolve(), self.root.resolve())


def check_pair_id(pair_id: str, folder: Path) -> None:
    """Refuse a pair id that names what ``tmkit build`` writes: its output folder holds a
    folder for each pair beside :data:`OUTPUT_NAMES`, and its review folder a page for each
    pair beside :data:`REVIEW_INDEX` (case-insensitive: one name on Windows and macOS).

    :raises TmError: *pair_id* is one of those names (*folder*, the pair's, named).
    """
    if pair_id.casefold() in OUTPUT_NAMES or f"{pair_id}.html".casefold() == REVIEW_INDEX:
        clash = (
            f"{REVIEW_FOLDER}/{REVIEW_INDEX}, the review pages' index"
            if pair_id.casefold() not in OUTPUT_NAMES
            else f"the build's {pair_id.casefold()}"
        )
        raise TmError(
            str(folder),
            f"a pair may not be named {pair_id}: its output would take the place of {clash}",
            hint="rename the pair's folder (tmkit add: give --id)",
        )


def find_project(start: Path | None = None) -> Path | None:
    """The nearest folder from *start* (default: the current one) upwards with a tmkit.toml."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / PROJECT_FILE).is_file():
            return folder
    return None


def open_project(folder: str | Path | None = None) -> Project:
    """Load the project in *folder*, or the one found from the current folder.

    :raises TmError: no project there (one line saying how to make one), or a bad tmkit.toml.
    """
    if folder is not None:
        root = Path(folder)
        if not (root / PROJECT_FILE).is_file():
            raise TmError(str(root), f"no {PROJECT_FILE} in this folder", hint=NOT_FOUND_HINT)
    else:
        found = find_project()
        if found is None:
            raise TmError(
                str(Path.cwd()),
                f"not in a tmkit project (no {PROJECT_FILE} here or in a parent folder)",
                hint=NOT_FOUND_HINT,
            )
        root = found
    return load_project(root / PROJECT_FILE)


def load_project(path: Path) -> Project:
    """Parse a ``tmkit.toml``.

    :raises TmError: not TOML (with the line and column), an unknown key or section, a value
        of the wrong type, a format newer than this tmkit reads, a source language that is not
        Persian or a target that is not English, a threshold outside [0, 1], an unknown
        zwnj-spelling.
    """
    name = str(path)
    data = read_toml(path, TmError)
    _check_keys(name, data)
    project = data.get("project", {})
    if "format" not in project:
        raise TmError(name, "[project] format is missing", hint=f"add: format = {FORMAT}")
    if project["format"] > FORMAT or project["format"] < 1:
        raise TmError(
            name,
            f"format {project['format']}: this tmkit reads format {FORMAT} and older",
            hint="upgrade tmkit" if project["format"] > FORMAT else "formats start at 1",
        )
    languages, paths = data.get("languages", {}), data.get("paths", {})
    source = languages.get("source", SOURCE_LANGUAGE)
    target = languages.get("target", TARGET_LANGUAGE)
    check_languages(name, source, target)
    threshold = float(data.get("build", {}).get("flag-threshold", LOW_CONFIDENCE))
    if not 0.0 <= threshold <= 1.0:
        raise TmError(name, f"[build] flag-threshold {threshold} is not between 0 and 1")
    root = path.parent.resolve()
    texts, out = root / paths.get("texts", "texts"), root / paths.get("out", "out")
    for one, other in ((out, texts), (texts, out)):
        if one in (other, root) or one.is_relative_to(other):
            raise TmError(
                name,
                f"[paths] out ({project_path(out, root)}) and texts ({project_path(texts, root)}) "
                "must be two separate folders, neither inside the other nor the project itself",
                hint="tmkit build rewrites out/; the pairs in texts/ are yours",
            )
    spelling = data.get("normalize", {}).get("zwnj-spelling", SPELLINGS[0])
    if spelling not in SPELLINGS:
        raise TmError(
            name,
            f"[normalize] zwnj-spelling {spelling!r} is not one of {', '.join(SPELLINGS)}",
            hint='"common" (as most writers spell) or "academy" (the Academy\'s orthography)',
        )
    for key, value in data.get("tmx", {}).items():
        if any(not char.isprintable() for char in value):
            raise TmError(name, f"[tmx] {key} has a control character", hint="remove it")
    return Project(
        root=root,
        name=project.get("name", ""),
        source_language=source,
        target_language=target,
        texts=texts,
        glossary=_optional(root, paths.get("glossary", "glossary.xlsx")),
        segmentation=_optional(root, paths.get("segmentation", "")),
        out=out,
        flag_threshold=threshold,
        zwnj_spelling=spelling,
        conjectures=data.get("fixes", {}).get("conjectures", True),
        tmx=TmxSettings(**data.get("tmx", {})),
    )


def check_languages(name: str, source: str, target: str) -> None:
    """Raise unless *source* is Persian and *target* English (tmkit aligns fa with en), both
    valid BCP 47 tags (:func:`corpus.languages.is_language_tag`).

    :raises TmError: naming *name* (the file or option that gave them).
    """
    for key, tag, example in (("source", source, "fa-IR"), ("target", target, "en-GB")):
        if not is_language_tag(tag):
            raise TmError(
                name,
                f"[languages] {key} {tag!r} is not a BCP 47 language tag",
                hint=f"e.g. {example}",
            )
    if not is_persian(source):
        raise TmError(name, f"[languages] source {source!r} is not Persian", hint="e.g. fa-IR")
    if not is_english(target):
        raise TmError(name, f"[languages] target {target!r} is not English", hint="e.g. en-GB")


def project_toml(
    *,
    name: str = "",
    texts: str = "texts",
    glossary: str = "glossary.xlsx",
    segmentation: str = "",
    out: str = "out",
    target: str = TARGET_LANGUAGE,
) -> str:
    """The text of a new ``tmkit.toml``, every key written out with its meaning."""
    return f"""\
# A tmkit project: the document pairs, glossary and rules of one translation memory.
# Paths are relative to this file's folder. Every key is described in tmkit's docs/project.md.

[project]
# the version of this file's format
format = {FORMAT}
name = {toml_string(name)}

[languages]
# the documents' language (Persian) and the references' English variant
# (a pair's meta.toml may name another variant)
source = "{SOURCE_LANGUAGE}"
target = {toml_string(target)}

[paths]
# document pairs, one folder each (<texts>/<id>/, made by tmkit add)
texts = {toml_string(texts)}
# the glossary workbook ("" for none)
glossary = {toml_string(glossary)}
# SRX 2.0 segmentation rules ("" for tmkit's bundled rules)
segmentation = {toml_string(segmentation)}
# where tmkit build writes
out = {toml_string(out)}

[build]
# beads below this confidence are flagged: left out of the TMX, fuzzy in PO
flag-threshold = {LOW_CONFIDENCE}

[normalize]
# how a lost ZWNJ is restored in words Persian writes both ways (آنها or آن‌ها, کمتر or کم‌تر):
# "common", as most writers spell them, or "academy", the Academy of Persian Language's
# orthography
zwnj-spelling = "{SPELLINGS[0]}"

[fixes]
# apply the fixes of kind "conjecture" in a pair's fa.fixes.tsv (readings of garbled passages)
# with the corrections; false leaves the garbled text as received
conjectures = true

[tmx]
# the TMX header's creationtool, and who made the TM (the header's and each unit's creationid)
creationtool = "tmkit"
creationid = ""
"""


def _check_keys(name: str, data: dict) -> None:
    for section, values in data.items():
        known = _KEYS.get(section)
        if known is None:
            raise TmError(name, f"unknown section [{section}]", hint="known: " + ", ".join(_KEYS))
        if not isinstance(values, dict):
            raise TmError(name, f"{section} must be a section ([{section}])")
        for key, value in values.items():
            if key not in known:
                raise TmError(
                    name,
                    f"unknown key {key!r} in [{section}]",
                    hint="known: " + ", ".join(known),
                )
            wanted = known[key]
            if isinstance(value, bool) != (wanted is bool) or not isinstance(value, wanted):
                kind = "a number" if wanted == (int, float) else f"a {_type_name(wanted)}"
                raise TmError(name, f"[{section}] {key} must be {kind}, not {value!r}")


def _type_name(wanted: type | tuple[type, ...]) -> str:
    names = {str: "string", int: "whole number", bool: "boolean (true or false)"}
    return names.get(wanted, "value")  # type: ignore[arg-type]


def project_path(path: Path, root: Path) -> str:
    """*path* relative to *root* when it is below it (POSIX), else as it is."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def _optional(root: Path, value: str) -> Path | None:
    return root / value if value else None
