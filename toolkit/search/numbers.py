"""Lists of whole numbers (0 or more) written as short strings, for the index's postings: a
browser reads a string literal far faster than an array of numbers, and decodes only the lists a
query needs (``search.js``'s ``decode``).

Each number is written in base 45, most significant digit first: its last digit from ``FINAL``,
the others from ``MORE``, so that numbers need no separator (most postings are small numbers, one
character each). Both alphabets are printable ASCII that JSON writes as itself (no ``"`` or ``\\``).
"""

from __future__ import annotations

BASE = 45
_ALPHABET = "".join(chr(code) for code in range(0x23, 0x7F) if chr(code) != "\\")  # 91 characters
FINAL, MORE = _ALPHABET[:BASE], _ALPHABET[BASE:2 * BASE]


def encode(numbers: list[int]) -> str:
    pieces = []
    for number in numbers:
        if number < 0:
            raise ValueError(f"cannot encode a negative number ({number})")
        digits = [FINAL[number % BASE]]
        number //= BASE
        while number:
            digits.append(MORE[number % BASE])
            number //= BASE
        pieces.append("".join(reversed(digits)))
    return "".join(pieces)


def decode(text: str) -> list[int]:
    """The numbers ``encode`` wrote (what the browser does, for tests)."""
    numbers, value = [], 0
    for character in text:
        if character in FINAL:
            numbers.append(value * BASE + FINAL.index(character))
            value = 0
        else:
            value = value * BASE + MORE.index(character)
    return numbers
