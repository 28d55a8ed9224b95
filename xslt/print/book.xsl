<?xml version="1.0" encoding="UTF-8"?>
<!-- The book's frame: HTML head with the PDF metadata, title page, contents, front matter,
     the project's preface (if any), the text, back matter and indexes. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tk="urn:teikit"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:mode name="tk:print-toc" on-no-match="deep-skip"/>

  <xsl:template match="/">
    <xsl:apply-templates select="$tk:source/(TEI | teiCorpus)" mode="tk:print-book"/>
  </xsl:template>

  <xsl:template match="TEI | teiCorpus" mode="tk:print-book">
    <xsl:variable name="header" as="element(teiHeader)" select="teiHeader"/>
    <xsl:variable name="lang" as="xs:string"
        select="(@xml:lang, text/@xml:lang, $header/profileDesc/langUsage/language[1]/@ident, 'en')[1]"/>
    <html lang="{$lang}">
      <head>
        <meta charset="utf-8"/>
        <title><xsl:value-of select="tk:print-title(.)"/></title>
        <xsl:for-each select="tk:print-authors(.)">
          <meta name="author" content="{.}"/>
        </xsl:for-each>
        <xsl:if test="tk:print-subject(.)">
          <meta name="description" content="{tk:print-subject(.)}"/>
        </xsl:if>
        <xsl:for-each select="$header/profileDesc/textClass/keywords/term[normalize-space()]">
          <meta name="keywords" content="{normalize-space(.)}"/>
        </xsl:for-each>
        <meta name="generator" content="teikit"/>
        <meta name="dcterms.created" content="{$tk:build-date}T00:00:00Z"/>
        <meta name="dcterms.modified" content="{$tk:build-date}T00:00:00Z"/>
        <link rel="stylesheet" href="{$tk:stylesheet}"/>
        <xsl:if test="normalize-space($tk:print-style)">
          <style><xsl:value-of select="$tk:print-style"/></style>
        </xsl:if>
      </head>
      <body>
        <xsl:call-template name="tk:print-title-page"/>
        <xsl:call-template name="tk:print-contents"/>
        <xsl:if test="text/front/(* except titlePage)">
          <section class="tk-front">
            <xsl:apply-templates select="text/front/(node() except titlePage)" mode="tk:text"/>
          </section>
        </xsl:if>
        <xsl:call-template name="tk:print-preface"/>
        <main class="tk-body">
          <xsl:apply-templates select="text/(body | group)/node()" mode="tk:text"/>
          <!-- A corpus: each of its documents, under its own title. -->
          <xsl:for-each select="TEI">
            <section class="div tk-member" id="{tk:anchor(.)}">
              <h2 class="head"><xsl:value-of select="tk:print-title(.)"/></h2>
              <xsl:apply-templates select="text/(front | body | group | back)" mode="tk:text"/>
            </section>
          </xsl:for-each>
        </main>
        <xsl:if test="text/back/*">
          <section class="tk-back">
            <xsl:apply-templates select="text/back/node()" mode="tk:text"/>
          </section>
        </xsl:if>
        <xsl:call-template name="tk:print-standoff"/>
        <xsl:call-template name="tk:apparatus"/>
        <xsl:call-template name="tk:print-source-readings"/>
        <xsl:for-each select="tokenize($tk:print-registers)">
          <xsl:call-template name="tk:print-index">
            <xsl:with-param name="register" select="."/>
          </xsl:call-template>
        </xsl:for-each>
      </body>
    </html>
  </xsl:template>

  <!-- What standOff holds beyond the indexed registers, as the web edition shows it. -->
  <xsl:template name="tk:print-standoff">
    <xsl:variable name="shown" as="element()*" select="tk:standoff-shown(.)"/>
    <xsl:if test="exists($shown)">
      <section class="tk-standoff" id="registers">
        <h2><xsl:value-of select="tk:word('registers')"/></h2>
        <xsl:for-each select="$shown">
          <xsl:if test="not(head)">
            <h3><xsl:value-of select="tk:word(local-name())"/></h3>
          </xsl:if>
          <xsl:apply-templates select="." mode="tk:text"/>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- ===== Metadata read from the header ===== -->

  <xsl:function name="tk:print-title" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="titles" as="element(title)*" select="$tei/teiHeader/fileDesc/titleStmt/title"/>
    <xsl:sequence select="normalize-space(string-join(tk:plain(($titles[@type = 'main'], $titles)[1])))"/>
  </xsl:function>

  <xsl:function name="tk:print-authors" as="xs:string*">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="$tei/teiHeader/fileDesc/titleStmt/author ! normalize-space(string-join(tk:plain(.)))[. ne '']"/>
  </xsl:function>

  <!-- The subject: the header's abstract, else the text's own abstract. -->
  <xsl:function name="tk:print-subject" as="xs:string?">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="abstract" as="element()?"
        select="($tei/teiHeader/profileDesc/abstract, $tei/text/front/div[@type = 'abstract'])[1]"/>
    <xsl:sequence select="normalize-space(string-join(tk:plain($abstract)))[. ne '']"/>
  </xsl:function>

  <!-- ===== Title page ===== -->

  <xsl:template name="tk:print-title-page">
    <xsl:variable name="title-page" as="element(titlePage)?" select="text/front/titlePage[1]"/>
    <xsl:variable name="subtitles" as="element(title)*" select="teiHeader/fileDesc/titleStmt/title[@type = 'sub']"/>
    <xsl:variable name="title" as="xs:string"
        select="($title-page/docTitle/titlePart[not(@type) or @type = 'main'][1] ! normalize-space(string-join(tk:plain(.))),
                 tk:print-title(.))[. ne ''][1]"/>
    <section class="tk-title-page" id="title-page">
      <!-- A title with a colon breaks after it, rather than wherever the line runs out. -->
      <h1 class="tk-title">
        <xsl:analyze-string select="$title" regex="^([^:]+:)\s+(.+)$">
          <xsl:matching-substring>
            <xsl:value-of select="regex-group(1)"/><br/><xsl:value-of select="regex-group(2)"/>
          </xsl:matching-substring>
          <xsl:non-matching-substring><xsl:value-of select="."/></xsl:non-matching-substring>
        </xsl:analyze-string>
      </h1>
      <xsl:for-each select="$title-page/docTitle/titlePart[@type = 'sub']">
        <p class="tk-subtitle"><xsl:value-of select="normalize-space(string-join(tk:plain(.)))"/></p>
      </xsl:for-each>
      <p class="tk-byline">
        <xsl:for-each select="tk:print-authors(.)">
          <xsl:if test="position() gt 1"><xsl:text>, </xsl:text></xsl:if>
          <span class="tk-author-name"><xsl:value-of select="."/></span>
        </xsl:for-each>
      </p>
      <div class="tk-imprint">
        <xsl:for-each select="teiHeader/fileDesc/publicationStmt/(publisher|distributor|authority)[normalize-space()][1]">
          <p><xsl:value-of select="normalize-space(.)"/></p>
        </xsl:for-each>
        <xsl:for-each select="teiHeader/fileDesc/publicationStmt/date[1]">
          <p><xsl:value-of select="(tk:iso-value(.) ! tk:format-iso(.), normalize-space(.))[. ne ''][1]"/></p>
        </xsl:for-each>
        <p><xsl:value-of select="tk:filled(tk:word('printed-on'), map{'date': tk:format-iso($tk:build-date)})"/></p>
      </div>
    </section>
  </xsl:template>

  <!-- ===== Contents: every part with a heading, its page computed by the renderer ===== -->

  <xsl:template name="tk:print-contents">
    <nav class="tk-toc" id="contents">
      <h2><xsl:value-of select="tk:word('contents')"/></h2>
      <ol>
        <xsl:apply-templates select="text/front/div" mode="tk:print-toc"/>
        <xsl:call-template name="tk:print-preface-contents"/>
        <xsl:apply-templates select="text/body/(div|div1)[head]" mode="tk:print-toc"/>
        <xsl:for-each select="TEI">
          <li><a href="#{tk:anchor(.)}"><xsl:value-of select="tk:print-title(.)"/></a></li>
        </xsl:for-each>
        <xsl:apply-templates select="text/back/div" mode="tk:print-toc"/>
        <xsl:if test="exists(tk:standoff-shown(.))">
          <li><a href="#registers"><xsl:value-of select="tk:word('registers')"/></a></li>
        </xsl:if>
        <xsl:if test="exists($tk:apps)">
          <li><a href="#apparatus"><xsl:value-of select="tk:word('apparatus')"/></a></li>
        </xsl:if>
        <xsl:call-template name="tk:print-source-readings-contents"/>
        <xsl:for-each select="tokenize($tk:print-registers)[exists(tk:print-index-entries(.))]">
          <li><a href="#index-{.}"><xsl:value-of select="tk:print-index-title(.)"/></a></li>
        </xsl:for-each>
      </ol>
    </nav>
  </xsl:template>

  <xsl:template match="div | div1" mode="tk:print-toc">
    <li><a href="#{tk:anchor(.)}"><xsl:value-of select="tk:section-title(.)"/></a></li>
  </xsl:template>

  <!-- A project's book: who sent a document and to whom, under its title (toolkit/project/book.py). -->
  <xsl:template match="div[@type = 'document']/ab[@type = 'correspAction']" mode="tk:text" priority="3">
    <p class="tk-correspondence">
      <xsl:value-of select="if (@subtype = 'sent') then tk:word('from') else if (@subtype = 'received') then tk:word('to')
                            else tk:word(string(@subtype))"/>
      <xsl:text> </xsl:text>
      <xsl:apply-templates mode="tk:text"/>
    </p>
  </xsl:template>

  <!-- Section headings feed the recto running head and the PDF outline (print.css). -->

  <!-- A paragraph: its number in the margin instead of the web edition's self-link. -->
  <xsl:template name="tk:paragraph">
    <xsl:param name="node" as="element()"/>
    <xsl:param name="tk:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($tk:phrasing) then 'span' else if (tk:has-blocks($node)) then 'div' else 'p'}">
      <xsl:attribute name="class" select="'p'"/>
      <xsl:if test="not($tk:phrasing)">
        <xsl:attribute name="id" select="tk:anchor($node)"/>
      </xsl:if>
      <xsl:call-template name="tk:language-attributes">
        <xsl:with-param name="node" select="$node"/>
      </xsl:call-template>
      <xsl:if test="not($tk:phrasing)">
        <span class="tk-pn"><xsl:value-of select="tk:paragraph-number($node)"/></span>
      </xsl:if>
      <xsl:apply-templates select="$node/node()" mode="tk:text"/>
    </xsl:element>
  </xsl:template>
</xsl:stylesheet>
