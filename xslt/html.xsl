<?xml version="1.0" encoding="UTF-8"?>
<!--
  The web edition: the essay page (named template tk:essay-page) and the page about the edition
  (tk:about-page), both inside the site's page shell (tk:page), which index.xsl shares.
  Overrides of the common rendering templates: notes with pop-ups, alternates with a switchable view.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tk="urn:teikit"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:import href="common/common.xsl"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>

  <xsl:param name="tk:source-name" as="xs:string" select="''">
    <!-- File name of the TEI source, published as tei/NAME.txt (text, never run by a browser) and
         saved under NAME; empty: no download link. -->
  </xsl:param>

  <xsl:param name="tk:project-css" as="xs:string" select="''">
    <!-- The project's own CSS, after the edition's (relative to the page); empty: none. -->
  </xsl:param>

  <xsl:param name="tk:explore-pages" as="xs:string" select="''">
    <!-- The pages that show the document in time and space, written by the builder: "timeline map",
         either, or none. -->
  </xsl:param>

  <xsl:variable name="tk:tei" as="element()" select="($tk:source//TEI, $tk:source/*)[1]"/>
  <xsl:variable name="tk:header" as="element()?" select="$tk:tei/teiHeader"/>
  <xsl:variable name="tk:texts" as="element()*" select="outermost($tk:source//text)"/>

  <xsl:variable name="tk:title" as="xs:string" select="
    ((($tk:header/fileDesc/titleStmt/title[not(@type) or @type = 'main'])[1], $tk:header/fileDesc/titleStmt/title[1],
      $tk:texts//docTitle)[normalize-space()][1] ! normalize-space(string-join(tk:plain(.))), tk:word('untitled'))[1]"/>

  <!-- The title alone, for the list of a corpus's documents. -->
  <xsl:template name="tk:document-title" as="xs:string">
    <xsl:sequence select="$tk:title"/>
  </xsl:template>

  <!-- The language of the interface words (words.xsl), for the pages Python writes beside these. -->
  <xsl:template name="tk:interface-language" as="xs:string">
    <xsl:sequence select="$tk:ui-language"/>
  </xsl:template>

  <xsl:variable name="tk:language" as="xs:string" select="tk:bcp47(($tk:tei/@xml:lang, $tk:texts[1]/@xml:lang, 'en')[1])"/>

  <!-- ===== Page shell ===== -->

  <xsl:template name="tk:page">
    <xsl:param name="current" as="xs:string"/>
    <xsl:param name="heading" as="xs:string"/>
    <xsl:param name="content" as="node()*"/>
    <html lang="{$tk:language}">
      <xsl:if test="tk:is-right-to-left($tk:language)"><xsl:attribute name="dir" select="'rtl'"/></xsl:if>
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="teikit"/>
        <title><xsl:value-of select="if ($heading = $tk:title) then $tk:title else $heading || ' — ' || $tk:title"/></title>
        <link rel="stylesheet" href="assets/edition.css"/>
        <xsl:if test="$tk:project-css"><link rel="stylesheet" href="{$tk:project-css}"/></xsl:if>
        <script src="assets/edition.js" defer=""></script>
        <xsl:if test="$current = ('timeline', 'map')">
          <link rel="stylesheet" href="assets/explore.css"/>
          <script src="assets/explore.js" defer=""></script>
        </xsl:if>
      </head>
      <body class="page-{$current}">
        <a class="skip-link" href="#main"><xsl:value-of select="tk:word('skip')"/></a>
        <header class="site-header">
          <p class="site-title"><a href="index.html"><xsl:value-of select="$tk:title"/></a></p>
          <nav class="site-nav" aria-label="{tk:word('edition-menu')}">
            <ul>
              <xsl:for-each select="(['essay', 'index.html', tk:word('text')], ['persons', 'persons.html', tk:word('persons')],
                                     ['places', 'places.html', tk:word('places')], ['organisations', 'organisations.html', tk:word('organisations')],
                                     tokenize($tk:explore-pages) ! [., . || '.html', tk:word(.)],
                                     ['search', 'search.html', tk:word('search')], ['about', 'about.html', tk:word('about')])">
                <li>
                  <a href="{?2}">
                    <xsl:if test="?1 = $current"><xsl:attribute name="aria-current" select="'page'"/></xsl:if>
                    <xsl:value-of select="?3"/>
                  </a>
                </li>
              </xsl:for-each>
            </ul>
          </nav>
        </header>
        <main id="main" tabindex="-1">
          <xsl:sequence select="$content"/>
        </main>
        <footer class="site-footer">
          <p>
            <!-- The text and about pages give the licence in their edition statement: not twice. -->
            <xsl:for-each select="($tk:header/fileDesc/publicationStmt/availability/licence)[1][not($current = ('essay', 'about'))]">
              <xsl:value-of select="tk:word('licence') || tk:word('label-separator')"/>
              <xsl:call-template name="tk:licence"/>
              <xsl:text>. </xsl:text>
            </xsl:for-each>
            <xsl:if test="$tk:source-name">
              <a href="tei/{encode-for-uri($tk:source-name)}.txt" download="{$tk:source-name}"><xsl:value-of select="tk:word('tei-source')"/></a>
              <xsl:text>. </xsl:text>
            </xsl:if>
            <xsl:value-of select="tk:word('built') || ' '"/>
            <time datetime="{$tk:build-date}"><xsl:value-of select="tk:format-iso($tk:build-date)"/></time>
            <xsl:value-of select="' ' || tk:word('with-teikit')"/>
          </p>
        </footer>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="tk:licence">
    <xsl:variable name="label" as="xs:string" select="(normalize-space(.)[. ne ''], @target ! string(), tk:word('see-header'))[1]"/>
    <xsl:choose>
      <xsl:when test="matches(@target, '^https?://[^\s&quot;&lt;&gt;]+$')">
        <a rel="license" href="{@target}"><xsl:value-of select="$label"/></a>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$label"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== The essay ===== -->

  <xsl:template name="tk:essay-page">
    <xsl:call-template name="tk:page">
      <xsl:with-param name="current" select="'essay'"/>
      <xsl:with-param name="heading" select="$tk:title"/>
      <xsl:with-param name="content">
        <article class="edition-text" lang="{$tk:language}">
          <header class="title-page">
            <xsl:variable name="title-pages" as="element()*" select="$tk:texts/front/titlePage"/>
            <xsl:apply-templates select="$title-pages" mode="tk:text"/>
            <xsl:if test="empty($title-pages//docTitle)">
              <h1 class="head"><xsl:value-of select="$tk:title"/></h1>
            </xsl:if>
            <xsl:call-template name="tk:edition-statement"/>
          </header>
          <xsl:apply-templates select="$tk:texts/front/(node() except titlePage)" mode="tk:text"/>
          <xsl:call-template name="tk:contents"/>
          <xsl:call-template name="tk:witness-switch"/>
          <xsl:if test="$tk:texts//choice">
            <div class="view-switch" hidden="">
              <button type="button" id="view-toggle" aria-pressed="false"><xsl:value-of select="tk:word('diplomatic-view')"/></button>
              <span class="view-help"><xsl:value-of select="tk:word('view-help')"/></span>
            </div>
          </xsl:if>
          <xsl:for-each select="$tk:texts">
            <xsl:apply-templates select="(body, group, self::text[not(body or group or front or back)]/node())" mode="tk:text"/>
          </xsl:for-each>
          <xsl:apply-templates select="$tk:texts/back" mode="tk:text"/>
          <xsl:call-template name="tk:standoff-section"/>
          <xsl:call-template name="tk:notes"/>
          <xsl:call-template name="tk:apparatus"/>
          <xsl:call-template name="tk:source-readings"/>
        </article>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- What standOff holds beyond the registers the index pages show (lists.xsl). -->
  <xsl:template name="tk:standoff-section">
    <xsl:variable name="shown" as="element()*" select="tk:standoff-shown($tk:tei)"/>
    <xsl:if test="exists($shown)">
      <section class="standoff" id="registers" aria-labelledby="registers-title">
        <h2 id="registers-title"><xsl:value-of select="tk:word('registers')"/></h2>
        <xsl:for-each select="$shown">
          <xsl:if test="not(head)">
            <h3><xsl:value-of select="tk:word(local-name())"/></h3>
          </xsl:if>
          <xsl:apply-templates select="." mode="tk:text"/>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- Who wrote, edited and published the edition, from the header. -->
  <xsl:template name="tk:edition-statement">
    <xsl:param name="about-link" as="xs:boolean" select="true()"/>
    <xsl:variable name="stmt" as="element()?" select="$tk:header/fileDesc/titleStmt"/>
    <xsl:variable name="publication" as="element()?" select="$tk:header/fileDesc/publicationStmt"/>
    <dl class="edition-statement">
      <xsl:for-each-group select="$stmt/(author | editor)" group-by="local-name()">
        <dt><xsl:value-of select="tk:word(current-grouping-key())"/></dt>
        <xsl:for-each select="current-group()">
          <dd><xsl:value-of select="normalize-space(string-join(tk:plain(.)))"/></dd>
        </xsl:for-each>
      </xsl:for-each-group>
      <xsl:for-each select="$stmt/respStmt">
        <dt><xsl:value-of select="normalize-space(string-join(tk:plain(resp[1])))"/></dt>
        <dd><xsl:value-of select="string-join((name, persName, orgName) ! normalize-space(string-join(tk:plain(.))), ', ')"/></dd>
      </xsl:for-each>
      <xsl:if test="$publication/(publisher | distributor | authority)">
        <dt><xsl:value-of select="tk:word('published-by')"/></dt>
        <dd>
          <xsl:value-of select="string-join(($publication/(publisher | distributor | authority)[1], $publication/pubPlace[1])
                                ! normalize-space(string-join(tk:plain(.))), ', ')"/>
          <xsl:for-each select="$publication/date[1]">
            <xsl:text>, </xsl:text>
            <xsl:call-template name="tk:date"><xsl:with-param name="node" select="."/></xsl:call-template>
          </xsl:for-each>
        </dd>
      </xsl:if>
      <xsl:for-each select="($publication/availability/licence)[1]">
        <dt><xsl:value-of select="tk:word('licence')"/></dt>
        <dd><xsl:call-template name="tk:licence"/></dd>
      </xsl:for-each>
    </dl>
    <xsl:if test="$about-link">
      <p class="about-link"><a href="about.html"><xsl:value-of select="tk:word('about-link')"/></a></p>
    </xsl:if>
  </xsl:template>

  <!-- ===== Table of contents ===== -->

  <xsl:template name="tk:contents">
    <xsl:variable name="sections" as="element()*"
        select="$tk:texts/(front/(child::div|child::div1), body//(child::div|child::div1)[not(ancestor::*[self::div or self::div1][parent::body])], back/(child::div|child::div1))"/>
    <xsl:if test="exists($sections)">
      <nav class="toc" aria-labelledby="toc-title">
        <h2 id="toc-title"><xsl:value-of select="tk:word('contents')"/></h2>
        <ol>
          <xsl:apply-templates select="$sections" mode="tk:toc"/>
          <xsl:if test="exists(tk:listed-notes())">
            <li><a href="#notes"><xsl:value-of select="tk:word('notes')"/></a></li>
          </xsl:if>
          <xsl:if test="exists($tk:apps)">
            <li><a href="#apparatus"><xsl:value-of select="tk:word('apparatus')"/></a></li>
          </xsl:if>
          <xsl:if test="exists(tk:listed-choices())">
            <li><a href="#source-readings"><xsl:value-of select="tk:word('source-readings')"/></a></li>
          </xsl:if>
        </ol>
      </nav>
    </xsl:if>
  </xsl:template>

  <xsl:mode name="tk:toc" on-no-match="shallow-skip"/>

  <xsl:template match="div | div1 | div2 | div3" mode="tk:toc">
    <li>
      <a href="#{tk:anchor(.)}"><xsl:value-of select="tk:section-title(.)"/></a>
      <xsl:variable name="children" as="element()*" select="(child::div | child::div2 | child::div3)[head]"/>
      <xsl:if test="exists($children) and count(ancestor::*[self::div or starts-with(local-name(), 'div')]) lt 2">
        <ol><xsl:apply-templates select="$children" mode="tk:toc"/></ol>
      </xsl:if>
    </li>
  </xsl:template>

  <!-- ===== Notes: marker with pop-up in the text, and the list of notes ===== -->

  <!-- What opens a note's or a variant's marker: a zero-width space, so that the marker's number
       is not read as part of the word it follows ("eis" and "14", not "eis14") when the text is
       copied, searched or read by a program; the marker keeps to its word (no line break, CSS). -->
  <xsl:variable name="tk:marker-start" as="xs:string" select="'&#x200B;'"/>

  <xsl:template name="tk:note">
    <xsl:param name="node" as="element()"/>
    <xsl:param name="tk:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="id" as="xs:string" select="tk:anchor($node)"/>
    <xsl:variable name="label" as="xs:string" select="tk:note-label($node)"/>
    <xsl:choose>
      <xsl:when test="$tk:phrasing">
        <sup class="noteref-plain"><xsl:value-of select="$tk:marker-start || $label"/></sup>
      </xsl:when>
      <xsl:otherwise>
        <span class="note-anchor">
          <sup class="noteref {$node/@type ! ('noteref-' || .)}"><xsl:value-of select="$tk:marker-start"/><a href="#{$id}" id="ref-{$id}" class="noteref-link"
              aria-label="{tk:word('note')} {$label}" aria-describedby="pop-{$id}"><xsl:value-of select="$label"/></a></sup>
          <span class="note-pop" id="pop-{$id}" role="tooltip">
            <span class="note-pop-label"><xsl:value-of select="tk:word('note') || ' ' || $label"/>. </span>
            <xsl:apply-templates select="$node/node()" mode="tk:text">
              <xsl:with-param name="tk:phrasing" select="true()" tunnel="yes"/>
            </xsl:apply-templates>
            <xsl:if test="$node/@type = 'editorial'"><xsl:value-of select="' (' || tk:word('editorial-note') || ')'"/></xsl:if>
          </span>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The notes the list of notes holds (and the contents link to). -->
  <xsl:function name="tk:listed-notes" as="element()*">
    <xsl:sequence select="$tk:texts//note[not(ancestor::note)][not(tk:in-register(.))][not(parent::app)]"/>
  </xsl:function>

  <xsl:template name="tk:notes">
    <xsl:variable name="notes" as="element()*" select="tk:listed-notes()"/>
    <xsl:if test="exists($notes)">
      <section class="notes" id="notes" aria-labelledby="notes-title">
        <h2 id="notes-title"><xsl:value-of select="tk:word('notes')"/></h2>
        <ol class="note-list">
          <xsl:for-each select="$notes">
            <xsl:variable name="id" as="xs:string" select="tk:anchor(.)"/>
            <li id="{$id}" class="note {@type ! ('note-' || .)}">
              <span class="note-label"><xsl:value-of select="tk:note-label(.)"/></span>
              <xsl:text> </xsl:text>
              <div class="note-body">
                <xsl:apply-templates select="." mode="tk:note-text"/>
                <xsl:if test="@type = 'editorial'">
                  <span class="note-resp"><xsl:value-of select="' (' || tk:word('editorial-note') || ')'"/></span>
                </xsl:if>
                <xsl:text> </xsl:text>
                <a class="backref" href="#ref-{$id}" aria-label="{tk:word('back-to-note')} {tk:note-label(.)}">↩</a>
              </div>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- ===== Source readings: the other side of every choice of the text, listed as a printed edition
       lists its emendations ("corrected] source"), each linked to the passage it stands in; the
       diplomatic switch shows them in place ===== -->

  <xsl:function name="tk:listed-choices" as="element()*">
    <xsl:sequence select="$tk:texts//choice[not(ancestor::choice)][not(tk:in-register(.))]
                            [normalize-space(string-join(tk:plain-reading(tk:choice-source(.)))) ne '']"/>
  </xsl:function>

  <xsl:template name="tk:source-readings">
    <xsl:variable name="choices" as="element()*" select="tk:listed-choices()"/>
    <xsl:if test="exists($choices)">
      <section class="source-readings" id="source-readings" aria-labelledby="source-readings-title">
        <h2 id="source-readings-title"><xsl:value-of select="tk:word('source-readings')"/></h2>
        <ol class="source-reading-list">
          <xsl:for-each select="$choices">
            <xsl:variable name="preferred" as="xs:string" select="normalize-space(string-join(tk:plain(tk:choice-preferred(.))))"/>
            <xsl:variable name="place" as="element()?" select="tk:citable(.)"/>
            <li>
              <xsl:choose>
                <xsl:when test="$place"><a href="#{tk:anchor($place)}"><xsl:value-of select="$preferred"/></a></xsl:when>
                <xsl:otherwise><xsl:value-of select="$preferred"/></xsl:otherwise>
              </xsl:choose>
              <xsl:text>] </xsl:text>
              <span class="source-reading">
                <xsl:value-of select="normalize-space(string-join(tk:plain-reading(tk:choice-source(.))))"/>
              </span>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- ===== Apparatus: a pop-up at each app, every witness's reading ready for the switch ===== -->

  <xsl:template name="tk:app">
    <xsl:param name="node" as="element()"/>
    <xsl:param name="tk:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="base" as="element()?" select="tk:app-base($node)"/>
    <xsl:variable name="n" as="xs:string" select="tk:app-number($node)"/>
    <xsl:choose>
      <xsl:when test="$tk:phrasing">
        <span class="app"><xsl:apply-templates select="$base/node()" mode="tk:text"/></span>
      </xsl:when>
      <xsl:otherwise>
        <span class="app" id="app-{$n}">
          <span class="app-reading app-base" data-wit="{string-join(tk:reading-witness-ids($base), ' ')}">
            <xsl:apply-templates select="$base/node()" mode="tk:text"/>
          </span>
          <xsl:if test="exists(tk:switchable-witnesses($tk:source))">
            <xsl:for-each select="tk:app-readings($node) except $base">
              <span class="app-reading app-witness" hidden="" data-wit="{string-join(tk:reading-witness-ids(.), ' ')}">
                <xsl:apply-templates select="node()" mode="tk:text"/>
              </span>
            </xsl:for-each>
          </xsl:if>
          <span class="note-anchor app-anchor">
            <sup class="noteref app-ref"><xsl:value-of select="$tk:marker-start"/><a href="#appn-{$n}" id="appref-{$n}" class="noteref-link"
                aria-label="{tk:word('variant')} {$n}" aria-describedby="app-pop-{$n}"><xsl:value-of select="$n"/></a></sup>
            <span class="note-pop app-pop" id="app-pop-{$n}" role="tooltip">
              <xsl:call-template name="tk:app-entry">
                <xsl:with-param name="node" select="$node"/>
              </xsl:call-template>
            </span>
          </span>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Read the text as one witness has it (parallel segmentation): a choice of witness. -->
  <xsl:template name="tk:witness-switch">
    <xsl:variable name="witnesses" as="element()*" select="tk:switchable-witnesses($tk:source)"/>
    <xsl:if test="exists($witnesses)">
      <div class="witness-switch" hidden="">
        <label for="witness-select"><xsl:value-of select="tk:word('witness-view')"/></label>
        <xsl:text> </xsl:text>
        <select id="witness-select">
          <option value=""><xsl:value-of select="tk:word('edited-text')"/></option>
          <xsl:for-each select="$witnesses">
            <option value="{@xml:id}">
              <xsl:value-of select="string-join((tk:siglum(string(@xml:id), .), normalize-space(string-join(tk:plain(.)))[. ne '']), ' – ')"/>
            </option>
          </xsl:for-each>
        </select>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- ===== Corrections: corrected reading shown, the source's on request ===== -->

  <xsl:template name="tk:alternate">
    <xsl:param name="node" as="element()"/>
    <xsl:param name="preferred" as="element()?"/>
    <xsl:param name="source" as="element()?"/>
    <xsl:param name="tk:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:param name="tk:in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="k" as="xs:string" select="string(($tk:alternate-positions(generate-id($node)), 0)[1])"/>
    <xsl:variable name="kind" as="xs:string" select="
      tk:word(if ($source/self::sic) then 'source-reads' else if ($source/self::orig) then 'original-spelling'
              else if ($source/self::abbr) then 'abbreviated' else 'variant-reading')"/>
    <xsl:variable name="preferred-kind" as="xs:string" select="
      tk:word(if ($preferred/self::corr) then 'corrected' else if ($preferred/self::reg) then 'regularised'
              else if ($preferred/self::expan) then 'expanded' else 'reading')"/>
    <span class="alternate {local-name($node)}">
      <xsl:choose>
        <xsl:when test="empty($source) or $tk:phrasing or $tk:in-link">
          <span class="reading-preferred">
            <xsl:apply-templates select="$preferred/node()" mode="tk:text"/>
          </span>
          <xsl:if test="$source">
            <span class="reading-source">
              <xsl:apply-templates select="$source/node()" mode="tk:text"/>
            </span>
          </xsl:if>
        </xsl:when>
        <xsl:otherwise>
          <span class="reading-preferred {local-name($preferred)}" tabindex="0" aria-describedby="alt{$k}-source">
            <xsl:apply-templates select="$preferred/node()" mode="tk:text"/>
          </span>
          <span class="reading-source {local-name($source)}" tabindex="0" aria-describedby="alt{$k}-preferred">
            <xsl:apply-templates select="$source/node()" mode="tk:text"/>
          </span>
          <span class="alt-pop alt-pop-source" id="alt{$k}-source" role="tooltip">
            <xsl:value-of select="$kind || tk:word('label-separator') || normalize-space(string-join(tk:plain-reading($source)))"/>
          </span>
          <span class="alt-pop alt-pop-preferred" id="alt{$k}-preferred" role="tooltip">
            <xsl:value-of select="$preferred-kind || tk:word('label-separator') || normalize-space(string-join(tk:plain($preferred)))"/>
          </span>
        </xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>

  <xsl:variable name="tk:alternate-positions" as="map(xs:string, xs:integer)"
      select="let $all := $tk:source//(choice | app) return map:merge(for $i in 1 to count($all) return map{generate-id($all[$i]): $i})"
      xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>

  <!-- The text of a source reading itself (tk:plain would drop a sic). -->
  <xsl:function name="tk:plain-reading" as="xs:string*">
    <xsl:param name="reading" as="element()?"/>
    <xsl:sequence select="$reading/node() ! tk:plain(.)"/>
  </xsl:function>

  <!-- ===== Search: the page's shell; its content (toolkit/search/page.py) replaces the placeholder ===== -->

  <xsl:template name="tk:search-page">
    <xsl:call-template name="tk:page">
      <xsl:with-param name="current" select="'search'"/>
      <xsl:with-param name="heading" select="tk:word('search')"/>
      <xsl:with-param name="content">
        <div id="tk-search-content"></div>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- ===== Timeline and map: the page shell; the builder puts their content in place of the comment ===== -->

  <xsl:param name="tk:explore-current" as="xs:string" select="''"/>

  <xsl:template name="tk:explore-page">
    <xsl:call-template name="tk:page">
      <xsl:with-param name="current" select="$tk:explore-current"/>
      <xsl:with-param name="heading" select="tk:word($tk:explore-current)"/>
      <xsl:with-param name="content"><xsl:comment>tk:explore-content</xsl:comment></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- ===== About the edition ===== -->

  <xsl:template name="tk:about-page">
    <xsl:call-template name="tk:page">
      <xsl:with-param name="current" select="'about'"/>
      <xsl:with-param name="heading" select="tk:word('about-this-edition')"/>
      <xsl:with-param name="content">
        <h1><xsl:value-of select="tk:word('about-this-edition')"/></h1>
        <section aria-labelledby="about-edition">
          <h2 id="about-edition"><xsl:value-of select="tk:word('the-edition')"/></h2>
          <p class="about-title"><cite><xsl:value-of select="$tk:title"/></cite></p>
          <xsl:call-template name="tk:edition-statement">
            <xsl:with-param name="about-link" select="false()"/>
          </xsl:call-template>
          <xsl:apply-templates select="$tk:header/fileDesc/(editionStmt | publicationStmt/availability/p | notesStmt)" mode="tk:text"/>
        </section>
        <xsl:if test="$tk:header/fileDesc/sourceDesc">
          <section aria-labelledby="about-source">
            <h2 id="about-source"><xsl:value-of select="tk:word('the-source')"/></h2>
            <xsl:for-each select="$tk:header/fileDesc/sourceDesc/*">
              <div class="source-description">
                <xsl:apply-templates select="." mode="tk:text"/>
              </div>
            </xsl:for-each>
          </section>
        </xsl:if>
        <xsl:variable name="principles" as="element()*" select="$tk:header/encodingDesc/(projectDesc | samplingDecl | editorialDecl)"/>
        <xsl:if test="exists($principles)">
          <section aria-labelledby="about-principles">
            <h2 id="about-principles"><xsl:value-of select="tk:word('editorial-principles')"/></h2>
            <xsl:for-each select="$principles">
              <xsl:for-each select="p">
                <xsl:apply-templates select="." mode="tk:text"/>
              </xsl:for-each>
              <xsl:for-each select="* except p">
                <h3><xsl:value-of select="tk:word(local-name())"/></h3>
                <xsl:apply-templates select="if (p) then node() else ." mode="tk:text"/>
              </xsl:for-each>
            </xsl:for-each>
          </section>
        </xsl:if>
        <section aria-labelledby="about-citing">
          <h2 id="about-citing"><xsl:value-of select="tk:word('citing')"/></h2>
          <p><xsl:value-of select="tk:word('cite-paragraphs')"/></p>
        </section>
        <xsl:variable name="changes" as="element()*" select="$tk:header/revisionDesc//change"/>
        <xsl:if test="exists($changes)">
          <section aria-labelledby="about-revisions">
            <h2 id="about-revisions"><xsl:value-of select="tk:word('revisions')"/></h2>
            <ol class="revisions">
              <xsl:for-each select="$changes">
                <li>
                  <xsl:for-each select="(@when, @notAfter)[1]">
                    <time datetime="{.}"><xsl:value-of select="tk:format-iso(.)"/></time>
                    <xsl:value-of select="tk:word('label-separator')"/>
                  </xsl:for-each>
                  <xsl:apply-templates mode="tk:text">
                    <xsl:with-param name="tk:phrasing" select="true()" tunnel="yes"/>
                  </xsl:apply-templates>
                  <xsl:variable name="who" as="element()*" select="tokenize(normalize-space(@who), ' ') ! tk:entry(., $tk:source/*)"/>
                  <xsl:if test="exists($who)">
                    <xsl:text> (</xsl:text>
                    <xsl:value-of select="string-join($who ! tk:name-direct(tk:preferred-name(.)), ', ')"/>
                    <xsl:text>)</xsl:text>
                  </xsl:if>
                </li>
              </xsl:for-each>
            </ol>
          </section>
        </xsl:if>
        <xsl:if test="$tk:source-name">
          <section aria-labelledby="about-download">
            <h2 id="about-download"><xsl:value-of select="tk:word('download')"/></h2>
            <p><xsl:value-of select="tk:word('download-source') || ' '"/><a href="tei/{encode-for-uri($tk:source-name)}.txt" download="{$tk:source-name}"><xsl:value-of select="$tk:source-name"/></a><xsl:value-of select="' ' || tk:word('download-as-text')"/></p>
          </section>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
