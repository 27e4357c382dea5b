"""Document pairs on disk: one folder each (``<texts>/<doc-id>/``).

A folder holds the Persian source as received, never edited (``fa.raw.txt``, or
``fa.raw.docx``, ``fa.raw.md``, ``fa.raw.html`` …), optionally ``fa.fixes.tsv`` (reviewed
corrections), the English reference translation (``en.txt``, ``en.docx`` …), ``gold.tsv`` (a
hand-checked sentence alignment), ``reviewed.json`` (beads a reviewer confirmed or corrected,
:mod:`corpus.reviewed`) and ``meta.toml`` (title, languages, provenance). The bundled
example pair lives in the package (``corpus/texts/``); a project names its own folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path

from corpus.errors import CorpusError
from corpus.tomlfile import read_toml

SOURCE_STEM, TARGET_STEM = "fa.raw", "en"


@dataclass(frozen=True)
class TextFolder:
    """One document pair's folder."""

    id: str
    folder: Path

    @property
    def raw(self) -> Path:
        """The Persian source file (``fa.raw.<suffix>``).

        :raises CorpusError: the folder has none, or two (``fa.raw.txt`` and ``fa.raw.docx``).
        """
        found = _document(self.folder, SOURCE_STEM)
        if found is None:
            raise CorpusError(str(self.folder), f"no {SOURCE_STEM}.* source document")
        return found

    @property
    def fixes(self) -> Path | None:
        return self._optional("fa.fixes.tsv")

    @property
    def english(self) -> Path | None:
        """The English reference (``en.<suffix>``), or None when the pair has none yet."""
        return _document(self.folder, TARGET_STEM)

    @property
    def gold(self) -> Path | None:
        return self._optional("gold.tsv")

    @property
    def reviewed(self) -> Path | None:
        """The reviewer's decisions on the pair's beads (``reviewed.json``,
        :mod:`corpus.reviewed`; ``tmkit review apply`` writes it), or None."""
        from corpus.reviewed import FILE_NAME

        return self._optional(FILE_NAME)

    @cached_property
    def meta(self) -> dict:
        """``meta.toml`` as a dict (empty when the folder has none).

        :raises CorpusError: the file is not valid TOML (with its line).
        """
        path = self._optional("meta.toml")
        return read_toml(path) if path else {}

    def target_language(self, default: str = "en-US") -> str:
        """The English variant of the reference (``[target] language`` in meta.toml)."""
        return self.meta.get("target", {}).get("language", default)

    def zwnj_spelling(self, default: str = "common") -> str:
        """How the source spells words Persian writes both ways, where a lost ZWNJ is restored
        (``[source] zwnj-spelling`` in meta.toml: ``common`` or ``academy``;
        :func:`corpus.zwnj.restore`).

        :raises CorpusError: another value.
        """
        from corpus.zwnj import SPELLINGS

        spelling = self.meta.get("source", {}).get("zwnj-spelling", default)
        if spelling not in SPELLINGS:
            raise CorpusError(
                str(self.folder / "meta.toml"),
                f"[source] zwnj-spelling {spelling!r} is not one of {', '.join(SPELLINGS)}",
            )
        return spelling

    def inputs(self) -> list[Path]:
        """The files a build reads for this pair (source, fixes, English, meta, reviewed
        beads), in order."""
        paths = [self.raw, self.fixes, self.english, self._optional("meta.toml"), self.reviewed]
        return [path for path in paths if path is not None]

    def _optional(self, name: str) -> Path | None:
        path = self.folder / name
        return path if path.exists() else None


def texts_root() -> Path:
    """The folder of the document pairs bundled with tmkit (the example)."""
    return Path(str(resources.files("corpus").joinpath("texts")))


def text_folders(root: Path) -> list[TextFolder]:
    """Every document pair folder under *root* (one with a ``fa.raw.*`` file), sorted by id.

    :raises CorpusError: a pair folder whose name has a space or a control character (the id
        goes into unit ids and PO references, which such a character would split), or two
        whose names differ only in case.
    """
    pairs = [
        TextFolder(path.name, path)
        for path in sorted(root.iterdir())
        if path.is_dir() and not path.name.startswith(".") and any(path.glob(f"{SOURCE_STEM}.*"))
    ]
    seen: dict[str, str] = {}
    for pair in pairs:
        other = seen.setdefault(pair.id.casefold(), pair.id)
        if other != pair.id:
            raise CorpusError(
                str(pair.folder),
                f"two pairs' ids differ only in case ({other}, {pair.id})",
                hint="rename one: on Windows and macOS they are the same folder",
            )
        if any(char.isspace() or not char.isprintable() for char in pair.id):
            raise CorpusError(
                str(pair.folder),
                "a pair's folder name is its id and may not hold a space",
                hint="rename it, e.g. with '-' for the spaces",
            )
    return pairs


def bundled_texts() -> list[TextFolder]:
    """The example document pairs shipped with tmkit."""
    return text_folders(texts_root())


def _document(folder: Path, stem: str) -> Path | None:
    from corpus.readers import SUFFIXES

    found = sorted(
        path
        for path in folder.glob(f"{stem}.*")
        if path.suffix.lower() in SUFFIXES and path.stem == stem
    )
    if len(found) > 1:
        names = ", ".join(path.name for path in found)
        raise CorpusError(str(folder), f"two documents for one side: {names}", hint="keep one")
    return found[0] if found else None
