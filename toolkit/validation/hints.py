"""What to do about a validator's error, by its code."""

from __future__ import annotations

_RELAXNG = {
    "RELAXNG_ERR_ELEMNAME": "this element is not allowed at this point: check its name, namespace and place "
                            "against the schema",
    "RELAXNG_ERR_ELEMWRONG": "this element is not allowed here: move it, rename it, or remove it",
    "RELAXNG_ERR_ELEMNOTEMPTY": "this element must be empty: remove its content",
    "RELAXNG_ERR_NOELEM": "a required child element is missing",
    "RELAXNG_ERR_NOTELEM": "text or an element appears where the schema expects something else",
    "RELAXNG_ERR_EXTRACONTENT": "remove the content the schema does not allow here",
    "RELAXNG_ERR_INVALIDATTR": "remove this attribute, or use one the schema allows on this element",
    "RELAXNG_ERR_NOGRAMMAR": "the schema has no grammar",
    "RELAXNG_ERR_DATATYPE": "the value does not match the datatype the schema requires",
    "RELAXNG_ERR_VALUE": "use one of the values the schema allows",
    "RELAXNG_ERR_LIST": "the value list does not match the schema",
    "RELAXNG_ERR_CONTENTVALID": "the element's content does not match the schema: see the errors around it",
    "RELAXNG_ERR_ELEMEXTRANS": "an element in an unexpected namespace: check the xmlns declarations",
    "RELAXNG_ERR_LACKDATA": "this element needs text content",
    "RELAXNG_ERR_TEXTWRONG": "text is not allowed here: wrap it in an element the schema allows",
    "RELAXNG_ERR_DUPID": "xml:id values must be unique in the document",
}
_XSD = {
    "children": "the child elements do not match the content model: see the expected elements",
    "datatype": "the value does not match the datatype the schema requires",
}


def relaxng(type_name: str) -> str:
    return _RELAXNG.get(type_name, "compare the markup with the schema's definition of this element")


def xsd(code: str) -> str:
    return _XSD.get(code, "compare the markup with the schema's definition of this element")
