<?xml version="1.0" encoding="UTF-8"?>
<!--
  Code generation: an expanded schema (no includes, abstract patterns or abstract rules left)
  becomes an XSLT 3.0 stylesheet writing SVRL.

  Each active pattern gets its own mode; its rules are template rules whose priorities follow
  document order, so within a pattern a node is handled by the first rule that matches it.
  A pattern applies its templates to a flat sequence of nodes, not through a recursive walk:
  when its contexts allow, only the nodes they can match (//context, an indexed scan for a name
  test), and not at all when a name every context needs is absent from the document; otherwise
  every node of the kinds its contexts can match. Either way every pattern sees every node it
  could fire on, as ISO Schematron requires.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:sch="http://purl.oclc.org/dsdl/schematron"
    xmlns:svrl="http://purl.oclc.org/dsdl/svrl"
    xmlns:axsl="urn:teikit:generated-xslt"
    xmlns:tk="urn:teikit"
    exclude-result-prefixes="#all">

  <xsl:namespace-alias stylesheet-prefix="axsl" result-prefix="xsl"/>

  <xsl:mode name="tk:transpile" on-no-match="shallow-skip"/>
  <xsl:mode name="tk:message" on-no-match="shallow-skip"/>

  <xsl:key name="tk:diagnostic" match="sch:diagnostic" use="@id"/>
  <xsl:key name="tk:property" match="sch:property" use="@id"/>

  <!-- ==================================================================== schema -->

  <xsl:template match="sch:schema" mode="tk:transpile">
    <xsl:param name="phase" as="element(sch:phase)?" tunnel="yes"/>
    <xsl:variable name="patterns" as="element(sch:pattern)*"
        select="if ($phase) then sch:pattern[@id = $phase/sch:active/@pattern] else sch:pattern"/>
    <xsl:variable name="namespaces" as="element(sch:ns)*" select="tk:namespaces(.)"/>
    <axsl:stylesheet version="3.0" exclude-result-prefixes="#all">
      <xsl:for-each select="$namespaces">
        <xsl:namespace name="{@prefix}" select="string(@uri)"/>
      </xsl:for-each>
      <xsl:namespace name="tk" select="'urn:teikit'"/>
      <xsl:namespace name="xs" select="'http://www.w3.org/2001/XMLSchema'"/>
      <xsl:namespace name="svrl" select="'http://purl.oclc.org/dsdl/svrl'"/>
      <axsl:output method="xml" encoding="UTF-8" indent="no"/>

      <xsl:copy-of select="xsl:key | xsl:function"/>
      <xsl:apply-templates select="sch:let, $phase/sch:let, tk:global-pattern-lets($patterns, (sch:let, $phase/sch:let))"
          mode="tk:global"/>

      <axsl:template match="/">
        <svrl:schematron-output title="{tk:avt(normalize-space(sch:title))}" schemaVersion="{tk:avt(@schemaVersion)}"
            phase="{tk:avt(($phase/@id, '#ALL')[1])}">
          <xsl:for-each select="$namespaces">
            <svrl:ns-prefix-in-attribute-values prefix="{@prefix}" uri="{tk:avt(@uri)}"/>
          </xsl:for-each>
          <axsl:variable name="tk:elements" as="node()*" select="(., descendant::*)"/>
          <axsl:variable name="tk:with-attributes" as="node()*" select="(., descendant::*) ! (., @*)"/>
          <axsl:variable name="tk:nodes" as="node()*" select="descendant-or-self::node()"/>
          <axsl:variable name="tk:all" as="node()*" select="descendant-or-self::node() ! (., @*)"/>
          <xsl:for-each select="$patterns">
            <svrl:active-pattern>
              <xsl:for-each select="@id | @role">
                <xsl:attribute name="{local-name()}" select="tk:avt(.)"/>
              </xsl:for-each>
              <xsl:if test="sch:title">
                <xsl:attribute name="name" select="tk:avt(normalize-space(sch:title))"/>
              </xsl:if>
            </svrl:active-pattern>
            <xsl:variable name="call" as="element()">
              <axsl:call-template name="tk:pattern-{position()}">
                <axsl:with-param name="tk:nodes" select="{(tk:candidates(.), '$tk:' || tk:node-kinds(.))[1]}"/>
              </axsl:call-template>
            </xsl:variable>
            <xsl:variable name="required" as="xs:string*" select="tk:required-names(., $namespaces)"/>
            <xsl:choose>
              <xsl:when test="exists($required)">
                <axsl:if test="exists(({string-join($required, ', ')}))">
                  <xsl:sequence select="$call"/>
                </axsl:if>
              </xsl:when>
              <xsl:otherwise>
                <xsl:sequence select="$call"/>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </svrl:schematron-output>
      </axsl:template>

      <xsl:for-each select="$patterns">
        <xsl:apply-templates select="." mode="tk:transpile">
          <xsl:with-param name="number" as="xs:integer" select="position()"/>
          <xsl:with-param name="global-lets" as="element(sch:let)*" tunnel="yes"
              select="tk:global-pattern-lets($patterns, (../sch:let, $phase/sch:let))"/>
        </xsl:apply-templates>
      </xsl:for-each>

      <xsl:call-template name="tk:location-functions"/>
    </axsl:stylesheet>
  </xsl:template>

  <!-- sch:ns first, then the prefixes bound on the schema element; one binding per prefix. -->
  <xsl:function name="tk:namespaces" as="element(sch:ns)*">
    <xsl:param name="schema" as="element(sch:schema)"/>
    <xsl:variable name="declared" as="element(sch:ns)*">
      <xsl:sequence select="$schema/sch:ns"/>
      <xsl:for-each select="in-scope-prefixes($schema)[. ne '']">
        <sch:ns prefix="{.}" uri="{namespace-uri-for-prefix(., $schema)}"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:for-each-group select="$declared[not(@prefix = ('xml', 'xsl', 'svrl', 'tk', 'xs'))]" group-by="string(@prefix)">
      <xsl:sequence select="current-group()[1]"/>
    </xsl:for-each-group>
  </xsl:function>

  <!-- Which flat node sequence a pattern must visit: attributes and text only when a context could match them. -->
  <xsl:function name="tk:node-kinds" as="xs:string">
    <xsl:param name="pattern" as="element(sch:pattern)"/>
    <xsl:variable name="contexts" as="xs:string" select="tk:without-predicates(string-join($pattern/sch:rule/@context, ' '))"/>
    <xsl:variable name="dynamic" as="xs:boolean" select="matches($contexts, '\$|key\s*\(|id\s*\(|root\s*\(|element-with-id')"/>
    <xsl:variable name="attributes" as="xs:boolean" select="$dynamic or matches($contexts, '@|attribute|node\s*\(')"/>
    <xsl:variable name="others" as="xs:boolean"
        select="$dynamic or matches($contexts, 'node\s*\(|text\s*\(|comment\s*\(|processing-instruction')"/>
    <xsl:sequence select="if ($attributes and $others) then 'all' else if ($attributes) then 'with-attributes'
        else if ($others) then 'nodes' else 'elements'"/>
  </xsl:function>

  <!-- The nodes a pattern's rules can match, as one expression evaluated from the document node:
       a node matches a pattern P when it is among root//(P), so the pattern visits only those
       (a name test becomes a fast indexed scan). Contexts rooted at '/', calling functions, or
       using variables or current() keep the general walk over every node. -->
  <xsl:function name="tk:candidates" as="xs:string?">
    <xsl:param name="pattern" as="element(sch:pattern)"/>
    <xsl:variable name="contexts" as="xs:string*" select="$pattern/sch:rule/normalize-space(@context)"/>
    <xsl:variable name="kind-tests" as="xs:string"
        select="'^(node|text|comment|processing-instruction|element|attribute|schema-element|schema-attribute)$'"/>
    <xsl:variable name="general" as="xs:boolean*" select="
        for $context in $contexts,
            $outer in tk:without-predicates($context)
        return starts-with($outer, '/') or starts-with($outer, '.') or contains($context, '$') or contains($context, 'current(')
            or contains($outer, 'document-node') or contains($outer, '(:')
            or (some $call in tokenize($outer, '\(')[position() lt last()]
                satisfies not(matches(replace($call, '^.*[^\i\c]', ''), $kind-tests)))"/>
    <xsl:if test="exists($contexts) and not($general = true())">
      <xsl:sequence select="string-join(
          for $branch in $contexts ! tk:branches(.)
          return if (starts-with($branch, '(')) then '//(' || $branch || ')' else '//' || $branch, ' | ')"/>
    </xsl:if>
  </xsl:function>

  <!-- The alternatives of a context at its top level: 'a | b[x|y]' gives 'a' and 'b[x|y]'. -->
  <xsl:function name="tk:branches" as="xs:string*">
    <xsl:param name="context" as="xs:string"/>
    <xsl:iterate select="tokenize($context, '\|')">
      <xsl:param name="pending" as="xs:string?" select="()"/>
      <xsl:on-completion>
        <xsl:sequence select="if (exists($pending)) then normalize-space($pending) else ()"/>
      </xsl:on-completion>
      <xsl:variable name="joined" as="xs:string" select="if (exists($pending)) then $pending || '|' || . else ."/>
      <xsl:choose>
        <xsl:when test="tk:balanced($joined)">
          <xsl:sequence select="normalize-space($joined)"/>
          <xsl:next-iteration>
            <xsl:with-param name="pending" select="()"/>
          </xsl:next-iteration>
        </xsl:when>
        <xsl:otherwise>
          <xsl:next-iteration>
            <xsl:with-param name="pending" select="$joined"/>
          </xsl:next-iteration>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:iterate>
  </xsl:function>

  <xsl:function name="tk:balanced" as="xs:boolean">
    <xsl:param name="text" as="xs:string"/>
    <xsl:variable name="count" as="function(xs:string) as xs:integer"
        select="function($c as xs:string) as xs:integer { string-length($text) - string-length(translate($text, $c, '')) }"/>
    <xsl:sequence select="$count('[') eq $count(']') and $count('(') eq $count(')')
        and $count('''') mod 2 eq 0 and $count('&quot;') mod 2 eq 0"/>
  </xsl:function>

  <!-- Paths to the names one of which must occur in a document for a pattern's rules to
       match anything there: the element or attribute named by each context's last step. Empty when
       some context could match without a fixed name. -->
  <xsl:function name="tk:required-names" as="xs:string*">
    <xsl:param name="pattern" as="element(sch:pattern)"/>
    <xsl:param name="namespaces" as="element(sch:ns)*"/>
    <xsl:if test="empty(tk:candidates($pattern))">
      <xsl:sequence select="()"/>
    </xsl:if>
    <xsl:variable name="names" as="xs:string*" select="
        if (empty(tk:candidates($pattern))) then ()
        else for $branch in $pattern/sch:rule/@context ! tk:branches(normalize-space(.))
          return tk:required-name($branch, $namespaces)"/>
    <xsl:sequence select="if (count($names) eq count($pattern/sch:rule/@context ! tk:branches(normalize-space(.))) and not($names = ''))
        then distinct-values($names) else ()"/>
  </xsl:function>

  <xsl:function name="tk:required-name" as="xs:string">
    <xsl:param name="branch" as="xs:string"/>
    <xsl:param name="namespaces" as="element(sch:ns)*"/>
    <xsl:variable name="ncname" as="xs:string" select="'[\i-[:]][\c-[:]]*'"/>
    <xsl:variable name="outer" as="xs:string" select="tk:without-predicates($branch)"/>
    <xsl:variable name="last" as="xs:string" select="tokenize($outer, '/')[last()]"/>
    <xsl:variable name="attribute-wildcard" as="xs:string"
        select="'^.*(^|/)(' || $ncname || ':)?\*\[\s*@(' || $ncname || ':)?(' || $ncname || ')\s*\]$'"/>
    <xsl:choose>
      <xsl:when test="matches($last, '^@?(' || $ncname || ':)?' || $ncname || '$')">
        <xsl:variable name="qname" as="xs:string" select="replace($last, '^@', '')"/>
        <xsl:variable name="prefix" as="xs:string" select="if (contains($qname, ':')) then substring-before($qname, ':') else ''"/>
        <xsl:variable name="uri" as="xs:string?" select="if ($prefix eq '') then '' else $namespaces[@prefix eq $prefix][1]/@uri"/>
        <xsl:sequence select="if (exists($uri)) then tk:name-path(starts-with($last, '@'), $uri, replace($qname, '^.*:', '')) else ''"/>
      </xsl:when>
      <xsl:when test="matches($branch, $attribute-wildcard) and not(contains(replace($branch, '\[[^\]]*\]$', ''), '['))">
        <xsl:variable name="prefix" as="xs:string" select="replace(replace($branch, $attribute-wildcard, '$3'), ':$', '')"/>
        <xsl:variable name="uri" as="xs:string?" select="if ($prefix eq '') then '' else $namespaces[@prefix eq $prefix][1]/@uri"/>
        <xsl:sequence select="if (exists($uri)) then tk:name-path(true(), $uri, replace($branch, $attribute-wildcard, '$4')) else ''"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="''"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- A path finding the elements or attributes of that name anywhere (an indexed scan in Saxon). -->
  <xsl:function name="tk:name-path" as="xs:string">
    <xsl:param name="attribute" as="xs:boolean"/>
    <xsl:param name="uri" as="xs:string"/>
    <xsl:param name="local" as="xs:string"/>
    <xsl:sequence select="'//' || (if ($attribute) then '@' else '') || 'Q{' || $uri || '}' || $local"/>
  </xsl:function>

  <!-- A context without its predicates: what is tested there does not decide which nodes can match. -->
  <xsl:function name="tk:without-predicates" as="xs:string">
    <xsl:param name="context" as="xs:string"/>
    <xsl:variable name="inner" as="xs:string" select="replace($context, '\[[^\[\]]*\]', '')"/>
    <xsl:sequence select="if ($inner eq $context) then $context else tk:without-predicates($inner)"/>
  </xsl:function>

  <!-- ================================================================= variables -->

  <xsl:mode name="tk:global" on-no-match="fail"/>
  <xsl:mode name="tk:local" on-no-match="fail"/>

  <xsl:template match="sch:let" mode="tk:global tk:local">
    <axsl:variable name="{@name}">
      <xsl:call-template name="tk:compatibility"/>
      <xsl:copy-of select="@as"/>
      <xsl:choose>
        <xsl:when test="@value">
          <xsl:attribute name="select" select="@value"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:copy-of select="node()"/>
        </xsl:otherwise>
      </xsl:choose>
    </axsl:variable>
  </xsl:template>

  <!-- Schemas written for XSLT 1 (queryBinding xslt or none) get XPath 1.0 compatibility mode
       where their expressions are evaluated: '@n = 1' on n="(a)" is then false, not an error. -->
  <xsl:template name="tk:compatibility">
    <xsl:context-item as="element()" use="required"/>
    <xsl:if test="lower-case(normalize-space(root()/sch:schema/@queryBinding)) = ('', 'xslt')">
      <xsl:attribute name="version" select="'1.0'"/>
    </xsl:if>
  </xsl:template>

  <!-- Pattern-level lets become global variables (evaluated once per document, like pattern lets,
       and visible to rule contexts too) when none of their pattern's lets shares a name with any
       other let; otherwise the pattern passes them to its rules as parameters. -->
  <xsl:function name="tk:global-pattern-lets" as="element(sch:let)*">
    <xsl:param name="patterns" as="element(sch:pattern)*"/>
    <xsl:param name="top-lets" as="element(sch:let)*"/>
    <xsl:variable name="names" as="xs:string*" select="($top-lets, $patterns/sch:let)/string(@name)"/>
    <xsl:sequence select="$patterns[every $let in sch:let satisfies count(index-of($names, string($let/@name))) eq 1]/sch:let"/>
  </xsl:function>

  <!-- =================================================================== pattern -->

  <xsl:template match="sch:pattern" mode="tk:transpile">
    <xsl:param name="number" as="xs:integer"/>
    <xsl:param name="global-lets" as="element(sch:let)*" tunnel="yes"/>
    <xsl:variable name="rules" as="element(sch:rule)*" select="sch:rule"/>
    <xsl:variable name="lets" as="element(sch:let)*" select="sch:let except $global-lets"/>
    <axsl:mode name="tk:p{$number}" on-no-match="deep-skip"/>
    <!-- deep-skip still processes a document node's children: the root element would then be
         checked twice, once from the node list and once as the document's child. -->
    <axsl:template match="document-node()" mode="tk:p{$number}" priority="-100"/>
    <axsl:template name="tk:pattern-{$number}">
      <xsl:call-template name="tk:compatibility"/>
      <axsl:param name="tk:nodes" as="node()*"/>
      <xsl:apply-templates select="$lets" mode="tk:local"/>
      <axsl:apply-templates select="$tk:nodes" mode="tk:p{$number}">
        <xsl:for-each select="$lets">
          <axsl:with-param name="{@name}" select="${@name}"/>
        </xsl:for-each>
      </axsl:apply-templates>
    </axsl:template>
    <xsl:for-each select="$rules">
      <xsl:apply-templates select="." mode="tk:transpile">
        <xsl:with-param name="mode" as="xs:string" select="'tk:p' || $number"/>
        <xsl:with-param name="priority" as="xs:integer" select="count($rules) - position() + 1"/>
        <xsl:with-param name="pattern-lets" as="element(sch:let)*" select="$lets"/>
      </xsl:apply-templates>
    </xsl:for-each>
  </xsl:template>

  <!-- ====================================================================== rule -->

  <xsl:template match="sch:rule" mode="tk:transpile">
    <xsl:param name="mode" as="xs:string"/>
    <xsl:param name="priority" as="xs:integer"/>
    <xsl:param name="pattern-lets" as="element(sch:let)*"/>
    <axsl:template match="{@context}" mode="{$mode}" priority="{$priority}">
      <xsl:call-template name="tk:compatibility"/>
      <xsl:for-each select="$pattern-lets">
        <axsl:param name="{@name}"/>
      </xsl:for-each>
      <axsl:if test="$tk:fired-rules">
        <svrl:fired-rule context="{tk:avt(@context)}">
          <xsl:for-each select="@id | @role | @flag">
            <xsl:attribute name="{local-name()}" select="tk:avt(.)"/>
          </xsl:for-each>
        </svrl:fired-rule>
      </axsl:if>
      <xsl:apply-templates select="sch:let" mode="tk:local"/>
      <xsl:apply-templates select="sch:assert | sch:report" mode="tk:transpile"/>
    </axsl:template>
  </xsl:template>

  <!-- ============================================================ assert, report -->

  <xsl:template match="sch:assert" mode="tk:transpile">
    <axsl:if test="not(({@test}))">
      <svrl:failed-assert>
        <xsl:call-template name="tk:finding"/>
      </svrl:failed-assert>
    </axsl:if>
  </xsl:template>

  <xsl:template match="sch:report" mode="tk:transpile">
    <axsl:if test="{@test}">
      <svrl:successful-report>
        <xsl:call-template name="tk:finding"/>
      </svrl:successful-report>
    </axsl:if>
  </xsl:template>

  <xsl:template name="tk:finding">
    <xsl:context-item as="element()" use="required"/>
    <xsl:variable name="assertion" as="element()" select="."/>
    <xsl:attribute name="test" select="tk:avt(@test)"/>
    <xsl:for-each select="@id | @role | @flag | @see">
      <xsl:attribute name="{local-name()}" select="tk:avt(.)"/>
    </xsl:for-each>
    <xsl:if test="not(@role) and ../@role">
      <xsl:attribute name="role" select="tk:avt(../@role)"/>
    </xsl:if>
    <xsl:variable name="subject" as="xs:string?" select="(@subject, ../@subject)[1]"/>
    <axsl:attribute name="location"
        select="tk:location({if ($subject) then '((' || $subject || ')[1], .)[1]' else '.'})"/>
    <xsl:for-each select="tokenize(@diagnostics)">
      <xsl:variable name="diagnostic" as="element(sch:diagnostic)*" select="key('tk:diagnostic', ., root($assertion))"/>
      <xsl:if test="empty($diagnostic)">
        <xsl:sequence select="tk:fail('SCH030', 'diagnostic ''' || . || ''' ' || tk:where($assertion) || ' is not defined in sch:diagnostics')"/>
      </xsl:if>
      <svrl:diagnostic-reference diagnostic="{tk:avt(.)}">
        <svrl:text>
          <xsl:apply-templates select="$diagnostic[1]/node()" mode="tk:message"/>
        </svrl:text>
      </svrl:diagnostic-reference>
    </xsl:for-each>
    <xsl:for-each select="tokenize(@properties)">
      <xsl:variable name="property" as="element(sch:property)*" select="key('tk:property', ., root($assertion))"/>
      <xsl:if test="empty($property)">
        <xsl:sequence select="tk:fail('SCH031', 'property ''' || . || ''' ' || tk:where($assertion) || ' is not defined in sch:properties')"/>
      </xsl:if>
      <svrl:property-reference property="{tk:avt(.)}">
        <xsl:for-each select="$property[1]/(@role | @scheme)">
          <xsl:attribute name="{local-name()}" select="tk:avt(.)"/>
        </xsl:for-each>
        <svrl:text>
          <xsl:apply-templates select="$property[1]/node()" mode="tk:message"/>
        </svrl:text>
      </svrl:property-reference>
    </xsl:for-each>
    <svrl:text>
      <xsl:apply-templates select="node()" mode="tk:message"/>
    </svrl:text>
  </xsl:template>

  <!-- =================================================================== message -->

  <xsl:template match="text()" mode="tk:message">
    <axsl:text>
      <xsl:value-of select="."/>
    </axsl:text>
  </xsl:template>

  <xsl:template match="sch:value-of" mode="tk:message">
    <axsl:value-of select="{@select}"/>
  </xsl:template>

  <xsl:template match="sch:name" mode="tk:message">
    <axsl:value-of select="name(({(@path, '.')[1]})[1])"/>
  </xsl:template>

  <xsl:template match="sch:emph" mode="tk:message">
    <svrl:emph>
      <xsl:apply-templates mode="#current"/>
    </svrl:emph>
  </xsl:template>

  <xsl:template match="sch:dir" mode="tk:message">
    <svrl:dir>
      <xsl:for-each select="@value">
        <xsl:attribute name="value" select="tk:avt(.)"/>
      </xsl:for-each>
      <xsl:apply-templates mode="#current"/>
    </svrl:dir>
  </xsl:template>

  <xsl:template match="sch:span" mode="tk:message">
    <svrl:span>
      <xsl:for-each select="@class">
        <xsl:attribute name="class" select="tk:avt(.)"/>
      </xsl:for-each>
      <xsl:apply-templates mode="#current"/>
    </svrl:span>
  </xsl:template>

  <!-- ========================================================= location helpers -->

  <!-- A precise path to any node: /Q{ns}name[n] steps, /@name for attributes, text()[n] and the like. -->
  <xsl:template name="tk:location-functions">
    <axsl:param name="tk:fired-rules" as="xs:boolean" select="{if ($tk:fired-rules) then 'true()' else 'false()'}"/>
    <axsl:function name="tk:location" as="xs:string">
      <axsl:param name="node" as="node()"/>
      <axsl:sequence select="if ($node instance of document-node()) then '/'
          else string-join($node/ancestor-or-self::node()[parent::node()] ! tk:step(.))"/>
    </axsl:function>
    <axsl:function name="tk:step" as="xs:string">
      <axsl:param name="node" as="node()"/>
      <axsl:sequence select="
          if ($node instance of element()) then
            '/' || tk:name($node) || '[' || tk:number($node) || ']'
          else if ($node instance of attribute()) then '/@' || tk:name($node)
          else if ($node instance of text()) then '/text()[' || (count($node/preceding-sibling::text()) + 1) || ']'
          else if ($node instance of comment()) then '/comment()[' || (count($node/preceding-sibling::comment()) + 1) || ']'
          else if ($node instance of processing-instruction()) then '/processing-instruction(' || local-name($node) || ')['
            || (count($node/preceding-sibling::processing-instruction()[local-name() eq local-name($node)]) + 1) || ']'
          else ''"/>
    </axsl:function>
    <!-- An element's position among its same-named siblings. Counting preceding siblings is
         quadratic when a long list has a finding on every item, so past a few dozen siblings the
         positions come from one table of the whole document, built on first use. -->
    <axsl:function name="tk:number" as="xs:integer">
      <axsl:param name="node" as="element()"/>
      <axsl:sequence select="if (empty($node/../*[49]))
          then count($node/preceding-sibling::*[node-name(.) eq node-name($node)]) + 1
          else $tk:positions(generate-id($node))"/>
    </axsl:function>
    <axsl:variable name="tk:positions" as="map(xs:string, xs:integer)">
      <axsl:map>
        <axsl:for-each-group select="//*[*[49]]/*" group-by="generate-id(..), string(node-name())" composite="yes">
          <axsl:for-each select="current-group()">
            <axsl:map-entry key="generate-id()" select="position()"/>
          </axsl:for-each>
        </axsl:for-each-group>
      </axsl:map>
    </axsl:variable>
    <axsl:function name="tk:name" as="xs:string">
      <axsl:param name="node" as="node()"/>
      <axsl:sequence select="if (namespace-uri($node) eq '') then local-name($node)
          else 'Q{{' || namespace-uri($node) || '}}' || local-name($node)"/>
    </axsl:function>
  </xsl:template>

  <!-- Text made safe for an attribute value template of the generated stylesheet. -->
  <xsl:function name="tk:avt" as="xs:string">
    <xsl:param name="text" as="xs:string?"/>
    <xsl:sequence select="replace(replace(string($text), '\{', '{{'), '\}', '}}')"/>
  </xsl:function>

</xsl:stylesheet>
