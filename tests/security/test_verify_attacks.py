"""Hostile bags beyond the review's scripts: other archive shapes, other limits, special files, odd names.

Every case ends with an exit status and a named problem: 1 for what is wrong with the bag
(nothing outside the bag is read, nothing is written), 2 when the verifier itself cannot read.
"""

from __future__ import annotations

import gzip
import io
import os
import socket
import stat
import subprocess
import sys
import tarfile
import warnings
import zipfile
from pathlib import Path

import pytest

from tests.security.bag_attacks import MIB, Zeros, bag_members, write_folder, write_sparse_tar, write_zip
from toolkit.limits import Limits
from toolkit.package import verify

TEIKIT = Path(sys.executable).with_name("teikit")
OK_PAYLOAD = {"data/a.txt": b"hello\n", "data/tei/essay.xml": b"<TEI/>\n"}


def teikit_verify(path: Path, **env) -> subprocess.CompletedProcess:
    return subprocess.run([str(TEIKIT), "deposit", "--verify", str(path)], capture_output=True, text=True,
                          env={**os.environ, **env}, timeout=300)


def kinds(result) -> list[tuple[str, str]]:
    return [(problem.kind, problem.path) for problem in result.problems]


@pytest.fixture
def folder_bag(tmp_path) -> Path:
    return write_folder(tmp_path / "bag", bag_members(OK_PAYLOAD))


# Archives: declared sizes are checked before anything is read.

def test_a_deflate_bomb_is_refused_by_ratio_and_verifies_once_the_limit_is_raised(tmp_path):
    archive = write_zip(tmp_path / "bomb.zip", bag_members({**OK_PAYLOAD, "data/zeros.bin": Zeros(64 * MIB)}))
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    refused = teikit_verify(archive, TMPDIR=str(scratch))
    assert refused.returncode == 1
    assert "refused:" in refused.stdout and "TEIKIT_VERIFY_RATIO" in refused.stdout
    allowed = teikit_verify(archive, TMPDIR=str(scratch), TEIKIT_VERIFY_RATIO="0")
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
    assert list(scratch.iterdir()) == []  # read where it lies: nothing unpacked anywhere


def test_a_gzipped_tar_bomb_is_refused(tmp_path):
    members = bag_members({**OK_PAYLOAD, "data/zeros.bin": Zeros(32 * MIB)})
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as bundle:
        for name, data in members.items():
            info = tarfile.TarInfo(f"bag/{name}")
            info.size = data.size if isinstance(data, Zeros) else len(data)
            bundle.addfile(info, io.BytesIO(bytes(info.size) if isinstance(data, Zeros) else data))
    archive = tmp_path / "bomb.tar.gz"
    archive.write_bytes(gzip.compress(buffer.getvalue(), 9))
    result = verify(archive)
    assert kinds(result) == [("refused", str(archive))]
    assert verify(archive, Limits.current().replace(verify_ratio=0)).ok


def test_a_sparse_member_is_refused_by_the_byte_limit_and_checked_under_a_higher_one(tmp_path):
    archive = write_sparse_tar(tmp_path / "sparse.tar", bag_members({**OK_PAYLOAD, "data/big.bin": Zeros(8 * MIB)}))
    small = Limits.current().replace(verify_bytes="1M", verify_ratio=0)
    result = verify(archive, small)
    assert [problem.kind for problem in result.problems] == ["refused"]
    assert "TEIKIT_VERIFY_BYTES" in result.problems[0].detail
    assert verify(archive, small.replace(verify_bytes="16M")).ok


def test_an_archive_with_more_entries_than_allowed_is_refused(tmp_path):
    payload = {f"data/{number}.txt": b"x" for number in range(60)}
    archive = write_zip(tmp_path / "many.zip", bag_members(payload))
    refused = teikit_verify(archive, TEIKIT_VERIFY_FILES="50")
    assert refused.returncode == 1 and "TEIKIT_VERIFY_FILES" in refused.stdout
    assert teikit_verify(archive).returncode == 0


def test_a_tag_file_over_its_limit_is_refused_unread(tmp_path):
    payload = {f"data/{number:05}.txt": b"x" for number in range(300)}
    bag = write_folder(tmp_path / "bag", bag_members(payload))
    result = verify(bag, Limits.current().replace(tag_file_bytes="8K"))
    assert [problem.kind for problem in result.problems] == ["refused"]
    assert "TEIKIT_TAG_FILE_BYTES" in result.problems[0].detail
    assert verify(bag).ok


def test_a_limit_that_is_not_a_number_is_a_usage_error(folder_bag):
    done = teikit_verify(folder_bag, TEIKIT_VERIFY_BYTES="plenty")
    assert done.returncode == 2
    assert "TEIKIT_VERIFY_BYTES='plenty'" in done.stderr and "Traceback" not in done.stderr


def test_links_devices_and_repeated_names_in_a_zip_are_named_and_never_read(tmp_path):
    members = bag_members(OK_PAYLOAD)
    archive = tmp_path / "odd.zip"
    with zipfile.ZipFile(archive, "w") as bundle, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the repeated name below is the point
        for name, data in members.items():
            bundle.writestr(f"bag/{name}", data)
        link = zipfile.ZipInfo("bag/data/link")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        bundle.writestr(link, "/etc/passwd")
        fifo = zipfile.ZipInfo("bag/data/fifo")
        fifo.external_attr = (stat.S_IFIFO | 0o644) << 16
        bundle.writestr(fifo, "")
        bundle.writestr("bag/data/../../escaped.txt", "out")
        bundle.writestr("bag/data/a.txt", "smuggled second copy\n")
    result = verify(archive)
    assert ("invalid", "data/link") in kinds(result)
    assert ("invalid", "data/fifo") in kinds(result)
    assert ("unsafe", "data/../../escaped.txt") in kinds(result)
    assert ("invalid", "data/a.txt") in kinds(result)  # stored twice: neither copy is taken for the listed file
    assert not (tmp_path.parent / "escaped.txt").exists()


def test_special_members_of_a_tar_are_named_and_never_read(tmp_path):
    members = bag_members(OK_PAYLOAD)
    archive = tmp_path / "odd.tar"
    with tarfile.open(archive, "w") as bundle:
        for name, data in members.items():
            info = tarfile.TarInfo(f"bag/{name}")
            info.size = len(data)
            bundle.addfile(info, io.BytesIO(data))
        for name, kind in (("data/dev", tarfile.CHRTYPE), ("data/fifo", tarfile.FIFOTYPE),
                           ("data/hard", tarfile.LNKTYPE), ("data/soft", tarfile.SYMTYPE)):
            info = tarfile.TarInfo(f"bag/{name}")
            info.type = kind
            info.linkname = "/dev/zero" if kind in (tarfile.LNKTYPE, tarfile.SYMTYPE) else ""
            info.devmajor, info.devminor = 1, 5
            bundle.addfile(info)
    result = verify(archive)
    assert sorted(kinds(result)) == [("invalid", "data/dev"), ("invalid", "data/fifo"),
                                     ("invalid", "data/hard"), ("invalid", "data/soft")]


def test_a_corrupt_zip_entry_is_altered_not_a_crash(tmp_path):
    archive = write_zip(tmp_path / "bag.zip", bag_members({**OK_PAYLOAD, "data/text.txt": b"words " * 2000}))
    data = bytearray(archive.read_bytes())
    start = data.index(b"bag/data/text.txt") + len(b"bag/data/text.txt")
    data[start + 20] ^= 0xFF  # inside the deflated stream
    archive.write_bytes(bytes(data))
    result = verify(archive)
    assert [kind for kind, path in kinds(result) if path == "data/text.txt"] == ["altered"]


# Folders: only regular files inside the bag are read.

def test_special_files_in_a_folder_bag_are_named_and_verify_returns(folder_bag):
    data = folder_bag / "data"
    os.mkfifo(data / "fifo")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(data / "socket"))
    os.symlink("loop-b", data / "loop-a")
    os.symlink("loop-a", data / "loop-b")
    os.symlink("/dev/zero", data / "zero")
    if os.geteuid() == 0:
        os.mknod(data / "device", stat.S_IFCHR | 0o644, os.makedev(1, 5))  # what /dev/zero is
    try:
        result = verify(folder_bag)
    finally:
        server.close()
    found = dict(kinds(result)[i][::-1] for i in range(len(result.problems)))
    assert found["data/fifo"] == "invalid" and found["data/socket"] == "invalid"
    assert found["data/loop-a"] == "invalid" and found["data/loop-b"] == "invalid"
    assert found["data/zero"] == "unsafe"
    if os.geteuid() == 0:
        assert found["data/device"] == "invalid"


@pytest.mark.parametrize("target", [
    "{sibling}/secret.txt",  # the bag's own path is a prefix of the sibling's, as text
    "{bag}/../{sibling_name}/secret.txt",  # spelled through the bag, resolving outside it
    "../../{sibling_name}/secret.txt",
])
def test_a_link_leaving_the_bag_is_never_followed_however_it_is_spelled(folder_bag, target):
    sibling = folder_bag.with_name(folder_bag.name + "-evil")
    sibling.mkdir()
    (sibling / "secret.txt").write_text("secret\n")
    link = folder_bag / "data" / "leak.txt"
    os.symlink(target.format(sibling=sibling, bag=folder_bag, sibling_name=sibling.name), link)
    assert ("unsafe", "data/leak.txt") in kinds(verify(folder_bag))


def test_a_link_to_a_file_inside_the_bag_is_followed(tmp_path):
    payload = {**OK_PAYLOAD, "data/copy.txt": OK_PAYLOAD["data/a.txt"]}
    bag = write_folder(tmp_path / "bag", bag_members(payload))
    (bag / "data" / "copy.txt").unlink()
    os.symlink("a.txt", bag / "data" / "copy.txt")
    assert verify(bag).ok


def test_a_sparse_file_in_a_folder_bag_is_refused_before_it_is_read(tmp_path):
    bag = write_folder(tmp_path / "bag", bag_members({**OK_PAYLOAD, "data/big.bin": Zeros(64 * MIB)}))
    done = teikit_verify(bag, TEIKIT_VERIFY_BYTES="8M")
    assert done.returncode == 1 and "refused:" in done.stdout and "TEIKIT_VERIFY_BYTES" in done.stdout


def test_a_file_whose_name_differs_from_a_listed_one_only_in_normalisation_is_extra(folder_bag):
    (folder_bag / "data" / "cafe\u0301.txt").write_text("smuggled\n")
    names = {"data/caf\u00e9.txt": b"genuine\n"}
    bag = write_folder(folder_bag.with_name("nfc"), bag_members({**OK_PAYLOAD, **names}))
    (bag / "data" / "cafe\u0301.txt").write_text("smuggled\n")
    assert kinds(verify(bag)) == [("extra", "data/cafe\u0301.txt"), ("invalid", "bag-info.txt")]


# The verifier's own trouble is an I/O error (2), never a verdict on the bag.

@pytest.mark.parametrize("call", ["read", "openat"])
def test_an_io_error_of_the_verifier_is_exit_2_not_a_damaged_bag(folder_bag, call):
    target = folder_bag / "data" / "a.txt"
    done = subprocess.run(["strace", "-f", "-qq", "-o", "/dev/null", "-P", str(target), "-e", f"trace={call}",
                           "-e", f"inject={call}:error=EIO", str(TEIKIT), "deposit", "--verify", str(folder_bag)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 2, done.stdout + done.stderr
    assert f"cannot read {target}: Input/output error" in done.stderr
    assert "altered" not in done.stdout and "Traceback" not in done.stderr


def test_each_file_is_read_once(folder_bag):
    log = folder_bag.with_name("opens.log")
    done = subprocess.run(["strace", "-f", "-qq", "-o", str(log), "-e", "trace=open,openat",
                           str(TEIKIT), "deposit", "--verify", str(folder_bag)], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    opens = log.read_text()
    for name in ("data/a.txt", "data/tei/essay.xml", "manifest-sha256.txt", "bag-info.txt"):
        assert opens.count(f'{folder_bag}/{name}"') == 1, name


def test_a_fifo_given_as_the_bag_or_beside_it_as_its_checksum_is_named_not_waited_on(tmp_path):
    fifo = tmp_path / "bag.zip"
    os.mkfifo(fifo)
    done = teikit_verify(fifo)
    assert done.returncode == 1 and "neither a folder nor a regular file" in done.stdout
    archive = write_zip(tmp_path / "real.zip", bag_members(OK_PAYLOAD))
    os.mkfifo(tmp_path / "real.zip.sha256")
    assert kinds(verify(archive)) == [("altered", "real.zip")]
