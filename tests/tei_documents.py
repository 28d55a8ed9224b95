"""TEI documents as the tests write them out: one header, the test's own body."""

from __future__ import annotations


def tei_file(body: str, *, title: str, publication: str, source: str, prolog: str = "", back: str = "") -> str:
    """An indented TEI document: the XML declaration, ``prolog`` (xml-model lines, each ending
    with a newline), a header naming ``title``, ``publication`` and ``source``, and ``body``
    (whole indented lines) in ``text/body``, then ``back`` (whole lines, ``<back>`` included) if
    any; line numbers are those of the text written out."""
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n{prolog}<TEI xmlns="http://www.tei-c.org/ns/1.0">\n'
            "  <teiHeader>\n    <fileDesc>\n"
            f"      <titleStmt><title>{title}</title></titleStmt>\n"
            f"      <publicationStmt><p>{publication}</p></publicationStmt>\n"
            f"      <sourceDesc><p>{source}</p></sourceDesc>\n"
            "    </fileDesc>\n  </teiHeader>\n  <text>\n    <body>\n"
            f"{body}"
            f"    </body>\n{back}  </text>\n</TEI>\n")
