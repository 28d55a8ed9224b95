"""The XML Schema datatypes RELAX NG grammars use (``datatypeLibrary`` of XSD), for ``derivatives``.

Each type is its lexical space as a regular expression, whitespace handled as XSD says,
plus the value checks a lexical form cannot express (a day that exists in its month,
a sign for nonNegativeInteger) and the facets RELAX NG grammars set with ``param``
(``pattern``, ranges, lengths).  Patterns are XSD regular expressions, translated by
elementpath (a dependency of xmlschema).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from toolkit.namespaces import XSD_DATATYPES

XSD_LIBRARY = XSD_DATATYPES

_NAME_START = ("A-Z_a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
               "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff")
_NAME_CHAR = _NAME_START + r"\-.0-9\u00b7\u0300-\u036f\u203f-\u2040"
_NCNAME = f"[{_NAME_START}][{_NAME_CHAR}]*"
_YEAR = r"-?(?:[1-9][0-9]{4,}|[0-9]{4})"
_ZONE = r"(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))?"
_TIME = r"(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?|24:00:00(?:\.0+)?)"
_MONTH, _DAY = r"(?:0[1-9]|1[0-2])", r"(?:0[1-9]|[12][0-9]|3[01])"

# name: (regular expression of the lexical space, whitespace: "collapse" or "preserve" or "replace")
LEXICAL: dict[str, tuple[str, str]] = {
    "string": (r"(?s:.*)", "preserve"),
    "normalizedString": (r"(?s:.*)", "replace"),
    "token": (r"(?s:.*)", "collapse"),
    "anyURI": (r"(?s:.*)", "collapse"),
    "NCName": (_NCNAME, "collapse"),
    "ID": (_NCNAME, "collapse"),
    "IDREF": (_NCNAME, "collapse"),
    "IDREFS": (f"{_NCNAME}(?: {_NCNAME})*", "collapse"),
    "ENTITY": (_NCNAME, "collapse"),
    "Name": (f"[{_NAME_START}:][{_NAME_CHAR}:]*", "collapse"),
    "QName": (f"(?:{_NCNAME}:)?{_NCNAME}", "collapse"),
    "NMTOKEN": (f"[{_NAME_CHAR}:]+", "collapse"),
    "NMTOKENS": (f"[{_NAME_CHAR}:]+(?: [{_NAME_CHAR}:]+)*", "collapse"),
    "language": (r"[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*", "collapse"),
    "boolean": (r"true|false|1|0", "collapse"),
    "decimal": (r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)", "collapse"),
    "integer": (r"[+-]?[0-9]+", "collapse"),
    "nonNegativeInteger": (r"\+?[0-9]+|-0+", "collapse"),
    "positiveInteger": (r"\+?0*[1-9][0-9]*", "collapse"),
    "nonPositiveInteger": (r"-[0-9]+|\+?0+", "collapse"),
    "negativeInteger": (r"-0*[1-9][0-9]*", "collapse"),
    "long": (r"[+-]?[0-9]+", "collapse"), "int": (r"[+-]?[0-9]+", "collapse"),
    "short": (r"[+-]?[0-9]+", "collapse"), "byte": (r"[+-]?[0-9]+", "collapse"),
    "unsignedLong": (r"\+?[0-9]+", "collapse"), "unsignedInt": (r"\+?[0-9]+", "collapse"),
    "unsignedShort": (r"\+?[0-9]+", "collapse"), "unsignedByte": (r"\+?[0-9]+", "collapse"),
    "double": (r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|INF|-INF|NaN", "collapse"),
    "float": (r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|INF|-INF|NaN", "collapse"),
    "date": (f"{_YEAR}-{_MONTH}-{_DAY}{_ZONE}", "collapse"),
    "dateTime": (f"{_YEAR}-{_MONTH}-{_DAY}T{_TIME}{_ZONE}", "collapse"),
    "time": (f"{_TIME}{_ZONE}", "collapse"),
    "gYear": (f"{_YEAR}{_ZONE}", "collapse"),
    "gYearMonth": (f"{_YEAR}-{_MONTH}{_ZONE}", "collapse"),
    "gMonthDay": (f"--{_MONTH}-{_DAY}{_ZONE}", "collapse"),
    "gMonth": (f"--{_MONTH}{_ZONE}", "collapse"),
    "gDay": (f"---{_DAY}{_ZONE}", "collapse"),
    "duration": (r"-?P(?=[0-9T])(?:[0-9]+Y)?(?:[0-9]+M)?(?:[0-9]+D)?(?:T(?=[0-9])(?:[0-9]+H)?(?:[0-9]+M)?"
                 r"(?:[0-9]+(?:\.[0-9]+)?S)?)?", "collapse"),
    "hexBinary": (r"(?:[0-9a-fA-F]{2})*", "collapse"),
    "base64Binary": (r"[A-Za-z0-9+/= ]*", "collapse"),
}
_NUMERIC = {"decimal", "integer", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger",
            "long", "int", "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte",
            "double", "float"}
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_SPACES = re.compile(r"[ \t\n\r]+")
_DATED = re.compile(r"(-?\d{4,})-(\d\d)-(\d\d)")


class UnknownDatatype(ValueError):
    """A type this module does not know: the grammar is left to libxml2."""


def known(library: str, name: str) -> bool:
    return (library == "" and name in ("string", "token")) or (library == XSD_LIBRARY and name in LEXICAL)


def normalise(name: str, value: str, library: str = XSD_LIBRARY) -> str:
    space = "collapse" if library == "" and name == "token" else LEXICAL.get(name, ("", "preserve"))[1]
    if library == "" and name == "string":
        space = "preserve"
    if space == "collapse":
        return _SPACES.sub(" ", value).strip(" ")
    if space == "replace":
        return re.sub(r"[\t\n\r]", " ", value)
    return value


@lru_cache(maxsize=None)
def _lexical(name: str) -> re.Pattern:
    return re.compile(LEXICAL[name][0])


@lru_cache(maxsize=None)
def xsd_pattern(pattern: str) -> Callable[[str], bool]:
    """Whether a whole value matches an XSD regular expression.

    The patterns grammars use most are read here: those Python's syntax writes the same way
    (with XSD's ``.``, ``\\s``, ``^`` and ``$``), and classes of Unicode categories such as
    ``[^\\p{C}\\p{Z}]+``; any other goes through elementpath's translation, which is
    complete but takes a second or two to load.
    """
    categories = _CATEGORY_CLASS.fullmatch(pattern)
    if categories:
        negated, wanted, repeat = categories.group(1) == "^", tuple(_CATEGORY.findall(categories.group(2))), categories.group(3)

        def in_categories(value: str) -> bool:
            if (repeat == "+" and not value) or (not repeat and len(value) != 1):
                return False
            return all(unicodedata.category(char).startswith(wanted) != negated for char in value)

        return in_categories
    plain = _plain(pattern)
    if plain is not None:
        return re.compile(plain).fullmatch
    from elementpath.regex import translate_pattern

    return re.compile(translate_pattern(pattern, anchors=False)).fullmatch


_CATEGORY = re.compile(r"\\p\{([A-Z][a-z]?)\}")
_CATEGORY_CLASS = re.compile(r"\[(\^?)((?:\\p\{[A-Z][a-z]?\})+)\]([+*]?)")
_SAME_ESCAPES = set("dnrt\\|.-^?*+{}()[]$")


def _plain(pattern: str) -> str | None:
    """The pattern in Python's syntax when it uses nothing the two syntaxes read differently."""
    out, index, in_class = [], 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            escaped = pattern[index + 1:index + 2]
            if escaped in ("s", "S") and not in_class:
                out.append("[ \t\n\r]" if escaped == "s" else "[^ \t\n\r]")
            elif escaped and escaped in _SAME_ESCAPES:
                out.append(char + escaped)
            else:
                return None  # \\i, \\c, \\w, \\p{...}, or \\s inside a class
            index += 2
            continue
        if char == "[":
            if in_class:
                return None  # class subtraction
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "-" and in_class and pattern[index + 1:index + 2] == "[":
            return None
        elif char == "." and not in_class:
            char = "[^\n\r]"
        elif char in "^$" and not in_class:
            char = "\\" + char  # ordinary characters in XSD
        out.append(char)
        index += 1
    return "".join(out)


def allows(library: str, name: str, params: tuple[tuple[str, str], ...], value: str) -> bool:
    """Whether ``value`` is in the datatype, with its facets."""
    if library == "":
        return True  # the built-in library's string and token take any text
    if name not in LEXICAL:
        raise UnknownDatatype(name)
    normal = normalise(name, value)
    if not _lexical(name).fullmatch(normal):
        return False
    if name in ("date", "dateTime") and not _real_day(normal):
        return False
    if name.endswith("Integer") or name in ("nonNegativeInteger",):
        number = int(normal)
        if (name == "nonNegativeInteger" and number < 0) or (name == "positiveInteger" and number <= 0):
            return False
    return _facets(name, params, normal)


def equal(library: str, name: str, expected: str, value: str) -> bool:
    """Whether ``value`` is the same value as ``expected`` (``<value>``), in the datatype."""
    if library == "" or name in ("string", "token", "normalizedString", "anyURI", "NCName", "Name", "NMTOKEN",
                                 "language", "ID", "IDREF"):
        return normalise(name, value, library) == normalise(name, expected, library)
    if name in _NUMERIC:
        try:
            return Decimal(normalise(name, value)) == Decimal(normalise(name, expected))
        except InvalidOperation:
            return False
    return normalise(name, value) == normalise(name, expected)


def _real_day(value: str) -> bool:
    found = _DATED.match(value)
    if not found:
        return False
    year, month, day = int(found.group(1)), int(found.group(2)), int(found.group(3))
    if year == 0:
        return False  # XSD 1.0 has no year zero
    if month == 2 and day == 29:
        leap_year = year + 1 if year < 0 else year  # 1 BCE is -0001 in XSD 1.0, and a leap year
        return leap_year % 4 == 0 and (leap_year % 100 != 0 or leap_year % 400 == 0)
    return day <= _DAYS[month - 1]


def _facets(name: str, params: tuple[tuple[str, str], ...], value: str) -> bool:
    for facet, argument in params:
        if facet == "pattern":
            if not xsd_pattern(argument)(value):
                return False
        elif facet in ("minInclusive", "maxInclusive", "minExclusive", "maxExclusive") and name in _NUMERIC:
            try:
                number, bound = Decimal(value), Decimal(argument)
            except InvalidOperation:
                return False
            if (facet == "minInclusive" and number < bound) or (facet == "maxInclusive" and number > bound) \
                    or (facet == "minExclusive" and number <= bound) or (facet == "maxExclusive" and number >= bound):
                return False
        elif facet in ("length", "minLength", "maxLength"):
            size = len(value.split()) if name in ("IDREFS", "NMTOKENS") else len(value)
            limit = int(argument)
            if (facet == "length" and size != limit) or (facet == "minLength" and size < limit) \
                    or (facet == "maxLength" and size > limit):
                return False
        elif facet in ("minInclusive", "maxInclusive", "minExclusive", "maxExclusive", "totalDigits",
                       "fractionDigits", "enumeration", "whiteSpace"):
            raise UnknownDatatype(f"{name} with {facet}")  # not needed by the grammars seen so far
    return True


def describe(name: str, params: tuple[tuple[str, str], ...]) -> str:
    """What a value must be, in the words of an error message."""
    patterns = [argument for facet, argument in params if facet == "pattern"]
    if patterns:
        return f'a {name} matching the regular expression "{patterns[0]}"'
    article = "an" if name[:1].lower() in "aeiou" else "a"
    return f"{article} {name}"
