"""Consonant skeletons, so that a Persian word and an English name can be compared.

Persian script has no capitals, so names cannot be spotted on the Persian side. Instead every
Persian word gets consonant skeletons by a rule-based transliteration, and these are compared
with the skeletons of the English side's capitalised words: مینسک and Minsk both give ``MNSK``,
دیتون and Dayton ``TTN``, علی‌اف and Aliyev ``LF``. Consonants are folded into coarse classes
(b/p, t/d, s/z/c, j/ch/zh, k/g/q/kh, f/v/w ...), vowels and vowel letters (ا ی, and و inside a
word, which may be either) are dropped, and doubled classes collapse, so spelling conventions
(Heydar/Heidar, Petrosyan/Petrossian) do not matter.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

PERSIAN_CLASSES = {
    "ب": "B", "پ": "B", "ت": "T", "ط": "T", "د": "T", "ث": "S", "س": "S", "ص": "S", "ز": "S",
    "ذ": "S", "ض": "S", "ظ": "S", "ژ": "J", "ج": "J", "چ": "J", "خ": "K", "ک": "K", "گ": "K",
    "ق": "K", "غ": "K", "ر": "R", "ش": "X", "ف": "F", "ل": "L", "م": "M", "ن": "N",
}  # fmt: skip
ENGLISH_DIGRAPHS = (("sch", "X"), ("sh", "X"), ("dzh", "J"), ("ch", "J"), ("zh", "J"),
                    ("kh", "K"), ("gh", "K"), ("ck", "K"), ("ph", "F"), ("th", "T"))  # fmt: skip
ENGLISH_CLASSES = {
    "b": "B", "p": "B", "t": "T", "d": "T", "s": "S", "z": "S", "j": "J", "k": "K", "g": "K",
    "q": "K", "r": "R", "f": "F", "v": "F", "l": "L", "m": "M", "n": "N", "x": "KS",
}  # fmt: skip
PERSIAN_WORD = re.compile(r"[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc\u200c]+")
CAPITALISED = re.compile(r"\b[A-Z][A-Za-z\u00c0-\u024f'-]+")
LONG_WORD = re.compile(r"\b[a-z]{6,}\b")
SHORTEST = 3


@lru_cache(maxsize=1 << 16)
def persian_skeletons(word: str) -> frozenset[str]:
    """Skeletons of a Persian word (an inner و may be a vowel or a consonant: both are given);
    a document repeats its words, so each is transliterated once."""
    letters = word.replace("\u200c", "")
    variants = [""]
    for index, char in enumerate(letters):
        if char == "و" and index > 0:
            variants = [v + extra for v in variants for extra in ("", "F")][:8]
            continue
        sound = "F" if char == "و" else PERSIAN_CLASSES.get(char, "")
        variants = [v + sound for v in variants]
    return frozenset(_collapse(v) for v in variants if len(_collapse(v)) >= SHORTEST)


@lru_cache(maxsize=1 << 16)
def english_skeleton(word: str) -> str:
    """The skeleton of an English (Latin-script) word."""
    text = unicodedata.normalize("NFKD", word.lower())
    text = "".join(c for c in text if "a" <= c <= "z")
    for digraph, sound in ENGLISH_DIGRAPHS:
        text = text.replace(digraph, sound)
    text = re.sub(r"c(?=[eiy])", "s", text).replace("c", "k")
    text = re.sub(r"^w|w(?=[aeiouy])", "v", text)
    return _collapse("".join(c if c.isupper() else ENGLISH_CLASSES.get(c, "") for c in text))


def persian_names(text: str) -> set[str]:
    """Skeletons of every Persian word of *text* (names cannot be told apart in Persian)."""
    return {s for word in PERSIAN_WORD.findall(text) for s in persian_skeletons(word)}


def english_names(text: str) -> set[str]:
    """Skeletons of the names and longer words of *text* (loanwords: کابینه ~ cabinet)."""
    found = set()
    for word in CAPITALISED.findall(text) + LONG_WORD.findall(text):
        for part in word.split("-"):
            skeleton = english_skeleton(part)
            if len(skeleton) >= SHORTEST:
                found.add(skeleton)
    return found


def _collapse(skeleton: str) -> str:
    return re.sub(r"(.)\1+", r"\1", skeleton)
