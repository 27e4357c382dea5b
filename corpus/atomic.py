"""Atomic writes: a temporary file beside the target, renamed onto it only when complete.

A crash, a full disk or a bad unit mid-way never leaves a half-written TMX, PO or glossary; the
target keeps its old content and its permissions (a new file gets 0666 less the umask).

Refused before anything is written, as one-line :class:`~corpus.errors.CorpusError`:

- a target that exists and is read-only: no write permission bit for anyone (decided by the
  mode bits, so also for root, whom ``os.access`` always lets write), or one the current user
  may not write. Renaming a new file onto it would replace it silently;
- a target that is a folder;
- a folder that cannot be made or written (permission denied, a read-only file system, a
  part of the path that is a file), naming the folder and the reason.

An error while finishing the file (a full disk on the last write, the rename) is one line too,
and the target is left as it was.

A file the running command reads, or must not change (registered with :func:`protected`), is
refused as a target too, whatever path names it (a symlink, a hard link, ``./``): writing
``tmkit merge a.tmx -o a.tmx`` would replace the input it is still reading.

A symlink is written through: its target file is replaced atomically and the link is kept. A
target that exists and is not a regular file (a character or block device such as
``/dev/null``, a FIFO, a socket) is written to directly, with no temporary file and no rename,
so it is never replaced by a regular file.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

from corpus.errors import CorpusError

READ_ONLY_HINT = "make it writable with chmod u+w, or write elsewhere"
FOLDER_HINT = "write elsewhere, or make the folder writable"


@contextmanager
def atomic_output(
    path: Path, binary: bool = False, *, error: type[CorpusError] = CorpusError
) -> Iterator[IO]:
    """Yield a stream (UTF-8 text with ``\\n`` line ends, or bytes) that replaces *path* on exit.

    :param error: the type of the errors raised (a writer's own, e.g. ``GlossaryError``).
    :raises CorpusError: *path* is read-only or a folder, or its folder cannot be made or
        written (before anything is written); finishing the file failed (the target is kept).
    """
    path = _through_links(Path(path))
    check_writable(path, error=error)
    if _is_special(path):
        yield from _direct_output(path, binary, error)
        return
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise _folder_error(error, folder, "cannot create this folder", err) from err
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.")
    except OSError as err:
        raise _folder_error(error, folder, "cannot write in this folder", err) from err
    try:
        try:
            os.chmod(temporary, _mode(path))
            out = os.fdopen(handle, "wb") if binary else _text_stream(handle)
        except OSError as err:
            os.close(handle)
            raise _folder_error(error, folder, "cannot write in this folder", err) from err
        with out:
            yield out
            try:
                out.flush()
            except OSError as err:
                raise error(str(path), f"cannot write: {reason(err)}") from err
        try:
            os.replace(temporary, path)
        except OSError as err:
            raise error(str(path), f"cannot replace the file: {reason(err)}") from err
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


_PROTECTED: dict[tuple[int, int], tuple[str, str]] = {}  # (device, inode) → (why, hint)


@contextmanager
def protected(
    paths: Iterable[Path | str], why: str, hint: str = "write to another file"
) -> Iterator[None]:
    """While in this context, refuse to write over any of *paths* that is a regular file.

    Files are known by device and inode, so any name for one (a symlink, a hard link, a
    relative path) is refused; a path that is missing or not a regular file is ignored.

    :param why: what the files are, for the error (``is an input of this command``).
    :param hint: what to do instead, for the error.
    """
    added = []
    for path in paths:
        key = _identity(Path(path))
        if key is not None and key not in _PROTECTED:
            _PROTECTED[key] = (why, hint)
            added.append(key)
    try:
        yield
    finally:
        for key in added:
            del _PROTECTED[key]


def _identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the regular file *path* leads to, or None."""
    try:
        info = path.stat()
    except (OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino) if stat.S_ISREG(info.st_mode) else None


def write_atomic(
    path: Path,
    data: str | bytes,
    *,
    error: type[CorpusError] = CorpusError,
    unless_same: bool = False,
) -> None:
    """Write *data* (text as UTF-8) to *path* atomically.

    :param unless_same: leave *path* alone when it holds *data* already (a rebuild that
        changes few files then rewrites few).
    :raises CorpusError: as :func:`atomic_output`, and for a failed write (a full disk).
    """
    if unless_same and not _is_special(_through_links(Path(path))):
        with suppress(OSError):
            encoded = data.encode("utf-8") if isinstance(data, str) else data
            if Path(path).read_bytes() == encoded:
                return
    with atomic_output(path, binary=isinstance(data, bytes), error=error) as out:
        try:
            out.write(data)
        except OSError as err:
            raise error(str(path), f"cannot write: {reason(err)}") from err


def check_writable(path: Path, *, error: type[CorpusError] = CorpusError) -> None:
    """Raise unless *path* can be written by :func:`atomic_output` (a missing file can).

    Checks the target only; its folder is checked when the file is written. A writer of
    several files can call it for each of them before writing any.

    :raises CorpusError: *path* is a read-only file, a folder or a :func:`protected` file.
    """
    path = Path(path)
    try:
        info = path.stat()
    except OSError:
        return  # missing (or unreachable: the folder check names the reason)
    kept = _PROTECTED.get((info.st_dev, info.st_ino)) if stat.S_ISREG(info.st_mode) else None
    if kept is not None:
        raise error(str(path), f"{kept[0]}: not written over", hint=kept[1])
    if stat.S_ISDIR(info.st_mode):
        raise error(str(path), "is a folder, not a file", hint="give a file name")
    if not info.st_mode & 0o222 or not os.access(path, os.W_OK):
        raise error(str(path), "file is read-only", hint=READ_ONLY_HINT)


def _through_links(path: Path) -> Path:
    """*path* with its symlinks followed (the file they lead to, existing or not)."""
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def _is_special(path: Path) -> bool:
    """True for a path that exists and is neither a regular file nor a folder (a device, a
    FIFO, a socket): written to in place, never replaced."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _direct_output(path: Path, binary: bool, error: type[CorpusError]) -> Iterator[IO]:
    """Write straight into a device or FIFO; errors (``/dev/full``) are one line."""
    try:
        handle = os.open(path, os.O_WRONLY)
    except OSError as err:
        raise error(str(path), f"cannot write: {reason(err)}") from err
    out = os.fdopen(handle, "wb") if binary else _text_stream(handle)
    try:
        yield out
        out.flush()
    except OSError as err:
        raise error(str(path), f"cannot write: {reason(err)}") from err
    finally:
        with suppress(OSError):
            out.close()


def _text_stream(handle: int) -> IO:
    return os.fdopen(handle, "w", encoding="utf-8", newline="\n")


def _folder_error(error: type[CorpusError], folder: Path, what: str, err: OSError) -> CorpusError:
    """One line naming the folder (or the file in its path) and the reason, in plain words."""
    if err.errno in (errno.ENOTDIR, errno.EEXIST):
        blocker = next((p for p in (folder, *folder.parents) if p.is_file()), None)
        if blocker is not None:
            which = "it is a file" if blocker == folder else f"{blocker} is a file"
            return error(
                str(folder),
                "cannot write in this folder: not a directory",
                hint=f"{which}; write elsewhere, or move the file away",
            )
    return error(str(folder), f"{what}: {reason(err)}", hint=FOLDER_HINT)


def reason(err: OSError) -> str:
    """``permission denied``, ``read-only file system`` …: the system's words, lower case."""
    text = err.strerror or str(err) or type(err).__name__
    return text[:1].lower() + text[1:]


def _mode(path: Path) -> int:
    if path.exists():
        return stat.S_IMODE(path.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
