"""Shared fixtures: the bundled article, cleaned and segmented once per session; and the
hypothesis profiles (``--hypothesis-profile=fuzz``: ``tox -e fuzz``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from corpus.collection import bundled_texts
from corpus.document import Document, Segment
from corpus.pipeline import load_document, segment_document

DATA = Path(__file__).parent / "data"
ARTICLE_ID = "caucasus-oil-policy"

# The fuzz tests (tests/fuzz) set no max_examples of their own: Hypothesis's default profile
# runs each with 100 examples in the default run; "fuzz" runs thousands (tox -e fuzz).
settings.register_profile(
    "fuzz",
    max_examples=5_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(scope="session")
def article_folder():
    return next(text for text in bundled_texts() if text.id == ARTICLE_ID)


@pytest.fixture(autouse=True)
def _outside_any_project(tmp_path_factory, monkeypatch):
    """Every test starts in an empty folder, not in the checkout (which is itself a project),
    so a command finds a project only when the test makes one or names it."""
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))


@pytest.fixture(scope="session")
def example_project(tmp_path_factory):
    """A project made by ``tmkit init --example``: the article pair and its glossary."""
    from tm.scaffold import init_project

    return init_project(tmp_path_factory.mktemp("projects") / "example", example=True)


@pytest.fixture(scope="session")
def tico19_documents() -> dict[str, list[tuple[str, str]]]:
    """TICO-19's 31 documents (CC0, tests/data/tico19): URL → its (Persian, English) units in
    order. Real professionally translated text that is not the bundled article."""
    from lxml import etree

    documents: dict[str, list[tuple[str, str]]] = {}
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    for tu in etree.parse(str(DATA / "tico19" / "all.en-fa.tmx")).getroot().iter("tu"):
        segments = {tuv.get(lang): tuv.findtext("seg") for tuv in tu.iter("tuv")}
        documents.setdefault(tu.findtext("prop"), []).append((segments["fa"], segments["en"]))
    return documents


@pytest.fixture(scope="session")
def write_pair():
    """``write_pair(units, sizes, fa, en)``: *units* as a text pair of files, in paragraphs of
    *sizes* units separated by blank lines."""

    def write(units: list[tuple[str, str]], sizes: list[int], fa: Path, en: Path) -> None:
        paragraphs, start = [], 0
        for size in sizes:
            paragraphs.append(units[start : start + size])
            start += size
        for path, side in ((fa, 0), (en, 1)):
            texts = [" ".join(unit[side] for unit in paragraph) for paragraph in paragraphs]
            path.write_text("\n\n".join(texts) + "\n", encoding="utf-8")

    return write


@pytest.fixture(scope="session")
def article(article_folder) -> Document:
    return load_document(
        article_folder.raw,
        "fa-IR",
        article_folder.fixes,
        zwnj_spelling=article_folder.zwnj_spelling(),
    )


@pytest.fixture(scope="session")
def article_segments(article) -> list[Segment]:
    return segment_document(article, "fa-IR")


@pytest.fixture(scope="session")
def article_text(article) -> str:
    return "\n".join(block.text for block in article.blocks)
