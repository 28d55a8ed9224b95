<?xml version="1.0" encoding="UTF-8"?>
<!-- Simple Dublin Core (the oai_dc container) from the teiHeader. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    exclude-result-prefixes="#all">

  <xsl:import href="header.xsl"/>

  <xsl:output method="xml" indent="yes" encoding="UTF-8"/>
  <xsl:mode name="tk:dc" on-no-match="shallow-skip"/>

  <xsl:template match="/">
    <oai_dc:dc xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd">
      <xsl:namespace name="dc" select="'http://purl.org/dc/elements/1.1/'"/>
      <xsl:apply-templates select="(tei:TEI | tei:teiCorpus)/tei:teiHeader" mode="tk:dc"/>
    </oai_dc:dc>
  </xsl:template>

  <!-- The DC elements alone, also embedded by mets.xsl. -->
  <xsl:template match="tei:teiHeader" mode="tk:dc">
    <dc:title><xsl:value-of select="tk:title(.)"/></dc:title>
    <xsl:for-each select="tk:creators(.)">
      <dc:creator><xsl:value-of select="tk:display-name(.)"/></dc:creator>
    </xsl:for-each>
    <xsl:for-each select="tk:editors(.), tk:responsible(.)">
      <dc:contributor><xsl:value-of select="tk:display-name(.)"/></dc:contributor>
    </xsl:for-each>
    <xsl:for-each select="tk:subjects(.)">
      <dc:subject><xsl:value-of select="."/></dc:subject>
    </xsl:for-each>
    <dc:publisher><xsl:value-of select="tk:publisher(.)"/></dc:publisher>
    <dc:date><xsl:value-of select="tk:date(.)"/></dc:date>
    <dc:type>Text</dc:type>
    <dc:format>application/tei+xml</dc:format>
    <dc:identifier><xsl:value-of select="tk:text(tk:identifier(.))"/></dc:identifier>
    <xsl:for-each select="tk:languages(.)">
      <dc:language><xsl:value-of select="."/></dc:language>
    </xsl:for-each>
    <xsl:for-each select="tk:coverage(.)">
      <dc:coverage><xsl:value-of select="."/></dc:coverage>
    </xsl:for-each>
    <xsl:for-each select="tk:description(.)">
      <dc:description><xsl:value-of select="."/></dc:description>
    </xsl:for-each>
    <xsl:for-each select="tk:source(.)">
      <dc:source><xsl:value-of select="."/></dc:source>
    </xsl:for-each>
    <xsl:for-each select="tk:relations(.)">
      <dc:relation><xsl:value-of select="."/></dc:relation>
    </xsl:for-each>
    <dc:rights><xsl:value-of select="tk:rights(.)"/></dc:rights>
    <xsl:for-each select="tk:licence-uri(.)">
      <dc:rights><xsl:value-of select="."/></dc:rights>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
