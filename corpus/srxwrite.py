"""Write SRX files: SRX 2.0 (OmegaT, Okapi) and the same rules flattened into SRX 1.0 (memoQ).

Format facts: SRX 2.0 (namespace ``http://www.lisa.org/srx20``) has named language rules, a
``cascade`` switch and language maps directly under ``<maprules>``. SRX 1.0 (namespace
``http://www.lisa.org/srx10``), the only SRX that memoQ imports, has no cascading and its maps sit
inside one ``<maprule>``: each SRX 2.0 map then becomes one SRX 1.0 language rule holding its own
rules followed by those of the catch-all maps (``.*``) after it, which is what cascading gives
for every language the map matches. Format handles: start tags out, end tags in, isolated out.
"""

from __future__ import annotations

from lxml import etree

from corpus.srx import Rule, Srx

NAMESPACES = {"2.0": "http://www.lisa.org/srx20", "1.0": "http://www.lisa.org/srx10"}
CATCH_ALL = {".*", "(?i).*", ".+", "(?i).+"}
FORMAT_HANDLES = (("start", False), ("end", True), ("isolated", False))


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


def srx_bytes(srx: Srx, version: str = "2.0") -> bytes:
    """Return *srx* as an SRX *version* document (UTF-8, with an XML declaration).

    SRX 2.0 output reads back through :func:`corpus.srx.read_srx` as the same rules.
    """
    ns = NAMESPACES[version]
    root = etree.Element(f"{{{ns}}}srx", version=version, nsmap={None: ns})
    header = etree.SubElement(root, f"{{{ns}}}header", segmentsubflows="yes")
    if version == "2.0":
        header.set("cascade", _yes(srx.cascade))
    for kind, include in FORMAT_HANDLES:
        etree.SubElement(header, f"{{{ns}}}formathandle", type=kind, include=_yes(include))
    body = etree.SubElement(root, f"{{{ns}}}body")
    languagerules = etree.SubElement(body, f"{{{ns}}}languagerules")
    maprules = etree.SubElement(body, f"{{{ns}}}maprules")
    if version == "2.0":
        named, maps, parent = list(srx.rules.items()), srx.maps, maprules
    else:
        flattened = flattened_rules(srx)
        named = [(name, rules) for _, name, rules in flattened]
        maps = tuple((pattern, name) for pattern, name, _ in flattened)
        parent = etree.SubElement(maprules, f"{{{ns}}}maprule", maprulename="tmkit")
    for name, rules in named:
        element = etree.SubElement(languagerules, f"{{{ns}}}languagerule", languagerulename=name)
        for rule in rules:
            rule_element = etree.SubElement(
                element, f"{{{ns}}}rule", attrib={"break": _yes(rule.breaks)}
            )
            etree.SubElement(rule_element, f"{{{ns}}}beforebreak").text = rule.before
            etree.SubElement(rule_element, f"{{{ns}}}afterbreak").text = rule.after
    for pattern, name in maps:
        etree.SubElement(
            parent, f"{{{ns}}}languagemap", languagepattern=pattern, languagerulename=name
        )
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _yes(value: bool) -> str:
    return "yes" if value else "no"
