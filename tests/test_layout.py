"""The layout of docs/architecture.md holds: dependencies point one way, the CLI is one place."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ALLOWED = {
    "corpus": {"corpus"},
    "glossary": {"corpus", "glossary"},
    "tm": {"corpus", "glossary", "tm"},
}


def imports(path: Path) -> set[str]:
    """The top-level packages of tmkit that *path* imports (anywhere in the module)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found & set(ALLOWED)


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_dependencies_point_one_way(package):
    for path in sorted((ROOT / package).rglob("*.py")):
        assert imports(path) <= ALLOWED[package], path.relative_to(ROOT)


def test_language_tags_are_read_in_one_place():
    """corpus.languages reads every language tag; no other module has its own copy."""
    for path in sorted(ROOT.glob("*/**/*.py")):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in ALLOWED and relative != Path("corpus/languages.py"):
            text = path.read_text(encoding="utf-8")
            assert "langcodes" not in text and "def canonical_language" not in text, relative


def test_only_tm_cli_parses_command_lines():
    for path in sorted(ROOT.glob("*/**/*.py")):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in ALLOWED and relative.parts[:2] != ("tm", "cli"):
            assert "argparse" not in path.read_text(encoding="utf-8"), relative


def test_nothing_imports_the_cli():
    for path in sorted(ROOT.glob("*/**/*.py")):
        relative = path.relative_to(ROOT)
        outside = relative.parts[0] in ALLOWED and relative.parts[:2] != ("tm", "cli")
        if outside and relative != Path("tm/__main__.py"):
            assert "tm.cli" not in path.read_text(encoding="utf-8"), relative


def test_the_command_lines_choices_are_the_registries():
    """The CLI names its format choices without importing the libraries; they stay equal."""
    from glossary.exports import GLOSSARY_EXPORTERS
    from glossary.report import FORMATS
    from tm.cli import check, glossary, memory
    from tm.dedupe import ON_CONFLICT
    from tm.export import EXPORTERS

    assert tuple(sorted(EXPORTERS)) == memory.EXPORT_FORMATS
    assert tuple(sorted(GLOSSARY_EXPORTERS)) == glossary.EXPORT_FORMATS
    assert tuple(FORMATS) == check.FORMATS
    assert ON_CONFLICT == memory.ON_CONFLICT
