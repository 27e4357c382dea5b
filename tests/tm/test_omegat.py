"""The OmegaT project writer, without OmegaT: segmentation.conf's shape, the files of a project.

tests/clients/test_omegat.py runs OmegaT 3.6 itself on what this module writes.
"""

from pathlib import Path

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from corpus.srx import Rule, Srx, default_srx, read_srx
from corpus.srxwrite import srx_bytes
from corpus.xmlsafe import safe_parser
from tm.errors import TmError
from tm.omegat import project_file, segmentation_conf, write_omegat_project

SRX = default_srx()
ARTICLE = "caucasus-oil-policy"
PERSIAN = "آیا نفت مهم است؟ روسیه با دید سیاسی به قفقاز می‌نگرد.\n"


def decoded(element: etree._Element) -> str:
    """The string XMLDecoder reads from a ``<string>`` (``<char code="#hex"/>`` included)."""
    text = element.text or ""
    for char in element:
        assert char.tag == "char"
        text += chr(int(char.get("code").lstrip("#"), 16)) + (char.tail or "")
    return text


def conf_tree(srx: Srx) -> etree._Element:
    return etree.fromstring(segmentation_conf(srx), safe_parser())


def properties(element: etree._Element) -> dict[str, etree._Element]:
    """Property name → its ``<void property>`` element, in the file's order."""
    return {void.get("property"): void for void in element.findall("void[@property]")}


def value(void: etree._Element) -> etree._Element:
    (only,) = void
    return only


def map_rules(srx: Srx) -> list[tuple[str, str, list[tuple[bool, str, str]]]]:
    """(language, pattern, [(breakRule, beforebreak, afterbreak)]) as XMLDecoder would build them."""
    found = []
    root = properties(conf_tree(srx).find("object"))
    for add in root["mappingRules"].findall("void[@method='add']"):
        fields = properties(add.find("object[@class='org.omegat.core.segmentation.MapRule']"))
        rules = []
        rule_list = value(fields["rules"])
        assert rule_list.get("class") == "java.util.ArrayList"
        for rule_add in rule_list.findall("void[@method='add']"):
            rule = properties(rule_add.find("object[@class='org.omegat.core.segmentation.Rule']"))
            assert list(rule) == ["afterbreak", "beforebreak", "breakRule"]  # XMLEncoder's order
            rules.append(
                (
                    value(rule["breakRule"]).text == "true",
                    decoded(value(rule["beforebreak"])),
                    decoded(value(rule["afterbreak"])),
                )
            )
        found.append((decoded(value(fields["language"])), decoded(value(fields["pattern"])), rules))
    return found


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def tmx(tmp_path) -> Path:
    path = tmp_path / "caucasus.tmx"
    path.write_bytes(b'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"/>\n')
    return path


# segmentation.conf


def test_segmentation_conf_is_well_formed_xml_for_java_beans_xmldecoder():
    root = conf_tree(SRX)
    assert root.tag == "java"
    assert root.get("class") == "java.beans.XMLDecoder"
    assert root.find("object").get("class") == "org.omegat.core.segmentation.SRX"


def test_segmentation_conf_parses_without_a_dtd_or_entities():
    conf = segmentation_conf(SRX)
    assert b"<!DOCTYPE" not in conf
    assert b"<!ENTITY" not in conf
    assert conf.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')


def test_segmentation_conf_has_one_map_rule_per_language_map_in_order():
    assert [(language, pattern) for language, pattern, _ in map_rules(SRX)] == [
        ("Persian", "(?i)fa.*"),
        ("English", "(?i)en.*"),
        ("Default", ".*"),
    ]


def test_segmentation_conf_has_every_rule_with_its_regexes_in_order():
    for (language, _, rules), (_, name) in zip(map_rules(SRX), SRX.maps, strict=True):
        assert language == name
        assert rules == [(rule.breaks, rule.before, rule.after) for rule in SRX.rules[name]]


def test_persian_map_breaks_after_the_persian_question_mark():
    persian = dict((language, rules) for language, _, rules in map_rules(SRX))["Persian"]
    breaking = [before for breaks, before, _ in persian if breaks]
    assert any("\\u061F" in before for before in breaking)


def test_segmentation_conf_carries_the_properties_omegat_36_reads():
    root = properties(conf_tree(SRX).find("object"))
    assert list(root) == [  # XMLEncoder writes properties in alphabetical order
        "includeEndingTags",
        "includeIsolatedTags",
        "includeStartingTags",
        "mappingRules",
        "segmentSubflows",
        "version",
    ]
    assert value(root["version"]).text == "0.2.2"  # older: OmegaT merges its defaults into ours
    assert value(root["segmentSubflows"]).text == "true"
    assert value(root["includeStartingTags"]).text == "false"
    assert value(root["includeEndingTags"]).text == "true"
    assert value(root["includeIsolatedTags"]).text == "false"


def test_same_srx_gives_identical_conf_bytes():
    assert segmentation_conf(SRX) == segmentation_conf(read_srx_copy())


def read_srx_copy() -> Srx:
    return Srx(dict(SRX.rules), tuple(SRX.maps), SRX.cascade)


def test_special_characters_are_escaped_as_xmlencoder_escapes_them():
    srx = Srx({"X": (Rule(False, "&<>\"'\r\x01؟", "\\s"),)}, ((".*", "X"),), True)
    conf = segmentation_conf(srx)
    # Java 17's XMLEncoder writes this string the same way (checked with OmegaT's SRX.saveTo)
    assert '<string>&amp;&lt;&gt;&quot;&apos;&#13;<char code="#1"/>؟</string>' in conf.decode()
    assert map_rules(srx)[0][2] == [(False, "&<>\"'\r\x01؟", "\\s")]


@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=30))
def test_any_regex_text_comes_back_as_written(text):
    srx = Srx({"X": (Rule(True, text, text[::-1]),)}, ((".*", "X"),), True)
    assert map_rules(srx)[0][2] == [(True, text, text[::-1])]


def test_without_cascade_only_the_first_matching_map_applies():
    srx = Srx(dict(SRX.rules), SRX.maps, False)
    patterns = [pattern for _, pattern, _ in map_rules(srx)]
    # OmegaT cascades always and matches a pattern (java.util.regex) against codes like FA-IR;
    # regex's version 1 scopes inline flags to their group as Java does
    for code, expected in (("FA-IR", "Persian"), ("EN-US", "English"), ("DE", "Default")):
        matching = [
            language
            for (language, _, _), pattern in zip(map_rules(srx), patterns, strict=True)
            if regex.fullmatch(pattern, code, flags=regex.VERSION1)
        ]
        assert matching == [expected]


def test_with_cascade_the_catch_all_map_applies_to_every_language():
    patterns = [pattern for _, pattern, _ in map_rules(SRX)]
    assert [bool(regex.fullmatch(p, "FA-IR")) for p in patterns] == [True, False, True]


# segmentation.srx


def test_srx20_reads_back_as_the_same_rules(tmp_path):
    path = tmp_path / "segmentation.srx"
    path.write_bytes(srx_bytes(SRX))
    assert read_srx(path) == SRX


def test_srx20_keeps_a_non_cascading_header(tmp_path):
    path = tmp_path / "segmentation.srx"
    path.write_bytes(srx_bytes(Srx(dict(SRX.rules), SRX.maps, False)))
    assert read_srx(path).cascade is False


# omegat.project and the project folder


def test_project_file_names_languages_tokenizers_and_sentence_segmentation():
    project = etree.fromstring(project_file("fa-IR", "en-US"), safe_parser()).find("project")
    assert project.get("version") == "1.0"
    assert project.findtext("source_lang") == "fa-IR"
    assert project.findtext("target_lang") == "en-US"
    assert project.findtext("source_tok") == "org.omegat.tokenizer.LucenePersianTokenizer"
    assert project.findtext("target_tok") == "org.omegat.tokenizer.LuceneEnglishTokenizer"
    assert project.findtext("sentence_seg") == "true"
    for folder in ("source_dir", "target_dir", "tm_dir", "glossary_dir", "dictionary_dir"):
        assert project.findtext(folder) == "__DEFAULT__"


def test_project_writer_creates_the_standard_layout(tmp_path, tmx):
    folder = write_omegat_project(tmp_path / "omegat", {ARTICLE: PERSIAN}, tmx, SRX)
    assert folder == tmp_path / "omegat"
    assert set(snapshot(folder)) == {
        "omegat.project",
        f"source/{ARTICLE}.txt",
        "tm/auto/caucasus.tmx",
        "glossary/README.md",
        "omegat/segmentation.conf",
        "omegat/segmentation.srx",
    }
    assert (folder / "target").is_dir()
    assert (folder / "dictionary").is_dir()
    assert (folder / "source" / f"{ARTICLE}.txt").read_bytes() == PERSIAN.encode("utf-8")
    assert (folder / "tm" / "auto" / "caucasus.tmx").read_bytes() == tmx.read_bytes()
    assert (folder / "omegat" / "segmentation.conf").read_bytes() == segmentation_conf(SRX)
    assert read_srx(folder / "omegat" / "segmentation.srx") == SRX
    assert (folder / "omegat.project").read_bytes() == project_file("fa-IR", "en-US")


def test_tm_goes_to_tm_not_tm_auto_when_not_applied(tmp_path, tmx):
    folder = write_omegat_project(tmp_path / "omegat", {ARTICLE: PERSIAN}, tmx, SRX, auto=False)
    assert (folder / "tm" / "caucasus.tmx").is_file()
    assert not (folder / "tm" / "auto").exists()


def test_source_text_gets_lf_line_ends(tmp_path, tmx):
    folder = write_omegat_project(tmp_path / "p", {"a": "یک.\r\n\r\nدو.\r\n"}, tmx, SRX)
    assert (folder / "source" / "a.txt").read_bytes() == "یک.\n\nدو.\n".encode()


def test_rewriting_the_same_project_gives_identical_bytes(tmp_path, tmx):
    first = snapshot(write_omegat_project(tmp_path / "p", {ARTICLE: PERSIAN}, tmx, SRX))
    again = snapshot(write_omegat_project(tmp_path / "p", {ARTICLE: PERSIAN}, tmx, SRX))
    elsewhere = snapshot(write_omegat_project(tmp_path / "q", {ARTICLE: PERSIAN}, tmx, SRX))
    assert first == again == elsewhere
    assert not list((tmp_path / "p").rglob(".*"))  # no temporary file left behind


def test_rewriting_leaves_the_translators_work_alone(tmp_path, tmx):
    folder = write_omegat_project(tmp_path / "p", {ARTICLE: PERSIAN}, tmx, SRX)
    saved = folder / "omegat" / "project_save.tmx"
    saved.write_text("the translator's work", encoding="utf-8")
    (folder / "target" / f"{ARTICLE}.txt").write_text("Is oil important?", encoding="utf-8")
    write_omegat_project(folder, {ARTICLE: PERSIAN}, tmx, SRX)
    assert saved.read_text(encoding="utf-8") == "the translator's work"
    assert (folder / "target" / f"{ARTICLE}.txt").read_text(encoding="utf-8") == "Is oil important?"


@pytest.mark.parametrize("name", ["../escape", "a/b", "", "..", "a\\b"], ids=repr)
def test_a_source_name_with_a_folder_is_refused(tmp_path, tmx, name):
    with pytest.raises(TmError, match="bad source name"):
        write_omegat_project(tmp_path / "p", {name: PERSIAN}, tmx, SRX)
    assert not (tmp_path / "p").exists()


def test_a_missing_tmx_is_refused_naming_the_file(tmp_path):
    with pytest.raises(TmError) as error:
        write_omegat_project(tmp_path / "p", {ARTICLE: PERSIAN}, tmp_path / "none.tmx", SRX)
    assert str(error.value) == (
        f"{tmp_path / 'none.tmx'}: no such TMX file (build the TM first (tmkit build))"
    )


def test_a_bad_language_code_is_refused(tmp_path, tmx):
    with pytest.raises(TmError, match="bad language code 'Persian'"):
        write_omegat_project(tmp_path / "p", {ARTICLE: PERSIAN}, tmx, SRX, srclang="Persian")
