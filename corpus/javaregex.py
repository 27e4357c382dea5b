"""Java regular expressions (``java.util.regex``) translated for Python's ``regex`` module.

SRX files from CAT tools (OmegaT, Okapi, LanguageTool, memoQ) are written in Java's syntax.
:func:`translate` turns such a pattern into an equivalent pattern for ``regex`` compiled with
``regex.VERSION1`` (the version with set operations). What it handles, with Java's meaning:

- ``\\Q…\\E`` quoting, inside and outside character classes;
- classes with nested classes (union), intersection ``&&`` (``[\\p{Lu}&&[^I]]``,
  ``[a-z&&[^aeiou]]``), a leading ``^`` negating the whole class (JDK 9 and later);
- ``\\p{…}``/``\\P{…}``/``\\pL``: general categories (``L``, ``Lu``, ``IsLu``, ``gc=Lu``,
  ``LC``, ``LD``, ``L1``), scripts (``IsLatin``, ``sc=Latin``), blocks (``InArabic``,
  ``blk=Arabic``), binary properties (``IsAlphabetic``, ``IsWhite_Space``), POSIX classes
  (``Lower``, ``Punct``…: ASCII only, as in Java without ``(?U)``) and ``java…`` classes
  (``javaLowerCase``, ``javaWhitespace``…);
- ``\\d \\w \\s`` and their negations are ASCII unless ``(?U)``, as in Java; ``\\b`` is
  JDK 8–18's (letters, digits, ``_`` and the marks on them; not ZWNJ); ``.`` excludes
  every Java line terminator unless ``(?s)`` (only ``\\n`` under ``(?d)``);
- ``\\b{g}`` (JDK 9: a grapheme cluster boundary, the regex module's ``\\X`` clusters),
  ``\\h \\H \\v \\V \\R \\X``, ``\\z \\Z``, ``\\t \\n \\r \\f \\a \\e \\cX``, ``\\N{name}``,
  octal ``\\0ooo``, ``\\xhh``, ``\\x{h…h}``, ``\\uhhhh`` (surrogate pairs joined), ``\\k<name>``;
- embedded flags ``(?idmsuxU-…)`` and ``(?flags:…)``, scoped to their group as in Java:
  ``(?i)`` alone folds ASCII letters only, ``(?iu)`` folds all (``u`` is Java's
  UNICODE_CASE); ``(?x)`` whitespace and comments are dropped here;
- greedy, reluctant and possessive quantifiers, atomic groups, lookaround, named groups
  (the ``regex`` module has the same syntax for these).

Anything else raises :class:`JavaRegexError` with the offset in the pattern. Character data
are the ``regex`` module's Unicode version, newer than JDK 17's (Unicode 13): characters
assigned since then are in their classes here and in none in Java.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace

import regex

LINE_TERMINATORS = "\n\r\u0085\u2028\u2029"
ASCII_CLASSES = {
    "d": "[0-9]",
    "w": "[a-zA-Z_0-9]",
    "s": "[\\x20\\t\\n\\x0B\\f\\r]",
}
UNICODE_CLASSES = {
    "d": "\\p{Nd}",
    "w": "[\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\u200C\\u200D]",
    "s": "\\p{White_Space}",
}
# Java's \b (JDK 8 to 18): a word character is a letter, a decimal digit or _, and a
# non-spacing mark after one; ZWNJ is not (the regex module's \b counts it as a word character)
_LEFT = "(?<=[\\p{L}\\p{Nd}_]\\p{Mn}*)"
_RIGHT = "(?:(?=[\\p{L}\\p{Nd}_])|(?=\\p{Mn})(?<=[\\p{L}\\p{Nd}_]\\p{Mn}*))"
WORD_BOUNDARY = f"(?:{_LEFT}(?!{_RIGHT})|(?!{_LEFT}){_RIGHT})"
NOT_WORD_BOUNDARY = f"(?:{_LEFT}{_RIGHT}|(?!{_LEFT})(?!{_RIGHT}))"
# Java 9's \b{g}: an extended grapheme cluster boundary (UAX #29), the start of the text or
# the end of a cluster (the regex module's \X, matched backwards in the look-behind)
GRAPHEME_BOUNDARY = "(?:\\A|(?<=\\X))"
HORIZONTAL = "[\\x20\\t\\xA0\\u1680\\u180E\\u2000-\\u200A\\u202F\\u205F\\u3000]"
VERTICAL = "[\\n\\x0B\\f\\r\\x85\\u2028\\u2029]"
POSIX = {
    "Lower": "[a-z]",
    "Upper": "[A-Z]",
    "ASCII": "[\\x00-\\x7F]",
    "Alpha": "[a-zA-Z]",
    "Digit": "[0-9]",
    "Alnum": "[a-zA-Z0-9]",
    "Punct": "[!-/:-@\\[-`{-~]",
    "Graph": "[!-~]",
    "Print": "[\\x20-~]",
    "Blank": "[\\x20\\t]",
    "Cntrl": "[\\x00-\\x1F\\x7F]",
    "XDigit": "[0-9a-fA-F]",
    "Space": "[\\x20\\t\\n\\x0B\\f\\r]",
}
POSIX_UNICODE = {
    "Lower": "\\p{Lowercase}",
    "Upper": "\\p{Uppercase}",
    "ASCII": "[\\x00-\\x7F]",
    "Alpha": "\\p{Alphabetic}",
    "Digit": "\\p{Nd}",
    "Alnum": "[\\p{Alphabetic}\\p{Nd}]",
    "Punct": "\\p{P}",
    "Blank": "[\\p{Zs}\\t]",
    "Cntrl": "\\p{Cc}",
    "XDigit": "[\\p{Nd}\\p{Hex_Digit}]",
    "Space": "\\p{White_Space}",
}
JAVA_CLASSES = {
    "javaLowerCase": "\\p{Lowercase}",
    "javaUpperCase": "\\p{Uppercase}",
    "javaTitleCase": "\\p{Lt}",
    "javaAlphabetic": "\\p{Alphabetic}",
    "javaIdeographic": "\\p{Ideographic}",
    "javaLetter": "\\p{L}",
    "javaDigit": "\\p{Nd}",
    "javaLetterOrDigit": "[\\p{L}\\p{Nd}]",
    "javaDefined": "\\P{Cn}",
    "javaSpaceChar": "\\p{Z}",
    "javaWhitespace": "[[\\t-\\r\\x1C-\\x1F\\p{Zs}\\u2028\\u2029]--[\\xA0\\u2007\\u202F]]",
    "javaISOControl": "[\\x00-\\x1F\\x7F-\\x9F]",
    "javaMirrored": "\\p{Bidi_Mirrored}",
    "javaIdentifierIgnorable": "[\\x00-\\x08\\x0E-\\x1B\\x7F-\\x9F\\p{Cf}]",
    "javaJavaIdentifierStart": "[\\p{L}\\p{Nl}\\p{Sc}\\p{Pc}]",
    "javaJavaIdentifierPart": (
        "[\\p{L}\\p{Nl}\\p{Sc}\\p{Pc}\\p{Nd}\\p{Mn}\\p{Mc}\\x00-\\x08\\x0E-\\x1B\\x7F-\\x9F\\p{Cf}]"
    ),
    "javaUnicodeIdentifierStart": "[\\p{ID_Start}\\u2E2F]",
    "javaUnicodeIdentifierPart": (
        "[\\p{ID_Continue}\\u2E2F\\x00-\\x08\\x0E-\\x1B\\x7F-\\x9F\\p{Cf}]"
    ),
}
CATEGORIES = frozenset(
    ("Cn", "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Me", "Mc", "Nd", "Nl", "No", "Zs", "Zl", "Zp",
     "Cc", "Cf", "Co", "Cs", "Pd", "Ps", "Pe", "Pc", "Po", "Sm", "Sc", "Sk", "So", "Pi", "Pf",
     "L", "M", "N", "Z", "C", "P", "S")
)  # fmt: skip
CASE_PROPERTIES = frozenset(
    ("Lu", "Ll", "Lt", "IsLu", "IsLl", "IsLt", "Lower", "Upper", "javaLowerCase",
     "javaUpperCase", "IsLowercase", "IsUppercase")
)  # fmt: skip
SPECIAL_CATEGORIES = {
    "LC": "[\\p{Lu}\\p{Ll}\\p{Lt}]",
    "LD": "[\\p{L}\\p{Nd}]",
    "L1": "[\\x00-\\xFF]",
}
BINARY = {
    "alphabetic": "Alphabetic",
    "ideographic": "Ideographic",
    "letter": "L",
    "lowercase": "Lowercase",
    "uppercase": "Uppercase",
    "titlecase": "Lt",
    "punctuation": "P",
    "control": "Cc",
    "white_space": "White_Space",
    "whitespace": "White_Space",
    "digit": "Nd",
    "hex_digit": "Hex_Digit",
    "hexdigit": "Hex_Digit",
    "join_control": "Join_Control",
    "joincontrol": "Join_Control",
    "noncharacter_code_point": "Noncharacter_Code_Point",
    "noncharactercodepoint": "Noncharacter_Code_Point",
    "emoji": "Emoji",
}


class JavaRegexError(ValueError):
    """A Java regex that cannot be translated (or is not valid Java)."""

    def __init__(self, message: str, pattern: str, position: int) -> None:
        self.message = message
        self.pattern = pattern
        self.position = position
        super().__init__(f"{message} at position {position} of Java regex {pattern!r}")


@dataclass(frozen=True)
class _Flags:
    i: bool = False
    u: bool = False
    x: bool = False
    s: bool = False
    m: bool = False
    d: bool = False
    U: bool = False

    def update(self, on: str, off: str) -> _Flags:
        changes = {f: True for f in on} | {f: False for f in off}
        if changes.get("U"):
            changes["u"] = True
        return replace(self, **changes)


def translate(pattern: str) -> str:
    r"""Return *pattern* (Java syntax) as a pattern for ``regex`` with ``regex.VERSION1``.

    >>> translate(r"\s[\p{Lu}&&[^I]]\.")
    '(?-f)[\\x20\\t\\n\\x0B\\f\\r][[\\p{Lu}]&&[[^I]]]\\.'
    """
    out, _ = _Translator(pattern).sequence(0, _Flags(), top=True)
    return "(?-f)" + out if out else out


def compile_java(pattern: str) -> regex.Pattern:
    """Compile a Java regex with the ``regex`` module (see :func:`translate`)."""
    translated = translate(pattern)
    try:
        return regex.compile(translated, regex.VERSION1)
    except regex.error as err:
        raise JavaRegexError(f"not valid ({err})", pattern, err.pos or 0) from err


def _line_start(flags: _Flags) -> str:
    """Java's ^: the start, and with (?m) after a line terminator (not inside \\r\\n, not at
    the end)."""
    if not flags.m:
        return "\\A"
    if flags.d:
        return "(?:\\A|(?<=\\n)(?!\\Z))"
    return "(?:\\A|(?<=[\\n\\r\\u0085\\u2028\\u2029])(?!(?<=\\r)\\n)(?!\\Z))"


def _line_end(flags: _Flags) -> str:
    """Java's $: the end or before a final line terminator, with (?m) before any; never
    between \\r and \\n."""
    if flags.d:
        return "(?=\\n|\\Z)" if flags.m else "(?=\\n?\\Z)"
    if flags.m:
        return "(?=[\\n\\r\\u0085\\u2028\\u2029]|\\Z)(?!(?<=\\r)\\n)"
    return "(?=(?:\\r\\n|[\\n\\r\\u0085\\u2028\\u2029])?\\Z)(?!(?<=\\r)\\n)"


def _negated(text: str) -> str:
    """The complement of a set written as ``[…]``, ``\\p{…}`` or ``\\P{…}``."""
    if text.startswith("[^"):
        return "[" + text[2:]
    if text.startswith("["):
        return "[^" + text[1:]
    return ("\\P" if text.startswith("\\p") else "\\p") + text[2:]


def _literal(char: str, in_set: bool = False) -> str:
    code = ord(char)
    if char.isascii() and char.isalnum():
        return char
    if code < 0x21 or code == 0x7F:
        return f"\\x{code:02X}"
    if char.isascii():
        return "\\" + char
    if code > 0xFFFF:
        return f"\\U{code:08X}"
    return f"\\u{code:04X}" if not char.isprintable() or in_set else char


def _swapped_ascii(lo: int, hi: int) -> list[tuple[int, int]]:
    """ASCII case variants of the letters in lo..hi, as ranges."""
    ranges = []
    for first, last, shift in ((0x61, 0x7A, -32), (0x41, 0x5A, 32)):
        a, b = max(lo, first), min(hi, last)
        if a <= b:
            ranges.append((a + shift, b + shift))
    return ranges


def _range_text(lo: int, hi: int) -> str:
    if lo == hi:
        return _literal(chr(lo), True)
    return f"{_literal(chr(lo), True)}-{_literal(chr(hi), True)}"


class _Translator:
    def __init__(self, pattern: str) -> None:
        self.p = pattern

    def error(self, message: str, position: int) -> JavaRegexError:
        return JavaRegexError(message, self.p, position)

    # --- outside classes -------------------------------------------------------------

    def sequence(self, i: int, flags: _Flags, top: bool = False) -> tuple[str, int]:
        p, out = self.p, []
        while i < len(p):
            c = p[i]
            if flags.x and c in " \t\n\x0b\f\r":
                i += 1
            elif flags.x and c == "#":
                while i < len(p) and p[i] not in LINE_TERMINATORS:
                    i += 1
            elif c == ")":
                if top:
                    raise self.error("unmatched )", i)
                return "".join(out), i
            elif c == "(":
                text, i, flags = self.group(i, flags)
                out.append(text)
            elif c == "[":
                text, i = self.char_class(i, flags)
                out.append(self.cased_set(text, flags))
            elif c == "\\":
                text, i = self.escape(i, flags)
                out.append(text)
            elif c == ".":
                if flags.s:
                    out.append("(?s:.)")
                elif flags.d:
                    out.append("[^\\n]")
                else:
                    out.append("[^\\n\\r\\u0085\\u2028\\u2029]")
                i += 1
            elif c == "^":
                out.append(_line_start(flags))
                i += 1
            elif c == "$":
                out.append(_line_end(flags))
                i += 1
            elif c == "|":
                out.append(c)
                i += 1
            elif c in "*+?":
                i = self.quantifier(i, i + 1, out)
            elif c == "{":
                close = p.find("}", i)
                body = p[i + 1 : close] if close > 0 else ""
                if not regex.fullmatch(r"[0-9]+(?:,[0-9]*)?", body):
                    raise self.error("bad repetition {", i)
                i = self.quantifier(i, close + 1, out)
            else:
                out.append(self.char(c, flags))
                i += 1
        if not top:
            raise self.error("unclosed group", i)
        return "".join(out), i

    def quantifier(self, start: int, end: int, out: list[str]) -> int:
        last = out[-1] if out else ""
        if last in ("|", "") or regex.fullmatch(r"\(\?-?i\)", last):
            raise self.error("dangling quantifier", start)
        if end < len(self.p) and self.p[end] in "?+":
            end += 1
        out.append(self.p[start:end])
        return end

    def char(self, c: str, flags: _Flags) -> str:
        text = _literal(c)
        if flags.i and not flags.u and not c.isascii() and c.lower() + c.upper() != c + c:
            return f"(?-i:{text})"
        return text

    def cased_set(self, text: str, flags: _Flags) -> str:
        """A set under (?i) without (?u) folds ASCII only: its variants are already added."""
        return f"(?-i:{text})" if flags.i and not flags.u else text

    def group(self, i: int, flags: _Flags) -> tuple[str, int, _Flags]:
        p = self.p
        if p.startswith("(?", i):
            for opener in ("(?:", "(?=", "(?!", "(?<=", "(?<!", "(?>"):
                if p.startswith(opener, i):
                    body, end = self.sequence(i + len(opener), flags)
                    return f"{opener}{body})", end + 1, flags
            named = regex.match(r"\(\?<([a-zA-Z][a-zA-Z0-9]*)>", p[i:])
            if named:
                body, end = self.sequence(i + named.end(), flags)
                return f"(?P<{named[1]}>{body})", end + 1, flags
            inline = regex.match(r"\(\?([idmsuxU]*)(?:-([idmsuxU]*))?([:)])", p[i:])
            if not inline:
                raise self.error("unknown group construct", i)
            new = flags.update(inline[1], inline[2] or "")
            mode = self.case_mode(new)
            if inline[3] == ")":
                return mode, i + inline.end(), new
            body, end = self.sequence(i + inline.end(), new)
            return f"(?:{mode}{body})", end + 1, flags
        body, end = self.sequence(i + 1, flags)
        return f"({body})", end + 1, flags

    @staticmethod
    def case_mode(flags: _Flags) -> str:
        return "(?i)" if flags.i else "(?-i)"

    def escape(self, i: int, flags: _Flags) -> tuple[str, int]:
        p = self.p
        if i + 1 >= len(p):
            raise self.error("trailing backslash", i)
        c = p[i + 1]
        if c == "Q":
            end = p.find("\\E", i + 2)
            end = len(p) if end < 0 else end
            text = "".join(self.char(ch, flags) for ch in p[i + 2 : end])
            return text, min(end + 2, len(p))
        if c == "E":
            return "", i + 2
        if c in "dwsDWS":
            table = UNICODE_CLASSES if flags.U else ASCII_CLASSES
            text = table[c.lower()]
            if c.isupper():
                text = _negated(text)
            return text, i + 2
        if c in "pP":
            text, end = self.property(i, flags)
            return text, end
        if c in "bB" and p.startswith("{", i + 2):
            if p.startswith("b{g}", i + 1):
                return GRAPHEME_BOUNDARY, i + 5
            raise self.error(f"\\{c}{{…}}: Java has only \\b{{g}} (a grapheme boundary)", i)
        if c in "bB":
            if flags.U:
                return "\\" + c, i + 2
            return (WORD_BOUNDARY if c == "b" else NOT_WORD_BOUNDARY), i + 2
        if c in "AG":
            return "\\" + c, i + 2
        if c == "z":
            return "\\Z", i + 2
        if c == "Z":
            return _line_end(replace(flags, m=False)), i + 2
        if c in "hH":
            return (HORIZONTAL if c == "h" else "[^" + HORIZONTAL[1:]), i + 2
        if c == "v":
            return VERTICAL, i + 2
        if c == "V":
            return "[^" + VERTICAL[1:], i + 2
        if c == "R":
            return "(?>\\r\\n|[\\n\\x0B\\f\\r\\x85\\u2028\\u2029])", i + 2
        if c == "X":
            return "\\X", i + 2
        if c == "k":
            named = regex.match(r"\\k<([a-zA-Z][a-zA-Z0-9]*)>", p[i:])
            if not named:
                raise self.error("bad named backreference", i)
            return f"(?P={named[1]})", i + named.end()
        if c.isdigit() and c != "0":
            end = i + 2
            while end < len(p) and p[end].isdigit():
                end += 1
            return f"(?:\\{p[i + 1 : end]})", end
        code, end = self.char_escape(i)
        return self.char(chr(code), flags), end

    def char_escape(self, i: int) -> tuple[int, int]:
        """A backslash escape that stands for one character: (code point, end)."""
        p = self.p
        c = p[i + 1]
        simple = {"t": 9, "n": 10, "r": 13, "f": 12, "a": 7, "e": 27}
        if c in simple:
            return simple[c], i + 2
        if c == "0":
            octal = regex.match(r"[0-3][0-7]{2}|[0-7]{1,2}", p[i + 2 : i + 5])
            if not octal:
                raise self.error("illegal octal escape", i)
            return int(octal[0], 8), i + 2 + octal.end()
        if c == "x":
            if p.startswith("{", i + 2):
                close = p.find("}", i + 3)
                digits = p[i + 3 : close] if close > 0 else ""
                if not regex.fullmatch(r"[0-9a-fA-F]{1,6}", digits) or int(digits, 16) > 0x10FFFF:
                    raise self.error("illegal hexadecimal escape", i)
                return int(digits, 16), close + 1
            digits = p[i + 2 : i + 4]
            if not regex.fullmatch(r"[0-9a-fA-F]{2}", digits):
                raise self.error("illegal hexadecimal escape", i)
            return int(digits, 16), i + 4
        if c == "u":
            digits = p[i + 2 : i + 6]
            if not regex.fullmatch(r"[0-9a-fA-F]{4}", digits):
                raise self.error("illegal Unicode escape", i)
            code = int(digits, 16)
            low = regex.match(r"\\u(d[c-f][0-9a-f]{2})", p[i + 6 : i + 12], regex.IGNORECASE)
            if 0xD800 <= code <= 0xDBFF and low:
                code = 0x10000 + ((code - 0xD800) << 10) + (int(low[1], 16) - 0xDC00)
                return code, i + 12
            return code, i + 6
        if c == "N":
            named = regex.match(r"\\N\{([^}]+)\}", p[i:])
            try:
                return ord(unicodedata.lookup(named[1])), i + named.end()
            except (TypeError, KeyError) as err:
                raise self.error("unknown character name", i) from err
        if c == "c":
            if i + 2 >= len(p):
                raise self.error("illegal control escape", i)
            return ord(p[i + 2]) ^ 64, i + 3
        if c.isascii() and c.isalnum():
            raise self.error(f"escape \\{c} has no translation", i)
        return ord(c), i + 2

    def property(self, i: int, flags: _Flags) -> tuple[str, int]:
        p = self.p
        negated = p[i + 1] == "P"
        if p.startswith("{", i + 2):
            close = p.find("}", i + 3)
            if close < 0:
                raise self.error("unclosed character family", i)
            name, end = p[i + 3 : close], close + 1
        elif i + 2 < len(p):
            name, end = p[i + 2], i + 3
        else:
            raise self.error("illegal character family", i)
        text = self.property_set(name, flags, i)
        if flags.i and name in CASE_PROPERTIES:
            # Java matches a case property case-insensitively: any cased letter (ASCII for
            # the POSIX classes without (?u))
            unicode = flags.u or name.startswith(("Is", "java")) or len(name) == 2
            text = "[\\p{Lu}\\p{Ll}\\p{Lt}]" if unicode else "[a-zA-Z]"
        if negated:
            text = _negated(text)
        return text, end

    def property_set(self, name: str, flags: _Flags, i: int) -> str:
        if "=" in name:
            key, value = name.split("=", 1)
            key = key.lower()
            kinds = {
                "script": "Script",
                "sc": "Script",
                "block": "Block",
                "blk": "Block",
                "general_category": "General_Category",
                "gc": "General_Category",
            }
            if key not in kinds:
                raise self.error(f"unknown Unicode property {key!r}", i)
            text = f"\\p{{{kinds[key]}={value}}}"
        elif name.startswith("In"):
            text = f"\\p{{Block={name[2:]}}}"
        elif name.startswith("Is"):
            rest = name[2:]
            if rest in CATEGORIES:
                text = f"\\p{{{rest}}}"
            elif rest in SPECIAL_CATEGORIES:
                text = SPECIAL_CATEGORIES[rest]
            elif rest.lower() in BINARY:
                text = f"\\p{{{BINARY[rest.lower()]}}}"
            else:
                text = f"\\p{{Script={rest}}}"
        elif name in CATEGORIES:
            text = f"\\p{{{name}}}"
        elif name in SPECIAL_CATEGORIES:
            text = SPECIAL_CATEGORIES[name]
        elif name in POSIX:
            text = (POSIX_UNICODE if flags.U else POSIX).get(name, POSIX[name])
        elif name in JAVA_CLASSES:
            text = JAVA_CLASSES[name]
        elif name == "all":
            text = "[\\x00-\\U0010FFFF]"
        else:
            raise self.error(f"unknown character property \\p{{{name}}}", i)
        try:
            regex.compile(text, regex.VERSION1)
        except regex.error as err:
            raise self.error(f"unknown character property \\p{{{name}}}", i) from err
        return text

    # --- classes -----------------------------------------------------------------------

    def char_class(self, i: int, flags: _Flags) -> tuple[str, int]:
        """Translate the Java class opening at *i*; return a V1 set and the end."""
        p = self.p
        start = i
        i += 1
        negate = p.startswith("^", i)
        if negate:
            i += 1
        operands: list[list[str]] = []
        items: list[str] = []
        fold = flags.i and not flags.u
        while True:
            if i >= len(p):
                raise self.error("unclosed character class", start)
            c = p[i]
            if flags.x and c in " \t\n\x0b\f\r":
                i += 1
                continue
            if c == "]" and (items or operands):
                i += 1
                break
            if c == "[":
                text, i = self.char_class(i, flags)
                items.append(text)
                continue
            if p.startswith("&&", i):
                operands.append(items)
                items = []
                i += 2
                continue
            if c == "\\" and i + 1 < len(p) and p[i + 1] in "QE":
                if p[i + 1] == "E":
                    i += 2
                    continue
                end = p.find("\\E", i + 2)
                end = len(p) if end < 0 else end
                for ch in p[i + 2 : end]:
                    items.append(self.class_range(ord(ch), ord(ch), fold))
                i = min(end + 2, len(p))
                continue
            if c == "\\" and i + 1 < len(p) and p[i + 1] in "dwsDWShHvVpP":
                # a class is folded as a whole (see cased_set); a case property under (?i)
                # is widened by property()
                inner = flags if p[i + 1] in "pP" else replace(flags, i=False)
                text, i = self.escape(i, inner)
                items.append(text)
                continue
            lo, i = self.class_char(i)
            hi = lo
            ranged = p.startswith("-", i) and i + 1 < len(p) and p[i + 1] not in "]["
            if ranged and not p.startswith("&&", i + 1):
                hi, i = self.class_char(i + 1)
                if hi < lo:
                    raise self.error("illegal character range", i)
            items.append(self.class_range(lo, hi, fold))
        operands.append(items)
        operands = [operand for operand in operands if operand]  # Java ignores [a&&] and [&&a]
        if not operands:
            raise self.error("empty character class", start)
        if len(operands) == 1:
            body = "".join(operands[0])
        else:
            body = "&&".join(f"[{''.join(operand)}]" for operand in operands)
        return f"[{'^' if negate else ''}{body}]", i

    def class_char(self, i: int) -> tuple[int, int]:
        if self.p[i] == "\\":
            if i + 1 >= len(self.p):
                raise self.error("trailing backslash", i)
            return self.char_escape(i)
        return ord(self.p[i]), i + 1

    @staticmethod
    def class_range(lo: int, hi: int, fold: bool) -> str:
        text = _range_text(lo, hi)
        if fold:
            text += "".join(_range_text(a, b) for a, b in _swapped_ascii(lo, hi))
        return text
