<?xml version="1.0" encoding="UTF-8"?>
<!--
  The indexes: persons.html, places.html and organisations.html (named template tk:register-page,
  parameter tk:register), inside the page shell of html.xsl; and the same content as data for
  build/index (tk:index-data, a map serialised as JSON).
  Entries are sorted by tk:sort-key, collated by tk:collation-rank when the caller supplies an order.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:array="http://www.w3.org/2005/xpath-functions/array"
    xmlns:tk="urn:teikit"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:import href="html.xsl"/>

  <xsl:param name="tk:register" as="xs:string" select="'persons'">
    <!-- Which index tk:register-page renders: persons, places or organisations. -->
  </xsl:param>

  <xsl:variable name="tk:uca" as="xs:string" select="'http://www.w3.org/2013/collation/UCA?lang=en'"/>

  <!-- One heading of an index: an entry, or a variant name pointing at its entry. -->
  <xsl:function name="tk:index-headings" as="map(*)*">
    <xsl:param name="register" as="xs:string"/>
    <xsl:for-each select="tk:register-entries($tk:source, $register)">
      <xsl:variable name="entry" as="element()" select="."/>
      <xsl:sequence select="map{'entry': $entry, 'heading': tk:entry-heading($entry),
                                'sort': tk:sort-key(tk:preferred-name($entry)) ! (if (. eq '') then string($entry/@xml:id) else .)}"/>
      <xsl:for-each select="tk:cross-references($entry)">
        <xsl:sequence select="map{'entry': $entry, 'variant': ., 'heading': tk:name-inverted(.), 'sort': tk:sort-key(.)}"/>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:function>

  <xsl:function name="tk:sorted-headings" as="map(*)*">
    <xsl:param name="register" as="xs:string"/>
    <xsl:variable name="headings" as="map(*)*" select="tk:index-headings($register)"/>
    <xsl:choose>
      <xsl:when test="map:size($tk:collation-rank) gt 0">
        <xsl:perform-sort select="$headings">
          <xsl:sort select="($tk:collation-rank(?sort), 999999999)[1]" data-type="number"/>
          <xsl:sort select="exists(?variant)"/>
          <xsl:sort select="?sort" collation="http://www.w3.org/2005/xpath-functions/collation/codepoint"/>
        </xsl:perform-sort>
      </xsl:when>
      <xsl:otherwise>
        <xsl:perform-sort select="$headings">
          <xsl:sort select="?sort" collation="{$tk:uca}"/>
          <xsl:sort select="exists(?variant)"/>
        </xsl:perform-sort>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- ===== The index pages ===== -->

  <xsl:template name="tk:register-page">
    <xsl:variable name="label" as="xs:string" select="tk:register-label($tk:register)"/>
    <xsl:variable name="entries" as="element()*" select="tk:register-entries($tk:source, $tk:register)"/>
    <xsl:call-template name="tk:page">
      <xsl:with-param name="current" select="$tk:register"/>
      <xsl:with-param name="heading" select="$label"/>
      <xsl:with-param name="content">
        <h1><xsl:value-of select="$label"/></h1>
        <p class="register-summary">
          <xsl:value-of select="tk:word('register-summary', map{
            'entries': tk:count-word('entry-count', count($entries)),
            'mentions': tk:count-word('mention-count', xs:integer(sum($entries ! count(tk:mentions(.)))))})"/>
        </p>
        <xsl:if test="exists($entries)">
          <div class="register-filter" role="search" hidden="">
            <label for="register-filter"><xsl:value-of select="tk:word('find-name')"/></label>
            <input type="search" id="register-filter" autocomplete="off" aria-controls="register" aria-describedby="register-filter-status"/>
            <p id="register-filter-status" class="filter-status" aria-live="polite" data-shown="{tk:word('filter-shown')}"></p>
          </div>
          <ul class="register" id="register">
            <xsl:for-each select="tk:sorted-headings($tk:register)">
              <xsl:choose>
                <xsl:when test="exists(?variant)">
                  <xsl:call-template name="tk:cross-reference-item">
                    <xsl:with-param name="heading" select="."/>
                  </xsl:call-template>
                </xsl:when>
                <xsl:otherwise>
                  <xsl:call-template name="tk:entry-item">
                    <xsl:with-param name="entry" select="?entry"/>
                  </xsl:call-template>
                </xsl:otherwise>
              </xsl:choose>
            </xsl:for-each>
          </ul>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- Words the filter looks for: every name of the entry. -->
  <xsl:function name="tk:filter-terms" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="lower-case(string-join(distinct-values(($entry/(persName|placeName|orgName|name)) ! (tk:name-direct(.), tk:name-inverted(.))), ' | '))"/>
  </xsl:function>

  <xsl:template name="tk:entry-item">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="mentions" as="element()*" select="tk:mentions($entry)"/>
    <li class="entry" id="{$entry/@xml:id}" data-names="{tk:filter-terms($entry)}">
      <h2 class="entry-heading">
        <span class="entry-name"><xsl:value-of select="tk:entry-heading($entry)"/></span>
        <xsl:for-each select="tk:life-dates($entry)">
          <xsl:text> </xsl:text>
          <span class="life-dates">(<xsl:value-of select="."/>)</span>
        </xsl:for-each>
      </h2>
      <xsl:for-each select="$entry/note[normalize-space()]">
        <p class="identification">
          <xsl:apply-templates mode="tk:text">
            <xsl:with-param name="tk:phrasing" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </p>
      </xsl:for-each>
      <xsl:variable name="variants" as="element()*" select="tk:variant-names($entry)"/>
      <xsl:if test="exists($variants)">
        <p class="variants">
          <xsl:value-of select="tk:word('also') || ' '"/>
          <xsl:for-each select="$variants">
            <xsl:if test="position() gt 1"><xsl:value-of select="tk:word('list-separator')"/></xsl:if>
            <span class="variant"><xsl:value-of select="tk:name-direct(.)"/></span>
            <xsl:for-each select="@subtype"> (<xsl:value-of select="."/>)</xsl:for-each>
          </xsl:for-each>
        </p>
      </xsl:if>
      <xsl:variable name="authorities" as="element()*" select="$entry/idno[tk:authority-url(.)]"/>
      <xsl:if test="exists($authorities)">
        <p class="authorities">
          <xsl:for-each select="$authorities">
            <xsl:if test="position() gt 1"> · </xsl:if>
            <a class="authority" href="{tk:authority-url(.)}"><xsl:value-of select="tk:authority-label(.) || ' ' || normalize-space(.)"/></a>
          </xsl:for-each>
        </p>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="empty($mentions)">
          <p class="occurrence-count"><xsl:value-of select="tk:word('not-mentioned')"/></p>
        </xsl:when>
        <xsl:otherwise>
          <p class="occurrence-count">
            <xsl:value-of select="tk:count-word('mention-count', count($mentions))"/>
          </p>
          <ul class="occurrences">
            <xsl:for-each-group select="$mentions ! tk:occurrence(.)" group-adjacent="?section">
              <li>
                <xsl:if test="?section-title">
                  <a class="occurrence-section" href="{tk:text-href(?section)}"><xsl:value-of select="?section-title"/></a>
                  <xsl:value-of select="tk:word('label-separator')"/>
                </xsl:if>
                <xsl:for-each select="current-group()">
                  <xsl:if test="position() gt 1">, </xsl:if>
                  <a class="occurrence" href="{tk:text-href(?anchor)}"><xsl:value-of select="?label"/></a>
                  <xsl:text> </xsl:text>
                  <span class="form">(<xsl:value-of select="?form"/>)</span>
                </xsl:for-each>
              </li>
            </xsl:for-each-group>
          </ul>
        </xsl:otherwise>
      </xsl:choose>
    </li>
  </xsl:template>

  <!-- "Kibalchich, see Serge, Victor" -->
  <xsl:template name="tk:cross-reference-item">
    <xsl:param name="heading" as="map(*)"/>
    <xsl:variable name="entry" as="element()" select="$heading?entry"/>
    <li class="cross-reference" data-names="{lower-case($heading?heading)} | {tk:filter-terms($entry)}">
      <span class="entry-name"><xsl:value-of select="$heading?heading"/></span>
      <xsl:text>, </xsl:text>
      <em><xsl:value-of select="tk:word('see')"/></em>
      <xsl:text> </xsl:text>
      <a href="#{$entry/@xml:id}"><xsl:value-of select="tk:entry-heading($entry)"/></a>
    </li>
  </xsl:template>

  <!-- ===== The index as data (build/index/*.json, *.csv) ===== -->

  <xsl:template name="tk:index-data" as="map(*)">
    <xsl:map>
      <xsl:for-each select="$tk:registers">
        <xsl:variable name="register" as="xs:string" select="."/>
        <xsl:map-entry key="$register"
            select="array{ tk:sorted-headings($register)[empty(?variant)] ! tk:entry-data(?entry) }"/>
      </xsl:for-each>
    </xsl:map>
  </xsl:template>

  <!-- Every heading's sort key, for the caller to put in collation order (tk:collation-order);
       those of works and objects too, for an output that indexes them (a project's book). -->
  <xsl:template name="tk:sort-keys" as="array(xs:string)">
    <xsl:sequence select="array{ distinct-values(($tk:registers, 'works', 'objects') ! tk:index-headings(.) ! ?sort) }"/>
  </xsl:template>

  <xsl:function name="tk:entry-data" as="map(*)">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="map{
      'id': string($entry/@xml:id),
      'type': local-name($entry),
      'name': tk:entry-heading($entry),
      'sort': tk:sort-key(tk:preferred-name($entry)),
      'variants': array{ tk:variant-names($entry) ! map{'name': tk:name-direct(.), 'type': string(@subtype)} },
      'birth': string(($entry/birth/(@when, @notBefore, @from))[1]),
      'death': string(($entry/death/(@when, @notAfter, @to))[1]),
      'note': normalize-space(string-join(($entry/note)[1]/node() ! tk:plain(.))),
      'authorities': array{ $entry/idno ! map{'type': string(@type), 'value': normalize-space(.),
                                               'url': string(tk:authority-url(.))} },
      'occurrences': array{ tk:mentions($entry) ! tk:occurrence(.) }
    }"/>
  </xsl:function>
</xsl:stylesheet>
