"""Any file name an archive accepts survives packing and verification; any manifest bytes give a verdict.

RFC 8493 percent-encodes CR, LF and % in manifests (and nothing else); names are compared
after decoding, so "100%.txt" and a literal "%0A" in a name stay what they are.
"""

from __future__ import annotations

import shutil
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.deposit.deposit_cases import pack
from tests.security.bag_attacks import bag_members, write_folder
from toolkit.package import verify
from toolkit.package.payload import PayloadRefused
from toolkit.package.tagfiles import TagFileError, decode_name, encode_name, read_manifest

# Name characters: anything printable but "/", with the characters manifests treat specially made likely.
NAME_CHARS = st.one_of(st.sampled_from("%0AaDd25 \u00e9\u2028\u0085\\#*?[]'\""),
                       st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/"))
NAMES = st.text(NAME_CHARS, min_size=1, max_size=40).filter(
    lambda name: not name.startswith(".") and len(name.encode()) < 200 and name.strip() == name
    and unicodedata.normalize("NFC", name).casefold() != "index.html")


@given(st.text())
def test_encoding_a_name_for_a_manifest_is_undone_exactly(name):
    encoded = encode_name(name)
    assert "\n" not in encoded and "\r" not in encoded
    assert decode_name(encoded) == name


def _writer(names):
    def build(sources, build_dir, *, options):
        folder = build_dir / "html"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for name in names:
            (folder / name).write_text(f"<p>{len(name)}</p>", encoding="utf-8")
        return [folder / name for name in names]
    return build


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(NAMES, st.sampled_from(["zip", "tar"]))
@example("back\\slash %0A 100%.html", "zip")
def test_any_file_name_is_packed_encoded_and_verifies_in_the_bag_and_its_archive(name, form):
    with tempfile.TemporaryDirectory() as scratch:
        result = pack(Path(scratch), builders={"html": _writer(["index.html", name])}, serialise_as=form)
        manifest = (result.bag / "manifest-sha256.txt").read_text(encoding="utf-8")
        assert f"  {encode_name('data/html/' + name)}\n" in manifest
        assert verify(result.bag).ok, verify(result.bag).problems
        assert verify(result.archive).ok, verify(result.archive).problems


@pytest.mark.parametrize("name", ["line\nbreak.html", "carriage\rreturn.html", "tab\tstop.html", "bell\a.html", "del\x7f.html"])
def test_names_with_control_characters_are_refused_when_packing(tmp_path, name):
    with pytest.raises(PayloadRefused, match="control characters"):
        pack(tmp_path, builders={"html": _writer([name])})
    assert not (tmp_path / "deposit" / "short-essay").exists()


def test_a_name_with_percent_signs_verifies_from_another_tool_s_bag(tmp_path):
    payload = {"data/100%.txt": b"z\n", "data/%0A.txt": b"literal\n", "data/line\nbreak.txt": b"lf\n"}
    bag = write_folder(tmp_path / "bag", bag_members(payload))
    assert verify(bag).ok
    (bag / "data" / "100%.txt").unlink()
    assert [(p.kind, p.path) for p in verify(bag).problems][0] == ("missing", "data/100%.txt")


@pytest.fixture(scope="module")
def model_bag(tmp_path_factory) -> Path:
    return write_folder(tmp_path_factory.mktemp("model") / "bag",
                        bag_members({"data/a.txt": b"hello\n"}, tag_manifests=False))


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=200).map(lambda text: text.encode("utf-8", "surrogatepass")))
def test_any_manifest_bytes_give_a_verdict_never_a_crash(model_bag, data):
    with tempfile.TemporaryDirectory() as scratch:
        bag = Path(scratch) / "bag"
        shutil.copytree(model_bag, bag)
        (bag / "manifest-sha256.txt").write_bytes(data)
        result = verify(bag)
        assert not result.ok  # the real entry is gone or changed, so something is always wrong
        try:
            read_manifest("manifest-sha256.txt", data, "utf-8")
        except TagFileError as error:
            assert str(error).startswith("manifest-sha256.txt: ")
