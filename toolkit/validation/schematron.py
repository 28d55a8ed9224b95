"""ISO Schematron on Saxon: our compiler (xslt/schematron/) turns a schema into XSLT 3 writing SVRL.

A schema is read with the safe parser, its ``sch:include`` and ``sch:extends/@href`` are
resolved here, confined to the schema's folder, and the expanded schema goes through the
compiler. The generated stylesheet is cached on disk (keyed by the expanded schema, the
compiler's files and the phase; an entry whose recorded key or checksum does not match is
compiled again) and compiled into a Saxon sealed before it sees the stylesheet, so a
schema cannot read files or the environment while it is compiled or run. ``doc()`` and
``doc-available()`` go through the run's reading policy (``reads``): by default every
read is refused; inside an allowed root, files are read safely, once per run. A refused
read is a finding for the document, not the end of the run. SVRL locations are precise
XPaths; they are walked on the document's lxml tree to give every finding a line number.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from copy import deepcopy
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from toolkit import resources
from toolkit.atomic import write_text
from toolkit.errors import Finding, Severity, TeikitError
from toolkit.limits import Limits
from toolkit.namespaces import SCHEMATRON, SVRL, TEIKIT_READS, TK, XSD, XSLT
from toolkit.validation.embedded import NoRules, embedded_schematron
from toolkit.validation.reads import ReadPolicy, ReadRefused
from toolkit.validation.selection import SchemaRef
from toolkit.validation.validator import SchemaValidator
from toolkit.xmlio import Document, UnreadableDocument, parse_bytes, read_bytes, read_document
from toolkit.xslt import SealedSaxon, TransformError

SCH_NS, SVRL_NS = SCHEMATRON, SVRL
COMPILER = "schematron/compile.xsl"

SEVERITIES = {
    "error": Severity.ERROR,
    "fatal": Severity.ERROR,
    "warning": Severity.WARNING,
    "warn": Severity.WARNING,
    "nonfatal": Severity.WARNING,
    "info": Severity.INFO,
    "information": Severity.INFO,
}

_FOUND = (f"{{{SVRL}}}failed-assert", f"{{{SVRL}}}successful-report")  # the SVRL elements that are findings
_STEP = re.compile(r"/(@?)(?:Q\{([^}]*)\})?([^/\[{]+)(?:\[(\d+)\])?")
_REFUSED_ACCESS = re.compile(r"FOUT1170|FODC0002|FODC0004|XTDE1170|prohibited|disallowed|not allowed", re.IGNORECASE)
READS_NS = TEIKIT_READS
_READ_NEEDED = re.compile(r"teikit-read-needed (\S+)")
_READ_REFUSED = re.compile(r"teikit-read-refused (\S+)")
# The generated stylesheet's calls of doc() and doc-available() go to these functions, which
# answer from the documents the run's policy let through (a parameter); any other way of
# reading a file still meets the sealed processor.
_READ_CALL = re.compile(r"(?<![\w:.\-}$])(?:fn:)?(doc|doc-available)(\s*\()")
_READ_FUNCTIONS = f"""
  <xsl:param name="Q{{{READS_NS}}}documents" as="map(*)" select="map{{}}"/>
  <xsl:param name="Q{{{READS_NS}}}base" as="xs:string" select="''" xmlns:xs="{XSD}"/>
  <xsl:function name="Q{{{READS_NS}}}uri" as="xs:string" xmlns:xs="{XSD}">
    <xsl:param name="uri" as="xs:string"/>
    <xsl:sequence select="string(resolve-uri($uri, $Q{{{READS_NS}}}base))"/>
  </xsl:function>
  <xsl:function name="Q{{{READS_NS}}}doc" as="document-node()?" xmlns:xs="{XSD}"
      xmlns:map="http://www.w3.org/2005/xpath-functions/map">
    <xsl:param name="href" as="xs:string?"/>
    <xsl:variable name="uri" select="if (exists($href)) then Q{{{READS_NS}}}uri($href) else ()"/>
    <xsl:sequence select="if (empty($uri)) then ()
        else if (map:contains($Q{{{READS_NS}}}documents, $uri))
        then ($Q{{{READS_NS}}}documents($uri), error(QName('{READS_NS}', 'refused'), 'teikit-read-refused ' || $uri))[1]
        else error(QName('{READS_NS}', 'needed'), 'teikit-read-needed ' || $uri)"/>
  </xsl:function>
  <xsl:function name="Q{{{READS_NS}}}doc-available" as="xs:boolean" xmlns:xs="{XSD}"
      xmlns:map="http://www.w3.org/2005/xpath-functions/map">
    <xsl:param name="href" as="xs:string?"/>
    <xsl:variable name="uri" select="if (exists($href)) then Q{{{READS_NS}}}uri($href) else ()"/>
    <xsl:sequence select="if (empty($uri)) then false()
        else if (map:contains($Q{{{READS_NS}}}documents, $uri)) then exists($Q{{{READS_NS}}}documents($uri))
        else error(QName('{READS_NS}', 'needed'), 'teikit-read-needed ' || $uri)"/>
  </xsl:function>
"""
# Part of every cache key: changes to how the generated stylesheet is post-processed.
GENERATION = b"reads-2"


class SchematronError(TeikitError):
    """A Schematron schema that cannot be read, compiled or run."""


class SchematronValidator(SchemaValidator):
    """Validate documents against one ISO Schematron schema (query binding xslt2/xslt3).

    ``phase`` selects a phase by id (``#ALL`` for every pattern); ``None`` means the
    schema's ``defaultPhase``. Construction compiles the schema or reuses the cached
    compilation; ``iter_findings`` gives one ``Finding`` per failed assert or successful report.
    """

    @classmethod
    def compile(cls, ref: SchemaRef, reads: ReadPolicy | None = None) -> SchemaValidator:
        """The validator of a Schematron schema, or of the rules a RELAX NG schema embeds."""
        path = ref.path
        if path.suffix.lower() == ".rng":
            path = embedded_schematron(ref.path)
            if path is None:
                return NoRules()
        return cls(path, phase=ref.phase, reads=reads)

    def __init__(self, schema: Path, *, phase: str | None = None, reads: ReadPolicy | None = None):
        self.schema = Path(schema)
        self.phase = phase
        self._compiled = _Compiled.of(self.schema, phase)
        self.key = self._compiled.key
        self.cache_path = self._compiled.cache_path
        self._runner = _runner((self._compiled,))
        self._reads = _Reads(self._runner, reads or ReadPolicy())

    def svrl(self, document: Document) -> etree._Element:
        """The SVRL report for ``document``, as an lxml element."""
        return _svrl(self._runner, "s0", self._compiled, _parsed(self._runner, document), self._reads)

    def iter_findings(self, document: Document) -> list[Finding]:
        """Findings for ``document``: failed asserts and successful reports, with lines."""
        try:
            node = _parsed(self._runner, document)
        except _DocumentUnreadable as error:
            return [_unreadable(document, error)]
        return _findings(self._runner, "s0", self._compiled, node, lambda: document, self._reads)

    def findings_of_text(self, text: str, read: Callable[[], Document]) -> list[Finding]:
        """``iter_findings`` of the document ``read()`` gives, handed to Saxon as ``text``, the text
        ``document_text`` makes of it: the document is only read for the lines of its findings."""
        try:
            node = self._runner.parse(text)
        except TransformError as error:
            return [_unreadable(read(), error)]
        return _findings(self._runner, "s0", self._compiled, node, read, self._reads)


class SchematronSuite(SchemaValidator):
    """Several schemas run on one Saxon tree per document: the document is parsed once, not once per schema.

    ``schemas`` are paths or ``(path, phase)`` pairs; findings come schema by schema, as
    ``SchematronValidator`` would give them.
    """

    def __init__(self, schemas: list[Path | tuple[Path, str | None]], *, reads: ReadPolicy | None = None):
        pairs = [(Path(item[0]), item[1]) if isinstance(item, tuple) else (Path(item), None) for item in schemas]
        self._compiled = tuple(_Compiled.of(schema, phase) for schema, phase in pairs)
        self._runner = _runner(self._compiled)
        self._reads = _Reads(self._runner, reads or ReadPolicy())

    def iter_findings(self, document: Document) -> list[Finding]:
        try:
            node = _parsed(self._runner, document)
        except _DocumentUnreadable as error:
            return [_unreadable(document, error)]
        findings = []
        for index, compiled in enumerate(self._compiled):
            findings.extend(_findings(self._runner, f"s{index}", compiled, node, lambda: document, self._reads))
        return findings


def _parsed(runner: SealedSaxon, document: Document):
    try:
        return runner.load(document, entities="as-text")  # rules see "&name;" as it was written
    except TransformError as error:
        raise _DocumentUnreadable(str(error)) from None


def _svrl(runner: SealedSaxon, name: str, compiled: _Compiled, node, reads: _Reads) -> etree._Element:
    while True:
        try:
            result = runner.transform(name, node, reads.parameters(compiled))
        except TransformError as error:
            message = str(error).removeprefix(f"{name}: ").strip()
            needed = _READ_NEEDED.search(message)
            if needed and reads.load(needed.group(1)):
                continue  # run again, with the document the schema asked for
            refused = needed or _READ_REFUSED.search(message)
            if refused:
                raise _ReadRefused(compiled, refused.group(1), reads.refusals.get(refused.group(1), "refused")) from None
            if _REFUSED_ACCESS.search(message):
                raise _ReadRefused(compiled, None, _first_line(message)) from None
            raise _DynamicError(message) from None
        return etree.fromstring(result.principal.encode("utf-8"))


def _findings(runner: SealedSaxon, name: str, compiled: _Compiled, node, read: Callable[[], Document],
              reads: _Reads) -> list[Finding]:
    """The findings of one schema on ``node``; ``read()``: the document it was made from, asked for
    only when there are findings to place."""
    try:
        report = _svrl(runner, name, compiled, node, reads)
    except _DynamicError as error:
        return [
            _finding_for(
                read(),
                "sch.dynamic-error",
                f"Schematron {compiled.schema.name} failed on this document: {_first_line(str(error))}",
                hint="a rule's XPath raised an error on this document; fix the rule or the data it trips on",
            )
        ]
    except _ReadRefused as refused:
        return [_finding_for(read(), "sch.read-refused", str(refused),
                             hint="a schema may read only the document it validates and, when the run allows it, "
                                  "XML files inside the project's folder (directly or through the catalog); "
                                  "its rules were not checked on this document")]
    if not any(node.tag in _FOUND for node in report):
        return []
    return findings_from_svrl(report, read())


class _Reads:
    """The documents a schema read in this process (parsed once, then handed to every run), and its refusals."""

    def __init__(self, runner: SealedSaxon, policy: ReadPolicy):
        self.runner, self.policy = runner, policy
        self.documents: dict[str, object] = {}  # absolute URI -> Saxon node, or None when refused
        self.refusals: dict[str, str] = {}
        self._parameter = None

    def parameters(self, compiled: _Compiled) -> dict:
        if self._parameter is None:
            processor = self.runner.processor
            self._parameter = processor.make_map({
                processor.make_string_value(uri): (node if node is not None else processor.empty_sequence())
                for uri, node in self.documents.items()
            })
        return {f"{{{READS_NS}}}documents": self._parameter, f"{{{READS_NS}}}base": compiled.schema.resolve().as_uri()}

    def load(self, uri: str) -> bool:
        """Read ``uri`` if the policy allows it; False when it was already known (nothing new to try)."""
        if uri in self.documents:
            return False
        try:
            path = self.policy.resolve(uri)
            self.documents[uri] = self.runner.load(read_document(path), entities="as-text")
        except ReadRefused as refusal:
            self.documents[uri], self.refusals[uri] = None, str(refusal)
        except (UnreadableDocument, TransformError) as error:
            self.documents[uri], self.refusals[uri] = None, f"it cannot be read: {_first_line(str(error))}"
        self._parameter = None
        return True


def _unreadable(document: Document, error: Exception) -> Finding:
    # The error already says that Saxon could not read the document (``SealedSaxon.parse``).
    return _finding_for(document, "sch.unreadable", _first_line(str(error)))


class _DocumentUnreadable(Exception):
    pass


class _DynamicError(Exception):
    pass


class _ReadRefused(Exception):
    def __init__(self, compiled: _Compiled, uri: str | None, reason: str):
        what = f"to read {uri}" if uri else "to read outside the document"
        super().__init__(f"Schematron {compiled.schema.name} tried {what}, which is refused: {reason}")


# --------------------------------------------------------------------------- reading the schema


def load_schema(schema: Path) -> etree._Element:
    """The schema's root element with every include resolved, read only from its folder and below."""
    path = schema.resolve()
    root_dir = path.parent
    element = _read_schema(path).getroot()
    _expand(element, path, root_dir, (path,))
    if element.tag != f"{{{SCH_NS}}}schema":
        raise SchematronError(
            f"{schema} is not an ISO Schematron schema: its root element is {element.tag}",
            hint=f"the root must be <schema xmlns=\"{SCH_NS}\">",
        )
    return element


def _read_schema(path: Path) -> etree._ElementTree:
    try:
        tree = parse_bytes(read_bytes(path), path)
    except UnreadableDocument as error:
        raise SchematronError(f"cannot read Schematron {error.finding}", hint=error.finding.hint) from None
    except OSError as error:
        raise SchematronError(f"cannot read Schematron {path}: {error.strerror or error}") from None
    entity = next(tree.getroot().iter(etree.Entity), None)
    if entity is not None:
        raise SchematronError(
            f"{path}:{entity.sourceline}: the entity reference &{entity.name}; is not resolved in a schema",
            hint="write the character itself or a numeric character reference",
        )
    return tree


def _expand(element: etree._Element, path: Path, root_dir: Path, chain: tuple[Path, ...]) -> None:
    includes = [
        node
        for node in element.iter(f"{{{SCH_NS}}}include", f"{{{SCH_NS}}}extends")
        if node.get("href") is not None
    ]
    for node in includes:
        target_path, fragment = _target(node, path, root_dir)
        if target_path in chain:
            raise SchematronError(
                f"{path}:{node.sourceline}: include cycle: {node.get('href')} leads back to {target_path.name}, which is already being included"
            )
        depth = Limits.current().include_depth
        if depth and len(chain) > depth:
            raise SchematronError(f"{path}:{node.sourceline}: includes are nested more than {depth} deep",
                                  hint="raise TEIKIT_INCLUDE_DEPTH if the schema really nests this deep")
        included = _read_schema(target_path).getroot()
        _expand(included, target_path, root_dir, chain + (target_path,))
        if fragment:
            matches = included.xpath("//*[@id=$f or @xml:id=$f]", f=fragment)
            if not matches:
                raise SchematronError(f"{path}:{node.sourceline}: {node.get('href')}: no element with id '{fragment}' in {target_path}")
            included = matches[0]
        if node.tag == f"{{{SCH_NS}}}extends":
            if included.tag != f"{{{SCH_NS}}}rule":
                raise SchematronError(f"{path}:{node.sourceline}: sch:extends href={node.get('href')!r} must point at a sch:rule")
            replacement = [child for child in included if child.tag != f"{{{SCH_NS}}}title"]
        elif included.tag == f"{{{SCH_NS}}}schema":
            replacement = [child for child in included if child.tag != f"{{{SCH_NS}}}title"]
        else:
            replacement = [included]
        _replace(node, replacement)


def _target(node: etree._Element, path: Path, root_dir: Path) -> tuple[Path, str]:
    href = node.get("href", "")
    parts = urlsplit(href)
    where = f"{path}:{node.sourceline}"
    if parts.scheme or parts.netloc:
        raise SchematronError(
            f"{where}: refusing to include {href!r}: only files in the schema's folder can be included",
            hint="copy the included file next to the schema and refer to it by a relative path",
        )
    target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
    if target != root_dir and root_dir not in target.parents:
        raise SchematronError(
            f"{where}: refusing to include {href!r}: it lies outside {root_dir}",
            hint="an include may only reach the schema's folder and its subfolders",
        )
    if not target.is_file():
        raise SchematronError(f"{where}: included file {href!r} does not exist ({target})")
    return target, parts.fragment


def _replace(node: etree._Element, replacement: list[etree._Element]) -> None:
    parent = node.getparent()
    if parent is None:
        raise SchematronError(f"{node.base}: a file whose root element is sch:{etree.QName(node).localname} cannot be included")
    index = parent.index(node)
    tail = node.tail
    parent.remove(node)
    for offset, child in enumerate(replacement):
        copied = _detached_copy(child)
        parent.insert(index + offset, copied)
    if replacement:
        parent[index + len(replacement) - 1].tail = tail


def _detached_copy(element: etree._Element) -> etree._Element:
    copied = deepcopy(element)
    copied.tail = None
    return copied


# --------------------------------------------------------------------------- compiling


@cache
def _compiler_fingerprint() -> bytes:
    folder = resources.stylesheet(COMPILER).parent
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.xsl")):
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes())
    return digest.digest()


@cache
def _compiler() -> SealedSaxon:
    return SealedSaxon({"compile": resources.stylesheet(COMPILER)})


def compile_to_xslt(expanded: bytes, schema: Path, phase: str | None) -> str:
    """Run the compiler on an expanded schema; the XSLT text it generates."""
    params = {f"{TK}phase": phase or ""}
    try:
        compiler = _compiler()
        generated = compiler.transform("compile", compiler.parse(expanded.decode("utf-8")), params).principal
    except TransformError as error:
        raise SchematronError(f"Schematron {schema} cannot be compiled: {_explain(str(error))}") from None
    return _with_reads(generated)


def _with_reads(xslt: str) -> str:
    """The generated stylesheet with its doc() and doc-available() calls sent through the reading policy.

    Only the XSLT instructions' attributes are rewritten: the same words in what the stylesheet
    writes (an assertion's test copied into the SVRL, whose braces are doubled there; a message's
    text) are the schema's own and stay as they are."""
    root = etree.fromstring(xslt.encode("utf-8"))
    for element in root.iter(f"{{{XSLT}}}*"):
        for name, value in element.attrib.items():
            if _READ_CALL.search(value):
                element.set(name, _READ_CALL.sub(lambda m: f"Q{{{READS_NS}}}{m.group(1)}{m.group(2)}", value))
    rewritten = etree.tostring(root, encoding="unicode")
    end = rewritten.rindex("</xsl:stylesheet>")
    return rewritten[:end] + _READ_FUNCTIONS + rewritten[end:]


class _Compiled:
    """One schema (and phase) compiled to XSLT text, through the disk cache."""

    def __init__(self, schema: Path, phase: str | None, key: str, cache_path: Path, xslt: str):
        self.schema, self.phase, self.key, self.cache_path, self.xslt = schema, phase, key, cache_path, xslt

    @classmethod
    def of(cls, schema: Path, phase: str | None) -> _Compiled:
        expanded = etree.tostring(load_schema(schema), encoding="utf-8")
        digest = hashlib.sha256()
        for part in (expanded, _compiler_fingerprint(), (phase or "").encode("utf-8"), GENERATION):
            digest.update(hashlib.sha256(part).digest())
        key = digest.hexdigest()
        cache_path = resources.cache_dir() / "schematron" / f"{key}.xsl"
        xslt = _cached(cache_path, key)
        if xslt is None:
            xslt = compile_to_xslt(expanded, schema, phase)
            write_text(cache_path, xslt + _seal_line(key, xslt))
        return cls(schema, phase, key, cache_path, xslt)


def _seal_line(key: str, xslt: str) -> str:
    return f"\n<!-- teikit {key} {hashlib.sha256(xslt.encode('utf-8')).hexdigest()} -->\n"


def _cached(path: Path, key: str) -> str | None:
    """The cached stylesheet, if the entry is whole and was written for this key; None is a miss.

    An entry cut short (a full disk), written for another schema, or edited since
    fails the check and is compiled again (and the sealed processor would give a
    planted one no more reach than the schema itself has).
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    xslt, _, last = text.rstrip("\n").rpartition("\n")
    return xslt if last + "\n" == _seal_line(key, xslt).lstrip("\n") else None


_RUNNERS: dict[tuple[str, ...], SealedSaxon] = {}


def _runner(compiled: tuple[_Compiled, ...]) -> SealedSaxon:
    """One sealed Saxon per set of schemas, compiled once per process."""
    keys = tuple(item.key for item in compiled)
    if keys in _RUNNERS:
        return _RUNNERS[keys]
    try:
        runner = SealedSaxon({f"s{index}": item.xslt for index, item in enumerate(compiled)}, trusted=False)
    except TransformError as error:
        message = str(error)
        found = re.match(r"stylesheet s(\d+) does not compile: ", message)
        schema = compiled[int(found.group(1))].schema if found else ", ".join(str(item.schema) for item in compiled)
        raise SchematronError(
            f"Schematron {schema} cannot be compiled: {_explain(message[found.end():] if found else message)}",
            hint="check the XPath in the rule contexts, tests and lets it names",
        ) from None
    _RUNNERS[keys] = runner
    return runner


def _explain(message: str) -> str:
    # Our compiler's own errors are whole sentences after "Schematron: "; keep Saxon's otherwise.
    found = re.search(r"Schematron: (.*?\.)(?:\s|$)", message, re.DOTALL)
    if found:
        return found.group(1).strip()
    return " ".join(message.split())


# --------------------------------------------------------------------------- running


def findings_from_svrl(report: etree._Element, document: Document) -> list[Finding]:
    """One finding per svrl:failed-assert and svrl:successful-report, in report order."""
    findings = []
    locator = _Locator(document.tree)
    pattern_id, pattern_number = None, 0
    for node in report:
        tag = node.tag
        if tag == f"{{{SVRL_NS}}}active-pattern":
            pattern_number += 1
            pattern_id = node.get("id")
            continue
        if tag not in _FOUND:
            continue
        location = node.get("location") or ""
        target = locator.element(location)
        role = node.get("role")
        diagnostics = [_text(ref.find(f"{{{SVRL_NS}}}text")) for ref in node.iterfind(f"{{{SVRL_NS}}}diagnostic-reference")]
        findings.append(
            Finding(
                file=str(document.path),
                line=target.sourceline if target is not None else None,
                column=None,
                severity=SEVERITIES.get((role or "").strip().lower(), Severity.ERROR),
                code=node.get("id") or f"sch.{pattern_id or f'pattern-{pattern_number}'}",
                message=_text(node.find(f"{{{SVRL_NS}}}text")),
                xpath=location,
                hint=" ".join(text for text in diagnostics if text) or None,
                extra={
                    "kind": "assert" if tag.endswith("failed-assert") else "report",
                    "test": node.get("test"),
                    "role": role,
                    "flag": node.get("flag"),
                    "see": node.get("see"),
                    "pattern": pattern_id,
                },
            )
        )
    return findings


def element_at(tree: etree._ElementTree, location: str) -> etree._Element | None:
    """The element an SVRL location designates (for attributes and text: their parent element)."""
    return _Locator(tree).element(location)


class _Locator:
    """Resolves SVRL locations on one lxml tree, sharing the work between findings.

    A list of thousands of siblings with a finding each must not be scanned once per finding.
    """

    def __init__(self, tree: etree._ElementTree):
        self.tree = tree
        self._children: dict[tuple[int, str, str], list[etree._Element]] = {}
        self._keep: list[etree._Element] = []  # keeps proxies alive so their ids stay unique

    def element(self, location: str) -> etree._Element | None:
        steps = _STEP.findall(location)
        if not steps or "".join(_rebuild(step) for step in steps) != location:
            return None
        current = None
        for attribute, namespace, name, position in steps:
            if attribute or name == "text()":  # attributes and text: their element's line
                break
            matches = self._matching(current, namespace, name)
            index = int(position or 1)
            if index > len(matches):
                return None
            current = matches[index - 1]
        return current

    def _matching(self, parent: etree._Element | None, namespace: str, name: str) -> list[etree._Element]:
        key = (id(parent), namespace, name)
        found = self._children.get(key)
        if found is None:
            if parent is None:
                root = self.tree.getroot()
                candidates = [*reversed(list(root.itersiblings(preceding=True))), root, *root.itersiblings()]
            else:
                candidates = list(parent)
                self._keep.append(parent)
            found = [node for node in candidates if _step_matches(node, namespace, name)]
            self._children[key] = found
        return found


def _step_matches(node: etree._Element, namespace: str, name: str) -> bool:
    if name == "comment()":
        return isinstance(node, etree._Comment)
    if name.startswith("processing-instruction("):
        return isinstance(node, etree._ProcessingInstruction) and node.target == name[len("processing-instruction(") : -1]
    if not isinstance(node.tag, str):
        return False
    return node.tag == (f"{{{namespace}}}{name}" if namespace else name)


def _rebuild(step: tuple[str, str, str, str]) -> str:
    attribute, namespace, name, position = step
    qualified = f"Q{{{namespace}}}{name}" if namespace else name
    return f"/{attribute}{qualified}" + (f"[{position}]" if position else "")


def _text(element: etree._Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _first_line(message: str) -> str:
    return " ".join(message.split())[:500]


def _finding_for(document: Document, code: str, message: str, hint: str | None = None) -> Finding:
    return Finding(file=str(document.path), code=code, message=message, hint=hint, severity=Severity.ERROR)
