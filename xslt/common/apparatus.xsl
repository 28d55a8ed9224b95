<?xml version="1.0" encoding="UTF-8"?>
<!--
  Critical apparatus. Every app gives, where it stands, its base reading (the lemma; without
  one, in parallel segmentation, the first reading) and a numbered marker; the apparatus lists
  every app in the usual form "lemma] reading Sigla; reading Sigla", every reading of every
  rdg and rdgGrp, the witnesses' sigla resolved through listWit/witness.

    tk:app             an app where it stands ($node); html.xsl adds a pop-up and the
                       witnesses' readings for the witness switch
    tk:app-entry       the text of one apparatus entry ($node)
    tk:apparatus       the numbered apparatus of the whole document

  Location-referenced and double-end-point apparatus (tei:variantEncoding) keep the base text
  where it is: an app without a lemma then gives only its marker.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:tk="urn:teikit"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- Apps of the text, numbered once in document order. -->
  <xsl:variable name="tk:apps" as="element()*" select="$tk:source//text//app[not(tk:in-register(.))]"/>
  <xsl:variable name="tk:app-positions" as="map(xs:string, xs:integer)"
      select="map:merge(for $i in 1 to count($tk:apps) return map{generate-id($tk:apps[$i]): $i})"/>

  <xsl:function name="tk:app-number" as="xs:string">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="string(($tk:app-positions(generate-id($app)), tk:number-any($app, 'app'))[1])"/>
  </xsl:function>

  <xsl:variable name="tk:variant-method" as="xs:string"
      select="string(($tk:source//encodingDesc/variantEncoding/@method)[1])"/>

  <!-- Readings of an app (not those of apps nested in them), and its lemma. -->
  <xsl:function name="tk:app-lemma" as="element()?">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="$app/(lem, rdgGrp//lem[ancestor::app[1] is $app])[1]"/>
  </xsl:function>

  <xsl:function name="tk:app-readings" as="element()*">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="$app/(rdg | rdgGrp//rdg[ancestor::app[1] is $app])"/>
  </xsl:function>

  <!-- What the text shows where the app stands: the lemma; else, in parallel segmentation, the first reading. -->
  <xsl:function name="tk:app-base" as="element()?">
    <xsl:param name="app" as="element()"/>
    <xsl:sequence select="(tk:app-lemma($app),
                           tk:app-readings($app)[1][not($tk:variant-method = ('location-referenced', 'double-end-point'))])[1]"/>
  </xsl:function>

  <!-- The witnesses a reading is attested by: its own @wit, else its group's. -->
  <xsl:function name="tk:reading-wit" as="xs:string*">
    <xsl:param name="reading" as="element()"/>
    <xsl:sequence select="tokenize(normalize-space(($reading/@wit, $reading/ancestor::rdgGrp[@wit][1]/@wit)[1]), ' ')"/>
  </xsl:function>

  <!-- The ids of the witnesses a reading stands for, groups (a listWit) opened up. -->
  <xsl:function name="tk:reading-witness-ids" as="xs:string*">
    <xsl:param name="reading" as="element()?"/>
    <xsl:for-each select="$reading ! tk:reading-wit(.) ! replace(., '^.*#', '')">
      <xsl:variable name="target" as="element()?" select="key('tk:id', ., root($reading))[1]"/>
      <xsl:sequence select="(., $target/self::listWit//witness/@xml:id ! string())"/>
    </xsl:for-each>
  </xsl:function>

  <!-- A witness pointer (#P or P) as its siglum: the witness's siglum abbreviation, else its id. -->
  <xsl:function name="tk:siglum" as="xs:string">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:param name="context" as="node()"/>
    <xsl:variable name="id" as="xs:string" select="replace($pointer, '^.*#', '')"/>
    <xsl:variable name="witness" as="element()?" select="key('tk:id', $id, root($context))[1]"/>
    <xsl:sequence select="(($witness/abbr[@type = 'siglum'], $witness/label, $witness/idno[@type = 'siglum'])[1] ! normalize-space(.),
                           $id)[. ne ''][1]"/>
  </xsl:function>

  <!-- Witnesses that can be read on their own: those of the listWit, when readings name them. -->
  <xsl:function name="tk:switchable-witnesses" as="element()*">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:sequence select="if ($tk:variant-method = ('', 'parallel-segmentation') and $doc//text//app//@wit)
                          then $doc//listWit//witness[@xml:id] else ()"/>
  </xsl:function>

  <!-- ===== In the text ===== -->

  <xsl:template match="app" mode="tk:text" priority="1">
    <xsl:call-template name="tk:app">
      <xsl:with-param name="node" select="."/>
    </xsl:call-template>
  </xsl:template>

  <!-- Readings and witness details are rendered through their app. -->
  <xsl:template match="rdgGrp | witDetail | app/note" mode="tk:text" priority="1"/>

  <xsl:template name="tk:app">
    <xsl:param name="node" as="element()"/>
    <xsl:param name="tk:phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <span class="app">
      <xsl:apply-templates select="tk:app-base($node)/node()" mode="tk:text"/>
      <xsl:if test="not($tk:phrasing)">
        <xsl:call-template name="tk:app-marker">
          <xsl:with-param name="node" select="$node"/>
        </xsl:call-template>
      </xsl:if>
    </span>
  </xsl:template>

  <xsl:template name="tk:app-marker">
    <xsl:param name="node" as="element()"/>
    <xsl:variable name="n" as="xs:string" select="tk:app-number($node)"/>
    <sup class="app-ref"><a href="#appn-{$n}" id="appref-{$n}"><xsl:value-of select="$n"/></a></sup>
  </xsl:template>

  <!-- ===== The apparatus entry: "lemma Sigla] reading Sigla; om. Sigla" ===== -->

  <xsl:template name="tk:app-entry">
    <xsl:param name="node" as="element()"/>
    <xsl:variable name="lemma" as="element()?" select="tk:app-lemma($node)"/>
    <xsl:if test="$lemma">
      <span class="app-lemma">
        <xsl:call-template name="tk:reading-text">
          <xsl:with-param name="reading" select="$lemma"/>
        </xsl:call-template>
      </span>
      <xsl:text>] </xsl:text>
    </xsl:if>
    <xsl:for-each select="tk:app-readings($node)">
      <xsl:if test="position() gt 1">; </xsl:if>
      <span class="app-rdg">
        <xsl:call-template name="tk:reading-text">
          <xsl:with-param name="reading" select="."/>
        </xsl:call-template>
      </span>
    </xsl:for-each>
    <xsl:for-each select="$node/note | $node//witDetail[ancestor::app[1] is $node]">
      <xsl:text> </xsl:text>
      <span class="app-note">
        <xsl:apply-templates mode="tk:text">
          <xsl:with-param name="tk:phrasing" select="true()" tunnel="yes"/>
        </xsl:apply-templates>
      </span>
    </xsl:for-each>
  </xsl:template>

  <!-- A reading's words (om. when it has none) followed by its sigla. -->
  <xsl:template name="tk:reading-text">
    <xsl:param name="reading" as="element()"/>
    <xsl:choose>
      <xsl:when test="normalize-space($reading) or $reading//gap">
        <xsl:apply-templates select="$reading/node()" mode="tk:text">
          <xsl:with-param name="tk:phrasing" select="true()" tunnel="yes"/>
        </xsl:apply-templates>
      </xsl:when>
      <xsl:otherwise>
        <i class="app-om"><xsl:value-of select="tk:word('omits')"/></i>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:variable name="wit" as="xs:string*" select="tk:reading-wit($reading)"/>
    <xsl:if test="exists($wit)">
      <xsl:text> </xsl:text>
      <span class="sigla"><xsl:value-of select="string-join($wit ! tk:siglum(., $reading), ' ')"/></span>
    </xsl:if>
  </xsl:template>

  <!-- ===== The apparatus of the whole document ===== -->

  <xsl:template name="tk:apparatus">
    <xsl:if test="exists($tk:apps)">
      <section class="apparatus" id="apparatus" aria-labelledby="apparatus-title">
        <h2 id="apparatus-title"><xsl:value-of select="tk:word('apparatus')"/></h2>
        <xsl:variable name="witnesses" as="element()*" select="$tk:source//listWit//witness[@xml:id]"/>
        <xsl:if test="exists($witnesses)">
          <dl class="witnesses">
            <xsl:for-each select="$witnesses">
              <dt class="sigla"><xsl:value-of select="tk:siglum(string(@xml:id), .)"/></dt>
              <dd>
                <xsl:value-of select="(normalize-space(string-join(tk:plain(.))), @corresp ! string())[. ne ''][1]"/>
              </dd>
            </xsl:for-each>
          </dl>
        </xsl:if>
        <ol class="apparatus-list">
          <xsl:for-each select="$tk:apps">
            <xsl:variable name="n" as="xs:string" select="tk:app-number(.)"/>
            <li id="appn-{$n}" value="{$n}">
              <a class="app-backref" href="#appref-{$n}"><xsl:value-of select="$n"/></a>
              <xsl:text> </xsl:text>
              <xsl:call-template name="tk:app-entry">
                <xsl:with-param name="node" select="."/>
              </xsl:call-template>
            </li>
          </xsl:for-each>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
