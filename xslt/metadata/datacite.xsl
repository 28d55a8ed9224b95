<?xml version="1.0" encoding="UTF-8"?>
<!-- A DataCite Metadata Schema 4.6 record (kernel-4) from the teiHeader. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit"
    xmlns="http://datacite.org/schema/kernel-4"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    exclude-result-prefixes="#all">

  <xsl:import href="header.xsl"/>

  <xsl:output method="xml" indent="yes" encoding="UTF-8"/>
  <xsl:mode name="tk:datacite" on-no-match="shallow-skip"/>

  <xsl:template match="/">
    <xsl:apply-templates select="(tei:TEI | tei:teiCorpus)/tei:teiHeader" mode="tk:datacite"/>
  </xsl:template>

  <xsl:template match="tei:teiHeader" mode="tk:datacite">
    <xsl:variable name="idno" as="element(tei:idno)" select="tk:identifier(.)"/>
    <resource xsi:schemaLocation="http://datacite.org/schema/kernel-4 https://schema.datacite.org/meta/kernel-4.6/metadata.xsd">
      <identifier identifierType="{tk:identifier-type($idno)}"><xsl:value-of select="tk:text($idno)"/></identifier>
      <creators>
        <xsl:for-each select="tk:creators(.)">
          <creator>
            <xsl:call-template name="tk:datacite-name"><xsl:with-param name="element" select="'creatorName'"/></xsl:call-template>
          </creator>
        </xsl:for-each>
      </creators>
      <titles>
        <title xml:lang="{tk:language(.)}"><xsl:value-of select="tk:title(.)"/></title>
        <xsl:for-each select="tk:subtitle(.)">
          <title titleType="Subtitle"><xsl:value-of select="."/></title>
        </xsl:for-each>
      </titles>
      <publisher><xsl:value-of select="tk:publisher(.)"/></publisher>
      <publicationYear><xsl:value-of select="tk:year(.)"/></publicationYear>
      <resourceType resourceTypeGeneral="Text">Digital scholarly edition</resourceType>
      <xsl:if test="exists(tk:subjects(.))">
        <subjects>
          <xsl:for-each select="tk:subjects(.)"><subject><xsl:value-of select="."/></subject></xsl:for-each>
        </subjects>
      </xsl:if>
      <xsl:if test="exists((tk:editors(.), tk:responsible(.)))">
        <contributors>
          <xsl:for-each select="tk:editors(.), tk:responsible(.)">
            <contributor contributorType="{if (self::tei:editor) then 'Editor' else 'Other'}">
              <xsl:call-template name="tk:datacite-name"><xsl:with-param name="element" select="'contributorName'"/></xsl:call-template>
            </contributor>
          </xsl:for-each>
        </contributors>
      </xsl:if>
      <dates>
        <date dateType="Issued"><xsl:value-of select="tk:date(.)"/></date>
        <xsl:for-each select="tk:coverage(.)">
          <date dateType="Created"><xsl:value-of select="."/></date>
        </xsl:for-each>
      </dates>
      <language><xsl:value-of select="tk:language(.)"/></language>
      <formats>
        <format>application/tei+xml</format>
      </formats>
      <rightsList>
        <rights>
          <xsl:for-each select="tk:licence-uri(.)">
            <xsl:attribute name="rightsURI" select="."/>
          </xsl:for-each>
          <xsl:value-of select="tk:rights(.)"/>
        </rights>
      </rightsList>
      <xsl:for-each select="tk:description(.)">
        <descriptions>
          <description descriptionType="Abstract"><xsl:value-of select="."/></description>
        </descriptions>
      </xsl:for-each>
    </resource>
  </xsl:template>

  <!-- A name with its type, and family and given names where the header structures them. -->
  <xsl:template name="tk:datacite-name">
    <xsl:context-item as="element()" use="required"/>
    <xsl:param name="element" as="xs:string" required="yes"/>
    <xsl:variable name="person" as="xs:boolean" select="tk:is-person(.)"/>
    <xsl:element name="{$element}">
      <xsl:attribute name="nameType" select="if ($person) then 'Personal' else 'Organizational'"/>
      <xsl:value-of select="tk:display-name(.)"/>
    </xsl:element>
    <xsl:if test="$person">
      <xsl:for-each select="tk:given-name(.)"><givenName><xsl:value-of select="."/></givenName></xsl:for-each>
      <xsl:for-each select="tk:family-name(.)"><familyName><xsl:value-of select="."/></familyName></xsl:for-each>
    </xsl:if>
    <xsl:for-each select="tk:authority-ids(.)">
      <xsl:variable name="scheme" as="xs:string" select="lower-case(@type)"/>
      <nameIdentifier nameIdentifierScheme="{map{'viaf': 'VIAF', 'gnd': 'GND', 'wikidata': 'Wikidata', 'orcid': 'ORCID'}($scheme)}">
        <xsl:value-of select="tk:text(.)"/>
      </nameIdentifier>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
