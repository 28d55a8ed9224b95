"""Publishing a builder's output directory whole: a build that stops part-way changes nothing.

Files are written into a staging directory beside the target, then the two directories
are exchanged in one step (Linux ``renameat2(RENAME_EXCHANGE)``; elsewhere three renames,
and a left-over previous tree is put back on the next run). ``published_together`` makes
the outputs of a whole build one unit: all are staged first, then exchanged together.
Output names (``output_stems``) are unique per source and short enough for any file system.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import shutil
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path

from toolkit import native
from toolkit.atomic import confined, write_bytes
from toolkit.errors import Finding, Severity, TeikitError
from toolkit.printable import printable

AT_FDCWD = -100
RENAME_EXCHANGE = 2
STEM_BYTES = 100  # an output name's stem; room is left for suffixes within 255 bytes
# A relative name that is not plain: empty, absolute, with an empty, "." or ".." part, or a NUL.
_NOT_PLAIN = re.compile(r"(?:^|/)\.{0,2}(?:/|$)|\0")


def output_stems(sources: list[Path], reserved: tuple[str, ...] = ()) -> list[str]:
    """An output name per source: safe in a URL and a file name, at most ``STEM_BYTES``
    long, and unique (``x``, ``x-2`` for two sources named x.xml in different folders)."""
    stems: list[str] = []
    taken = set(reserved)
    for source in sources:
        base = short_stem(Path(source))
        stem, k = base, 2
        while stem in taken:
            stem, k = f"{base}-{k}", k + 1
        stems.append(stem)
        taken.add(stem)
    return stems


def short_stem(source: Path) -> str:
    """The file name's stem made safe (names not in UTF-8, control characters and
    punctuation become ``-``) and cut, with a digest of the whole name, when too long."""
    base = re.sub(r"[^\w-]+", "-", source.stem).strip("-") or "document"
    if len(base.encode("utf-8")) > STEM_BYTES:
        digest = hashlib.sha256(os.fsencode(source.name)).hexdigest()[:10]
        cut = base.encode("utf-8")[:STEM_BYTES - 11].decode("utf-8", "ignore")
        base = f"{cut}-{digest}"
    return base


def same_name_findings(sources: list[Path], stems: list[str]) -> list[Finding]:
    """A warning for each source whose outputs had to take another name than its own."""
    findings = []
    first: dict[str, Path] = {}
    for source, stem in zip(sources, stems):
        base = short_stem(Path(source))
        if stem != base:
            findings.append(Finding(
                file=str(source), severity=Severity.WARNING, code="build.same-name",
                message=f"another source ({first.get(base, base)}) has the same name: "
                        f"the outputs of this one are named {stem!r}",
                hint="give the sources different file names to choose the output names yourself",
            ))
        first.setdefault(base, Path(source))
    return findings


class Written(list):
    """The paths a builder wrote, and the warnings it has for the user (``findings``)."""

    def __init__(self, paths=(), findings=()):
        super().__init__(paths)
        self.findings = list(findings)


def publish(target: Path, files: dict[str, bytes]) -> list[Path]:
    """Make ``target`` hold exactly ``files`` (relative path -> bytes); return the paths written."""
    with publishing(target) as staging:
        for relative, data in sorted(files.items()):
            staging.write(relative, data)
    return staging.written


class Staging:
    """The folder a new output is written into before it replaces the published one.

    ``durable=False`` writes without an fsync per file: the folder is synced once, as a
    whole, before it replaces the published one (thousands of pages, one sync)."""

    def __init__(self, target: Path, folder: Path, *, durable: bool = True):
        self.target, self.folder, self.durable = target, folder, durable
        self._staged, self._published = (os.fspath(root).rstrip(os.sep) for root in (folder, target))
        self._relatives: set[str] = set()
        self._folders: set[str] = set()

    def write(self, relative: str, data: bytes) -> None:
        # Plain strings, not Path objects: a project site writes tens of thousands of pages.
        path, published = self._paths(relative)
        self._folder(os.path.dirname(path))
        # A file the published tree already holds, byte for byte, is linked rather than
        # written: it is already on disk, and a corpus rebuild writes only what changed.
        if not (_same_file(published, data) and _linked(published, path)):
            if self.durable:
                write_bytes(Path(path), data)
            else:
                with open(path, "wb") as handle:
                    handle.write(data)
        self._relatives.add(relative)

    def link(self, relative: str) -> bool:
        """Take the published tree's file as it is (it is known to be up to date); False if it
        is not there."""
        path, published = self._paths(relative)
        self._folder(os.path.dirname(path))
        try:
            if not stat.S_ISREG(os.lstat(published).st_mode):
                return False
        except OSError:
            return False
        if not _linked(published, path):
            return False
        self._relatives.add(relative)
        return True

    def _paths(self, relative: str) -> tuple[str, str]:
        """The file's path in the staging folder and in the published tree (joined as text: a
        project site links tens of thousands of files)."""
        if _NOT_PLAIN.search(relative):  # refuses what leaves the root, says why
            return str(confined(self.folder, relative)), str(confined(self.target, relative))
        return f"{self._staged}/{relative}", f"{self._published}/{relative}"

    def _folder(self, folder: str) -> None:
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)

    def sync(self) -> None:
        if not self.durable:
            _sync_filesystem(self.folder)

    @property
    def written(self) -> list[Path]:
        return [self.target / relative for relative in sorted(self._relatives)]


@contextmanager
def publishing(target: Path, *, durable: bool = True):
    """A ``Staging`` to write files into one at a time (memory holds one file, not the tree);
    on leaving the block without an error it replaces ``target`` whole, else nothing changes.
    Inside ``published_together()`` the tree is put in place with the others at the end."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    _restore_interrupted(target)
    folder = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.staging-"))
    try:
        staging = Staging(target, folder, durable=durable)
        try:
            yield staging
            staging.sync()
            os.chmod(folder, 0o755)
            if _unit is not None:  # put in place with the build's other outputs, at its end
                _unit.stage(folder, target)
                folder = None
            else:
                _commit([(folder, target)])
        except OSError as error:
            raise OutputError(target, error) from None
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


class OutputError(TeikitError):
    """An output could not be written (a full disk, no permission): an I/O error, exit 2."""

    def __init__(self, target: Path, error: OSError):
        where = error.filename or target
        super().__init__(f"cannot write {printable(os.fsdecode(where))}: {error.strerror or error}",
                         hint="no space left on the device: free some space or choose another output directory "
                              "with --output; the previous outputs were kept" if error.errno == errno.ENOSPC else
                              "the previous outputs were kept")


class _Unit:
    """Trees staged by ``publish`` during ``published_together``, put in place at its end."""

    def __init__(self):
        self.staged: dict[Path, Path] = {}  # target -> staging

    def stage(self, staging: Path, target: Path) -> None:
        earlier = self.staged.pop(target, None)
        if earlier is not None:
            shutil.rmtree(earlier, ignore_errors=True)
        self.staged[target] = staging

    def discard(self) -> None:
        for staging in self.staged.values():
            shutil.rmtree(staging, ignore_errors=True)
        self.staged.clear()


_unit: _Unit | None = None


@contextmanager
def published_together():
    """Publish every output of the block as one unit: the trees are written (staged) as the
    builders make them, and exchanged with the published ones only when the block ends
    without an exception, one rename each. A build that fails part-way (a full disk, a dead
    worker, Ctrl-C) leaves every output as it was: never a new html/ beside an old pdf/."""
    global _unit
    if _unit is not None:  # already inside a unit: part of it
        yield
        return
    unit = _unit = _Unit()
    try:
        yield
        _unit = None
        try:
            _commit(list((staging, target) for target, staging in unit.staged.items()))
        except OSError as error:
            raise OutputError(next(iter(unit.staged)), error) from None
        unit.staged.clear()
    finally:
        _unit = None
        unit.discard()


def _commit(staged: list[tuple[Path, Path]]) -> None:
    """Put each staged tree in place of its target; if one cannot be, undo the others."""
    undo = []
    try:
        for staging, target in staged:
            undo.append(_replace(staging, target))
    except OSError:
        for step in reversed(undo):
            step()
        raise
    for staging, _target in staged:  # now the previous trees, or nothing
        shutil.rmtree(staging, ignore_errors=True)


def _sync_filesystem(folder: Path) -> None:
    """Flush the filesystem holding ``folder`` to disk (Linux syncfs; elsewhere sync)."""
    syncfs = getattr(native.libc(), "syncfs", None)
    if syncfs is None:
        os.sync()
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        syncfs(descriptor)
    finally:
        os.close(descriptor)


def _same_file(published: str, data: bytes) -> bool:
    """Whether the regular file ``published`` holds ``data``."""
    try:
        status = os.lstat(published)
        if not stat.S_ISREG(status.st_mode) or status.st_size != len(data):
            return False
        with open(published, "rb") as handle:
            return handle.read() == data
    except OSError:
        return False


def _linked(published: str, path: str) -> bool:
    try:
        os.link(published, path)
    except OSError:
        return False
    return True


def _replace(new: Path, target: Path):
    """Put ``new`` in place of ``target``; ``new`` then holds the previous tree (or nothing).
    Returns what undoes it."""
    if not target.exists():
        os.rename(new, target)
        return lambda: os.rename(target, new)
    if _exchange(new, target):
        return lambda: _exchange(new, target)
    previous = target.parent / f".{target.name}.previous"
    shutil.rmtree(previous, ignore_errors=True)
    os.rename(target, previous)
    os.rename(new, target)
    os.rename(previous, new)
    return lambda: (os.rename(target, previous), os.rename(new, target), os.rename(previous, new))


def _exchange(a: Path, b: Path) -> bool:
    renameat2 = getattr(native.libc(), "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    return result == 0


def _restore_interrupted(target: Path) -> None:
    previous = target.parent / f".{target.name}.previous"
    if previous.is_dir() and not target.exists():
        os.rename(previous, target)
    for stale in target.parent.glob(f".{target.name}.staging-*"):
        shutil.rmtree(stale, ignore_errors=True)
