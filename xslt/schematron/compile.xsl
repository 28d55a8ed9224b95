<?xml version="1.0" encoding="UTF-8"?>
<!--
  ISO Schematron (query bindings xslt2, xslt3, and xslt/missing read as xslt2) to an XSLT 3.0
  stylesheet that writes SVRL.

  Input: a schema whose sch:include elements were already replaced by what they point at
  (the toolkit resolves them in Python, confined to the schema's folder).
  Stages, each a declared mode: tk:check (refuse what we cannot run safely),
  tk:instantiate (abstract patterns), tk:extend (abstract rules), tk:transpile (the XSLT).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:sch="http://purl.oclc.org/dsdl/schematron"
    xmlns:tk="urn:teikit"
    exclude-result-prefixes="#all">

  <xsl:import href="expand.xsl"/>
  <xsl:import href="transpile.xsl"/>

  <xsl:param name="tk:phase" as="xs:string" select="''">
    <!-- The phase to compile: a phase id, '#ALL', or '' for the schema's defaultPhase (else #ALL). -->
  </xsl:param>

  <xsl:param name="tk:fired-rules" as="xs:boolean" select="false()">
    <!-- Emit svrl:fired-rule for every rule firing (costly on big documents; the toolkit does not need it). -->
  </xsl:param>

  <xsl:mode on-no-match="fail"/>

  <xsl:template match="/" as="document-node()">
    <xsl:variable name="schema" as="element()?" select="sch:schema"/>
    <xsl:if test="empty($schema)">
      <xsl:sequence select="tk:fail('SCH001', 'the root element is ' || name(*) || ' in namespace ''' || namespace-uri(*)
          || ''', not an ISO Schematron schema (http://purl.oclc.org/dsdl/schematron)')"/>
    </xsl:if>
    <xsl:apply-templates select="$schema" mode="tk:check"/>
    <xsl:variable name="instantiated" as="document-node()">
      <xsl:document>
        <xsl:apply-templates select="$schema" mode="tk:instantiate"/>
      </xsl:document>
    </xsl:variable>
    <xsl:variable name="extended" as="document-node()">
      <xsl:document>
        <xsl:apply-templates select="$instantiated/sch:schema" mode="tk:extend"/>
      </xsl:document>
    </xsl:variable>
    <xsl:document>
      <xsl:apply-templates select="$extended/sch:schema" mode="tk:transpile">
        <xsl:with-param name="phase" as="element(sch:phase)?" select="tk:phase($extended/sch:schema)" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:document>
  </xsl:template>

  <!-- The phase element to compile, or () for #ALL. -->
  <xsl:function name="tk:phase" as="element(sch:phase)?">
    <xsl:param name="schema" as="element(sch:schema)"/>
    <xsl:variable name="wanted" as="xs:string"
        select="if ($tk:phase ne '') then $tk:phase else ($schema/@defaultPhase/string(), '#ALL')[1]"/>
    <xsl:choose>
      <xsl:when test="$wanted = ('#ALL', '#DEFAULT') and not($wanted eq '#DEFAULT' and $schema/@defaultPhase)"/>
      <xsl:when test="$wanted eq '#DEFAULT'">
        <xsl:sequence select="tk:phase-named($schema, $schema/@defaultPhase)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="tk:phase-named($schema, $wanted)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <xsl:function name="tk:phase-named" as="element(sch:phase)">
    <xsl:param name="schema" as="element(sch:schema)"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="phase" as="element(sch:phase)*" select="$schema/sch:phase[@id eq $id]"/>
    <xsl:sequence select="if (exists($phase)) then $phase[1] else tk:fail('SCH010', 'there is no phase ''' || $id
        || '''; the schema defines ' || (if ($schema/sch:phase) then string-join($schema/sch:phase/@id, ', ')
        else 'no phases') || ' (or use #ALL)')"/>
  </xsl:function>

  <!-- Stop with a sentence the toolkit shows to the user as it is. -->
  <xsl:function name="tk:fail" as="item()*">
    <xsl:param name="code" as="xs:string"/>
    <xsl:param name="message" as="xs:string"/>
    <xsl:sequence select="error(QName('urn:teikit', 'tk:' || $code), 'Schematron: ' || $message || '.')"/>
  </xsl:function>

</xsl:stylesheet>
