"""TOML reading names its place; quoting for TOML gives back the string it quoted."""

import tomllib

import pytest

from corpus.errors import CorpusError
from corpus.tomlfile import read_toml, toml_string


@pytest.mark.parametrize(
    "value", ["گزارش\u200cها", 'a "quoted" \\ path', "bell\u0007", "e\u0301", "\U0001d11e", ""]
)
def test_a_quoted_string_reads_back_as_itself(value):
    assert tomllib.loads(f"x = {toml_string(value)}")["x"] == value


def test_bad_toml_is_one_line_with_its_place(tmp_path):
    path = tmp_path / "meta.toml"
    path.write_text("[target]\nlanguage = \n", encoding="utf-8")
    with pytest.raises(CorpusError) as raised:
        read_toml(path)
    assert str(raised.value) == f"{path}:2:12: not valid TOML: Invalid value"
