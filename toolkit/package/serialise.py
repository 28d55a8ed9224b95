"""One-file forms of a bag (zip, tar) that are the same bytes for the same bag (``verify`` reads them back)."""

from __future__ import annotations

import hashlib
import os
import stat
import tarfile
import tempfile
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from toolkit.atomic import write_text

FORMATS = {"zip": ".zip", "tar": ".tar"}
EPOCH_1980 = 315532800  # the earliest time a zip entry can carry


def paths(bag: Path, form: str) -> tuple[Path, Path]:
    """Where the ``form`` serialisation of ``bag`` and its checksum file go: beside the bag."""
    archive = bag.with_name(bag.name + FORMATS[form])
    return archive, archive.with_name(archive.name + ".sha256")


def all_paths(bag: Path) -> list[Path]:
    """Every serialisation of ``bag`` and its checksum, in every form."""
    return [path for form in FORMATS for path in paths(bag, form)]


def write_staged(bag: Path, target: Path, form: str, *, timestamp: int | None) -> list[tuple[Path, Path]]:
    """Write ``bag`` (the finished staging folder) in ``form`` for ``target``'s name, and its checksum.

    Both are written whole, fsynced, as ``.<name>.new`` beside their final names; returns
    (written, final) pairs for ``commit.publish``. The archive's top folder is ``target``'s name.
    """
    archive, checksum = paths(target, form)
    moment = max(timestamp if timestamp is not None else EPOCH_1980, EPOCH_1980)
    entries = sorted(
        (path for path in bag.rglob("*") if path.is_file()),
        key=lambda path: path.relative_to(bag).as_posix(),
    )
    staged = archive.with_name(f".{archive.name}.new")
    fd, temporary = tempfile.mkstemp(dir=archive.parent, prefix=f".{archive.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            (_write_zip if form == "zip" else _write_tar)(handle, bag, target.name, entries, moment)
            handle.flush()
            os.fsync(handle.fileno())
        digest = _sha256(Path(temporary))
        os.chmod(temporary, 0o644)
        os.replace(temporary, staged)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    staged_checksum = checksum.with_name(f".{checksum.name}.new")
    write_text(staged_checksum, f"{digest}  {archive.name}\n")
    return [(staged, archive), (staged_checksum, checksum)]


def _write_zip(target, bag: Path, name: str, entries: list[Path], moment: int) -> None:
    date_time = datetime.fromtimestamp(moment, timezone.utc).timetuple()[:6]
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in entries:
            info = zipfile.ZipInfo(f"{name}/{path.relative_to(bag).as_posix()}", date_time=date_time)
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so the permission bits are read back as written
            archive.writestr(info, path.read_bytes(), compresslevel=9)


def _write_tar(target, bag: Path, name: str, entries: list[Path], moment: int) -> None:
    with tarfile.open(fileobj=target, mode="w", format=tarfile.PAX_FORMAT) as archive:
        for path in entries:
            info = tarfile.TarInfo(f"{name}/{path.relative_to(bag).as_posix()}")
            info.size = path.stat().st_size
            info.mtime = moment
            info.mode = 0o644
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            with path.open("rb") as handle:
                archive.addfile(info, handle)


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
