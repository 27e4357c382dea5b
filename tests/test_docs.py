"""The README stays true: every command is documented, and the docstring examples run."""

import doctest
from pathlib import Path

import pytest

import corpus.cleanup
import corpus.normalize
import corpus.srx
from glossary.cli import ACTIONS, glossary_commands
from tm.cli import COMMANDS

README = Path(__file__).parent.parent / "README.md"


NAMES = [name for name, *_ in COMMANDS + glossary_commands()]
NAMES += [f"glossary {name}" for name, *_ in ACTIONS]


@pytest.mark.parametrize("command", NAMES)
def test_readme_documents_every_command(command):
    assert f"tmkit {command}" in README.read_text(encoding="utf-8")


@pytest.mark.parametrize("module", [corpus.cleanup, corpus.normalize, corpus.srx])
def test_docstring_examples_run(module):
    assert doctest.testmod(module).failed == 0
