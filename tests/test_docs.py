"""The README stays true: every command is documented, and the docstring examples run."""

import doctest
from pathlib import Path

import pytest

import corpus.cleanup
import corpus.normalize
import corpus.srx
import glossary.figures
import tm.fuzzy
import tm.store
from tm.cli import COMMANDS
from tm.cli.glossary import ACTIONS

README = Path(__file__).parent.parent / "README.md"


NAMES = [command.name for command in COMMANDS]
NAMES += [f"glossary {action.name}" for action in ACTIONS]


@pytest.mark.parametrize("command", NAMES)
def test_readme_documents_every_command(command):
    assert f"tmkit {command}" in README.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "module", [corpus.cleanup, corpus.normalize, corpus.srx, glossary.figures, tm.fuzzy, tm.store]
)
def test_docstring_examples_run(module):
    assert doctest.testmod(module).failed == 0
