"""What the grammar allows at the cursor, by the derivative validator: names for completion.

The elements open at the cursor are followed from the grammar's start as the
validator would follow them (start tag, attributes), and the children each holds
before the cursor are stepped over as if their content were valid; what remains
says which elements may come next at this very point of the parent's content
(after a ``teiHeader``, ``text`` and not a second ``teiHeader``), and which
attributes the element being written may still take.  An element the grammar
does not allow where it stands is taken as the grammar defines it anywhere, as
the validator goes on after an error.
"""

from __future__ import annotations

from toolkit.validation import derivatives as d


def _split(name: str) -> tuple[str, str]:
    """(namespace, local name) of a Clark name."""
    if name.startswith("{"):
        namespace, local = name[1:].split("}", 1)
        return namespace, local
    return "", name


def _clark(ns: str, local: str) -> str:
    return f"{{{ns}}}{local}" if ns else local


def _opened(grammar: d.Grammar, p: d.Pattern, name: str, attributes: dict[str, str]) -> d.Pattern:
    """The pattern inside the start tag of ``name`` standing where ``p`` stands, its attributes read."""
    ns, local = _split(name)
    inside = d.start_tag_open_deriv(p, ns, local)
    if inside is d.NOT_ALLOWED_P:
        inside = d.start_tag_open_recovery(p, ns, local)
    if inside is d.NOT_ALLOWED_P:
        inside = d.choices(d.after(element.b.pattern, d.EMPTY_P) for element in grammar.elements_named(ns, local))
    for attribute, value in attributes.items():
        derived = d.att_deriv(inside, *_split(attribute), value)
        if derived is not d.NOT_ALLOWED_P:
            inside = derived
    return inside


def _stepped_over(p: d.Pattern, name: str) -> d.Pattern:
    """What remains of ``p`` after a whole element ``name``, its content taken as valid."""
    ns, local = _split(name)
    inside = d.start_tag_open_deriv(p, ns, local)
    if inside is d.NOT_ALLOWED_P:
        inside = d.start_tag_open_recovery(p, ns, local)
    if inside is d.NOT_ALLOWED_P:
        return p  # not allowed here: the validator reports it and goes on without it
    return d.end_tag_deriv(inside, lenient=True)


def _inside(grammar: d.Grammar, stack, roots: list[str]) -> d.Pattern:
    """The pattern at the cursor, inside the innermost open element (the document when none)."""
    p = d.after(grammar.start, d.EMPTY_P)
    before = roots
    for opened in stack:
        for child in before:
            p = _stepped_over(p, child)
        p = d.start_tag_close_deriv(_opened(grammar, p, opened.name or opened.qname, opened.attributes), lenient=True)
        before = opened.children
    for child in before:
        p = _stepped_over(p, child)
    return p


def elements_here(validator: d.Validator, stack, roots: list[str]) -> set[str]:
    """Clark names of the elements that may come at the cursor."""
    p = _inside(validator.grammar, stack, roots)
    return {_clark(*name) for name in d.expected_elements(p)}


def attributes_here(validator: d.Validator, stack, roots: list[str], element: str,
                    written: dict[str, str]) -> set[str]:
    """Clark names of the attributes the element ``element`` being written at the cursor may still take."""
    p = _opened(validator.grammar, _inside(validator.grammar, stack, roots), element, written)
    return {_clark(*name) for name in d.expected_attributes(p)} - set(written)
