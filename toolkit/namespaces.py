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
XSD_VERSIONING = "http://www.w3.org/2007/XMLSchema-versioning"  # vc:minVersion: an XSD 1.1 schema
XSD_DATATYPES = "http://www.w3.org/2001/XMLSchema-datatypes"  # RELAX NG's datatypeLibrary for XSD types
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XSLT = "http://www.w3.org/1999/XSL/Transform"
RELAXNG_ANNOTATIONS = "http://relaxng.org/ns/compatibility/annotations/1.0"
SQF = "http://www.schematron-quickfix.com/validator/process"  # Schematron Quick Fixes
TEIKIT_READS = "urn:teikit:reads"  # the functions a compiled Schematron schema reads documents through
CATALOG = "urn:oasis:names:tc:entity:xmlns:xml:catalog"
XML_ID = "{" + XML + "}id"  # the xml:id attribute in Clark notation

# Root elements of a TEI document: P5 and its P4 spelling, one text or a corpus of them.
TEI_ROOTS = ("TEI", "TEI.2", "teiCorpus", "teiCorpus.2")
