"""An apparatus entry as the TEI says it should read ("lemma sigla] reading sigla; ..."), computed
with lxml from the fixture itself, for the web and the print tests alike."""

from __future__ import annotations

from lxml import etree

TEI = {"t": "http://www.tei-c.org/ns/1.0"}


def squeeze(text: str) -> str:
    return " ".join(text.split())


def sigla(root: etree._Element) -> dict[str, str]:
    """Witness id -> the siglum a reader sees: its abbr[@type='siglum'], else its id."""
    found = {}
    for witness in root.iterfind(".//t:witness[@{http://www.w3.org/XML/1998/namespace}id]", TEI):
        abbr = witness.find("t:abbr[@type='siglum']", TEI)
        found[witness.get("{http://www.w3.org/XML/1998/namespace}id")] = squeeze(abbr.text) if abbr is not None else \
            witness.get("{http://www.w3.org/XML/1998/namespace}id")
    return found


def reading_text(reading: etree._Element) -> str:
    """A reading as the base text shows it: nested apps by their own lemma only."""
    parts = [reading.text or ""]
    for child in reading:
        if etree.QName(child).localname == "app":
            lemma = child.find("t:lem", TEI)
            parts.append(reading_text(lemma) if lemma is not None else "")
        else:
            parts.append(reading_text(child))
        parts.append(child.tail or "")
    return squeeze("".join(parts))


def expected_entry(app: etree._Element, names: dict[str, str]) -> str:
    def cited(reading):
        wit = reading.get("wit") or reading.getparent().get("wit") or ""
        text = reading_text(reading) or "om."
        marks = [names.get(token.lstrip("#"), token.lstrip("#")) for token in wit.split()]
        return " ".join([text, *marks])

    lemma = app.find("t:lem", TEI)
    readings = [element for element in app.iter("{*}rdg") if next(element.iterancestors("{*}app")) is app]
    entry = "; ".join(cited(reading) for reading in readings)
    return (cited(lemma) + "] " if lemma is not None else "") + entry
