<?xml version="1.0" encoding="UTF-8"?>
<!--
  Line, column and page breaks in the text. A break inside a word (break="no", or a break with a
  letter right before and after it, see tk:break-in-word) must not split the word in the text a
  reader copies, searches or has read aloud (the page's innerText, the PDF's text): there it is
  marked by a thin rule drawn by CSS (no character), and a page break's number follows the end
  of the word ("κρινόμενος[142r]", the rule standing where the page turns). Other line breaks
  break the line; other page breaks give their number in brackets where they stand.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tk="urn:teikit"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- Whether a break stands inside a word: break="no", or no @break (the TEI leaves it open) and
       a letter right before and after it, no white space between: the encoder wrote the word on
       as one ("Ver<lb/>ehrung"). A line break in a letter's opening or closing formula, whose
       lines are its units, stays a word boundary even so ("Ihr<lb/>ergebener": "Ihr ergebener"). -->
  <xsl:function name="tk:break-in-word" as="xs:boolean">
    <xsl:param name="break" as="element()"/>
    <xsl:sequence select="$break/@break = 'no'
      or (empty($break/@break)
          and ($break/self::pb or $break/self::cb
               or $break/self::lb[not(ancestor::*[self::opener or self::closer or self::salute or self::signed
                                                  or self::dateline or self::address])])
          and matches(string($break/preceding-sibling::node()[1][self::text()]), '\w$')
          and matches(string($break/following-sibling::node()[1][self::text()]), '^\w'))"/>
  </xsl:function>

  <!-- The text right after a page break inside a word: it carries the break's number after the
       rest of the word. -->
  <xsl:function name="tk:word-goes-on" as="xs:boolean">
    <xsl:param name="break" as="element()"/>
    <xsl:sequence select="tk:break-in-word($break)
                          and matches(string($break/following-sibling::node()[1][self::text()]), '^\w')"/>
  </xsl:function>

  <xsl:template match="lb" mode="tk:text">
    <xsl:choose>
      <xsl:when test="tk:break-in-word(.)">
        <span class="lb lb-in-word" title="{tk:word('line-break')}"/>
      </xsl:when>
      <xsl:otherwise><br/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="pb" mode="tk:text">
    <xsl:choose>
      <xsl:when test="tk:word-goes-on(.)">
        <span class="pb-in-word" title="{tk:word('page-break')}"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="tk:page-number"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A page break's number in brackets; an unnumbered one as a bar, so that it is not lost. -->
  <xsl:template name="tk:page-number">
    <xsl:choose>
      <xsl:when test="@n">
        <span class="pb" title="{tk:word('page')} {@n}">[<xsl:value-of select="@n"/>]</span>
      </xsl:when>
      <xsl:otherwise>
        <span class="pb" title="{tk:word('page-break')}">|</span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="text()[preceding-sibling::node()[1][self::pb][tk:word-goes-on(.)]]" mode="tk:text" priority="1">
    <xsl:variable name="rest-of-word" as="xs:string" select="replace(., '^(\w+).*$', '$1', 's')"/>
    <xsl:value-of select="$rest-of-word"/>
    <xsl:for-each select="preceding-sibling::node()[1]">
      <xsl:call-template name="tk:page-number"/>
    </xsl:for-each>
    <xsl:value-of select="tk:running-text(substring(., string-length($rest-of-word) + 1))"/>
  </xsl:template>
</xsl:stylesheet>
