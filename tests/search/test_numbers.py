"""The index's compact lists of numbers read back exactly, small and large alike."""

from __future__ import annotations

import json
import random

import pytest

from toolkit.search.numbers import decode, encode


def test_numbers_read_back_as_written():
    rng = random.Random(3)
    for _ in range(500):
        numbers = [rng.randrange(0, 10 ** rng.randrange(1, 10)) for _ in range(rng.randrange(0, 30))]
        assert decode(encode(numbers)) == numbers


def test_small_numbers_take_one_character_and_json_keeps_the_text_as_it_is():
    text = encode(list(range(45)))
    assert len(text) == 45
    assert json.dumps(encode([0, 44, 45, 2024, 10 ** 9])) == '"' + encode([0, 44, 45, 2024, 10 ** 9]) + '"'


def test_a_negative_number_is_refused():
    with pytest.raises(ValueError, match="negative"):
        encode([3, -1])
