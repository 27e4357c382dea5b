"""Realistic fa→en TMX data at any size, from TICO-19's real sentences, for the scale benchmarks.

The 3,070 distinct Persian/English pairs of ``tests/data/tico19/all.en-fa.tmx`` (real sentences
of six domains, with the ZWNJs their translators typed, Latin and Persian digits) are the base.
Unit *n* is base pair ``n mod 3070`` (in an order shuffled by the seed), as it is the first time
round and varied in each later round so that no two units are the same pair: a numbered list
item (``۱۲. …`` / ``12. …``), a page reference (``(ص ۱۲)`` / ``(p. 12)``), a step (``مرحله ۱۲:``
/ ``Step 12:``) or a citation (``[۱۲]`` / ``[12]``), the Persian side with Persian digits.
The units carry what CAT tools write (TMX 1.4b): a unique ``tuid``; ``creationdate`` and
``creationid`` on every tu, ``changedate``/``changeid`` on 60%, ``usagecount`` on 70% (with
``lastusagedate`` when used); the TICO-19 source prop, an ``x-project`` prop, a note on 10%
(half of them Persian, with a ZWNJ); an OmegaT-style dated target tuv on 20%; inline codes on
35%: a ``bpt``/``ept`` bold pair around the first word of both sides (25%) and a ``ph``
placeholder after it (10%). Everything is drawn from ``random.Random(seed)``: the same count
and seed give the same bytes.

Used by ``benchmarks/bench_scale_tmx.py``; other benchmarks import :func:`write_tmx` (a TMX of
*count* units, streamed to a file: memory does not grow with *count*) or :func:`pairs` (the
plain texts, in the same order).

    python benchmarks/scale_units.py 100000 /tmp/units.tmx [--seed 0]
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import NamedTuple
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

TICO = Path(__file__).resolve().parent.parent / "tests" / "data" / "tico19" / "all.en-fa.tmx"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
# each later round of the base pairs: Persian and English templates, {k} the round's number
VARIANTS = (
    ("{k}. {s}", "{k}. {s}"),
    ("{s} (ص {k})", "{s} (p. {k})"),
    ("مرحله {k}: {s}", "Step {k}: {s}"),
    ("{s} [{k}]", "{s} [{k}]"),
)
TRANSLATORS = ("maryam.karimi", "a.rahimi", "reza_t", "J.Smith", "translator3", "SDL\\sara")
NOTES = (
    "Checked against the client's glossary.",
    "Term to be confirmed by the reviewer.",
    "اصطلاح با واژه‌نامهٔ مشتری بررسی شد.",
    "ترجمه پس از بازبینی ویرایش‌شده است.",
)
PROJECTS = ("covid-19/batch-01", "covid-19/batch-02", "health-portal", "wiki-medical")
EPOCH, SPAN = 1_325_376_000, 13 * 365 * 86400  # 2012-01-01 and thirteen years after


class Pair(NamedTuple):
    """A base pair of TICO-19: its id, the prop naming where it comes from, and its texts."""

    tuid: str
    source: str
    fa: str
    en: str


@cache
def base_pairs() -> tuple[Pair, ...]:
    """TICO-19's distinct fa/en pairs, in the file's order (its one repeated pair once)."""
    pairs: dict[tuple[str, str], Pair] = {}
    for tu in etree.parse(str(TICO)).iter("tu"):
        segs = {tuv.get(XML_LANG): tuv.findtext("seg") for tuv in tu.iter("tuv")}
        pair = Pair(tu.get("tuid"), tu.findtext("prop"), segs["fa"], segs["en"])
        pairs.setdefault((pair.fa, pair.en), pair)
    return tuple(pairs.values())


def _order(seed: int) -> list[Pair]:
    order = list(base_pairs())
    random.Random(seed).shuffle(order)
    return order


def _varied(pair: Pair, turn: int) -> tuple[str, str]:
    """*pair*'s texts in round *turn* (0: as they are; then one of :data:`VARIANTS`)."""
    if turn == 0:
        return pair.fa, pair.en
    fa, en = VARIANTS[(turn - 1) % len(VARIANTS)]
    k = (turn - 1) // len(VARIANTS) + 1
    return fa.format(k=str(k).translate(PERSIAN_DIGITS), s=pair.fa), en.format(k=k, s=pair.en)


def pairs(count: int, seed: int = 0) -> Iterator[tuple[str, str]]:
    """The Persian and English plain texts of the *count* units :func:`write_tmx` writes, in
    its order: every pair distinct from the others."""
    order = _order(seed)
    for n in range(count):
        yield _varied(order[n % len(order)], n // len(order))


def _date(rng: random.Random, after: int = EPOCH) -> tuple[int, str]:
    moment = after + rng.randrange(max(1, EPOCH + SPAN - after))
    return moment, _tmx_date(moment)


def _tmx_date(seconds: int) -> str:
    from datetime import UTC, datetime

    return datetime.fromtimestamp(seconds, UTC).strftime("%Y%m%dT%H%M%SZ")


def _segment(text: str, code: str) -> str:
    """*text* as a ``<seg>``'s XML content, with an inline *code* around (``bold``) or after
    (``ph``) its first word, or none (``""``)."""
    head, space, rest = text.partition(" ")
    if not code or not space:
        return escape(text)
    if code == "bold":
        return (
            '<bpt i="1" x="1">&lt;b&gt;</bpt>'
            f'{escape(head)}<ept i="1">&lt;/b&gt;</ept> {escape(rest)}'
        )
    return f'{escape(head)}<ph x="1">{{1}}</ph> {escape(rest)}'


def _tu(rng: random.Random, pair: Pair, turn: int) -> str:
    fa, en = _varied(pair, turn)
    created, creationdate = _date(rng)
    who = rng.choice(TRANSLATORS)
    attributes = [("tuid", f"{pair.tuid}" + (f"/{turn}" if turn else "")),
                  ("creationdate", creationdate), ("creationid", who)]  # fmt: skip
    if rng.random() < 0.6:
        changed = _date(rng, created)[1]
        attributes += [("changedate", changed), ("changeid", rng.choice(TRANSLATORS))]
    if rng.random() < 0.7:
        used = rng.choice((0, 1, 1, 2, 3, 5, 8, 13, 40))
        attributes.append(("usagecount", str(used)))
        if used:
            attributes.append(("lastusagedate", _date(rng, created)[1]))
    head = " ".join(f"{name}={quoteattr(value)}" for name, value in attributes)
    lines = [f"<tu {head}>",
             f'  <prop type="x-source">{escape(pair.source)}</prop>',
             f'  <prop type="x-project">{rng.choice(PROJECTS)}</prop>']  # fmt: skip
    if rng.random() < 0.1:
        lines.append(f"  <note>{escape(rng.choice(NOTES))}</note>")
    draw = rng.random()
    code = "bold" if draw < 0.25 else "ph" if draw < 0.35 else ""
    lines.append(f'  <tuv xml:lang="fa-IR"><seg>{_segment(fa, code)}</seg></tuv>')
    dated = ""
    if rng.random() < 0.2:
        dated = f' changeid={quoteattr(who)} changedate="{_date(rng, created)[1]}"'
    lines.append(f'  <tuv xml:lang="en-US"{dated}><seg>{_segment(en, code)}</seg></tuv>')
    lines.append("</tu>\n")
    return "\n    ".join(lines)


HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
    '<tmx version="1.4">\n  <header creationtool="scale_units" creationtoolversion="1" '
    'datatype="plaintext" segtype="sentence" adminlang="en-US" srclang="fa-IR" '
    'o-tmf="tmkit-bench" creationdate="20240101T000000Z"/>\n  <body>\n'
)


def write_tmx(path: str | Path, count: int, seed: int = 0) -> int:
    """Write a TMX 1.4b file of *count* fa-IR→en-US units (see the module) to *path*, streamed;
    return its size in bytes. The same *count* and *seed* give the same bytes.

    :raises OSError: *path* cannot be written.
    """
    rng = random.Random(seed)
    order = _order(seed)
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write(HEADER)
        for n in range(count):
            out.write("    " + _tu(rng, order[n % len(order)], n // len(order)))
        out.write("  </body>\n</tmx>\n")
    return Path(path).stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="how many units")
    parser.add_argument("path", help="the TMX to write")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    size = write_tmx(args.path, args.count, args.seed)
    print(f"{args.count} units, {size / 2**20:.1f} MB: {args.path}")


if __name__ == "__main__":
    main()
