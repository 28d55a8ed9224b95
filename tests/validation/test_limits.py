"""The limits module: defaults, environment variables, per-run replacements."""

import pytest

from toolkit.errors import TeikitError
from toolkit.limits import GIB, MIB, Limits


def test_defaults_apply_without_variables():
    limits = Limits.from_environment({})
    assert limits == Limits()
    assert limits.document_seconds == 0 and limits.document_memory == 0  # as a library: no budget unless asked
    commands = Limits.for_commands({})
    assert commands.document_seconds == 120 and commands.document_memory == 4 * GIB
    assert Limits.for_commands({"TEIKIT_DOCUMENT_SECONDS": "0"}).document_seconds == 0


@pytest.mark.parametrize("text, expected", [("30", 30), ("30s", 30), ("2m", 120), ("1.5h", 5400), ("0", 0), ("none", 0)])
def test_durations_are_read_with_their_units(text, expected):
    assert Limits.from_environment({"TEIKIT_DOCUMENT_SECONDS": text}).document_seconds == expected


@pytest.mark.parametrize("text, expected", [("512M", 512 * MIB), ("2G", 2 * GIB), ("2gib", 2 * GIB), ("1000", 1000)])
def test_sizes_are_read_with_their_units(text, expected):
    assert Limits.from_environment({"TEIKIT_DOCUMENT_MEMORY": text}).document_memory == expected


@pytest.mark.parametrize("text", ["lots", "-3", "2T", "1e9"])
def test_a_bad_value_is_a_usage_error_naming_the_variable(text):
    with pytest.raises(TeikitError, match="TEIKIT_DOCUMENT_MEMORY"):
        Limits.from_environment({"TEIKIT_DOCUMENT_MEMORY": text})


def test_options_replace_the_environment():
    limits = Limits.from_environment({"TEIKIT_DOCUMENT_SECONDS": "10"}).replace(document_seconds="1m", document_memory=None)
    assert limits.document_seconds == 60
    assert limits.document_memory == Limits().document_memory


def test_describe_names_every_variable():
    text = "\n".join(Limits.for_commands({}).describe())
    assert "TEIKIT_DOCUMENT_SECONDS=120s" in text and "TEIKIT_DOCUMENT_MEMORY=4G" in text


def test_a_projects_budget_comes_between_the_defaults_and_the_variables():
    configured = {"document_seconds": 30, "document_memory": GIB}
    assert Limits.for_commands({}, configured).document_seconds == 30
    assert Limits.for_commands({}, configured).document_memory == GIB
    overridden = Limits.for_commands({"TEIKIT_DOCUMENT_SECONDS": "5"}, configured)
    assert (overridden.document_seconds, overridden.document_memory) == (5, GIB)
    assert Limits.for_commands({}, {"document_seconds": 30}).document_memory == 4 * GIB  # the default stays
