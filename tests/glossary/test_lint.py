"""Glossary lint: each rule fires on a glossary broken the way an editor breaks it, and stays
quiet on the clean sample of concepts from the bundled article."""

import dataclasses
from pathlib import Path

import openpyxl
import pytest

import glossary.lint
from glossary.lint import RULES, LintFinding, lint
from glossary.model import Domain, Glossary, Status, Term
from glossary.tsv import glossary_from_tsv
from glossary.workbook import read_glossary, write_glossary

DATA = Path(__file__).parent.parent / "data" / "glossary"
DOMAINS = (
    Domain("caspian", "Caspian Sea"),
    Domain("karabakh", "Nagorno-Karabakh"),
    Domain("cis", "Commonwealth of Independent States"),
    Domain("energy", "Oil and gas"),
    Domain("geopolitics", "Geopolitics"),
)


@pytest.fixture(scope="module")
def sample() -> Glossary:
    return Glossary(glossary_from_tsv(DATA / "sample.tsv").terms, DOMAINS)


def changed(glossary: Glossary, term_id: str, **changes) -> Glossary:
    terms = tuple(
        dataclasses.replace(t, **changes) if t.id == term_id else t for t in glossary.terms
    )
    return Glossary(terms, glossary.domains)


def added(glossary: Glossary, term: Term) -> Glossary:
    return Glossary((*glossary.terms, term), glossary.domains)


def finding(rule: str, term: str, message: str, severity: str = "error") -> LintFinding:
    return LintFinding(rule, severity, term, "", message)


def test_clean_glossary_has_no_findings(sample, article_text):
    assert lint(sample, [article_text]) == []


CASES = [
    pytest.param(
        lambda g: added(g, Term("khazar", "caspian", "دریای کاسپین", "Caspian Sea", fa_variants=("دریای‌خزر",))),
        finding("duplicate-persian", "khazar", "Persian 'دریای\\u200cخزر' is also in concept 'caspian-sea': merge the two concepts"),
        id="duplicate-persian",
    ),
    pytest.param(
        lambda g: added(g, Term("caspian-basin", "caspian", "دریای خزر", "Caspian basin")),
        finding("conflicting-english", "caspian-basin", "Persian 'دریای خزر' is 'Caspian basin' here but 'Caspian Sea' in concept 'caspian-sea': choose one English term"),
        id="conflicting-english",
    ),
    pytest.param(
        lambda g: changed(g, "lukoil", forbidden=("Lukoyl", "LUKOIL")),
        finding("forbidden-is-allowed", "lukoil", "forbidden form 'LUKOIL' is also allowed for this concept"),
        id="forbidden-is-allowed",
    ),
    pytest.param(
        lambda g: changed(g, "minsk-group", en="  "),
        finding("empty-required", "minsk-group", "empty English term"),
        id="empty-required",
    ),
    pytest.param(
        lambda g: changed(g, "cis", domain="commonwealth"),
        finding("unknown-domain", "cis", "unknown domain 'commonwealth' (expected caspian, cis, energy, geopolitics, karabakh)"),
        id="unknown-domain",
    ),
    pytest.param(
        lambda g: changed(g, "ceasefire", status="aproved"),
        finding("unknown-status", "ceasefire", "unknown status 'aproved' (expected approved, proposed or deprecated)"),
        id="unknown-status",
    ),
    pytest.param(
        lambda g: changed(g, "caspian-sea", en="Caspian Sea; Caspian"),
        finding("list-separator", "caspian-sea", "a list separator in English term 'Caspian Sea; Caspian': one form a term, variants separated by ';' in their own cell"),
        id="list-separator",
    ),
    pytest.param(
        lambda g: changed(g, "caspian-sea", en_variants=("Caspian", "Caspian Sea")),
        finding("variant-is-term", "caspian-sea", "allowed English variants 'Caspian Sea' is the term itself"),
        id="variant-is-term",
    ),
    pytest.param(
        lambda g: changed(g, "cis", domain="cis politics"),
        finding("bad-domain-id", "cis", "domain 'cis politics' is no id (no spaces, ';', '|' in an id)"),
        id="bad-domain-id",
    ),
    pytest.param(
        lambda g: changed(g, "continental-shelf", fa="فلات قاره (continental shelf)"),
        finding("wrong-script", "continental-shelf", "Latin letters 'continental shelf' in Persian term 'فلات قاره (continental shelf)'"),
        id="wrong-script Latin in Persian",
    ),
    pytest.param(
        lambda g: changed(g, "caspian-sea", en_variants=("Caspian", "دریای خزر")),
        finding("wrong-script", "caspian-sea", "Arabic script 'دریای خزر' in allowed English variants 'دریای خزر'"),
        id="wrong-script Arabic in English",
    ),
    pytest.param(
        lambda g: changed(g, "heydar-aliyev", en="Heydar\r\nAliyev"),
        finding("line-break", "heydar-aliyev", "a line break in English term 'Heydar\\r\\nAliyev'"),
        id="line-break",
    ),
    pytest.param(
        lambda g: changed(g, "heydar-aliyev", en="Heydar  Aliyev"),
        finding("stray-whitespace", "heydar-aliyev", "doubled whitespace in English term 'Heydar  Aliyev'", "warning"),
        id="stray-whitespace doubled",
    ),
    pytest.param(
        lambda g: changed(g, "minsk-group", fa="گروه مینسک "),
        finding("stray-whitespace", "minsk-group", "trailing whitespace in Persian term 'گروه مینسک '", "warning"),
        id="stray-whitespace trailing",
    ),
    pytest.param(
        lambda g: changed(g, "caspian-sea", fa="دریاي خزر"),
        finding("arabic-letters", "caspian-sea", "Arabic letter forms in 'دریاي خزر': ي (U+064A) → ی", "warning"),
        id="arabic-letters yeh",
    ),
    pytest.param(
        lambda g: changed(g, "cis", fa_variants=("کشورهای مشترك‌المنافع",)),
        finding("arabic-letters", "cis", "Arabic letter forms in 'کشورهای مشترك\\u200cالمنافع': ك (U+0643) → ک", "warning"),
        id="arabic-letters kaf",
    ),
    pytest.param(
        lambda g: added(g, Term("oil-policies", "energy", "سیاستهای نفتی", "oil policies")),
        finding("lost-zwnj", "oil-policies", "'سیاستهای نفتی' normalizes to 'سیاست\\u200cهای نفتی' (tmkit glossary format fixes it)", "warning"),
        id="lost-zwnj",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("broken", "expected"), CASES)
def test_rule_fires_on_a_broken_concept_and_only_there(sample, broken, expected):
    assert lint(broken(sample)) == [expected]


def test_unused_term_fires_on_a_concept_the_article_never_mentions(sample, article_text):
    unclos = Term(
        "unclos", "caspian", "کنوانسیون حقوق دریاها", "UN Convention on the Law of the Sea"
    )
    assert lint(added(sample, unclos), [article_text]) == [
        finding("unused-term", "unclos", "no Persian form of this concept occurs in the corpus", "warning")
    ]  # fmt: skip
    assert lint(added(sample, unclos)) == []  # without a corpus, nothing is unused


def test_a_term_the_article_writes_with_a_space_is_used(sample, article_text):
    ceasefire = sample.by_id()["ceasefire"]
    assert ceasefire.fa == "آتش\u200cبس"
    assert "آتش بس" in article_text and ceasefire.fa not in article_text
    assert lint(Glossary((ceasefire,), DOMAINS), [article_text]) == []


def test_a_concept_repeating_its_own_persian_is_no_duplicate(sample):
    # the spelling with a ZWNJ is a variant of its own; the term repeated is variant-is-term
    found = lint(changed(sample, "caspian-sea", fa_variants=("دریای‌خزر", "دریای خزر")))
    assert [(f.rule, f.message) for f in found] == [
        ("variant-is-term", "Persian variants 'دریای خزر' is the term itself")
    ]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("en", "pipeline; pipe line"),
        ("en_variants", ("pipe line | conduit",)),
        ("fa_variants", ("لوله؛ خط لوله",)),
        ("forbidden", ("pipe-line|pipe",)),
    ],
)
def test_a_form_holding_a_list_separator_is_an_error(sample, field, value):
    found = lint(changed(sample, "caspian-sea", **{field: value}))
    assert [f.rule for f in found if f.severity == "error"] == ["list-separator"]


@pytest.mark.parametrize("domain", ["energy policy; oil industry", "oil industry", "energy|oil"])
def test_a_domain_that_is_no_id_is_an_error(sample, domain):
    glossary = changed(sample, "caspian-sea", domain=domain)
    glossary = Glossary(glossary.terms, (*glossary.domains, Domain(domain, domain)))
    assert [f.rule for f in lint(glossary)] == ["bad-domain-id"]


def test_glossary_without_domains_has_no_unknown_domain(sample):
    assert lint(Glossary(sample.terms)) == []


def test_findings_name_workbook_cells_in_sheet_order(sample, tmp_path):
    path = tmp_path / "terms.xlsx"
    write_glossary(sample, path)
    book = openpyxl.load_workbook(path)
    terms = book["Terms"]
    terms["I8"], terms["B5"], terms["E6"] = (
        "aproved",
        "commonwealth",
        None,
    )  # ceasefire, cis, lukoil
    terms["C3"] = "دریاي خزر"  # caspian-sea
    book.save(path)
    glossary, layout = read_glossary(path, strict=False)
    findings = lint(glossary, layout=layout)
    assert [str(f) for f in findings] == [
        "Terms!C3: warning: Arabic letter forms in 'دریاي خزر': ي (U+064A) → ی [arabic-letters]",
        "Terms!B5: error: unknown domain 'commonwealth' (expected caspian, cis, energy, geopolitics, karabakh) [unknown-domain]",
        "Terms!E6: error: empty English term [empty-required]",
        "Terms!I8: error: unknown status 'aproved' (expected approved, proposed or deprecated) [unknown-status]",
    ]
    assert findings[2] == LintFinding(
        "empty-required", "error", "lukoil", "Terms!E6", "empty English term"
    )


def test_duplicate_names_the_other_concepts_cell(sample, tmp_path):
    path = tmp_path / "terms.xlsx"
    write_glossary(
        added(sample, Term("caspian-basin", "caspian", "دریای خزر", "Caspian basin")), path
    )
    glossary, layout = read_glossary(path)
    assert [str(f) for f in lint(glossary, layout=layout)] == [
        "Terms!C4: error: Persian 'دریای خزر' is 'Caspian Sea' here but 'Caspian basin' in concept 'caspian-basin' (Terms!C2): choose one English term [conflicting-english]"
    ]


def test_every_rule_has_an_id_severity_title_and_a_line_in_the_docs():
    ids = [rule.id for rule in RULES]
    assert len(set(ids)) == len(ids) == 15
    for rule in RULES:
        assert rule.severity in ("error", "warning") and rule.title
        assert f"\n{rule.id:<23}{rule.severity:<10}" in glossary.lint.__doc__
    assert {case.id.split()[0] for case in CASES} | {"unused-term"} == set(ids)


def test_status_enum_values_are_known(sample):
    assert lint(changed(sample, "ceasefire", status=Status.DEPRECATED)) == []


def test_a_note_may_hold_line_breaks_but_each_line_is_checked(sample):
    """An editor's Alt+Enter, or an imported TBX's definition and context lines."""
    tidy = changed(sample, "minsk-group", note="definition: the OSCE group\ncontext (en): Minsk")
    assert lint(tidy) == []
    untidy = changed(sample, "minsk-group", note="first line\nsecond  line")
    assert [f.message for f in lint(untidy)] == [
        "doubled whitespace in note 'first line\\nsecond  line'"
    ]


@pytest.mark.parametrize("persian", ["انتشار CO2", "آزمایش PCR", "واکسن mRNA", "ویروس SARS-CoV-2"])
def test_an_acronym_or_formula_beside_persian_words_is_not_the_wrong_script(sample, persian):
    # as TICO-19's and TermWeb's term lists write them; an English word there still is
    assert [f.rule for f in lint(changed(sample, "continental-shelf", fa=persian))] == []
    wrong = lint(changed(sample, "continental-shelf", fa=f"{persian} shelf"))
    assert [f.rule for f in wrong] == ["wrong-script"]
