<?xml version="1.0" encoding="UTF-8"?>
<!--
  Register entries kept in a document (common/lists.xsl), in print: each entry one run-in
  paragraph, its name in bold, then every field as "Label: value; value", fields set apart by a
  middle dot. A register file holds thousands of entries, and the typesetter's time goes with the
  number of boxes: one block per entry (not one per heading, field list and field group), and
  no inline box for a span that only names the TEI element it came from, keep the book short
  and quick to typeset; every word of the entry is still printed.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tk="urn:teikit"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:template name="tk:register-entry">
    <xsl:param name="node" as="element()"/>
    <xsl:param name="tk:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="heading" as="element()?" select="tk:entry-name($node)"/>
    <!-- Inside the entry everything is phrasing: a nested list or entry runs on in it. -->
    <xsl:element name="{if ($tk:phrasing) then 'span' else if ($node/parent::*[local-name() = $tk:register-list-names]) then 'li' else 'p'}">
      <xsl:attribute name="class" select="string-join(('entry', 'entry-' || local-name($node), $node/@type ! ('entry-type-' || .)), ' ')"/>
      <xsl:if test="$node/@xml:id and not($tk:phrasing)">
        <xsl:attribute name="id" select="tk:anchor($node)"/>
      </xsl:if>
      <xsl:call-template name="tk:language-attributes">
        <xsl:with-param name="node" select="$node"/>
      </xsl:call-template>
      <span class="entry-name">
        <xsl:choose>
          <xsl:when test="$heading">
            <xsl:variable name="name" as="node()*">
              <xsl:apply-templates select="$heading" mode="tk:text">
                <xsl:with-param name="tk:phrasing" select="true()" tunnel="yes"/>
              </xsl:apply-templates>
            </xsl:variable>
            <xsl:sequence select="tk:print-entry-plain($name)"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="tk:word(local-name($node))"/>
          </xsl:otherwise>
        </xsl:choose>
      </span>
      <xsl:for-each select="tk:entry-summary($node)">
        <xsl:value-of select="' (' || . || ')'"/>
      </xsl:for-each>
      <xsl:for-each-group select="$node/* except $heading" group-adjacent="tk:field-label(.)">
        <xsl:value-of select="(if (position() gt 1) then ' · ' else ' ') || current-grouping-key() || tk:word('label-separator')"/>
        <xsl:for-each select="current-group()">
          <xsl:if test="position() gt 1">; </xsl:if>
          <xsl:variable name="value" as="node()*">
            <xsl:call-template name="tk:field-value">
              <xsl:with-param name="node" select="."/>
              <xsl:with-param name="tk:phrasing" select="true()" tunnel="yes"/>
            </xsl:call-template>
          </xsl:variable>
          <xsl:sequence select="tk:print-entry-plain($value)"/>
        </xsl:for-each>
      </xsl:for-each-group>
      <xsl:if test="$node/text()[normalize-space()]">
        <xsl:value-of select="' ' || normalize-space(string-join($node/text()))"/>
      </xsl:if>
    </xsl:element>
  </xsl:template>

  <!-- Spans whose classes only name the TEI element they came from ("placeName", "tei-geo"),
       which print.css gives no look, are set as their text; anything else is kept (a class of
       phrases.css such as "foreign" or "rend-italic", a language, a link, emphasis). -->
  <xsl:variable name="tk:print-entry-plain-classes" as="xs:string*"
      select="('persName', 'placeName', 'orgName', 'name', 'geogName', 'idno', 'bibl', 'listBibl', 'entry-note', 'block')"/>

  <xsl:mode name="tk:print-entry-plain" on-no-match="shallow-copy"/>

  <!-- Rendered nodes with those spans taken away; what is left as text alone, with its spaces
       normalised (the source's line breaks inside a field would otherwise stand before a ";"). -->
  <xsl:function name="tk:print-entry-plain" as="node()*">
    <xsl:param name="rendered" as="node()*"/>
    <xsl:variable name="plain" as="node()*">
      <xsl:apply-templates select="$rendered" mode="tk:print-entry-plain"/>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$plain/self::*">
        <xsl:sequence select="$plain"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="normalize-space(string-join($plain))"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <xsl:template match="*[local-name() = 'span'][empty(@* except @class)]
                        [every $class in tokenize(@class) satisfies ($class = $tk:print-entry-plain-classes or starts-with($class, 'tei-'))]"
      mode="tk:print-entry-plain">
    <xsl:apply-templates mode="#current"/>
  </xsl:template>
</xsl:stylesheet>
