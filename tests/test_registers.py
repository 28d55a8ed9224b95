"""The edition's registers (standOff): every entry used, every listed form found in the text, and
every occurrence of a listed form in the reading text tagged with a pointer to its entry."""

from __future__ import annotations

import copy
import re
from functools import lru_cache

from lxml import etree

from tests.conftest import EDITION

TEI = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
NS = {"t": TEI}

# register entry element -> id prefix, and the name element that mentions it in the text
ENTRY_PREFIX = {"person": "pers", "personGrp": "pers", "place": "place", "org": "org", "bibl": "bibl"}
MENTION_ENTRIES = {"persName": {"person", "personGrp"}, "placeName": {"place"}, "orgName": {"org"},
                   "title": {"bibl"}}
NAME_OF_ENTRY = {"person": "persName", "personGrp": "persName", "place": "placeName", "org": "orgName",
                 "bibl": "title"}

# Occurrences that do not take the entry their form names by default (the editors' decisions):
# (form, text just before it, text just after it, entry id to point to, or None: left untagged).
EXCEPTIONS = [
    ("Communist Party", "that we’d entered the ", " en bloc", "org-pcf"),
    ("Tsar", "as harsh as that of the ", " had led to ferocious", None),
    # anarchists sympathetic to the Bolsheviks, not members of the party
    ("Bolsheviks", "dissolved by the Anarcho-", " and the Anarcho-Syndicalists", None),
]

# Mentions whose reading-text form is not a register form (a misprint kept in sic whose
# correction names the entry): (form, text before, text after, entry id).
EXTRA_MENTIONS = [
    ("Russian", "could, of course, have tried to leave ", " and join Goldman", "place-russia"),
]

MENTION_OF_PREFIX = {"pers": "persName", "place": "placeName", "org": "orgName", "bibl": "title"}

# Elements whose text belongs to the reading text of a block, and those whose text does not.
BLOCKS = ("p", "head", "titlePart", "docAuthor", "signed")
NOT_READING = {"note", "corr", "reg", "expan", "supplied"}


def local(el: etree._Element) -> str:
    return etree.QName(el).localname


@lru_cache(maxsize=1)
def edition() -> etree._ElementTree:
    assert EDITION.is_file(), f"{EDITION} is missing: generate the edition first"
    return etree.parse(str(EDITION))


def entries(root: etree._Element) -> list[etree._Element]:
    return root.xpath("//t:standOff//*[self::t:person or self::t:personGrp or self::t:place or "
                      "self::t:org or self::t:bibl][@xml:id]", namespaces=NS)


def norm(text: str) -> str:
    return " ".join(text.split())


def forms_of(entry: etree._Element) -> list[tuple[str, str]]:
    """(form, type) for the entry's own names: its preferred name and every variant."""
    name = NAME_OF_ENTRY[local(entry)]
    return [(norm("".join(n.itertext())), n.get("type") or "")
            for n in entry.findall(f"t:{name}", NS) if norm("".join(n.itertext()))]


def reading_chars(block: etree._Element) -> list[tuple[str, etree._Element]]:
    """The block's reading text as (character, element holding it), source readings only:
    notes, editorial corrections and other editorial additions are left out."""
    out: list[tuple[str, etree._Element]] = []

    def walk(el: etree._Element) -> None:
        if el.text:
            out.extend((c, el) for c in el.text)
        for child in el:
            if isinstance(child.tag, str) and local(child) not in NOT_READING:
                walk(child)
            if child.tail:
                out.extend((c, el) for c in child.tail)

    walk(block)
    # collapse whitespace as the source text is compared: one space for each run
    collapsed: list[tuple[str, etree._Element]] = []
    for c, el in out:
        if c.isspace():
            if collapsed and collapsed[-1][0] != " ":
                collapsed.append((" ", el))
        else:
            collapsed.append((c, el))
    while collapsed and collapsed[-1][0] == " ":
        collapsed.pop()
    return collapsed


def text_blocks(root: etree._Element) -> list[etree._Element]:
    found = root.xpath("//t:text//*[" + " or ".join(f"self::t:{b}" for b in BLOCKS) + "]", namespaces=NS)
    # a block nested in another block (e.g. a head inside a quoted letter) is read with its parent
    return [b for b in found if not any(local(a) in BLOCKS for a in b.iterancestors())]


def squeeze(context: str) -> str:
    """A context as it reads in the whitespace-normalised text (edge spaces kept)."""
    return re.sub(r"\s+", " ", context)


def occurrences(text: str, form: str):
    for m in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text):
        yield m.start(), m.end()


def pointers(value: str | None) -> set[str]:
    """The local ids a pointer attribute (@ref, @who) points to."""
    return {p[1:] for p in (value or "").split() if p.startswith("#")}


def pointers_of(el: etree._Element) -> set[str]:
    return pointers(el.get("ref"))


def tagged_as(chars, start: int, end: int, entry_id: str, mention: str) -> bool:
    """True when every character of [start, end) lies inside a `mention` element pointing to entry_id."""
    for c, el in chars[start:end]:
        if c == " ":
            continue
        for anc in [el, *el.iterancestors()]:
            if local(anc) == mention and entry_id in pointers_of(anc):
                break
        else:
            return False
    return True


def exception_for(text: str, start: int, end: int, form: str):
    for f, left, right, action in EXCEPTIONS:
        if f == form and text[:start].endswith(squeeze(left)) and text[end:].startswith(squeeze(right)):
            return True, action
    return False, None


def untagged_mentions(root: etree._Element) -> list[str]:
    """Every occurrence of a register form in the reading text that is not tagged as it should be
    (an occurrence inside a longer, already reported form of the same entry is reported once)."""
    forms = []
    for entry in entries(root):
        for form, _ in forms_of(entry):
            forms.append((form, entry.get(XML_ID), NAME_OF_ENTRY[local(entry)]))
    forms.sort(key=lambda f: -len(f[0]))
    problems = []
    for block in text_blocks(root):
        chars = reading_chars(block)
        text = "".join(c for c, _ in chars)
        reported: list[tuple[int, int, str]] = []
        for form, entry_id, mention in forms:
            for s, e in occurrences(text, form):
                listed, action = exception_for(text, s, e, form)
                where = f"{local(block)} {block.get(XML_ID) or block.sourceline}: …{text[max(0, s - 30):e + 30]}…"
                if listed and action is None:
                    if tagged_as(chars, s, e, entry_id, mention):
                        problems.append(f"{form!r} is tagged as #{entry_id} though listed as untagged: {where}")
                    continue
                target = action if listed else entry_id
                target_mention = MENTION_OF_PREFIX[target.split("-", 1)[0]]
                if tagged_as(chars, s, e, target, target_mention):
                    continue
                if any(rs <= s and e <= re_ and rid == target for rs, re_, rid in reported):
                    continue
                reported.append((s, e, target))
                problems.append(f"{form!r} not tagged as #{target}: {where}")
    return problems


def missing_extra_mentions(root: etree._Element) -> list[str]:
    """EXTRA_MENTIONS not found, or found but not tagged as listed."""
    problems = []
    for form, left, right, target in EXTRA_MENTIONS:
        hits = 0
        for block in text_blocks(root):
            chars = reading_chars(block)
            text = "".join(c for c, _ in chars)
            for s, e in occurrences(text, form):
                if text[:s].endswith(squeeze(left)) and text[e:].startswith(squeeze(right)):
                    hits += 1
                    if not tagged_as(chars, s, e, target, MENTION_OF_PREFIX[target.split("-", 1)[0]]):
                        problems.append(f"{left}[{form}]{right} is not tagged as #{target}")
        if not hits:
            problems.append(f"{left}[{form}]{right} does not occur in the text")
    return problems


def reading_text(root: etree._Element) -> str:
    return "\n".join("".join(c for c, _ in reading_chars(b)) for b in text_blocks(root))


# ---------------------------------------------------------------------------------- the tests

def test_entries_have_prefixed_unique_ids():
    root = edition().getroot()
    ids = root.xpath("//@xml:id")
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"xml:id used more than once: {duplicates}"
    found = entries(root)
    assert len(found) > 50, "the registers are (nearly) empty"
    bad = [e.get(XML_ID) for e in found
           if not re.fullmatch(ENTRY_PREFIX[local(e)] + r"-[a-z0-9]+(-[a-z0-9]+)*", e.get(XML_ID))]
    assert not bad, f"ids without their register's prefix or not lower-case ASCII slugs: {bad}"


def test_each_register_holds_its_own_kind():
    root = edition().getroot()
    lists = {"listPerson": {"person", "personGrp"}, "listPlace": {"place"}, "listOrg": {"org"},
             "listBibl": {"bibl"}}
    for name, allowed in lists.items():
        found = root.xpath(f"//t:standOff/t:{name}", namespaces=NS)
        assert found, f"standOff has no {name}"
        stray = [local(c) for lst in found for c in lst if isinstance(c.tag, str) and local(c) not in allowed]
        assert not stray, f"{name} holds {stray}"


def test_entries_name_themselves_first_and_identify_themselves():
    problems = []
    for entry in entries(edition().getroot()):
        named = [c for c in entry if isinstance(c.tag, str) and local(c) == NAME_OF_ENTRY[local(entry)]]
        xid = entry.get(XML_ID)
        if not named or named[0].get("type") != "preferred":
            problems.append(f"{xid}: first name is not type='preferred'")
        if sum(n.get("type") == "preferred" for n in named) != 1:
            problems.append(f"{xid}: not exactly one preferred name")
        if any(n.get("type") not in ("preferred", "variant") for n in named):
            problems.append(f"{xid}: a name neither preferred nor variant")
        if any(n.get("type") == "variant" and not n.get("subtype") for n in named):
            problems.append(f"{xid}: a variant without @subtype")
        notes = entry.findall("t:note", NS)
        if len(notes) != 1 or not norm("".join(notes[0].itertext())):
            problems.append(f"{xid}: no one-sentence identification note")
    assert not problems, "\n".join(problems)


def test_person_names_are_structured_where_they_apply():
    # persons with a forename and a surname give them as such in the preferred name
    root = edition().getroot()
    serge = root.xpath("//t:person[@xml:id='pers-serge']/t:persName[@type='preferred']", namespaces=NS)
    assert serge, "no entry for Victor Serge"
    assert serge[0].findtext("t:forename", namespaces=NS) == "Victor"
    assert serge[0].findtext("t:surname", namespaces=NS) == "Serge"
    variants = {norm("".join(v.itertext())) for v in
                root.xpath("//t:person[@xml:id='pers-serge']/t:persName[@type='variant']", namespaces=NS)}
    assert {"Kibalchich", "Le Rétif", "Serge", "Victor"} <= variants


def test_fictional_persons_and_groups_are_typed():
    root = edition().getroot()
    assert root.xpath("//t:person[@role='fictional']", namespaces=NS), "no fictional character typed"
    groups = root.xpath("//t:listPerson/t:personGrp", namespaces=NS)
    assert groups and all(g.get("role") for g in groups), "collective groups must be personGrp with @role"


def test_every_variant_occurs_in_the_text():
    root = edition().getroot()
    text = reading_text(root)
    missing = [f"{e.get(XML_ID)}: {form!r}" for e in entries(root) for form, kind in forms_of(e)
               if kind == "variant" and not any(occurrences(text, form))]
    assert not missing, "variants that the reading text does not contain:\n" + "\n".join(missing)


def test_every_entry_is_referenced():
    root = edition().getroot()
    used: set[str] = set()
    for el in root.xpath("//t:text//*[@ref or @who]", namespaces=NS):
        used |= pointers(el.get("ref")) | pointers(el.get("who"))
    unused = [e.get(XML_ID) for e in entries(root) if e.get(XML_ID) not in used]
    assert not unused, f"register entries nothing in the text points to: {unused}"


def test_every_ref_resolves_to_an_entry_of_the_right_kind():
    root = edition().getroot()
    kinds = {e.get(XML_ID): local(e) for e in entries(root)}
    problems = []
    for el in root.xpath("//t:text//*[self::t:persName or self::t:placeName or self::t:orgName "
                         "or self::t:title]", namespaces=NS):
        name = local(el)
        if name != "title" and not el.get("ref"):
            problems.append(f"line {el.sourceline}: {name} {norm(''.join(el.itertext()))!r} has no @ref")
        for target in pointers_of(el):
            if target not in kinds:
                problems.append(f"line {el.sourceline}: {name} points to missing #{target}")
            elif kinds[target] not in MENTION_ENTRIES[name]:
                problems.append(f"line {el.sourceline}: {name} points to a {kinds[target]} (#{target})")
    for el in root.xpath("//t:text//*[@who]", namespaces=NS):
        for target in pointers(el.get("who")):
            if kinds.get(target) not in ("person", "personGrp"):
                problems.append(f"line {el.sourceline}: @who points to #{target}, not a person")
    assert not problems, "\n".join(problems)


def test_no_register_form_is_left_untagged():
    problems = untagged_mentions(edition().getroot())
    assert not problems, f"{len(problems)} mentions not tagged as their entry:\n" + "\n".join(problems)


def test_misprinted_names_are_tagged():
    problems = missing_extra_mentions(edition().getroot())
    assert not problems, "\n".join(problems)


def test_exceptions_still_match_the_text():
    text = reading_text(edition().getroot())
    stale = [row for row in EXCEPTIONS
             if not any(text[:s].endswith(squeeze(row[1])) and text[e:].startswith(squeeze(row[2]))
                        for s, e in occurrences(text, row[0]))]
    assert not stale, f"exceptions that match no occurrence any more: {stale}"


def test_life_dates_and_identifiers_are_well_formed():
    root = edition().getroot()
    problems = []
    for person in root.xpath("//t:listPerson/t:person", namespaces=NS):
        born = person.find("t:birth", NS)
        died = person.find("t:death", NS)
        for ev in (born, died):
            if ev is not None and not re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", ev.get("when") or ""):
                problems.append(f"{person.get(XML_ID)}: {local(ev)} without an ISO @when")
        if born is not None and died is not None and born.get("when")[:4] > died.get("when")[:4]:
            problems.append(f"{person.get(XML_ID)}: dies before being born")
    seen: dict[str, str] = {}
    for idno in root.xpath("//t:standOff//t:idno", namespaces=NS):
        kind, value = idno.get("type"), norm(idno.text or "")
        pattern = {"wikidata": r"Q[1-9]\d*", "viaf": r"[1-9]\d*", "gnd": r"[0-9X-]+"}.get(kind)
        if pattern is None or not re.fullmatch(pattern, value):
            problems.append(f"idno {kind}={value!r} is not a well-formed authority identifier")
        owner = idno.getparent().get(XML_ID)
        if seen.setdefault(f"{kind}:{value}", owner) != owner:
            problems.append(f"{kind} {value} given to both {seen[kind + ':' + value]} and {owner}")
    assert not problems, "\n".join(problems)


# ------------------------------------------------- the checks themselves find what they look for

def test_an_untagged_mention_is_reported():
    root = copy.deepcopy(edition().getroot())
    name = root.xpath("//t:text//t:persName[@ref='#pers-kollontai']", namespaces=NS)[0]
    # unwrap the element: its text stays, the markup goes
    parent, previous = name.getparent(), name.getprevious()
    text = "".join(name.itertext()) + (name.tail or "")
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    parent.remove(name)
    problems = untagged_mentions(root)
    assert any("Kollontai" in p for p in problems), problems


def test_a_mention_pointing_elsewhere_is_reported():
    root = copy.deepcopy(edition().getroot())
    name = root.xpath("//t:text//t:placeName[@ref='#place-kronstadt']", namespaces=NS)[0]
    name.set("ref", "#place-petrograd")
    assert any("'Kronstadt' not tagged as #place-kronstadt" in p for p in untagged_mentions(root))


def test_a_skipped_occurrence_that_is_tagged_is_reported():
    # the second "Tsar" is the autocracy, not Nicholas I: tagging it as him is an error
    tagged = 'as harsh as that of the <persName ref="#pers-nicholas-i">Tsar</persName> had led to ferocious'
    p = etree.fromstring(f'<TEI xmlns="{TEI}"><standOff><listPerson><person xml:id="pers-nicholas-i">'
                         '<persName type="preferred">Nicholas I</persName>'
                         '<persName type="variant" subtype="title">Tsar</persName></person></listPerson>'
                         f"</standOff><text><body><p>{tagged} attacks</p></body></text></TEI>")
    assert any("listed as untagged" in problem for problem in untagged_mentions(p))
