"""The document pairs bundled with tmkit (``corpus/texts/<doc-id>/``).

A folder holds ``fa.raw.txt`` (the source as received, never edited), optionally
``fa.fixes.tsv`` (reviewed corrections) and, once translated, ``en.txt``.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path


@dataclass(frozen=True)
class TextFolder:
    """One document pair's folder."""

    id: str
    folder: Path

    @property
    def raw(self) -> Path:
        return self.folder / "fa.raw.txt"

    @property
    def fixes(self) -> Path | None:
        path = self.folder / "fa.fixes.tsv"
        return path if path.exists() else None


def texts_root() -> Path:
    """The folder of the bundled document pairs."""
    return Path(str(resources.files("corpus").joinpath("texts")))


def bundled_texts(root: Path | None = None) -> list[TextFolder]:
    """Every document folder under *root* (default: the bundled ones), sorted by id."""
    root = root or texts_root()
    return [
        TextFolder(path.name, path)
        for path in sorted(root.iterdir())
        if (path / "fa.raw.txt").is_file()
    ]
