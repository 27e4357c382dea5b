"""Flatten SRX 2.0 rules into an SRX 1.0 file, the only SRX that memoQ imports.

Format facts: SRX 1.0 (namespace ``http://www.lisa.org/srx10``) has no cascading, and its
language maps sit inside one ``<maprule>``. Each SRX 2.0 language map becomes one SRX 1.0
language rule holding its own rules followed by those of the catch-all maps (``.*``) after it,
which is what cascading gives for every language the map matches.
"""

from __future__ import annotations

from lxml import etree

from corpus.srx import Rule, Srx

NS = "http://www.lisa.org/srx10"
CATCH_ALL = {".*", "(?i).*", ".+", "(?i).+"}


def flattened_rules(srx: Srx) -> list[tuple[str, str, tuple[Rule, ...]]]:
    """(language pattern, rule name, rules) for each map, with the cascade made explicit."""
    flattened: list[tuple[str, str, tuple[Rule, ...]]] = []
    for index, (pattern, name) in enumerate(srx.maps):
        rules = srx.rules[name]
        if any(name == used for _, used, _ in flattened):
            name = f"{name}-{index + 1}"  # the same rules with another cascade
        if srx.cascade:
            for later, later_name in srx.maps[index + 1 :]:
                if later in CATCH_ALL:
                    rules += srx.rules[later_name]
        flattened.append((pattern, name, rules))
    return flattened


def srx10_bytes(srx: Srx) -> bytes:
    """Return the SRX 1.0 document for *srx* (UTF-8, with an XML declaration)."""
    root = etree.Element(f"{{{NS}}}srx", version="1.0", nsmap={None: NS})
    header = etree.SubElement(root, f"{{{NS}}}header", segmentsubflows="yes")
    for kind, include in (("start", "no"), ("end", "yes"), ("isolated", "no")):
        etree.SubElement(header, f"{{{NS}}}formathandle", type=kind, include=include)
    body = etree.SubElement(root, f"{{{NS}}}body")
    languagerules = etree.SubElement(body, f"{{{NS}}}languagerules")
    maprule = etree.SubElement(
        etree.SubElement(body, f"{{{NS}}}maprules"), f"{{{NS}}}maprule", maprulename="tmkit"
    )
    for pattern, name, rules in flattened_rules(srx):
        element = etree.SubElement(languagerules, f"{{{NS}}}languagerule", languagerulename=name)
        for rule in rules:
            rule_element = etree.SubElement(
                element, f"{{{NS}}}rule", attrib={"break": "yes" if rule.breaks else "no"}
            )
            etree.SubElement(rule_element, f"{{{NS}}}beforebreak").text = rule.before
            etree.SubElement(rule_element, f"{{{NS}}}afterbreak").text = rule.after
        etree.SubElement(
            maprule, f"{{{NS}}}languagemap", languagepattern=pattern, languagerulename=name
        )
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
