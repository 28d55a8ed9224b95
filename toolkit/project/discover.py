"""What ``teikit init`` finds in a folder of TEI files, and the ``teikit.toml`` it writes for it.

Every TEI file under the folder is read once. A file whose text is mostly lists of
persons, places, organisations, works, events or objects (``listPerson`` ... ``listObject``) is a
register; other TEI files are documents, except backups (``*.bak``), ODD
customisations and templates (a file named ``*template*``), which are listed as left out.
Declared schemas (``<?xml-model?>``) are counted; a public URL whose path ends with a
file the project holds (``…/main/melp.sch`` and ``melp.sch``) is mapped to that file in
a catalog written beside ``teikit.toml``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree

from toolkit.namespaces import TEI_ROOTS
from toolkit.project.config import DOCUMENT_SUFFIXES, PROJECT_FILE, root_name
from toolkit.project.registers import ENTRY_KIND, LISTS
from toolkit.xmlio import TEI_NS, UnreadableDocument, read_document

T = f"{{{TEI_NS}}}"
CATALOG_FILE = "teikit-catalog.xml"
TEI_ALL_NAME = "tei_all.rng"
_DOC_CALL = re.compile(r"""\b(?:doc|document|doc-available|unparsed-text)\(\s*['"]([^'"]+)['"]""")


@dataclass
class Discovery:
    root: Path
    documents: list[Path] = field(default_factory=list)
    registers: dict[Path, Counter] = field(default_factory=dict)  # file -> entries per kind
    left_out: list[tuple[Path, str]] = field(default_factory=list)  # (file, why)
    declared: Counter = field(default_factory=Counter)  # (schema kind, href) -> documents declaring it
    mapped: dict[str, Path] = field(default_factory=dict)  # public URL -> the project's own copy
    series_titles: Counter = field(default_factory=Counter)
    languages: Counter = field(default_factory=Counter)

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def document_globs(self) -> list[str]:
        """One glob per folder holding documents."""
        folders = sorted({path.parent for path in self.documents})
        globs = []
        for folder in folders:
            suffixes = sorted({path.suffix.lower() for path in self.documents if path.parent == folder})
            prefix = "" if folder == self.root else _glob_escape(self.relative(folder)) + "/"
            globs += [f"{prefix}*{suffix}" for suffix in suffixes]
        return globs

    def excluded(self) -> list[str]:
        """Left-out TEI files the document globs would otherwise take."""
        return [self.relative(path) for path, why in self.left_out
                if path.name.lower().endswith(DOCUMENT_SUFFIXES) and why in (TEMPLATE, ODD)]

    def tei_all_urls(self) -> list[str]:
        return sorted({href for (_kind, href) in self.declared if href.endswith("/" + TEI_ALL_NAME)})


TEMPLATE, ODD, BACKUP, NOT_TEI, UNREADABLE = (
    "a template", "an ODD customisation", "a backup copy", "not TEI", "cannot be read")


def discover(root: Path) -> Discovery:
    from toolkit.validation.xmlmodel import declarations

    root = Path(root).resolve()
    found = Discovery(root)
    own_files = {}
    for path in sorted(_files(root)):
        own_files.setdefault(path.name, []).append(path)
        name = path.name.lower()
        if name.endswith(".bak") or name.endswith("~"):
            if name.rstrip("~").removesuffix(".bak").endswith(DOCUMENT_SUFFIXES):
                found.left_out.append((path, BACKUP))
            continue
        if not name.endswith(DOCUMENT_SUFFIXES):
            continue
        try:
            with open(path, "rb") as stream:
                head = stream.read(64 * 1024)
        except OSError:
            found.left_out.append((path, UNREADABLE))
            continue
        if root_name(head) not in TEI_ROOTS:
            continue  # catalogs, schemas, other XML: not the project's sources, nothing to say
        try:
            tree = read_document(path).tree
        except UnreadableDocument:
            found.documents.append(path)  # validation will say what is wrong with it
            continue
        if tree.getroot().find(f".//{T}schemaSpec") is not None:
            found.left_out.append((path, ODD))
            continue
        entries = _register_entries(tree)
        if entries is not None:
            found.registers[path] = entries
            continue
        if "template" in path.stem.lower():
            found.left_out.append((path, TEMPLATE))
            continue
        found.documents.append(path)
        for declaration in declarations(head):
            if declaration.kind:
                found.declared[(declaration.kind, declaration.href)] += 1
        for title in tree.getroot().findall(f"{T}teiHeader/{T}fileDesc/{T}seriesStmt/{T}title"):
            text = " ".join("".join(title.itertext()).split())
            if text:
                found.series_titles[text] += 1
        language = tree.getroot().find(f"{T}teiHeader/{T}profileDesc/{T}langUsage/{T}language")
        if language is not None and language.get("ident"):
            found.languages[language.get("ident")] += 1
    found.mapped = _map_to_own_files(found, own_files)
    return found


def _files(root: Path):
    for path in root.rglob("*"):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts) or relative.parts[0] == "build":
            continue
        if path.is_file():
            yield path


def _register_entries(tree: etree._ElementTree) -> Counter | None:
    """Entries per kind if the file is a register: its text (or standOff, without a text) is mostly lists."""
    root = tree.getroot()
    text = root.find(f"{T}text")
    holder = text if text is not None else root.find(f"{T}standOff")
    if holder is None:
        return None
    counts = Counter()
    listed_words = 0
    for list_element in holder.iter(*(T + name for name in LISTS)):
        if any(ancestor.tag in {T + name for name in LISTS} for ancestor in list_element.iterancestors()):
            continue
        for element in list_element.iter(*(T + name for name in ENTRY_KIND)):
            counts[ENTRY_KIND[etree.QName(element).localname]] += 1
        listed_words += len("".join(list_element.itertext()).split())
    if not counts:
        return None
    all_words = len("".join(holder.itertext()).split())
    return counts if listed_words >= all_words / 2 else None


def _map_to_own_files(found: Discovery, own_files: dict[str, list[Path]]) -> dict[str, Path]:
    """Public URLs (declared schemas, and files the project's Schematron reads with doc()) whose path
    ends with the path of one of the project's files."""
    urls = {href for (_kind, href) in found.declared if urlsplit(href).scheme in ("http", "https")}
    for (kind, href) in list(found.declared):
        if kind == "sch":
            local = _own_copy(href, found.root, own_files)
            if local is not None and local.suffix.lower() in (".sch", ".isosch"):
                try:
                    urls |= set(_DOC_CALL.findall(local.read_text(encoding="utf-8", errors="replace")))
                except OSError:
                    pass
    mapped = {}
    for url in sorted(urls):
        local = _own_copy(url, found.root, own_files)
        if local is not None:
            mapped[url] = local
    return mapped


def _own_copy(url: str, root: Path, own_files: dict[str, list[Path]]) -> Path | None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return None
    segments = [segment for segment in parts.path.split("/") if segment]
    if not segments:
        return None
    candidates = own_files.get(segments[-1], [])
    # The candidate whose path agrees with the URL's on the most trailing segments, if only one does.
    scored = []
    for candidate in candidates:
        relative = candidate.relative_to(root).parts
        common = 0
        while common < min(len(relative), len(segments)) and relative[-1 - common] == segments[-1 - common]:
            common += 1
        scored.append((common, candidate))
    scored.sort(key=lambda pair: -pair[0])
    if not scored or (len(scored) > 1 and scored[0][0] == scored[1][0]):
        return None
    return scored[0][1]


def _glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


# --- teikit.toml ---------------------------------------------------------------------------------


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _toml_list(values: list[str], indent: str = "    ") -> str:
    if not values:
        return "[]"
    return "[\n" + "".join(f"{indent}{_toml_string(value)},\n" for value in values) + "]"


def catalog_text(found: Discovery, catalog_path: Path) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             "<!-- Public URLs the project's files use, mapped to the project's own copies (teikit init). -->",
             '<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">']
    for url, local in found.mapped.items():
        relative = local.relative_to(catalog_path.parent).as_posix()
        lines.append(f'  <uri name="{_xml_attribute(url)}" uri="{_xml_attribute(_uri_path(relative))}"/>')
    lines.append("</catalog>")
    return "\n".join(lines) + "\n"


def _uri_path(relative: str) -> str:
    from urllib.parse import quote

    return quote(relative)


def _xml_attribute(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def project_file_text(found: Discovery, *, catalog: bool) -> str:
    """A commented ``teikit.toml`` for what was found."""
    title = found.series_titles.most_common(1)[0][0] if found.series_titles else found.root.name
    out = [
        f"# {PROJECT_FILE}: the project teikit works on in this folder (written by `teikit init`).",
        "# Every key is optional; paths are relative to this file.",
        "",
        f"title = {_toml_string(title)}",
        '# description = "One or two sentences for the home page of the web edition."',
    ]
    if found.languages:
        out.append(f"language = {_toml_string(found.languages.most_common(1)[0][0])}")
    else:
        out.append('# language = "en"')
    out += ["", "[documents]", f"# {len(found.documents)} TEI documents found."]
    out.append(f"include = {_toml_list(found.document_globs())}")
    excluded = found.excluded()
    if excluded:
        out.append("# Left out: templates and ODD customisations.")
        out.append(f"exclude = {_toml_list(excluded)}")
    else:
        out.append("# exclude = []")
    out += ["", "[registers]"]
    if found.registers:
        for path, counts in found.registers.items():
            summary = ", ".join(f"{count} {kind}" for kind, count in sorted(counts.items()))
            out.append(f"# {found.relative(path)}: {summary}")
        out.append(f"include = {_toml_list([_glob_escape(found.relative(p)) for p in found.registers])}")
    else:
        out.append("# No register files found; registers in the documents' standOff or back are read anyway.")
        out.append("# include = [\"registers/*.xml\"]")
    out += ["", "[validation]",
            "# The schemas the documents declare (<?xml-model?>) are used unless `schemas` replaces them:"]
    for (kind, href), count in sorted(found.declared.items()):
        out.append(f"#   {kind} {href} ({count} documents)")
    out.append('# schemas = ["schema/project.rng", "schema/project.sch"]')
    if catalog:
        out.append(f"catalog = {_toml_string(CATALOG_FILE)}  # public URLs mapped to the project's own files")
    else:
        out.append('# catalog = "catalog.xml"  # an OASIS XML catalog mapping schema URLs to local files')
    tei_all = found.tei_all_urls()
    if tei_all:
        out.append("# The documents declare tei_all by its public URL; teikit never fetches it. Give a local copy:")
        out.append(f'# tei_all = "path/to/{TEI_ALL_NAME}"')
    out += ["", "[outputs]", '# directory = "build"', '# build = ["html", "index", "pdf"]', "",
            "[outputs.html]", f"# site_title = {_toml_string(title)}", '# language = "en"  # of the interface', "",
            "[outputs.pdf]", '# paper = "A5"  # A5, A4, B5 or letter', '# fonts = ["Linux Libertine O", "DejaVu Serif"]',
            '# order = "date"  # or "listed": as [documents] lists them', "",
            "[rendering]",
            "# How the documents are rendered (the same keys as `teikit build --rendering FILE.toml`).",
            '# language = "en"  # interface words: en, de or fr (default: each document\'s language)',
            '# abbreviations = "expan"  # print: "expan", "abbr" or "both" (the web offers both)',
            '# gaps = { illegible = "[illegible]" }  # what a <gap> of that @reason says (default: […])',
            '# behaviours = { fw = "omit", "seg[@type=verse]" = "line" }  # TEI elements as block, inline, omit…',
            '# words = { notes = { en = "Endnotes" } }  # interface words replaced',
            '# stylesheet = "rendering/project.xsl"  # XSLT imported over teikit\'s',
            '# css = "rendering/web.css"',
            '# print_css = "rendering/print.css"',
            "# [rendering.print_preface]  # a note printed before the text of the book",
            '# heading = "About this edition"',
            '# paragraphs = ["…"]', "",
            "[deposit]",
            "# `teikit deposit` derives the archive's records from the documents' headers; what they do not",
            "# say of the whole project goes here. An identifier is never guessed: give the project's own.",
            '# identifier = "https://doi.org/10.xxxx/yyyy"',
            '# creators = ["Family, Given"]  # default: the documents\' authors and senders',
            "# publisher = \"...\"  # default: the publisher (or authority) the documents name most",
            '# date = "2024"  # of publication; default: the latest of the documents\'',
            '# licence = "CC BY 4.0"  # default: the documents\' licences',
            '# licence_url = "https://creativecommons.org/licenses/by/4.0/"',
            '# contact_email = "editors@example.org"', ""]
    return "\n".join(out)
