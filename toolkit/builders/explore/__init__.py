"""Pages that show an edition in time and space: a timeline of its dated documents and events,
and a map of its register's places, for the essay's web edition and for project sites alike.

``dating`` reads TEI dates into spans, ``timeline`` and ``geomap`` write the pages' content as
HTML fragments (each site puts them in its own page shell), ``basemap`` reads the land outlines
(Natural Earth, installed with teikit), ``essay`` gathers what one document holds.
"""
