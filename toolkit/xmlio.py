"""Safe reading of XML files: no DTD, no external entities, no network, bounded size.

Every XML file the toolkit reads goes through ``read_document``; a document that
cannot be read safely becomes a ``Finding`` with file, line and column, never a
traceback.  Problems that do not stop the parse (a DOCTYPE pointing at an external
DTD, entity declarations, an encoding declaration that lies, XInclude) are kept in
``Document.findings`` so that validation reports them beside everything else.

Encoding policy: UTF-8 (with or without a byte-order mark) and UTF-16 with a
byte-order mark are read; any other encoding is read when its declaration is
plausible.  A declaration that contradicts the bytes (UTF-8 bytes declared
ISO-8859-1, a UTF-16 mark with a UTF-8 declaration) is an error, as is UTF-16
without a byte-order mark (the XML specification requires one) and invalid UTF-8.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree

from toolkit.errors import Finding, Severity
from toolkit.limits import Limits
from toolkit.namespaces import TEI, XINCLUDE, XML, XML_ID

TEI_NS = TEI
XINCLUDE_NS = XINCLUDE
GZIP_MAGIC = b"\x1f\x8b"
PROLOG_SCAN_BYTES = 256 * 1024

BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF8, "UTF-8"),
    (codecs.BOM_UTF16_LE, "UTF-16LE"),
    (codecs.BOM_UTF16_BE, "UTF-16BE"),
)
_DECLARED_ENCODING = re.compile(r"""^<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']""")




class UnreadableDocument(Exception):
    """The document is not well-formed or not safe to read; ``finding`` says why, ``cause``
    is libxml2's error code when libxml2 refused it."""

    def __init__(self, finding: Finding, cause: int | None = None):
        super().__init__(str(finding))
        self.finding = finding
        self.cause = cause


@dataclass
class Document:
    path: Path
    data: bytes
    tree: etree._ElementTree
    findings: list[Finding] = field(default_factory=list)
    # False when the tree holds more than ``data`` parses to (its XIncludes were followed).
    as_read: bool = True

    @property
    def root(self) -> etree._Element:
        return self.tree.getroot()


# The only parser configuration the toolkit uses on documents it did not write (also for
# lxml's iterparse, which takes the same keywords).
SAFE_PARSING = dict(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    huge_tree=True,
    remove_blank_text=False,
    recover=False,
)


def safe_parser(*, huge: bool = True, collect_ids: bool = True) -> etree.XMLParser:
    """A parser with the ``SAFE_PARSING`` settings (``collect_ids`` checks that xml:id values are NCNames)."""
    return etree.XMLParser(**{**SAFE_PARSING, "huge_tree": huge}, collect_ids=collect_ids)


def read_bytes(path: Path) -> bytes:
    """Read a file ourselves so lxml never opens it (it would gunzip silently)."""
    size = path.stat().st_size
    limit = Limits.current().xml_bytes
    if limit and size > limit:
        raise UnreadableDocument(_finding(path, "xml.too-large", f"file is {size} bytes; the limit is {limit}",
                                          hint="raise TEIKIT_XML_BYTES if the file is meant to be this large"))
    data = path.read_bytes()
    if data.startswith(GZIP_MAGIC):
        raise UnreadableDocument(
            _finding(path, "xml.compressed", "file is gzip-compressed, not XML", hint="decompress it first")
        )
    return data


def parse_bytes(data: bytes, path: Path, *, collect_ids: bool = True) -> etree._ElementTree:
    if not data.strip():
        raise UnreadableDocument(_finding(path, "xml.empty", "file is empty", hint="an XML document needs a root element"))
    parser = safe_parser(collect_ids=collect_ids)
    try:
        root = etree.fromstring(data, parser=parser, base_url=path.as_uri() if path.is_absolute() else None)
    except etree.XMLSyntaxError as error:
        finding = _syntax_finding(path, error, data)
        if _HTML.search(data[:1024]):
            finding = Finding(file=finding.file, line=finding.line, column=finding.column, code="xml.html",
                              message=f"this is an HTML page, not XML: {finding.message}",
                              hint="validate the TEI source the page was made from")
        raise UnreadableDocument(finding, error.code) from None
    return root.getroottree()


def read_document(path: Path, *, tolerate_ids: bool = False) -> Document:
    """Parse ``path`` safely; raise ``UnreadableDocument`` with a finding if that is impossible.

    ``tolerate_ids``: an xml:id that is not an NCName (an error the xml:id specification does
    not make fatal) is read anyway and reported as a warning in ``Document.findings``, for the
    outputs that only show a document and never use its ids as names of files.
    """
    try:
        data = read_bytes(path)
    except IsADirectoryError:
        raise UnreadableDocument(_finding(path, "io.unreadable", "this is a directory, not a file")) from None
    except OSError as error:
        raise UnreadableDocument(_finding(path, "io.unreadable", f"cannot read file: {error.strerror or error}")) from None
    return document_from_bytes(path, data, tolerate_ids=tolerate_ids)


def document_from_bytes(path: Path, data: bytes, *, tolerate_ids: bool = False) -> Document:
    """Parse the bytes of ``path`` (as read, or as an editor holds them) like ``read_document``."""
    if not data.strip():
        raise UnreadableDocument(_finding(path, "xml.empty", "file is empty", hint="an XML document needs a root element"))
    if _looks_binary(data):
        raise UnreadableDocument(
            _finding(path, "xml.binary", "file contains NUL bytes: it is binary data, not XML", line=1,
                     hint="check that this is the file you meant to validate")
        )
    findings = check_encoding(data, path)
    fatal = [finding for finding in findings if finding.extra.get("fatal")]
    if fatal:
        raise UnreadableDocument(fatal[0])
    try:
        tree = parse_bytes(data, path)
    except UnreadableDocument as error:
        # An xml:id used twice is a validity error, not a reason to stop reading: read without
        # libxml2's checks of xml:id, which are then made here.
        if not (error.cause in _ID_REPEATED or tolerate_ids and error.cause in _ID_NOT_NCNAME):
            raise
        tree = parse_bytes(data, path, collect_ids=False)
        findings += _id_findings(tree, path, tolerate_ids)
    findings += check_doctype(data, tree, path)
    findings += check_xinclude(tree, path)
    return Document(path, data, tree, findings)


def _id_findings(tree: etree._ElementTree, path: Path, tolerate_ids: bool) -> list[Finding]:
    """The xml:id checks libxml2 makes, on a tree read without them: a value that is not an
    NCName stops the reading (a warning when ``tolerate_ids``), a repeated value is an error."""
    findings, first_lines = [], {}
    for element in tree.iter("*"):
        value = element.get(XML_ID)
        if value is None:
            continue
        if not _is_ncname(value):
            message = f"xml:id : attribute value {value} is not an NCName"
            if not tolerate_ids:
                raise UnreadableDocument(Finding(file=str(path), line=element.sourceline, code="xml.not-well-formed",
                                                 message=message, hint=_NOT_WELL_FORMED_HINT))
            findings.append(Finding(
                file=str(path), line=element.sourceline, code="xml.id-not-ncname", severity=Severity.WARNING,
                message=message + "; read as it is",
                hint="an xml:id must be an NCName (a letter or _ first, no spaces or colons); the document is rendered",
            ))
        elif value in first_lines:
            findings.append(Finding(
                file=str(path), line=element.sourceline, code="xml.id-repeated",
                message=f'xml:id "{value}" is used again (first on line {first_lines[value]})',
                hint="an xml:id names one element of its document: rename one of them (and what points to it)",
                extra={"id": value, "first_line": first_lines[value]},
            ))
        else:
            first_lines[value] = element.sourceline
    return findings


def _is_ncname(value: str) -> bool:
    try:
        etree.Element(value)  # lxml refuses an element name that is not an NCName
    except ValueError:
        return False
    return True


# --- encoding -------------------------------------------------------------------------


def sniff_encoding(data: bytes) -> tuple[str | None, int]:
    """(encoding named by a byte-order mark, its length), or (None, 0)."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None, 0


def declared_encoding(data: bytes) -> str | None:
    """The encoding named in the XML declaration, read in whatever form the bytes take."""
    bom, skip = sniff_encoding(data)
    head = data[skip : skip + 400]
    if bom and bom.startswith("UTF-16"):
        text = head.decode(bom, errors="replace")
    elif head[:4] in (b"<\x00?\x00", b"\x00<\x00?"):
        text = head.decode("utf-16-le" if head[0] == 0x3C else "utf-16-be", errors="replace")
    else:
        text = head.decode("latin-1")
    match = _DECLARED_ENCODING.match(text)
    return match.group(1) if match else None


def check_encoding(data: bytes, path: Path) -> list[Finding]:
    """Apply the encoding policy; findings marked ``extra['fatal']`` stop the reading."""
    bom, skip = sniff_encoding(data)
    declared = declared_encoding(data)
    family = _family(declared) if declared else None
    if bom == "UTF-32":
        return [_fatal(path, "xml.encoding", "UTF-32 is not supported", 1, 1, "save the file as UTF-8")]
    if bom and bom.startswith("UTF-16"):
        if declared and family != "utf-16":
            return [_error(path, "xml.encoding-mismatch",
                           f"the byte-order mark says UTF-16 but the declaration says {declared}", 1, 1,
                           "save the file as UTF-8 with encoding=\"UTF-8\", or declare encoding=\"UTF-16\"")]
        return []
    if data[:2] in (b"<\x00", b"\x00<"):
        return [_error(path, "xml.encoding", "UTF-16 without a byte-order mark", 1, 1,
                       "UTF-16 files must begin with a byte-order mark; better, save the file as UTF-8")]
    if bom == "UTF-8" and declared and family != "utf-8":
        return [_error(path, "xml.encoding-mismatch",
                       f"the byte-order mark says UTF-8 but the declaration says {declared}", 1, 1,
                       "change the declaration to encoding=\"UTF-8\"")]
    body = data[skip:]
    if family is None or family == "utf-8":
        try:
            body.decode("utf-8")
        except UnicodeDecodeError as error:
            line, column = _position(body, error.start)
            return [_fatal(path, "xml.encoding",
                           f"invalid UTF-8: byte 0x{body[error.start]:02X} at line {line}, column {column}",
                           line, column,
                           "the file is not UTF-8: convert it (e.g. iconv -f windows-1252 -t UTF-8) "
                           "or declare the encoding it really uses")]
        return []
    if family == "utf-16":
        return [_error(path, "xml.encoding-mismatch",
                       f"declared {declared} but the bytes are not UTF-16 (no byte-order mark)", 1, 1,
                       "change the declaration to the encoding the file really uses, preferably UTF-8")]
    try:
        codecs.lookup(declared)
    except LookupError:
        return [_fatal(path, "xml.encoding", f"unknown encoding {declared!r}", 1, 1, "save the file as UTF-8")]
    first = next((i for i, byte in enumerate(body) if byte > 0x7F), None)
    if first is None:
        return []
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        line, column = _position(body, first)
        return [_error(path, "xml.encoding-mismatch",
                       f"declared {declared} but the bytes are UTF-8 (first non-ASCII character at line {line}); "
                       "the text would be read garbled", line, column,
                       "change the declaration to encoding=\"UTF-8\"")]
    try:
        body.decode(declared)
    except UnicodeDecodeError as error:
        line, column = _position(body, error.start)
        return [_fatal(path, "xml.encoding-mismatch",
                       f"byte 0x{body[error.start]:02X} is not valid {declared}", line, column,
                       "declare the encoding the file really uses, preferably UTF-8")]
    return []


def _family(name: str) -> str:
    lowered = name.lower().replace("_", "-")
    if lowered in ("utf-8", "utf8"):
        return "utf-8"
    if lowered.startswith("utf-16") or lowered in ("ucs-2", "iso-10646-ucs-2"):
        return "utf-16"
    return lowered


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, len(data[start:offset].decode("utf-8", errors="replace")) + 1


def _looks_binary(data: bytes) -> bool:
    bom, _ = sniff_encoding(data)
    if bom and bom.startswith("UTF-16"):
        return False
    head = data[:4096]
    return b"\x00" in head and head[:2] not in (b"<\x00", b"\x00<")


# --- DOCTYPE, entities, XInclude -----------------------------------------------------------

_DOCTYPE = re.compile(rb"<!DOCTYPE\s")
_HTML = re.compile(rb"<!DOCTYPE\s+html|<html[\s>]", re.IGNORECASE)
_ENTITY_DECL = re.compile(rb"<!ENTITY\s+(%\s+)?([^\s>]+)")


def check_doctype(data: bytes, tree: etree._ElementTree, path: Path) -> list[Finding]:
    """A DOCTYPE that names an external DTD or declares entities is refused: we never load it.

    The document is still parsed (entities stay unexpanded) so that the remaining
    findings can be given too.
    """
    info = tree.docinfo
    if not info.doctype:
        return []
    text = _ascii_view(data)
    doctype = _DOCTYPE.search(text)
    doctype_line = text.count(b"\n", 0, doctype.start()) + 1 if doctype else 1
    findings = []
    if info.system_url or info.public_id:
        where = info.system_url or info.public_id
        findings.append(Finding(
            file=str(path), line=doctype_line, column=1, code="xml.external-dtd",
            message=f"the DOCTYPE refers to an external DTD ({where}) which is never loaded",
            hint="remove the DOCTYPE: TEI P5 is validated with RELAX NG; entities and default attributes "
                 "from the DTD are not applied",
        ))
    root_start = _root_offset(text)
    declarations = [m for m in _ENTITY_DECL.finditer(text, 0, root_start)]
    if declarations:
        names = ", ".join(("%" if m.group(1) else "") + m.group(2).decode("ascii", "replace") for m in declarations[:8])
        if len(declarations) > 8:
            names += ", …"
        first = declarations[0]
        findings.append(Finding(
            file=str(path), line=text.count(b"\n", 0, first.start()) + 1, column=1, code="xml.entity-declaration",
            message=f"the DOCTYPE declares {len(declarations)} entit{'y' if len(declarations) == 1 else 'ies'} "
                    f"({names}); entities are never expanded",
            hint="replace entity references by the characters themselves (or numeric references such as "
                 "&#x2014;) and remove the declarations",
        ))
    seen: dict[str, list[int]] = {}
    for entity in tree.iter(etree.Entity):
        line = entity.sourceline or (entity.getparent().sourceline if entity.getparent() is not None else None)
        seen.setdefault(entity.name, []).append(line)
    for name, lines in seen.items():
        findings.append(Finding(
            file=str(path), line=lines[0], code="xml.entity-reference",
            message=f"entity reference &{name}; is not expanded"
                    + (f" ({len(lines)} occurrences)" if len(lines) > 1 else ""),
            hint="write the character itself or a numeric character reference instead of the named entity",
        ))
    return findings


def check_xinclude(tree: etree._ElementTree, path: Path) -> list[Finding]:
    """XInclude is never processed during validation; includes leaving the document's folder are refused.

    Where an include points is worked out as an XInclude processor would: its href against
    the base URI in force (xml:base on it and its ancestors), percent-encoding decoded,
    symlinks followed.
    """
    findings = []
    for element in tree.iter(f"{{{XINCLUDE_NS}}}include"):
        href = element.get("href", "")
        outside = _escapes(element, href, path)
        findings.append(Finding(
            file=str(path), line=element.sourceline, code="xml.xinclude-refused" if outside else "xml.xinclude",
            severity=Severity.ERROR if outside else Severity.WARNING,
            message=(f"XInclude of {href!r} points outside the document's folder and is refused"
                     if outside else f"XInclude of {href!r} is not expanded; the document is validated as written"),
            hint="include only files beside the document (relative paths without '..', no xml:base leading elsewhere)"
            if outside else "validate the included file on its own",
        ))
    return findings


def _escapes(element: etree._Element, href: str, path: Path) -> bool:
    document = path.resolve()
    base = document.as_uri()
    for node in [*reversed(list(element.iterancestors())), element]:
        value = node.get(f"{{{XML}}}base")
        if value:
            base = urljoin(base, value)
    target = urlsplit(urljoin(base, href) if href else base)
    if target.scheme != "file" or target.netloc not in ("", "localhost"):
        return True
    folder = document.parent
    resolved = Path(unquote(target.path)).resolve()
    return resolved != folder and folder not in resolved.parents


def _ascii_view(data: bytes) -> bytes:
    """The bytes in an ASCII-compatible form, so that regular expressions find markup."""
    bom, skip = sniff_encoding(data)
    if bom and bom.startswith("UTF-16"):
        return data[skip:].decode(bom, errors="replace").encode("utf-8")
    return data[skip:]


def _root_offset(text: bytes) -> int:
    """Offset of the root start tag (after the prolog's comments, PIs and DOCTYPE)."""
    position = 0
    length = len(text)
    while position < length:
        start = text.find(b"<", position)
        if start < 0:
            return length
        if text.startswith(b"<?", start):
            end = text.find(b"?>", start)
            position = length if end < 0 else end + 2
        elif text.startswith(b"<!--", start):
            end = text.find(b"-->", start)
            position = length if end < 0 else end + 3
        elif text.startswith(b"<!DOCTYPE", start):
            position = _doctype_end(text, start)
        else:
            return start
    return length


def _doctype_end(text: bytes, start: int) -> int:
    depth, quote, index = 0, 0, start
    while index < len(text):
        char = text[index]
        if quote:
            if char == quote:
                quote = 0
        elif char in (0x22, 0x27):
            quote = char
        elif char == 0x5B:  # [
            depth += 1
        elif char == 0x5D:  # ]
            depth -= 1
        elif char == 0x3E and depth <= 0:  # >
            return index + 1
        index += 1
    return len(text)


# --- root element --------------------------------------------------------------------------


def check_root(tree: etree._ElementTree, path: Path) -> list[Finding]:
    """The root must be TEI or teiCorpus in the TEI namespace; say clearly what it is otherwise."""
    root = tree.getroot()
    qname = etree.QName(root)
    namespace, local = qname.namespace, qname.localname
    if namespace == TEI_NS and local in ("TEI", "teiCorpus"):
        return []
    line = root.sourceline
    if local == "TEI.2":
        code, message, hint = (
            "tei.p4", "this is a TEI P4 document (root TEI.2, no namespace), not TEI P5",
            "convert it to P5 (for example with the TEI Consortium's p4top5.xsl) before validating",
        )
    elif local in ("TEI", "teiCorpus"):
        code, message, hint = (
            "tei.namespace",
            f"root element {local} is not in the TEI namespace"
            + (f" (it is in {namespace})" if namespace else " (it has no namespace)"),
            f'declare the TEI namespace on the root: <{local} xmlns="{TEI_NS}">',
        )
    elif local.lower() == "html":
        code, message, hint = (
            "tei.root", "this is an HTML page, not a TEI document",
            "validate the TEI source the page was made from",
        )
    else:
        shown = f"{{{namespace}}}{local}" if namespace else local
        code, message, hint = (
            "tei.root", f"root element is {shown}, not TEI or teiCorpus in the TEI namespace",
            f"a TEI document starts with <TEI xmlns=\"{TEI_NS}\">",
        )
    return [Finding(file=str(path), line=line, column=1, code=code, message=message, hint=hint)]


# --- findings --------------------------------------------------------------------------


def _error_types(*names: str) -> frozenset[int]:
    return frozenset(getattr(etree.ErrorTypes, name) for name in names if hasattr(etree.ErrorTypes, name))


# libxml2's error codes (never its English messages, which change between versions) decide the finding.
_LITERAL_AMPERSAND = _error_types("ERR_ENTITYREF_SEMICOL_MISSING", "ERR_ENTITYREF_NO_NAME")
_EXPANSION = _error_types("ERR_ENTITY_LOOP", "ERR_ENTITY_AMPLIFICATION")
_ENCODING = _error_types("ERR_INVALID_ENCODING", "ERR_UNKNOWN_ENCODING", "ERR_UNSUPPORTED_ENCODING",
                         "ERR_ENCODING_NAME", "ERR_MISSING_ENCODING", "ERR_INVALID_CHAR", "ERR_INVALID_CHARREF",
                         "ERR_INVALID_DEC_CHARREF", "ERR_INVALID_HEX_CHARREF", "ERR_CHARREF_AT_EOF", "I18N_CONV_FAILED",
                         "I18N_NO_HANDLER", "I18N_NO_NAME")
_TRUNCATED = _error_types("ERR_TAG_NOT_FINISHED", "ERR_COMMENT_NOT_FINISHED", "ERR_CDATA_NOT_FINISHED",
                          "ERR_PI_NOT_FINISHED", "ERR_ENTITYREF_AT_EOF", "ERR_LTSLASH_REQUIRED")
_NOT_XML = _error_types("ERR_DOCUMENT_EMPTY", "ERR_DOCUMENT_START")
_RESOURCE_LIMIT = _error_types("ERR_RESOURCE_LIMIT")
# libxml2 reports "& more" as a missing name (a start tag "<&" too): the character before the
# position it reports tells an entity reference.
_NAME_REQUIRED = _error_types("ERR_NAME_REQUIRED")
_DECODE_CHUNK = 1 << 20
_ID_REPEATED = _error_types("DTD_ID_REDEFINED")
_ID_NOT_NCNAME = _error_types("DTD_XMLID_VALUE")
_NOT_WELL_FORMED_HINT = "fix the markup at this position; the document cannot be read until it is well-formed"
_ENTITY_PREFIX = "ERR_ENTITY"


def _syntax_finding(path: Path, error: etree.XMLSyntaxError, data: bytes = b"") -> Finding:
    line, column = error.position if error.position else (None, None)
    message = error.msg or str(error)
    message = re.sub(r", line \d+, column \d+$", "", message)
    code, hint = "xml.not-well-formed", _NOT_WELL_FORMED_HINT
    number = error.code
    name = next((n for n in dir(etree.ErrorTypes) if getattr(etree.ErrorTypes, n) == number and n.isupper()), "")
    if number in _EXPANSION or number in _RESOURCE_LIMIT and _ENTITY_DECL.search(data[:PROLOG_SCAN_BYTES]):
        code, hint = "xml.entity-expansion", "entity expansion was refused as a possible attack (billion laughs); define no nested entities"
    elif number in _RESOURCE_LIMIT:  # without entities, the one resource that runs out is depth
        code, hint = "xml.too-deep", "the document nests elements deeper than the parser's limit (2048 levels)"
    elif number in _LITERAL_AMPERSAND or number in _NAME_REQUIRED and _character_before(data, line, column) == "&":
        # Nearly always a literal ampersand ("AT&T", "Marx & Engels"), not an entity.
        code, hint = "xml.entity", "write a literal ampersand as &amp;; an entity reference is &name; with its semicolon"
    elif name.startswith(_ENTITY_PREFIX) or name == "ERR_UNDECLARED_ENTITY" or name.startswith("WAR_UNDECLARED_ENTITY"):
        code, hint = "xml.entity", "entities declared in a DTD are not loaded; write the character itself or a numeric reference (&#x2014;)"
    elif number in _ENCODING:
        code, hint = "xml.encoding", "save the file as UTF-8 and declare encoding=\"UTF-8\" (or the encoding it really uses)"
    elif number in _TRUNCATED:
        code, hint = "xml.truncated", "the file ends before the document is complete: is it truncated?"
    elif number in _NOT_XML:
        code, hint = "xml.not-xml", "this file does not contain XML markup"
    return Finding(file=str(path), line=line, column=column, code=code, message=message, hint=hint)


def _character_before(data: bytes, line: int | None, column: int | None) -> str | None:
    """The character just before libxml2's position (line and column from 1; columns count
    characters), read a chunk at a time so that a line of 100 MB is never decoded whole."""
    if not data or not line or not column or column < 2:
        return None
    bom, skip = sniff_encoding(data)
    try:
        decoder = codecs.getincrementaldecoder(bom or declared_encoding(data) or "utf-8")(errors="replace")
    except LookupError:
        return None
    wanted = column - 2  # its index in the line
    current, before = 1, 0  # the line at the chunk's start; characters of the wanted line in earlier chunks
    for start in range(skip, len(data), _DECODE_CHUNK):
        text, position = decoder.decode(data[start:start + _DECODE_CHUNK]), 0
        while current < line:
            newline = text.find("\n", position)
            if newline < 0:
                break
            current, position = current + 1, newline + 1
        if current < line:
            continue
        index = position + wanted - before
        if index < len(text):
            return text[index]
        before += len(text) - position
    return None


def _finding(path: Path, code: str, message: str, hint: str | None = None, line: int | None = None) -> Finding:
    return Finding(file=str(path), line=line, code=code, message=message, hint=hint, severity=Severity.ERROR)


def _error(path: Path, code: str, message: str, line: int, column: int, hint: str) -> Finding:
    return Finding(file=str(path), line=line, column=column, code=code, message=message, hint=hint)


def _fatal(path: Path, code: str, message: str, line: int, column: int, hint: str) -> Finding:
    return Finding(file=str(path), line=line, column=column, code=code, message=message, hint=hint,
                   extra={"fatal": True})


def entities_replaced(root: etree._Element, text_of: Callable[[etree._Entity], str]) -> etree._Element:
    """A copy of ``root`` with each unexpanded entity reference replaced by ``text_of(reference)``;
    ``root`` itself when it holds none (the caller's tree always stays as it was read)."""
    if next(root.iter(etree.Entity), None) is None:
        return root
    copied = deepcopy(root)  # keeps each element's line and the document's URL
    for entity in list(copied.iter(etree.Entity)):
        replace_entity_reference(entity, text_of(entity))
    return copied


def entities_as_text(tree: etree._ElementTree) -> etree._ElementTree:
    """``tree`` with each unexpanded entity reference as the text ``&name;`` it was written as
    (a copy; ``tree`` itself when it has none): how every schema check reads such a reference."""
    root = entities_replaced(tree.getroot(), lambda entity: f"&{entity.name};")
    return tree if root is tree.getroot() else root.getroottree()


def replace_entity_reference(entity: etree._Entity, text: str) -> None:
    """Put ``text`` where the (unexpanded) entity reference ``entity`` stands, then drop the reference."""
    parent = entity.getparent()
    text += entity.tail or ""
    previous = entity.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    parent.remove(entity)
