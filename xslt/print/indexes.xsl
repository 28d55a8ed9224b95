<?xml version="1.0" encoding="UTF-8"?>
<!-- Indexes at the back of the book. What an index holds (entries, headings, cross-references,
     mentions) and its order come from common/ and index.xsl (tk:sorted-headings, the web index's
     Unicode collation order); print adds the locators: one link per
     mention, empty until the builder writes in its page (toolkit/builders/pagination.py). -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tk="urn:teikit"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- Names of works, events and objects are mentions too where the book indexes them: a title,
       an eventName, an objectName, or an rs whose @type says what it names (toolkit/project/book.py writes them so). -->
  <xsl:key name="tk:mention" match="text//title[@ref] | text//eventName[@ref] | text//objectName[@ref] | text//rs[@ref]"
      use="tokenize(normalize-space(@ref), ' ')[starts-with(., '#')] ! substring(., 2)"/>

  <!-- A name in the text that an index points at gets its own id, m1, m2 … in document order,
       so its page can be looked up. Numbered once for the whole document. -->
  <xsl:variable name="tk:print-mention-numbers" as="map(xs:string, xs:integer)"
      select="let $names := $tk:source/*/text//(persName | placeName | orgName | (title | eventName | objectName | rs)[tk:print-indexed(.)])[@ref]
              return map:merge(for $i in 1 to count($names) return map{generate-id($names[$i]): $i})"
      xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>

  <!-- Whether a title, eventName, objectName or rs names an entry of a register the book indexes. -->
  <xsl:function name="tk:print-indexed" as="xs:boolean">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="entry" as="element()?" select="tk:entry($name/@ref, $name)"/>
    <xsl:sequence select="exists($entry) and tk:register-of($entry) = tk:name-register($name)
                          and tk:register-of($entry) = tokenize($tk:print-registers)"/>
  </xsl:function>

  <!-- Such a name is a target of the index's locators, printed as it would be otherwise (before
       phrases.xsl, which prints an rs as its bare text). -->
  <xsl:template match="(title | eventName | objectName | rs)[@ref][tk:print-indexed(.)]"
      mode="tk:text" priority="2">
    <span class="tk-name {local-name()}" id="{tk:mention-id(.)}" data-entry="{tk:entry(@ref, .)/@xml:id}">
      <xsl:next-match/>
    </span>
  </xsl:template>

  <xsl:function name="tk:mention-id" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="'m' || $tk:print-mention-numbers(generate-id($mention))"/>
  </xsl:function>

  <!-- In the book a name is not a link but a target: the index's locators point at it. A name
       of a register the book does not index (organisations) is plain text, like the rest. -->
  <xsl:template name="tk:link">
    <xsl:param name="node" as="element()"/>
    <xsl:param name="entry" as="element()"/>
    <xsl:choose>
      <xsl:when test="tk:register-of($entry) = tokenize($tk:print-registers) or $node/@xml:lang">
        <xsl:call-template name="tk:print-name-target">
          <xsl:with-param name="node" select="$node"/>
          <xsl:with-param name="entry" select="$entry"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="$node/node()" mode="tk:text"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="tk:print-name-target">
    <xsl:param name="node" as="element()"/>
    <xsl:param name="entry" as="element()"/>
    <span class="tk-name {local-name($node)}" id="{tk:mention-id($node)}" data-entry="{$entry/@xml:id}">
      <xsl:call-template name="tk:language-attributes">
        <xsl:with-param name="node" select="$node"/>
      </xsl:call-template>
      <xsl:apply-templates select="$node/node()" mode="tk:text"/>
    </span>
  </xsl:template>

  <!-- Entries are in this book's own index. -->
  <xsl:function name="tk:entry-href" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="'#idx-' || $entry/@xml:id"/>
  </xsl:function>

  <xsl:function name="tk:print-index-title" as="xs:string">
    <xsl:param name="register" as="xs:string"/>
    <xsl:sequence select="tk:word('index-' || $register)"/>
  </xsl:function>

  <!-- Entries named at least once in the text. -->
  <xsl:function name="tk:print-index-entries" as="element()*">
    <xsl:param name="register" as="xs:string"/>
    <xsl:sequence select="tk:register-entries($tk:source, $register)[exists(tk:print-mentions(.))]"/>
  </xsl:function>

  <!-- Mentions the index points at: not those inside a reading the book does not show, nor on the
       title page (a book's index does not index its title page, which is made from the header). -->
  <xsl:function name="tk:print-mentions" as="element()*">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="tk:mentions($entry)[not(ancestor::titlePage
                                                  or ancestor::*[self::sic or self::orig
                                                                or self::abbr[$tk:abbreviations = 'expan']
                                                                or self::expan[$tk:abbreviations = 'abbr']][parent::choice]
                                                  or ancestor::note[tk:is-marker-only(.)])]"/>
  </xsl:function>

  <xsl:template name="tk:print-index">
    <xsl:param name="register" as="xs:string"/>
    <xsl:variable name="entries" as="element()*" select="tk:print-index-entries($register)"/>
    <xsl:if test="exists($entries)">
      <!-- The web index's headings in the web index's order, kept for the entries this book names. -->
      <xsl:variable name="rows" as="map(*)*" select="tk:sorted-headings($register)[exists(?entry intersect $entries)]"/>
      <section class="tk-index" id="index-{$register}">
        <h2><xsl:value-of select="tk:print-index-title($register)"/></h2>
        <p class="tk-index-intro"><xsl:value-of select="tk:word('index-intro')"/></p>
        <div class="tk-index-body">
          <xsl:for-each-group select="$rows" group-adjacent="tk:print-initial(?sort)">
            <p class="tk-index-letter"><xsl:value-of select="current-grouping-key()"/></p>
            <xsl:for-each select="current-group()">
              <xsl:choose>
                <xsl:when test="exists(?variant)">
                  <p class="tk-index-entry tk-index-see">
                    <xsl:value-of select="?heading"/>
                    <xsl:text> </xsl:text>
                    <i><xsl:value-of select="tk:word('see')"/></i>
                    <xsl:text> </xsl:text>
                    <a class="tk-index-target" href="{tk:entry-href(?entry)}"><xsl:value-of select="tk:entry-heading(?entry)"/></a>
                  </p>
                </xsl:when>
                <xsl:otherwise>
                  <p class="tk-index-entry" id="idx-{?entry/@xml:id}" data-entry="{?entry/@xml:id}">
                    <span class="tk-index-heading"><xsl:value-of select="?heading"/></span>
                    <xsl:for-each select="tk:print-mentions(?entry)">
                      <a class="tk-locator" href="#{tk:mention-id(.)}"/>
                    </xsl:for-each>
                  </p>
                </xsl:otherwise>
              </xsl:choose>
            </xsl:for-each>
          </xsl:for-each-group>
        </div>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- The letter an entry is filed under: its first letter without accents. -->
  <xsl:function name="tk:print-initial" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:variable name="first" as="xs:string"
        select="substring(replace(normalize-unicode($key, 'NFD'), '[^\p{L}\p{N}]', ''), 1, 1)"/>
    <xsl:sequence select="if ($first) then upper-case($first) else '#'"/>
  </xsl:function>
</xsl:stylesheet>
