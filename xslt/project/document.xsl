<?xml version="1.0" encoding="UTF-8"?>
<!--
  One document of a project, for the project's web edition (toolkit/builders/project_site/):
  - tk:document-text     the document's text as an HTML fragment (front, body, back, standOff, notes),
                         rendered by the web edition's templates (html.xsl, common/behaviours.xsl);
  - tk:document-places   where every element with a @ref stands on the page (the anchor and label of
                         its paragraph, note or section), as JSON; which of them are names, and of
                         what, is the register model's to say (toolkit/project/mentions.py).
  Names point into registers this stylesheet does not see (other files of the project): a name is
  written as a link to "tk-ref:POINTER", which the builder replaces by the address of the register
  entry the pointer resolves to (or by no link at all).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tk="urn:teikit"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:import href="../html.xsl"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>

  <!-- Elements whose @ref names a person, place, organisation or work. -->
  <xsl:variable name="tk:naming" as="xs:string*" select="
    ('persName', 'placeName', 'orgName', 'rs', 'name', 'title', 'author', 'editor', 'geogName',
     'settlement', 'region', 'country', 'bloc', 'district', 'objectName', 'eventName', 'bibl')"/>

  <xsl:function name="tk:pointers" as="xs:string*">
    <xsl:param name="node" as="element()"/>
    <xsl:sequence select="tokenize(normalize-space($node/@ref), ' ')"/>
  </xsl:function>

  <!-- Where a register entry is displayed: resolved by the builder. -->
  <xsl:function name="tk:entry-href" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="'tk-ref:' || encode-for-uri('#' || $entry/@xml:id)"/>
  </xsl:function>

  <!-- ===== The text ===== -->

  <xsl:template name="tk:document-text">
    <article class="edition-text document-text" lang="{$tk:language}">
      <xsl:if test="$tk:texts//choice">
        <div class="view-switch" hidden="">
          <button type="button" id="view-toggle" aria-pressed="false"><xsl:value-of select="tk:word('diplomatic-view')"/></button>
          <span class="view-help"><xsl:value-of select="tk:word('view-help')"/></span>
        </div>
      </xsl:if>
      <xsl:for-each select="$tk:texts">
        <xsl:apply-templates select="(front, body, group, self::text[not(body or group or front or back)]/node())" mode="tk:text"/>
      </xsl:for-each>
      <xsl:apply-templates select="$tk:texts/back[normalize-space() or *]" mode="tk:text"/>
      <!-- The document's own registers and commentary, all of them: the project's indexes list
           its entries too, but this page is where the document says what they are. -->
      <xsl:if test="$tk:tei/standOff/*">
        <section class="standoff" id="registers" aria-labelledby="registers-title">
          <h2 id="registers-title"><xsl:value-of select="tk:word('registers')"/></h2>
          <xsl:for-each select="$tk:tei/standOff/*">
            <xsl:if test="not(head)">
              <h3><xsl:value-of select="tk:word(local-name())"/></h3>
            </xsl:if>
            <xsl:apply-templates select="." mode="tk:text"/>
          </xsl:for-each>
        </section>
      </xsl:if>
      <xsl:call-template name="tk:notes"/>
    </article>
  </xsl:template>

  <!-- A name that points somewhere: a link the builder completes, unless it sits inside another link
       or holds names of its own (those are linked instead, so links never nest). -->
  <xsl:template match="*[local-name() = $tk:naming][@ref][normalize-space(@ref)]" mode="tk:text" priority="2">
    <xsl:param name="tk:in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:param name="tk:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:choose>
      <xsl:when test="$tk:in-link or tk:has-blocks(.) or descendant::*[@ref or @target]">
        <xsl:next-match/>
      </xsl:when>
      <xsl:otherwise>
        <a class="{local-name()} mention" href="tk-ref:{encode-for-uri(tk:pointers(.)[1])}">
          <xsl:call-template name="tk:language-attributes">
            <xsl:with-param name="node" select="."/>
          </xsl:call-template>
          <xsl:apply-templates mode="tk:text">
            <xsl:with-param name="tk:in-link" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </a>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Space around a choice's readings belongs to the text ("have <choice> <orig>request-</orig>
       <reg>requested</reg> </choice>that"): it is kept where the readings alone would join two words. -->
  <xsl:template match="choice" mode="tk:text" priority="1">
    <xsl:if test="text()[not(preceding-sibling::*)][matches(., '^\s')]"><xsl:text> </xsl:text></xsl:if>
    <xsl:next-match/>
    <xsl:if test="text()[not(following-sibling::*)][matches(., '\s$')]"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

  <!-- ===== Where the names stand ===== -->

  <!-- Which elements name something is the register model's to say (toolkit/project/mentions.py);
       where each stands on this page is this stylesheet's: for every element with a @ref, in
       document order, the anchor and label of the paragraph, note or section it stands in; for a
       name inside one of the document's own register entries that the page shows, that entry
       (its anchor and name); nothing when it is not on the page. -->
  <xsl:template name="tk:document-places">
    <xsl:sequence select="array{
      for $element in $tk:source//*[normalize-space(@ref)]
      return if (exists($element/ancestor::text) and not(tk:in-register($element)))
             then (let $occurrence := tk:occurrence($element) return [$occurrence?anchor, $occurrence?label])
             else tk:entry-place($element)}"/>
  </xsl:template>

  <xsl:function name="tk:entry-place" as="array(xs:string)">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="entry" as="element()?" select="$element/ancestor::*[local-name() = $tk:register-entry-names]
        [parent::*[local-name() = $tk:register-list-names]][@xml:id][not(ancestor::teiHeader)][1]"/>
    <xsl:sequence select="if (empty($entry)) then []
      else [tk:anchor($entry), (tk:entry-name($entry) ! normalize-space(string-join(tk:plain(.))), string($entry/@xml:id))[.][1]]"/>
  </xsl:function>
</xsl:stylesheet>
