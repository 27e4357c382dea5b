"""The glossary's commands (``tmkit glossary …``, ``tmkit check``), added to tmkit's parser.

Each entry is (name, run, add-options, summary, example), as in :mod:`tm.cli`.
"""

from __future__ import annotations

from collections.abc import Callable


def glossary_commands() -> list[tuple[str, Callable, Callable, str, str]]:
    """The glossary's commands for :mod:`tm.cli` (filled in as they are built)."""
    return []
