"""Reading and writing BagIt tag files as RFC 8493 defines them: bagit.txt, bag-info.txt, manifests.

Every parser takes the file's bytes and raises ``TagFileError`` (with the line) for anything
it cannot read, so a hostile bag is reported, never a traceback.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass, field

# Names a manifest may use: RFC 8493 section 2.4 ("lowercase, no punctuation") and what hashlib knows.
MANIFEST_NAME = re.compile(r"(tag)?manifest-([a-z0-9]+)\.txt")
_ENCODED = re.compile(r"%(0[AaDd]|25)")
_LINE_END = re.compile(r"\r\n|\r|\n")  # only these end a line: other separators may be in file names
_ENTRY = re.compile(r"([0-9A-Fa-f]+)[ \t]+(.+)")


class TagFileError(ValueError):
    """A tag file that does not follow RFC 8493; the message names the file and line."""


@dataclass
class Manifest:
    name: str
    algorithm: str
    entries: dict[str, str] = field(default_factory=dict)  # decoded path -> lowercase hex digest

    @property
    def is_tag_manifest(self) -> bool:
        return self.name.startswith("tag")


def encode_name(path: str) -> str:
    """A path as a manifest writes it: CR, LF and % percent-encoded, nothing else (RFC 8493 section 2.1.3)."""
    return path.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def decode_name(text: str) -> str:
    """The inverse of ``encode_name``, in one pass (so "%2525" is "%25", not "%")."""
    return _ENCODED.sub(lambda found: {"0a": "\n", "0d": "\r", "25": "%"}[found.group(1).lower()], text)


def algorithm_of(manifest_name: str) -> str | None:
    found = MANIFEST_NAME.fullmatch(manifest_name)
    return found.group(2) if found else None


def supported(algorithm: str) -> bool:
    return algorithm in hashlib.algorithms_available and algorithm not in ("shake_128", "shake_256")


def text_of(data: bytes, name: str, encoding: str = "utf-8") -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise TagFileError(f"{name}: line {line} is not valid {encoding} (byte {error.start})") from None
    return text[1:] if text.startswith("\ufeff") else text


def lines_of(text: str) -> list[str]:
    lines = _LINE_END.split(text)
    return lines[:-1] if lines and lines[-1] == "" else lines


def read_declaration(data: bytes) -> tuple[str, str]:
    """bagit.txt: (version, tag file encoding); it is always UTF-8 itself."""
    fields = dict(_labelled(text_of(data, "bagit.txt"), "bagit.txt"))
    version = fields.get("BagIt-Version", "")
    encoding = fields.get("Tag-File-Character-Encoding", "")
    if not re.fullmatch(r"\d+\.\d+", version):
        raise TagFileError(f"bagit.txt: BagIt-Version is {version!r}, not a version such as 1.0")
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise TagFileError(f"bagit.txt: Tag-File-Character-Encoding {encoding!r} is not an encoding") from None
    return version, encoding


def read_info(data: bytes, encoding: str) -> list[tuple[str, str]]:
    """bag-info.txt: its labels and values in order (a label may repeat)."""
    return _labelled(text_of(data, "bag-info.txt", encoding), "bag-info.txt")


def payload_oxum(info: list[tuple[str, str]]) -> tuple[int, int] | None:
    """(octets, files) of the Payload-Oxum, None when absent; a malformed one is an error."""
    values = [value for label, value in info if label.lower() == "payload-oxum"]
    if not values:
        return None
    found = re.fullmatch(r"(\d+)\.(\d+)", values[0].strip())
    if len(values) > 1 or not found:
        raise TagFileError(f"bag-info.txt: Payload-Oxum {values!r} is not one OCTETCOUNT.STREAMCOUNT")
    return int(found.group(1)), int(found.group(2))


def read_manifest(name: str, data: bytes, encoding: str) -> Manifest:
    """A manifest's entries; paths are decoded and must stay inside the bag."""
    algorithm = algorithm_of(name)
    manifest = Manifest(name, algorithm)
    width = hashlib.new(algorithm).digest_size * 2
    for number, line in enumerate(lines_of(text_of(data, name, encoding)), start=1):
        if not line.strip():
            continue
        found = _ENTRY.fullmatch(line)
        if not found or len(found.group(1)) != width:
            raise TagFileError(f"{name}: line {number} is not '<{algorithm} checksum> <path>'")
        path = decode_name(found.group(2))
        problem = unsafe(path)
        if problem:
            raise TagFileError(f"{name}: line {number}: path {path!r} {problem}")
        if manifest.is_tag_manifest == path.startswith("data/"):
            where = "a payload file" if manifest.is_tag_manifest else "a file outside data/"
            raise TagFileError(f"{name}: line {number} lists {where}: {path!r}")
        if path in manifest.entries:
            raise TagFileError(f"{name}: line {number} lists {path!r} a second time")
        manifest.entries[path] = found.group(1).lower()
    return manifest


def unsafe(path: str) -> str | None:
    """Why ``path`` cannot name a file inside a bag, or None."""
    parts = path.split("/")
    if path.startswith("/") or re.match(r"[A-Za-z]:", path) or path.startswith("~"):
        return "is absolute"
    if any(part in ("", ".", "..") for part in parts):
        return "has an empty, '.' or '..' step"
    if "\0" in path:
        return "holds a NUL character"
    return None


def write_manifest(entries: dict[str, str]) -> str:
    return "".join(f"{digest}  {encode_name(path)}\n" for path, digest in sorted(entries.items()))


def _labelled(text: str, name: str) -> list[tuple[str, str]]:
    fields: list[tuple[str, str]] = []
    for number, line in enumerate(lines_of(text), start=1):
        if not line.strip():
            continue
        if line[0] in " \t" and fields:  # a continuation of the value above
            label, value = fields[-1]
            fields[-1] = (label, f"{value} {line.strip()}")
            continue
        label, colon, value = line.partition(":")
        if not colon or not label.strip():
            raise TagFileError(f"{name}: line {number} is not 'Label: value'")
        fields.append((label.strip(), value.strip()))
    return fields
