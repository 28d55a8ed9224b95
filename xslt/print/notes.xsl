<?xml version="1.0" encoding="UTF-8"?>
<!-- Notes in print. The author's notes exist in the source only as markers: the marker is printed
     where the author put it, and one prefatory note says, once, that their texts are not in the
     source. Editorial notes are footnotes labelled as in the web edition (E1, E2 …). -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tk="urn:teikit"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- Authorial notes whose text the source does not give. -->
  <xsl:function name="tk:is-marker-only" as="xs:boolean">
    <xsl:param name="note" as="element(note)"/>
    <xsl:sequence select="exists($note/gap[@reason = 'note-text-not-in-source'])
                          and normalize-space(string-join(tk:plain($note))) eq ''"/>
  </xsl:function>

  <xsl:template name="tk:note">
    <xsl:param name="node" as="element()"/>
    <xsl:choose>
      <xsl:when test="$node/@type = 'authorial' and tk:is-marker-only($node)">
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

  <!-- The prefatory note: said once, with the numbers the text actually carries. -->
  <xsl:template name="tk:print-notes-statement">
    <xsl:variable name="markers" as="element(note)*" select="text//note[@type = 'authorial'][tk:is-marker-only(.)]"/>
    <xsl:variable name="editorial" as="element(note)*" select="text//note[not(@type = 'authorial')]"/>
    <section class="tk-notes-statement" id="tk-notes-statement">
      <h2>A note on the notes</h2>
      <xsl:if test="exists($markers)">
        <p>
          <xsl:text>The author’s text calls </xsl:text>
          <xsl:value-of select="if (count($markers) eq 1) then 'one note' else count($markers) || ' notes'"/>
          <xsl:text> (numbered </xsl:text>
          <xsl:value-of select="tk:note-label($markers[1])"/>
          <xsl:if test="count($markers) gt 1">
            <xsl:text>–</xsl:text>
            <xsl:value-of select="tk:note-label($markers[last()])"/>
          </xsl:if>
          <xsl:text>). The source of this edition gives the note numbers but not the texts of the notes, so the numbers are printed where the author placed them and no note text follows them.</xsl:text>
        </p>
      </xsl:if>
      <xsl:if test="exists($editorial)">
        <p>
          <xsl:text>Notes labelled </xsl:text>
          <xsl:value-of select="string-join(subsequence($editorial, 1, 2) ! tk:note-label(.), ', ')"/>
          <xsl:if test="count($editorial) gt 2"><xsl:text> …</xsl:text></xsl:if>
          <xsl:text> are the editor’s and are printed at the foot of the page.</xsl:text>
        </p>
      </xsl:if>
      <p>
        <xsl:text>The numbers in the margin are the paragraph numbers of the web edition, so that a passage can be cited the same way in both.</xsl:text>
      </p>
    </section>
  </xsl:template>
</xsl:stylesheet>
