"""A translation unit as one JSON text, every field kept: what the store holds of a unit.

:func:`encode` writes :class:`tm.unit.TranslationUnit` with its metadata (the tu's and tuvs'
attributes, props and notes, inline codes, what a merge absorbed) as JSON; :func:`decode`
gives the same unit back (``decode(encode(u)) == u``), so ``tmkit tm export`` writes the TMX
the units were imported from.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from tm.unit import Absorbed, Annotation, InlineElement, TranslationUnit, Tuv

FORMAT = 1  # the "v" key: a change of the encoding is a store migration (tm.store.schema)


def encode(unit: TranslationUnit) -> str:
    """*unit* as compact JSON (UTF-8 text, Persian as is; bytes of :class:`Absorbed` as hex)."""
    data = asdict(unit)
    data["absorbed"] = [
        {**item, "made": item["made"].hex(), "tuid": item["tuid"] and item["tuid"].hex()}
        for item in data["absorbed"]
    ]
    return json.dumps({"v": FORMAT, **data}, ensure_ascii=False, separators=(",", ":"))


def decode(text: str) -> TranslationUnit:
    """The unit :func:`encode` wrote.

    :raises ValueError: *text* is not a unit this version encodes (not JSON, another ``v``).
    """
    data = json.loads(text)
    if data.pop("v", None) != FORMAT:
        raise ValueError("not a unit of this store format")
    for name in ("source_blocks", "target_blocks"):
        data[name] = tuple(data[name])
    for name in ("attributes",):
        data[name] = _pairs(data[name])
    data["annotations"] = tuple(_annotation(item) for item in data["annotations"])
    data["source_tuv"] = _tuv(data["source_tuv"])
    data["target_tuv"] = _tuv(data["target_tuv"])
    data["absorbed"] = tuple(
        Absorbed(
            bytes.fromhex(item["made"]),
            None if item["tuid"] is None else bytes.fromhex(item["tuid"]),
            tuple(item["usagecounts"]),
            item["occurrences"],
        )
        for item in data["absorbed"]
    )
    return TranslationUnit(**data)


def _pairs(items: list) -> tuple[tuple[str, str], ...]:
    return tuple((name, value) for name, value in items)


def _annotation(data: dict) -> Annotation:
    return Annotation(data["element"], data["text"], _pairs(data["attributes"]))


def _tuv(data: dict) -> Tuv:
    return Tuv(
        _pairs(data["attributes"]),
        tuple(_annotation(item) for item in data["annotations"]),
        _content(data["content"]),
    )


def _content(items: list) -> tuple:
    return tuple(
        item
        if isinstance(item, str)
        else InlineElement(item["element"], _pairs(item["attributes"]), _content(item["content"]))
        for item in items
    )
