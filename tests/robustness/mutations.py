"""Valid TEI to start from, and the ways the fuzz tests break it.

An edit works on bytes, as a damaged file would: whole lines dropped, duplicated or
exchanged, the file cut short, or hostile characters and markup put in at a byte offset.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from tests.conftest import EDITION
from tests.validation.support import tei

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
REPOSITORY = Path(__file__).resolve().parents[2]
EDITION_RNG = REPOSITORY / "schemas" / "edition.rng"
EDITION_SCH = REPOSITORY / "schemas" / "edition.sch"

INJECTIONS = [
    b"&", b"<", b">", b"]]>", b"<![CDATA[", b"&amp;", b"&nbsp;", b"&undeclared;", b"&#0;", b"&#xD800;",
    b"&#x110000;", b"&#65;", b"\x00", b"\x01", b"\x08", b"\x0b", b"\x0c", b"\x1b", b"\x7f", b"\r",
    b"\xed\xa0\x80",  # a lone surrogate (U+D800) encoded as if it were UTF-8
    b"\xff\xfe", b"\xef\xbb\xbf", b"\xc3", b"\xf4\x90\x80\x80", "\ufffe".encode(), "\U0001f600".encode(),
    b"<!DOCTYPE TEI>", b'<!DOCTYPE TEI [<!ENTITY x "expanded">]>', b'<!DOCTYPE TEI SYSTEM "file:///etc/passwd">',
    b'<!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]>', b"&x;", b"<?xml version='1.0'?>",
    b"<?pi data?>", b"<!-- comment -->", b"<!--", b"-->", b"</TEI>", b"<TEI>", b"<p>", b"</p>",
    b'<p xml:id="../../x">', b' xml:id="dup"', b' xmlns="urn:other"', b' xmlns:tei="', b"'", b'"',
    b'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd" parse="text"/>',
]


def trimmed_edition() -> bytes:
    """The edition cut down to about a sixth, still valid against its own schemas.

    The body keeps the start of its first two sections; paragraphs and the author's notes
    are numbered again, and register entries no longer mentioned are dropped.
    """
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    tree = etree.parse(str(EDITION), parser)
    root = tree.getroot()
    body = root.find(f"{TEI}text/{TEI}body")
    for division in list(body)[2:]:
        body.remove(division)
    for division in body:
        for child in list(division)[6:]:
            division.remove(child)
    for number, paragraph in enumerate(root.find(f"{TEI}text").iter(f"{TEI}p"), start=1):
        paragraph.set("n", str(number))
        paragraph.set(XML_ID, f"p{number}")
    for number, note in enumerate(root.iterfind(f".//{TEI}note[@type='authorial']"), start=1):
        note.set("n", str(number))
        note.set(XML_ID, f"note{number}")
    registers = root.iter(f"{TEI}listPerson", f"{TEI}listPlace", f"{TEI}listOrg", f"{TEI}listBibl")
    entries = [entry for register in registers for entry in register if entry.get(XML_ID)]
    while True:  # entries mention each other: drop the unmentioned until none is left
        mentioned = {token for element in root.iter() if isinstance(element.tag, str)
                     for value in element.attrib.values() for token in value.split() if token.startswith("#")}
        unused = [entry for entry in entries if f"#{entry.get(XML_ID)}" not in mentioned and entry.getparent() is not None]
        if not unused:
            break
        for entry in unused:
            entry.getparent().remove(entry)
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8")


def small_fixture() -> bytes:
    return tei('<p xml:id="p1">A <hi rend="italic">short</hi> text &amp; a note.</p>\n'
               '      <p xml:id="p2">Another <name>Serge</name> paragraph.</p>').encode("utf-8")


def apply(data: bytes, edit: tuple) -> bytes:
    """``edit`` is ("inject", offset, snippet) or (kind, fraction, fraction) for a line edit or a cut."""
    kind, first, second = edit
    if kind == "inject":
        offset = min(first, len(data))
        return data[:offset] + second + data[offset:]
    if kind == "truncate":
        return data[: int(len(data) * first)]
    lines = data.splitlines(keepends=True)
    if not lines:
        return data
    i, j = sorted((int(first * (len(lines) - 1)), int(second * (len(lines) - 1))))
    if kind == "drop":
        del lines[i : j + 1]
    elif kind == "duplicate":
        lines[i:i] = lines[i : j + 1]
    else:  # reorder: exchange two lines
        lines[i], lines[j] = lines[j], lines[i]
    return b"".join(lines)
