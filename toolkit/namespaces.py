"""Every XML namespace the toolkit reads or writes, named once.

``TK`` is the toolkit's own namespace (stylesheet parameters, named templates) in
Clark notation, ready to prefix a local name: ``f"{TK}fixed-date"``.
"""

TEI = "http://www.tei-c.org/ns/1.0"
TEIKIT = "urn:teikit"
TK = "{" + TEIKIT + "}"
XML = "http://www.w3.org/XML/1998/namespace"
XINCLUDE = "http://www.w3.org/2001/XInclude"
RELAXNG = "http://relaxng.org/ns/structure/1.0"
SCHEMATRON = "http://purl.oclc.org/dsdl/schematron"
SCHEMATRON_OLD = "http://www.ascc.net/xml/schematron"  # Schematron 1.5, before ISO
SVRL = "http://purl.oclc.org/dsdl/svrl"
XSD = "http://www.w3.org/2001/XMLSchema"
CATALOG = "urn:oasis:names:tc:entity:xmlns:xml:catalog"
XSD_VERSIONING = "http://www.w3.org/2007/XMLSchema-versioning"  # vc:minVersion: an XSD 1.1 schema
