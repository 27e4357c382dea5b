"""Shared fixtures of the glossary tests."""

import json
from dataclasses import replace
from pathlib import Path

import pytest

from glossary.model import Domain, Glossary, Status, Term

SAMPLE = Path(__file__).parents[1] / "data" / "glossary" / "caucasus-concepts.json"


@pytest.fixture
def glossary() -> Glossary:
    """Twelve concepts of the article, every field filled in at least one of them."""
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    terms = tuple(
        Term(**{k: tuple(v) if isinstance(v, list) else v for k, v in row.items()})
        for row in data["concepts"]
    )
    terms = tuple(replace(t, status=Status(t.status)) for t in terms)
    return Glossary(terms, tuple(Domain(**row) for row in data["domains"]))
