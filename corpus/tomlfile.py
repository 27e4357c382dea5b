"""Read a TOML file (``tmkit.toml``, a pair's ``meta.toml``) with one-line errors; quote a
string for one."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from corpus.errors import CorpusError

_POSITION = re.compile(r" \(at line (\d+), column (\d+)\)$")


def read_toml(path: Path, error: type[CorpusError] = CorpusError) -> dict:
    """Parse the TOML file at *path* (TOML 1.0, :mod:`tomllib`).

    :raises CorpusError: (or *error*) the file cannot be read, is not UTF-8, or is not TOML:
        ``path:line:column: not valid TOML: …``.
    """
    name = str(path)
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except OSError as err:
        raise error(name, f"cannot read ({err.strerror})") from err
    except UnicodeDecodeError as err:
        raise error(name, "not UTF-8", hint="save the file as UTF-8") from err
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        message = str(err)
        found = _POSITION.search(message)
        line, column = (int(found.group(1)), int(found.group(2))) if found else (None, None)
        message = _POSITION.sub("", message).replace(" (at end of document)", " at the end")
        raise error(name, f"not valid TOML: {message}", line=line, column=column) from err


def toml_string(value: str) -> str:
    """*value* as a TOML basic string: quotes, backslashes and unprintable characters (ZWNJ
    in a Persian file name, control characters) escaped (TOML 1.0, "Basic strings")."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(c if c.isprintable() else _escape(c) for c in escaped) + '"'


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
