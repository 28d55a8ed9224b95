<?xml version="1.0" encoding="UTF-8"?>
<!--
  The interface words every output prints (headings, labels, buttons), in English, German and
  French (words.json). The language is the one asked for (tk:interface-language), else the document's
  (its xml:lang, its text's, the header's first language), else English. A project adds or
  replaces words with tk:interface-words-json: {"notes": {"en": "Endnotes"}, ...}.
  tk:word(key) returns a word; a key without a word is shown as readable text ("birthPlace"
  becomes "Birth place").
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tk="urn:teikit"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:param name="tk:interface-language" as="xs:string" select="''">
    <!-- en, de or fr; empty: the document's language. -->
  </xsl:param>
  <xsl:param name="tk:interface-words-json" as="xs:string" select="''">
    <!-- A project's own words, as JSON: key -> language -> word. -->
  </xsl:param>

  <!-- The words themselves are data, in words.json beside this file (key -> language -> word),
       read when the stylesheet is compiled; the project site's pages (toolkit/builders/interface_words.py)
       take theirs from the same file. A word's {placeholders} are filled by tk:word#2. -->
  <xsl:variable name="tk:words" static="yes" as="map(xs:string, map(*))" select="json-doc('words.json')"/>

  <!-- Every language some word is given in. -->
  <xsl:variable name="tk:interface-languages" as="xs:string+"
      select="distinct-values(map:for-each($tk:words, function($key, $words) { map:keys($words) }))"/>

  <xsl:variable name="tk:ui-language" as="xs:string" select="
    (($tk:interface-language, $tk:source/*/@xml:lang, ($tk:source//*:text)[1]/@xml:lang,
      ($tk:source//*:langUsage/*:language)[1]/@ident)
      ! lower-case(tokenize(tk:bcp47(string(.)), '-')[1])[. = $tk:interface-languages], 'en')[1]"/>

  <xsl:variable name="tk:project-words" as="map(*)"
      select="if (normalize-space($tk:interface-words-json)) then parse-json($tk:interface-words-json) else map{}"/>

  <xsl:function name="tk:word" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:variable name="project" as="item()?" select="$tk:project-words($key)"/>
    <xsl:variable name="own" as="map(*)?" select="$tk:words($key)"/>
    <xsl:sequence select="(
      if ($project instance of map(*)) then ($project($tk:ui-language), $project('en'))[1] else (),
      $own ! (.($tk:ui-language), .('en')), tk:readable-key($key))[1]"/>
  </xsl:function>

  <!-- A word with its {placeholders} filled: tk:word('entry-count', map{'n': 3}) is "3 entries". -->
  <xsl:function name="tk:word" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="fields" as="map(xs:string, item())"/>
    <xsl:sequence select="string-join(
      analyze-string(tk:word($key), '\{([A-Za-z]+)\}')/*
        ! (if (self::*:match) then string(($fields(string(*:group)), .)[1]) else string(.)))"/>
  </xsl:function>

  <!-- The word for n things: KEY-one for one, else KEY, with {n} filled. -->
  <xsl:function name="tk:count-word" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="n" as="xs:integer"/>
    <xsl:sequence select="tk:word(if ($n eq 1) then $key || '-one' else $key, map{'n': $n})"/>
  </xsl:function>

  <!-- "birthPlace", "alternative-name" read as "Birth place", "Alternative name". -->
  <xsl:function name="tk:readable-key" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:variable name="words" as="xs:string" select="normalize-space(lower-case(replace(replace($key, '([a-z])([A-Z])', '$1 $2'), '[-_.]+', ' ')))"/>
    <xsl:sequence select="upper-case(substring($words, 1, 1)) || substring($words, 2)"/>
  </xsl:function>
</xsl:stylesheet>
