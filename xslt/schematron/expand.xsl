<?xml version="1.0" encoding="UTF-8"?>
<!--
  The stages before code generation: refuse what cannot run safely (tk:check),
  instantiate abstract patterns (tk:instantiate), inline abstract rules (tk:extend).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:sch="http://purl.oclc.org/dsdl/schematron"
    xmlns:tk="urn:teikit"
    exclude-result-prefixes="#all">

  <xsl:mode name="tk:check" on-no-match="shallow-skip"/>
  <xsl:mode name="tk:instantiate" on-no-match="shallow-copy"/>
  <xsl:mode name="tk:substitute" on-no-match="shallow-copy"/>
  <xsl:mode name="tk:extend" on-no-match="shallow-copy"/>

  <xsl:variable name="tk:bindings" as="xs:string*" select="('', 'xslt', 'xslt2', 'xslt3', 'xpath2', 'xpath3', 'xpath31')"/>

  <!-- Prefixes the generated stylesheet uses itself: a schema may bind them only to the same URI. -->
  <xsl:variable name="tk:reserved" as="map(xs:string, xs:string)" select="map {
      'xsl': 'http://www.w3.org/1999/XSL/Transform',
      'svrl': 'http://purl.oclc.org/dsdl/svrl',
      'tk': 'urn:teikit',
      'xs': 'http://www.w3.org/2001/XMLSchema',
      'xml': 'http://www.w3.org/XML/1998/namespace' }"/>

  <!-- XSLT a schema may embed at its top level (foreign elements of the xslt binding). -->
  <xsl:variable name="tk:allowed-top-level" as="xs:string*" select="('key', 'function')"/>

  <!-- XSLT that would read or write files at compile time or run dynamic code: never compiled. -->
  <xsl:variable name="tk:forbidden-xslt" as="xs:string*"
      select="('result-document', 'include', 'import', 'import-schema', 'use-package', 'evaluate', 'package')"/>

  <!-- ===================================================================== tk:check -->

  <xsl:template match="sch:schema" mode="tk:check">
    <xsl:variable name="binding" as="xs:string" select="lower-case(normalize-space(@queryBinding))"/>
    <xsl:if test="not($binding = $tk:bindings)">
      <xsl:sequence select="tk:fail('SCH002', 'queryBinding ''' || @queryBinding || ''' is not supported; use xslt2 or xslt3')"/>
    </xsl:if>
    <xsl:for-each select="xsl:*[not(local-name() = $tk:allowed-top-level)]">
      <xsl:sequence select="tk:fail('SCH003', name() || ' is not supported in a schema; only xsl:key and xsl:function may be embedded')"/>
    </xsl:for-each>
    <xsl:apply-templates select="@*, node()" mode="#current"/>
  </xsl:template>

  <xsl:template match="sch:ns" mode="tk:check">
    <xsl:if test="not(@prefix castable as xs:NCName) or not(@uri)">
      <xsl:sequence select="tk:fail('SCH004', 'sch:ns needs a prefix (an NCName) and a uri; found prefix=''' || @prefix || '''')"/>
    </xsl:if>
    <xsl:if test="map:contains($tk:reserved, string(@prefix)) and $tk:reserved(string(@prefix)) ne string(@uri)"
        xmlns:map="http://www.w3.org/2005/xpath-functions/map">
      <xsl:sequence select="tk:fail('SCH005', 'the prefix ''' || @prefix || ''' is reserved for ' || $tk:reserved(string(@prefix))
          || ' in the compiled stylesheet; bind ' || @uri || ' to another prefix')"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="sch:rule[not(@abstract = 'true')][not(parent::sch:rules)]" mode="tk:check">
    <xsl:if test="not(normalize-space(@context))">
      <xsl:sequence select="tk:fail('SCH006', 'a rule ' || tk:where(.) || ' has no context')"/>
    </xsl:if>
    <xsl:next-match/>
  </xsl:template>

  <xsl:template match="sch:assert | sch:report" mode="tk:check">
    <xsl:if test="not(normalize-space(@test))">
      <xsl:sequence select="tk:fail('SCH007', 'an sch:' || local-name() || ' ' || tk:where(.) || ' has no test')"/>
    </xsl:if>
    <xsl:next-match/>
  </xsl:template>

  <xsl:template match="xsl:*[local-name() = $tk:forbidden-xslt]" mode="tk:check" priority="2">
    <xsl:sequence select="tk:fail('SCH008', name() || ' ' || tk:where(.) || ' is refused: a schema may not read, write or evaluate code outside the document')"/>
  </xsl:template>

  <xsl:template match="xsl:*/@static | xsl:*/@use-when | @xsl:use-when | xsl:*/@*[starts-with(local-name(), '_')]"
      mode="tk:check" priority="2">
    <xsl:sequence select="tk:fail('SCH008', 'the attribute ' || name() || ' on ' || name(..) || ' ' || tk:where(..)
        || ' is refused: it is evaluated while compiling, outside the sealed processor')"/>
  </xsl:template>

  <xsl:template match="sch:extends[@href]" mode="tk:check">
    <xsl:sequence select="tk:fail('SCH011', 'sch:extends/@href ' || tk:where(.) || ' must be resolved before compiling')"/>
  </xsl:template>

  <xsl:template match="sch:include" mode="tk:check">
    <xsl:sequence select="tk:fail('SCH012', 'sch:include ' || tk:where(.) || ' must be resolved before compiling')"/>
  </xsl:template>

  <!-- Where an element sits, for messages: the nearest ids around it. -->
  <xsl:function name="tk:where" as="xs:string">
    <xsl:param name="node" as="element()"/>
    <xsl:variable name="pattern" as="element()?" select="$node/ancestor-or-self::sch:pattern[1]"/>
    <xsl:variable name="rule" as="element()?" select="$node/ancestor-or-self::sch:rule[1]"/>
    <xsl:sequence select="string-join((
        if ($pattern) then 'in pattern ' || (if ($pattern/@id) then '''' || $pattern/@id || '''' else '#' || count($pattern/preceding-sibling::sch:pattern) + 1) else 'at the top level',
        if ($rule/@context) then 'rule context ''' || $rule/@context || '''' else (),
        if ($node/@id) then 'id ''' || $node/@id || '''' else ()), ', ')"/>
  </xsl:function>

  <!-- ============================================================== tk:instantiate -->

  <xsl:template match="sch:pattern[@abstract = 'true']" mode="tk:instantiate"/>

  <xsl:template match="sch:pattern[@is-a]" mode="tk:instantiate">
    <xsl:variable name="abstract" as="element(sch:pattern)*"
        select="root()//sch:pattern[@abstract = 'true'][@id = current()/@is-a]"/>
    <xsl:if test="empty($abstract)">
      <xsl:sequence select="tk:fail('SCH020', 'pattern ' || (@id, '(no id)')[1] || ' is-a ''' || @is-a
          || ''', but there is no abstract pattern with that id')"/>
    </xsl:if>
    <xsl:variable name="parameters" as="map(xs:string, xs:string)"
        select="map:merge(sch:param ! map { string(@name): string(@value) })"
        xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
    <sch:pattern>
      <xsl:copy-of select="@* except (@is-a, @abstract)"/>
      <xsl:copy-of select="(sch:title, $abstract[1]/sch:title)[1]"/>
      <xsl:apply-templates select="$abstract[1]/node() except $abstract[1]/sch:title" mode="tk:substitute">
        <xsl:with-param name="parameters" as="map(xs:string, xs:string)" select="$parameters" tunnel="yes"/>
      </xsl:apply-templates>
    </sch:pattern>
  </xsl:template>

  <xsl:template match="sch:*/@*" mode="tk:substitute">
    <xsl:param name="parameters" as="map(xs:string, xs:string)" tunnel="yes"/>
    <xsl:attribute name="{name()}" namespace="{namespace-uri()}" select="tk:substitute(., $parameters)"/>
  </xsl:template>

  <!-- Replace each $name whose name is a parameter by the parameter's value (other variables stay). -->
  <xsl:function name="tk:substitute" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="parameters" as="map(xs:string, xs:string)"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:analyze-string select="$text" regex="\$([\i-[:]][\c-[:]]*)">
        <xsl:matching-substring>
          <xsl:sequence select="(map:get($parameters, regex-group(1)), .)[1]"
              xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
        </xsl:matching-substring>
        <xsl:non-matching-substring>
          <xsl:sequence select="."/>
        </xsl:non-matching-substring>
      </xsl:analyze-string>
    </xsl:variable>
    <xsl:sequence select="string-join($parts)"/>
  </xsl:function>

  <!-- ================================================================== tk:extend -->

  <xsl:template match="sch:rule[@abstract = 'true']" mode="tk:extend"/>

  <xsl:template match="sch:extends[@rule]" mode="tk:extend">
    <xsl:param name="seen" as="xs:string*" select="()" tunnel="yes"/>
    <xsl:variable name="id" as="xs:string" select="string(@rule)"/>
    <xsl:variable name="candidates" as="element(sch:rule)*"
        select="(ancestor::sch:pattern//sch:rule[@abstract = 'true'][@id = $id],
            root()//sch:rule[@abstract = 'true' or parent::sch:rules][@id = $id])"/>
    <xsl:if test="empty($candidates)">
      <xsl:sequence select="tk:fail('SCH021', 'sch:extends ' || tk:where(.) || ' names rule ''' || $id
          || ''', but there is no abstract rule with that id')"/>
    </xsl:if>
    <xsl:if test="$id = $seen">
      <xsl:sequence select="tk:fail('SCH022', 'abstract rule ''' || $id || ''' extends itself')"/>
    </xsl:if>
    <xsl:apply-templates select="$candidates[1]/node() except $candidates[1]/sch:title" mode="#current">
      <xsl:with-param name="seen" as="xs:string*" select="($seen, $id)" tunnel="yes"/>
    </xsl:apply-templates>
  </xsl:template>

</xsl:stylesheet>
