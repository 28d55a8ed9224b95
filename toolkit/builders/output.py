"""Publishing a builder's output directory whole: a build that stops part-way changes nothing.

Files are written into a staging directory beside the target, then the two directories
are exchanged in one step (Linux ``renameat2(RENAME_EXCHANGE)``; elsewhere three renames,
and a left-over previous tree is put back on the next run). ``published_together`` makes
the outputs of a whole build one unit: all are staged first, then exchanged together.

A tree of tens of thousands of files of which an edit changes a few (a project's web edition)
is updated in place instead (``in_place``): only the new and changed files are written beside
it, and at the commit they are renamed over the published ones and the files no longer made
are removed, under a journal that the next run completes if the build is killed while it
commits. A build that stops before its commit still changes nothing; a reader may see the
two builds mixed only for the moment of the commit (or, after a kill, until the next run).
Output names (``output_stems``) are unique per source and short enough for any file system.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Sequence
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


class Written(Sequence):
    """The paths a builder wrote, and the warnings it has for the user (``findings``).

    Given as names relative to a ``folder``, the paths are made only when asked for: a project's
    site writes 35,000 files, and the build records their names (``names_under``)."""

    def __init__(self, paths=(), findings=(), *, folder: Path | None = None, relatives: list[str] = ()):
        if isinstance(paths, Written):
            folder, relatives, paths = paths._folder, paths._relatives, paths._paths
        self._folder, self._relatives = folder, list(relatives)
        self._paths = list(paths) if folder is None else None
        self.findings = list(findings)

    def _made(self) -> list[Path]:
        if self._paths is None:
            self._paths = [self._folder / relative for relative in self._relatives]
        return self._paths

    def __len__(self) -> int:
        return len(self._relatives) if self._paths is None else len(self._paths)

    def __getitem__(self, index):
        return self._made()[index]

    def __eq__(self, other) -> bool:
        return list(self) == list(other) if isinstance(other, (list, Written)) else NotImplemented

    def __repr__(self) -> str:
        return f"Written({self._made()!r})"

    def names_under(self, root: Path) -> list[str] | None:
        """The files' names relative to ``root`` as text, when they were given so under a folder
        that is ``root`` or below it; else None."""
        if self._folder is None:
            return None
        try:
            prefix = self._folder.relative_to(root).as_posix()
        except ValueError:
            return None
        if ".." in prefix.split("/"):  # not below it after all: relative_to compares names, not places
            return None
        return [f"{prefix}/{relative}" for relative in self._relatives] if prefix != "." else list(self._relatives)


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
        self._published_callbacks: list = []

    def when_published(self, callback) -> None:
        """Call ``callback()`` once the tree is published (what describes the published tree,
        such as what each page was made from, is recorded only then)."""
        self._published_callbacks.append(callback)

    def published(self) -> None:
        for callback in self._published_callbacks:
            callback()

    def commit(self) -> None:
        """Put the staged tree in place of the target (``_commit`` calls it with the others)."""
        os.chmod(self.folder, 0o755)
        self.undo = _replace(self.folder, self.target)

    def write(self, relative: str, data: bytes) -> None:
        # Plain strings, not Path objects: a project site writes tens of thousands of pages.
        path, published = self._paths(relative)
        self._folder(os.path.dirname(path))
        # A file the published tree already holds, byte for byte, is linked rather than
        # written: it is already on disk, and a corpus rebuild writes only what changed.
        if not (_same_file(published, data) and _linked(published, path)):
            if relative in self._relatives:  # taken before as the published file: a link to it, not to be written through
                os.unlink(path)
            self._write_file(path, data)
        self._relatives.add(relative)

    def _write_file(self, path: str, data: bytes) -> None:
        if self.durable:
            write_bytes(Path(path), data)
        else:
            with open(path, "wb") as handle:
                handle.write(data)

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

    def staged(self) -> tuple[set[str], set[str]]:
        """The files staged so far, and of them those to be renamed over published ones (an
        ``InPlace`` tree's; none here, where the whole tree replaces the published one)."""
        return set(self._relatives), set()

    def take(self, files, changed=()) -> None:
        """Files another process staged here (``staged`` there), to be published with the rest."""
        self._relatives.update(files)

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
    def written(self) -> Written:
        return Written(folder=self.target, relatives=sorted(self._relatives))


class InPlace(Staging):
    """The published tree updated where it stands: a file written with other bytes than the
    published one goes into ``folder``, to be renamed over it at the commit; one taken as it is,
    or written with the same bytes, is not touched. Files of the tree no longer made are removed."""

    def __init__(self, target: Path, folder: Path, *, durable: bool = True):
        super().__init__(target, folder, durable=durable)
        self.changed: dict[str, None] = {}
        self._tree: tuple[set[str], list[str]] | None = None

    def write(self, relative: str, data: bytes) -> None:
        path, published = self._paths(relative)
        if not (relative in self._published_files() and _same_file(published, data)):
            self._folder(os.path.dirname(path))
            self._write_file(path, data)
            self.changed[relative] = None
        self._relatives.add(relative)

    def link(self, relative: str) -> bool:
        kept = relative in self._published_files()
        if kept:
            self._relatives.add(relative)
        return kept

    def commit(self) -> None:
        """Rename the changed files over the published ones and remove those no longer made,
        under a journal (``_roll_forward`` completes it, now or in the next run)."""
        regular, others = self._published_tree()
        removed = sorted(relative for relative in [*regular, *others] if relative not in self._relatives)
        journal = _journal(self.target)
        write_bytes(journal, json.dumps({"folder": self.folder.name, "changed": list(self.changed),
                                         "removed": removed}).encode("utf-8"))
        self.undo = lambda: journal.unlink(missing_ok=True)  # before the roll forward only

    def finish(self) -> None:
        _roll_forward(self.target)

    def staged(self) -> tuple[set[str], set[str]]:
        return set(self._relatives), set(self.changed)

    def take(self, files, changed=()) -> None:
        super().take(files)
        self.changed.update(dict.fromkeys(changed))

    def _published_files(self) -> set[str]:
        """The regular files of the published tree, in folders that are folders (not links)."""
        return self._published_tree()[0]

    def _published_tree(self) -> tuple[set[str], list[str]]:
        # Read once, by the folders' listings alone (no file is asked for its status): the
        # published tree does not change while the build stages.
        if self._tree is None:
            self._tree = _tree_of(self.target)
        return self._tree


@contextmanager
def publishing(target: Path, *, durable: bool = True, in_place: bool = False):
    """A ``Staging`` to write files into one at a time (memory holds one file, not the tree);
    on leaving the block without an error it replaces ``target`` whole (``in_place``: updates
    it where it stands, ``InPlace``), else nothing changes. Inside ``published_together()`` the
    tree is put in place with the others at the end."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    _restore_interrupted(target)
    in_place = in_place and target.is_dir() and not target.is_symlink()
    kind = "incoming" if in_place else "staging"
    folder = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.{kind}-"))
    try:
        staging = (InPlace if in_place else Staging)(target, folder, durable=durable)
        try:
            yield staging
            staging.sync()
            if _unit is not None:  # put in place with the build's other outputs, at its end
                _unit.stage(staging)
                folder = None
            else:
                folder = folder if not in_place else None  # once journaled, the next run completes it
                _commit([staging])
                folder = None
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
        self.staged: dict[Path, Staging] = {}  # target -> its staging

    def stage(self, staging: Staging) -> None:
        earlier = self.staged.pop(staging.target, None)
        if earlier is not None:
            shutil.rmtree(earlier.folder, ignore_errors=True)
        self.staged[staging.target] = staging

    def discard(self) -> None:
        for staging in self.staged.values():
            if not (isinstance(staging, InPlace) and _journal(staging.target).exists()):  # else the next run completes it
                shutil.rmtree(staging.folder, ignore_errors=True)
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
            _commit(list(unit.staged.values()))
        except OSError as error:
            raise OutputError(next(iter(unit.staged)), error) from None
        unit.staged.clear()
    finally:
        _unit = None
        unit.discard()


def _commit(staged: list[Staging]) -> None:
    """Put each staged tree in place of its target; if one cannot be, undo the others. Trees
    updated in place have their journals written first and are rolled forward last: once
    every journal is written and every tree exchanged, the build is published, even if it is
    killed before the last file is renamed (the next run renames it)."""
    ordered = sorted(staged, key=lambda staging: not isinstance(staging, InPlace))
    done = []
    try:
        for staging in ordered:
            staging.commit()
            done.append(staging)
    except OSError:
        for staging in reversed(done):
            staging.undo()
        raise
    for staging in ordered:
        if isinstance(staging, InPlace):
            staging.finish()
        else:  # now the previous tree, or nothing
            shutil.rmtree(staging.folder, ignore_errors=True)
    for staging in ordered:
        staging.published()


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
    _roll_forward(target)
    for pattern in (f".{target.name}.staging-*", f".{target.name}.incoming-*"):
        for stale in target.parent.glob(pattern):
            shutil.rmtree(stale, ignore_errors=True)


def _journal(target: Path) -> Path:
    return target.parent / f".{target.name}.journal.json"


def _roll_forward(target: Path) -> None:
    """Complete the commit of an in-place update the journal beside ``target`` describes: remove
    each file no longer made, rename each changed file not yet renamed. A journal that is not
    one (damaged, or naming files outside the tree) is dropped, its update with it."""
    journal = _journal(target)
    try:
        entry = json.loads(journal.read_bytes())
        folder = target.parent / entry["folder"]
        changed, removed = list(entry["changed"]), list(entry["removed"])
        if not entry["folder"].startswith(f".{target.name}.incoming-") or "/" in entry["folder"] \
                or not all(isinstance(name, str) and not _NOT_PLAIN.search(name) for name in changed + removed):
            raise ValueError("not a journal of this tree")
    except FileNotFoundError:
        return
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        journal.unlink(missing_ok=True)
        return
    for relative in removed:  # first: a link or file removed may stand where a folder now goes
        _remove(target, relative)
    for relative in changed:
        source = f"{folder}/{relative}"
        if os.path.lexists(source):  # not renamed before an interruption
            os.replace(source, _room_for(target, relative))
    journal.unlink()
    shutil.rmtree(folder, ignore_errors=True)


def _room_for(target: Path, relative: str) -> str:
    """The path of ``relative`` in ``target``, its folders made real folders (a file or a link
    where one should be is removed) and nothing but a file in its place."""
    path = str(target)
    for part in relative.split("/")[:-1]:
        path = f"{path}/{part}"
        try:
            status = os.lstat(path)
        except FileNotFoundError:
            os.mkdir(path)
            continue
        if not stat.S_ISDIR(status.st_mode):
            os.unlink(path)
            os.mkdir(path)
    path = f"{path}/{relative.split('/')[-1]}"
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
    return path


def _remove(target: Path, relative: str) -> None:
    """Remove ``relative`` from ``target``, and the folders it leaves empty."""
    path = f"{target}/{relative}"
    try:
        os.unlink(path)
    except FileNotFoundError:
        return
    except IsADirectoryError:
        shutil.rmtree(path, ignore_errors=True)
    folder = os.path.dirname(relative)
    while folder:
        try:
            os.rmdir(f"{target}/{folder}")
        except OSError:
            break  # not empty
        folder = os.path.dirname(folder)


def _tree_of(target: Path) -> tuple[set[str], list[str]]:
    """The tree's regular files, and whatever else stands in it that is not a folder (links, to
    folders too, and special files), relative to it; links are not followed."""
    regular: set[str] = set()
    others: list[str] = []
    pending = [("", str(target))]
    while pending:
        prefix, folder = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            relative = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                pending.append((relative + "/", entry.path))
            elif entry.is_file(follow_symlinks=False):
                regular.add(relative)
            else:
                others.append(relative)
    return regular, others
