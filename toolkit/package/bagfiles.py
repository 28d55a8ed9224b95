"""The files of a bag wherever it lies (a folder, a zip, a tar), behind one small interface.

Nothing is extracted: an archive is read member by member where it lies, so verifying it
writes nothing to disk. Only regular files are ever opened: a FIFO, a device, a link leading
outside the bag, to a folder or to nothing is described to the user, never read.
"""

from __future__ import annotations

import errno
import gzip
import hashlib
import io
import lzma
import os
import stat
import tarfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import TeikitError
from toolkit.limits import Limits


@dataclass(frozen=True)
class Entry:
    kind: str  # "file", "folder", "other" (a special file, never read) or "unsafe" (leads outside, never read)
    size: int = 0
    why: str = ""  # for "other": what it is, for the user
    real: str | None = None  # a folder bag's file reached through a link inside the bag: its real path


class NotABag(Exception):
    """The path holds no bag: not a folder, zip or tar, or no bagit.txt at its top."""


class LimitReached(Exception):
    """Reading on would pass one of the limits (``toolkit.limits``); the message says which and how to raise it."""


class DamagedEntry(Exception):
    """An archive member that cannot be read back (corrupt data, a wrong CRC, cut short)."""


class Unreadable(TeikitError):
    """The verifier itself could not read (I/O error, no permission): a usage or I/O error, not a damaged bag."""


def opened(path: Path, limits: Limits):
    """The bag at ``path``: a ``FolderFiles``, ``ZipFiles`` or ``TarFiles``; use it in a ``with``."""
    if path.is_dir():
        return FolderFiles(path, limits)
    handle = regular_file(path)
    try:
        sha256 = hashlib.file_digest(handle, "sha256").hexdigest()  # for the .sha256 beside it
        handle.seek(0)
        if zipfile.is_zipfile(handle):
            files = ZipFiles(path, handle, limits)
        elif not handle.seek(0) and tarfile.is_tarfile(handle):
            handle.seek(0)
            files = TarFiles(path, handle, limits)
        else:
            raise NotABag(f"{path.name} is neither a bag folder nor a zip or tar file")
    except OSError as error:
        handle.close()
        raise _unreadable(path, error) from None
    except BaseException:
        handle.close()
        raise
    files.sha256 = sha256
    return files


def regular_file(path: Path):
    """``path`` opened for reading if it is a regular file; a FIFO or device is refused without waiting on it."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as error:
        raise _unreadable(path, error) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise NotABag(f"{path.name} is neither a folder nor a regular file")
    return os.fdopen(fd, "rb")


class _Files:
    """What the three kinds share: the entries, the budget of bytes, hashing each file once."""

    entries: dict[str, Entry]
    archive_size: int | None = None
    sha256: str | None = None  # of an archive, as read for its checksum file

    def __init__(self, limits: Limits):
        self.limits = limits
        self.budget = limits.verify_bytes or None  # bytes still to be read; None: no limit

    def __enter__(self):
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def close(self) -> None:
        pass

    def read(self, name: str, limit: int) -> bytes:
        """A small file whole (tag files); more than ``limit`` bytes is ``LimitReached``."""
        entry = self.entries[name]
        if limit and entry.size > limit:
            raise LimitReached(f"{name} is {entry.size} bytes, more than the {limit} a tag file may have "
                               "(TEIKIT_TAG_FILE_BYTES)")
        with self._open(name) as handle:
            return self._guarded(lambda: _Counted(handle, self, name, entry.size).readall(), name)

    def digests(self, name: str, algorithms: list[str]) -> dict[str, str]:
        """Every checksum of one file, computed in one reading of it."""
        entry = self.entries[name]
        with self._open(name) as handle:
            hashes = self._guarded(lambda: hashlib.file_digest(
                _Counted(handle, self, name, entry.size), lambda: _Hashes(algorithms)), name)
        return hashes.hexdigests()

    def where(self, name: str) -> str:
        """How to name one of the bag's files in a message."""
        return f"{self.label} ({name})"

    def _guarded(self, work, name: str | None = None):
        try:
            return work()
        except (LimitReached, DamagedEntry, Unreadable):
            raise
        except (zipfile.BadZipFile, tarfile.TarError, zlib.error, lzma.LZMAError, gzip.BadGzipFile, EOFError,
                NotImplementedError, RuntimeError) as error:
            raise DamagedEntry(str(error) or type(error).__name__) from None
        except OSError as error:
            raise _unreadable(self.where(name) if name else self.label, error) from None

    def _open(self, name: str):
        raise NotImplementedError


class FolderFiles(_Files):
    def __init__(self, folder: Path, limits: Limits):
        super().__init__(limits)
        self.label = str(folder)
        self.root = Path(os.path.realpath(folder))
        self.entries = {}
        try:
            self._walk()
        except OSError as error:
            raise _unreadable(Path(error.filename or folder), error) from None

    def _walk(self) -> None:
        # Never follows a link into a folder: no loops, nothing outside the bag is listed.
        stack = [("", str(self.root))]
        while stack:
            prefix, folder = stack.pop()
            with os.scandir(folder) as listing:
                for item in listing:
                    name = prefix + item.name
                    _count(self.entries, self.limits)
                    if item.is_symlink():
                        self.entries[name] = self._through_link(item.path)
                    elif item.is_dir(follow_symlinks=False):
                        self.entries[name] = Entry("folder")
                        stack.append((name + "/", item.path))
                    else:
                        mode = item.stat(follow_symlinks=False)
                        self.entries[name] = (Entry("file", mode.st_size) if stat.S_ISREG(mode.st_mode)
                                              else Entry("other", why=f"{_kind(mode.st_mode)}, not a regular file"))

    def _through_link(self, path: str) -> Entry:
        target = Path(os.path.realpath(path))
        if not target.is_relative_to(self.root):  # compared step by step, not as text
            return Entry("unsafe", why="a symbolic link leading outside the bag (not followed)")
        try:
            mode = os.stat(target, follow_symlinks=False)
        except OSError as error:
            if error.errno in (errno.ENOENT, errno.ENOTDIR):
                return Entry("other", why="a symbolic link to nothing")
            if error.errno == errno.ELOOP:
                return Entry("other", why="a symbolic link that loops")
            raise
        if stat.S_ISREG(mode.st_mode):
            return Entry("file", mode.st_size, real=str(target))
        return Entry("other", why=f"a symbolic link to {_kind(mode.st_mode)}, not to a regular file")

    def where(self, name: str) -> str:
        return self.entries[name].real or os.path.join(self.label, name)

    def _open(self, name: str):
        path = self.entries[name].real or os.path.join(self.root, name)
        try:
            # O_NONBLOCK: a file swapped for a FIFO since the listing cannot make us wait for a writer.
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise DamagedEntry("became a symbolic link while being verified") from None
            raise _unreadable(self.where(name), error) from None
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise DamagedEntry("is no longer a regular file")
        return os.fdopen(fd, "rb", buffering=0)


class ZipFiles(_Files):
    METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)

    def __init__(self, archive: Path, handle, limits: Limits):
        super().__init__(limits)
        self.label = str(archive)
        self.archive_size = os.fstat(handle.fileno()).st_size
        try:
            self.bundle = zipfile.ZipFile(handle)
        except zipfile.BadZipFile as error:
            raise NotABag(f"{archive.name} is not a readable zip file: {error}") from None
        self.handle = handle
        members = self.bundle.infolist()
        if limits.verify_files and len(members) > limits.verify_files:
            self.close()
            raise LimitReached(f"{archive.name} holds {len(members)} entries, more than {limits.verify_files} "
                               "(TEIKIT_VERIFY_FILES)")
        self.infos: dict[str, zipfile.ZipInfo] = {}
        described = [(info.filename, self._describe(info)) for info in members]
        self.entries = _rooted(described, archive.name)
        prefix = _prefix(described)
        for info in members:
            self.infos.setdefault(info.filename.rstrip("/")[len(prefix):], info)

    def _describe(self, info: zipfile.ZipInfo) -> Entry:
        mode = info.external_attr >> 16
        if info.is_dir() or stat.S_ISDIR(mode):
            return Entry("folder")
        if mode and not stat.S_ISREG(mode):
            return Entry("other", why=f"{_kind(mode)} in the zip, not a regular file")
        if info.compress_type not in self.METHODS:
            return Entry("other", why=f"compressed with zip method {info.compress_type}, which is not read "
                                      "(only stored and deflated entries are)")
        return Entry("file", info.file_size)

    def _open(self, name: str):
        return self._guarded(lambda: self.bundle.open(self.infos[name]))

    def close(self) -> None:
        self.bundle.close()
        self.handle.close()


class TarFiles(_Files):
    def __init__(self, archive: Path, handle, limits: Limits):
        super().__init__(limits)
        self.label = str(archive)
        self.archive_size = os.fstat(handle.fileno()).st_size
        self.handle = handle
        try:
            self.bundle = tarfile.open(fileobj=handle, mode="r:*")
            described, self.members = [], {}
            for member in self.bundle:  # headers only: sizes are declared, nothing is read yet
                if limits.verify_files and len(described) >= limits.verify_files:
                    raise LimitReached(f"{archive.name} holds more than {limits.verify_files} entries "
                                       "(TEIKIT_VERIFY_FILES)")
                name = member.name[2:] if member.name.startswith("./") else member.name
                described.append((name, self._describe(member)))
                self.members.setdefault(name, member)
        except (tarfile.TarError, EOFError, zlib.error, lzma.LZMAError, gzip.BadGzipFile) as error:
            raise NotABag(f"{archive.name} is not a readable tar file: {error}") from None
        self.entries = _rooted(described, archive.name)
        prefix = _prefix(described)
        self.members = {name[len(prefix):]: member for name, member in self.members.items()}

    @staticmethod
    def _describe(member: tarfile.TarInfo) -> Entry:
        if member.isdir():
            return Entry("folder")
        if member.isreg():
            return Entry("file", member.size)
        what = "a link" if member.issym() or member.islnk() else "a device or FIFO"
        return Entry("other", why=f"{what} in the tar, not a regular file")

    def _open(self, name: str):
        return self._guarded(lambda: self.bundle.extractfile(self.members[name]))

    def close(self) -> None:
        self.bundle.close()
        self.handle.close()


class _Hashes:
    """Several hash objects fed by one reading (what ``hashlib.file_digest`` needs of a digest)."""

    def __init__(self, algorithms: list[str]):
        self.hashers = {algorithm: hashlib.new(algorithm) for algorithm in algorithms}

    def update(self, data) -> None:
        for hasher in self.hashers.values():
            hasher.update(data)

    def hexdigests(self) -> dict[str, str]:
        return {algorithm: hasher.hexdigest() for algorithm, hasher in self.hashers.items()}


class _Counted(io.RawIOBase):
    """A reader that charges every byte to the bag's budget and stops at what the entry declared."""

    def __init__(self, handle, files: _Files, name: str, declared: int):
        self.handle, self.files, self.name, self.declared, self.seen = handle, files, name, declared, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        size = self.handle.readinto(buffer)
        if not size:
            return 0
        self.seen += size
        if self.seen > self.declared:
            raise DamagedEntry(f"holds more than the {self.declared} bytes it declares")
        if self.files.budget is not None:
            self.files.budget -= size
            if self.files.budget < 0:
                raise LimitReached(f"reading {self.name} passes the {self.files.limits.verify_bytes} bytes "
                                   "one verification may read (TEIKIT_VERIFY_BYTES)")
        return size


def _rooted(described: list[tuple[str, Entry]], archive: str) -> dict[str, Entry]:
    """An archive's entries relative to its bag's top folder; unsafe or repeated names become "other"."""
    prefix = _prefix(described)
    entries: dict[str, Entry] = {}
    for raw, entry in described:
        if prefix and raw.rstrip("/") == prefix.rstrip("/"):
            continue  # the bag's own top folder
        name = raw.rstrip("/")[len(prefix):] if raw.startswith(prefix) else raw
        if not raw.startswith(prefix) or _unsafe(raw):
            entry = Entry("unsafe", why="an entry whose name leaves the bag's folder (not read)")
        if name in entries and entry.kind != "folder":
            entry = Entry("other", why=f"stored more than once in {archive} (not read)")
        if name:
            entries[name] = entry
    return entries


def _prefix(described: list[tuple[str, Entry]]) -> str:
    names = {raw.rstrip("/") for raw, _ in described}
    if "bagit.txt" in names:
        return ""
    tops = {name.split("/", 1)[0] for name in names}
    if len(tops) == 1 and f"{next(iter(tops))}/bagit.txt" in names:
        return next(iter(tops)) + "/"
    raise NotABag("it holds no bag (no bagit.txt at its top, nor in its one top folder)")


def _unsafe(name: str) -> bool:
    # Nothing is extracted, so only what would make two spellings of one path matters ("\\" is a character).
    steps = name.rstrip("/").split("/")
    return name.startswith("/") or any(step in ("", ".", "..") for step in steps)


def _count(entries: dict, limits: Limits) -> None:
    if limits.verify_files and len(entries) >= limits.verify_files:
        raise LimitReached(f"the bag holds more than {limits.verify_files} files and folders (TEIKIT_VERIFY_FILES)")


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "a special file"


def _unreadable(path, error: OSError) -> Unreadable:
    return Unreadable(f"cannot read {path}: {error.strerror or error}",
                      hint="the bag could not be checked here; this says nothing about whether it is intact")
