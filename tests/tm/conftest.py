"""The TM tests' fixtures; also lets them import the synthetic pair builder beside them."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture
def tico_project(tmp_path, tico19_documents, write_pair):
    """A project of five pairs made from TICO-19's Wikinews articles (not the bundled
    article): a title, then paragraphs of four units."""
    from tm.scaffold import add_pair, init_project

    made = init_project(tmp_path / "project")
    sources = tmp_path / "sources"
    sources.mkdir()
    urls = [url for url in tico19_documents if "wikinews" in url][:5]
    for number, url in enumerate(urls, 1):
        units = tico19_documents[url]
        rest = len(units) - 1
        sizes = [1] + [4] * (rest // 4) + ([rest % 4] if rest % 4 else [])
        fa, en = sources / f"doc{number}.fa.txt", sources / f"doc{number}.en.txt"
        write_pair(units, sizes, fa, en)
        add_pair(made, fa, en)
    return made


@pytest.fixture
def model_project(tmp_path, tico19_documents, write_pair):
    """A project of six pairs of 125 TICO-19 units each (its documents' units in order, in
    paragraphs of four), whose first passes have too few confident beads each to train the
    translation model and enough together."""
    from tm.scaffold import add_pair, init_project

    pairs, size = 6, 125  # TICO-19 units: each pair's confident beads < MIN_BITEXT
    made = init_project(tmp_path / "project")
    units = [unit for document in tico19_documents.values() for unit in document]
    for number in range(pairs):
        chunk = units[number * size : (number + 1) * size]
        fa, en = tmp_path / f"d{number}.fa.txt", tmp_path / f"d{number}.en.txt"
        write_pair(chunk, [4] * (size // 4) + [size % 4], fa, en)
        add_pair(made, fa, en, pair_id=f"d{number}")
    return made


@pytest.fixture
def review_po(tmp_path):
    """A project made by ``tmkit init --example`` and the PO ``tmkit export --format po`` writes
    of it: ``(root, ["--project", root], po path)``."""
    from tm.cli import main

    root = tmp_path / "project"
    assert main(["init", "--example", str(root)]) == 0
    project = ["--project", str(root)]
    po_path = tmp_path / "review.po"
    assert main(["export", *project, "--format", "po", "-o", str(po_path)]) == 0
    return root, project, po_path
