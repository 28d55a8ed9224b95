"""XML Schema (1.0, or 1.1 when the schema asks for it) through xmlschema, on the tree already read."""

from __future__ import annotations

from lxml import etree

from toolkit.errors import Finding
from toolkit.namespaces import XSD_VERSIONING
from toolkit.validation import hints
from toolkit.validation.positions import readable_xpath
from toolkit.validation.selection import SchemaRef
from toolkit.validation.validator import SchemaFailed, SchemaValidator, confine
from toolkit.xmlio import Document

_CODES = {"XMLSchemaChildrenValidationError": "children", "XMLSchemaDecodeError": "datatype",
          "XMLSchemaValidationError": "validation"}


class XSDValidator(SchemaValidator):
    def __init__(self, schema):
        self.schema = schema

    @classmethod
    def compile(cls, ref: SchemaRef) -> XSDValidator:
        import xmlschema

        confine(ref)  # xmlschema's sandbox compares paths as text and would follow a symlink out

        # A schema that declares XSD 1.1 features through the versioning namespace (vc:minVersion)
        # gets the 1.1 processor; read as 1.0 its assertions and alternatives would be skipped.
        try:
            version_11 = XSD_VERSIONING.encode() in ref.path.read_bytes()
        except OSError:
            version_11 = False
        schema_class = xmlschema.XMLSchema11 if version_11 else xmlschema.XMLSchema10
        try:
            return cls(schema_class(str(ref.path), allow="sandbox", defuse="always"))
        except (xmlschema.XMLSchemaException, etree.XMLSyntaxError, OSError, ValueError) as error:
            raise SchemaFailed(str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__) from None

    def iter_findings(self, document: Document) -> list[Finding]:
        import xmlschema

        # The document is already parsed; the resource must not open anything (no xsi:schemaLocation loads).
        resource = xmlschema.XMLResource(document.tree, base_url=str(document.path.resolve().parent),
                                         allow="none", defuse="always")
        findings = []
        for error in self.schema.iter_errors(resource, use_location_hints=False):
            element = error.elem if isinstance(getattr(error, "elem", None), etree._Element) else None
            line = getattr(error, "sourceline", None) or (element.sourceline if element is not None else None)
            code = _code(error)
            findings.append(Finding(
                file=str(document.path), line=line, code=f"xsd.{code}",
                message=(error.reason or error.message or "").strip(),
                xpath=readable_xpath(element) if element is not None else getattr(error, "path", None),
                hint=hints.xsd(code),
            ))
        return findings


def _code(error) -> str:
    name = type(error).__name__
    return _CODES.get(name, name.removeprefix("XMLSchema").removesuffix("Error"))
