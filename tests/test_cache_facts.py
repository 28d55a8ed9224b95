"""The build cache's facts file shared by commands run at the same time (an editor's validation
and a terminal's build): neither holds the file while it works, so neither waits for the other
or loses what it kept; a damaged file is started again, one held by another command is not."""

from __future__ import annotations

import sqlite3

from toolkit.cache_facts import Facts


def test_two_commands_keep_their_facts_side_by_side(tmp_path):
    path = tmp_path / "facts.sqlite"
    first, second = Facts(path), Facts(path)
    first.put("a", '{"made": "first"}')
    second.put("b", '{"made": "second"}')
    second.commit()  # while the first is still at work
    first.commit()
    assert Facts(path).texts() == {"a": '{"made": "first"}', "b": '{"made": "second"}'}
    assert Facts(path).get("a") == {"made": "first"}


def test_a_command_reads_what_it_added_before_writing_it(tmp_path):
    facts = Facts(tmp_path / "facts.sqlite")
    facts.read_all()
    facts.put("a", '{"n": 1}')
    assert facts.get("a") == {"n": 1}
    assert facts.texts() == {"a": '{"n": 1}'}


def test_keep_only_removes_what_the_run_did_not_use(tmp_path):
    path = tmp_path / "facts.sqlite"
    facts = Facts(path)
    for key in ("a", "b", "c"):
        facts.put(key, "{}")
    facts.commit()
    again = Facts(path)
    again.put("d", "{}")
    again.keep_only({"a", "d"})
    assert sorted(Facts(path).texts()) == ["a", "d"]


def test_a_damaged_file_is_started_again(tmp_path):
    path = tmp_path / "facts.sqlite"
    path.write_bytes(b"not a database" * 500)
    facts = Facts(path)
    assert facts.get("a") is None
    facts.put("a", '{"n": 1}')
    facts.commit()
    assert Facts(path).get("a") == {"n": 1}


def test_a_file_another_command_is_writing_is_left_to_it(tmp_path):
    path = tmp_path / "facts.sqlite"
    facts = Facts(path)
    facts.put("a", '{"n": 1}')
    facts.commit()
    other = sqlite3.connect(path)
    other.execute("BEGIN EXCLUSIVE")  # another command in the middle of its write
    try:
        assert Facts(path, wait=0).get("a") is None  # a miss, not an error
    finally:
        other.rollback()
        other.close()
    assert path.exists() and Facts(path).get("a") == {"n": 1}  # not taken for damaged and removed
