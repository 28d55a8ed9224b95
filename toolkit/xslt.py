"""Saxon (saxonche) with the toolkit's trusted stylesheets compiled first, then sealed.

Saxon's default configuration reads any file or URL a stylesheet or document asks
for, and hands environment variables and Java system properties to any stylesheet
(``environment-variable()``, ``system-property('user.dir')``, however the function is
reached: by name, reference or ``function-lookup``). A ``SealedSaxon`` turns the latter
off in the configuration before it compiles anything. It compiles the toolkit's own
stylesheets while file access is still open (they import their modules), then forbids
every protocol: the compiled stylesheets still run, but ``doc()``, ``unparsed-text()``
and ``collection()`` can no longer reach anything. Stylesheets that are not the
toolkit's own (generated from a user's Schematron, read from a cache) are compiled
only after that, so not even their compile-time evaluation can read a file.
Documents reach Saxon one way only, ``SealedSaxon.load``: as text made from the tree
``toolkit.xmlio`` parsed safely (so in whatever encoding the parser decoded), and
``xsl:result-document`` output is captured and written by us, only inside the
output root. Each process owns its instances (pytest-xdist workers included).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from html import entities as html_entities
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urlparse

from lxml import etree
from saxonche import PySaxonApiError, PySaxonProcessor

from toolkit.errors import TeikitError
from toolkit.xmlio import Document, entities_replaced

ALLOWED_PROTOCOLS = "http://saxon.sf.net/feature/allowedProtocols"
# Off: environment-variable(), available-environment-variables() and system-property()
# of Java properties answer nothing, and no extension function can be called.
ALLOW_EXTERNAL_FUNCTIONS = "http://saxon.sf.net/feature/allow-external-functions"
RESULT_BASE = "file:///teikit-output/"


class TransformError(TeikitError):
    """A stylesheet failed to compile or to run."""


class UndefinedEntity(TransformError):
    """A reference to an entity declared only in a DTD that is never read."""

    def __init__(self, document: Document, entity: etree._Entity):
        super().__init__(f"the entity &{entity.name}; is declared only in a DTD that is not read",
                         hint="replace it with the character itself or a numeric reference")
        self.path, self.line, self.name = document.path, entity.sourceline, entity.name


@dataclass
class TransformResult:
    principal: str
    documents: dict[str, str] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)


class SealedSaxon:
    """Compile ``stylesheets`` (paths or ``name -> XSLT text``), then seal file access.

    ``trusted=False`` seals before compiling: for stylesheets that are not the toolkit's own.
    """

    def __init__(self, stylesheets: dict[str, Path | str], *, trusted: bool = True):
        self._processor = PySaxonProcessor(license=False)
        self._processor.set_configuration_property(ALLOW_EXTERNAL_FUNCTIONS, "false")
        if not trusted:
            self._processor.set_configuration_property(ALLOWED_PROTOCOLS, "")
        compiler = self._processor.new_xslt30_processor()
        self._executables = {}
        compiled = {}  # a stylesheet given under two names is compiled once
        for name, source in stylesheets.items():
            if source not in compiled:
                try:
                    if isinstance(source, Path):
                        compiled[source] = compiler.compile_stylesheet(stylesheet_file=str(source))
                    else:
                        compiled[source] = compiler.compile_stylesheet(stylesheet_text=source)
                except PySaxonApiError as error:
                    raise TransformError(f"stylesheet {name} does not compile: {str(error).strip()}") from None
            self._executables[name] = compiled[source]
        self._processor.set_configuration_property(ALLOWED_PROTOCOLS, "")

    @property
    def processor(self) -> PySaxonProcessor:
        """The processor, for making values (maps, sequences) to pass as parameters."""
        return self._processor

    def __contains__(self, name: str) -> bool:
        return name in self._executables

    def load(self, document: Document, *, entities: Literal["characters", "as-text"] = "characters"):
        """``document`` (read by ``toolkit.xmlio``) as a Saxon node: the only way a document
        reaches Saxon. See ``document_text`` for ``entities``.

        The node serves every stylesheet of this instance, any number of times, and no other
        instance's (Saxon refuses a node parsed by another processor): whoever runs several
        stylesheets on one document compiles them together and loads it once."""
        return self.parse(document_text(document, entities=entities))

    def parse(self, xml_text: str):
        """Parse XML text the toolkit made (``document_text``, a schema it expanded) into a Saxon node:
        the one place Saxon parses."""
        try:
            return self._processor.parse_xml(xml_text=xml_text)
        except PySaxonApiError as error:
            raise TransformError(f"Saxon could not read the document: {str(error).strip()}") from None

    def transform(
        self,
        name: str,
        document,
        params: dict | None = None,
        *,
        template: str | None = None,
        serialization: dict[str, str] | None = None,
    ) -> TransformResult:
        """Run stylesheet ``name`` on ``document``, a node from ``load`` (or ``parse``) of this instance.

        With ``template``, call that named template with ``document`` as context item.
        The principal result keeps the stylesheet's ``xsl:output`` serialisation;
        captured result documents come back keyed by their path relative to the output
        root, serialised as XML (one that would land outside the root is refused).
        ``serialization`` overrides output properties for this call only (``{"method": "json"}``).
        """
        executable = self._executables[name]
        executable.clear_parameters()
        executable.clear_properties()
        for key, value in (params or {}).items():
            executable.set_parameter(key, self._value(value))
        executable.set_base_output_uri(RESULT_BASE)
        executable.set_capture_result_documents(True)
        executable.set_save_xsl_message(True)
        for key, value in (serialization or {}).items():
            executable.set_property(f"!{key}", value)
        try:
            if template is None:
                principal = executable.transform_to_string(xdm_node=document) or ""
            else:
                executable.set_global_context_item(xdm_item=document)
                principal = executable.call_template_returning_string(template_name=template) or ""
        except PySaxonApiError as error:
            raise TransformError(f"{name}: {str(error).strip()}") from None
        documents = {}
        for uri, value in (executable.get_result_documents() or {}).items():
            documents[_relative_output_path(uri)] = _serialised(value)
        messages = []
        raw_messages = executable.get_xsl_messages()
        if raw_messages is not None:
            messages = [item.string_value for item in raw_messages]
        return TransformResult(principal, documents, messages)

    def _value(self, value):
        if not isinstance(value, (bool, int, float, str)):
            return value  # already a Saxon value
        if isinstance(value, bool):
            return self._processor.make_boolean_value(value)
        if isinstance(value, int):
            return self._processor.make_integer_value(value)
        if isinstance(value, float):
            return self._processor.make_double_value(value)
        return self._processor.make_string_value(str(value))


_DECLARED_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def document_text(document: Document, *, entities: Literal["characters", "as-text"] = "characters") -> str:
    """The document as text for Saxon, which must never see a DOCTYPE (it would look for the DTD).

    A UTF-8 file without a DOCTYPE is handed over as it is (the cheapest); anything else
    (a tree with its XIncludes followed too) is serialised from the tree lxml parsed, with what surrounds the root (comments,
    processing instructions). References to entities of a DTD that is never read stay
    references in lxml: with ``entities="characters"`` those the HTML standard names
    become their characters and any other raises ``UndefinedEntity``; with ``"as-text"``
    each stays visible as the text ``&name;`` (so Schematron rules see what was written).
    """
    if document.as_read and not document.tree.docinfo.doctype:
        text = text_as_read(document.data)
        if text is not None:
            return text
    root = _entities_replaced(document, entities)
    before = [etree.tostring(node, encoding="unicode", with_tail=False)
              for node in reversed(list(document.tree.getroot().itersiblings(preceding=True)))]
    after = [etree.tostring(node, encoding="unicode", with_tail=False) for node in document.tree.getroot().itersiblings()]
    return "\n".join([*before, etree.tostring(root, encoding="unicode", with_tail=False), *after])


def text_as_read(data: bytes) -> str | None:
    """The text ``document_text`` hands Saxon for a document read from ``data``, without XIncludes
    followed and without a DOCTYPE: ``data`` itself when it is UTF-8, else None (its tree is needed)."""
    data = data.removeprefix(b"\xef\xbb\xbf")
    declared = _DECLARED_ENCODING.match(data[:512])
    if declared is not None and declared.group(1).lower() not in (b"utf-8", b"utf8"):
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None  # no declaration, and not UTF-8: the parser knew better


def _entities_replaced(document: Document, entities: str) -> etree._Element:
    def text_of(entity: etree._Entity) -> str:
        if entities == "as-text":
            return f"&{entity.name};"
        text = html_entities.html5.get(f"{entity.name};")
        if text is None:
            raise UndefinedEntity(document, entity)
        return text

    return entities_replaced(document.tree.getroot(), text_of)


def _relative_output_path(uri: str) -> str:
    parsed = urlparse(uri)
    path = unquote(parsed.path)
    root = urlparse(RESULT_BASE).path
    normal = posixpath.normpath(path)
    if parsed.scheme != "file" or not normal.startswith(root):
        raise TransformError(f"a stylesheet tried to write outside the output directory: {uri}")
    return normal[len(root):]


def _serialised(value) -> str:
    # Captured result documents arrive as XDM values; Saxon serialises them as XML, whatever
    # their xsl:output says (pages needing HTML serialisation are principal results instead).
    text = getattr(value, "string_value", None)
    if hasattr(value, "to_string"):
        try:
            return value.to_string()
        except Exception:  # noqa: BLE001 - fall back to the plain string value
            pass
    return text if text is not None else str(value)
