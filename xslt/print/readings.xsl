<?xml version="1.0" encoding="UTF-8"?>
<!-- The readings of the source in print: the other side of every choice (sic/corr, orig/reg,
     abbr/expan), after the apparatus, in the form a printed edition lists its emendations:
     "page  printed] source". The web edition's list (html.xsl) holds the same choices; here the
     reading printed is the one the book's text prints (rendering option "abbreviations"), and a
     choice whose two sides are both in the text (abbreviations = "both") is not listed. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tk="urn:teikit"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- Whether the book's text prints the abbreviation of this choice rather than its expansion. -->
  <xsl:function name="tk:prints-abbreviation" as="xs:boolean">
    <xsl:param name="choice" as="element(choice)"/>
    <xsl:sequence select="tk:choice-preferred($choice)/self::expan and tk:choice-source($choice)/self::abbr
                          and $tk:abbreviations = ('abbr', 'both')"/>
  </xsl:function>

  <xsl:function name="tk:print-listed-choices" as="element()*">
    <xsl:sequence select="tk:listed-choices()[not(tk:prints-abbreviation(.) and $tk:abbreviations = 'both')]"/>
  </xsl:function>

  <xsl:template name="tk:print-source-readings">
    <xsl:variable name="choices" as="element()*" select="tk:print-listed-choices()"/>
    <xsl:if test="exists($choices)">
      <section class="tk-source-readings" id="source-readings">
        <h2><xsl:value-of select="tk:word('source-readings')"/></h2>
        <ol class="source-reading-list">
          <xsl:for-each select="$choices">
            <xsl:variable name="sides" as="element()*" select="(tk:choice-preferred(.), tk:choice-source(.))"/>
            <xsl:variable name="printed" as="element()?" select="if (tk:prints-abbreviation(.)) then $sides[2] else $sides[1]"/>
            <xsl:variable name="other" as="element()?" select="($sides except $printed)[1]"/>
            <xsl:variable name="place" as="element()?" select="tk:citable(.)"/>
            <li>
              <xsl:if test="$place">
                <a class="tk-page-ref" href="#{tk:anchor($place)}"/>
              </xsl:if>
              <span class="reading-printed"><xsl:value-of select="normalize-space(string-join(tk:plain-reading($printed)))"/></span>
              <xsl:text>] </xsl:text>
              <span class="source-reading"><xsl:value-of select="normalize-space(string-join(tk:plain-reading($other)))"/></span>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template name="tk:print-source-readings-contents">
    <xsl:if test="exists(tk:print-listed-choices())">
      <li><a href="#source-readings"><xsl:value-of select="tk:word('source-readings')"/></a></li>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
