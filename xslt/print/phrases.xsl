<?xml version="1.0" encoding="UTF-8"?>
<!-- Phrase-level markup on paper: an element that changes nothing on the page gives no HTML
     element at all, only its text. The web edition keeps these for its readers' tools (a
     date's ISO value, a correction's source reading); a page cannot show them, and every
     inline element is one more box for the typesetter to break across lines. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tk="urn:teikit"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- Quotations keep the source's own marks; these elements have no look of their own in
       phrases.css or print.css, unless a language (hyphenation) or a rendition is given. -->
  <xsl:template match="(quote | q | said | soCalled | mentioned | term | gloss | distinct | name | rs | roleName
                        | forename | surname | addName | geogName | num | measure | seg | w | c | pc)
                       [not(@xml:lang | @rend | @rendition)][not(tk:has-blocks(.))]"
      mode="tk:text" priority="1">
    <xsl:apply-templates mode="tk:text"/>
  </xsl:template>

  <!-- Runs of white space as one space, as the page shows them anyway: WeasyPrint leaves a
       footnote's text uncollapsed, and a line broken inside " \n" there stops the typesetter
       ("Got ' \n' between two lines"). No-break spaces are kept. -->
  <xsl:function name="tk:running-text" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="replace($text, '[ &#9;&#10;&#13;]+', ' ')"/>
  </xsl:function>

  <!-- A correction: the corrected reading, as the web edition shows it first; the editorial notes
       say what the source prints (the web edition's pop-ups have no place on paper).
       An abbreviation prints as the project chooses (rendering option "abbreviations"): its
       expansion (the default), the abbreviation as the source writes it, or both, the
       expansion in square brackets after the abbreviation. -->
  <xsl:param name="tk:abbreviations" as="xs:string" select="'expan'"/>

  <xsl:template name="tk:alternate">
    <xsl:param name="node" as="element()"/>
    <xsl:param name="preferred" as="element()?"/>
    <xsl:param name="source" as="element()?"/>
    <xsl:choose>
      <xsl:when test="$preferred/self::expan and $source/self::abbr and $tk:abbreviations = 'abbr'">
        <xsl:apply-templates select="$source/node()" mode="tk:text"/>
      </xsl:when>
      <xsl:when test="$preferred/self::expan and $source/self::abbr and $tk:abbreviations = 'both'">
        <xsl:apply-templates select="$source/node()" mode="tk:text"/>
        <xsl:text> [</xsl:text>
        <xsl:apply-templates select="$preferred/node()" mode="tk:text"/>
        <xsl:text>]</xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="$preferred/node()" mode="tk:text"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A date reads as the text gives it; its ISO value is for machines and the web edition. -->
  <xsl:template name="tk:date">
    <xsl:param name="node" as="element()"/>
    <xsl:apply-templates select="$node/node()" mode="tk:text"/>
  </xsl:template>
</xsl:stylesheet>
