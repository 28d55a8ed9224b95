"""The folding the search index gives the browser: every character that folds otherwise than it
lowers, none missed by looking for them in the first two planes alone."""

from __future__ import annotations

from toolkit.search.text import CASED_END, casefold_table, fold


def test_no_character_past_the_planes_searched_has_a_case():
    cased = [code for code in range(CASED_END, 0x110000) if not 0xD800 <= code < 0xE000
             and (chr(code).lower(), chr(code).upper(), chr(code).casefold()) != (chr(code),) * 3]
    assert cased == []


def test_the_table_holds_each_lower_case_character_that_folds_otherwise():
    expected = {chr(code): chr(code).casefold() for code in range(0x110000) if not 0xD800 <= code < 0xE000
                and chr(code).lower() == chr(code) and chr(code).casefold() != chr(code)}
    assert casefold_table() == expected
    assert fold("Straße PESTAÑA ς") == "strasse pestana σ"
