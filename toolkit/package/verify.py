"""Checking a bag later: every file present, none extra, every checksum right, each file read once.

A bag folder, zip or tar is read where it lies (``bagfiles``): nothing is extracted, nothing
but regular files inside the bag is opened. Before any file is hashed, the sizes the bag
declares are checked against its Payload-Oxum and the limits of ``toolkit.limits``, so a
zip bomb or a sparse giant is refused by its headers. A problem with the bag is a
``Problem`` (exit status 1); the verifier's own trouble reading (I/O error) raises
``bagfiles.Unreadable`` (exit status 2): it says nothing about the bag.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.limits import Limits
from toolkit.package import bagfiles, tagfiles
from toolkit.package.bagfiles import DamagedEntry, LimitReached, NotABag
from toolkit.package.tagfiles import TagFileError


@dataclass(frozen=True)
class Problem:
    kind: str  # "missing", "altered", "extra", "invalid", "refused" (a limit), "unsafe"
    path: str
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.kind}: {printable(self.path)}" + (f" ({printable(self.detail)})" if self.detail else "")


@dataclass
class Verification:
    bag: str
    problems: list[Problem] = field(default_factory=list)
    files: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def printable(text: str) -> str:
    """``text`` safe for a terminal: control characters and undecodable bytes are shown escaped."""
    return "".join(
        char if char.isprintable() and not 0xDC80 <= ord(char) <= 0xDCFF else
        (f"\\x{ord(char) - 0xDC00:02x}" if 0xDC80 <= ord(char) <= 0xDCFF else repr(char)[1:-1])
        for char in text)


def verify(path: Path, limits: Limits | None = None) -> Verification:
    """Verify a bag folder, or a bag serialised as .zip or .tar (with its .sha256 beside it, if any)."""
    path = Path(path)
    limits = limits or Limits.current()
    if not path.exists() and not path.is_symlink():
        return Verification(str(path), [Problem("missing", str(path), "no such bag, zip or tar")])
    result = Verification(str(path))
    try:
        with bagfiles.opened(path, limits) as files:
            mismatch = files.sha256 and _checksum_mismatch(path, files.sha256)
            if mismatch:
                result.problems.append(Problem("altered", path.name, mismatch))
            _verify_files(files, limits, result)
    except NotABag as error:
        result.problems.append(Problem("invalid", path.name, str(error)))
    except LimitReached as error:
        result.problems.append(Problem("refused", path.name, str(error)))
    return result


def verify_folder(folder: Path, *, label: str | None = None, limits: Limits | None = None) -> Verification:
    result = verify(folder, limits)
    result.bag = label or result.bag
    return result


def _verify_files(files, limits: Limits, result: Verification) -> None:
    entries = files.entries
    regular = {name: entry for name, entry in entries.items() if entry.kind == "file"}
    for name, entry in sorted(entries.items()):
        if entry.kind in ("other", "unsafe"):
            result.problems.append(Problem("unsafe" if entry.kind == "unsafe" else "invalid", name, entry.why))
    result.files = len(regular)

    tags = _read_tags(files, regular, limits, result)
    if tags is None:
        return
    manifests, oxum, tag_bytes = tags
    payload_manifests = [m for m in manifests if not m.is_tag_manifest]
    tag_manifests = [m for m in manifests if m.is_tag_manifest]

    present = {name for name, entry in entries.items() if entry.kind != "folder"}
    matched = _match(manifests, present)
    listed_payload = {matched.get(path, path) for m in payload_manifests for path in m.entries}
    for path in sorted({path for m in manifests for path in m.entries}):
        if matched.get(path) is None:
            result.problems.append(Problem("missing", path))
    payload_present = {name for name in present if name.startswith("data/")}
    for name in sorted(payload_present - listed_payload):
        if entries[name].kind == "file":
            result.problems.append(Problem("extra", name, "not in any manifest"))
    for manifest in payload_manifests:
        for name in sorted(listed_payload & payload_present):
            if not any(matched.get(path) == name for path in manifest.entries):
                result.problems.append(Problem("invalid", name, f"not listed in {manifest.name}"))
    if tag_manifests:
        listed_tags = {matched.get(path) for m in tag_manifests for path in m.entries}
        for name in sorted(present - payload_present - listed_tags):
            if entries[name].kind == "file" and not (tagfiles.algorithm_of(name) and name.startswith("tagmanifest-")):
                result.problems.append(Problem("extra", name, "not in any tag manifest"))

    payload_files = [name for name in payload_present if entries[name].kind == "file"]
    if oxum is not None:
        octets, streams = sum(regular[name].size for name in payload_files), len(payload_files)
        if (octets, streams) != oxum:
            result.problems.append(Problem("invalid", "bag-info.txt",
                                           f"Payload-Oxum says {oxum[0]} bytes in {oxum[1]} files, "
                                           f"the payload holds {octets} bytes in {streams} files"))

    # Which algorithms each file is checked with: every manifest listing it, in one reading.
    wanted: dict[str, dict[str, str]] = {}
    for manifest in manifests:
        for path, digest in manifest.entries.items():
            name = matched.get(path)
            if name is not None and entries[name].kind == "file":
                wanted.setdefault(name, {})[manifest.algorithm] = digest
    total = sum(regular[name].size for name in wanted)
    if limits.verify_bytes and total > limits.verify_bytes:
        result.problems.append(Problem("refused", files.label,
                                       f"its files declare {total} bytes, more than the {limits.verify_bytes} "
                                       "one verification reads (raise TEIKIT_VERIFY_BYTES to check it)"))
        return
    if files.archive_size is not None and limits.verify_ratio and total > 1 << 20 \
            and total > limits.verify_ratio * files.archive_size:
        result.problems.append(Problem("refused", files.label,
                                       f"it declares {total} bytes unpacked, more than {limits.verify_ratio} times "
                                       f"its own {files.archive_size} bytes (raise TEIKIT_VERIFY_RATIO to check it)"))
        return
    for name in sorted(wanted):
        expected = wanted[name]
        try:
            if name in tag_bytes:  # read once already, to be parsed: the bytes parsed are the bytes checked
                actual = {algorithm: hashlib.new(algorithm, tag_bytes[name]).hexdigest() for algorithm in expected}
            else:
                actual = files.digests(name, sorted(expected))
        except DamagedEntry as error:
            result.problems.append(Problem("altered", name, f"cannot be read back: {error}"))
            continue
        except LimitReached as error:
            result.problems.append(Problem("refused", name, str(error)))
            return
        wrong = [algorithm for algorithm in sorted(expected) if expected[algorithm] != actual[algorithm]]
        if wrong:
            result.problems.append(Problem("altered", name, f"{', '.join(wrong)} checksum differs"))


def _read_tags(files, regular, limits: Limits, result: Verification):
    """(manifests, Payload-Oxum) read from the tag files, or None when the bag cannot be checked further."""
    tag_bytes: dict[str, bytes] = {}

    def read(name: str) -> bytes:
        tag_bytes[name] = files.read(name, limits.tag_file_bytes)
        return tag_bytes[name]

    try:
        if "bagit.txt" not in regular:
            raise TagFileError("bagit.txt: missing, so this is not a bag")
        _version, encoding = tagfiles.read_declaration(read("bagit.txt"))
        oxum = None
        if "bag-info.txt" in regular:
            oxum = tagfiles.payload_oxum(tagfiles.read_info(read("bag-info.txt"), encoding))
        manifests = []
        for name in sorted(regular):
            algorithm = tagfiles.algorithm_of(name)
            if algorithm is None:
                continue
            if not tagfiles.supported(algorithm):
                result.problems.append(Problem("invalid", name, f"checksum algorithm {algorithm!r} is not "
                                                                "available here, so it cannot be checked"))
                continue
            manifests.append(tagfiles.read_manifest(name, read(name), encoding))
    except TagFileError as error:
        result.problems.append(Problem("invalid", str(error).split(":", 1)[0], str(error).split(": ", 1)[-1]))
        return None
    except DamagedEntry as error:
        result.problems.append(Problem("altered", "tag files", f"cannot be read back: {error}"))
        return None
    except LimitReached as error:
        result.problems.append(Problem("refused", files.label, str(error)))
        return None
    if not any(not m.is_tag_manifest for m in manifests):
        result.problems.append(Problem("invalid", "manifest-<algorithm>.txt", "the bag has no payload manifest"))
        return None
    return manifests, oxum, tag_bytes


def _match(manifests, present: set[str]) -> dict[str, str | None]:
    """Each listed path to the file that holds it: the same name, else the one name equal under NFC.

    A bag made on a system that stores names decomposed still verifies, but a second file
    whose name differs from a listed one only in normalisation is never taken for it.
    """
    by_form: dict[str, list[str]] = {}
    for name in present:
        by_form.setdefault(unicodedata.normalize("NFC", name), []).append(name)
    listed = {path for manifest in manifests for path in manifest.entries}
    matched: dict[str, str | None] = {}
    for path in listed:
        if path in present:
            matched[path] = path
            continue
        candidates = [name for name in by_form.get(unicodedata.normalize("NFC", path), []) if name not in listed]
        matched[path] = candidates[0] if len(candidates) == 1 else None
    return matched


def _checksum_mismatch(archive: Path, actual: str) -> str | None:
    """If ``<archive>.sha256`` lies beside it and disagrees with ``actual``, say so; None when it agrees or is absent.

    A deposit puts its new archive in place, then its checksum (``toolkit.package.commit``): one
    stopped between the two leaves the new archive beside the old checksum, with the new
    checksum staged beside them (``.<archive>.sha256.new``) until the next deposit finishes
    the move. An archive that matches that staged checksum is the deposit's own, not altered.
    """
    checksum = archive.with_name(archive.name + ".sha256")
    if not checksum.exists():
        return None
    try:
        recorded = _recorded_digest(checksum)
    except NotABag:
        return f"{checksum.name} is not a regular file"
    if recorded == actual:
        return None
    staged = checksum.with_name(f".{checksum.name}.new")
    try:
        if staged.exists() and _recorded_digest(staged) == actual:
            return None
    except NotABag:
        pass
    return f"{archive.name} does not match {checksum.name}"


def _recorded_digest(checksum: Path) -> str | None:
    with bagfiles.regular_file(checksum) as handle:
        recorded = handle.read(4096).split()[:1]
    return recorded[0].decode("ascii", "replace") if recorded else None
