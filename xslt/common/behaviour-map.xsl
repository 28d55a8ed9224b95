<?xml version="1.0" encoding="UTF-8"?>
<!--
  A project's own mapping from TEI elements to behaviours, as data (tk:behaviours-json):

    {"said": "block", "fw": "omit", "seg[@type=verse]": "line",
     "persName[@type=fictional]": {"behaviour": "inline", "class": "fictional"},
     "hi[@rend=spaced]": {"behaviour": "inline", "class": "letterspaced"}}

  Keys are an element name, optionally with one @type or @rend value; values a behaviour or an
  object with "behaviour" and "class" (a CSS class added to the element's own). Behaviours:
    block, inline, paragraph, heading, line (a verse line), quote (a block quotation),
    register (a list of entries), entry (a register entry), omit (left out with its content),
    unwrap (its content only).
  The most specific key wins (@type, then @rend, then the name). What is not mapped keeps the
  behaviour behaviours.xsl gives it.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tk="urn:teikit"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:param name="tk:behaviours-json" as="xs:string" select="''"/>

  <xsl:variable name="tk:behaviour-map" as="map(*)"
      select="if (normalize-space($tk:behaviours-json)) then parse-json($tk:behaviours-json) else map{}"/>

  <!-- The mapping for an element, as a map with "behaviour" and "class", or nothing. -->
  <xsl:function name="tk:mapped-behaviour" as="map(*)?">
    <xsl:param name="node" as="element()"/>
    <xsl:variable name="name" as="xs:string" select="local-name($node)"/>
    <xsl:variable name="value" as="item()?" select="
      if (map:size($tk:behaviour-map) eq 0) then ()
      else ((tokenize(normalize-space($node/@type), ' ') ! $tk:behaviour-map($name || '[@type=' || . || ']'),
             tokenize(normalize-space($node/@rend), ' ') ! $tk:behaviour-map($name || '[@rend=' || . || ']'),
             $tk:behaviour-map($name))[1])"/>
    <xsl:sequence select="
      if ($value instance of xs:string) then map{'behaviour': $value, 'class': ''}
      else if ($value instance of map(*)) then map{'behaviour': string(($value?behaviour, 'inline')[1]), 'class': string(($value?class, '')[1])}
      else ()"/>
  </xsl:function>

  <xsl:template match="*[map:size($tk:behaviour-map) gt 0][exists(tk:mapped-behaviour(.))]" mode="tk:text" priority="9">
    <xsl:variable name="mapping" as="map(*)" select="tk:mapped-behaviour(.)"/>
    <xsl:variable name="class" as="xs:string" select="normalize-space(local-name() || ' ' || $mapping?class)"/>
    <xsl:choose>
      <xsl:when test="$mapping?behaviour = 'omit'"/>
      <xsl:when test="$mapping?behaviour = 'unwrap'">
        <xsl:apply-templates mode="tk:text"/>
      </xsl:when>
      <xsl:when test="$mapping?behaviour = 'block'">
        <xsl:call-template name="tk:block">
          <xsl:with-param name="node" select="."/>
          <xsl:with-param name="tag" select="if (tk:has-blocks(.)) then 'div' else 'p'"/>
          <xsl:with-param name="class" select="$class"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$mapping?behaviour = 'line'">
        <xsl:call-template name="tk:block">
          <xsl:with-param name="node" select="."/>
          <xsl:with-param name="tag" select="'div'"/>
          <xsl:with-param name="class" select="'l ' || $class"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$mapping?behaviour = 'quote'">
        <xsl:call-template name="tk:block">
          <xsl:with-param name="node" select="."/>
          <xsl:with-param name="tag" select="'blockquote'"/>
          <xsl:with-param name="class" select="'quote ' || $class"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$mapping?behaviour = 'paragraph'">
        <xsl:call-template name="tk:paragraph">
          <xsl:with-param name="node" select="."/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$mapping?behaviour = 'heading'">
        <xsl:call-template name="tk:heading">
          <xsl:with-param name="node" select="."/>
          <xsl:with-param name="level" select="tk:heading-level(.)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$mapping?behaviour = 'register'">
        <xsl:call-template name="tk:register-list">
          <xsl:with-param name="node" select="."/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$mapping?behaviour = 'entry'">
        <xsl:call-template name="tk:register-entry">
          <xsl:with-param name="node" select="."/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="tk:inline">
          <xsl:with-param name="node" select="."/>
          <xsl:with-param name="tag" select="'span'"/>
          <xsl:with-param name="class" select="$class"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
