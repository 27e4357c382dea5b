"""Atomic writes: a temporary file beside the target, renamed onto it only when complete.

A crash, a full disk or a bad unit mid-way never leaves a half-written TMX, PO or glossary; the
target keeps its old content and its permissions (a new file gets 0666 less the umask).
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO


@contextmanager
def atomic_output(path: Path, binary: bool = False) -> Iterator[IO]:
    """Yield a stream (UTF-8 text with ``\\n`` line ends, or bytes) that replaces *path* on exit.

    :raises OSError: the folder cannot be written.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        os.chmod(temporary, _mode(path))
        if binary:
            with os.fdopen(handle, "wb") as out:
                yield out
        else:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
                yield out
        os.replace(temporary, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write *data* (text as UTF-8) to *path* atomically."""
    with atomic_output(path, binary=isinstance(data, bytes)) as out:
        out.write(data)


def _mode(path: Path) -> int:
    if path.exists():
        return stat.S_IMODE(path.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
