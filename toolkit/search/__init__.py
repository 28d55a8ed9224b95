"""Full-text search of a web edition, without a server: an index made at build time, read by the
reader's browser from static files (``file://`` included).

The pipeline, one module a step:

- ``text``: words as the index and the browser both see them (NFC, case-folded, without diacritics);
- ``units``: the passages a result links to, read from the rendered pages (each paragraph, note or
  other element with an id, in the corrected and the diplomatic reading);
- ``index``: the index itself, split in files a page loads as scripts (``search/*.js``), so a query
  downloads only the parts of the index it needs;
- ``numbers``: the postings' numbers, written compactly in strings;
- ``page``: the search page's own markup, shared by the essay's edition and the project sites.

``xslt/assets/search.js`` is the browser's half: it tokenises queries as ``text`` does, loads the
parts of the index a query needs, ranks, filters by facets and shows each hit in its context.
"""

from toolkit.search.index import Facet, SearchDocument, index_files
from toolkit.search.units import Unit, units_from_html

__all__ = ["Facet", "SearchDocument", "Unit", "index_files", "units_from_html"]
