<?xml version="1.0" encoding="UTF-8"?>
<!--
  Registers and lists kept inside a document (listPerson, listPlace, listOrg, listEvent,
  listNym, listObject, listRelation; in body, back or standOff), rendered where they stand, in
  the look of the indexes: one entry per person, place, organisation or event, its name as the
  entry's heading and every other part as a labelled field, so that no word of it is lost.

    tk:register-list   a list of entries               ($node)
    tk:register-entry  one entry: heading and fields   ($node)

  Both are named templates, so an output format or a project stylesheet can override them.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tk="urn:teikit"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- Lists of entries, and the entries they hold. -->
  <xsl:variable name="tk:register-list-names" as="xs:string*"
      select="('listPerson', 'listPlace', 'listOrg', 'listEvent', 'listNym', 'listObject', 'listRelation')"/>
  <xsl:variable name="tk:register-entry-names" as="xs:string*"
      select="('person', 'personGrp', 'persona', 'place', 'org', 'event', 'nym', 'object', 'relation')"/>

  <!-- The elements that name an entry; the first preferred one (else the first) heads it. -->
  <xsl:variable name="tk:entry-name-names" as="xs:string*"
      select="('persName', 'placeName', 'orgName', 'name', 'objectName', 'form', 'label', 'head', 'title', 'settlement',
               'country', 'region', 'district', 'bloc', 'geogName')"/>

  <xsl:function name="tk:entry-name" as="element()?">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="names" as="element()*" select="$entry/*[local-name() = $tk:entry-name-names][normalize-space()]"/>
    <xsl:sequence select="($names[@type = ('preferred', 'pref', 'reg', 'main', 'full')], $names)[1]"/>
  </xsl:function>

  <!-- ===== Matching: lists inside the text; standOff after the text ===== -->

  <xsl:template match="*[local-name() = $tk:register-list-names]" mode="tk:text" priority="1">
    <xsl:call-template name="tk:register-list">
      <xsl:with-param name="node" select="."/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="*[local-name() = $tk:register-entry-names]" mode="tk:text" priority="1">
    <xsl:call-template name="tk:register-entry">
      <xsl:with-param name="node" select="."/>
    </xsl:call-template>
  </xsl:template>

  <!-- Lists in the header describe the document (the about page shows the header); a facsimile or
       a source document's transcription are not reading text. -->
  <xsl:template match="*[local-name() = $tk:register-list-names][ancestor::teiHeader]" mode="tk:text" priority="2"/>

  <!-- standOff lists that the index pages already present (persons, places and organisations,
       every entry with an id) are not repeated; everything else in standOff is shown. -->
  <xsl:function name="tk:standoff-shown" as="element()*">
    <xsl:param name="tei" as="element()?"/>
    <xsl:sequence select="$tei/standOff/*[not(self::listPerson or self::listPlace or self::listOrg)
                                          or .//*[local-name() = $tk:register-entry-names][not(@xml:id)]]"/>
  </xsl:function>

  <!-- A note inside an entry is part of the entry, not a marker. -->
  <xsl:template match="note[tk:in-register(.)]" mode="tk:text" priority="2">
    <xsl:text> </xsl:text>
    <xsl:call-template name="tk:inline">
      <xsl:with-param name="node" select="."/>
      <xsl:with-param name="tag" select="'span'"/>
      <xsl:with-param name="class" select="'entry-note'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- In an entry every form of a name counts: the preferred one, the others after it. -->
  <xsl:template match="choice[tk:in-register(.)]" mode="tk:text" priority="2">
    <xsl:variable name="preferred" as="element()?" select="(corr, reg, expan, *)[1]"/>
    <span class="choice">
      <xsl:apply-templates select="$preferred/node()" mode="tk:text"/>
      <xsl:if test="* except $preferred">
        <xsl:text> (</xsl:text>
        <xsl:for-each select="* except $preferred">
          <xsl:if test="position() gt 1">, </xsl:if>
          <xsl:apply-templates select="node()" mode="tk:text"/>
        </xsl:for-each>
        <xsl:text>)</xsl:text>
      </xsl:if>
    </span>
  </xsl:template>

  <!-- ===== Rendering ===== -->

  <xsl:template name="tk:register-list">
    <xsl:param name="node" as="element()"/>
    <xsl:param name="tk:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="members" as="node()*" select="$node/node() except $node/head"/>
    <xsl:element name="{if ($tk:phrasing) then 'span' else 'section'}">
      <xsl:attribute name="class" select="string-join(('register-list', local-name($node), $node/@type ! ('register-list-' || .)), ' ')"/>
      <xsl:if test="$node/@xml:id and not($tk:phrasing)">
        <xsl:attribute name="id" select="tk:anchor($node)"/>
      </xsl:if>
      <xsl:call-template name="tk:language-attributes">
        <xsl:with-param name="node" select="$node"/>
      </xsl:call-template>
      <xsl:apply-templates select="$node/head" mode="tk:text"/>
      <xsl:element name="{if ($tk:phrasing) then 'span' else 'ul'}">
        <xsl:attribute name="class" select="'register'"/>
        <xsl:for-each select="$members[self::* or self::text()[normalize-space()]]">
          <xsl:choose>
            <xsl:when test="self::*[local-name() = $tk:register-entry-names]">
              <xsl:apply-templates select="." mode="tk:text"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:element name="{if ($tk:phrasing) then 'span' else 'li'}">
                <xsl:attribute name="class" select="'register-extra'"/>
                <xsl:apply-templates select="." mode="tk:text"/>
              </xsl:element>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </xsl:element>
    </xsl:element>
  </xsl:template>

  <xsl:template name="tk:register-entry">
    <xsl:param name="node" as="element()"/>
    <xsl:param name="tk:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="heading" as="element()?" select="tk:entry-name($node)"/>
    <xsl:variable name="fields" as="element()*" select="$node/* except $heading"/>
    <xsl:element name="{if ($tk:phrasing) then 'span' else if ($node/parent::*[local-name() = $tk:register-list-names]) then 'li' else 'div'}">
      <xsl:attribute name="class" select="string-join(('entry', 'entry-' || local-name($node), $node/@type ! ('entry-type-' || .)), ' ')"/>
      <xsl:if test="$node/@xml:id and not($tk:phrasing)">
        <xsl:attribute name="id" select="tk:anchor($node)"/>
      </xsl:if>
      <xsl:call-template name="tk:language-attributes">
        <xsl:with-param name="node" select="$node"/>
      </xsl:call-template>
      <xsl:element name="{if ($tk:phrasing) then 'span' else 'p'}">
        <xsl:attribute name="class" select="'entry-heading'"/>
        <span class="entry-name">
          <xsl:choose>
            <xsl:when test="$heading">
              <xsl:apply-templates select="$heading" mode="tk:text">
                <xsl:with-param name="tk:phrasing" select="true()" tunnel="yes"/>
              </xsl:apply-templates>
            </xsl:when>
            <xsl:otherwise>
              <xsl:value-of select="tk:word(local-name($node))"/>
            </xsl:otherwise>
          </xsl:choose>
        </span>
        <xsl:for-each select="tk:entry-summary($node)">
          <xsl:text> </xsl:text>
          <span class="entry-summary">(<xsl:value-of select="."/>)</span>
        </xsl:for-each>
      </xsl:element>
      <xsl:if test="exists($fields) or $node/text()[normalize-space()]">
        <xsl:element name="{if ($tk:phrasing) then 'span' else 'dl'}">
          <xsl:attribute name="class" select="'entry-fields'"/>
          <xsl:for-each-group select="$fields" group-adjacent="tk:field-label(.)">
           <xsl:element name="{if ($tk:phrasing) then 'span' else 'div'}">
            <xsl:attribute name="class" select="'field-group'"/>
            <xsl:element name="{if ($tk:phrasing) then 'span' else 'dt'}">
              <xsl:attribute name="class" select="'field-label'"/>
              <xsl:value-of select="current-grouping-key()"/>
            </xsl:element>
            <xsl:for-each select="current-group()">
              <xsl:element name="{if ($tk:phrasing) then 'span' else 'dd'}">
                <xsl:attribute name="class" select="'field field-' || local-name()"/>
                <xsl:call-template name="tk:field-value">
                  <xsl:with-param name="node" select="."/>
                </xsl:call-template>
              </xsl:element>
            </xsl:for-each>
           </xsl:element>
          </xsl:for-each-group>
          <xsl:if test="$node/text()[normalize-space()]">
            <xsl:element name="{if ($tk:phrasing) then 'span' else 'div'}">
              <xsl:attribute name="class" select="'field-group'"/>
              <xsl:element name="{if ($tk:phrasing) then 'span' else 'dd'}">
                <xsl:attribute name="class" select="'field'"/>
                <xsl:value-of select="normalize-space(string-join($node/text()))"/>
              </xsl:element>
            </xsl:element>
          </xsl:if>
        </xsl:element>
      </xsl:if>
    </xsl:element>
  </xsl:template>

  <!-- Life dates or an event's date, from attributes, when the entry's text does not give them. -->
  <xsl:function name="tk:entry-summary" as="xs:string?">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="
      if ($entry/(birth | death)[not(normalize-space())]) then tk:life-dates($entry)
      else if ($entry/self::event and not(normalize-space($entry)) and tk:iso-value($entry)) then tk:format-iso(tk:iso-value($entry))
      else ()"/>
  </xsl:function>

  <!-- "Birth", "Name (alternative-name)": what a field is, in the interface language. -->
  <xsl:function name="tk:field-label" as="xs:string">
    <xsl:param name="field" as="element()"/>
    <xsl:sequence select="tk:word(local-name($field)) || ($field/@type ! (' (' || tk:word(string(.)) || ')'))"/>
  </xsl:function>

  <!-- A field's value: its content; an empty field shows what its attributes say. -->
  <xsl:template name="tk:field-value">
    <xsl:param name="node" as="element()"/>
    <xsl:choose>
      <xsl:when test="normalize-space($node) or $node/*[local-name() = $tk:register-entry-names or local-name() = $tk:register-list-names]">
        <xsl:apply-templates select="$node" mode="tk:text"/>
      </xsl:when>
      <xsl:when test="tk:iso-value($node)">
        <xsl:value-of select="string-join(tokenize(tk:iso-value($node), '/') ! tk:format-iso(.), '–')"/>
      </xsl:when>
      <xsl:when test="$node/(@value, @key, @ident, @target, @ref, @active)">
        <xsl:value-of select="string-join($node/(@name, @value, @key, @ident, @active, @passive, @mutual, @target, @ref) ! string(), ' ')"/>
      </xsl:when>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
