"""Grammars reduced to a run's element names give the full grammar's verdicts.

Each simplification rule of ``reduce_grammar`` (dead parts of groups and oneOrMore; optional with dead content; choices losing dead alternatives;
defines and references that became dead) is exercised by a small grammar and
documents that use only the kept names, valid and invalid alike.
"""

from __future__ import annotations

import itertools

import pytest
from lxml import etree

from toolkit.validation.reduced import NEVER, RNG_NS, reduce_grammar

GRAMMAR = f"""<grammar xmlns="{RNG_NS}">
  <start><ref name="doc"/></start>
  <define name="doc">
    <element name="doc">
      <optional><attribute name="n"><text/></attribute></optional>
      <zeroOrMore><ref name="block"/></zeroOrMore>
      <optional><ref name="gone.group"/><element name="tail"><empty/></element></optional>
      <zeroOrMore><ref name="gone.class"/></zeroOrMore>
    </element>
  </define>
  <define name="block"><choice><ref name="para"/><ref name="list"/><ref name="gone.class"/></choice></define>
  <define name="gone.class"><choice><ref name="figure"/><ref name="gone.group"/></choice></define>
  <define name="gone.group"><group><element name="label"><text/></element><ref name="figure"/></group></define>
  <define name="figure"><element name="figure"><empty/></element></define>
  <define name="para">
    <element name="p"><mixed><zeroOrMore><choice><ref name="hi"/><ref name="figure"/></choice></zeroOrMore></mixed></element>
  </define>
  <define name="hi"><element name="hi"><text/></element></define>
  <define name="list">
    <element name="list">
      <oneOrMore><choice><element name="item"><text/></element><ref name="gone.group"/></choice></oneOrMore>
      <optional><oneOrMore><ref name="figure"/></oneOrMore></optional>
    </element>
  </define>
</grammar>"""

KEPT = frozenset({"doc", "p", "hi", "list", "item", "label", "tail"})

DOCUMENTS = {
    "empty doc": ("<doc/>", True),
    "paragraphs": ("<doc><p>a <hi>b</hi> c</p><p/></doc>", True),
    "list of items": ("<doc><list><item>x</item><item>y</item></list></doc>", True),
    "empty list": ("<doc><list/></doc>", False),
    "text in doc": ("<doc>stray</doc>", False),
    "item outside list": ("<doc><item>x</item></doc>", False),
    "label without its figure": ("<doc><list><label>x</label></list></doc>", False),
    "tail without the group before it": ("<doc><tail/></doc>", False),
    "attribute": ('<doc n="1"><p/></doc>', True),
    "hi with child": ("<doc><p><hi><hi>x</hi></hi></p></doc>", False),
    "unknown element": ("<doc><q/></doc>", False),
}


@pytest.fixture(scope="module")
def grammars():
    full = etree.ElementTree(etree.fromstring(GRAMMAR))
    return etree.RelaxNG(full), etree.RelaxNG(reduce_grammar(full, KEPT)), reduce_grammar(full, KEPT)


@pytest.mark.parametrize("label", DOCUMENTS)
def test_reduced_and_full_verdicts_agree(grammars, label):
    full, reduced, _ = grammars
    text, expected = DOCUMENTS[label]
    document = etree.ElementTree(etree.fromstring(text))
    assert bool(full.validate(document)) is expected
    assert bool(reduced.validate(document)) is expected


def test_every_small_document_over_the_kept_names_gets_the_same_verdict(grammars):
    # All documents doc/(child/(grandchild)?)* up to two children drawn from the kept names.
    full, reduced, _ = grammars
    names = sorted(KEPT - {"doc"})
    shapes = [""] + [f"<{a}/>" for a in names] + [f"<{a}><{b}/></{a}>" for a in names for b in names]
    checked = 0
    for first, second in itertools.product(shapes, repeat=2):
        document = etree.ElementTree(etree.fromstring(f"<doc>{first}{second}</doc>"))
        assert bool(full.validate(document)) == bool(reduced.validate(document)), etree.tostring(document)
        checked += 1
    assert checked > 1000


def test_dead_patterns_are_simplified_away(grammars):
    *_, grammar = grammars
    root = grammar.getroot()
    refs = {ref.get("name") for ref in root.iter(f"{{{RNG_NS}}}ref")}
    # gone.class lost its only live alternative; references to it are gone or point at the notAllowed define.
    assert "gone.class" not in refs and "gone.group" not in refs and "figure" not in refs
    block = next(d for d in root.iter(f"{{{RNG_NS}}}define") if d.get("name") == "block")
    assert [ref.get("name") for ref in block.iter(f"{{{RNG_NS}}}ref")] == ["para", "list"]
    # Only the one define holds a notAllowed element; dead patterns in place refer to it.
    holders = {node.getparent().get("name") for node in root.iter(f"{{{RNG_NS}}}notAllowed")}
    assert NEVER in holders and not any(h is None for h in holders)


def test_many_kept_names_leave_optionals_alone_with_the_same_verdicts():
    # Past EMPTYING_MAX_NAMES, optionals keep their dead reference (libxml2 compiles
    # them slowly as automata otherwise); verdicts stay the full grammar's.
    from toolkit.validation.reduced import EMPTYING_MAX_NAMES

    full = etree.ElementTree(etree.fromstring(GRAMMAR))
    padding = frozenset(f"unused{number}" for number in range(EMPTYING_MAX_NAMES))
    grammar = reduce_grammar(full, KEPT | padding)
    optionals = [o for o in grammar.iter(f"{{{RNG_NS}}}optional")
                 if [r.get("name") for r in o.iter(f"{{{RNG_NS}}}ref")] == [NEVER]]
    assert optionals
    reduced, full_validator = etree.RelaxNG(grammar), etree.RelaxNG(full)
    for text, expected in DOCUMENTS.values():
        document = etree.ElementTree(etree.fromstring(text))
        assert bool(reduced.validate(document)) is expected is bool(full_validator.validate(document))
