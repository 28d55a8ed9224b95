<?xml version="1.0" encoding="UTF-8"?>
<!-- Notes in print. A note whose source gives no text, only a gap (an author's note known by its
     number alone, say), is printed as its marker where the author put it; what the project says of
     such notes belongs in its preface (rendering option print_preface). Other notes are footnotes
     labelled as in the web edition (1, 2 …, E1, E2 …). -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tk="urn:teikit"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- Notes that hold only gaps: nothing to print at the foot of the page. -->
  <xsl:function name="tk:is-marker-only" as="xs:boolean">
    <xsl:param name="note" as="element(note)"/>
    <xsl:sequence select="exists($note/gap) and empty($note/* except $note/gap)
                          and normalize-space(string-join($note/text())) eq ''"/>
  </xsl:function>

  <xsl:template name="tk:note">
    <xsl:param name="node" as="element()"/>
    <xsl:choose>
      <xsl:when test="tk:is-marker-only($node)">
        <sup class="tk-note-marker" id="{tk:anchor($node)}"><xsl:value-of select="tk:note-label($node)"/></sup>
      </xsl:when>
      <xsl:otherwise>
        <!-- WeasyPrint moves the element to the foot of the page (float: footnote) and leaves the call. -->
        <span class="tk-footnote" id="{tk:anchor($node)}" data-label="{tk:note-label($node)}">
          <xsl:apply-templates select="$node/node()" mode="tk:text">
            <xsl:with-param name="tk:phrasing" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The project's prefatory note (rendering option print_preface: a heading and paragraphs),
       before the text; a book without one has none. -->
  <xsl:param name="tk:print-preface-json" as="xs:string" select="''"/>
  <xsl:variable name="tk:print-preface" as="map(*)?"
      select="if (normalize-space($tk:print-preface-json)) then parse-json($tk:print-preface-json) else ()"/>

  <xsl:template name="tk:print-preface">
    <xsl:if test="exists($tk:print-preface)">
      <section class="tk-preface" id="tk-preface">
        <h2><xsl:value-of select="$tk:print-preface?heading"/></h2>
        <xsl:for-each select="($tk:print-preface?paragraphs, [])[1]?*">
          <p><xsl:value-of select="."/></p>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template name="tk:print-preface-contents">
    <xsl:if test="exists($tk:print-preface)">
      <li><a href="#tk-preface"><xsl:value-of select="$tk:print-preface?heading"/></a></li>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
