<?xml version="1.0" encoding="UTF-8"?>
<!-- TEI P4 (TEI.2) and un-namespaced TEI are read as if they were P5: every element without a
     namespace moves into the TEI namespace, so one set of templates serves every document. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tk="urn:teikit"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:variable name="tk:tei-namespace" as="xs:string" select="'http://www.tei-c.org/ns/1.0'"/>

  <!-- The document every template works on. -->
  <xsl:variable name="tk:source" as="document-node()">
    <xsl:choose>
      <xsl:when test="not(/*/descendant-or-self::*[namespace-uri() = '' ])">
        <xsl:sequence select="/"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:document>
          <xsl:apply-templates select="/node()" mode="tk:normalise"/>
        </xsl:document>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:mode name="tk:normalise" on-no-match="shallow-copy"/>

  <xsl:template match="*[namespace-uri() = '']" mode="tk:normalise">
    <xsl:element name="{if (local-name() = 'TEI.2') then 'TEI' else local-name()}" namespace="{$tk:tei-namespace}">
      <xsl:apply-templates select="@*, node()" mode="tk:normalise"/>
    </xsl:element>
  </xsl:template>

  <!-- P4 spelled identifiers @id and languages @lang. -->
  <xsl:template match="@id[namespace-uri(..) = '']" mode="tk:normalise">
    <xsl:attribute name="xml:id" select="."/>
  </xsl:template>
  <xsl:template match="@lang[namespace-uri(..) = '']" mode="tk:normalise">
    <xsl:attribute name="xml:lang" select="."/>
  </xsl:template>
</xsl:stylesheet>
