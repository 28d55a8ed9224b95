"""The bag an archive receives: BagIt 1.0, both manifests, and every later change detected by name."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import unicodedata
import zipfile
from pathlib import Path

import bagit
import pytest

from toolkit import resources
from toolkit.builders.options import BuildOptions
from toolkit.cli import main
from toolkit.errors import TeikitError
from toolkit.package import verify
from toolkit.package.payload import PayloadRefused

from tests.deposit.deposit_cases import pack, repack

BAGIT_CLI = Path(sys.executable).with_name("bagit.py")


def payload_files(bag: Path) -> list[str]:
    return sorted(p.relative_to(bag).as_posix() for p in (bag / "data").rglob("*") if p.is_file())


def test_a_fresh_bag_is_bagit_1_0_with_sha256_and_sha512_manifests(packed):
    bag = packed.bag
    assert (bag / "bagit.txt").read_text() == "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
    for name in ("manifest-sha256.txt", "manifest-sha512.txt", "tagmanifest-sha256.txt", "tagmanifest-sha512.txt"):
        assert (bag / name).is_file(), name
    tagged = {line.split()[1] for line in (bag / "tagmanifest-sha256.txt").read_text().splitlines()}
    assert tagged == {"bagit.txt", "bag-info.txt", "manifest-sha256.txt", "manifest-sha512.txt"}
    assert bagit.Bag(str(bag)).version_info == (1, 0)
    schemas = sorted(f"data/schemas/{p.name}" for p in resources.data_dir("schemas").glob("edition.*"))
    assert "data/schemas/edition.rng" in schemas
    assert payload_files(bag) == [
        "data/metadata/datacite.xml", "data/metadata/dc.xml", "data/metadata/metadata.csv",
        "data/metadata/mets.xml", "data/metadata/validation-report.json",
        *schemas,
        "data/tei/short-essay.xml",
    ]


def test_bag_info_comes_from_the_header(packed):
    info = bagit.Bag(str(packed.bag)).info
    assert info["Source-Organization"] == "The Example Edition Project"
    assert info["External-Identifier"] == "example-short-essay"
    assert info["External-Description"] == "An essay of two sections about packing editions for archives."
    assert info["Bag-Software-Agent"].startswith("teikit ")
    assert len(info["Bagging-Date"]) == 10
    files = payload_files(packed.bag)
    assert info["Payload-Oxum"] == f"{sum((packed.bag / f).stat().st_size for f in files)}.{len(files)}"
    assert "Contact-Email" not in info  # the header gives none, so none is invented


def test_the_libraries_own_command_line_accepts_the_bag(packed):
    run = subprocess.run([str(BAGIT_CLI), "--validate", str(packed.bag)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "is valid" in run.stderr


def test_a_fresh_bag_and_its_zip_verify(packed, capsys):
    assert verify(packed.bag).ok
    assert main(["deposit", "--verify", str(packed.bag)]) == 0
    assert main(["deposit", "--verify", str(packed.archive)]) == 0
    assert "checksums correct" in capsys.readouterr().out
    digest, name = packed.checksum.read_text().split()
    assert name == packed.archive.name


def test_one_changed_byte_in_any_payload_file_is_named(packed, tmp_path):
    for relative in payload_files(packed.bag):
        bag = tmp_path / relative.replace("/", "_")
        shutil.copytree(packed.bag, bag)
        data = bytearray((bag / relative).read_bytes())
        data[len(data) // 2] ^= 0x01  # same size: only a full checksum check sees it
        (bag / relative).write_bytes(bytes(data))
        problems = verify(bag).problems
        assert [(p.kind, p.path) for p in problems] == [("altered", relative)], relative


def test_a_same_size_edit_that_payload_oxum_cannot_see_is_named(bag_copy, capsys):
    target = bag_copy / "data/tei/short-essay.xml"
    target.write_bytes(target.read_bytes().replace(b"twice", b"thric"))
    # Sizes and file count still agree with the Payload-Oxum: only recomputed checksums see the edit.
    files = payload_files(bag_copy)
    oxum = f"{sum((bag_copy / f).stat().st_size for f in files)}.{len(files)}"
    assert bagit.Bag(str(bag_copy)).info["Payload-Oxum"] == oxum
    assert main(["deposit", "--verify", str(bag_copy)]) == 1
    assert capsys.readouterr().out.splitlines()[0].startswith("altered: data/tei/short-essay.xml (")


def test_a_deleted_file_and_an_added_file_are_named(bag_copy, capsys):
    (bag_copy / "data/metadata/dc.xml").unlink()
    (bag_copy / "data/tei/notes.txt").write_text("added later")
    (bag_copy / "stray.txt").write_text("added beside the tag files")
    assert main(["deposit", "--verify", str(bag_copy)]) == 1
    out = capsys.readouterr().out
    assert "missing: data/metadata/dc.xml" in out
    assert "extra: data/tei/notes.txt" in out
    assert "extra: stray.txt" in out


def test_a_changed_tag_file_is_named(bag_copy):
    info = bag_copy / "bag-info.txt"
    info.write_text(info.read_text().replace("Example", "Exemplar"))
    assert [(p.kind, p.path) for p in verify(bag_copy).problems] == [("altered", "bag-info.txt")]


def test_a_changed_zip_is_caught_by_its_checksum_and_its_manifests(packed, tmp_path):
    archive = tmp_path / packed.archive.name
    with zipfile.ZipFile(packed.archive) as source, zipfile.ZipFile(archive, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith("data/tei/short-essay.xml"):
                data = data.replace(b"twice", b"twica")
            target.writestr(info, data)
    shutil.copy(packed.checksum, tmp_path / packed.checksum.name)
    problems = [(p.kind, p.path) for p in verify(archive).problems]
    assert problems == [("altered", archive.name), ("altered", "data/tei/short-essay.xml")]


def test_tar_is_deterministic_and_verifies(tmp_path):
    day = BuildOptions(fixed_date="2024-03-01")
    first = pack(tmp_path / "one", serialise_as="tar", options=day)
    second = pack(tmp_path / "two", serialise_as="tar", options=day)
    assert main(["deposit", "--verify", str(first.archive)]) == 0
    assert first.archive.read_bytes() == second.archive.read_bytes()
    with tarfile.open(first.archive) as bundle:
        assert {member.mtime for member in bundle} == {1709251200}  # 2024-03-01T00:00:00Z
    later = pack(tmp_path / "three", serialise_as="tar", options=BuildOptions(fixed_date="2024-03-02"))
    assert later.archive.read_bytes() != first.archive.read_bytes()


def test_an_existing_bag_is_kept_unless_overwrite(tmp_path):
    first = pack(tmp_path)
    marker = first.bag / "data" / "tei" / "short-essay.xml"
    before = marker.stat().st_mtime_ns
    with pytest.raises(TeikitError, match="already exists"):
        repack(tmp_path)
    assert marker.stat().st_mtime_ns == before
    repack(tmp_path, overwrite=True)
    assert verify(first.bag).ok
    assert [p.name for p in (tmp_path / "deposit").iterdir() if p.name.startswith(".") and p.is_dir()] == []


def _html_builder(names: list[str]):
    def build(sources, build_dir, *, options):
        folder = build_dir / "html"
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for name in names:
            (folder / name).write_text(f"<p>{name}</p>", encoding="utf-8")
            written.append(folder / name)
        return written
    return build


def test_names_equal_under_unicode_normalisation_are_refused_and_nothing_is_left(tmp_path):
    composed = unicodedata.normalize("NFC", "café.html")
    decomposed = unicodedata.normalize("NFD", "café.html")
    with pytest.raises(PayloadRefused, match="Unicode normalisation"):
        pack(tmp_path, builders={"html": _html_builder([composed, decomposed])})
    assert list((tmp_path / "deposit").iterdir()) in ([], [tmp_path / "deposit" / ".teikit.lock"])


def test_hidden_files_stay_out_of_the_payload(tmp_path):
    result = pack(tmp_path, builders={"html": _html_builder(["index.html", ".DS_Store"])})
    assert result.left_out == ["html/.DS_Store"]
    assert payload_files(result.bag).count("data/html/index.html") == 1
    assert not any("/." in name for name in payload_files(result.bag))


def test_a_damaged_archive_fails_verification(packed, tmp_path, capsys):
    archive = tmp_path / packed.archive.name
    archive.write_bytes(packed.archive.read_bytes()[: packed.archive.stat().st_size // 2])
    assert main(["deposit", "--verify", str(archive)]) == 1
    assert "invalid:" in capsys.readouterr().out


def test_replacing_a_bag_removes_archives_made_from_the_old_one(tmp_path):
    first = pack(tmp_path, serialise_as="zip")
    assert first.archive.is_file()
    (tmp_path / "deposit" / ".short-essay.staging-left-by-a-killed-run").mkdir()
    repack(tmp_path, overwrite=True)
    assert sorted(p.name for p in (tmp_path / "deposit").iterdir()) == [".teikit.lock", "short-essay"]


def test_an_existing_archive_is_not_replaced_without_overwrite(tmp_path):
    first = pack(tmp_path, serialise_as="tar")
    shutil.rmtree(first.bag)
    with pytest.raises(TeikitError, match="short-essay.tar"):
        repack(tmp_path, serialise_as="tar")
    assert not first.bag.exists()


def test_a_tar_whose_entries_leave_the_folder_is_refused(tmp_path):
    import io
    import tarfile

    archive = tmp_path / "hostile.tar"
    with tarfile.open(archive, "w") as bundle:
        data = b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
        for name in ("bag/bagit.txt", "../escaped.txt"):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            bundle.addfile(info, io.BytesIO(data))
    result = verify(archive)
    assert not result.ok and result.problems[0].kind == "invalid"
    assert not (tmp_path.parent / "escaped.txt").exists()
