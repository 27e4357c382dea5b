"""An OmegaT project, ready to open: our source text, our TM auto-applied, our segmentation.

Format facts implemented (checked against OmegaT 3.6.0, Debian ``omegat 3.6.0.10``, by reading
its classes and by running ``--mode=console-translate`` on projects this module writes):

- ``omegat.project``: UTF-8 XML, root ``<omegat>`` holding ``<project version="1.0">``; the
  element order and 4-space indentation are those of OmegaT's own ``ProjectFileStorage``. Folders
  are ``__DEFAULT__`` (``source/``, ``target/``, ``tm/``, ``glossary/``, ``dictionary/``; the
  writable glossary is ``glossary/glossary.txt``). Languages are BCP 47 codes; tokenizers are
  class names (``org.omegat.tokenizer.LucenePersianTokenizer`` for Persian).
- ``omegat/segmentation.conf``: what OmegaT 3.6 reads for project-specific rules, a
  ``java.beans.XMLEncoder`` file holding one ``org.omegat.core.segmentation.SRX``: properties in
  alphabetical order (``includeEndingTags``, ``includeIsolatedTags``, ``includeStartingTags``,
  ``mappingRules``, ``segmentSubflows``, ``version``), the map rules as ``MapRule`` objects
  (``language`` = the SRX rule name, ``pattern``, ``rules``) and each rule as a ``Rule``
  (``afterbreak``, ``beforebreak``, ``breakRule``). OmegaT writes only properties that differ
  from a new object's; this module writes them all, which XMLDecoder reads the same way.
  ``version`` must be ``0.2.2``: an older one makes OmegaT merge its own default rules into
  ours, a missing one makes it drop ours. Strings escape ``& < > " '`` and CR as entities and
  characters XML cannot carry as ``<char code="#hex"/>``, as XMLEncoder does.
- OmegaT matches each map's ``pattern`` (a Java regex, whole string) against the project's
  language code (``FA-IR``) and always cascades: every matching map contributes its rules, in
  order. SRX rules without ``cascade="yes"`` are written so that only the first matching map
  applies (each later pattern excludes the earlier ones).
- ``omegat/segmentation.srx``: the same rules as SRX 2.0, for OmegaT 4 and later, which read
  project rules from it (not checked here); OmegaT 3.6 ignores the file (checked).
- ``tm/auto/``: OmegaT reads every ``.tmx`` under ``tm/`` (fuzzy matches) and, for those under
  ``tm/auto/``, fills untranslated segments with their exact matches when the project loads. A
  TM built from the project's own documents is meant to be applied, so by default it goes
  there and only there (a second copy in ``tm/`` would list every match twice).
- ``source/<name>.txt``: UTF-8 with LF line ends, paragraphs separated by blank lines (what
  ``tmkit clean`` prints). OmegaT's text filter detects a ``*.txt`` file's encoding
  (juniversalchardet), so Persian reads right even where Java's default charset is ASCII or
  windows-1252 (checked); the project needs no ``omegat/filters.xml``.
- ``source/``, ``target/``, ``glossary/`` and ``tm/`` must exist, or OmegaT refuses the
  project; ``dictionary/`` is created too, as OmegaT does for a new project.
- ``glossary/`` is created with a ``README.md`` (OmegaT reads only ``.txt``, ``.tab``,
  ``.utf8``, ``.csv`` and ``.tbx`` files there, so the note is not taken for a glossary).

Every file is written through a temporary file and ``os.replace``; writing the same project
twice gives identical bytes. Files this module does not write (``omegat/project_save.tmx``,
``target/``, a translator's glossary) are never touched.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Mapping
from pathlib import Path
from xml.sax.saxutils import escape

from corpus.atomic import atomic_output, write_atomic
from corpus.srx import Srx
from corpus.srxwrite import srx_bytes
from tm.errors import TmError
from tm.unit import SOURCE_LANGUAGE, TARGET_LANGUAGE

SRX_CONF_VERSION = "0.2.2"  # org.omegat.core.segmentation.SRX.CURRENT_VERSION in OmegaT 3.6
TOKENIZERS = {
    "ar": "org.omegat.tokenizer.LuceneArabicTokenizer",
    "de": "org.omegat.tokenizer.LuceneGermanTokenizer",
    "en": "org.omegat.tokenizer.LuceneEnglishTokenizer",
    "fa": "org.omegat.tokenizer.LucenePersianTokenizer",
    "fr": "org.omegat.tokenizer.LuceneFrenchTokenizer",
    "ru": "org.omegat.tokenizer.LuceneRussianTokenizer",
}
DEFAULT_TOKENIZER = "org.omegat.tokenizer.DefaultTokenizer"
# The SRX header tmkit writes (OmegaT's defaults too): segment subflows, and of the format
# tags around a break include the ending ones only.
SEGMENT_SUBFLOWS = True
INCLUDE_TAGS = {"start": False, "end": True, "isolated": False}
GLOSSARY_NOTE = (
    "Put glossaries here (tab-separated .txt or .utf8, .csv, .tbx); OmegaT shows their terms "
    "beside each segment.\n"
)
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
_SOURCE_NAME = re.compile(r"[^/\\\x00-\x1f]+")
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def segmentation_conf(srx: Srx) -> bytes:
    """Return *srx* as the ``omegat/segmentation.conf`` that OmegaT 3.6 reads (UTF-8 bytes).

    One ``MapRule`` a language map, in the maps' order, each with its rule list.

    >>> from corpus.srx import default_srx
    >>> segmentation_conf(default_srx()).startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    True
    """
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<java version="1.8.0" class="java.beans.XMLDecoder">',
        ' <object class="org.omegat.core.segmentation.SRX" id="SRX0">',
    ]
    lines += _property(2, "includeEndingTags", _boolean(INCLUDE_TAGS["end"]))
    lines += _property(2, "includeIsolatedTags", _boolean(INCLUDE_TAGS["isolated"]))
    lines += _property(2, "includeStartingTags", _boolean(INCLUDE_TAGS["start"]))
    lines.append('  <void property="mappingRules">')
    for pattern, name in zip(_map_patterns(srx), (name for _, name in srx.maps), strict=True):
        lines += [
            '   <void method="add">',
            '    <object class="org.omegat.core.segmentation.MapRule">',
            *_property(5, "language", _string(name)),
            *_property(5, "pattern", _string(pattern)),
            '     <void property="rules">',
            '      <object class="java.util.ArrayList">',
        ]
        for rule in srx.rules[name]:
            lines += [
                '       <void method="add">',
                '        <object class="org.omegat.core.segmentation.Rule">',
                *_property(9, "afterbreak", _string(rule.after)),
                *_property(9, "beforebreak", _string(rule.before)),
                *_property(9, "breakRule", _boolean(rule.breaks)),
                "        </object>",
                "       </void>",
            ]
        lines += ["      </object>", "     </void>", "    </object>", "   </void>"]
    lines.append("  </void>")
    lines += _property(2, "segmentSubflows", _boolean(SEGMENT_SUBFLOWS))
    lines += _property(2, "version", _string(SRX_CONF_VERSION))
    lines += [" </object>", "</java>", ""]
    return "\n".join(lines).encode("utf-8")


def _property(indent: int, name: str, value: str) -> list[str]:
    pad = " " * indent
    return [f'{pad}<void property="{name}">', f"{pad} {value}", f"{pad}</void>"]


def _boolean(value: bool) -> str:
    return f"<boolean>{'true' if value else 'false'}</boolean>"


def _string(text: str) -> str:
    quoted = escape(text, {'"': "&quot;", "'": "&apos;", "\r": "&#13;"})
    quoted = _NOT_XML.sub(lambda m: f'<char code="#{ord(m.group()):X}"/>', quoted)
    return f"<string>{quoted}</string>"


def _map_patterns(srx: Srx) -> list[str]:
    """The maps' patterns for OmegaT, which always cascades (see the module docstring)."""
    patterns = [pattern for pattern, _ in srx.maps]
    if srx.cascade:
        return patterns
    return [
        "".join(f"(?!(?:{earlier})$)" for earlier in patterns[:index]) + f"(?:{pattern})"
        for index, pattern in enumerate(patterns)
    ]


def project_file(
    srclang: str = SOURCE_LANGUAGE,
    tgtlang: str = TARGET_LANGUAGE,
    *,
    source_tokenizer: str | None = None,
    target_tokenizer: str | None = None,
) -> bytes:
    """Return ``omegat.project`` for a project in the standard layout (UTF-8 bytes).

    :param source_tokenizer: an OmegaT tokenizer class; by default the one for *srclang*
        (``LucenePersianTokenizer`` for Persian, ``LuceneEnglishTokenizer`` for English).
    :raises TmError: a language that is not a BCP 47 code.
    """
    for language in (srclang, tgtlang):
        if not _LANGUAGE.fullmatch(language):
            raise TmError(
                "omegat.project", f"bad language code {language!r}", hint="use e.g. fa-IR, en-US"
            )
    masks = ("**/.svn/**", "**/CVS/**", "**/.cvs/**", "**/desktop.ini", "**/Thumbs.db")
    rows = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
        "<omegat>",
        '    <project version="1.0">',
        "        <source_dir>__DEFAULT__</source_dir>",
        "        <source_dir_excludes>",
        *(f"            <mask>{mask}</mask>" for mask in (*masks, "**/.DS_Store")),
        "        </source_dir_excludes>",
        "        <target_dir>__DEFAULT__</target_dir>",
        "        <tm_dir>__DEFAULT__</tm_dir>",
        "        <glossary_dir>__DEFAULT__</glossary_dir>",
        "        <glossary_file>__DEFAULT__</glossary_file>",
        "        <dictionary_dir>__DEFAULT__</dictionary_dir>",
        f"        <source_lang>{srclang}</source_lang>",
        f"        <target_lang>{tgtlang}</target_lang>",
        f"        <source_tok>{escape(source_tokenizer or tokenizer(srclang))}</source_tok>",
        f"        <target_tok>{escape(target_tokenizer or tokenizer(tgtlang))}</target_tok>",
        "        <sentence_seg>true</sentence_seg>",
        "        <support_default_translations>true</support_default_translations>",
        "        <remove_tags>false</remove_tags>",
        "    </project>",
        "</omegat>",
        "",
    ]
    return "\n".join(rows).encode("utf-8")


def tokenizer(language: str) -> str:
    """The OmegaT tokenizer class for a BCP 47 *language* (OmegaT's generic one if unknown)."""
    return TOKENIZERS.get(language.split("-")[0].lower(), DEFAULT_TOKENIZER)


def write_omegat_project(
    out_dir: Path,
    sources: Mapping[str, str],
    tmx: Path,
    srx: Srx,
    *,
    srclang: str = SOURCE_LANGUAGE,
    tgtlang: str = TARGET_LANGUAGE,
    auto: bool = True,
) -> Path:
    """Write an OmegaT project into *out_dir*; return the project folder (what OmegaT opens).

    Writes ``omegat.project``, ``source/<name>.txt`` for each source text, the TMX (in
    ``tm/auto/`` so OmegaT fills exact matches, or in ``tm/`` when *auto* is false), an empty
    ``glossary/`` with a note, ``omegat/segmentation.conf`` (OmegaT 3.6),
    ``omegat/segmentation.srx`` (OmegaT 4 and later), and empty ``target/`` and ``dictionary/``.
    Rewriting the same project gives identical bytes; other files are left alone.

    >>> from corpus.srx import default_srx
    >>> write_omegat_project(Path("out/omegat"), {"article": "سلام."}, Path("out/tm.tmx"),
    ...                      default_srx())  # doctest: +SKIP
    PosixPath('out/omegat')

    :param sources: source file name (without ``.txt``) → the cleaned source text, as
        :func:`corpus.render.document_text` gives it.
    :param tmx: the TMX to carry; copied under its own file name.
    :raises TmError: a source name that is not a plain file name, a missing TMX, a bad
        language code.
    """
    out_dir = Path(out_dir)
    names = list(sources)
    for name in names:
        if not _SOURCE_NAME.fullmatch(name) or name in {".", ".."}:
            raise TmError(
                str(out_dir / "source"),
                f"bad source name {name!r}",
                hint="a file name without folders, e.g. caucasus-oil-policy",
            )
    if not Path(tmx).is_file():
        raise TmError(str(tmx), "no such TMX file", hint="build the TM first (tmkit build)")
    project = project_file(srclang, tgtlang)
    _write(out_dir / "omegat.project", project)
    for name in names:
        _write(out_dir / "source" / f"{name}.txt", _lf(sources[name]).encode("utf-8"))
    _copy(Path(tmx), out_dir / "tm" / ("auto" if auto else "") / Path(tmx).name)
    _write(out_dir / "glossary" / "README.md", GLOSSARY_NOTE.encode("utf-8"))
    _write(out_dir / "omegat" / "segmentation.conf", segmentation_conf(srx))
    _write(out_dir / "omegat" / "segmentation.srx", srx_bytes(srx))
    for folder in ("target", "dictionary"):
        (out_dir / folder).mkdir(parents=True, exist_ok=True)
    return out_dir


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _write(path: Path, data: bytes) -> None:
    write_atomic(path, data, unless_same=True)


def _copy(source: Path, path: Path) -> None:
    """Copy *source* to *path* (streamed), atomically."""
    with atomic_output(path, binary=True) as out, source.open("rb") as data:
        shutil.copyfileobj(data, out)
