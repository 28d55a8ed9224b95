<?xml version="1.0" encoding="UTF-8"?>
<!-- The header fields the deposit needs outside XML (bag-info.txt, metadata.csv), and the missing ones. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    exclude-result-prefixes="#all">

  <xsl:import href="header.xsl"/>

  <xsl:output method="json" indent="yes"/>
  <xsl:mode name="tk:fields" on-no-match="fail"/>

  <xsl:template match="/">
    <xsl:variable name="header" as="element(tei:teiHeader)?" select="/(tei:TEI | tei:teiCorpus)/tei:teiHeader"/>
    <xsl:sequence select="if (empty($header))
      then map{'missing': array{map{'field': 'teiHeader', 'hint': 'the document needs a TEI root with a teiHeader'}}}
      else map{
        'title': tk:title($header),
        'creators': array{tk:creators($header) ! tk:display-name(.)},
        'contributors': array{(tk:editors($header), tk:responsible($header)) ! tk:display-name(.)},
        'subjects': array{tk:subjects($header)},
        'publisher': tk:publisher($header),
        'date': tk:date($header),
        'year': tk:year($header),
        'rights': tk:rights($header),
        'licence_uri': tk:licence-uri($header),
        'identifier': tk:identifier($header) ! string(tk:text(.)),
        'identifier_type': tk:identifier($header) ! tk:identifier-type(.),
        'language': tk:language($header),
        'description': tk:description($header),
        'source': array{tk:source($header)},
        'contact_name': tk:contact-name($header),
        'contact_email': tk:contact-email($header),
        'missing': array{tk:missing-fields($header)}
      }"/>
  </xsl:template>
</xsl:stylesheet>
