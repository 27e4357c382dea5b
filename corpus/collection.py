"""The document pairs bundled with tmkit (``corpus/texts/<doc-id>/``).

A folder holds ``fa.raw.txt`` (the source as received, never edited), optionally
``fa.fixes.tsv`` (reviewed corrections), ``en.txt`` (the English reference translation),
``gold.tsv`` (its hand-checked sentence alignment) and ``meta.toml`` (title, languages,
provenance).
"""

from __future__ import annotations

import tomllib
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
        return self._optional("fa.fixes.tsv")

    @property
    def english(self) -> Path | None:
        return self._optional("en.txt")

    @property
    def gold(self) -> Path | None:
        return self._optional("gold.tsv")

    @property
    def meta(self) -> dict:
        """``meta.toml`` as a dict (empty when the folder has none)."""
        path = self._optional("meta.toml")
        return tomllib.loads(path.read_text(encoding="utf-8")) if path else {}

    @property
    def target_language(self) -> str:
        """The English variant of the reference translation (``meta.toml``), e.g. ``en-GB``."""
        return self.meta.get("target", {}).get("language", "en-US")

    def _optional(self, name: str) -> Path | None:
        path = self.folder / name
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
