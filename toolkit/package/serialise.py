"""One-file forms of a bag (zip, tar) that are the same bytes for the same bag, and their unpacking."""

from __future__ import annotations

import hashlib
import os
import stat
import tarfile
import tempfile
import zipfile
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath

from toolkit.errors import TeikitError

FORMATS = {"zip": ".zip", "tar": ".tar"}
EPOCH_1980 = 315532800  # the earliest time a zip entry can carry


def paths(bag: Path, form: str) -> tuple[Path, Path]:
    """Where the ``form`` serialisation of ``bag`` and its checksum file go: beside the bag."""
    archive = bag.with_name(bag.name + FORMATS[form])
    return archive, archive.with_name(archive.name + ".sha256")


def remove_all(bag: Path) -> None:
    """Remove every serialisation of ``bag`` (when the bag itself is replaced they would be stale)."""
    for form in FORMATS:
        for path in paths(bag, form):
            path.unlink(missing_ok=True)


def write(bag: Path, form: str, *, timestamp: int | None, overwrite: bool) -> tuple[Path, Path]:
    """Write ``bag`` as ``<bag>.zip`` or ``<bag>.tar`` beside it, plus ``<archive>.sha256``."""
    archive, checksum = paths(bag, form)
    if not overwrite and (archive.exists() or checksum.exists()):
        raise TeikitError(f"{archive} already exists", hint="pass --overwrite to replace it")
    moment = max(timestamp if timestamp is not None else EPOCH_1980, EPOCH_1980)
    entries = sorted(
        (path for path in bag.rglob("*") if path.is_file()),
        key=lambda path: path.relative_to(bag).as_posix(),
    )
    fd, temporary = tempfile.mkstemp(dir=archive.parent, prefix=f".{archive.name}.", suffix=".part")
    os.close(fd)
    try:
        (_write_zip if form == "zip" else _write_tar)(Path(temporary), bag, entries, moment)
        digest = _sha256(Path(temporary))
        os.chmod(temporary, 0o644)
        os.replace(temporary, archive)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    checksum.write_text(f"{digest}  {archive.name}\n", encoding="utf-8")
    return archive, checksum


def _write_zip(target: Path, bag: Path, entries: list[Path], moment: int) -> None:
    date_time = datetime.fromtimestamp(moment, timezone.utc).timetuple()[:6]
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in entries:
            info = zipfile.ZipInfo(f"{bag.name}/{path.relative_to(bag).as_posix()}", date_time=date_time)
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so the permission bits are read back as written
            archive.writestr(info, path.read_bytes(), compresslevel=9)


def _write_tar(target: Path, bag: Path, entries: list[Path], moment: int) -> None:
    with tarfile.open(target, "w", format=tarfile.PAX_FORMAT) as archive:
        for path in entries:
            info = tarfile.TarInfo(f"{bag.name}/{path.relative_to(bag).as_posix()}")
            info.size = path.stat().st_size
            info.mtime = moment
            info.mode = 0o644
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            with path.open("rb") as handle:
                archive.addfile(info, handle)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def checksum_mismatch(archive: Path) -> str | None:
    """If ``<archive>.sha256`` lies beside it and disagrees, say so; None when it agrees or is absent."""
    checksum = archive.with_name(archive.name + ".sha256")
    if not checksum.is_file():
        return None
    recorded = checksum.read_text(encoding="utf-8").split()[:1]
    actual = _sha256(archive)
    if recorded != [actual]:
        return f"{archive.name} does not match {checksum.name}"
    return None


def unpack(archive: Path, into: Path) -> Path:
    """Unpack a zip or tar into ``into`` (refusing links and names leaving it); return the bag folder."""
    try:
        if zipfile.is_zipfile(archive):
            with zipfile.ZipFile(archive) as bundle:
                for info in bundle.infolist():
                    name = PurePosixPath(info.filename)
                    if name.is_absolute() or ".." in name.parts or stat.S_ISLNK(info.external_attr >> 16):
                        raise TeikitError(f"{archive.name} holds an unsafe entry: {info.filename}")
                bundle.extractall(into)
        elif tarfile.is_tarfile(archive):
            with tarfile.open(archive) as bundle:
                bundle.extractall(into, filter="data")
        else:
            raise TeikitError(f"{archive} is neither a zip nor a tar file",
                              hint="give a bag folder, a .zip or a .tar")
    except (zipfile.BadZipFile, tarfile.TarError, OSError) as error:
        raise TeikitError(f"cannot unpack {archive}: {error}") from None
    if (into / "bagit.txt").is_file():
        return into
    folders = [child for child in into.iterdir() if child.is_dir()]
    if len(folders) == 1 and (folders[0] / "bagit.txt").is_file():
        return folders[0]
    raise TeikitError(f"{archive.name} does not hold a bag (no bagit.txt at its top)")
