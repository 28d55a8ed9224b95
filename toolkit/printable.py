"""Text from outside (file names, quoted content) made safe to print, in a report or a page.

A file name may hold bytes that are not UTF-8 (Python keeps them as lone surrogates, which
no UTF-8 output can carry), control characters such as the ANSI escapes that recolour or
rewrite a terminal line, or a new line that fakes a line of a report. ``printable`` shows
each as an escape (``\\xff``, ``\\x1b``, ``\\n``, ``\\u202e``); other text is unchanged.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, lone surrogates, and the bidirectional overrides that reorder
# what a terminal shows.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (os.fsdecode's surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every character that could not or should not reach a terminal escaped."""
    return _UNPRINTABLE.sub(_escape, str(text))
