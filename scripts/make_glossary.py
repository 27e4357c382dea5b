"""Generate the bundled glossary workbook ``glossary/terms.xlsx`` from ``glossary/terms.tsv``.

Run by a maintainer after editing the TSV: ``python scripts/make_glossary.py [TSV [XLSX]]``.
The concepts come from the TSV (:func:`glossary.workbook.glossary_from_tsv`), the domains from
:data:`DOMAINS` below. An existing workbook is the template: its formatting, extra columns and
extra sheets are kept, its values replaced. Lint findings (without the corpus) are printed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from glossary.lint import lint
from glossary.model import Domain, Glossary
from glossary.workbook import glossary_from_tsv, write_glossary

ROOT = Path(__file__).resolve().parent.parent
DOMAINS = (
    Domain(
        "caspian",
        "Caspian Sea",
        "The legal regime of the Caspian Sea: legal status, national sectors, continental "
        "shelf, littoral states, joint use of resources, treaties.",
    ),
    Domain(
        "karabakh",
        "Nagorno-Karabakh",
        "The Nagorno-Karabakh conflict: the OSCE Minsk Group, mediators, ceasefire, "
        "peacekeeping forces, agreements.",
    ),
    Domain(
        "cis",
        "Commonwealth of Independent States",
        "The CIS, its bodies and treaties (the collective security treaty), relations among "
        "the former Soviet republics.",
    ),
    Domain(
        "energy",
        "Oil and pipelines",
        "Oil and gas: reserves, consortia and companies, pipelines and their routes, cartels.",
    ),
    Domain(
        "geopolitics",
        "States, people and places",
        "Transcaucasia and the Caucasus: states, regions, leaders and other people named, "
        "foreign policy.",
    ),
    Domain("periodicals", "Periodicals", "Newspapers and journals cited in the article."),
)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    tsv = Path(args[0]) if args else ROOT / "glossary" / "terms.tsv"
    xlsx = Path(args[1]) if len(args) > 1 else tsv.with_suffix(".xlsx")
    glossary = Glossary(glossary_from_tsv(tsv).terms, DOMAINS)
    write_glossary(glossary, xlsx, template=xlsx if xlsx.exists() else None)
    findings = lint(glossary)
    for finding in findings:
        print(f"{tsv}: {finding}", file=sys.stderr)
    print(f"{xlsx}: {len(glossary.terms)} concepts in {len(DOMAINS)} domains")
    return 1 if any(finding.severity == "error" for finding in findings) else 0


if __name__ == "__main__":
    sys.exit(main())
