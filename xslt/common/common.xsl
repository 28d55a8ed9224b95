<?xml version="1.0" encoding="UTF-8"?>
<!--
  Everything an output format shares: import this one file.
  - params.xsl      tk:fixed-date, tk:collation-order
  - normalise.xsl   brings TEI P4 / un-namespaced documents into the TEI namespace ($tk:source)
  - functions.xsl   look-ups (tk:entry, tk:register-of), names, sort keys, dates, anchors
  - registers.xsl   what the person, place and organisation indexes contain
  - behaviours.xsl  what each TEI element is (block, heading, inline, note, link, alternate),
                    rendered through named templates an output format may override
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tk="urn:teikit"
    exclude-result-prefixes="#all">
  <xsl:include href="params.xsl"/>
  <xsl:include href="normalise.xsl"/>
  <xsl:include href="functions.xsl"/>
  <xsl:include href="registers.xsl"/>
  <xsl:include href="behaviours.xsl"/>
</xsl:stylesheet>
