"""Schemas that attack whoever runs them (shared/security/repro/F08 and variants): each costs far
more time or memory than any budget for the documents that trigger it, and nothing for others."""

from __future__ import annotations


def exponential_grammar(depth: int = 4) -> str:
    """A grammar of nested repetitions (10 KB): libxml2 needs far longer than any budget to
    validate sixty ``a`` children of TEI against it (each level squares the ways of reading them);
    the script's small document, with no such children, is checked at once."""
    either = '<choice><element name="a"><empty/></element><element name="b"><empty/></element></choice>'
    body = either
    for _ in range(depth):
        body = f"<zeroOrMore><choice>{body}<group>{body}{body}</group></choice></zeroOrMore>"
    return ('<grammar xmlns="http://relaxng.org/ns/structure/1.0" ns="http://www.tei-c.org/ns/1.0">'
            '<start><element name="TEI"><choice><group><element name="teiHeader"><ref name="any"/></element>'
            f'<element name="text"><ref name="any"/></element></group>{body}</choice></element></start>'
            '<define name="any"><zeroOrMore><choice><attribute><anyName/></attribute><text/>'
            '<element><anyName/><ref name="any"/></element></choice></zeroOrMore></define></grammar>')


CASES = {
    "xsd/redos.xsd": """<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.tei-c.org/ns/1.0"
    elementFormDefault="qualified">
  <xs:element name="TEI"><xs:complexType><xs:sequence><xs:any processContents="skip" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
    <xs:attribute name="n"><xs:simpleType><xs:restriction base="xs:string"><xs:pattern value="(a+)+b"/></xs:restriction></xs:simpleType></xs:attribute>
  </xs:complexType></xs:element>
</xs:schema>""",
    "schematron/dos-loop.sch": """<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:ev="urn:ev" queryBinding="xslt3">
  <xsl:function name="ev:loop" as="xs:integer" xmlns:xs="http://www.w3.org/2001/XMLSchema">
    <xsl:param name="n" as="xs:integer"/><xsl:sequence select="ev:loop($n + 1)"/>
  </xsl:function>
  <sch:pattern><sch:rule context="/*"><sch:assert test="ev:loop(1) gt 0">never</sch:assert></sch:rule></sch:pattern>
</sch:schema>""",
    "schematron/doc.sch": """<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt3">
  <sch:pattern><sch:rule context="/*"><sch:report test="true()"><sch:value-of select="string(doc('file:///etc/passwd'))"/></sch:report></sch:rule></sch:pattern>
</sch:schema>""",
}

# A rule whose strings grow to gigabytes (5 GB of text): stopped at any budget below that.
GREEDY_SCHEMATRON = (
    '<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt3"><sch:pattern>'
    '<sch:rule context="/*"><sch:let name="block" value="string-join((1 to 1000000) ! \'abcdefghijklmnopqrstuvwxyz\')"/>'
    '<sch:let name="all" value="string-join((1 to 200) ! ($block || .))"/>'
    '<sch:assert test="string-length($all) gt 0">never</sch:assert></sch:rule></sch:pattern></sch:schema>')
